"""What an ingest run reports: per-file outcomes, progress lines and the JSON of the CLI."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from core.messages import Reply
from knowledge.model import Directive


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
    resumed: bool = False  # an earlier run stored it but was stopped before its proposals
    proposed: int = 0
    warnings: list[str] = field(default_factory=list)
    replies: list[Reply] = field(default_factory=list)


def progress_text(outcome: FileOutcome) -> str:
    """The part of a progress line after the file name."""
    if outcome.status == "skipped":
        return f"bỏ qua ({outcome.reason})"
    if outcome.status == "error":
        return f"LỖI: {outcome.reason}"
    directive = outcome.directive
    assert directive is not None
    verb = "đã nạp lại (thay bản cũ)" if outcome.replaced else "đã nạp"
    if outcome.resumed:
        verb = "đã hoàn tất lần nạp trước bị gián đoạn:"
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


def record(report: IngestReport, outcome: FileOutcome) -> None:
    """Add a file's outcome to the report in the `danvan ingest --json` shape."""
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
                "resumed": outcome.resumed,
                "warnings": outcome.warnings,
            }
        )
    elif outcome.status == "skipped":
        report.skipped.append({"file": outcome.file, "reason": outcome.reason})
    else:
        report.errors.append({"file": outcome.file, "error": f"{outcome.file}: {outcome.reason}"})
