"""Which documents a question names ("công văn 105", "89-KH/TU"), and a view of each one."""

from __future__ import annotations

from dataclasses import dataclass, field

from knowledge.docnumbers import find_numbers, parse_number, parse_query
from knowledge.doctypes import TYPE_NAMES
from knowledge.intents import without_date_cues
from knowledge.lookup import LookupMatch
from knowledge.model import Directive, Section
from knowledge.passages import doc_name
from knowledge.search import Library, LibraryDoc


@dataclass(frozen=True)
class DocRef:
    """An ingested document as answers use it: id, file and the parsed directive."""

    id: int
    file: str
    directive: Directive

    @property
    def name(self) -> str:
        """How answers name it: its number, else its type and title."""
        d = self.directive
        return doc_name(d.number, d.doc_type_name, d.title)

    def section(self, path: str) -> Section | None:
        """The section with this path, if any."""
        return next((s for s in self.directive.sections if s.path == path), None)


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
    return DocRef(doc.id, doc.file, doc.directive)


def all_docs(library: Library) -> list[DocRef]:
    """Every ingested document, in library order."""
    return [ref_of(doc) for doc in library.docs]


def named_documents(library: Library, question: str) -> Named:
    """Documents named by number in the question, resolved through the library's lookup."""
    named = Named()
    for query in _number_queries(question):
        result = library.lookup(query, limit=3)
        # Only a number decides: a fuzzy title match of "kế hoạch 118" is a guess.
        if not result.matches or result.ambiguous or result.how not in ("key", "number"):
            continue
        match = result.matches[0]
        doc = library.doc(match.doc_id) if match.doc_id is not None else None
        if doc is not None:
            if doc.id not in named.ids:
                named.docs.append(ref_of(doc))
        elif all(c.number != match.number for c in named.cited):
            named.cited.append(match)
    return named


def implementing_docs(library: Library, number: str) -> list[DocRef]:
    """Ingested documents that implement (or, failing that, cite) a document."""
    parsed = parse_number(number)
    if parsed is None:
        return []
    docs = library.implementing(parsed.key) or library.citing(parsed.key)
    return [ref_of(doc) for doc in docs]


def _number_queries(question: str) -> list[str]:
    """Short lookup queries for each number in the question ("CV 105", "89-KH/TU")."""
    found = [m.number.display() for m in find_numbers(question)]
    if found:
        return found
    query = parse_query(question) or parse_query(without_date_cues(question))
    if query is None:
        return []
    parts = [TYPE_NAMES.get(query.doc_type, query.doc_type) if query.doc_type else "", query.number]
    if query.issuer:
        parts.append(query.issuer)
    if query.year:
        parts += ["năm", str(query.year)]
    # Users name a plan by the resolution it implements ("kế hoạch 118"): when the typed
    # number finds nothing, the bare number may still be unique.
    return [" ".join(p for p in parts if p), f"số {query.number}"]
