"""Hostile files for the tests, built on the fly: zip bombs, part floods, long texts."""

from __future__ import annotations

import io
import random
import zipfile
from collections.abc import Callable

from docx import Document as WordDocument

MB = 1024 * 1024
PARAGRAPH = (
    "<w:p><w:r><w:t>Các chi bộ báo cáo kết quả thực hiện về Văn phòng Đảng ủy "
    "trước ngày 10/5/2024.</w:t></w:r></w:p>"
)
_CHUNK = 64 * 1024


def _word_parts() -> dict[str, bytes]:
    """The parts of a minimal real .docx, as python-docx writes it."""
    out = io.BytesIO()
    WordDocument().save(out)
    with zipfile.ZipFile(out) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def build_docx(
    body_bytes: int = 0,
    extra_parts: dict[str, bytes] | None = None,
    paragraph: str = PARAGRAPH,
) -> bytes:
    """A .docx whose body repeats a paragraph up to about body_bytes of XML (streamed,
    so a 300 MB body never sits in memory), plus any extra parts."""
    parts = _word_parts()
    head, _, tail = parts.pop("word/document.xml").decode().partition("<w:body>")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
        with archive.open("word/document.xml", "w") as part:
            part.write((head + "<w:body>").encode())
            _repeat(part.write, paragraph.encode(), body_bytes)
            part.write(tail.encode())
        for name, data in (extra_parts or {}).items():
            archive.writestr(name, data)
    return out.getvalue()


def _repeat(write: Callable[[bytes], object], unit: bytes, total: int) -> None:
    block = unit * max(1, _CHUNK // len(unit))
    written = 0
    while written + len(block) <= total:
        write(block)
        written += len(block)
    while written < total:
        write(unit)
        written += len(unit)


def docx_bomb(unpacked_mb: float) -> bytes:
    """A small .docx that inflates to unpacked_mb of repetitive XML (a "zip bomb")."""
    return build_docx(int(unpacked_mb * MB))


def incompressible(size: int, seed: int = 0) -> bytes:
    """Bytes that deflate no smaller (a photo, as far as zip is concerned)."""
    return random.Random(seed).randbytes(size)


def docx_with_photos(photo_bytes: int) -> bytes:
    """A real .docx carrying photos: big unpacked, but compressed 1:1."""
    photo = {"word/media/image1.jpeg": incompressible(photo_bytes)}
    return build_docx(body_bytes=len(PARAGRAPH) * 5, extra_parts=photo)


def docx_with_parts(count: int) -> bytes:
    """A .docx with `count` extra tiny parts (a flood of entries)."""
    return build_docx(extra_parts={f"word/media/p{i}.bin": b"x" for i in range(count)})


def long_text(lines: int) -> bytes:
    """A plain-text directive of many lines, each with a deadline (as offices write them)."""
    head = "Số 12-KH/ĐU\nKẾ HOẠCH\nthực hiện công tác năm 2024\nI. NHIỆM VỤ\n"
    body = "".join(
        f"Các chi bộ báo cáo kết quả đợt {i} về Văn phòng Đảng ủy trước ngày "
        f"{i % 28 + 1}/{i % 12 + 1}/2024.\n"
        for i in range(lines)
    )
    return (head + body).encode()


def declare_size(data: bytes, part: str, size: int) -> bytes:
    """The zip with its directory declaring another inflated size for one part (a lie)."""
    out = bytearray(data)
    start = 0
    while (start := out.find(b"PK\x01\x02", start + 1)) > 0:
        name_length = int.from_bytes(out[start + 28 : start + 30], "little")
        if out[start + 46 : start + 46 + name_length] == part.encode():
            out[start + 24 : start + 28] = size.to_bytes(4, "little")
            return bytes(out)
    raise LookupError(part)


def directive_text(title: str, deadlines: list[str]) -> bytes:
    """A plain-text plan with these deadline sentences, as an office types it."""
    lines = ["Số 15-KH/ĐU", "KẾ HOẠCH", title, "I. MỤC ĐÍCH, YÊU CẦU", "Thực hiện nghiêm túc."]
    lines += ["II. TỔ CHỨC THỰC HIỆN", *deadlines]
    return "\n".join(lines).encode()


def numbered_deadlines(count: int) -> list[str]:
    """Distinct deadline sentences, one per line."""
    return [
        f"{i + 1}. Các chi bộ gửi báo cáo chuyên đề số {i + 1} về Văn phòng Đảng ủy trước ngày "
        f"{i % 28 + 1}/{i % 12 + 1}/2024."
        for i in range(count)
    ]


def pdf_pages(pages: int) -> bytes:
    """A text PDF of several pages."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4)
    for page in range(pages):
        pdf.drawString(50, 800, f"Trang {page + 1}: cac chi bo bao cao truoc ngay 10/5/2024.")
        pdf.showPage()
    pdf.save()
    return out.getvalue()
