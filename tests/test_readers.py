"""Reading .txt/.docx/.pdf files: encodings, legacy fonts, and one test per bad-file case."""

from __future__ import annotations

import io
import unicodedata
import zipfile
from pathlib import Path

import pytest
from docx import Document as WordDocument
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from hypothesis import assume, given
from hypothesis import strategies as st
from pypdf import PdfReader
from pypdf.errors import DependencyError
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from knowledge import legacy_fonts
from knowledge.readers import ReadError, read_bytes, read_file

SENTENCE = "Ủy ban nhân dân thành phố đề nghị các chi bộ báo cáo trước ngày 10 tháng 5 năm 2024."
TONES = "\u0300\u0301\u0303\u0309\u0323"
LOWER_VIETNAMESE = (
    "aăâbcdđeêghiklmnoôơpqrstuưvxy àảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ"
)
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def to_cp1258(text: str) -> bytes:
    """Encode as Windows-1258 does: the letter with its hat or horn, then a combining tone."""
    out = b""
    for ch in text:
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        marks = unicodedata.normalize("NFD", ch)
        tones = "".join(m for m in marks if m in TONES)
        letter = unicodedata.normalize("NFC", "".join(m for m in marks if m not in TONES))
        out += letter.encode("cp1258") + tones.encode("cp1258")
    return out


def make_docx(header: bool = True) -> bytes:
    """A Word file with the usual header table (number left, place and date right)."""
    doc = WordDocument()
    if header:
        table = doc.add_table(rows=1, cols=2)
        left, right = table.rows[0].cells
        left.text = "ĐẢNG ỦY SỞ GIÁO DỤC VÀ ĐÀO TẠO"
        left.add_paragraph("*")
        left.add_paragraph("Số 34-HD/ĐU")
        right.text = "ĐẢNG CỘNG SẢN VIỆT NAM"
        right.add_paragraph("TP. Hồ Chí Minh, ngày 15 tháng 6 năm 2022")
    doc.add_paragraph("HƯỚNG DẪN")
    doc.add_paragraph("triển khai thực hiện công tác dân vận năm 2022")
    body = doc.add_table(rows=2, cols=2)
    body.rows[0].cells[0].text = "Đơn vị"
    body.rows[0].cells[1].text = "Thời hạn"
    body.rows[1].cells[0].text = "Ban Tuyên giáo"
    body.rows[1].cells[1].text = "trước ngày 30/6/2022"
    doc.add_paragraph("I. MỤC ĐÍCH, YÊU CẦU")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def make_pdf(lines: list[str] | None = None, password: str | None = None) -> bytes:
    """A PDF with a text layer (DejaVuSans for Vietnamese glyphs); no lines: a blank 'scan'."""
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4, encrypt=password)
    font = "Helvetica"
    if DEJAVU.exists():
        pdfmetrics.registerFont(TTFont("DejaVuSans", str(DEJAVU)))
        font = "DejaVuSans"
    if lines is None:
        pdf.rect(50, 50, 400, 600, fill=1)  # what a scanned page looks like: no text
    else:
        pdf.setFont(font, 12)
        for i, line in enumerate(lines):
            pdf.drawString(50, 800 - 20 * i, line)
    pdf.showPage()
    pdf.save()
    return out.getvalue()


# --- good files ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (SENTENCE.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + SENTENCE.encode("utf-8"), "utf-8-sig"),
        (SENTENCE.encode("utf-16"), "utf-16"),
        (SENTENCE.encode("utf-16-le"), "utf-16-le"),
        (to_cp1258(SENTENCE), "cp1258"),
    ],
)
def test_txt_encodings_give_the_same_nfc_text(data: bytes, encoding: str) -> None:
    result = read_bytes(data, "ke-hoach.txt")
    assert result.text == SENTENCE
    assert result.format == "txt"
    assert result.encoding == encoding


def test_long_cp1258_text_is_not_taken_for_a_legacy_font() -> None:
    text = (
        "Đảng ủy Sở Giáo dục và Đào tạo hướng dẫn các chi bộ triển khai nhiều nhiệm vụ "
        "trọng tâm, giúp đỡ cũng như kiểm tra việc thực hiện nghị quyết. "
    ) * 3
    result = read_bytes(to_cp1258(text), "dai.txt")
    assert (result.encoding, result.text) == ("cp1258", text.strip())


def test_cp1258_combining_tones_are_composed() -> None:
    # cp1258 writes "ệ" as ê + combining dot below: the reader must return one code point.
    data = to_cp1258("Việt Nam")
    assert len(data) > len("Việt Nam")
    result = read_bytes(data, "a.txt")
    assert result.text == "Việt Nam"
    assert len(result.text) == len("Việt Nam")


