"""A term restated in a summary table after the text that sets it is one term.

A plan often ends with a table of its tasks ("4 | Nộp bản tự đánh giá | Các chi bộ |
Chậm nhất ngày 20/5/2027") that repeats terms its body has set ("Bản tự đánh giá của chi
bộ nộp về Văn phòng chậm nhất ngày 20 tháng 5 năm 2027"). The row is dropped, the body's
sentence kept, when both give the same term and share words of the task ("tự đánh giá");
two tasks due on one day stay two.
"""

from __future__ import annotations

from dataclasses import replace

from knowledge.model import Deadline
from knowledge.parse.deadline_tables import CELL
from knowledge.vi.doctypes import flat

# Pairs of words every task of a party office may share: they tell no task from another.
_GENERIC = {
    "bao cao", "dang uy", "don vi", "cac don", "chi bo", "dang bo", "co so", "to chuc",
    "thuc hien", "ke hoach", "ban thuong", "thuong vu", "van phong", "phong dang", "cac chi",
    "bo co", "bo dang", "hoan thanh", "cham nhat", "truoc ngay", "trien khai", "cap uy",
    "giao duc", "duc va", "va dao", "dao tao", "uy ban", "ban nhan", "nhan dan",
}  # fmt: skip
_TERM_FIELDS = ("due", "period", "recurrence", "day", "month", "kind")


def without_restated(found: list[Deadline]) -> list[Deadline]:
    """The deadlines without the table rows that restate a term set in the body; the body's
    deadline takes the row's name of the task and its unit (a summary table names each task
    and who does it)."""
    kept = list(found)
    for row in found:
        said = _restated(row, kept) if CELL in row.text else None
        if said is None:
            continue
        kept.remove(row)
        index = next(i for i, d in enumerate(kept) if d is said)
        kept[index] = replace(said, label=row.label or said.label, unit=row.unit or said.unit)
    return kept


def _restated(row: Deadline, found: list[Deadline]) -> Deadline | None:
    """The body's deadline the row restates: the same term, words of the task shared (one
    pair for a day, two for a month or a longer period)."""
    if row.due is None and row.period is None:
        return None
    task = row.text.replace(row.phrase, " ") if row.phrase else row.text
    words = _pairs(task)
    least = 1 if row.due is not None else 2
    for said in found:
        if CELL in said.text:
            continue
        same = all(getattr(said, name) == getattr(row, name) for name in _TERM_FIELDS)
        if same and len(words & _pairs(said.text)) >= least:
            return said
    return None


def _pairs(text: str) -> set[str]:
    """The pairs of adjacent words of text (folded, letters only), generic pairs left out."""
    words = ["".join(c for c in w if c.isalpha()) for w in flat(text).lower().split()]
    pairs: set[str] = set()
    for first, second in zip(words, words[1:], strict=False):
        if first and second:
            pairs.add(f"{first} {second}")
    return pairs - _GENERIC
