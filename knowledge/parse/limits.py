"""Bounds on what one file may cost: checked before a reader spends memory or time on it.

A .docx is a zip: its directory says how big every part becomes once inflated, so a
"zip bomb" (a small upload that inflates to hundreds of megabytes) is refused from the
directory alone, before anything is decompressed. A .txt is measured in bytes and lines,
a .pdf in pages, and every extracted text in lines. Each refusal is a ReadError-ready
Vietnamese message naming the limit and the setting that changes it.
"""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from dataclasses import dataclass

from knowledge.model import Deadline

MB = 1024 * 1024
# A part smaller than this cannot hurt whatever its ratio (a tiny settings.xml compresses
# 1:60 and is harmless); only big parts are held to the compression-ratio limit.
RATIO_FLOOR = MB


@dataclass(frozen=True)
class Limits:
    """How much a file may unpack to; the defaults match core.settings.Settings."""

    docx_unpacked_bytes: int = 50 * MB  # real directives: under 5 MB even with photos
    docx_entries: int = 1000  # Word writes 15-40 parts; a few hundred with many pictures
    docx_ratio: float = 100.0  # Word's XML deflates 1:5 to 1:40; bombs 1:200 and more
    pdf_pages: int = 500
    txt_bytes: int = 5 * MB  # the longest real directive is about 60 KB of text
    text_lines: int = 20_000  # a 300-page congress document has about 15,000 lines
    deadlines: int = 100  # distinct deadlines a document may propose


DEFAULT_LIMITS = Limits()


class LimitExceeded(Exception):
    """A file over one of the limits; str() is the Vietnamese reason, without the file name."""


def _mb(size: float) -> str:
    text = f"{size / MB:.1f}".replace(".", ",")
    return f"{text} MB"


def _count(n: int) -> str:
    """1234567 → 1.234.567, as Vietnamese writes numbers."""
    return f"{n:,}".replace(",", ".")


def check_docx(archive: zipfile.ZipFile, limits: Limits) -> None:
    """Refuse a .docx whose directory promises too many parts, bytes or a bomb's ratio.

    zipfile never returns more than the size the directory declares for a part (a part
    that inflates further fails its CRC check), so checking the directory is enough.
    """
    infos = archive.infolist()
    if len(infos) > limits.docx_entries:
        raise LimitExceeded(
            f"tệp .docx chứa {_count(len(infos))} phần, vượt giới hạn "
            f"{_count(limits.docx_entries)} phần (DOCX_MAX_ENTRIES)."
        )
    for info in infos:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size >= RATIO_FLOOR and ratio > limits.docx_ratio:
            raise LimitExceeded(
                f"phần {info.filename} của tệp .docx nén với tỉ lệ 1:{ratio:.0f}, vượt giới hạn "
                f"1:{limits.docx_ratio:.0f} (DOCX_MAX_RATIO); có thể là tệp độc hại (“bom nén”)."
            )
    unpacked = sum(info.file_size for info in infos)
    if unpacked > limits.docx_unpacked_bytes:
        raise LimitExceeded(
            f"tệp .docx khi giải nén lớn {_mb(unpacked)}, vượt giới hạn "
            f"{_mb(limits.docx_unpacked_bytes)} (DOCX_MAX_UNPACKED_MB); "
            "hãy giảm dung lượng ảnh trong tệp hoặc tách thành nhiều tệp."
        )


def check_txt(data: bytes, limits: Limits) -> None:
    """Refuse a .txt that is too big or has too many lines, before decoding it."""
    if len(data) > limits.txt_bytes:
        raise LimitExceeded(
            f"tệp .txt dung lượng {_mb(len(data))}, vượt giới hạn {_mb(limits.txt_bytes)} "
            "(TXT_MAX_MB)."
        )
    check_lines(data.count(b"\n") + 1, limits)


def check_lines(lines: int, limits: Limits) -> None:
    """Refuse a text longer than the line limit (any format, once its text is known)."""
    if lines > limits.text_lines:
        raise LimitExceeded(
            f"văn bản dài {_count(lines)} dòng, vượt giới hạn {_count(limits.text_lines)} dòng "
            "(MAX_TEXT_LINES); hãy tách thành nhiều tệp."
        )


def check_pages(pages: int, limits: Limits) -> None:
    """Refuse a PDF with more pages than the limit, before extracting any text."""
    if pages > limits.pdf_pages:
        raise LimitExceeded(
            f"tệp PDF có {_count(pages)} trang, vượt giới hạn {_count(limits.pdf_pages)} trang "
            "(PDF_MAX_PAGES); hãy tách thành nhiều tệp."
        )


def cap_deadlines(deadlines: Sequence[Deadline], limit: int) -> tuple[list[Deadline], int]:
    """Identical deadlines merged (first kept), then at most `limit`; and how many were found.

    Identical means every field equal: the same sentence repeated five times is one duty,
    while one sentence with two dates stays two.
    """
    seen: set[str] = set()
    unique: list[Deadline] = []
    for deadline in deadlines:
        key = repr(deadline)  # every field, including those the parser adds later
        if key not in seen:
            seen.add(key)
            unique.append(deadline)
    return unique[:limit], len(unique)


def capped_warning(found: int, limit: int) -> str:
    """The note an admin reads when a document had more deadlines than it may propose."""
    return (
        f"Văn bản có {_count(found)} hạn khác nhau; chỉ giữ {_count(limit)} hạn đầu tiên để "
        "đề xuất (giới hạn MAX_DEADLINES_PER_DOCUMENT). Các hạn còn lại hãy thêm bằng tay nếu cần."
    )
