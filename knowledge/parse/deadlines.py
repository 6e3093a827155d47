"""Deadline phrases: "trước ngày 31 tháng 3 năm 2023", "quý 2, quý 4/2024", "hàng tháng, quý"."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from knowledge.parse.references import cited_spans
from knowledge.parse.units import task_label
from knowledge.vi.dates import clause_end, clause_start, label_for
from knowledge.vi.doctypes import flat
from knowledge.vi.written_dates import RawDate, find_raw_dates, make_date

_SP = r"[ \t\u00a0]{1,3}"
_OPT = r"[ \t\u00a0]{0,3}"
_NOT_AFTER_LETTER = r"(?<![^\W\d_])"
# A marker directly followed by a date makes that date a deadline.
_MARKER = re.compile(
    rf"{_NOT_AFTER_LETTER}(?:truoc|cham{_SP}nhat|muon{_SP}nhat|han{_SP}chot|khong{_SP}qua"
    rf"|thoi{_SP}han|han(?:{_SP}(?:nop|gui))?)(?:{_SP}(?:la|vao))?[ \t\u00a0:,]{{1,4}}",
    re.IGNORECASE,
)
_SHORT_DATE = re.compile(r"(\d{1,2})/(\d{1,2})(?![\w/])")
_PAREN_OPEN = re.compile(r"\([ \t\u00a0]*(?:(?:truoc|han)[ \t\u00a0:]{1,3})?$", re.IGNORECASE)
_PAREN_CLOSE = re.compile(r"[ \t\u00a0]*\)")
_QUARTER = r"(?:[1-4]|iv|i{1,3})(?![\w])"
_WINDOW = re.compile(
    rf"{_NOT_AFTER_LETTER}quy{_SP}(?P<qs>{_QUARTER}(?:{_OPT}(?:,|va|-){_OPT}(?:quy{_SP})?"
    rf"{_QUARTER}){{0,3}})(?:{_OPT}(?:/|nam{_SP})(?P<y>(?:19|20)\d\d)(?!\d))?",
    re.IGNORECASE,
)
_ITEM = rf"(?:ca{_SP}nam|nua{_SP}nam|(?:6|sau){_SP}thang|thang|quy|nam)(?![\w])"
_RECURRING = re.compile(
    rf"{_NOT_AFTER_LETTER}(?:dinh{_SP}ky{_SP}(?:hang{_SP}|moi{_SP})?|hang{_SP}|moi{_SP})"
    rf"(?P<list>{_ITEM}(?:{_OPT}(?:,{_OPT}(?:va{_SP})?|va{_SP}){_ITEM}){{0,4}})"
    rf"(?:{_SP}(?P<y>(?:19|20)\d\d)(?!\d))?",
    re.IGNORECASE,
)
_PERIODIC = re.compile(
    rf"{_NOT_AFTER_LETTER}(?:dinh{_SP}ky{_SP}(?:(?:tien{_SP}hanh|thuc{_SP}hien){_SP})?bao{_SP}cao"
    rf"|bao{_SP}cao{_SP}dinh{_SP}ky)(?![\w])",
    re.IGNORECASE,
)
_EVERY_YEAR = re.compile(rf"{_OPT},?{_OPT}(?:hang|moi){_SP}nam(?![\w])", re.IGNORECASE)
_FROM = re.compile(r"(?<![^\W\d_])tu[ \t\u00a0]{1,3}$", re.IGNORECASE)
_UNTIL = re.compile(rf"{_OPT}(?:den|[-\u2013]){_OPT}(?:het{_SP})?", re.IGNORECASE)
_MONTHLY_DAY = re.compile(
    rf"{_NOT_AFTER_LETTER}ngay{_SP}(\d{{1,2}}){_SP}(?:hang|moi){_SP}thang(?![\w])", re.IGNORECASE
)
_MONTH_WINDOW = re.compile(
    rf"{_NOT_AFTER_LETTER}(?P<how>trong|cuoi){_SP}thang{_SP}(?P<m>1[0-2]|0?[1-9])"
    rf"(?:(?:{_OPT}/{_OPT}|{_SP}nam{_SP})(?P<y>(?:19|20)\d\d))?(?![\w/])",
    re.IGNORECASE,
)
_REPORT = re.compile(r"bao cao|so ket|tong ket", re.IGNORECASE)
_PERIOD_LABEL = {"monthly": "tháng", "quarterly": "quý", "half-yearly": "6 tháng", "yearly": "năm"}
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


@dataclass(frozen=True)
class DeadlineHit:
    """A deadline phrase; due is None when the text gives no day (never invented)."""

    due: date | None
    recurrence: str | None  # None | monthly | quarterly | half-yearly | yearly
    period: str | None  # "2024-Q2", "2022" when only a period is given
    label: str  # short Vietnamese label: "Báo cáo 6 tháng", "Xây dựng kế hoạch"
    unspecified: bool  # True when a human must set the day
    kind: str  # deadline | window | recurring | periodic
    start: int = 0
    end: int = 0
    day: int | None = None  # day of the month of a monthly report ("ngày 25 hằng tháng")
    inferred_year: bool = False  # the text gave day and month; the year is the document's


def find_deadlines(
    sentence: str, doc_year: int | None, issued: date | None = None
) -> list[DeadlineHit]:
    """Deadlines in a sentence; dates without a year take doc_year, cited dates are ignored.

    With issued (the document's own date), a yearless day that would fall before the
    document rolls on to the next year: a programme for 2027 signed in November 2026.
    """
    hits = _find(sentence, doc_year)
    if issued is None:
        return hits
    return [_roll(hit, issued) for hit in hits]


def _roll(hit: DeadlineHit, issued: date) -> DeadlineHit:
    if not hit.inferred_year or hit.due is None or hit.due >= issued:
        return hit
    later = make_date(hit.due.day, hit.due.month, hit.due.year + 1)
    return replace(hit, due=later, unspecified=later is None)


def _find(sentence: str, doc_year: int | None) -> list[DeadlineHit]:
    plain = flat(sentence)
    dates = find_raw_dates(sentence)
    hits = _marked(plain, dates, doc_year)
    hits += _ranges(plain, dates, doc_year, hits)
    hits += _parenthesised(plain, dates, doc_year, hits)
    hits += _monthly_days(plain) + _windows(plain, doc_year) + _month_windows(plain, doc_year)
    hits += [h for h in _recurring(plain) if not _overlaps(h, hits)]
    hits += [h for h in _periodic(plain) if not _overlaps(h, hits)]
    hits = _outside_citations(sentence, hits)
    hits.sort(key=lambda h: (h.start, h.end))
    return _with_labels(sentence, hits)


def _outside_citations(sentence: str, hits: list[DeadlineHit]) -> list[DeadlineHit]:
    # "Kế hoạch số 12-KH/TU về các hoạt động quý 2/2025" names the cited plan's period.
    if not any(h.kind in ("window", "recurring") for h in hits):
        return hits
    spans = cited_spans(sentence)
    return [
        h
        for h in hits
        if h.kind not in ("window", "recurring") or not any(a <= h.start < b for a, b in spans)
    ]


def _marked(plain: str, dates: list[RawDate], doc_year: int | None) -> list[DeadlineHit]:
    by_start = {d.start: d for d in dates}
    hits: list[DeadlineHit] = []
    for match in _MARKER.finditer(plain):
        raw = by_start.get(match.end()) or _short_date(plain, match.end())
        if raw is None:
            continue
        every = _EVERY_YEAR.match(plain, raw.end) if raw.year is None else None
        hit = _dated(raw, doc_year, match.start(), "yearly" if every else None)
        hits.append(replace(hit, end=every.end()) if every else hit)
    return hits


def _ranges(
    plain: str, dates: list[RawDate], doc_year: int | None, taken: list[DeadlineHit]
) -> list[DeadlineHit]:
    # "từ ngày 01/3/2024 đến ngày 30/4/2024": work within a window that ends on a given day.
    by_start = {d.start: d for d in dates}
    hits: list[DeadlineHit] = []
    for first in dates:
        opening = _FROM.search(plain, max(0, first.start - 8), first.start)
        until = _UNTIL.match(plain, first.end)
        last = by_start.get(until.end()) if until else None
        if opening is None or last is None or _overlaps_span(opening.start(), last.end, taken):
            continue
        year = last.year or first.year or doc_year
        due = make_date(last.day, last.month, year) if year else None
        inferred = due is not None and last.year is None and first.year is None
        span = (opening.start(), last.end)
        hits.append(DeadlineHit(due, None, None, "", due is None, "window", *span, None, inferred))
    return hits


def _short_date(plain: str, pos: int) -> RawDate | None:
    # After a marker a bare "30/6" is a day even without "ngày".
    match = _SHORT_DATE.match(plain, pos)
    if not match:
        return None
    day, month = int(match.group(1)), int(match.group(2))
    if make_date(day, month, 2000) is None:
        return None
    return RawDate(match.start(), match.end(), day, month, None)


def _dated(raw: RawDate, doc_year: int | None, start: int, recurrence: str | None) -> DeadlineHit:
    year = raw.year if raw.year is not None else doc_year
    due = make_date(raw.day, raw.month, year) if year is not None else None
    hit = DeadlineHit(due, recurrence, None, "", due is None, "deadline", start, raw.end)
    return replace(hit, inferred_year=raw.year is None and due is not None)


def _parenthesised(
    plain: str, dates: list[RawDate], doc_year: int | None, taken: list[DeadlineHit]
) -> list[DeadlineHit]:
    # "báo cáo 6 tháng (ngày 10/5)": a report date given in brackets, every year when
    # the year is not written. Ranges such as "(15/10/1930 - 15/10/2024)" do not close.
    hits: list[DeadlineHit] = []
    for raw in dates:
        if any(h.start <= raw.start < h.end for h in taken):
            continue
        opening = _PAREN_OPEN.search(plain, max(0, raw.start - 12), raw.start)
        closing = _PAREN_CLOSE.match(plain, raw.end)
        if not opening or opening.end() != raw.start or not closing:
            continue
        clause = plain[clause_start(plain, opening.start(), 0) : opening.start()]
        if not _REPORT.search(clause):
            continue
        recurrence = None if raw.year is not None else "yearly"
        hit = _dated(raw, doc_year, opening.start(), recurrence)
        hits.append(replace(hit, end=closing.end()))
    return hits


def _monthly_days(plain: str) -> list[DeadlineHit]:
    return [
        DeadlineHit(None, "monthly", None, "", False, "recurring", *m.span(), day=int(m.group(1)))
        for m in _MONTHLY_DAY.finditer(plain)
        if 1 <= int(m.group(1)) <= 31
    ]


def _month_windows(plain: str, doc_year: int | None) -> list[DeadlineHit]:
    hits: list[DeadlineHit] = []
    for match in _MONTH_WINDOW.finditer(plain):
        month = int(match.group("m"))
        year = int(match.group("y")) if match.group("y") else doc_year
        period = f"{year}-{month:02d}" if year else f"--{month:02d}"
        when = "Cuối" if match.group("how").lower() == "cuoi" else "Thực hiện trong"
        label = f"{when} tháng {month}" + (f"/{year}" if year else "")
        hits.append(DeadlineHit(None, None, period, label, year is None, "window", *match.span()))
    return hits


def _quarters(spec: str) -> list[int]:
    found = re.findall(r"iv|i{1,3}|[1-4]", spec, re.IGNORECASE)
    return [int(q) if q.isdigit() else _ROMAN[q.lower()] for q in found]


def _windows(plain: str, doc_year: int | None) -> list[DeadlineHit]:
    hits: list[DeadlineHit] = []
    for match in _WINDOW.finditer(plain):
        year = int(match.group("y")) if match.group("y") else doc_year
        for quarter in _quarters(match.group("qs")):
            period = f"{year}-Q{quarter}" if year else f"Q{quarter}"
            label = f"Thực hiện trong quý {quarter}" + (f"/{year}" if year else "")
            hits.append(
                DeadlineHit(None, None, period, label, year is None, "window", *match.span())
            )
    return hits


def _recurrence_of(item: str) -> str:
    words = item.lower().split()
    if words[-1] == "quy":
        return "quarterly"
    if words[0] in ("6", "sau", "nua"):
        return "half-yearly"  # "6 tháng", "sáu tháng", "nửa năm"
    return "monthly" if words[-1] == "thang" else "yearly"


def _recurring(plain: str) -> list[DeadlineHit]:
    hits: list[DeadlineHit] = []
    for match in _RECURRING.finditer(plain):
        around = plain[clause_start(plain, match.start(), 0) : match.end() + 40]
        if not _REPORT.search(around):
            continue  # "đánh giá hàng năm" is a habit, not a report to chase
        year, span = match.group("y"), match.span()
        for item in re.split(r"\s*,\s*(?:va\s+)?|\s+va\s+", match.group("list").strip()):
            recurrence = _recurrence_of(item)
            label = f"Báo cáo {_PERIOD_LABEL[recurrence]}"
            hits.append(DeadlineHit(None, recurrence, year, label, True, "recurring", *span))
    return hits


def _periodic(plain: str) -> list[DeadlineHit]:
    return [
        DeadlineHit(None, None, None, "Báo cáo định kỳ", True, "periodic", *m.span())
        for m in _PERIODIC.finditer(plain)
    ]


def _overlaps(hit: DeadlineHit, others: list[DeadlineHit]) -> bool:
    return _overlaps_span(hit.start, hit.end, others)


def _overlaps_span(start: int, end: int, others: list[DeadlineHit]) -> bool:
    return any(start < o.end and o.start < end for o in others)


def _with_labels(text: str, hits: list[DeadlineHit]) -> list[DeadlineHit]:
    labelled: list[DeadlineHit] = []
    floor = 0
    for index, hit in enumerate(hits):
        if not hit.label:
            before = text[clause_start(text, hit.start, floor) : hit.start]
            ceiling = hits[index + 1].start if index + 1 < len(hits) else len(text)
            after = text[hit.end : clause_end(text, hit.end, ceiling)]
            label = label_for(before, after)
            if label == "Xây dựng kế hoạch":
                label = task_label(text, hit.start) or label  # "Xây dựng Kế hoạch gửi về ..."
            if hit.day is not None:
                label = f"{label} (ngày {hit.day} hằng tháng)"
            hit = replace(hit, label=label)
        elif hit.kind == "window" and hit.period:
            # "(thực hiện quý 2/2024)" names when, the clause before it names what.
            hit = replace(hit, label=task_label(text, hit.start) or hit.label)
        labelled.append(hit)
        floor = max(floor, hit.end)
    return labelled
