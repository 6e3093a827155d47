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
from dataclasses import replace

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
    kept: list[DeadlineHit] = []
    for hit in hits:
        if hit.kind == "periodic" and cycled:
            continue  # "báo cáo định kỳ 03 tháng/lần": the cycle is named beside it
        if hit.kind == "relative" and _alternative(plain, hit, hits):
            continue
        if _holds_day(plain, hit, hits) or _topic(plain, hit, hits) or _instance(hit, hits):
            continue
        named = hit.day or hit.month or hit.period
        bare_cycle = hit.kind in ("recurring", "periodic") and not named
        if bare_cycle and (hit.recurrence in specific or (hit.recurrence is None and specific)):
            continue
        if bare_cycle and any(_same_cycle(plain, k, hit) for k in kept):
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


def _topic(plain: str, hit: DeadlineHit, hits: list[DeadlineHit]) -> bool:
    """A quarter after a noun ("chuyên đề quý I") in a clause with its own day or month."""
    if hit.value != "quarter" or _TIME_WORD.search(plain, max(0, hit.start - 24), hit.start):
        return False
    if any(0 <= hit.start - o.end <= 6 and o.value in ("month", "quarter") for o in hits):
        return False  # "trong tháng 12/2026 và quý I/2027": listed after a term
    lo, hi = clause_start(plain, hit.start, 0), clause_end(plain, hit.end, len(plain))
    dated = [o for o in hits if o.value in ("day", "month") and not o.recurrence]
    return any(lo <= o.start < hi for o in dated)


def _instance(hit: DeadlineHit, hits: list[DeadlineHit]) -> bool:
    """A yearless quarter beside a quarterly cycle is one of its quarters, or a school
    term a day beside it dates (the window gives its days)."""
    if hit.value == "quarter" and hit.inferred_year:
        return any(o.recurrence == "quarterly" for o in hits)
    if hit.value != "unspecified" or hit.kind != "window":
        return False
    return any(o.due is not None and 0 <= o.start - hit.end <= _BESIDE for o in hits)


def _same_cycle(plain: str, kept: DeadlineHit, hit: DeadlineHit) -> bool:
    """The cycle said again for one duty ("hằng quý ... mỗi quý"); a duty between them
    makes two ("dự ít nhất 02 chi bộ mỗi quý và báo cáo ... vào tuần cuối quý")."""
    if kept.kind != hit.kind or kept.recurrence != hit.recurrence:
        return False
    return not has_duty(plain[kept.end : hit.start])


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
