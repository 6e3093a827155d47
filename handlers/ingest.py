"""Ingesting files into the library: read, parse, store (idempotent by content hash)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from handlers.context import Context


@dataclass
class IngestReport:
    """What an ingest run did, in the `danvan ingest --json` shape."""

    ingested: list[dict[str, Any]] = field(default_factory=list)
    skipped: list[dict[str, Any]] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)


def library_is_empty(db: object) -> bool:
    """Whether no document has been ingested yet."""
    return False


def ingest_paths(
    ctx: Context, paths: Sequence[Path], progress: Callable[[str], None] | None = None
) -> IngestReport:
    """Ingest files and folders, printing a progress line per file when asked."""
    return IngestReport()
