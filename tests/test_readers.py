"""Reading .docx/.pdf files: their structure, and one test per bad-file case.

Encodings and legacy fonts are in test_readers_encodings.py; the helpers are in
tests.support_readers.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from docx import Document as WordDocument
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from pypdf import PdfReader
from pypdf.errors import DependencyError

from knowledge.parse.readers import ReadError, read_bytes, read_file
from tests.support_readers import DEJAVU, SENTENCE, make_docx, make_pdf, read_error

# --- good files ---------------------------------------------------------------------------


def test_docx_reads_paragraphs_and_header_table(tmp_path: Path) -> None:
    path = tmp_path / "34-HD.docx"
    path.write_bytes(make_docx())
    result = read_file(path)
    lines = result.text.split("\n")
    assert result.format == "docx"
    assert "Số 34-HD/ĐU" in lines
    assert "TP. Hồ Chí Minh, ngày 15 tháng 6 năm 2022" in lines
    row = "Ban Tuyên giáo | trước ngày 30/6/2022"  # a data table: a row a line
    assert lines.index("Số 34-HD/ĐU") < lines.index("HƯỚNG DẪN") < lines.index(row)
    assert "Đơn vị | Thời hạn" in lines


def test_pdf_with_text_layer(tmp_path: Path) -> None:
    path = tmp_path / "89-KH.pdf"
    path.write_bytes(make_pdf(["Số 89-KH/TU", SENTENCE]))
    result = read_file(path)
    assert result.format == "pdf"
    assert "89-KH/TU" in result.text
    if DEJAVU.exists():
        assert SENTENCE in result.text


TEXT_BOX = """<w:p %s xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"
  xmlns:v="urn:schemas-microsoft-com:vml"><w:r><mc:AlternateContent>
  <mc:Choice Requires="wps"><w:drawing><w:txbxContent><w:p><w:r><w:t>Số 12-KH/ĐU</w:t></w:r>
  </w:p></w:txbxContent></w:drawing></mc:Choice>
  <mc:Fallback><w:pict><v:textbox><w:txbxContent><w:p><w:r><w:t>Số 12-KH/ĐU</w:t></w:r></w:p>
  </w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"""


def test_docx_text_box_is_read_once() -> None:
    doc = WordDocument()
    doc.element.body.insert(0, parse_xml(TEXT_BOX % nsdecls("w")))
    doc.add_paragraph("KẾ HOẠCH")
    out = io.BytesIO()
    doc.save(out)
    lines = read_bytes(out.getvalue(), "hop-chu.docx").text.split("\n")
    assert lines.count("Số 12-KH/ĐU") == 1
    assert lines.index("Số 12-KH/ĐU") < lines.index("KẾ HOẠCH")


# --- bad files: one test per case, asserting the message ----------------------------------


def test_empty_file() -> None:
    assert read_error(b"", "rong.txt") == "rong.txt: tệp rỗng, không có nội dung."


def test_whitespace_only_file() -> None:
    assert "rỗng" in read_error(b"  \n\r\n ", "trang.docx")


def test_truncated_docx() -> None:
    data = make_docx()
    assert "bị hỏng hoặc không đầy đủ" in read_error(data[: len(data) // 2], "cut.docx")


def test_truncated_pdf() -> None:
    data = make_pdf(["Số 89-KH/TU"])
    assert "không đầy đủ" in read_error(data[: len(data) // 2], "cut.pdf")


def test_corrupt_pdf_body() -> None:
    message = read_error(b"%PDF-1.4\n garbage garbage\n%%EOF\n", "hong.pdf")
    assert message == "hong.pdf: tệp PDF bị hỏng, không đọc được nội dung."


def test_pdf_named_docx() -> None:
    message = read_error(make_pdf(["x"]), "34-HD.docx")
    assert "đuôi .docx nhưng thực ra là PDF" in message
    assert "đổi đuôi tệp thành .pdf" in message


def test_docx_named_pdf() -> None:
    assert "đuôi .pdf nhưng thực ra là Word (.docx)" in read_error(make_docx(), "a.pdf")


def test_text_named_pdf() -> None:
    assert "nội dung là tệp văn bản" in read_error(SENTENCE.encode(), "a.pdf")


def test_zip_that_is_not_word() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    assert "không phải văn bản Word" in read_error(out.getvalue(), "bang.docx")


def test_password_protected_pdf() -> None:
    message = read_error(make_pdf(["Số 89-KH/TU"], password="bimat"), "mat.pdf")
    assert message == "mat.pdf: PDF được đặt mật khẩu; hãy gỡ mật khẩu rồi gửi lại."


def test_aes_pdf_without_the_crypto_package(monkeypatch: pytest.MonkeyPatch) -> None:
    # pypdf needs `cryptography` for AES; should it be missing, the message says what to do.
    def no_aes(self: PdfReader, password: str) -> None:
        raise DependencyError("cryptography is required for AES algorithm")

    monkeypatch.setattr(PdfReader, "decrypt", no_aes)
    message = read_error(make_pdf(["Số 89-KH/TU"], password="bimat"), "aes.pdf")
    assert message.startswith("aes.pdf: PDF được mã hóa bảo vệ (AES)")


def test_encrypted_docx() -> None:
    # Word saves a password-protected .docx as an OLE2 container with an EncryptionInfo
    # stream; the header and the stream name are what the reader looks at.
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500) + "EncryptionInfo".encode("utf-16-le")
    assert "Word được đặt mật khẩu" in read_error(data, "mat.docx")


def test_old_doc_renamed_docx() -> None:
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500) + "WordDocument".encode("utf-16-le")
    assert "Word cũ (.doc)" in read_error(data, "cu.docx")


def test_too_big(tmp_path: Path) -> None:
    path = tmp_path / "lon.pdf"
    path.write_bytes(make_pdf(["Số 89-KH/TU"]))
    with pytest.raises(ReadError) as info:
        read_file(path, max_bytes=100)
    assert str(info.value).startswith("lon.pdf: tệp dung lượng")
    assert "vượt giới hạn 0,0 MB" in str(info.value)


def test_scanned_pdf_without_text() -> None:
    message = read_error(make_pdf(None), "34-HD.pdf")
    assert message == "34-HD.pdf: PDF không có lớp chữ (bản scan), cần OCR trước khi nạp."


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("bang.xlsx", "định dạng .xlsx không được hỗ trợ; chỉ nhận tệp .txt, .docx hoặc .pdf."),
        ("cu.doc", "tệp Word cũ (.doc) chưa được hỗ trợ"),
        ("README", "định dạng không có đuôi không được hỗ trợ"),
    ],
)
def test_unsupported_extension(name: str, expected: str) -> None:
    assert expected in read_error(b"data", name)


def test_truncated_utf16_text() -> None:
    data = SENTENCE.encode("utf-16")[:-1]
    assert "UTF-16 bị lỗi mã hóa (có thể bị cắt dở)" in read_error(data, "cut.txt")


def test_pdf_text_layer_without_unicode_map() -> None:
    data = make_pdf(["".join(chr(0xE000 + i) for i in range(40))])
    assert "lớp chữ của PDF bị lỗi phông" in read_error(data, "phong.pdf")


def test_binary_named_txt() -> None:
    assert "không phải văn bản thuần" in read_error(b"\x01\x02\x00\x00\xff" * 50, "a.txt")


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match="khong-co.pdf: không tìm thấy"):
        read_file(tmp_path / "khong-co.pdf")


def test_control_characters_are_dropped_and_old_line_ends_kept() -> None:
    # A stray bell or escape from a copy-paste; PostgreSQL would refuse a NUL in text.
    data = "Số 12-KH/ĐU\r\nKẾ HOẠCH\x07 năm\x1b 2024\rCác chi bộ\x7f báo cáo.\n".encode()
    assert read_bytes(data, "ke-hoach.txt").text == (
        "Số 12-KH/ĐU\nKẾ HOẠCH năm 2024\nCác chi bộ báo cáo."
    )
