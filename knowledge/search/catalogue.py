"""The catalogue of directives: every ingested document and every number only cited.

A number cited by stored documents is still a result of a lookup ("89-KH/TU ... chưa có
toàn văn; được triển khai bởi 34-HD/ĐU"). Citations of a number that is also ingested
attach to that document, unless both dates are known and differ (numbering restarts
each year and each term, so 89-KH/TU of 2016 is not 89-KH/TU of 2021).
"""

from __future__ import annotations

from datetime import date

from knowledge.model import DocNumber, Reference
from knowledge.search.library_doc import LibraryDoc
from knowledge.search.lookup import Entry, entry_type_name
from knowledge.vi.docnumbers import parse_number

STRONG = ("implements", "based_on")
DocsByKey = dict[str, list[LibraryDoc]]


class _Numbers:
    """parse_number with a cache: the same numbers are cited by many documents."""

    def __init__(self) -> None:
        self._seen: dict[str, DocNumber | None] = {}

    def __call__(self, printed: str | None) -> DocNumber | None:
        if not printed:
            return None
        if printed not in self._seen:
            self._seen[printed] = parse_number(printed)
        return self._seen[printed]


def _own_entry(doc: LibraryDoc, numbers: _Numbers) -> Entry:
    parsed = numbers(doc.number)
    name = doc.doc_type_name or entry_type_name(parsed, doc.doc_type)
    return Entry(
        doc.number,
        doc.number_key,
        parsed,
        doc.doc_type,
        name,
        doc.issuer,
        doc.date,
        doc.year,
        doc.title,
        doc=doc,
    )


def _cited_entry(ref: Reference, numbers: _Numbers) -> Entry:
    parsed = numbers(ref.number)
    doc_type = ref.doc_type or (parsed.doc_type if parsed else "")
    issuer = ref.issuer or (parsed.issuer if parsed else "")
    year = ref.date.year if ref.date else (parsed.year if parsed else None)
    name = entry_type_name(parsed, doc_type)
    return Entry(ref.number, ref.key, parsed, doc_type, name, issuer, ref.date, year, ref.title)


def _same_date(a: date | None, b: date | None) -> bool:
    return a is None or b is None or a == b


def _place(entries: list[Entry], ref: Reference) -> Entry | None:
    """The entry this citation is about: same date, or an undated one, or None."""
    for entry in entries:
        if _same_date(entry.date, ref.date):
            return entry
    return None


def build_entries(docs: list[LibraryDoc]) -> tuple[list[Entry], DocsByKey, DocsByKey]:
    """Catalogue entries, and documents implementing / citing each key."""
    numbers = _Numbers()
    entries = [_own_entry(doc, numbers) for doc in docs]
    by_key: dict[str, list[Entry]] = {}
    for entry in entries:
        if entry.key:
            by_key.setdefault(entry.key, []).append(entry)
    implementing: DocsByKey = {}
    citing: DocsByKey = {}
    for doc in docs:
        for ref in doc.references:
            if not ref.key or ref.key == doc.number_key:
                continue
            _cite(doc, ref, by_key, entries, numbers)
            citing.setdefault(ref.key, []).append(doc)
            if ref.relation in STRONG:
                implementing.setdefault(ref.key, []).append(doc)
    return entries, implementing, citing


def _cite(
    doc: LibraryDoc,
    ref: Reference,
    by_key: dict[str, list[Entry]],
    entries: list[Entry],
    numbers: _Numbers,
) -> None:
    known = by_key.setdefault(ref.key, [])
    entry = _place(known, ref)
    if entry is None:
        entry = _cited_entry(ref, numbers)
        known.append(entry)
        entries.append(entry)
    elif entry.doc is None:
        # A later citation may carry the date or title an earlier one left out.
        entry.date = entry.date or ref.date
        entry.year = entry.year or (ref.date.year if ref.date else None)
        entry.title = entry.title or ref.title
    if doc not in entry.cited_by:
        entry.cited_by.append(doc)
