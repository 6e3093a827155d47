"""Deadlines that name a half year or a school term instead of a day or a month.

- Half year: "(hoàn thành) trong 6 tháng đầu năm 2027", "tổ chức các lớp ... trong 6 tháng
  đầu năm 2027" are due in its last month, 2027-06, as "Tháng 11 - 12/2025" is in 2025-12;
  "Báo cáo sơ kết 6 tháng đầu năm 2027" is a topic.
- School year and term: "hoàn thành trong năm học 2026 - 2027", "trong học kỳ I" set a
  term whose day the school calendar, not the text, gives: unspecified, the words kept;
  so does an activity held in a semester ("họp cha mẹ học sinh cuối học kỳ I").
"""

from __future__ import annotations

import re

from knowledge.parse.deadline_events import ACTIVITY
from knowledge.parse.deadline_hits import NOT_AFTER_LETTER, OPT, SP, YEAR, DeadlineHit, period_hit
from knowledge.parse.deadline_periods import completes
from knowledge.vi.dates import clause_start
from knowledge.vi.periods import month_key

_HALF = re.compile(
    rf"{NOT_AFTER_LETTER}(?:(?P<how>den{SP}het|het|trong|ngay{SP}trong|xong){SP})?(?:6|sau)"
    rf"{SP}thang{SP}(?P<part>dau|cuoi){SP}nam{SP}(?P<y>{YEAR})(?![\d/-])",
    re.IGNORECASE,
)
_SCHOOL_YEAR = rf"nam{SP}hoc{SP}{YEAR}{OPT}[-/]{OPT}{YEAR}"
_SCHOOL_TERM = re.compile(
    rf"{NOT_AFTER_LETTER}(?:(?P<how>den{SP}het|het|trong|cuoi|ngay{SP}trong){SP})?"
    rf"(?P<what>hoc{SP}ky{SP}(?:ii?|[12])(?![\w])(?:{OPT},?{OPT}{_SCHOOL_YEAR})?|{_SCHOOL_YEAR})",
    re.IGNORECASE,
)


def halves(plain: str, bare: bool = False) -> list[DeadlineHit]:
    """ "hoàn thành trong 6 tháng đầu năm 2027": due in the half's last month."""
    hits: list[DeadlineHit] = []
    for match in _HALF.finditer(plain):
        how = (match.group("how") or "").lower()
        if not bare and not (how and ("het" in how or _held(plain, how, match.start()))):
            continue
        year, first = int(match.group("y")), match.group("part").lower() == "dau"
        month = 6 if first else 12
        label = f"Hoàn thành trong 6 tháng {'đầu' if first else 'cuối'} năm {year}"
        hits.append(period_hit(month_key(month, year), *match.span(), label, month=month))
    return hits


def _held(plain: str, how: str, start: int) -> bool:
    """ "Tổ chức các lớp ... trong 6 tháng đầu năm 2027": completed, or held within it."""
    if completes(plain, start):
        return True
    return (
        how == "trong" and ACTIVITY.search(plain, clause_start(plain, start, 0), start) is not None
    )


def _in_term(plain: str, match: re.Match[str]) -> bool:
    """Completed in the term, or an activity held in a semester ("tổ chức ... trong buổi
    họp cha mẹ học sinh cuối học kỳ I"); a school year names a topic as often as a time."""
    if completes(plain, match.start()):
        return True
    if not match.group("what").lower().startswith("hoc"):
        return False
    return ACTIVITY.search(plain, clause_start(plain, match.start(), 0), match.start()) is not None


def school_terms(plain: str, sentence: str, bare: bool = False) -> list[DeadlineHit]:
    """ "hoàn thành trong năm học 2026 - 2027", "trong học kỳ I": unspecified, words kept."""
    hits: list[DeadlineHit] = []
    for match in _SCHOOL_TERM.finditer(plain):
        if not bare and not (match.group("how") and _in_term(plain, match)):
            continue
        words = sentence[match.start("what") : match.end()]
        label = f"Hoàn thành trong {words[:1].lower()}{words[1:]}"
        hits.append(DeadlineHit(None, None, None, label, True, "window", *match.span()))
    return hits
