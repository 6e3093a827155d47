"""Which loaded document the office means by "cv 105", "89-KH/ĐU" or "kh89.docx".

The same lookup the chat uses (knowledge.search), after an exact match on the file name or
the number; several equally good candidates are returned for the office to choose.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from handlers.context import Context, department_library
from knowledge.search.lookup import LookupMatch
from storage.repos.deadlines import find_document


@dataclass(frozen=True)
class DocRef:
    """The document found (document_id), or the candidates when the words fit several."""

    document_id: int | None
    candidates: list[LookupMatch] = field(default_factory=list)


def resolve_document(ctx: Context, query: str) -> DocRef:
    """The one loaded document a query names; else the loaded candidates (maybe none)."""
    exact = find_document(ctx.db, query)
    if exact is not None:
        return DocRef(exact)
    library = department_library(ctx)
    if library.is_empty:
        return DocRef(None)
    result = library.lookup(query)
    loaded = [m for m in result.matches if m.ingested and m.doc_id is not None]
    if len(loaded) == 1 or (loaded and not result.ambiguous):
        return DocRef(loaded[0].doc_id)
    return DocRef(None, loaded)


def describe(match: LookupMatch) -> str:
    """'105-CV/ĐU ngày 12/03/2024 — Về việc … (cv105.docx)' for a list of candidates."""
    when = f" ngày {match.date:%d/%m/%Y}" if match.date else ""
    title = f" — {match.title}" if match.title else ""
    return f"{match.number or '(không rõ số)'}{when}{title} ({match.file})"
