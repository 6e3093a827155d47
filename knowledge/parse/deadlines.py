"""Deadline phrases in a sentence: days, months, quarters, years, cycles and relative terms.

The rules are in deadline_days.py (a day, after the markers of deadline_markers.py),
deadline_periods.py (a month, quarter, year), deadline_terms.py (a half year, a school
term), deadline_events.py (the day of an event, a timetable line), deadline_cycles.py
(recurring) and deadline_relative.py (relative and open); deadline_redundant.py keeps
one term per duty. Here they are combined:
- a phrase inside a cited document's title ("Kế hoạch số 12-KH/TU về ... quý 2/2025")
  belongs to that document and is dropped; so is a window written without any year
  whose clause asks for nothing ("theo từng năm từ ngày 01/01 đến hết ngày 31/12");
- a yearless day of a half-year or year report ("Báo cáo năm gửi trước ngày 20 tháng
  12") is yearly, except in a programme of one year (scoped), where it is that year's;
- a sentence that opens with "Hằng năm," (or a section under such a sentence: yearly)
  makes its yearless dates, months and quarters yearly duties ("Hằng năm, ... trong Quý
  I ...", "trước ngày 25/12 trong năm");
- with the document's own date (issued): a yearless day or month before it rolls on to
  the next year; a window or period that ended before it is an event, not a duty
  (a day after a marker, "trước ngày ...", is kept: a plan may repeat a past term, unless
  its clause reports it met: "đã hoàn thành trước ngày ...").
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from knowledge.parse import deadline_before as before
from knowledge.parse import deadline_cycles as cycles
from knowledge.parse import deadline_days as days
from knowledge.parse import deadline_events as events
from knowledge.parse import deadline_periods as periods
from knowledge.parse import deadline_redundant as redundant
from knowledge.parse import deadline_relative as relatives
from knowledge.parse import deadline_terms as terms
from knowledge.parse import deadline_told as told
from knowledge.parse import deadline_upon as upon
from knowledge.parse.deadline_hits import DeadlineHit, has_duty, new_only, period_hit, valued
from knowledge.parse.references import cited_spans
from knowledge.parse.units import task_label
from knowledge.vi.dates import clause_end, clause_start, label_for
from knowledge.vi.doctypes import flat
from knowledge.vi.written_dates import find_raw_dates, make_date

_YEARLY_OPENING = re.compile(
    r"^[\s\-+•*a-z0-9.)]{0,8}(?:dinh ky\s+)?(?:hang|moi)\s+nam\b"
    r"|(?:^|;\s*)(?:dinh ky\s+)?hang\s+nam,",
    re.IGNORECASE,
)
# Every rule needs a digit, a cycle word, a roman quarter, "ngay" ("báo cáo ngay"),
# "kết quả" (a report of results), "từ nay", "học kỳ" (a time cell "Học kỳ I"), "khi" or
# "thời hạn" ("cũng trong thời hạn này"), "theo thời gian / lịch ... hướng dẫn" or a
# holiday ("trước kỳ nghỉ Tết").
_MAYBE = re.compile(
    r"\d|(?<![\w])(?:hang|moi|dinh ky|quy|ngay|khi|ket qua|tu nay|hoc ky|thoi han"
    r"|nghi (?:le|tet|he)|khai giang|mua he|cung voi|tet|ky nghi|theo (?:thoi gian|lich))(?![\w])",
    re.IGNORECASE,
)
_SAID_TO_RECUR = re.compile(r"(?<![\w])(?:(?:hang|moi) nam|dinh ky)(?![\w])", re.IGNORECASE)
_OPENS = re.compile(r"(?<![\w])tu(?: ngay)?\s*$", re.IGNORECASE)
_PERIODIC_REPORT = re.compile(r"^Báo cáo (?:sơ kết |tổng kết )?(?:6 tháng|năm)")
# Phrases a cited title may hold ("Công văn số ... về báo cáo kết quả thực hiện ...").
_CITABLE = ("window", "recurring", "periodic", "scheduled", "relative")


def opens_yearly(text: str) -> bool:
    """True when text opens with "Hằng năm," / "Định kỳ hằng năm,": its terms recur yearly."""
    return _YEARLY_OPENING.search(flat(text[:200])) is not None


def find_deadlines(
    sentence: str,
    doc_year: int | None,
    issued: date | None = None,
    yearly: bool = False,
    bare: bool = False,
    scoped: bool = False,
) -> list[DeadlineHit]:
    """Deadlines in a sentence; dates without a year take doc_year, cited dates are ignored.

    With issued (the document's own date), a yearless day that would fall before the
    document rolls on to the next year: a programme for 2027 signed in November 2026.
    yearly: the sentence sits under "Hằng năm," (its terms recur). bare: the sentence is
    a time value ("Tháng 12/2025" after "Thời gian hoàn thành:"), due as written.
    scoped: the document is the work of one year (a title "năm 2027"): its yearless report
    days are that year's ("báo cáo năm (ngày 10/11)" → 10/11/2027) unless the sentence says
    they recur, and its "trong năm" is that year.
    """
    plain = flat(sentence)
    if not _MAYBE.search(plain):
        return []  # no digit, no cycle word: nothing any rule could find
    hits = _find(sentence, plain, doc_year, yearly or opens_yearly(sentence), bare)
    if scoped and not yearly:
        hits = _of_the_year(sentence, plain, hits, doc_year)
    if issued is None:
        return hits
    return [h for h in (_roll(hit, issued) for hit in hits) if not _past(h, issued)]


def _of_the_year(
    sentence: str, plain: str, hits: list[DeadlineHit], doc_year: int | None
) -> list[DeadlineHit]:
    """In a year's programme a yearless report day is that year's, not every year's."""
    hits = [replace(h, recurrence=None, value="day") if _this_year(plain, h) else h for h in hits]
    year = told.untold(sentence, plain, periods.this_year(plain, doc_year))
    return hits + new_only(year, hits)


def _this_year(plain: str, hit: DeadlineHit) -> bool:
    """A yearless report day whose clause does not say it recurs ("hằng năm", "định kỳ")."""
    if hit.recurrence != "yearly" or hit.due is None or not hit.inferred_year:
        return False
    clause = plain[clause_start(plain, hit.start, 0) : clause_end(plain, hit.end, len(plain))]
    return _SAID_TO_RECUR.search(clause) is None


def _roll(hit: DeadlineHit, issued: date) -> DeadlineHit:
    if not hit.inferred_year:
        return hit
    if hit.due is not None and hit.due < issued:
        later = make_date(hit.due.day, hit.due.month, hit.due.year + 1)
        return replace(hit, due=later, period_end=later, unspecified=later is None)
    if hit.period_end is not None and hit.period_end < issued and hit.period and not hit.recurrence:
        year, _, rest = hit.period.partition("-")
        moved = period_hit(f"{int(year) + 1}-{rest}", hit.start, hit.end, hit.label)
        return replace(moved, month=hit.month, inferred_year=True, label=hit.label)
    return hit


def _past(hit: DeadlineHit, issued: date) -> bool:
    """A window, period, event or met term that ended before the document was issued."""
    if hit.explicit or hit.recurrence:
        return False
    end = hit.period_end or hit.due
    return end is not None and end < issued


def _find(
    sentence: str, plain: str, doc_year: int | None, yearly: bool, bare: bool
) -> list[DeadlineHit]:
    dates = find_raw_dates(plain, is_flat=True)
    hits = days.parenthesised(plain, dates, doc_year, [])
    hits += new_only(days.marked(sentence, plain, dates, doc_year), hits)
    hits += days.ranges(plain, dates, doc_year, hits)
    hits += days.day_windows(plain, dates, doc_year, hits)
    hits += new_only(days.yearly_dates(plain, dates, doc_year), hits)
    hits += new_only(days.occasion_days(plain, doc_year, yearly), hits)
    hits += new_only(events.scheduled(sentence, plain, dates, doc_year), hits)
    hits += new_only(periods.yearly_months(plain), hits)
    hits += new_only(cycles.cycle_days(plain), hits)
    if bare:
        hits += new_only(_bare_days(plain, dates, doc_year), hits)
    hits += new_only(before.before_periods(plain, sentence), hits)
    hits += new_only(periods.months(plain, doc_year, bare), hits)
    hits += new_only(periods.quarters(plain, doc_year, bare), hits)
    hits += new_only(terms.halves(plain, bare), hits)
    hits += new_only(periods.years(plain, bare), hits)
    hits += new_only(terms.school_terms(plain, sentence, bare), hits)
    hits += new_only(cycles.recurring(plain, sentence, bare), hits)
    hits += new_only(cycles.times_per(plain), hits)
    hits += new_only(cycles.each_occasion(plain, sentence), hits)
    hits += new_only(cycles.periodic(plain), hits)
    hits += new_only(relatives.relative(plain, sentence, bare), hits)
    hits += new_only(relatives.same_terms(plain), hits)
    hits += new_only(upon.upon(plain, sentence), hits)
    hits = hits or relatives.open_terms(plain)  # only a sentence that gives no term at all
    hits = _outside_citations(sentence, hits)
    hits = [h for h in hits if not events.off_time(sentence, plain, h)]
    hits = told.untold(sentence, plain, hits)
    if not yearly:
        hits = [h for h in hits if not _idle_window(sentence, plain, h)]
    if bare:
        hits = [replace(hit, explicit=True) for hit in hits]
    if yearly:
        hits = [_as_yearly(hit) for hit in hits]
    hits = _same_as_before(sorted(hits, key=lambda h: (h.start, h.end)))
    hits = redundant.without_redundant(plain, [valued(h) for h in hits])
    return redundant.named_reports([_report_day(hit) for hit in _with_labels(sentence, hits)])


def _same_as_before(hits: list[DeadlineHit]) -> list[DeadlineHit]:
    """ "gửi báo cáo trước ngày 18/12/2026; ... cũng trong thời hạn này": the term before."""
    resolved: list[DeadlineHit] = []
    for hit in hits:
        before = next((h for h in reversed(resolved) if h.kind != "same"), None)
        if hit.kind == "same" and before is not None:
            hit = replace(before, start=hit.start, end=hit.end, label="", explicit=True)
        resolved.append(hit)
    return resolved


def _report_day(hit: DeadlineHit) -> DeadlineHit:
    """A yearless day of a half-year or year report ("Báo cáo năm gửi trước ngày 20
    tháng 12") comes every year: yearly, its day kept, no year invented."""
    if hit.value != "day" and not (hit.value == "unspecified" and hit.day):
        return hit
    if hit.recurrence or not (hit.inferred_year or hit.due is None):
        return hit
    if not _PERIODIC_REPORT.match(hit.label):
        return hit
    return replace(hit, recurrence="yearly", value="recurring")


def _bare_days(plain: str, dates: list, doc_year: int | None) -> list[DeadlineHit]:
    """In a time value every written date is a term ("Thời gian hoàn thành: 31/12/2025"),
    except the start of a span that ends at an event ("Từ 24/5/2027 đến trước ngày thi")."""
    return [
        replace(days.dated(raw, doc_year, raw.start, None), explicit=True)
        for raw in dates
        if not _OPENS.search(plain, max(0, raw.start - 8), raw.start)
    ]


def _idle_window(sentence: str, plain: str, hit: DeadlineHit) -> bool:
    """A window written without any year and without a duty in its clause describes a
    time of year ("theo từng năm từ ngày 01/01 đến hết ngày 31/12"); it asks nothing."""
    if hit.kind != "window" or hit.period is not None or not hit.inferred_year:
        return False
    if events.opens_line(plain, hit.start, hit.end):
        return False  # "Từ ngày 01/3 đến ngày 20/3: học sinh đăng ký ...": a timetable line
    return not has_duty(sentence[clause_start(plain, hit.start, 0) : hit.start])


def _as_yearly(hit: DeadlineHit) -> DeadlineHit:
    """A yearless term under "Hằng năm": every year's, on the same day, month or quarter."""
    if hit.value not in ("", "day", "month", "quarter") or hit.recurrence:
        return hit
    if hit.kind in ("relative", "recurring", "periodic") or not _yearless(hit):
        return hit
    period = hit.period
    if period and "-Q" in period:
        period = period.split("-", 1)[1]  # "2025-Q1" → "Q1": every year's first quarter
    elif period:
        period = None
    return replace(
        hit,
        recurrence="yearly",
        value="recurring",
        period=period,
        unspecified=True,
        period_start=None,
        period_end=None,
    )


def _yearless(hit: DeadlineHit) -> bool:
    return hit.inferred_year or (hit.due is None and hit.period_start is None)


def _outside_citations(sentence: str, hits: list[DeadlineHit]) -> list[DeadlineHit]:
    # "Kế hoạch số 12-KH/TU về các hoạt động quý 2/2025" names the cited plan's period.
    if not any(h.kind in _CITABLE for h in hits):
        return hits
    spans = cited_spans(sentence)
    return [
        h for h in hits if h.kind not in _CITABLE or not any(a <= h.start < b for a, b in spans)
    ]


def _with_labels(text: str, hits: list[DeadlineHit]) -> list[DeadlineHit]:
    labelled: list[DeadlineHit] = []
    floor = 0
    for index, hit in enumerate(hits):
        if not hit.label:
            # A relative term names its action itself: "phải báo cáo ngay".
            upto = hit.end if hit.kind == "relative" else hit.start
            before = text[clause_start(text, hit.start, floor) : upto]
            ceiling = hits[index + 1].start if index + 1 < len(hits) else len(text)
            after = text[hit.end : clause_end(text, hit.end, ceiling)]
            label = label_for(before, after)
            if label == "Xây dựng kế hoạch":
                label = task_label(text, hit.start) or label  # "Xây dựng Kế hoạch gửi về ..."
            if hit.day is not None and hit.recurrence == "monthly" and hit.due is None:
                label = f"{label} (ngày {hit.day} hằng tháng)"
            hit = replace(hit, label=label)
        elif hit.kind == "window" and hit.period:
            # "(thực hiện quý 2/2024)" names when, the clause before it names what.
            hit = replace(hit, label=task_label(text, hit.start) or hit.label)
        labelled.append(hit)
        floor = max(floor, hit.end)
    return labelled
