"""Which few documents a question about "every document" reads: never the whole library.

Reading a directive is a database read and a JSON decode; deadline, period and unit
questions concern every document, so they read at most MAX_READ of them, chosen from the
index without reading any: BM25 over passages, the deadline dates and the task units the
index keeps. A library that small is read whole, which keeps small libraries exact.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from knowledge.answer.intents import Intent
from knowledge.answer.targets import DocRef, doc_day, ref_of
from knowledge.search.library import Library
from knowledge.search.library_doc import LibraryDoc

MAX_READ = 20  # directives read for one question at most
UPCOMING_DOCS = 5  # documents with the nearest deadlines ahead, added to a deadline's scope
UNIT_DOCS = 10  # newest documents read for a unit: its answer lists six sections at most
WINDOW_DOCS = 8  # documents searched for a quarter window ("thực hiện trong quý 2/2024")


def small(library: Library) -> bool:
    """Whether the library is small enough to read whole for one question."""
    return len(library.visible_docs()) <= MAX_READ


def everything(library: Library) -> list[DocRef]:
    """Every document (only for a library no larger than MAX_READ)."""
    return [ref_of(d) for d in library.visible_docs()]


def searched(
    library: Library, query: str, k: int | None = None, within: Iterable[LibraryDoc] | None = None
) -> list[LibraryDoc]:
    """Documents of the sections that best fit the query, best first, no repeats."""
    k = k or MAX_READ
    ids = {d.id for d in within} if within is not None else None
    if ids is not None and not ids:
        return []
    hits = library.search(query, k=k, doc_ids=ids)
    return list({h.doc.id: h.doc for h in hits}.values())


def bounded(docs: Iterable[LibraryDoc], limit: int | None = None) -> list[DocRef]:
    """The first `limit` (MAX_READ) distinct documents as answer views."""
    limit = limit or MAX_READ
    seen: dict[int, LibraryDoc] = {}
    for doc in docs:
        if len(seen) >= limit:
            break
        seen.setdefault(doc.id, doc)
    return [ref_of(d) for d in seen.values()]


def unit_scope(library: Library, intent: Intent) -> list[DocRef]:
    """Documents that may assign tasks to the unit asked about.

    Those with a task or block for that unit: the ones whose sections fit the rest of
    the question when it says more, else the newest. A unit the index does not know
    (a sentence opening with it) is found by searching its name.
    """
    if small(library):
        return everything(library)
    docs = library.docs_with_unit(intent.unit)
    if not docs:
        return bounded(searched(library, intent.folded))
    if intent.topic and intent.topic != intent.unit:
        hits = library.search(intent.topic, k=MAX_READ, unit=intent.unit)
        ranked = [h.doc for h in hits]
        if ranked:
            return bounded(ranked)
    return bounded(sorted(docs, key=doc_day, reverse=True), UNIT_DOCS)


def dated_between(library: Library, start: date, end: date, limit: int) -> list[DocRef]:
    """The documents holding the `limit` earliest deadlines due in [start, end].

    The index lists documents by their earliest deadline in the span, so the owners of
    the first `limit` deadlines are among the first `limit` documents.
    """
    if small(library):
        return everything(library)
    return bounded(library.docs_with_deadlines_between(start, end, False), limit)


def window_scope(library: Library, label: str, taken: list[DocRef]) -> list[DocRef]:
    """Documents that may say "thực hiện trong quý 2/2024": the index keeps no windows,
    so the sections naming the quarter are searched."""
    if small(library):
        return []
    seen = {d.id for d in taken}
    found = [d for d in searched(library, label, WINDOW_DOCS * 2) if d.id not in seen]
    return bounded(found, WINDOW_DOCS)
