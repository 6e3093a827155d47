"""Days of events the units hold or attend, and the lines of a timetable.

- "tổ chức Hội nghị vào (8 giờ 00) ngày ...", "nộp báo cáo trong ngày ...", "dự kiến ngày
  ...", "tổ chức lễ ... nhân dịp 26/3/2027": the day a planned activity is held or a duty
  is done ("đã tổ chức vào ngày ..." reports a past one).
- A slot of the school week before the day: "trong tiết chào cờ sáng thứ Hai ngày ...",
  "tại buổi sinh hoạt dưới cờ ngày ..."; a part of the day: "chương trình nghệ thuật tối
  02/02/2027"; a time after a colon: "Khai mạc: 07 giờ 30 ngày 22/02/2027".
- The day of an occasion an activity marks: "tổ chức gặp mặt kỷ niệm Ngày Nhà giáo Việt Nam
  20/11/2027" (an anniversary's span of years "(26/3/1931 - 26/3/2027)" names no day).
- Several days of one event: "tổ chức trong hai ngày 02 và 03 tháng 6 năm 2027" is due on
  its last day, as a window is.
- A timetable line opens with its day and a colon: "6. Ngày 20/6/2027: Sở công bố điểm",
  "Sáng 05/01/2027: khai mạc"; a window that opens a line the same way ("Từ 12/4 đến
  16/4/2027: ...") is a term even without a duty or a year.
- A leave calendar ("Lịch nghỉ Tết: từ ngày 03/02 đến hết ngày 11/02/2027", "học sinh được
  nghỉ ...") and the span a figure covers ("số liệu tính từ ngày ... đến ngày ...") are
  no terms for the units.
Patterns run on flat() text.
"""

from __future__ import annotations

import re
from dataclasses import replace

from knowledge.parse.deadline_days import dated
from knowledge.parse.deadline_hits import CLOCK, OPT, SP, WEEKDAY, DeadlineHit, has_duty
from knowledge.vi.dates import clause_end, clause_start
from knowledge.vi.written_dates import RawDate

