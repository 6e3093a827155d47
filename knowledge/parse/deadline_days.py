"""Deadlines that name a day: "trước ngày 31/3/2023", windows "từ ngày 08 đến ngày 10 tháng 12".

- A marker (deadline_markers: trước, chậm nhất, hạn chót, không muộn hơn, đến hết ...)
  followed by a date makes it a deadline; after a marker a bare "30/6" is a day too, and
  a list "trước ngày 15/6 và 15/12" gives one term per day. A day the clause reports met
  ("đã hoàn thành trước ngày ...") is a fact once past. A yearless date followed by
  "hằng năm" or "trong năm", or shortly after "hằng năm" ("định kỳ hằng năm (trước ngày
  25/12 trong năm)"), is yearly.
- "từ ngày A đến ngày B" (B a full date, or "từ ngày 08 đến ngày 10 tháng 12 năm 2025"
  where the month comes only after the last day) is a window due on B; so is "từ nay
  (từ ngày ký) đến hết ngày B".
  A bare first day ("Từ 12/4 đến 16/4/2027") and a time before the last ("đến 17 giờ 00
  ngày 18/7/2027") are read too. Days of events are in deadline_events.py.
- "báo cáo 6 tháng (ngày 10/5)", "(trước 20/6)": a report day in brackets, yearly when the
  year is not written.
- "ngày 15 tháng 12 hằng năm" without a marker is a yearly date too.
"""

from __future__ import annotations

import re
from dataclasses import replace

from knowledge.parse.deadline_hits import (
    CLOCK,
    NOT_AFTER_LETTER,
    OPT,
    SP,
    WEEKDAY,
    DeadlineHit,
    overlaps_span,
)
from knowledge.parse.deadline_markers import lead_in, markers
from knowledge.vi.dates import clause_start
from knowledge.vi.written_dates import RawDate, make_date

# "trước ngày 15/6 và 15/12 hằng năm": one marker, a list of days.
_AND_DAY = re.compile(rf"{OPT}(?:,{OPT}(?:(?:va|hoac){SP})?|(?:va|hoac){SP})", re.IGNORECASE)
_LISTED = 6  # days one marker may list
_DONE_PRINTED = re.compile(r"(?<![\w])(?:đã|vừa)(?![\w])", re.IGNORECASE)
# A bare "30/6", or with a dash "31-5" (not the "31-5" of a full "31-5-2027").
_SHORT_DATE = re.compile(
    rf"(?:ngay{SP})?(\d{{1,2}})(?:/|-(?=\d{{1,2}}(?![\w/-])))(\d{{1,2}})(?![\w/])", re.IGNORECASE
)
_PAREN_OPEN = re.compile(
    rf"\({OPT}(?:(?:truoc|han|cham{SP}nhat)(?:{SP}ngay)?[ \t\u00a0:]{{1,3}})?$", re.IGNORECASE
)
_PAREN_CLOSE = re.compile(r"[ \t\u00a0]*\)")
EVERY_YEAR = re.compile(rf"{OPT},?{OPT}(?:hang|moi){SP}nam(?![\w])", re.IGNORECASE)
# "(trước ngày 25/12 trong năm)": the day of the year a yearly duty falls on.
_IN_THE_YEAR = re.compile(rf"{OPT},?{OPT}(?:hang|moi|trong){SP}nam(?![\w]|{SP}\d)", re.IGNORECASE)
_CYCLE_BEFORE = re.compile(rf"(?:hang|moi){SP}nam(?![\w])", re.IGNORECASE)
_FROM = re.compile(r"(?<![^\W\d_])tu[ \t\u00a0]{1,3}$", re.IGNORECASE)
# "đến (hết) ngày", "đến 17 giờ 00 (thứ Hai,) ngày": what stands before a window's last day.
_UNTIL = re.compile(
    rf"{OPT}(?:den|[-\u2013]){OPT}(?:het{SP})?(?:(?:luc{SP})?{CLOCK}[ \t\u00a0,]{{1,4}})?"
    rf"(?:{WEEKDAY}[ \t\u00a0,]{{1,4}})?",
    re.IGNORECASE,
)
# "Từ 12/4 đến 16/4/2027": a window's first day written bare, its year after the last.
# "Từ ngày 01-5 đến ngày 31-5-2027": a yearless first day written with a dash.
_FROM_BARE = re.compile(rf"{NOT_AFTER_LETTER}tu{SP}(?=\d|ngay{SP}\d)", re.IGNORECASE)
# "từ ngày 08 đến (hết) ngày " right before the full date that closes the window.
_FROM_DAY = re.compile(
    rf"{NOT_AFTER_LETTER}tu{SP}(?:ngay{SP})?(?P<d>\d{{1,2}}){OPT}(?:den|[-\u2013]){OPT}(?:het{SP})?$",
    re.IGNORECASE,
)
# "từ nay đến hết ngày 31/12/2026", "từ ngày ký đến ngày ...": a window opened by an event.
_FROM_NOW = re.compile(
    rf"(?<![\w])tu{SP}(?:nay|bay{SP}gio|(?:ngay|khi){SP}(?:ky|ban{SP}hanh))(?:{SP}[^\W\d_]+){{0,4}}?"
    rf"{OPT},?{OPT}den(?:{SP}het)?{SP}$",
    re.IGNORECASE,
)
_REPORT = re.compile(r"bao cao|so ket|tong ket", re.IGNORECASE)
_DONE = re.compile(r"(?<![\w])(?:da|vua|da duoc)(?![\w])", re.IGNORECASE)


