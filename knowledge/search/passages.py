"""A document as the rows of the search index: every paragraph, with the section it is in.

Sections alone leave out what readers ask about most: the header and title, the basis
("Căn cứ …", "Thực hiện …"), the closing, the signature and anything printed after it
(an annex, the plan a decision issues). So a row is a paragraph of the whole text:
- in a section: its path, and the headings above it as context (indexed with it, so
  "a) Đơn vị chủ trì: Công an Thành phố" is found under "3. Về an toàn thông tin");
- before the first section (HEAD: issuer, number, date, title, basis) or after the last
  one (TAIL: closing, recipients, signer, annexes): no path.
A directive without its text (built by hand, or stored before the text was kept) gives
its title and its sections' paragraphs. The same directive always gives the same rows:
the index stores their term ids, answers read them back by position.
"""

from __future__ import annotations

from dataclasses import dataclass

from knowledge.model import Directive, Section
from knowledge.parse.paragraphs import split_paragraphs
from knowledge.vi.textnorm import fold

HEAD, BODY, TAIL = "head", "body", "tail"
CELL = " | "  # how table cells are written out one row a line
PART_CODES = {HEAD: 0, BODY: 1, TAIL: 2}  # as the index keeps them, one byte a row


@dataclass(frozen=True)
class Passage:
    """One paragraph of a document, where it is, and the headings above it."""

    path: str  # the section path ("II.1"); "" outside every section
    text: str  # the paragraph as printed
    context: str = ""  # the parent's and the section's headings, searched with it
    part: str = BODY
    unit: str | None = None  # the unit the section is assigned to
    opens: bool = False  # the paragraph that opens its section (its heading line)

    @property
    def indexed(self) -> str:
        """What the index reads of it."""
        return f"{self.context}\n{self.text}" if self.context else self.text


def passages_of(directive: Directive) -> list[Passage]:
    """The rows of a directive, in document order."""
    paras = _paragraphs(directive)
    owners = _owners(paras, directive.sections)
    matched = [i for i, owner in enumerate(owners) if owner is not None]
    if not matched:
        headers = _table_headers(paras)
        return [Passage("", p, headers.get(i, ""), HEAD) for i, p in enumerate(paras)]
    first, last = matched[0], matched[-1]
    contexts = _contexts(directive.sections)
    headers = _table_headers(paras)
    found: list[Passage] = []
    current = owners[first]
    trailer = False
    for index, text in enumerate(paras):
        # The recipients and the signature before an annex are the tail, not the last
        # section's lines ("- UBND, UBMTTQ xã và các đoàn thể," is sent a copy, no task).
        trailer = owners[index] is None and (trailer or fold(text[:12]).startswith("noi nhan"))
        if index < first or index > last or trailer:
            part = HEAD if index < first else TAIL
            found.append(Passage("", text, headers.get(index, ""), part))
            continue
        # A paragraph the sections do not hold (a "Kính gửi" list) stays in its section.
        current = owners[index] if owners[index] is not None else current
        assert current is not None
        section = directive.sections[current]
        own, parent = contexts[current]
        opens = text == section.text.split("\n", 1)[0].strip()
        context = parent if opens else " ".join(c for c in (parent, own) if c)
        context = " ".join(c for c in (context, headers.get(index, "")) if c)
        found.append(Passage(section.path, text, context, BODY, section.unit, opens))
    return found


def _table_headers(paras: list[str]) -> dict[int, str]:
    """The header row of the table each row belongs to ("Tên dữ liệu | Cơ quan chủ quản"):
    a row alone says "Dữ liệu tổ chức đảng | Ban Tổ chức Trung ương", its header says what
    the columns are. Rows are consecutive paragraphs with cells split by " | "."""
    found: dict[int, str] = {}
    header = ""
    for index, text in enumerate(paras):
        if CELL not in text:
            header = ""
            continue
        if header:
            found[index] = header
        else:
            header = text
    return found


def part_codes(rows: list[Passage]) -> bytes:
    """The part of each passage as one byte (PART_CODES), as the index keeps them."""
    return bytes(PART_CODES[p.part] for p in rows)


def _paragraphs(directive: Directive) -> list[str]:
    """The paragraphs of the text, or (without a text) the title and the sections'."""
    if directive.text.strip():
        paras = [p.text for p in split_paragraphs(directive.text)]
    else:
        paras = [directive.title] + [
            line for s in directive.sections for line in s.text.split("\n")
        ]
    return [p.strip() for p in paras if p.strip()]


def _owners(paras: list[str], sections: list[Section]) -> list[int | None]:
    """The section holding each paragraph, read in order (a repeated line takes the next)."""
    where: dict[str, list[int]] = {}
    for index, section in enumerate(sections):
        for line in section.text.split("\n"):
            if line.strip():
                where.setdefault(line.strip(), []).append(index)
    owners: list[int | None] = []
    at = 0
    for text in paras:
        later = [i for i in where.get(text, ()) if i >= at]
        owners.append(later[0] if later else None)
        at = later[0] if later else at
    return owners


def _contexts(sections: list[Section]) -> list[tuple[str, str]]:
    """Each section's own heading and its parent's (the nearest one above at a lower level)."""
    stack: list[Section] = []
    found = []
    for section in sections:
        while stack and stack[-1].level >= section.level:
            stack.pop()
        parent = stack[-1].heading if stack else ""
        found.append((section.heading, parent))
        stack.append(section)
    return found
