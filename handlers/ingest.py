"""Ingesting files into the library: read, parse, store (idempotent by content hash)."""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from core.messages import Reply
from handlers.approval import propose_deadlines
from handlers.context import Context
from knowledge.model import Directive
from knowledge.parse.directive import parse_text
from knowledge.parse.readers import SUPPORTED, ReadError, check_size, read_bytes
from storage.db import Database
from storage.repos import documents as repo

log = logging.getLogger(__name__)

Progress = Callable[[str], None]
Propose = Callable[[Context, int], list[Reply]]


class Parse(Protocol):
    """Text in, a Directive out (knowledge.parse.directive.parse_text)."""

    def __call__(self, text: str, file_name: str = "") -> Directive:
        """Parse a document's text."""
        ...


@dataclass(frozen=True)
class Steps:
    """What ingest does with a file's text: parse it, propose its deadlines (tests swap them)."""

    parse: Parse = parse_text
    propose: Propose = propose_deadlines


STEPS = Steps()  # the real parser and proposals


@dataclass
class IngestReport:
    """What an ingest run did, in the `danvan ingest --json` shape."""

    ingested: list[dict[str, Any]] = field(default_factory=list)
    skipped: list[dict[str, Any]] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)

    @property
    def proposed(self) -> int:
        """How many deadlines were proposed for approval in this run."""
        return sum(int(item.get("proposed", 0)) for item in self.ingested)

    def to_json(self) -> dict[str, Any]:
        """The JSON printed by `danvan ingest --json`."""
        return {"ingested": self.ingested, "skipped": self.skipped, "errors": self.errors}


@dataclass
class FileOutcome:
    """What happened to one file: ingested, skipped or error."""

    file: str
    status: str
    document_id: int | None = None
    directive: Directive | None = None
    reason: str = ""
    replaced: bool = False
    proposed: int = 0
    warnings: list[str] = field(default_factory=list)
    replies: list[Reply] = field(default_factory=list)


def library_is_empty(db: Database) -> bool:
    """Whether no document has been ingested yet."""
    return repo.library_is_empty(db)


def ingest_paths(
    ctx: Context,
    paths: Sequence[Path],
    progress: Progress | None = None,
    steps: Steps = STEPS,
) -> IngestReport:
    """Ingest files and folders, printing a progress line per file when asked."""
    report = IngestReport()
    files = list(_expand(paths))
    real = False
    for index, path in enumerate(files, start=1):
        outcome = _ingest_path(ctx, path, steps)
        _record(report, outcome)
        real = real or (outcome.status == "ingested" and not _is_sample(ctx, path))
        if progress is not None:
            progress(f"[{index}/{len(files)}] {outcome.file}: {progress_text(outcome)}")
    if real:
        _retire_samples(ctx, progress)
    if report.ingested:
        invalidate_library(ctx)
    if progress is not None:
        progress(summary_line(report))
    return report


def ingest_bytes(
    ctx: Context, name: str, data: bytes, path: str = "", steps: Steps = STEPS
) -> FileOutcome:
    """Ingest one file's bytes (an upload); never raises for a bad file."""
    outcome = _ingest(ctx, Path(name).name, data, path, steps)
    if outcome.status == "ingested":
        _retire_samples(ctx, None)
        invalidate_library(ctx)
    return outcome


def _samples_dir(ctx: Context) -> str:
    return str(Path(ctx.settings.samples_dir).resolve())


def _is_sample(ctx: Context, path: Path) -> bool:
    return path.resolve().is_relative_to(_samples_dir(ctx))


def _retire_samples(ctx: Context, progress: Progress | None) -> None:
    """The demo samples leave the library once real documents arrive, so no answer quotes them."""
    removed = repo.remove_documents_under(ctx.db, _samples_dir(ctx))
    if removed and progress is not None:
        progress(f"Đã gỡ {len(removed)} văn bản mẫu khỏi thư viện vì đã có văn bản thật.")


def invalidate_library(ctx: Context) -> None:
    """Tell the search service that the library changed."""
    ctx.library.invalidate()


def progress_text(outcome: FileOutcome) -> str:
    """The part of a progress line after the file name."""
    if outcome.status == "skipped":
        return f"bỏ qua ({outcome.reason})"
    if outcome.status == "error":
        return f"LỖI: {outcome.reason}"
    directive = outcome.directive
    assert directive is not None
    verb = "đã nạp lại (thay bản cũ)" if outcome.replaced else "đã nạp"
    counts = f"{len(directive.sections)} mục, {len(directive.deadlines)} hạn"
    return f"{verb} {display_number(directive)} — {shorten(directive.title)} ({counts})"


def summary_line(report: IngestReport) -> str:
    """The last progress line: counts, and the deadlines waiting for approval."""
    line = f"Đã nạp {len(report.ingested)}, bỏ qua {len(report.skipped)}, lỗi {len(report.errors)}."
    if report.proposed:
        line += f" Có {report.proposed} hạn đề xuất chờ Văn phòng duyệt."
    return line