def marked(
    sentence: str, plain: str, dates: list[RawDate], doc_year: int | None
) -> list[DeadlineHit]:
    """Dates right after a marker ("trước ngày ...", "hạn chót: 30/6", "trước ngày 15/6 và
    15/12 hằng năm"). A day the clause says was met ("đã hoàn thành trước ngày ...") is a
    fact when it is past: not explicit, so deadlines drops it before the document's date."""
    by_start = {d.start: d for d in dates}
    hits: list[DeadlineHit] = []
    for match in markers(plain):
        at = lead_in(plain, match.end())
        listed = _listed(plain, by_start, at)
        if not listed or any(h.start <= listed[0].start < h.end for h in hits[-_LISTED:]):
            continue  # "Thời hạn gửi: trước ngày ...": one day, two markers (the last hits)
        last = listed[-1]
        every = _IN_THE_YEAR.match(plain, last.end) if last.year is None else None
        cycle = last.year is None and _CYCLE_BEFORE.search(
            plain, max(0, match.start() - 40), match.start()
        )
        start = clause_start(plain, match.start(), 0)
        done = _met(sentence[start : match.start()], plain[start : match.start()])
        for index, raw in enumerate(listed):
            yearly = "yearly" if (every or cycle) and raw.year is None else None
            hit = dated(raw, doc_year, raw.start if index else match.start(), yearly)
            hit = replace(hit, end=every.end()) if every and raw is last else hit
            hits.append(replace(hit, explicit=not done))
    return hits


def _listed(plain: str, by_start: dict[int, RawDate], at: int) -> list[RawDate]:
    """The day at a marker and the days listed after it ("ngày 15/6 và 15/12")."""
    found: list[RawDate] = []
    raw = by_start.get(at) or short_date(plain, at)
    while raw is not None and len(found) < _LISTED:
        found.append(raw)
        more = _AND_DAY.match(plain, raw.end)
        raw = (by_start.get(more.end()) or short_date(plain, more.end())) if more else None
    return found


def _met(printed: str, plain: str) -> bool:
    """The clause reports a term as met: "đã hoàn thành", "vừa tổ chức"."""
    if printed.isascii():
        return _DONE.search(plain) is not None
    return _DONE_PRINTED.search(printed) is not None


def yearly_dates(plain: str, dates: list[RawDate], doc_year: int | None) -> list[DeadlineHit]:
    """ "ngày 15 tháng 12 hằng năm": a yearless date followed by "hằng năm"."""
    hits: list[DeadlineHit] = []
    for raw in dates:
        every = EVERY_YEAR.match(plain, raw.end) if raw.year is None else None
        if every is not None:
            hit = dated(raw, doc_year, raw.start, "yearly")
            hits.append(replace(hit, end=every.end(), explicit=False))
    return hits


def ranges(
    plain: str, dates: list[RawDate], doc_year: int | None, taken: list[DeadlineHit]
) -> list[DeadlineHit]:
    """ "từ ngày 01/3/2024 đến ngày 30/4/2024", "từ nay đến hết ngày 31/12/2026": a window
    that ends on a given day."""
    by_start = {d.start: d for d in dates}
    hits: list[DeadlineHit] = []
    for first in [*dates, *_bare_firsts(plain, by_start)]:
        opening = _FROM.search(plain, max(0, first.start - 8), first.start)
        until = _UNTIL.match(plain, first.end)
        last = by_start.get(until.end()) if until else None
        if opening is None or last is None or overlaps_span(opening.start(), last.end, taken):
            continue
        year = last.year or first.year or doc_year
        hits.append(_every_year(plain, _window(last, year, opening.start(), first)))
    for last in dates:
        since = _FROM_NOW.search(plain, max(0, last.start - 60), last.start)
        if since is not None and not overlaps_span(since.start(), last.end, [*taken, *hits]):
            hits.append(replace(dated(last, doc_year, since.start(), None), kind="window"))
    return hits


def _bare_firsts(plain: str, by_start: dict[int, RawDate]) -> list[RawDate]:
    """ "Từ 12/4 đến ...", "từ ngày 01-5 đến ...": a bare day/month right after "từ"."""
    found = [short_date(plain, m.end()) for m in _FROM_BARE.finditer(plain)]
    return [raw for raw in found if raw is not None and raw.start not in by_start]


