"""Shared helpers for the reader tests: sample text, cp1258 encoding, Word and PDF files."""

from __future__ import annotations

import io
import unicodedata
from pathlib import Path

import pytest
from docx import Document as WordDocument
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from knowledge.parse.readers import ReadError, read_bytes

SENTENCE = "Ủy ban nhân dân thành phố đề nghị các chi bộ báo cáo trước ngày 10 tháng 5 năm 2024."
TONES = "\u0300\u0301\u0303\u0309\u0323"
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


def read_error(data: bytes, name: str, max_bytes: int | None = None) -> str:
    """The ReadError message for data, checked to start with the file's name."""
    with pytest.raises(ReadError) as info:
        read_bytes(data, name, max_bytes)
    assert str(info.value).startswith(f"{name}: ")
    return str(info.value)


def directive_docx(extra: str = "") -> bytes:
    """A Word directive with the header table and one dated deadline."""
    doc = WordDocument()
    left, right = doc.add_table(rows=1, cols=2).rows[0].cells
    left.text = "ĐẢNG ỦY SỞ GIÁO DỤC VÀ ĐÀO TẠO"
    left.add_paragraph("Số 34-HD/ĐU")
    right.text = "ĐẢNG CỘNG SẢN VIỆT NAM"
    right.add_paragraph("TP. Hồ Chí Minh, ngày 15 tháng 4 năm 2024")
    for line in (
        "HƯỚNG DẪN",
        "thực hiện công tác dân vận năm 2024",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "Nâng cao nhận thức của cán bộ, đảng viên về công tác dân vận.",
        "II. TỔ CHỨC THỰC HIỆN",
        "Các chi bộ gửi báo cáo kết quả về Văn phòng Đảng ủy trước ngày 10/5/2024.",
        extra,
    ):
        doc.add_paragraph(line)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