def test_tcvn3_text_file_is_converted() -> None:
    sentence = "ủy ban nhân dân thành phố đề nghị các chi bộ báo cáo kết quả nhiều việc cũng tốt"
    data = legacy_fonts.unicode_to_tcvn3(sentence).encode("latin-1")
    result = read_bytes(data, "cu.txt")
    assert result.text == sentence
    assert result.encoding == "tcvn3"
    assert "TCVN3" in result.warnings[0]


def test_tcvn3_example_from_the_issue() -> None:
    assert read_bytes("Uû ban nh©n d©n".encode(), "a.txt").text == "Ủy ban nhân dân"


def test_vni_text_is_converted() -> None:
    data = "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam".encode("latin-1")
    assert read_bytes(data, "vni.txt").text == "Cộng hòa xã hội chủ nghĩa Việt Nam"


def test_legacy_letters_that_convert_to_no_words_are_rejected() -> None:
    doc = WordDocument()
    doc.add_paragraph("ÐÐÐ ßßß ××× þþþ ÷÷÷ æææ çççç")
    out = io.BytesIO()
    doc.save(out)
    message = _error(out.getvalue(), "la.docx")
    assert "phông chữ cũ (TCVN3/VNI) nhưng không nhận ra chắc chắn bảng mã" in message


def test_mixed_legacy_and_unicode_is_rejected() -> None:
    text = SENTENCE + " " + legacy_fonts.unicode_to_tcvn3(SENTENCE.lower())
    with pytest.raises(ReadError, match="lẫn chữ phông cũ"):
        read_bytes(text.encode(), "lan.txt")


@given(
    st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíị ", max_size=80)
)
def test_tcvn3_round_trip_of_lower_case_text(text: str) -> None:
    assert legacy_fonts.tcvn3_to_unicode(legacy_fonts.unicode_to_tcvn3(text)) == text


PHRASE = (
    "đảng ủy sở giáo dục đào tạo hướng dẫn chi bộ triển khai nhiều nhiệm vụ trọng tâm giúp "
    "đỡ cũng như kiểm tra việc thực hiện nghị quyết báo cáo kết quả năm tháng quý trường"
)
WORDS = PHRASE.split()


@given(st.lists(st.sampled_from(WORDS), min_size=6, max_size=40))
def test_cp1258_sentences_read_back_exactly(words: list[str]) -> None:
    text = " ".join(words)
    assert read_bytes(to_cp1258(text), "a.txt").text == text


@given(st.lists(st.sampled_from(WORDS), min_size=8, max_size=40))
def test_tcvn3_sentences_are_detected_and_converted(words: list[str]) -> None:
    # Detection weighs how many real syllables each decoding yields; a "sentence" of two
    # words repeated ("dục dục … quý quý") is as plausible in cp1258, so ask for real variety.
    assume(len(set(words)) >= 6)
    text = " ".join(words)
    result = read_bytes(legacy_fonts.unicode_to_tcvn3(text).encode("latin-1"), "a.txt")
    assert (result.encoding, result.text) == ("tcvn3", text)


def test_unicode_text_is_not_mistaken_for_legacy() -> None:
    text = "Quân đội hoà bình «kh 89» khoá học toàn quốc, quê hương © 2024"
    assert legacy_fonts.detect(text).kind == "unicode"


def test_docx_reads_paragraphs_and_header_table(tmp_path: Path) -> None:
    path = tmp_path / "34-HD.docx"
    path.write_bytes(make_docx())
    result = read_file(path)
    lines = result.text.split("\n")
    assert result.format == "docx"
    assert "Số 34-HD/ĐU" in lines
    assert "TP. Hồ Chí Minh, ngày 15 tháng 6 năm 2022" in lines
    assert lines.index("Số 34-HD/ĐU") < lines.index("HƯỚNG DẪN") < lines.index("Ban Tuyên giáo")
    assert "trước ngày 30/6/2022" in lines


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


def test_docx_typed_in_a_tcvn3_font_is_converted() -> None:
    doc = WordDocument()
    doc.add_paragraph(legacy_fonts.unicode_to_tcvn3("ủy ban nhân dân thành phố hồ chí minh"))
    out = io.BytesIO()
    doc.save(out)
    result = read_bytes(out.getvalue(), "vntime.docx")
    assert result.text == "ủy ban nhân dân thành phố hồ chí minh"
    assert result.encoding == "tcvn3"


