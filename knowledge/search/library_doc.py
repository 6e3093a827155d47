"""A library document as the index holds it, and what the index reads of each one."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

from knowledge.model import Directive, Reference, Section
from knowledge.search.facets import DocFacts
from knowledge.search.tokens import IdArray


class DirectiveSource(Protocol):
    """Where a document's full parsed directive is read from when it is needed."""

    def load(self, doc_id: int) -> Directive | None:
        """The directive stored for this document, None when it is gone."""


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

    def __repr__(self) -> str:
        return f"LibraryDoc({self.id}, {self.file!r}, {self.number!r})"


@dataclass
class SectionHit:
    """A section found by search_sections."""

    doc: LibraryDoc
    section: Section
    score: float


@dataclass
class DocInput:
    """What the index reads of one document: its sections' texts (or, from storage, their
    term ids and lengths, already encoded), deadlines and units."""

    doc: LibraryDoc
    texts: list[str]
    facts: DocFacts = field(default_factory=DocFacts)
    tokens: tuple[IdArray, IdArray] | None = None

    @classmethod
    def of(cls, doc: LibraryDoc) -> DocInput:
        """Read everything from the document's directive."""
        d = doc.directive
        facts = DocFacts(
            [(x.due, x.recurrence) for x in d.deadlines],
            [t.unit for t in d.tasks],
            [s.unit for s in d.sections],
        )
        return cls(doc, [section_text(s) for s in d.sections], facts)


def section_text(section: Section) -> str:
    """What is indexed for a section: its heading and its text."""
    return heading_text(section.heading, section.text)


def heading_text(heading: str, text: str) -> str:
    """A heading and the text under it as indexed (the heading once)."""
    if heading and not text.startswith(heading):
        return f"{heading}\n{text}"
    return text or heading