def display_number(directive: Directive) -> str:
    """The number as shown to users, or a note that it was not found."""
    return directive.number or "(không rõ số)"


def shorten(text: str, limit: int = 60) -> str:
    """Cut a long title at a word boundary with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + "…"


def _expand(paths: Iterable[Path]) -> Iterable[Path]:
    """Files given directly, and the supported files of folders (recursively, sorted)."""
    for path in paths:
        if path.is_dir():
            found = (
                p
                for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in SUPPORTED and not _hidden(p.name)
            )
            yield from sorted(found)
        else:
            yield path  # missing or unsupported files get their own error line


def _hidden(name: str) -> bool:
    # Word's lock files ("~$hd34.docx") and dot files are never documents.
    return name.startswith(("~$", "."))


def _ingest_path(ctx: Context, path: Path, steps: Steps) -> FileOutcome:
    try:
        if not path.is_file():
            raise ReadError(path.name, "không tìm thấy tệp hoặc thư mục.")
        check_size(path.name, path.stat().st_size, ctx.settings.max_upload_bytes)
        data = path.read_bytes()
    except ReadError as exc:
        return FileOutcome(path.name, "error", reason=exc.message)
    except OSError as exc:
        return FileOutcome(path.name, "error", reason=f"không đọc được tệp ({exc.strerror}).")
    return _ingest(ctx, path.name, data, str(path.resolve()), steps)


def _ingest(ctx: Context, name: str, data: bytes, path: str, steps: Steps) -> FileOutcome:
    content_hash = hashlib.sha256(data).hexdigest()
    existing = repo.find_by_hash(ctx.db, content_hash)
    if existing is not None:
        return _skipped(name, existing.file)
    try:
        result = read_bytes(data, name, ctx.settings.max_upload_bytes)
        directive = steps.parse(result.text, file_name=name)
        stored = repo.store_document(
            ctx.db, new_document(name, path, content_hash, result.text, directive), ctx.clock.now()
        )
    except ReadError as exc:
        return FileOutcome(name, "error", reason=exc.message)
    except repo.DuplicateContent:
        return _skipped(name, name)  # another process stored it a moment ago
    except Exception as exc:  # a parser or database failure must not stop the run
        log.exception("ingest failed for %s", name)
        reason = f"lỗi khi phân tích hoặc lưu ({type(exc).__name__}), chưa lưu gì."
        return FileOutcome(name, "error", reason=reason)
    outcome = FileOutcome(
        name,
        "ingested",
        document_id=stored.document_id,
        directive=directive,
        replaced=bool(stored.replaced),
        warnings=list(result.warnings),
    )
    outcome.replies = _propose(ctx, stored.document_id, steps.propose)
    outcome.proposed = repo.count_proposed_deadlines(ctx.db, stored.document_id)
    return outcome


def _skipped(name: str, stored_as: str) -> FileOutcome:
    reason = "đã có" if stored_as == name else f"trùng nội dung với {stored_as}"
    return FileOutcome(name, "skipped", reason=reason)


def _propose(ctx: Context, document_id: int, propose: Propose) -> list[Reply]:
    """The deadline proposals for a stored document; none when proposing fails."""
    try:
        return list(propose(ctx, document_id))
    except Exception:  # the document is stored; proposals can be made again later
        log.exception("propose_deadlines failed for document %s", document_id)
        return []


def new_document(
    name: str, path: str, content_hash: str, text: str, d: Directive
) -> repo.NewDocument:
    """What storage keeps of a parsed file (also used by the search benchmark's library)."""
    sections = [repo.NewSection(s.path, s.heading, s.text, s.unit) for s in d.sections]
    citations = [
        repo.NewCitation(r.number, r.key, r.doc_type, r.issuer, r.date, r.relation, r.title)
        for r in d.references
    ]
    return repo.NewDocument(
        file=name,
        path=path,
        content_hash=content_hash,
        number=d.number,
        number_key=d.number_key,
        doc_type=d.doc_type,
        issuer=d.issuer,
        doc_date=d.date,
        year=d.year,
        title=d.title or Path(name).stem,
        text=text,
        parsed=json.dumps(d.to_dict(), ensure_ascii=False),
        sections=sections,
        citations=citations,
    )


def _record(report: IngestReport, outcome: FileOutcome) -> None:
    if outcome.status == "ingested":
        directive = outcome.directive
        assert directive is not None
        report.ingested.append(
            {
                "id": outcome.document_id,
                "file": outcome.file,
                "number": directive.number,
                "title": directive.title or Path(outcome.file).stem,
                "sections": len(directive.sections),
                "deadlines": len(directive.deadlines),
                "proposed": outcome.proposed,
                "replaced": outcome.replaced,
                "warnings": outcome.warnings,
            }
        )
    elif outcome.status == "skipped":
        report.skipped.append({"file": outcome.file, "reason": outcome.reason})
    else:
        report.errors.append({"file": outcome.file, "error": f"{outcome.file}: {outcome.reason}"})