# A slot of the school or work week: "tiết chào cờ", "buổi sinh hoạt dưới cờ", "giờ sinh
# hoạt lớp", "phiên họp thứ nhất".
_SLOT = rf"(?:tiet|buoi|gio|phien)(?:{SP}[^\W\d_]+){{1,5}}?"
_TIME_OF_DAY = rf"(?:sang|trua|chieu|toi|dem|luc|{CLOCK}|{WEEKDAY})"
# "tổ chức Hội nghị vào ngày 20/7/2026", "trong tiết chào cờ sáng thứ Hai ngày ...".
_AT_DAY = re.compile(
    rf"(?<![\w])(?:(?:vao|luc|trong)(?:{SP}{_SLOT})?|tai{SP}{_SLOT})"
    rf"(?:{SP}{_TIME_OF_DAY},?)*,?{SP}$",
    re.IGNORECASE,
)
# "chương trình nghệ thuật tối 02/02/2027", "sáng thứ Hai, ngày ...": a part of the day.
_PART_OF_DAY = re.compile(
    rf"(?<![\w])(?P<part>sang|trua|chieu|toi|dem)(?:{SP}{WEEKDAY})?,?{SP}$", re.IGNORECASE
)
_PARTS_PRINTED = ("sáng", "trưa", "chiều", "tối", "đêm")  # flat "toi" is also "tới" (until)
# "Khai mạc và bốc thăm: 07 giờ 30 ngày 22/02/2027": a time given after a colon.
_COLON_CLOCK = re.compile(
    rf":{OPT}(?:luc{SP})?{CLOCK}(?:{OPT},)?(?:{SP}{WEEKDAY}{OPT},?)?{SP}$", re.IGNORECASE
)
# "dự kiến (vào) ngày 20/3/2027": a planned day, whatever the clause before it says.
_EXPECTED = re.compile(
    rf"(?<![\w])du{SP}kien(?:{SP}(?:to{SP}chuc|vao))*{OPT}:?{SP}$", re.IGNORECASE
)
# "tổ chức lễ kết nạp nhân dịp 26/3/2027", "gặp mặt kỷ niệm Ngày Nhà giáo Việt Nam
# 20/11/2027": an activity held on the day of an occasion.
_OCCASION = re.compile(
    rf"(?<![\w])(?:nhan{SP}(?:dip|ky{SP}niem)|ky{SP}niem|chao{SP}mung)"
    rf"(?:{SP}[^\s\d,;.()]+){{0,8}}{SP}$",
    re.IGNORECASE,
)
_SPAN_AFTER = re.compile(rf"{OPT}[-\u2013]{OPT}\d", re.IGNORECASE)  # "(26/3/1931 - 26/3/2027)"
# "trong hai ngày 02 và 03 tháng 6 năm 2027", "vào các ngày 15, 16/12/2026": one event.
_DAY_LIST = re.compile(
    rf"(?<![\w])(?:(?:hai|ba|bon|cac|0?[2-7]){SP})?ngay{SP}\d{{1,2}}"
    rf"(?:{OPT}[,-]{OPT}\d{{1,2}}){{0,5}}{OPT}(?:,|va|-|\u2013){OPT}$",
    re.IGNORECASE,
)
ACTIVITY = re.compile(
    r"(?<![\w])(?:to chuc|khai mac|be mac|dien ra|hop|hoi nghi|hoi thao|hoi thi|ra quan"
    r"|tien hanh|gap mat|mit tinh|ky niem|phat dong|tap huan|boi duong|kiem tra|giam sat"
    r"|dai hoi|bau cu|sinh hoat|trien khai|ban giao|le|co mat|tap trung|tham du|trao"
    r"|tuyen duong|bieu duong|khen thuong|ngoai khoa|chuong trinh)(?![\w])",
    re.IGNORECASE,
)
_DONE = re.compile(r"(?<![\w])(?:da|vua|da duoc)(?![\w])", re.IGNORECASE)
# A timetable line: "6. Ngày 20/6/2027:", "- Sáng 05/01/2027 (thứ Ba):", "b) 14 giờ ngày ...".
_LINE_OPENING = re.compile(
    rf"^[\s\-+•*]*(?:(?:\d{{1,2}}|[a-zđ])[.)]{OPT})?(?:(?:sang|chieu|toi){SP})?"
    rf"(?:(?:luc{SP})?{CLOCK}[ \t\u00a0,]{{1,4}})?(?:{WEEKDAY}[ \t\u00a0,]{{1,4}})?$",
    re.IGNORECASE,
)
_LINE_COLON = re.compile(rf"{OPT}(?:\([^()]{{1,30}}\))?{OPT}:", re.IGNORECASE)
# "Lịch nghỉ Tết ...", "học sinh được nghỉ ...": a time off, no term for the units ("nghỉ
# hưu" is retired; flat "nghi" is also "nghị" of "hội nghị": the marks are read).
_LEAVE = re.compile(
    rf"(?<![\w])(?:(?:lich|duoc|thoi{SP}gian){SP}nghi|nghi{SP}(?:tet|le|he|hoc|phep|bu|giua))"
    rf"(?![\w])",
    re.IGNORECASE,
)
_ON_DUTY = re.compile(r"(?<![\w])trực(?![\w])|(?<![\w])truc(?![\w])", re.IGNORECASE)
# "số liệu tính (từ) ...", "chốt số liệu đến ngày ...", "theo số liệu của Cục Thống kê đến
# hết năm 2026", "(số liệu tổng hợp đến hết tháng 9/2026)": the span a figure covers.
_CUT_OFF = re.compile(
    rf"(?<![\w])(?:tinh|chot|so{SP}lieu)(?:{SP}[^\W\d_]+){{0,4}}?{SP}(?:tu|den)(?![\w])",
    re.IGNORECASE,
)


