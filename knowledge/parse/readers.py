"""Reading .txt, .docx and .pdf files into normalised text, with clear errors per file.

Every failure raises ReadError, whose message is Vietnamese and names the file, so the
CLI and the chat can show it as it is. Nothing here touches the database.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from knowledge.parse.docx_text import docx_lines
from knowledge.parse.limits import (
    DEFAULT_LIMITS,
    LimitExceeded,
    Limits,
    check_docx,
    check_lines,
    check_txt,
)
from knowledge.parse.pdf_text import Unreadable, pdf_text
from knowledge.vi import legacy_fonts
from knowledge.vi.textnorm import nfc, normalize

SUPPORTED = (".txt", ".docx", ".pdf")
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_LEGACY_NAMES = {"tcvn3": "TCVN3 (ABC, phông .Vn)", "vni": "VNI"}
# Control characters other than tab and line ends: a PDF's text layer or a stray byte in a
# .txt brings them; PostgreSQL refuses NUL in text, and no reader wants the rest.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # \r ends lines: normalize


class ReadError(Exception):
    """A file that cannot be read; str() is the Vietnamese message naming the file."""

    def __init__(self, file_name: str, message: str) -> None:
        super().__init__(f"{file_name}: {message}")
        self.file_name = file_name
        self.message = message


@dataclass
class ReadResult:
    """The text of a file (normalised NFC) and how it was read."""

    text: str
    format: str  # txt | docx | pdf
    encoding: str | None = None  # the text encoding of a .txt, or the legacy font converted
    warnings: list[str] = field(default_factory=list)


def read_file(
    path: Path, max_bytes: int | None = None, limits: Limits = DEFAULT_LIMITS
) -> ReadResult:
    """Read a .txt/.docx/.pdf file; raises ReadError with a message naming the file."""
    name = path.name
    try:
        size = path.stat().st_size
    except OSError:
        raise ReadError(name, "không tìm thấy hoặc không mở được tệp.") from None
    check_size(name, size, max_bytes)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(name, f"không đọc được tệp ({exc.strerror or exc}).") from None
    return read_bytes(data, name, max_bytes, limits)


def read_bytes(
    data: bytes, name: str, max_bytes: int | None = None, limits: Limits = DEFAULT_LIMITS
) -> ReadResult:
    """Read a file's bytes, choosing the reader from the name's extension.

    The limits are checked before the costly work (check_bytes), and a .pdf's pages
    before extracting; the text's lines once it is known.
    """
    check_bytes(data, name, max_bytes, limits)
    ext = Path(name).suffix.lower()
    try:
        if ext == ".txt":
            result = _read_txt(name, data)
        elif ext == ".docx":
            result = ReadResult(_read_docx(name, data), "docx")
        else:
            result = _read_pdf(name, data, limits)
        result = _finish(name, result)
        check_lines(result.text.count("\n") + 1, limits)
    except LimitExceeded as exc:
        raise ReadError(name, str(exc)) from None
    return result


def check_bytes(
    data: bytes, name: str, max_bytes: int | None = None, limits: Limits = DEFAULT_LIMITS
) -> None:
    """The checks that read nothing: name, size, kind, a .txt's bytes and lines, a .docx's
    zip directory (a bomb is refused here, before anything is inflated). Milliseconds."""
    check_name(name)
    ext = Path(name).suffix.lower()
    check_size(name, len(data), max_bytes)
    if not data.strip():
        raise ReadError(name, "tệp rỗng, không có nội dung.")
    _check_kind(name, ext, data)
    try:
        if ext == ".txt":
            check_txt(data, limits)
        elif ext == ".docx":
            _check_directory(data, limits)
    except LimitExceeded as exc:
        raise ReadError(name, str(exc)) from None


def _check_directory(data: bytes, limits: Limits) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            check_docx(archive, limits)
    except zipfile.BadZipFile:
        pass  # reading it says it is damaged, in its own words


def check_name(name: str) -> None:
    """Raise ReadError when the extension is not one we read (before downloading)."""
    ext = Path(name).suffix.lower()
    if ext not in SUPPORTED:
        raise ReadError(name, _unsupported(ext))


def _unsupported(ext: str) -> str:
    if ext == ".doc":
        return "tệp Word cũ (.doc) chưa được hỗ trợ; hãy mở bằng Word và lưu lại dạng .docx."
    shown = ext or "không có đuôi"
    return f"định dạng {shown} không được hỗ trợ; chỉ nhận tệp .txt, .docx hoặc .pdf."


def check_size(name: str, size: int | None, max_bytes: int | None) -> None:
    """Raise ReadError when a file is bigger than the limit (an unknown size passes)."""
    if size is not None and max_bytes is not None and size > max_bytes:
        raise ReadError(
            name,
            f"tệp dung lượng {_mb(size)} vượt giới hạn {_mb(max_bytes)} (MAX_UPLOAD_MB); "
            "hãy tách nhỏ hoặc nén lại rồi gửi.",
        )


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB".replace(".", ",")


def _sniff(data: bytes) -> str:
    """What the bytes really are: pdf, docx, zip, ole2 or text."""
    head = data[:1024].lstrip()
    if head.startswith(b"%PDF"):
        return "pdf"
    if data.startswith(_OLE2):
        return "ole2"
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return "docx" if b"word/" in data else "zip"
    return "text"


_KIND_NAMES = {"pdf": "PDF", "docx": "Word (.docx)", "zip": "tệp nén ZIP", "ole2": "tệp Office"}


def _check_kind(name: str, ext: str, data: bytes) -> None:
    """Reject a file whose content is not what its extension says."""
    kind = _sniff(data)
    if ext == ".docx" and kind == "ole2":
        _reject_ole2(name, data)
    expected = {".txt": "text", ".docx": "docx", ".pdf": "pdf"}[ext]
    if kind == expected or (ext == ".docx" and kind == "zip"):
        return  # a zip without word/document.xml gets its own message in _read_docx
    if ext == ".pdf" and kind == "ole2":
        _reject_ole2(name, data)
    if kind == "text":
        what = "tệp văn bản" if legacy_fonts.looks_textual(data) else "dữ liệu không rõ định dạng"
        raise ReadError(name, f"tệp có đuôi {ext} nhưng nội dung là {what}, không phải {ext}.")
    real = {"pdf": ".pdf", "docx": ".docx"}.get(kind)
    hint = f"; hãy đổi đuôi tệp thành {real} rồi gửi lại" if real else ""
    raise ReadError(name, f"tệp có đuôi {ext} nhưng thực ra là {_KIND_NAMES[kind]}{hint}.")


def _reject_ole2(name: str, data: bytes) -> None:
    # Word stores a password-protected .docx as an OLE2 container with an EncryptionInfo stream.
    if "EncryptionInfo".encode("utf-16-le") in data:
        raise ReadError(name, "tệp Word được đặt mật khẩu; hãy gỡ mật khẩu rồi gửi lại.")
    raise ReadError(
        name,
        "tệp thực ra là định dạng Word cũ (.doc) hoặc Office 97-2003 đổi tên; "
        "hãy mở bằng Word và lưu lại dạng .docx.",
    )


def _finish(name: str, result: ReadResult) -> ReadResult:
    """Convert legacy-font text, normalise, and reject what has no text at all."""
    try:
        text, kind = legacy_fonts.to_unicode(nfc(result.text))
    except legacy_fonts.TextDecodeError as exc:
        raise ReadError(name, str(exc)) from None
    if kind in _LEGACY_NAMES:
        result.encoding = kind
        result.warnings.append(_converted(kind))
    result.text = normalize(_CONTROL.sub("", text)).strip("\n")
    if not result.text.strip():
        raise ReadError(name, "tệp không có nội dung chữ.")
    return result


def _converted(kind: str) -> str:
    return f"Đã chuyển chữ từ bảng mã {_LEGACY_NAMES[kind]} sang Unicode."


# --- .txt ---------------------------------------------------------------------------------


def _read_txt(name: str, data: bytes) -> ReadResult:
    try:
        text, encoding = legacy_fonts.decode_text(data)
    except legacy_fonts.TextDecodeError as exc:
        raise ReadError(name, str(exc)) from None
    result = ReadResult(text, "txt", encoding)
    if encoding in _LEGACY_NAMES:
        result.warnings.append(_converted(encoding))
    return result


# --- .docx --------------------------------------------------------------------------------


def _read_docx(name: str, data: bytes) -> str:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if "word/document.xml" not in archive.namelist():
                raise ReadError(name, "tệp nén này không phải văn bản Word (.docx).")
            if archive.testzip() is not None:
                raise zipfile.BadZipFile("crc")
        document = docx.Document(io.BytesIO(data))
    except (ReadError, LimitExceeded, MemoryError):
        raise  # out of memory is the budget's refusal (handlers.ingest_worker), not damage
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError, EOFError):
        raise ReadError(name, "tệp .docx bị hỏng hoặc không đầy đủ (tải về bị cắt dở?).") from None
    except Exception as exc:  # lxml and python-docx raise many kinds on a damaged part
        if _out_of_memory(exc):
            raise MemoryError from exc
        raise ReadError(name, "tệp .docx bị hỏng, không đọc được nội dung.") from None
    return "\n".join(docx_lines(document))


def _out_of_memory(exc: Exception) -> bool:
    """libxml2 reports a failed allocation as a parse error with code ERR_NO_MEMORY."""
    from lxml.etree import ErrorTypes, XMLSyntaxError

    return isinstance(exc, XMLSyntaxError) and exc.code == ErrorTypes.ERR_NO_MEMORY


# --- .pdf ---------------------------------------------------------------------------------


def _read_pdf(name: str, data: bytes, limits: Limits) -> ReadResult:
    try:
        text, notes = pdf_text(data, limits)
    except Unreadable as exc:
        raise ReadError(name, str(exc)) from None
    return ReadResult(text, "pdf", warnings=notes)
