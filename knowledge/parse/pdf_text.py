"""The text layer of a PDF, page by page, and why a PDF cannot be read (in Vietnamese)."""

from __future__ import annotations

import io
import logging
import warnings
from typing import Any

from knowledge.parse.limits import Limits, check_pages
from knowledge.parse.pdf_pages import join_pages
from knowledge.parse.pdf_tables import draws_lines, find_tables, page_text


class Unreadable(Exception):
    """A PDF without usable text; str() is the reason, without the file name."""


def pdf_text(data: bytes, limits: Limits) -> tuple[str, list[str]]:
    """The text of every page without page numbers and running headers (pdf_pages.py),
    and notes for the reader (pages without text).

    Raises Unreadable, or limits.LimitExceeded for too many pages (before any text).
    """
    if b"%%EOF" not in data[-2048:]:
        raise Unreadable("tệp PDF không đầy đủ (bị cắt dở khi tải về hoặc sao chép).")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        # pypdf logs every recoverable oddity of real-world PDFs; they are not our errors.
        logging.getLogger("pypdf").setLevel(logging.ERROR)
        pages = _pages(data, limits)
    text = join_pages(pages)
    if not "".join(pages).strip():
        raise Unreadable("PDF không có lớp chữ (bản scan), cần OCR trước khi nạp.")
    if _garbled(text):
        raise Unreadable(
            "lớp chữ của PDF bị lỗi phông (trích ra ký tự không đọc được); "
            "hãy xuất lại PDF từ tệp Word gốc, hoặc gửi tệp .docx."
        )
    empty = [str(i + 1) for i, page in enumerate(pages) if not page.strip()]
    notes = [f"Trang {', '.join(empty)} không có lớp chữ (có thể là ảnh scan)."] if empty else []
    return text, notes


def _garbled(text: str) -> bool:
    """Mostly replacement, private-use or control characters: fonts without a Unicode map."""
    visible = [ch for ch in text if not ch.isspace()]
    bad = sum(1 for ch in visible if ch == "\ufffd" or "\ue000" <= ch <= "\uf8ff" or ch < " ")
    return bool(visible) and bad / len(visible) > 0.2


def _ruled(page: Any) -> bool:
    """True when the page draws lines or rectangles: it may hold a ruled table."""
    contents = page.get_contents()
    return contents is not None and draws_lines(contents.get_data())


def _pages(data: bytes, limits: Limits) -> list[str]:
    """Each page's text as pypdf reads it, a ruled table's cells as rows (pdf_tables.py)."""
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise FileNotDecryptedError("password")
        check_pages(len(reader.pages), limits)
        tables = find_tables(data, [i for i, page in enumerate(reader.pages) if _ruled(page)])
        return [
            page_text(page, tables[i]) if i in tables else page.extract_text() or ""
            for i, page in enumerate(reader.pages)
        ]
    except FileNotDecryptedError:
        raise Unreadable("PDF được đặt mật khẩu; hãy gỡ mật khẩu rồi gửi lại.") from None
    except DependencyError:  # AES encryption needs the optional `cryptography` package
        raise Unreadable(
            "PDF được mã hóa bảo vệ (AES); hãy gỡ bảo vệ hoặc in ra PDF mới rồi gửi lại."
        ) from None
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError):
        raise Unreadable("tệp PDF bị hỏng, không đọc được nội dung.") from None
