"""Which documents a question names ("công văn 105", "89-KH/TU"), and a view of each one."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from knowledge.answer.intents import without_date_cues
from knowledge.answer.passages import doc_name
from knowledge.model import Directive, Section
from knowledge.search.library import Library
from knowledge.search.library_doc import LibraryDoc
from knowledge.search.lookup import LookupMatch
from knowledge.vi.docnumbers import find_numbers, number_key, parse_number
from knowledge.vi.doctypes import TYPE_NAMES
from knowledge.vi.number_query import parse_query
from knowledge.vi.textnorm import fold

# "từ ngày nào", "tu thang 3": "từ" before a time is "from", never Thành ủy's "TU" (a
# question typed without diacritics reads "khối 6, 7 tu ngay nao" as "7-…/TU").
_FROM_TIME = re.compile(
    r"\btu(?= (?:ngay|thang|nam|quy|tuan|hom|khi|luc|dau|cuoi|nay|bao gio|\d))", re.IGNORECASE
)


class DocRef:
    """An ingested document as answers use it; its parsed directive is read on first use.

    Reading a directive costs a database read: names and dates come from the index's
    columns, so a list of documents costs nothing until a passage of one is quoted.
    """

    def __init__(self, doc: LibraryDoc) -> None:
        self.doc = doc
        self.id = doc.id
        self.file = doc.file

    @cached_property
    def directive(self) -> Directive:
        """The parsed directive (read once per answer)."""
        return self.doc.directive

    @property
    def name(self) -> str:
        """How answers name it: its number, else its type and title."""
        if self.doc.number:  # from the index: no read
            return self.doc.number
        d = self.directive  # storage titles an untitled document by its file: not a name
        return doc_name(d.number, d.doc_type_name, d.title)

    def section(self, path: str) -> Section | None:
        """The section with this path, if any."""
        return next((s for s in self.directive.sections if s.path == path), None)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, DocRef) and other.id == self.id

    def __hash__(self) -> int:
        return hash(self.id)

    def __repr__(self) -> str:
        return f"DocRef({self.id}, {self.file!r})"


@dataclass
class Named:
    """Documents a question names: ingested ones, and ones only cited by others."""

    docs: list[DocRef] = field(default_factory=list)
    cited: list[LookupMatch] = field(default_factory=list)

    @property
    def ids(self) -> list[int]:
        """Ids of the ingested documents named."""
        return [d.id for d in self.docs]


def ref_of(doc: LibraryDoc) -> DocRef:
    """The answer-side view of a library document."""
    return DocRef(doc)


def named_documents(library: Library, question: str) -> Named:
    """Documents named by number in the question, resolved through the library's lookup."""
    named = Named()
    for query in _number_queries(question):
        result = library.lookup(query, limit=3)
        # Only a number decides (its own, or printed in a caption): a title match is a guess.
        if not result.matches or result.ambiguous or result.how not in ("key", "number", "text"):
            continue
        match = result.matches[0]
        doc = library.doc(match.doc_id) if match.doc_id is not None else None
        if doc is not None:
            if doc.id not in named.ids:
                named.docs.append(ref_of(doc))
        elif all(c.number != match.number for c in named.cited):
            named.cited.append(match)
    return named


def implementing_docs(library: Library, number: str, limit: int | None = None) -> list[DocRef]:
    """Ingested documents that implement (or, failing that, cite) a document; the newest
    `limit` of them when a limit is given (a much-cited resolution has thousands)."""
    parsed = parse_number(number)
    if parsed is None:
        return []
    docs = library.implementing(number_key(parsed)) or library.citing(number_key(parsed))
    if limit is not None and len(docs) > limit:
        docs = sorted(docs, key=doc_day, reverse=True)[:limit]
    return [ref_of(doc) for doc in docs]


def doc_day(doc: LibraryDoc) -> date:
    """A document's date for ordering, from the index: its header date, else its year."""
    return doc.date or (date(doc.year, 1, 1) if doc.year else date.min)


def _number_queries(question: str) -> list[str]:
    """Short lookup queries for each number in the question ("CV 105", "89-KH/TU")."""
    found = [m.number.display() for m in find_numbers(question)]
    if found:
        return found
    question = _FROM_TIME.sub(" ", fold(question))
    query = parse_query(question) or parse_query(without_date_cues(question))
    if query is None:
        return []
    typed = [TYPE_NAMES.get(query.doc_type, query.doc_type) if query.doc_type else "", query.number]
    parts = list(typed)
    if query.issuer:
        parts.append(query.issuer)
    if query.year:
        parts += ["năm", str(query.year)]
    queries = [" ".join(p for p in parts if p)]
    if query.issuer and query.doc_type:
        # "Hướng dẫn 45 … của Bộ Chính trị": the issuer named may be the one it implements.
        queries.append(" ".join(typed))
    # Users name a plan by the resolution it implements ("kế hoạch 118"): when the typed
    # number finds nothing, the bare number may still be unique.
    return [*queries, f"số {query.number}"]
