"""Terms set before a period: "hoàn thành trước tháng 6/2027" is due by the end of May.

"trước tháng M/Y" is the month before, "trước quý N/Y" the quarter before, "trước năm Y"
the year before (due in its last month). "từ trước năm 2025" (since before) looks back,
and a clause that reports the term met ("đã hoàn thành trước tháng 6/2025") asks nothing.
"""

from __future__ import annotations

import re

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

_OF_YEAR = rf"(?:{OPT}[/-]{OPT}|{SP}nam{SP})"
_BEFORE = re.compile(
    rf"{NOT_AFTER_LETTER}truoc{SP}(?:thang{SP}(?P<m>{MONTH}){_OF_YEAR}(?P<my>{YEAR})"
    rf"|quy{SP}(?P<q>[1-4]|iv|i{{1,3}}){_OF_YEAR}(?P<qy>{YEAR})|nam{SP}(?P<y>{YEAR}))(?![\w/])",
    re.IGNORECASE,
)
_SINCE = re.compile(rf"(?<![\w])(?:tu|ke{SP}tu){SP}$", re.IGNORECASE)
_MET_FLAT = re.compile(r"(?<![\w])(?:da|vua)(?![\w])", re.IGNORECASE)
_MET = re.compile(r"(?<![\w])(?:đã|vừa)(?![\w])", re.IGNORECASE)


def before_periods(plain: str, sentence: str) -> list[DeadlineHit]:
    """ "trước tháng 6/2027" → 2027-05, "trước quý III/2027" → 2027-Q2, "trước năm 2028"
    → 2027 (its December): the last period before the one named."""
    hits: list[DeadlineHit] = []
    for match in _BEFORE.finditer(plain):
        if _SINCE.search(plain, max(0, match.start() - 8), match.start()):
            continue  # "tồn đọng từ trước năm 2025": a past, not a term
        if _met(sentence, plain, clause_start(plain, match.start(), 0), match.start()):
            continue  # "đã hoàn thành trước tháng 6/2025": a result reported
        key, label = _period_before(match)
        hits.append(period_hit(key, match.start(), match.end(), label))
    return hits


def _period_before(match: re.Match[str]) -> tuple[str, str]:
    """The key and label of the period right before the one the match names."""
    if match.group("m"):
        month, year = int(match.group("m")), int(match.group("my"))
        month, year = (12, year - 1) if month == 1 else (month - 1, year)
        return month_key(month, year), f"Hoàn thành trong tháng {month}/{year}"
    if match.group("q"):
        quarter, year = quarter_number(match.group("q")) or 1, int(match.group("qy"))
        quarter, year = (4, year - 1) if quarter == 1 else (quarter - 1, year)
        return quarter_key(quarter, year), f"Hoàn thành trong quý {quarter}/{year}"
    year = int(match.group("y")) - 1
    return str(year), f"Hoàn thành trong năm {year}"


def _met(sentence: str, plain: str, start: int, end: int) -> bool:
    """ "đã" / "vừa" before the term, read with marks: flat "da" is also "đa" (đa dạng)."""
    if sentence.isascii():
        return _MET_FLAT.search(plain, start, end) is not None
    return _MET.search(sentence, start, end) is not None
