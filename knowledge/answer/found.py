"""The shape of an answer and how it is written out: fact, quote, citation, other candidates."""

from __future__ import annotations

from dataclasses import dataclass, field

from knowledge.answer import phrases as say
from knowledge.answer.passages import citation, printed_path
from knowledge.answer.targets import DocRef

MAX_OTHERS = 2  # at most two other candidates after the main answer


@dataclass
class Source:
    """A passage an answer rests on."""

    file: str
    number: str | None
    title: str
    section: str
    excerpt: str


@dataclass
class Answer:
    """The reply to a question, with the passages it quotes."""

    text: str
    sources: list[Source] = field(default_factory=list)
    found: bool = False


@dataclass
class Pick:
    """One passage of one document chosen for an answer."""

    doc: DocRef
    path: str  # section path as printed; "" for the document as a whole
    excerpt: str  # the quote, already trimmed
    label: str = ""  # a few words saying what it is, for the "other candidates" list
    part: str = ""  # names the place when there is no section ("nơi nhận")

    @property
    def cite(self) -> str:
        """ "34-HD/ĐU, mục 2" or "105-CV/ĐU, nơi nhận"."""
        d = self.doc.directive
        text = citation(d.number, d.doc_type_name, d.title, printed_path(d, self.path))
        return f"{text}, {self.part}" if self.part and not self.path else text

    def source(self) -> Source:
        """The CLI/JSON form of this pick."""
        d = self.doc.directive
        return Source(self.doc.file, d.number, d.title, self.path, self.excerpt)


@dataclass
class Found:
    """An answer before it is written out: the fact, the quotes, the other candidates."""

    lead: str
    main: list[Pick] = field(default_factory=list)
    others: list[Pick] = field(default_factory=list)
    found: bool = True
    quote: bool = True  # False when the lead already is the quoted list
    show_others: bool = True  # False when the lead already lists every candidate
    max_others: int = MAX_OTHERS
    listed: bool = False  # the lead already quotes and cites every main pick
    heading: str = say.OTHERS  # what the other candidates are ("Xem thêm …": not the answer)

    def render(self) -> Answer:
        """Write the answer: the fact, then “quote” (citation), then other candidates."""
        blocks = [self.lead]
        for pick in [] if self.listed else self.main:
            if self.quote and pick.excerpt:
                blocks.append(f"“{pick.excerpt}” ({pick.cite})")
            else:
                blocks.append(f"({pick.cite})")
        others = self.others[: self.max_others]
        if others and self.show_others:
            lines = [self.heading]
            lines += [
                say.OTHER_LINE.format(cite=p.cite, label=p.label or p.excerpt) for p in others
            ]
            blocks.append("\n".join(lines))
        sources = [p.source() for p in [*self.main, *others]]
        return Answer("\n\n".join(b for b in blocks if b), sources, self.found)


def dedupe(picks: list[Pick]) -> list[Pick]:
    """Picks with repeated (document, section) pairs removed, order kept."""
    seen: set[tuple[int, str]] = set()
    kept = []
    for pick in picks:
        key = (pick.doc.id, pick.path)
        if key not in seen:
            seen.add(key)
            kept.append(pick)
    return kept
