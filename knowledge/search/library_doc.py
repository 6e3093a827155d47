"""A library document as the index holds it, and what the index reads of each one."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import date
from threading import Lock
from typing import Protocol

from knowledge.model import Directive, Reference, Section
from knowledge.search.facets import DocFacts
from knowledge.search.passages import Passage, part_codes, passages_of
from knowledge.search.tokens import IdArray

PASSAGE_CACHE = 256  # documents whose rows are kept split (as many as storage caches)


class DirectiveSource(Protocol):
    """Where a document's full parsed directive is read from when it is needed."""

    def load(self, doc_id: int) -> Directive | None:
        """The directive stored for this document, None when it is gone."""


class _Passages:
    """The rows of the directives read last: splitting a text again costs a millisecond.

    Kept with the directive they came from, so a directive read anew (or another library
    reusing the id) is split again rather than answered from stale rows.
    """

    def __init__(self, size: int) -> None:
        self.size = size
        self._cache: OrderedDict[int, tuple[Directive, list[Passage]]] = OrderedDict()
        self._lock = Lock()

    def of(self, doc_id: int, directive: Directive) -> list[Passage]:
        """The passages of this directive of this document."""
        with self._lock:
            found = self._cache.get(doc_id)
            if found is not None and found[0] is directive:
                self._cache.move_to_end(doc_id)
                return found[1]
        rows = passages_of(directive)
        with self._lock:
            self._cache[doc_id] = (directive, rows)
            while len(self._cache) > self.size:
                self._cache.popitem(last=False)
        return rows


_PASSAGES = _Passages(PASSAGE_CACHE)


class LibraryDoc:
    """An ingested document as the index sees it; `directive` is read on demand."""

    def __init__(
        self,
        id: int,
        file: str,
        number: str | None,
        number_key: str | None,
        doc_type: str,
        doc_type_name: str,
        issuer: str,
        date: date | None,
        year: int | None,
        title: str,
        directive: Directive | None = None,
        source: DirectiveSource | None = None,
        references: list[Reference] | None = None,
    ) -> None:
        self.id, self.file, self.number, self.number_key = id, file, number, number_key
        self.doc_type, self.doc_type_name, self.issuer = doc_type, doc_type_name, issuer
        self.date, self.year, self.title = date, year, title
        self._directive = directive
        self._source = source
        self.references = (
            references
            if references is not None
            else (directive.references if directive is not None else [])
        )

    @classmethod
    def from_directive(cls, doc_id: int, file: str, directive: Directive) -> LibraryDoc:
        """A library document holding its parsed directive in memory."""
        d = directive
        return cls(
            doc_id,
            file,
            d.number,
            d.number_key,
            d.doc_type,
            d.doc_type_name,
            d.issuer,
            d.date,
            d.year,
            d.title,
            directive=d,
        )

    @property
    def directive(self) -> Directive:
        """The parsed directive (an empty one if its row vanished since indexing)."""
        if self._directive is not None:
            return self._directive
        loaded = self._source.load(self.id) if self._source is not None else None
        return loaded or Directive(number=self.number, title=self.title)

    @property
    def passages(self) -> list[Passage]:
        """The document's rows in the index (knowledge.search.passages)."""
        return _PASSAGES.of(self.id, self.directive)

    def __repr__(self) -> str:
        return f"LibraryDoc({self.id}, {self.file!r}, {self.number!r})"


@dataclass
class PassageHit:
    """A passage found by Library.search."""

    doc: LibraryDoc
    passage: Passage
    score: float
    row: int  # its position among the document's passages

    @property
    def path(self) -> str:
        """The section path of the passage ("" outside the sections)."""
        return self.passage.path

    def section(self) -> Section | None:
        """The section the passage is in (None outside the sections)."""
        path = self.passage.path
        if not path:
            return None
        return next((s for s in self.doc.directive.sections if s.path == path), None)


@dataclass
class DocInput:
    """What the index reads of one document: its passages' texts (or, from storage, their
    term ids and lengths, already encoded), deadlines, units and where its parts are."""

    doc: LibraryDoc
    texts: list[str]
    facts: DocFacts = field(default_factory=DocFacts)
    tokens: tuple[IdArray, IdArray] | None = None

    @classmethod
    def of(cls, doc: LibraryDoc) -> DocInput:
        """Read everything from the document's directive."""
        d = doc.directive
        rows = doc.passages
        return cls(doc, [p.indexed for p in rows], doc_facts(d, rows))


def doc_facts(directive: Directive, rows: list[Passage]) -> DocFacts:
    """What the facets keep of a directive whose rows are these."""
    return DocFacts(
        [(x.due or x.period_end, x.recurrence) for x in directive.deadlines],
        [t.unit for t in directive.tasks],
        [p.unit for p in rows],
        part_codes(rows),
    )