def scheduled(
    sentence: str, plain: str, dates: list[RawDate], doc_year: int | None
) -> list[DeadlineHit]:
    """ "Tổ chức Hội nghị vào (8 giờ 00) ngày 20/7/2026", "nộp báo cáo trong ngày 30/11",
    "Ngày 20/6/2027: Sở công bố điểm": the day a planned activity is held or a duty done."""
    hits: list[DeadlineHit] = []
    for raw in dates:
        if opens_line(plain, raw.start, raw.end):
            hits.append(replace(_event(raw, doc_year, raw.start), start=raw.start))
            continue
        listed = _DAY_LIST.search(plain, max(0, raw.start - 40), raw.start)
        anchor = listed.start() if listed else raw.start
        at = _lead(sentence, plain, anchor, raw) or listed
        if at is None:
            continue
        start = clause_start(plain, at.start(), 0)
        clause = plain[start : at.start()]
        planned = bool(ACTIVITY.search(clause)) or has_duty(sentence[start : at.start()])
        planned = planned or _EXPECTED.match(at.group()) is not None
        if planned and not _DONE.search(clause):
            hits.append(_event(raw, doc_year, at.start()))
    return hits


def _event(raw: RawDate, doc_year: int | None, start: int) -> DeadlineHit:
    return replace(dated(raw, doc_year, start, None), kind="scheduled", explicit=False)


def _lead(sentence: str, plain: str, anchor: int, raw: RawDate) -> re.Match[str] | None:
    """The words that make a date an activity's day: "vào", "dự kiến", "nhân dịp"."""
    reach = max(0, anchor - 80)
    for pattern in (_AT_DAY, _EXPECTED, _COLON_CLOCK):
        found = pattern.search(plain, reach, anchor)
        if found is not None:
            return found
    part = _PART_OF_DAY.search(plain, max(0, anchor - 30), anchor)
    if part is not None and _printed_part(sentence, part):
        return part
    if _SPAN_AFTER.match(plain, raw.end):
        return None  # an anniversary's span of years names no day to hold anything
    return _OCCASION.search(plain, max(0, anchor - 90), anchor)


def _printed_part(sentence: str, match: re.Match[str]) -> bool:
    """ "tối 02/02" is a part of the day, "tới ngày 02/02" is "until": read the marks."""
    printed = sentence[match.start("part") : match.end("part")].lower()
    return sentence.isascii() or printed in _PARTS_PRINTED


def opens_line(plain: str, start: int, end: int) -> bool:
    """The phrase [start, end) opens its sentence, after a number, and a colon follows:
    a line of a timetable ("6. Ngày 20/6/2027: Sở công bố điểm thi"), not of a past
    event's account ("Ngày 15/10/2026: Chi bộ đã tổ chức ...")."""
    if start > 40 or _LINE_OPENING.match(plain, 0, start) is None:
        return False
    colon = _LINE_COLON.match(plain, end)
    if colon is None:
        return False
    return not _DONE.search(plain, colon.end(), clause_end(plain, colon.end(), len(plain)))


def off_time(sentence: str, plain: str, hit: DeadlineHit) -> bool:
    """A day or window, not set by a marker, of a leave calendar or a figure's span."""
    if hit.explicit or hit.kind not in ("window", "scheduled", "deadline"):
        return False
    start = clause_start(plain, hit.start, 0)
    cut = _CUT_OFF.search(plain, max(start, hit.start - 40), hit.start + 3)  # "tính đến"
    if cut is not None and _printed_cut(sentence, sentence[cut.start() : cut.end()]):
        return True
    printed = sentence[start : hit.start]
    if has_duty(printed) or _ON_DUTY.search(printed):
        return False  # "trực Tết từ ngày ...", "báo cáo tình hình trong dịp nghỉ Tết ..."
    return any(
        _printed_leave(sentence, sentence[m.start() : m.end()])
        for m in _LEAVE.finditer(plain, start, hit.start)
    )


def _printed_cut(sentence: str, printed: str) -> bool:
    """ "tính từ", "chốt", "số liệu" as printed: flat "mít tinh" is no count."""
    lower = printed.lower()
    return sentence.isascii() or any(w in lower for w in ("tính", "chốt", "số liệu"))


def _printed_leave(sentence: str, printed: str) -> bool:
    return sentence.isascii() or "nghỉ" in printed.lower()
