"""What is due in a period: "tháng 5/2024 có hạn gì?", "quý 2/2024", "tuần này", "sắp tới"."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from knowledge.answer import intents, scope
from knowledge.answer import phrases as say
from knowledge.answer.found import Found, Pick, dedupe
from knowledge.answer.intents import Intent
from knowledge.answer.passages import format_date
from knowledge.answer.targets import DocRef
from knowledge.answer.when import describe, quote_of
from knowledge.model import Deadline
from knowledge.search.library import Library

UPCOMING_DAYS = 30  # "sắp tới" means the next month or so
MAX_LISTED = 12  # deadlines listed for one period
WINDOW_DAYS = 92  # a month or a quarter, not a year


@dataclass
class Candidate:
    """A deadline of a document."""

    doc: DocRef
    deadline: Deadline


@dataclass
class Period:
    """A span of days asked about, how to name it, and whether quarter windows count."""

    start: date
    end: date
    label: str
    windows: bool = True  # "thực hiện trong quý 2/2024" is due in a month or quarter asked


def period_answer(library: Library, intent: Intent, today: date | None) -> Found:
    """Every deadline falling in the month, quarter or span asked about, earliest first."""
    now = today or date.today()
    period = _period(intent, now)
    if isinstance(period, str):
        return Found(period, found=False)
    hits = _due_in(library, period)
    if not hits:
        return Found(_none(library, period), found=False)
    lines = [say.PERIOD_LEAD.format(period=period.label)]
    lines += [
        f"• {describe(c.deadline)} ({Pick(c.doc, c.deadline.section, '').cite})" for c in hits
    ]
    first = hits[0]
    main = Pick(first.doc, first.deadline.section, quote_of(first.deadline))
    rest = [
        Pick(c.doc, c.deadline.section, quote_of(c.deadline), label=describe(c.deadline))
        for c in hits[1:]
    ]
    others = dedupe([main, *rest])[1:]
    return Found("\n".join(lines), [main], others, show_others=False)


def _due_in(library: Library, period: Period) -> list[Candidate]:
    """The first MAX_LISTED deadlines in the period: dated ones by date, then windows."""
    docs = scope.dated_between(library, period.start, period.end, MAX_LISTED)
    hits = _falling(docs, period)
    dated = sum(1 for c in hits if c.deadline.due is not None)
    if period.windows and dated < MAX_LISTED:
        hits += _falling(scope.window_scope(library, _quarters(period), docs), period)
    hits.sort(key=lambda c: (c.deadline.due is None, c.deadline.due or date.max))
    return hits[:MAX_LISTED]


def _falling(docs: list[DocRef], period: Period) -> list[Candidate]:
    return [Candidate(d, x) for d in docs for x in d.directive.deadlines if _falls_in(x, period)]


def _quarters(period: Period) -> str:
    """The quarters a period overlaps, as documents write them ("quý 2/2024")."""
    first = (period.start.month - 1) // 3 + 1
    last = (period.end.month - 1) // 3 + 1
    return " ".join(f"quý {q}/{period.start.year}" for q in range(first, last + 1))


def _period(intent: Intent, today: date) -> Period | str:
    """The days a question means, or the reason it names none ("tháng 13")."""
    if intent.kind == intents.MONTH:
        month = intent.month or 0
        if not 1 <= month <= 12:
            return say.MONTH_INVALID.format(month=month)
        # A month without a year is the next one of that name (this one if it is now).
        year = intent.year or (today.year if month >= today.month else today.year + 1)
        start = date(year, month, 1)
        return Period(start, _month_end(year, month), f"trong tháng {month}/{year}")
    if intent.quarter is not None:
        quarter = intent.quarter
        if not 1 <= quarter <= 4:
            return say.QUARTER_INVALID.format(quarter=quarter)
        year = intent.year or today.year
        start = date(year, 3 * quarter - 2, 1)
        return Period(start, _month_end(year, 3 * quarter), f"trong quý {quarter}/{year}")
    return _span(intent.span, today)


def _span(span: str, today: date) -> Period:
    """Today, this week (Monday to Sunday) or the coming days."""
    if span == intents.TODAY:
        return Period(today, today, f"hôm nay ({format_date(today)})", windows=False)
    if span == intents.WEEK:
        monday = today - timedelta(days=today.weekday())
        sunday = monday + timedelta(days=6)
        label = f"trong tuần này ({format_date(monday)} – {format_date(sunday)})"
        return Period(monday, sunday, label, windows=False)
    end = today + timedelta(days=UPCOMING_DAYS)
    label = say.UPCOMING.format(days=UPCOMING_DAYS, end=format_date(end))
    return Period(today, end, label, windows=False)


def _month_end(year: int, month: int) -> date:
    first_next = date(year + month // 12, month % 12 + 1, 1)
    return first_next - timedelta(days=1)


def _falls_in(deadline: Deadline, period: Period) -> bool:
    """A dated deadline in the period, or a month or quarter ("trong tháng 12/2025",
    "quý 2/2024") overlapping a month or quarter asked about."""
    if deadline.due is not None:
        return period.start <= deadline.due <= period.end
    window = _window(deadline)
    if window is None or not period.windows:
        return False
    return window[0] <= period.end and period.start <= window[1]


def _window(deadline: Deadline) -> tuple[date, date] | None:
    """The month or quarter a deadline without a day names (a year is too long to say
    that something is due in one of its months)."""
    start, end = deadline.period_start, deadline.period_end
    if start is not None and end is not None and (end - start).days <= WINDOW_DAYS:
        return start, end
    return _quarter_window(deadline.period or "")


def _quarter_window(period: str) -> tuple[date, date] | None:
    """ "2024-Q2" as its first and last day; a yearly or monthly period gives no window."""
    if "-Q" not in period:
        return None
    year, quarter = period.split("-Q", 1)
    if not (year.isdigit() and quarter.isdigit() and 1 <= int(quarter) <= 4):
        return None
    q = int(quarter)
    return date(int(year), 3 * q - 2, 1), _month_end(int(year), 3 * q)


def _none(library: Library, period: Period) -> str:
    """No deadline in the period: say so, and name the first dated one after it."""
    text = say.PERIOD_NONE.format(period=period.label)
    after = period.end + timedelta(days=1)
    docs = scope.dated_between(library, after, date.max, 1)
    later = [
        Candidate(d, x)
        for d in docs
        for x in d.directive.deadlines
        if x.due is not None and x.due > period.end
    ]
    if not later:
        return text
    first = min(later, key=lambda c: c.deadline.due or date.max)
    cite = Pick(first.doc, first.deadline.section, "").cite
    return f"{text}\n\n{say.NEXT_DUE.format(what=describe(first.deadline), cite=cite)}"
