"""Lines to paragraphs: undo the line breaks that page breaks and PDF wrapping put in text.

A line continues the paragraph before it when
- it starts with a lower-case letter (a page break cut a sentence: "... những" / "người
  làm ..."), even across blank lines; or
- the text is wrapped (PDF: most lines are short), the previous line runs close to the
  wrap width and the line does not open a new paragraph (bullet, numbered heading,
  "Nơi nhận", ...); across a blank line (a page break) only when that previous line
  ends without a closing mark (".", ";", ":", ...); or
- a wrap carried to its start in mid-sentence what may open a paragraph: the second
  half of "chính trị - xã hội" ("- " before a lower-case word, even across a page break),
  a number after a word a number follows ("Nghị quyết số" / "66.4/2025/NQ-CP"), or a
  number or "Điều 24" after a full open line (a comma does not close it: "186 thôn," /
  "1.245 hộ"). A page break never joins a dash item or a heading to the line before; or
- the line before ends in a word that never ends a sentence ("của", "và", "theo", ...),
  however short it is (a centred caption, a narrow cell), unless the line opens an item.
A heading written in capitals takes only the capital lines of its own wrap (wrapped text,
its line before at least CAPS_FULL_LINE of the width: capitals are wide, and header
cells, signature titles and short headings are short), and a line of several words in
capitals continues nothing else; nor do header lines ("Số: ...", "V/v ...", "<Place>,
ngày ...") and table rows (cells joined with " | ").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from knowledge.parse.deadline_schedule import period_heading
from knowledge.parse.issuer import is_national
from knowledge.vi.casing import is_caps
from knowledge.vi.doctypes import flat

# Paragraph openers: bullets, numbered or lettered items, roman parts, trailer words.
OPENER = re.compile(
    r"(?:[-+•●▪◦*]\s"
    r"|[IVXLC]{1,6}\s?[.)]\s?\S"
    r"|\d{1,2}(?:\.\d{1,2}){0,3}[.)]\s?\S"
    r"|[a-zđ][).]\s|\[\d{1,3}\]\s?\S"
    r"|Điều\s{1,3}\d|Chương\s{1,3}[IVXL\d]"
    r"|(?:Nơi nhận|Noi nhận|Kính gửi|Căn cứ|(?:Tiếp tục )?Thực hiện|Triển khai|Trên đây|T/M"
    r"|TM\.|KT\.|Q\.|TL\.)\b"
    r"|(?:Thời gian|Thời hạn|Đơn vị chủ trì|Đơn vị phối hợp)[^:\n]{0,25}:)"
)
# Openers that a wrap does not make: bullets, numbered and lettered items, "Điều 5.".
_STRONG_OPENER = re.compile(
    r"[-+•●▪◦*]\s|[IVXLC]{1,6}\s?[.)]|\d{1,2}(?:\.\d{1,2}){0,3}[.)](?!\d)|[a-zđ][).]\s"
    r"|\[\d{1,3}\]|Điều\s{1,3}\d{1,3}[a-z]?\s?[.:]|Chương\s{1,3}[IVXL\d]+\s*$"
)
# Openers a sentence may carry to a line start: "... theo quy định tại" / "Điều 55 Bộ
# luật", "... nước ta có" / "3.321 xã"; a "Căn cứ" after a full line opens the preamble.
_MID_SENTENCE_OPENER = re.compile(r"Điều\s|\d")
# Header lines never continue a paragraph: a number, a subject, "<Place>, ngày ...".
_HEADER_LINE = re.compile(
    r"(?:V/v\b|S[oO]\s{0,2}:?\s{0,2}\d|[A-Z][^\d,\n]{1,60},\s{0,3}[Nn]gay\s{1,3}\d)"
)
HEADER_LINE_MAX = 100
# Words a number always follows: a line ending in one was cut before its number ("ngày"
# / "15 tháng 6", "Nghị quyết số" / "66/2025/NQ-CP", "nhiệm kỳ" / "2026 - 2031").
_CUT_BEFORE_NUMBER = re.compile(r"(?:\b(?:ngày|tháng|năm|[Ss]ố|nhiệm kỳ|giai đoạn|khoản)|[-/])$")
_NUMBER_START = re.compile(r"\(?\d")  # "2022", "(028) 3829 5900"
# Words that never end a paragraph: a line ending in one was cut in mid-sentence, however
# short it is (a centred caption, a narrow cell) and whatever the next line starts with.
_OPEN_END = re.compile(r"\s(?:của|và|về|với|các|những|tại|theo|cho|trong|được|để|từ|đến|hoặc)$")
_LETTER_ITEM = re.compile(r"[a-zđ][).]\s")
# A dash carried to a line start by a wrap, before a word in lower case: the second half
# of "kinh tế - xã hội" ("Công nghiệp" / "- Viễn thông" is not told from a new item).
_DASH_WRAP = re.compile(r"[-–]\s+(\w)")
_DECORATION = re.compile(r"[\W_]*")  # a line of only "*", "---" or similar
_CLOSED = (".", ";", ":", "!", "?", ",", ")", "”")
_CLOSED_NOT_COMMA = tuple(mark for mark in _CLOSED if mark != ",")
BAND = 0.85  # justified body lines keep within this of the longest
WRAP_MAX_WIDTH = 160  # a text whose typical line is shorter than this is wrapped
FULL_LINE = 0.8  # a line this close to the wrap width was cut by the wrap
# A line that ends a sentence ends its paragraph unless it is full: justified lines keep
# within about a tenth of the widest, a paragraph's last line reaches that only by chance.
SENTENCE_FULL_LINE = 0.9
_SENTENCE_MARKS = (".", "!", "?", ";")
CAPS_FULL_LINE = 0.6  # capitals are wider: a heading's line this long was cut by the wrap
CAPS_MIN_LINE = 40  # and this long at least: header cells and signature titles are shorter
UNWRAPPED = 2  # a line twice the typical long line was never wrapped
TABLE_CELLS = " | "  # how a table row's cells are joined on one line


@dataclass
class Para:
    """A paragraph: its text and the index of its first source line."""

    text: str
    line: int
    last_len: int = 0  # length of its last source line, to tell wrapped lines
    more: list[str] = field(default_factory=list)  # continuation lines, joined at the end


def head_fold(text: str, size: int = 40) -> str:
    """Folded start of an already normalised text, cheap enough for every paragraph."""
    return flat(text[:size]).lower()


def clean_line(line: str) -> str:
    """One line without bold markers ("**") and outer spaces."""
    return line.replace("**", "").strip()


def wrap_width(lines: list[str]) -> int | None:
    """The wrap width when the text looks wrapped (PDF), else None.

    A wrapped line is never much longer than the width: a text with a line more than
    twice its typical long line keeps its paragraphs on one line each (a Word export
    with a short header block and one long paragraph). A table row (cells joined with
    " | ") is never wrapped text: however long, it says nothing of the width.
    """
    lengths = sorted(len(line) for line in lines if line and TABLE_CELLS not in line)
    if len(lengths) < 8:
        return None
    p90 = lengths[int(len(lengths) * 0.9) - 1]
    if p90 > WRAP_MAX_WIDTH or lengths[-1] > UNWRAPPED * p90:
        return None
    return body_width([n for n in lengths if n >= p90 // 2])  # not table cells, titles


def body_width(lengths: list[int]) -> int:
    """The width of the body text's lines: the top of the band (BAND of its top) holding
    most lines, so that footnotes or a table set smaller, whose lines run longer, do not
    widen it. lengths are sorted."""
    best, top, low = 0, lengths[-1], 0
    for high, length in enumerate(lengths):
        while lengths[low] < BAND * length:
            low += 1
        if high - low + 1 >= best:
            best, top = high - low + 1, length
    return top


def split_paragraphs(text: str) -> list[Para]:
    """Paragraphs of a normalised text, with broken lines joined back."""
    lines = [clean_line(line) for line in text.split("\n")]
    width = wrap_width(lines)
    paras: list[Para] = []
    blank_before = False
    for index, line in enumerate(lines):
        if _DECORATION.fullmatch(line):
            blank_before = True
            continue
        if paras and _continues(paras[-1], line, blank_before, width):
            paras[-1].more.append(line)  # joined once below: += would be quadratic
            paras[-1].last_len = len(line)
        else:
            paras.append(Para(line, index, len(line)))
        blank_before = False
    for para in paras:
        if para.more:
            para.text = " ".join([para.text, *para.more])
            para.more = []
    return paras


def _continues(prev: Para, line: str, blank_before: bool, width: int | None) -> bool:
    if period_heading(line) is not None:
        return False  # a schedule's period line ("Tháng 01/2027:") heads the items after it
    if OPENER.match(line):
        return _cut_before_word(prev, line, blank_before, width)
    if is_caps(prev.text):
        return _caps_wrapped(prev, line, blank_before, width)
    if len(line) < HEADER_LINE_MAX and _HEADER_LINE.match(flat(line)):
        return False
    if TABLE_CELLS in line or TABLE_CELLS in prev.text:
        return False  # a table row, its cells joined with " | ", is a line of its own
    last = prev.more[-1] if prev.more else prev.text
    if _OPEN_END.search(last):
        return True  # "ngày 21/11/2025 của" / "Chủ tịch Ủy ban nhân dân tỉnh)"
    if is_caps(line) and " " in line:
        return False  # a line in capitals is a heading or a signature title, not a wrap
    first = line[0]
    if first.isalpha() and first.islower() and not _LETTER_ITEM.match(line):
        return True
    if _NUMBER_START.match(line) and _CUT_BEFORE_NUMBER.search(last):
        return True  # "ngày 15 tháng 6 năm" / "2022" cut by a narrow table cell
    if width is None:
        return False
    if blank_before:
        # A page break inside a sentence: the full line before it has no closing mark.
        return prev.last_len >= FULL_LINE * width and not last.endswith(_CLOSED)
    if last.endswith(_SENTENCE_MARKS) and first.isupper():
        return prev.last_len >= SENTENCE_FULL_LINE * width
    return prev.last_len >= FULL_LINE * width


def _cut_before_word(prev: Para, line: str, blank_before: bool, width: int | None) -> bool:
    """A wrap that put what may open a paragraph ("Điều 55 Bộ luật ...", "3.321 xã",
    "- xã hội") at a line start in mid-sentence: the line before is open, and full, or
    ending in a word a number follows ("Nghị quyết số" / "66/2025/NQ-CP"), or the dash
    is a compound's ("chính trị" / "- xã hội", even across a page break).
    Otherwise a page break never does: what opens the next page opens a paragraph."""
    last = prev.more[-1] if prev.more else prev.text
    # A comma does not close what a number or "Điều 24" continues ("34 tỉnh, thành phố," /
    # "3.321 xã"; "(khoản 1," / "Điều 24)"); a dash item or a trailer word opens after it.
    closing = _CLOSED if not _MID_SENTENCE_OPENER.match(line) else _CLOSED_NOT_COMMA
    if last.endswith(closing) or _HEADER_LINE.match(flat(last)):
        return False
    dash = _DASH_WRAP.match(line)
    if dash:  # "chính trị" / "- xã hội": a dash item never opens in lower case
        return dash.group(1).islower()
    if blank_before or width is None or _STRONG_OPENER.match(line):
        return False
    if not _MID_SENTENCE_OPENER.match(line):
        return False
    if line[0].isdigit() and _CUT_BEFORE_NUMBER.search(last):
        return True  # "... Nghị quyết số" / "66/2025/NQ-CP": a number never opens after "số"
    return prev.last_len >= FULL_LINE * width


def _caps_wrapped(prev: Para, line: str, blank_before: bool, width: int | None) -> bool:
    """A heading in capitals wrapped over lines: the line before runs long (header cells,
    signature titles and short headings never do)."""
    if width is None or blank_before or not is_caps(line) or is_national(line):
        return False
    return prev.last_len >= max(CAPS_FULL_LINE * width, CAPS_MIN_LINE)


_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=\S)")
_MARKER_ONLY = re.compile(r"[IVXL\d.]{1,10}")
_ABBREVIATIONS = ("TP.", "Tp.", "TS.", "ThS.", "PGS.", "GS.", "Q.", "P.", "KT.", "TM.", "TL.")


def sentences(paragraph: str) -> list[str]:
    """Sentences of a paragraph: split after ". " before a capital, not after "TP."."""
    parts: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(paragraph):
        following = paragraph[match.end()]
        if not (following.isupper() or following in '“"'):
            continue
        head = paragraph[start : match.start()]
        if head.endswith(_ABBREVIATIONS) or _MARKER_ONLY.fullmatch(head):
            continue  # "TP. Hồ Chí Minh", or the "II." / "1." that opens a heading
        parts.append(head.strip())
        start = match.end()
    tail = paragraph[start:].strip()
    if tail:
        parts.append(tail)
    return [part for part in parts if part]
