"""Which of a sentence's terms stand: one duty is one term.

- a cycle named without its day is dropped when the sentence gives the day or period of
  that cycle ("định kỳ" when a cycle is named);
- "trong Quý II, chậm nhất tháng 6" is one term; so is a period closed by a day right
  beside it ("đảng phí quý I trước ngày 20/3/2026");
- a period that names a topic ("tài liệu cho các chuyên đề quý I và quý II, phát hành
  trước ngày 15/01/2027": no word of time before it) in a clause that sets its own day or
  month is no term; nor is a school term a window beside it dates ("kiểm tra cuối học kỳ
  I từ ngày 21 đến ngày 26 tháng 12 năm 2026"), nor a yearless quarter of a quarterly
  cycle ("gửi vào ngày 20 tháng cuối quý (riêng quý IV gửi cùng báo cáo năm)");
- of two ways to meet one duty ("ngay sau khi ... hoặc theo định kỳ hằng năm") the term
  that can be chased stands.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, replace

from knowledge.parse.deadline_hits import DeadlineHit, has_duty
from knowledge.vi.dates import clause_end, clause_start

_BESIDE = 30  # a day this close to a period, with no duty between, closes it
_OR = re.compile(r"(?<![\w])hoac(?![\w])", re.IGNORECASE)
# Words of time that make "quý I" a term ("trong quý I", "hoàn thành quý I"), not a topic.
_TIME_WORD = re.compile(
    r"(?<![\w])(?:trong|het|den|vao|cuoi|dau|tu|xong|hoan thanh|thuc hien|nhat|truoc|sau|la)"
    r"(?:\s+(?:cac|nam|ca))?\s*$",
    re.IGNORECASE,
)
_TERM_GAP = re.compile(r"^[\s,;]*(?:cham nhat|muon nhat|han chot)?(?:\s+la)?\s*$", re.IGNORECASE)


def without_redundant(plain: str, hits: list[DeadlineHit]) -> list[DeadlineHit]:
    """Drop a cycle named without its day when a term of it is given ("định kỳ" when a
    cycle is named), and merge
    "trong Quý II, chậm nhất tháng 6" into one term."""
    specific = {h.recurrence for h in hits if h.recurrence and (h.day or h.month or h.period)}
    cycled = any(h.recurrence for h in hits)
    around = _Around.of(hits)
    kept: list[DeadlineHit] = []
    for hit in hits:
        if hit.kind == "periodic" and cycled:
            continue  # "báo cáo định kỳ 03 tháng/lần": the cycle is named beside it
        if hit.kind == "relative" and _alternative(plain, hit, hits):
            continue
        if _holds_day(plain, hit, hits) or _topic(plain, hit, around) or _instance(hit, around):
            continue
        named = hit.day or hit.month or hit.period
        bare_cycle = hit.kind in ("recurring", "periodic") and not named
        if bare_cycle and (hit.recurrence in specific or (hit.recurrence is None and specific)):
            continue
        if bare_cycle and _same_cycle(plain, kept, hit):
            continue
        if _continues_term(plain, kept, hit):
            kept[-1] = replace(kept[-1], end=hit.end, month=kept[-1].month or hit.month)
            continue
        kept.append(hit)
    return kept


def _alternative(plain: str, hit: DeadlineHit, hits: list[DeadlineHit]) -> bool:
    """ "bàn giao ngay sau khi có quyết định hoặc theo định kỳ hằng năm": one duty with
    two ways to meet it; the term that can be chased (a day, a period, a cycle) stands."""
    for other in hits:
        if other.kind == "relative":
            continue
        a, b = (hit.end, other.start) if hit.end <= other.start else (other.end, hit.start)
        if 0 <= b - a <= 60 and _OR.search(plain, a, b):
            return True
    return False


def _holds_day(plain: str, hit: DeadlineHit, hits: list[DeadlineHit]) -> bool:
    """ "đảng phí quý I trước ngày 20/3/2026", "trong quý I, chậm nhất ngày 20/3": the day
    closes the period right beside it; one term. A period and a day for two duties of one
    sentence ("bàn giao trong năm 2025, báo cáo ... trước ngày 31/12/2025") stay two."""
    if hit.value not in ("month", "quarter", "year") or hit.period_start is None:
        return False
    for other in hits:
        if other.due is None or other.recurrence or not hit.period_start <= other.due:
            continue
        if hit.period_end is None or other.due > hit.period_end:
            continue
        a, b = (hit.end, other.start) if hit.end <= other.start else (other.end, hit.start)
        if 0 <= b - a <= _BESIDE and not has_duty(plain[a:b]):
            return True
    return False


def _continues_term(plain: str, kept: list[DeadlineHit], hit: DeadlineHit) -> bool:
    """ "trong Quý II, chậm nhất tháng 6": a month that closes the period just named."""
    if not kept or hit.due is not None or hit.month is None or kept[-1].due is not None:
        return False
    if kept[-1].value not in ("month", "quarter", "recurring") or not kept[-1].period:
        return False
    return _TERM_GAP.match(plain[kept[-1].end : hit.start]) is not None


@dataclass(frozen=True)
class _Around:
    """What a sentence's other terms offer, sorted once (a hostile text has thousands)."""

    period_ends: list[int]  # ends of months and quarters: "tháng 12/2026 và quý I/2027"
    dated_starts: list[int]  # starts of days and months of no cycle
    day_starts: list[int]  # starts of days
    quarterly: bool

    @classmethod
    def of(cls, hits: list[DeadlineHit]) -> _Around:
        """The context of hits."""
        return cls(
            sorted(h.end for h in hits if h.value in ("month", "quarter")),
            sorted(h.start for h in hits if h.value in ("day", "month") and not h.recurrence),
            sorted(h.start for h in hits if h.due is not None),
            any(h.recurrence == "quarterly" for h in hits),
        )


