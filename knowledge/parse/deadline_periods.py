"""Deadlines that name a month, a quarter or a year instead of a day.

- Month: "trong / hết / đến hết / cuối / đầu / vào / xong / chậm nhất tháng 12/2025" (or
  "tháng 12 năm 2025"); in a time value ("Thời gian hoàn thành: Tháng 12/2025.") no word
  is needed; "(tại) kỳ sinh hoạt / kỳ họp tháng 01 năm 2027", "tổ chức hội nghị báo cáo
  viên tháng 01/2027" is that month. A range "từ
  tháng 10 năm 2025 đến hết tháng 3 năm 2026", "Tháng 11 - 12/2025" is due in its last month;
  "từ tháng 11/2025 đến khi ..." names only a start: nothing. "trong tháng 6 và tháng
  7/2027" gives both months the year written once: two months in a row are one span.
- Quarter: "quý 2", "Quý I/2026", "trong quý II năm 2026", "quý 2, quý 4/2024" (the year
  applies to all); "quý I của năm liền kề / năm sau" is the next year's.
- Year: "đến hết năm 2025", "hết năm 2025", "vào cuối năm 2027" (unless told done)
  always; "trong năm 2025", "cuối năm 2025" right
  after a verb of completion (bàn giao, ban hành, trình, gửi ...), or anywhere in a clause
  that says "hoàn thành" / "xong" ("Hoàn thành việc xây dựng phòng truyền thống trong năm
  2027"), since "ban hành Kế hoạch ... các nhiệm vụ trọng tâm cuối năm 2025" names a topic.
  In a document scoped to a year, a target "trong năm" at a clause's end ("phấn đấu kết
  nạp ít nhất 120 đảng viên trong năm.") is that year.
Half years and school terms are in deadline_terms.py.
A month or quarter without a year takes the document's year; without one it is kept
with an unspecified year ("--06", "Q3").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace

from knowledge.parse.deadline_days import EVERY_YEAR
from knowledge.parse.deadline_hits import (
    MONTH,
    NOT_AFTER_LETTER,
    OPT,
    SP,
    YEAR,
    DeadlineHit,
    period_hit,
)
from knowledge.vi.dates import clause_start
from knowledge.vi.periods import month_key, quarter_key, quarter_number

_MONTH_AT = rf"thang{SP}(?P<m>{MONTH})(?:(?:{OPT}[/-]{OPT}|{SP}nam{SP})(?P<y>{YEAR}))?(?![\w/])"
# The words of time a month may follow; they do not name a meeting ("họp ... trong tháng").
_TIME_WORDS = r"(?:trong|het|den|cuoi|dau|vao|xong|cham|truoc|ngay|ky|tuan)(?![\w])"
# "tại hội nghị tháng 01/2027", "trong kỳ sinh hoạt chi bộ tháng 6", "trong kỳ sơ kết 6
# tháng (tháng 6/2027)": the month of the meeting the work is brought to.
_AT_MEETING = (
    rf"(?:tai|trong|vao)(?:{SP}(?:ky|buoi|phien|dip))?{SP}(?:hoi{SP}nghi|hop|sinh{SP}hoat"
    rf"|so{SP}ket|tong{SP}ket)(?:{SP}(?!{_TIME_WORDS})[^\W\d_]+){{0,4}}?"
    rf"(?:{SP}(?:6|sau){SP}thang{OPT}\()?"
)
_MONTH_WORDS = (
    rf"(?P<how>trong|het|den{SP}het|cuoi|dau|vao|xong|cham{SP}nhat(?:{SP}(?:la|trong|vao|cuoi))?"
    rf"|truoc{SP}cuoi|ngay{SP}trong|ky{SP}(?:sinh{SP}hoat|hop)(?:{SP}thuong{SP}ky)?"
    rf"|tuan{SP}(?:dau|cuoi|thu{SP}(?:\d|nhat|hai|ba|tu))(?:{SP}cua)?"
    rf"|to{SP}chuc{SP}(?:hoi{SP}nghi|hop|giao{SP}ban)(?:{SP}(?!{_TIME_WORDS})[^\W\d_]+){{0,4}}?"
    rf"|{_AT_MEETING})"
)
_WORD_BEFORE = re.compile(rf"(?<![\w]){_MONTH_WORDS}(?:{SP}cac)?{SP}$", re.IGNORECASE)
_MONTH = re.compile(rf"{NOT_AFTER_LETTER}{_MONTH_WORDS}(?:{SP}|(?<=\()){_MONTH_AT}", re.IGNORECASE)
_BARE_MONTH = re.compile(rf"{NOT_AFTER_LETTER}{_MONTH_AT}", re.IGNORECASE)
# "(trong tháng 6) và tháng 7/2027": the next month of a list, the year written once.
_LISTED = re.compile(
    rf"{OPT}(?:,{OPT}|va{SP}|,{OPT}va{SP})thang{SP}(?P<m>{MONTH})(?:{OPT}/{OPT}|{SP}nam{SP})"
    rf"(?P<y>{YEAR})(?![\w/])",
    re.IGNORECASE,
)
_MONTH_RANGE = re.compile(
    rf"{NOT_AFTER_LETTER}(?:tu{SP})?thang{SP}(?P<m1>{MONTH})(?:(?:{OPT}/{OPT}|{SP}nam{SP})"
    rf"(?P<y1>{YEAR}))?{OPT}(?:den|[-\u2013]){OPT}(?:het{SP})?(?:thang{SP})?(?P<m2>{MONTH})"
    rf"(?:(?:{OPT}/{OPT}|{SP}nam{SP})(?P<y2>{YEAR}))?(?![\w/])",
    re.IGNORECASE,
)
_QUARTER = r"(?:[1-4]|iv|i{1,3})(?![\w])"
_QUARTERS = re.compile(
    rf"{NOT_AFTER_LETTER}quy{SP}(?P<qs>{_QUARTER}(?:{OPT}(?:,|va|-){OPT}(?:quy{SP})?"
    rf"{_QUARTER}){{0,3}})(?:{OPT}(?:/|nam{SP})(?P<y>{YEAR})"
    rf"|{SP}(?:cua{SP})?nam{SP}(?P<next>lien{SP}ke|sau|tiep{SP}theo|ke{SP}tiep))?",
    re.IGNORECASE,
)
_QUARTER_RANGE = re.compile(
    rf"{NOT_AFTER_LETTER}(?:tu{SP})?quy{SP}{_QUARTER}{OPT}(?:/|nam{SP}){YEAR}{OPT}"
    rf"(?:-|den(?:{SP}het)?){OPT}quy{SP}(?P<q>{_QUARTER}){OPT}(?:/|nam{SP})(?P<y>{YEAR})",
    re.IGNORECASE,
)
_YEAR = re.compile(
    rf"{NOT_AFTER_LETTER}(?P<how>den{SP}het|het|trong|vao{SP}cuoi|cuoi|trong{SP}ca|ngay{SP}trong)"
    rf"{SP}nam{SP}(?P<y>{YEAR})(?![\d/-])",
    re.IGNORECASE,
)
_BARE_YEAR = re.compile(
    rf"^[\s\-+•]*(?:(?P<how>den{SP}het|het|trong|cuoi|trong{SP}ca){SP})?nam{SP}(?P<y>{YEAR})"
    rf"[\s.;]*$",
    re.IGNORECASE,
)
# Before "trong / cuối năm Y": a verb of completion makes the year a term, not a topic.
_COMPLETE = re.compile(
    r"(?<![\w])(?:hoan thanh|xong|ban giao|ban hanh|trinh|gui|nop|bao cao|dua vao|ket thuc"
    r"|hoan thien|phe duyet|giai quyet|to chuc|thuc hien xong)(?![\w])",
    re.IGNORECASE,
)
_THIS_YEAR = re.compile(rf"{NOT_AFTER_LETTER}trong{SP}nam(?=[ \t]*(?:[.;)]|$))", re.IGNORECASE)
_TARGET = re.compile(
    r"(?<![\w])(?:phan dau|hoan thanh|xong|it nhat|toi thieu)(?![\w])", re.IGNORECASE
)
_TIMES = re.compile(rf"(?<![\w])lan{SP}$", re.IGNORECASE)
_COMPLETE_REACH = 30  # the verb stands right before: "sớm bàn giao trong năm 2025"
_DONE = re.compile(r"(?<![\w])(?:da|vua)(?![\w])", re.IGNORECASE)
_FINISH = re.compile(r"(?<![\w])(?:hoan thanh|xong)(?![\w])", re.IGNORECASE)


def months(plain: str, doc_year: int | None, bare: bool = False) -> list[DeadlineHit]:
    """Month deadlines; with bare (a time value), a month needs no word before it."""
    hits: list[DeadlineHit] = []
    for match in _MONTH_RANGE.finditer(plain):
        hit = _month_range(match, doc_year, bare)
        if hit is not None and (bare or _opened(plain, match)):
            hits.append(hit)
    pattern = _BARE_MONTH if bare else _MONTH
    for match in pattern.finditer(plain):
        if any(h.start <= match.start("m") < h.end for h in hits):
            continue
        if _starts_range(plain, match):
            continue  # "từ tháng 11/2025 đến khi ...": a start, not a term
        listed = _LISTED.match(plain, match.end()) if not match.group("y") else None
        hits += _listed(match, listed) if listed else [_month(match, doc_year)]
    return hits


def _word_start(listed: re.Match[str]) -> int:
    """Where "tháng" of a listed month starts (after ", và ")."""
    return listed.start() + len(listed.group()) - len(listed.group().lstrip(" \t\u00a0,vaVA"))


def _listed(first: re.Match[str], listed: re.Match[str]) -> list[DeadlineHit]:
    """ "trong tháng 6 và tháng 7/2027": the year written once is both months'; two months
    in a row are one span, due in the last (as "Tháng 11 - 12/2025")."""
    month, last, year = int(first.group("m")), int(listed.group("m")), int(listed.group("y"))
    if last <= month:
        return [_month(first, None)]
    key = month_key(last, year)
    span = period_hit(key, first.start(), listed.end(), f"Thực hiện trong tháng {last}/{year}")
    if last == month + 1:
        return [replace(span, month=last)]
    own = period_hit(month_key(month, year), *first.span(), f"Thực hiện trong tháng {month}/{year}")
    return [replace(own, month=month), replace(span, start=_word_start(listed), month=last)]


def _opened(plain: str, match: re.Match[str]) -> bool:
    """A range in running text needs its "từ" or a word of time before it ("trong")."""
    if match.group().lower().startswith("tu"):
        return True
    return _WORD_BEFORE.search(plain, max(0, match.start() - 16), match.start()) is not None


def _starts_range(plain: str, match: re.Match[str]) -> bool:
    before = plain[max(0, match.start() - 4) : match.start()].lower()
    return before.endswith("tu ")


def _month(match: re.Match[str], doc_year: int | None) -> DeadlineHit:
    month = int(match.group("m"))
    year = int(match.group("y")) if match.group("y") else doc_year
    how = (match.groupdict().get("how") or "").lower()
    when = "Cuối" if how.startswith("cuoi") else "Thực hiện trong"
    label = f"{when} tháng {month}" + (f"/{year}" if year else "")
    inferred = match.group("y") is None and year is not None
    key = month_key(month, year)
    start = match.start()
    if how.startswith("to"):  # "tổ chức hội nghị ... tháng 01/2027": the meeting is the task
        start = match.string.rfind("thang", start, match.start("m"))
    return period_hit(key, start, match.end(), label, month=month, inferred_year=inferred)


def _month_range(match: re.Match[str], doc_year: int | None, bare: bool) -> DeadlineHit | None:
    text = match.group().lower()
    if not bare and not text.startswith("tu") and "thang" in text[6:]:
        return None  # "tháng 10 đến tháng 3" needs its "từ"; "tháng 11 - 12/2025" does not
    month = int(match.group("m2"))
    year_text = match.group("y2") or match.group("y1")
    year = int(year_text) if year_text else doc_year
    first = int(match.group("m1"))
    if match.group("y1") and match.group("y2") is None and month < first:
        year = (year or 0) + 1  # "từ tháng 10/2025 đến tháng 3": March of the next year
    label = f"Đến hết tháng {month}" + (f"/{year}" if year else "")
    key = month_key(month, year)
    return period_hit(key, match.start(), match.end(), label, month=month)


def yearly_months(plain: str) -> list[DeadlineHit]:
    """ "Tháng 11 hằng năm": a month of every year."""
    hits: list[DeadlineHit] = []
    for match in _BARE_MONTH.finditer(plain):
        every = EVERY_YEAR.match(plain, match.end())
        if every is None or match.group("y"):
            continue
        month = int(match.group("m"))
        hit = DeadlineHit(None, "yearly", None, "", True, "recurring", match.start(), every.end())
        hits.append(replace(hit, month=month, value="recurring"))
    return hits


def quarters(plain: str, doc_year: int | None, bare: bool = False) -> list[DeadlineHit]:
    """Quarter deadlines: "quý 2, quý 4/2024", "Quý I/2026", "quý I của năm liền kề"; a
    range "(từ) Quý IV/2026 - Quý I/2027" is due in its last quarter."""
    hits = _quarter_ranges(plain, bare)
    ranges = [(h.start, h.end) for h in hits]
    for match in _QUARTERS.finditer(plain):
        index = bisect_right(ranges, (match.start(), len(plain))) - 1
        if index >= 0 and match.start() < ranges[index][1]:
            continue  # a quarter of a range read above
        year = int(match.group("y")) if match.group("y") else doc_year
        if match.group("next") and doc_year:
            year = doc_year + 1
        for number in re.findall(r"iv|i{1,3}|[1-4]", match.group("qs"), re.IGNORECASE):
            quarter = quarter_number(number) or 1
            label = f"Thực hiện trong quý {quarter}" + (f"/{year}" if year else "")
            inferred = match.group("y") is None and year is not None
            key = quarter_key(quarter, year)
            hits.append(period_hit(key, *match.span(), label, inferred_year=inferred))
    return hits


def _quarter_ranges(plain: str, bare: bool) -> list[DeadlineHit]:
    """ "từ quý IV/2026 đến quý I/2027"; in a time cell "Quý IV/2026 - Quý I/2027"."""
    hits: list[DeadlineHit] = []
    for match in _QUARTER_RANGE.finditer(plain):
        if bare or match.group().lower().startswith("tu"):
            quarter, last = quarter_number(match.group("q")) or 1, int(match.group("y"))
            label = f"Đến hết quý {quarter}/{last}"
            hits.append(period_hit(quarter_key(quarter, last), *match.span(), label))
    return hits


def years(plain: str, bare: bool = False) -> list[DeadlineHit]:
    """Year deadlines: "đến hết năm 2025"; "hoàn thành trong năm 2025"; in a time value
    (a task table's "Thời gian" cell) "Năm 2028" alone."""
    hits: list[DeadlineHit] = []
    found = list(_YEAR.finditer(plain))
    for match in [*found, *(_BARE_YEAR.finditer(plain) if bare and not found else [])]:
        how = (match.group("how") or "het").lower()
        if not bare and "het" not in how and not _timed(plain, match.start(), how):
            continue
        year = int(match.group("y"))
        label = f"Hoàn thành trong năm {year}"
        hits.append(period_hit(str(year), match.start(), match.end(), label))
    return hits


def this_year(plain: str, doc_year: int | None) -> list[DeadlineHit]:
    """ "phấn đấu kết nạp ít nhất 120 đảng viên trong năm.": the scoped year's target ("ít
    nhất 02 lần trong năm" says how often, not by when)."""
    hits: list[DeadlineHit] = []
    for match in _THIS_YEAR.finditer(plain) if doc_year else ():
        if _TIMES.search(plain, max(0, match.start() - 8), match.start()):
            continue
        if _TARGET.search(plain, clause_start(plain, match.start(), 0), match.start()):
            label = f"Hoàn thành trong năm {doc_year}"
            hits.append(period_hit(str(doc_year), *match.span(), label))
    return hits


def _timed(plain: str, start: int, how: str) -> bool:
    """ "vào cuối năm 2027" says when, unless the clause tells it done ("đã ... vào cuối
    năm 2025"); "trong / cuối năm" needs a verb of completion."""
    if how.startswith("vao"):
        return not _DONE.search(plain, clause_start(plain, start, 0), start)
    return completes(plain, start)


def completes(plain: str, start: int) -> bool:
    """A verb of completion right before start, or "hoàn thành" / "xong" in its clause."""
    if _COMPLETE.search(plain, max(0, start - _COMPLETE_REACH), start):
        return True
    return _FINISH.search(plain, clause_start(plain, start, 0), start) is not None
