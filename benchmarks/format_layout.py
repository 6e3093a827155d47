"""A directive's plain text split the way an office lays it out in Word.

The parts, in the order of the text: the header (issuer and number on the left, the
national motto or the Party's name and the place and date on the right), the body
(paragraphs, with runs of `a | b | c` lines as tables), the closing ("Nơi nhận" beside
the signer block) and the tail (annexes, footnotes). A text without a header or without
a "Nơi nhận" keeps those parts empty; nothing is dropped but the rule lines ("-----")
that Word draws as shapes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from knowledge.vi.textnorm import fold

_DATE_LINE = re.compile(r"^[^\d,]{2,60},\s*ngay\s+\d{1,2}\s+thang\s+\d{1,2}\s+nam\s+\d{4}")
_MOTTO = re.compile(r"^(?:cong hoa xa hoi|dang cong san viet nam)")
_NUMBER = re.compile(r"^(?:so\b|v/v\b)")
_RULE = re.compile(r"^[-_=.]{3,}$")
_TRAILING_RULE = re.compile(r"\s*-{3,}$")
_MOTTO_SECOND = re.compile(r"\s+(?=Độc lập - Tự do)")
HEADER_SCAN = 12  # the date line ends the header within this many lines
CELLS = " | "

Block = str | list[list[str]]  # a paragraph, or a table's rows of cells


@dataclass
class Layout:
    """The parts of one document, ready for a Word or PDF writer."""

    header: list[tuple[list[str], list[str]]] = field(default_factory=list)  # rows (left, right)
    body: list[Block] = field(default_factory=list)
    closing: tuple[list[str], list[str]] | None = None  # (recipients, signer block)
    tail: list[Block] = field(default_factory=list)
    party: bool = False  # a Party document: number under the issuer, one header row

    def title(self) -> str:
        """A short name for running headers: the number line, else the first body line."""
        for left, _ in self.header:
            for line in left:
                if _NUMBER.match(fold(line)) and not fold(line).startswith("v/v"):
                    return line
        first = next((b for b in self.body if isinstance(b, str)), "")
        return first[:60]


def is_caps(text: str) -> bool:
    """Every letter upper case, at least two letters."""
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


def split_layout(text: str) -> Layout:
    """The layout of a plain-text directive."""
    lines = [line.strip() for line in text.splitlines()]
    lines = [line for line in lines if line]
    layout = Layout()
    end = _header_end(lines)
    if end:
        layout.header, layout.party = _header_rows(lines[:end])
        lines = lines[end:]
    start = _closing_start(lines)
    if start is None:
        layout.body = group_tables(lines)
        return layout
    recipients, signer, rest = _closing(lines[start:])
    layout.body = group_tables(lines[:start])
    layout.closing = (recipients, signer)
    layout.tail = group_tables(rest)
    return layout


def _header_end(lines: list[str]) -> int:
    """Index after the place-and-date line when the text opens with a header, else 0."""
    for index, line in enumerate(lines[:HEADER_SCAN]):
        if _DATE_LINE.match(fold(line)):
            return index + 1
    return 0


def _header_rows(lines: list[str]) -> tuple[list[tuple[list[str], list[str]]], bool]:
    """Two rows for a State document, one for a Party document (number under issuer)."""
    # A crawl may glue the drawn rule or the motto's second line onto a line: Word has
    # them apart ("CỘNG HÒA ... VIỆT NAM" / "Độc lập - Tự do - Hạnh phúc", the rule a shape).
    lines = [_TRAILING_RULE.sub("", line) for line in lines if not _RULE.match(line)]
    lines = [part for line in lines for part in _MOTTO_SECOND.split(line)]
    motto = next((i for i, line in enumerate(lines) if _MOTTO.match(fold(line))), len(lines))
    number = next((i for i, line in enumerate(lines) if _NUMBER.match(fold(line))), len(lines))
    number = max(number, motto)
    issuer, right, numbers = lines[:motto], lines[motto:number], lines[number:-1]
    date = lines[-1:]
    party = fold(" ".join(right)).startswith("dang cong san")
    if party:
        return [(issuer + numbers, right + date)], True
    return [(issuer, right), (numbers, date)], False


def _closing_start(lines: list[str]) -> int | None:
    starts = [i for i, line in enumerate(lines) if fold(line).startswith("noi nhan")]
    return starts[-1] if starts else None


def _closing(lines: list[str]) -> tuple[list[str], list[str], list[str]]:
    """("Nơi nhận" and its items, the signer block up to the name, what follows)."""
    index = 1
    while index < len(lines) and (lines[index][0] in "-+•" or not is_caps(lines[index])):
        index += 1
    signer_start = index
    while index < len(lines) and is_caps(lines[index]):
        index += 1
    index = min(index + 1, len(lines))  # the signer's name
    return lines[:signer_start], lines[signer_start:index], lines[index:]


def group_tables(lines: list[str]) -> list[Block]:
    """Paragraphs, with each run of lines holding " | " made one table."""
    blocks: list[Block] = []
    for line in lines:
        if CELLS not in line:
            blocks.append(line)
            continue
        cells = [cell.strip() for cell in line.split(CELLS)]
        while len(cells) > 1 and not cells[-1]:
            cells.pop()  # "Tổng cộng |  |  |": the empty trailing cells
        if blocks and isinstance(blocks[-1], list):
            blocks[-1].append(cells)
        else:
            blocks.append([cells])
    return blocks


def flat_text(layout: Layout) -> list[str]:
    """The layout back as lines (tables as `a | b` rows), for checks and the seeds."""
    out: list[str] = []
    for left, right in layout.header:
        out += left + right
    closing: list[Block] = [*layout.closing[0], *layout.closing[1]] if layout.closing else []
    for block in [*layout.body, *closing, *layout.tail]:
        out += [block] if isinstance(block, str) else [CELLS.join(row) for row in block]
    return out
