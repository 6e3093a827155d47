"""The header block: number, type, date and title (trích yếu) of a directive.

Rules (in document order, within the first paragraphs, before any numbered section):
- lines in capitals before the number, the date and the national title are the issuing
  body (issuer.header_issuer); the national title and motto, merged on one line or not,
  or the title cut over two lines by a narrow cell, and dash runs after a line are layout;
  a title (or the motto) a copy joined into a left-cell line splits it: the pieces
  around it are issuer lines ("ĐẢNG BỘ TỈNH X ĐẢNG CỘNG SẢN VIỆT NAM ĐẢNG ỦY SỞ Y");
- "Số 34 -HD/ĐU" / "Số: 210/KH-UBND" is the document's own number; a draft's blank one
  ("Số    -KH/ĐU", "Số:    /KH-UBND") is a number line without a number; a number line
  that carries the date cell too ("Số 45-KH/ĐU ngày 05 tháng 01 năm 2027") gives both;
- "TP. Hồ Chí Minh, ngày 15 tháng 6 năm 2022" / "Quận 3, ngày ..." is its date, a blank
  day ("ngày    tháng 3 năm 2027") none; such a line always ends the subject before it;
- a "V/v ..." line (or "Về ..." right under the number) is a công văn's subject (trích
  yếu), its title, however it ends;
- a line in capitals that starts with a type name ("HƯỚNG DẪN", "CHƯƠNG TRÌNH CÔNG TÁC
  DÂN VẬN NĂM 2024"), or a line that is only a type name ("Kế hoạch"), is the type
  heading; words after the type name start the title, unless a few words without a
  number are followed by a title in sentence case ("CHƯƠNG TRÌNH HÀNH ĐỘNG" / "Về công
  tác ...": they qualify the type), lowered
  when the heading runs on in small letters ("KẾ HOẠCH TỔ CHỨC" / "hội nghị sơ kết ...");
- the title is what follows the type heading (or, with no type heading, the number or
  date line): up to four paragraphs, stopping at a numbered section, "Căn cứ",
  "Kính gửi", a paragraph ending in ";", ":" or ".", a paragraph in sentence case of
  more than TITLE_PART_MAX characters (the body's first, left open by a PDF's wrap), a
  "Thực hiện ... số ..." line, or a line in capitals after a title that is not
  ("GIÁM ĐỐC SỞ ..." in a decision);
- capitals-only organisation lines and the national motto are skipped.
The title is in sentence case: a title printed in capitals is lower-cased, and the first
letter is always upper case; a leading "V/v" is dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from knowledge.model import DocNumber
from knowledge.parse.issuer import (
    cut_title,
    header_issuer,
    is_national,
    strip_rules,
    wrapped_national,
)
from knowledge.parse.paragraphs import Para, head_fold
from knowledge.parse.sections import is_heading
from knowledge.vi.casing import is_caps, sentence_case
from knowledge.vi.docnumbers import parse_number
from knowledge.vi.doctypes import TYPE_NAME_PHRASES, type_from_name
from knowledge.vi.textnorm import fold
from knowledge.vi.written_dates import parse_date

HEADER_SCAN = 30  # paragraphs looked at for the header
TITLE_MAX_PARAS = 4
TITLE_PART_MAX = 400  # titles in sentence case stay under 300 characters
_NUMBER_LINE = re.compile(r"so\s{0,3}:?\s{0,3}(?:va ky hieu\s{0,3}:?\s{0,3})?\d", re.IGNORECASE)
# "Quận 3, ngày ...", "Q.3, ngày ...": a place may end in its district number; "…, ngày".
_DATE_LINE = re.compile(
    r"(?:[^\d,\n]{1,60}(?:[\s.]\d{1,2})?,\s{0,3})?ngay(?:\s{1,3}(?:\d|\.)|[\s._…]*thang\s)",
    re.IGNORECASE,
)  # a draft leaves the day blank: "ngày    tháng 3 năm 2027"
_DATED = re.compile(r"\bngay\s{1,3}\d")
# A draft leaves the number blank for the clerk: "Số    -KH/ĐU", "Số:    /KH-UBND".
_BLANK_NUMBER = re.compile(r"so\s*:?[\s._…]*[-/]\s{0,2}[^\W\d_]")
_TITLE_STOP = ("can cu", "kinh gui", "noi nhan")
_BASIS_OPENERS = ("thuc hien", "can cu", "trien khai")
_VV = re.compile(r"^V/v\.?\s*", re.IGNORECASE)
SUBJECT_MAX_PARAS = 3
TYPE_QUALIFIER_WORDS = 3  # "HÀNH ĐỘNG", "LIÊN TỊCH", "TRIỂN KHAI THỰC HIỆN"


@dataclass
class Header:
    """What the header block gave, and where the body starts."""

    number: DocNumber | None = None
    doc_type: str = ""
    date: date | None = None
    title: str = ""
    title_paras: list[int] = field(default_factory=list)
    body_start: int = 0
    issuer: str = ""  # the header's issuing body as printed, "" without one
    subject: bool = False  # the title is a công văn's "V/v ..." subject


def parse_header(paras: list[Para]) -> Header:
    """Read issuer, number, date, type heading and title from the first paragraphs."""
    head = Header()
    issuer_lines: list[str] = []
    index, done = 0, False
    limit = min(len(paras), HEADER_SCAN)
    while index < limit and not done:
        index, done = _step(paras, index, limit, head, issuer_lines)
    head.issuer = header_issuer(issuer_lines)
    head.body_start = max(index, head.title_paras[-1] + 1 if head.title_paras else 0)
    if head.number is not None and head.number.doc_type:
        head.doc_type = head.number.doc_type
    return head


def _step(
    paras: list[Para], index: int, limit: int, head: Header, issuer_lines: list[str]
) -> tuple[int, bool]:
    """Read the header paragraph at index: the next index, and whether the header ended."""
    line = strip_rules(paras[index].text)
    pieces = [line] if "|" in line else cut_title(line)  # a table row: _header_row reads it
    if len(pieces) > 1 and head.number is None and head.date is None and is_caps(pieces[0]):
        issuer_lines.extend(p for p in pieces if is_caps(p))  # left cells around the title
        return index + 1, False
    text = pieces[0] if pieces else ""
    if is_heading(text) or head_fold(text).startswith(_TITLE_STOP):
        return index, True
    if _header_row(head, text, issuer_lines):
        return index + 1, False
    if index + 1 < limit and wrapped_national(text, paras[index + 1].text):
        return index + 2, False
    if _bare_so(text) and index + 1 < limit:
        text = f"Số: {paras[index + 1].text}"  # "Số:" and its number in two lines
        index += 1
    if is_national(text) or _take_header_line(head, text) or not text:
        return index + 1, False
    if _is_subject(head, text):
        return _read_subject(paras, index, head), False
    if (code := _type_heading(text)) is not None:
        head.doc_type = code
        rest = _heading_rest(text, paras[index + 1].text if index + 1 < len(paras) else "")
        return _read_title(paras, index + 1, head, [rest] if rest else []), True
    if is_caps(text):
        if head.number is None and head.date is None:
            issuer_lines.append(text)  # the issuing body ("ỦY BAN NHÂN DÂN" / "TỈNH X")
        return index + 1, False
    if (head.number is not None or head.date is not None) and not head.title:
        return _read_title(paras, index, head, []), True  # công văn: trích yếu under the number
    return index, True


def _bare_so(text: str) -> bool:
    """ "Số:" alone: its number is in the next line or cell."""
    return text.lower().rstrip(" :") in ("số", "so")


def _header_row(head: Header, text: str, issuer_lines: list[str]) -> bool:
    """A row of the header table on one line, its cells joined with "|" ("ỦY BAN NHÂN DÂN |
    CỘNG HÒA ..." / "Số: 130/KH-UBND | Ninh Bình, ngày ..."): True when it was read."""
    cells = [strip_rules(c) for c in text.split("|")]
    cells = [c for c in cells if c]
    if "|" not in text or not cells:
        return False
    for at in range(len(cells) - 1):
        if _bare_so(cells[at]):
            cells[at : at + 2] = [f"Số: {cells[at + 1]}", ""]  # "Số: | 58/KH-UBND"
    for cell in filter(None, cells):
        if is_national(cell) or _take_header_line(head, cell):
            continue
        if not is_caps(cell) or head.number is not None or head.date is not None:
            return False
        issuer_lines.append(cell)
    return True


def _is_subject(head: Header, text: str) -> bool:
    """A công văn's "V/v ..." line, or "Về ..." right under its number."""
    if head.title or (head.number is None and head.date is None):
        return False
    folded = head_fold(text, 8)
    return folded.startswith("v/v") or (folded.startswith("ve ") and head.date is None)


def _read_subject(paras: list[Para], start: int, head: Header) -> int:
    """The subject lines from start up to the date line or the body; the index after them."""
    parts: list[str] = []
    index = start
    while index < len(paras) and len(parts) < SUBJECT_MAX_PARAS:
        text = strip_rules(paras[index].text)
        if parts and (parts[-1].endswith((".", ";", ":")) or _ends_subject(text)):
            break
        parts.append(text)
        head.title_paras.append(index)
        index += 1
    head.title = _title_text(" ".join(parts)).rstrip(" .;")
    head.subject = True
    return index


def _ends_subject(text: str) -> bool:
    folded = head_fold(text, 100)
    if is_heading(text) or is_caps(text) or folded.startswith(_TITLE_STOP):
        return True
    return bool(_DATE_LINE.match(folded) or _NUMBER_LINE.match(folded))


def _type_heading(text: str) -> str | None:
    """Type code of a type heading: capitals ("KẾ HOẠCH ...") or just the name ("Kế hoạch")."""
    code = type_from_name(text)
    if code is None:
        return None
    return code if is_caps(text) or not _after_type_name(text) else None


def _take_header_line(head: Header, text: str) -> bool:
    """Consume a number or date line; False when text is neither."""
    folded = head_fold(text, 100)
    if head.number is None and _NUMBER_LINE.match(folded) and len(text) < 80:
        head.number = parse_number(text)
        if head.number is not None and head.date is None and _DATED.search(folded):
            head.date = parse_date(text)  # "Số 45-KH/ĐU" and its date cell joined in one line
        return head.number is not None
    if head.date is None and len(text) < 100 and _DATE_LINE.match(folded):
        head.date = parse_date(text)
        return True
    return folded.startswith("so:") or _BLANK_NUMBER.match(folded) is not None


def _after_type_name(heading: str) -> str:
    """The words of a type heading after the type name ("CHƯƠNG TRÌNH CÔNG TÁC ..." → rest)."""
    folded = " ".join(fold(heading).split())
    for phrase in TYPE_NAME_PHRASES:  # longest first
        if folded == phrase or folded.startswith(phrase + " "):
            return " ".join(heading.split()[len(phrase.split()) :])
    return ""


def _heading_rest(heading: str, following: str) -> str:
    """The title words of a type heading: its words after the type name; none when they
    qualify the type and a title in sentence case follows ("CHƯƠNG TRÌNH HÀNH ĐỘNG" / "Về
    công tác ..."); lowered when the heading runs on in small letters ("KẾ HOẠCH TỔ CHỨC"
    / "hội nghị sơ kết ...")."""
    rest = _after_type_name(heading)
    if not rest or not is_caps(rest) or not following or is_caps(following):
        return rest
    if _ends_title(following, []):
        return rest  # the body follows: the heading's words are the title
    if not following[:1].isupper():
        return rest.lower()
    # A few words without a number qualify the type; "CÔNG TÁC NĂM 2027" names the work
    # and stays, in the title's case.
    qualifier = len(rest.split()) <= TYPE_QUALIFIER_WORDS and not re.search(r"\d", rest)
    return "" if qualifier else rest.lower()


def _read_title(paras: list[Para], start: int, head: Header, parts: list[str]) -> int:
    """Collect title paragraphs from start; returns the index of the first body paragraph."""
    index = start
    taken = 0
    while index < len(paras) and taken < TITLE_MAX_PARAS:
        text = paras[index].text
        if _ends_title(text, parts):
            break
        parts.append(text)
        head.title_paras.append(index)
        taken += 1
        index += 1
    head.title = _title_text(" ".join(parts))
    return index


def _ends_title(text: str, parts: list[str]) -> bool:
    folded = head_fold(text)
    if is_heading(text) or folded.startswith(_TITLE_STOP):
        return True
    if text.endswith((";", ":", ".")):
        return True
    if len(text) > TITLE_PART_MAX and not is_caps(text):
        return True  # a paragraph this long is the body's, however a wrap left its end
    if not parts:
        return False
    # Capitals after a title in lower case start the body ("GIÁM ĐỐC SỞ ..." in a QĐ).
    if is_caps(text) and not is_caps(parts[-1]):
        return True
    # "Thực hiện Kế hoạch số 210/KH-UBND ..." after a title is the preamble.
    # A heading that runs on in small letters ("... hành động" / "thực hiện Nghị quyết số
    # ...") is no preamble.
    basis = folded.startswith(_BASIS_OPENERS) and text[:1].isupper()
    return basis and parse_number(text) is not None


def _title_text(title: str) -> str:
    """Title in sentence case (names and numbers kept), "V/v" dropped."""
    title = sentence_case(_VV.sub("", title.strip()))
    return title[:1].upper() + title[1:]


def title_key(doc_type: str, title: str, year: int | None) -> str:
    """Identity of a document without a number: type, folded title and year."""
    words = re.findall(r"[0-9a-z]+", fold(title))
    return f"{fold(doc_type)}:{' '.join(words)}:{year or ''}"