# --- bad files: one test per case, asserting the message ----------------------------------


def _error(data: bytes, name: str, max_bytes: int | None = None) -> str:
    with pytest.raises(ReadError) as info:
        read_bytes(data, name, max_bytes)
    assert str(info.value).startswith(f"{name}: ")
    return str(info.value)


def test_empty_file() -> None:
    assert _error(b"", "rong.txt") == "rong.txt: tệp rỗng, không có nội dung."


def test_whitespace_only_file() -> None:
    assert "rỗng" in _error(b"  \n\r\n ", "trang.docx")


def test_truncated_docx() -> None:
    data = make_docx()
    assert "bị hỏng hoặc không đầy đủ" in _error(data[: len(data) // 2], "cut.docx")


def test_truncated_pdf() -> None:
    data = make_pdf(["Số 89-KH/TU"])
    assert "không đầy đủ" in _error(data[: len(data) // 2], "cut.pdf")


def test_corrupt_pdf_body() -> None:
    message = _error(b"%PDF-1.4\n garbage garbage\n%%EOF\n", "hong.pdf")
    assert message == "hong.pdf: tệp PDF bị hỏng, không đọc được nội dung."


def test_pdf_named_docx() -> None:
    message = _error(make_pdf(["x"]), "34-HD.docx")
    assert "đuôi .docx nhưng thực ra là PDF" in message
    assert "đổi đuôi tệp thành .pdf" in message


def test_docx_named_pdf() -> None:
    assert "đuôi .pdf nhưng thực ra là Word (.docx)" in _error(make_docx(), "a.pdf")


def test_text_named_pdf() -> None:
    assert "nội dung là tệp văn bản" in _error(SENTENCE.encode(), "a.pdf")


def test_zip_that_is_not_word() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    assert "không phải văn bản Word" in _error(out.getvalue(), "bang.docx")


def test_password_protected_pdf() -> None:
    message = _error(make_pdf(["Số 89-KH/TU"], password="bimat"), "mat.pdf")
    assert message == "mat.pdf: PDF được đặt mật khẩu; hãy gỡ mật khẩu rồi gửi lại."


def test_aes_pdf_without_the_crypto_package(monkeypatch: pytest.MonkeyPatch) -> None:
    # pypdf needs `cryptography` for AES; should it be missing, the message says what to do.
    def no_aes(self: PdfReader, password: str) -> None:
        raise DependencyError("cryptography is required for AES algorithm")

    monkeypatch.setattr(PdfReader, "decrypt", no_aes)
    message = _error(make_pdf(["Số 89-KH/TU"], password="bimat"), "aes.pdf")
    assert message.startswith("aes.pdf: PDF được mã hóa bảo vệ (AES)")


def test_encrypted_docx() -> None:
    # Word saves a password-protected .docx as an OLE2 container with an EncryptionInfo
    # stream; the header and the stream name are what the reader looks at.
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500) + "EncryptionInfo".encode("utf-16-le")
    assert "Word được đặt mật khẩu" in _error(data, "mat.docx")


def test_old_doc_renamed_docx() -> None:
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500) + "WordDocument".encode("utf-16-le")
    assert "Word cũ (.doc)" in _error(data, "cu.docx")


def test_too_big(tmp_path: Path) -> None:
    path = tmp_path / "lon.pdf"
    path.write_bytes(make_pdf(["Số 89-KH/TU"]))
    with pytest.raises(ReadError) as info:
        read_file(path, max_bytes=100)
    assert str(info.value).startswith("lon.pdf: tệp dung lượng")
    assert "vượt giới hạn 0,0 MB" in str(info.value)


def test_scanned_pdf_without_text() -> None:
    message = _error(make_pdf(None), "34-HD.pdf")
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
    assert expected in _error(b"data", name)


def test_truncated_utf16_text() -> None:
    data = SENTENCE.encode("utf-16")[:-1]
    assert "UTF-16 bị lỗi mã hóa (có thể bị cắt dở)" in _error(data, "cut.txt")


def test_pdf_text_layer_without_unicode_map() -> None:
    data = make_pdf(["".join(chr(0xE000 + i) for i in range(40))])
    assert "lớp chữ của PDF bị lỗi phông" in _error(data, "phong.pdf")


def test_binary_named_txt() -> None:
    assert "không phải văn bản thuần" in _error(b"\x01\x02\x00\x00\xff" * 50, "a.txt")


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match="khong-co.pdf: không tìm thấy"):
        read_file(tmp_path / "khong-co.pdf")
