"""The section tree: roman parts, numbered items and lettered sub-items, paths as printed.

Path rule: a roman part is "II"; a numbered item inside a roman part is "II.3", outside
any roman part it is "3"; "1.2." keeps its dots ("II.1.2"); a lettered item "a)" hangs
under the numbered item before it ("II.3.a"). Paths are unique (sections are addressed
by path), and each section keeps its path as printed in `Section.printed`. A roman part
printed again right after itself ("II. NHIỆM VỤ CỤ THỂ", then "II. TỔ CHỨC THỰC HIỆN")
is a numbering slip: it takes the next numeral ("III", printed "II"), so citations read
«mục III» and can add «(in là II)»; its items are "III.1". Any other repeat keeps the
printed path with its occurrence in parentheses ("1", then "1(2)").
Heading: the heading paragraph after its marker, up to the first ":", ";" or sentence
end, at most 200 characters (cut at a word, with "…"). Text: every paragraph of the
section as printed, its heading paragraph included, children excluded.
An article of a decision, "Điều 3.", has the path "Điều 3" (numbered through the whole
document); its numbered clauses are "Điều 3.1". A chapter, "Chương II", is a section of
its own ("Chương II", its heading the capital line under it when the marker line has
none); the articles in it keep their own paths. A closing paragraph "Trên đây là ..."
ends the last section.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from knowledge.model import Section
from knowledge.parse.paragraphs import head_fold, sentences
from knowledge.vi.casing import is_caps

HEADING_MAX = 200
_ROMAN = re.compile(r"(?P<num>[IVXL]{1,6})\s?[.)]\s{0,3}(?P<rest>\S.*)?$")
_ARABIC = re.compile(r"(?P<num>\d{1,2}(?:\.\d{1,2}){0,3})\s?[.)]\s{0,3}(?P<rest>[^\d\s].*)$")
_LETTER = re.compile(r"(?P<num>[a-zđ])\)\s{0,3}(?P<rest>\S.*)$")
_ARTICLE = re.compile(r"(?P<num>Điều\s{1,3}\d{1,3})\s{0,3}[.:]\s{0,3}(?P<rest>.*)$")
_CHAPTER = re.compile(
    r"(?P<num>Chương\s{1,3}(?:[IVXL]{1,6}|\d{1,2}))\s{0,3}[.:]?(?:\s{1,3}(?P<rest>.*))?$"
)
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50}
_CLOSING = ("tren day la", "tren day ")


@dataclass
class Marker:
    """A heading marker: its kind (roman, arabic, letter), number and the text after it."""

    kind: str
    num: str
    rest: str


@dataclass
class Block:
    """A section with its paragraphs and the text after "Unit:" on the heading line."""

    section: Section
    paras: list[str] = field(default_factory=list)
    inline: str = ""


def _roman_value(num: str) -> int:
    values = [_ROMAN_VALUES[ch] for ch in num]
    # A smaller numeral before a larger one subtracts (IV, IX).
    return sum(-v if v < nxt else v for v, nxt in zip(values, [*values[1:], 0], strict=True))


def _roman_ok(num: str) -> bool:
    total = _roman_value(num)
    return 0 < total <= 30 and num == _to_roman(total)


def _to_roman(value: int) -> str:
    out = ""
    for size, glyph in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while value >= size:
            out += glyph
            value -= size
    return out


def heading_marker(text: str) -> Marker | None:
    """The heading marker that starts text ("II.", "3.", "1.2.", "a)"), or None."""
    match = _ROMAN.match(text)
    if match and _roman_ok(match.group("num")):
        return Marker("roman", match.group("num"), match.group("rest") or "")
    for kind, pattern in (
        ("arabic", _ARABIC),
        ("letter", _LETTER),
        ("article", _ARTICLE),
        ("chapter", _CHAPTER),
    ):
        match = pattern.match(text)
        if match:
            return Marker(kind, match.group("num"), match.group("rest") or "")
    return None


def is_heading(text: str) -> bool:
    """True when the paragraph starts a section."""
    return heading_marker(text) is not None


def is_closing(text: str) -> bool:
    """True for the closing paragraph "Trên đây là ..." after the last section."""
    return head_fold(text).startswith(_CLOSING)


def heading_text(rest: str) -> str:
    """The heading of a section: its first clause, at most HEADING_MAX characters."""
    clause = rest[: _clause_end(rest)]
    first = sentences(clause)
    clause = first[0] if first else clause
    clause = clause.strip().rstrip(".,;:").strip()
    if len(clause) > HEADING_MAX:
        clause = clause[:HEADING_MAX].rsplit(" ", 1)[0].rstrip(".,;:") + "…"
    return clause


def _clause_end(text: str) -> int:
    """Index of the first ":" or ";" outside parentheses and quotes, or the text length."""
    depth = 0
    for index, char in enumerate(text):
        if char in "(“":
            depth += 1
        elif char in ")”" and depth:
            depth -= 1
        elif char in ":;" and depth == 0:
            return index
    return len(text)


class _PathMaker:
    """Turns markers into printed paths, keeping them unique."""

    def __init__(self) -> None:
        self.roman: str | None = None
        self.arabic: str | None = None
        self.arabic_level = 0
        self.seen: dict[str, int] = {}
        self.article: str | None = None  # the article ("Điều 3") its clauses belong to
        self.last_roman = ""  # the roman part last opened, as numbered after any slip
        self.roman_printed = ""

    def _unique(self, path: str) -> str:
        count = self.seen.get(path, 0) + 1
        self.seen[path] = count
        return path if count == 1 else f"{path}({count})"

    def _roman_slip(self, num: str) -> str:
        """The next numeral when a roman part repeats the one just before it."""
        self.roman_printed = num
        if num != self.last_roman:
            self.last_roman = num
            return num
        following = _to_roman(_roman_value(num) + 1)
        if following in self.seen:
            return num
        # Later parts follow the corrected sequence: "II, II, III" reads "II, III, IV".
        self.last_roman = following
        return following

    def printed(self, path: str) -> str:
        """The path as printed: occurrence marks dropped, the roman part as printed."""
        plain = re.sub(r"\(\d+\)", "", path)
        if self.roman and path.startswith(self.roman):
            plain = self.roman_printed + re.sub(r"\(\d+\)", "", path[len(self.roman) :])
        return plain

    def path(self, marker: Marker) -> tuple[str, int]:
        """The path and level of the section this marker opens."""
        base = 1 if self.roman or self.article else 0
        if marker.kind == "roman":
            self.roman = self._unique(self._roman_slip(marker.num))
            self.arabic = self.article = None
            return self.roman, 1
        if marker.kind == "chapter":
            # "Chương II" groups articles, which are still cited on their own ("Điều 5").
            self.roman = self.arabic = self.article = None
            return self._unique(" ".join(marker.num.split())), 1
        if marker.kind == "article":
            # "Điều 3" is cited on its own: articles are numbered through the document.
            self.roman = None
            self.article = self.arabic = self._unique(" ".join(marker.num.split()))
            self.arabic_level = 1
            return self.arabic, 1
        if marker.kind == "arabic":
            part = self.roman or self.article  # "1." inside "Điều 3" is "Điều 3.1"
            raw = f"{part}.{marker.num}" if part else marker.num
            self.arabic = self._unique(raw)
            self.arabic_level = base + marker.num.count(".") + 1
            return self.arabic, self.arabic_level
        parent = self.arabic or self.roman
        raw = f"{parent}.{marker.num}" if parent else marker.num
        level = (self.arabic_level if self.arabic else base) + 1
        return self._unique(raw), level


def build_sections(paras: list[str]) -> tuple[list[str], list[Block], list[str]]:
    """Split body paragraphs into preamble, section blocks and closing paragraphs."""
    preamble: list[str] = []
    blocks: list[Block] = []
    closing: list[str] = []
    paths = _PathMaker()
    for text in paras:
        if closing or is_closing(text):
            closing.append(text)
            continue
        marker = heading_marker(text)
        if marker is None:
            if blocks and not blocks[-1].section.heading and is_caps(text):
                blocks[-1].section.heading = heading_text(text)  # "Chương I" / "QUY ĐỊNH CHUNG"
            (blocks[-1].paras if blocks else preamble).append(text)
            continue
        path, level = paths.path(marker)
        heading = heading_text(marker.rest)
        inline = marker.rest.split(":", 1)[1].strip() if ":" in marker.rest else ""
        section = Section(path, heading, level=level, printed=paths.printed(path))
        blocks.append(Block(section, [text], inline))
    for block in blocks:
        block.section.text = "\n".join(block.paras)
    return preamble, blocks, closing