def day_windows(
    plain: str, dates: list[RawDate], doc_year: int | None, taken: list[DeadlineHit]
) -> list[DeadlineHit]:
    """ "từ ngày 08 đến ngày 10 tháng 12 năm 2025": the month only after the last day."""
    hits: list[DeadlineHit] = []
    for last in dates:
        opening = _FROM_DAY.search(plain, max(0, last.start - 30), last.start)
        if opening is None or overlaps_span(opening.start(), last.end, taken):
            continue
        first_day = int(opening.group("d"))
        first = RawDate(opening.start("d"), opening.end("d"), first_day, last.month, last.year)
        hits.append(
            _every_year(plain, _window(last, last.year or doc_year, opening.start(), first))
        )
    return hits


def _every_year(plain: str, hit: DeadlineHit) -> DeadlineHit:
    """ "từ ngày 16 đến ngày 31 tháng 12 hằng năm": a yearless window of every year."""
    every = EVERY_YEAR.match(plain, hit.end) if hit.inferred_year or hit.due is None else None
    return replace(hit, recurrence="yearly", end=every.end()) if every else hit


def _window(last: RawDate, year: int | None, start: int, first: RawDate) -> DeadlineHit:
    due = make_date(last.day, last.month, year) if year else None
    opened = make_date(first.day, first.month, first.year or year) if year else None
    inferred = due is not None and last.year is None and first.year is None
    hit = DeadlineHit(due, None, None, "", due is None, "window", start, last.end, None, inferred)
    return replace(
        hit, period_start=opened, period_end=due, explicit=False, day=last.day, month=last.month
    )


def short_date(plain: str, pos: int) -> RawDate | None:
    """After a marker a bare "30/6" is a day even without "ngày"; "ngày 31-5" with a dash."""
    match = _SHORT_DATE.match(plain, pos)
    if not match:
        return None
    day, month = int(match.group(1)), int(match.group(2))
    if make_date(day, month, 2000) is None:
        return None
    return RawDate(match.start(), match.end(), day, month, None)


def dated(raw: RawDate, doc_year: int | None, start: int, recurrence: str | None) -> DeadlineHit:
    """The deadline of a written date; a yearless one takes doc_year (or has no due)."""
    year = raw.year if raw.year is not None else doc_year
    due = make_date(raw.day, raw.month, year) if year is not None else None
    hit = DeadlineHit(due, recurrence, None, "", due is None, "deadline", start, raw.end)
    return replace(
        hit, inferred_year=raw.year is None and due is not None, day=raw.day, month=raw.month
    )


def parenthesised(
    plain: str, dates: list[RawDate], doc_year: int | None, taken: list[DeadlineHit]
) -> list[DeadlineHit]:
    """ "báo cáo 6 tháng (ngày 10/5)", "(trước 20/6)": a report date given in brackets.

    It recurs every year when the year is not written. Ranges such as "(15/10/1930 -
    15/10/2024)" do not close right after their first date and are no report dates.
    """
    hits: list[DeadlineHit] = []
    for raw in [*dates, *_bracketed_short_dates(plain)]:
        if any(h.start <= raw.start < h.end for h in [*taken, *hits]):
            continue
        opening = _PAREN_OPEN.search(plain, max(0, raw.start - 20), raw.start)
        closing = _PAREN_CLOSE.match(plain, raw.end)
        if not opening or opening.end() != raw.start or not closing:
            continue
        clause = plain[clause_start(plain, opening.start(), 0) : opening.start()]
        if not _REPORT.search(clause):
            continue
        recurrence = None if raw.year is not None else "yearly"
        hit = dated(raw, doc_year, opening.start(), recurrence)
        hits.append(replace(hit, end=closing.end()))
    return hits


def _bracketed_short_dates(plain: str) -> list[RawDate]:
    """ "(trước 20/6)": a bare day/month right after an opening bracket and a marker."""
    found = []
    for match in re.finditer(rf"\({OPT}(?:truoc|han|cham{SP}nhat){SP}", plain, re.IGNORECASE):
        raw = short_date(plain, match.end())
        if raw is not None:
            found.append(raw)
    return found


# "vào dịp 15/10": the day of an occasion, written bare.
_OCCASION = re.compile(rf"(?<![\w])(?:vao|nhan|trong){SP}dip{SP}(?=\d)", re.IGNORECASE)


def occasion_days(plain: str, doc_year: int | None, yearly: bool) -> list[DeadlineHit]:
    """ "Hằng năm, ... tổ chức Ngày hội vào dịp 15/10", "... vào dịp 15/10 hằng năm": the
    day of a yearly occasion; without a word of the year's cycle it sets no term."""
    hits: list[DeadlineHit] = []
    for match in _OCCASION.finditer(plain):
        raw = short_date(plain, match.end())
        every = EVERY_YEAR.match(plain, raw.end) if raw is not None else None
        if raw is None or not (yearly or every):
            continue
        hit = dated(raw, doc_year, match.start(), "yearly" if every else None)
        hits.append(replace(hit, end=every.end() if every else raw.end, explicit=False))
    return hits