def _within(sorted_values: list[int], lo: int, hi: int) -> bool:
    """Some value v with lo <= v <= hi."""
    index = bisect_left(sorted_values, lo)
    return index < len(sorted_values) and sorted_values[index] <= hi


def _topic(plain: str, hit: DeadlineHit, around: _Around) -> bool:
    """A quarter after a noun ("chuyên đề quý I") in a clause with its own day or month."""
    if hit.value != "quarter" or _TIME_WORD.search(plain, max(0, hit.start - 24), hit.start):
        return False
    if _within(around.period_ends, hit.start - 6, hit.start):
        return False  # "trong tháng 12/2026 và quý I/2027": listed after a term
    lo, hi = clause_start(plain, hit.start, 0), clause_end(plain, hit.end, len(plain))
    return _within(around.dated_starts, lo, hi - 1)


def _instance(hit: DeadlineHit, around: _Around) -> bool:
    """A yearless quarter beside a quarterly cycle is one of its quarters, or a school
    term a day beside it dates (the window gives its days)."""
    if hit.value == "quarter" and hit.inferred_year:
        return around.quarterly
    if hit.value != "unspecified" or hit.kind != "window":
        return False
    return _within(around.day_starts, hit.end, hit.end + _BESIDE)


def _same_cycle(plain: str, kept: list[DeadlineHit], hit: DeadlineHit) -> bool:
    """The cycle said again for one duty ("hằng quý ... mỗi quý"); a duty between them
    makes two ("dự ít nhất 02 chi bộ mỗi quý và báo cáo ... vào tuần cuối quý")."""
    for before in reversed(kept):  # the nearest saying of the same cycle
        if before.kind == hit.kind and before.recurrence == hit.recurrence:
            return not has_duty(plain[before.end : hit.start])
    return False


_NAMED_REPORT = re.compile(r"^Báo cáo (?:sơ kết |tổng kết )?(6 tháng|năm)\b")
_REPORT_CYCLE = {"6 tháng": "half-yearly", "năm": "yearly"}


def named_reports(hits: list[DeadlineHit]) -> list[DeadlineHit]:
    """ "định kỳ 6 tháng, năm; báo cáo 6 tháng gửi trước ngày 15 tháng 6, ...": the cycle
    said first is the reports the sentence then dates; it gives no term of its own."""
    named = set()
    for hit in hits:
        match = _NAMED_REPORT.match(hit.label)
        if match and (hit.day or hit.due):
            named.add(_REPORT_CYCLE[match.group(1)])
    if not named:
        return hits
    return [h for h in hits if not (_bare(h) and h.recurrence in named)]


def _bare(hit: DeadlineHit) -> bool:
    return hit.kind == "recurring" and not (hit.day or hit.month or hit.period)
