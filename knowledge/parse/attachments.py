"""What follows the signature: footnotes and attached documents, each parsed as a part.

- A part starts at a heading in capitals that names a document type ("KẾ HOẠCH", "QUY
  CHẾ", "QUY ĐỊNH", ...) or an annex ("PHỤ LỤC", "PHỤ LỤC II", "Phụ lục 1: ..."), or at
  a caption "(Kèm theo ...)" / "(Ban hành kèm theo ...)"; footnotes ("[1] ...", "[i] ...")
  are the part "Chú thích".
- A part's path is its name in sentence case ("Kế hoạch", "Phụ lục II", a repeat gets
  "(2)"); its sections keep their own paths under it ("Kế hoạch/IV.1.2", "Quy chế/Điều
  5"), so they never collide with the main text's.
- Its title is the heading's words after the name and the capital lines under it; the
  caption names the document it is attached to ("Kèm theo Hướng dẫn số 40-HD/BTGDVTW,
  ngày 27/11/2025 của Ban Tuyên giáo ..."): a text whose header lost its number and date
  takes them (and its issuer) from there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from knowledge.model import DocNumber, Section
from knowledge.parse.issuer import strip_rules
from knowledge.parse.paragraphs import head_fold
from knowledge.parse.sections import Block, build_sections, heading_marker
from knowledge.vi.casing import is_caps
from knowledge.vi.docnumbers import find_numbers
from knowledge.vi.doctypes import type_from_name
from knowledge.vi.textnorm import fold

_ANNEX = re.compile(r"^phu luc(?:\s+(?:so\s+)?(?P<n>[0-9ivxlIVXL]{1,6}[a-z]?))?\b\s*[:.\-–]?\s*")
_CAPTION = re.compile(r"^\(?\s*(?:ban hanh\s+)?kem theo\b", re.IGNORECASE)
_CAPTION_IN = re.compile(r"\(\s*(?:Ban hành\s+)?[Kk]èm theo\b")
_FOOTNOTE = re.compile(r"^(?:\[(?:\d{1,3}|[ivxIVX]{1,5})\]|\(\d{1,2}\)\s|\*\s)")
_OF = re.compile(r"\s(?:của|do)\s+(?P<who>[^()]+?)\s*\)?\s*$")
FOOTNOTES = "Chú thích"
TITLE_MAX_LINES = 3
PART_HEADING_MAX = 300  # a heading in capitals, not a paragraph


@dataclass
class Caption:
    """The document an attached part belongs to, as its caption names it."""

    number: DocNumber | None = None
    date: date | None = None
    type_word: str = ""  # "Hướng dẫn", "Công văn"
    issuer: str = ""  # after "của": "Ban Tuyên giáo và Dân vận Trung ương"


@dataclass
class Part:
    """An attached document or the footnotes: its own section, then its blocks."""

    section: Section
    preamble: list[str] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    closing: list[str] = field(default_factory=list)
    caption: Caption | None = None


def part_name(text: str) -> tuple[str, str] | None:
    """(name, rest) when text opens a part ("PHỤ LỤC II" → ("Phụ lục II", "")), else None."""
    text = strip_rules(text)
    folded = head_fold(text, 60)
    annex = _ANNEX.match(folded)
    if annex:
        number = annex.group("n")
        name = "Phụ lục" + (f" {number.upper()}" if number else "")
        rest = text[annex.end() :].strip()
        heading = is_caps(text[:7]) or number or text[annex.end() - 1 : annex.end()] == ":"
        if rest and not heading:
            return None  # "Phụ lục kèm theo ..." inside a sentence; "Phụ lục" alone is a heading
        return name, rest
    if len(text) > PART_HEADING_MAX or not is_caps(text):
        return None
    code = type_from_name(text[:40])
    if code is None:
        return None
    words = fold(text[:40]).split()
    for size in (3, 2, 1):  # "QUY CHẾ", "THÔNG TƯ LIÊN TỊCH": the name is its first words
        if type_from_name(" ".join(words[:size])) == code:
            name = " ".join(text.split()[:size])
            return name[:1] + name[1:].lower(), " ".join(text.split()[size:])
    return None


def opens_tail(text: str) -> bool:
    """True when text starts a part or the footnotes: what may follow a signature."""
    return part_name(text) is not None or is_caption(text) or is_footnote(text)


def is_caption(text: str) -> bool:
    """True for "(Kèm theo ...)" / "(Ban hành kèm theo ...)"."""
    return _CAPTION.match(head_fold(text, 30)) is not None


def is_footnote(text: str) -> bool:
    """True for a footnote line: "[1] ...", "[ii] ...", "(1) ..."."""
    return _FOOTNOTE.match(text) is not None


def split_tail(texts: list[str]) -> list[Part]:
    """The parts of the text after the signature, in order."""
    groups: list[tuple[str, list[str]]] = []
    for index, text in enumerate(texts):
        opened = part_name(text)
        if opened is not None and not (index and _bare_marker(texts[index - 1])):
            groups.append((opened[0], [text]))
        elif is_footnote(text) and (not groups or groups[-1][0] != FOOTNOTES):
            groups.append((FOOTNOTES, [text]))
        elif groups:
            groups[-1][1].append(text)
        else:
            groups.append(("Phụ lục", [text]))
    seen: dict[str, int] = {}
    parts = []
    for name, paras in groups:
        seen[name] = seen.get(name, 0) + 1
        path = name if seen[name] == 1 else f"{name}({seen[name]})"
        parts.append(_part(path, paras))
    return parts


def _bare_marker(text: str) -> bool:
    """ "Chương I", "II.": a marker whose heading is the capital line under it."""
    marker = heading_marker(text)
    return marker is not None and not marker.rest.strip()


def _part(path: str, paras: list[str]) -> Part:
    opened = part_name(paras[0])
    title, rest = ([opened[1]] if opened and opened[1] else []), paras[1:] if opened else paras
    caption = None
    while rest and len(title) < TITLE_MAX_LINES and not is_caption(rest[0]):
        if not is_caps(rest[0]) or opened is None:
            break
        line, found = _split_caption(rest[0])
        title.append(line)
        rest = rest[1:]
        if found:
            caption = read_caption(found)
            break
    if caption is None and rest and is_caption(rest[0]):
        caption, rest = read_caption(rest[0]), rest[1:]
    heading = " ".join(strip_rules(t) for t in title if t)
    heading = heading[:1] + heading[1:].lower() if is_caps(heading) else heading
    preamble, blocks, closing = build_sections(rest)
    section = Section(path, heading or path, "\n".join(paras[: len(paras) - len(rest)] + preamble))
    for block in blocks:
        block.section.path = f"{path}/{block.section.path}"
        if block.section.printed:
            block.section.printed = f"{path}/{block.section.printed}"
        block.section.level += 1
    return Part(section, preamble, blocks, closing, caption)


def _split_caption(line: str) -> tuple[str, str]:
    """A title line with its caption glued on: ("THỰC HIỆN ...", "(Kèm theo ...)")."""
    match = _CAPTION_IN.search(line)
    if match is None:
        return line, ""
    return line[: match.start()].strip(), line[match.start() :]


def read_caption(text: str) -> Caption:
    """Number, date, type word and issuer named by a caption."""
    numbers = find_numbers(text)
    caption = Caption()
    if numbers:
        first = numbers[0]
        caption.number, caption.date = first.number, first.issued
        caption.type_word = first.type_word or ""
    who = _OF.search(text)
    if who:
        caption.issuer = who.group("who").strip(" ,.)")
    return caption
