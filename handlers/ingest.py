"""Ingesting files into the library: read, parse, store, propose (idempotent by content hash).

A file is read and parsed in a child process under a time and memory budget
(handlers.ingest_worker), stored in one transaction with its audit entry, and marked
"proposing" until its deadline proposals are made: a run killed in between is completed
by the next run of the same file instead of being skipped by its content hash.
"""

from __future__ import annotations

import hashlib
import json
import logging
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.exc import OperationalError

from core.messages import Reply
from handlers.approval import propose_deadlines
from handlers.context import Context
from handlers.ingest_report import FileOutcome, IngestReport, progress_text, record, summary_line
from handlers.ingest_worker import (
    WORKER,
    Job,
    Parse,
    Parsed,
    ParseFailed,
    Runner,
    budget_of,
    limits_of,
)
from knowledge.model import Directive
from knowledge.parse.directive import parse_text
from knowledge.parse.limits import cap_deadlines, capped_warning
from knowledge.parse.readers import SUPPORTED, ReadError, check_bytes, check_size
from storage.db import Database, is_busy
from storage.models.documents import Document
from storage.repos import documents as repo
from storage.repos.audit import Change

log = logging.getLogger(__name__)

Progress = Callable[[str], None]
Propose = Callable[[Context, int], list[Reply]]
SYSTEM = "hệ thống"  # the actor of ingests nobody asked for (the demo samples)


@dataclass(frozen=True)
class Steps:
    """What ingest does with a file: read and parse it (where), propose its deadlines.

    Tests swap them: a stand-in parser must be a module-level function, since the default
    runner pickles it to the child process; `in_process` runs any parser here instead.
    """

    parse: Parse = parse_text
    propose: Propose = propose_deadlines
    run: Runner = WORKER


STEPS = Steps()  # the real parser and proposals, in the budgeted child process


def library_is_empty(db: Database) -> bool:
    """Whether no document has been ingested yet."""
    return repo.library_is_empty(db)


def ingest_paths(
    ctx: Context,
    paths: Sequence[Path],
    progress: Progress | None = None,
    steps: Steps = STEPS,
    actor: str = SYSTEM,
) -> IngestReport:
    """Ingest files and folders, printing a progress line per file when asked.

    A busy database (another process holds SQLite's write lock past the busy timeout)
    stops the run with the OperationalError: files stored so far stay stored.
    """
    report = IngestReport()
    files = list(_expand(paths))
    real = False
    for index, path in enumerate(files, start=1):
        outcome = _ingest_path(ctx, path, steps, actor)
        record(report, outcome)
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
    ctx: Context,
    name: str,
    data: bytes,
    path: str = "",
    steps: Steps = STEPS,
    actor: str = SYSTEM,
) -> FileOutcome:
    """Ingest one file's bytes (an upload); never raises for a bad file."""
    # Only the base name is kept: "../../x.docx" is stored and shown as "x.docx".
    outcome = _ingest(ctx, _base_name(name), data, path, steps, actor)
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


def _base_name(name: str) -> str:
    """The name as stored and shown: no folders, no control or bidi characters (a NUL, or
    a right-to-left override that makes "kh\u202egpj.txt" look like "khtxt.jpg")."""
    base = Path(name.replace("\\", "/")).name
    base = "".join(ch for ch in base if unicodedata.category(ch) not in ("Cc", "Cf")).strip()
    return base or "tep-khong-ten"


def _ingest_path(ctx: Context, path: Path, steps: Steps, actor: str) -> FileOutcome:
    try:
        if not path.is_file():
            raise ReadError(path.name, "không tìm thấy tệp hoặc thư mục.")
        check_size(path.name, path.stat().st_size, ctx.settings.max_upload_bytes)
        data = path.read_bytes()
    except ReadError as exc:
        return FileOutcome(path.name, "error", reason=exc.message)
    except OSError as exc:
        return FileOutcome(path.name, "error", reason=f"không đọc được tệp ({exc.strerror}).")
    return _ingest(ctx, _base_name(path.name), data, str(path.resolve()), steps, actor)


def _ingest(
    ctx: Context, name: str, data: bytes, path: str, steps: Steps, actor: str
) -> FileOutcome:
    content_hash = hashlib.sha256(data).hexdigest()
    existing = repo.find_by_hash(ctx.db, content_hash)
    if existing is not None:
        if existing.stage == repo.PROPOSING:
            return _complete(ctx, _resumed(name, existing), steps)
        return _skipped(name, existing.file)
    try:
        parsed = read_and_parse(ctx, name, data, steps)
        new = new_document(name, path, content_hash, parsed.result.text, parsed.directive)
        change = Change(actor, "ingested", f"document:{name}", after=_described(new))
        stored = repo.store_document(ctx.db, new, ctx.clock.now(), repo.PROPOSING, change)
    except ReadError as exc:
        return FileOutcome(name, "error", reason=exc.message)
    except ParseFailed as exc:
        return FileOutcome(name, "error", reason=f"lỗi khi phân tích ({exc}), chưa lưu gì.")
    except repo.DuplicateContent:
        return _skipped(name, name)  # another process stored it a moment ago
    except Exception as exc:  # a database failure must not stop the run
        if isinstance(exc, OperationalError) and is_busy(exc):
            raise  # every next file would wait and fail the same way
        log.exception("ingest failed for %s", name)
        reason = f"lỗi khi phân tích hoặc lưu ({type(exc).__name__}), chưa lưu gì."
        return FileOutcome(name, "error", reason=reason)
    outcome = FileOutcome(
        name,
        "ingested",
        document_id=stored.document_id,
        directive=parsed.directive,
        replaced=bool(stored.replaced),
        warnings=list(parsed.result.warnings),
    )
    return _complete(ctx, outcome, steps)


def read_and_parse(ctx: Context, name: str, data: bytes, steps: Steps = STEPS) -> Parsed:
    """Read and parse a file within the configured limits; identical deadlines merged and
    at most MAX_DEADLINES_PER_DOCUMENT kept. Raises ReadError or ParseFailed."""
    limits = limits_of(ctx.settings)
    # A bomb or a flood of lines is refused here, without starting the child process.
    check_bytes(data, name, ctx.settings.max_upload_bytes, limits)
    job = Job(name, data, ctx.settings.max_upload_bytes, limits, steps.parse)
    parsed = steps.run(job, budget_of(ctx.settings))
    kept, found = cap_deadlines(parsed.directive.deadlines, limits.deadlines)
    parsed.directive.deadlines = kept
    if found > len(kept):
        parsed.result.warnings.append(capped_warning(found, len(kept)))
    return parsed


def _described(new: repo.NewDocument) -> dict[str, Any]:
    return {"file": new.file, "number": new.number, "title": new.title}


def _resumed(name: str, document: Document) -> FileOutcome:
    """A document an interrupted run stored: what it needs to finish its proposals."""
    assert document.id is not None
    directive = Directive.from_dict(json.loads(document.parsed or "{}"))
    return FileOutcome(name, "ingested", document.id, directive, resumed=True)


def _complete(ctx: Context, outcome: FileOutcome, steps: Steps) -> FileOutcome:
    """Make the document's proposals, then mark its ingest done (a failure leaves it to
    the next run: proposing is idempotent)."""
    assert outcome.document_id is not None
    replies = _propose(ctx, outcome.document_id, steps.propose)
    if replies is not None:
        outcome.replies = replies
        repo.set_stage(ctx.db, outcome.document_id, repo.DONE)
    outcome.proposed = repo.count_proposed_deadlines(ctx.db, outcome.document_id)
    return outcome


def _skipped(name: str, stored_as: str) -> FileOutcome:
    reason = "đã có" if stored_as == name else f"trùng nội dung với {stored_as}"
    return FileOutcome(name, "skipped", reason=reason)


def _propose(ctx: Context, document_id: int, propose: Propose) -> list[Reply] | None:
    """The deadline proposals for a stored document; None when proposing fails."""
    try:
        return list(propose(ctx, document_id))
    except Exception as exc:  # the document is stored; the next run makes them again
        if isinstance(exc, OperationalError) and is_busy(exc):
            raise
        log.exception("propose_deadlines failed for document %s", document_id)
        return None


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
