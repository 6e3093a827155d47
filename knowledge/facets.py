"""Which documents have a deadline in a period, or tasks for a unit, without reading them.

Questions like "tháng 5/2024 có hạn gì?" or "Ban Tuyên giáo phải làm gì?" concern every
document. Reading 10,000 parsed directives to answer one takes seconds, so the index
keeps, per document, only the due dates and recurrences of its deadlines and the folded
names of the units its tasks go to; answers then read the few documents that qualify.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from knowledge.textnorm import fold

UNKNOWN_DAY = -1


@dataclass
class DocFacts:
    """What the facets need from one document."""

    dues: list[tuple[date | None, str | None]] = field(default_factory=list)  # due, recurrence
    units: list[str] = field(default_factory=list)


class Facets:
    """Deadline dates and task units of every document, as small arrays and a dict."""

    def __init__(self, facts: Sequence[DocFacts]) -> None:
        days: list[int] = []
        owners: list[int] = []
        recurring: set[int] = set()
        self.units: dict[str, set[int]] = {}
        for index, fact in enumerate(facts):
            for due, recurrence in fact.dues:
                if recurrence:
                    recurring.add(index)
                days.append(due.toordinal() if due else UNKNOWN_DAY)
                owners.append(index)
            for unit in fact.units:
                self.units.setdefault(" ".join(fold(unit).split()), set()).add(index)
        order = np.argsort(np.asarray(days, dtype=np.int64), kind="stable")
        self.days = np.asarray(days, dtype=np.int64)[order]
        self.owners = np.asarray(owners, dtype=np.int64)[order]
        self.recurring = sorted(recurring)

    def with_deadline_between(self, start: date, end: date, recurring: bool) -> list[int]:
        """Documents with a deadline due in [start, end], earliest first; recurring ones after."""
        lo = int(np.searchsorted(self.days, start.toordinal(), side="left"))
        hi = int(np.searchsorted(self.days, end.toordinal(), side="right"))
        found = list(dict.fromkeys(self.owners[lo:hi].tolist()))
        if recurring:
            seen = set(found)
            found += [i for i in self.recurring if i not in seen]
        return found

    def with_unit(self, unit: str) -> list[int]:
        """Documents with a task for a unit whose folded name contains these words."""
        wanted = " ".join(fold(unit).split())
        if not wanted:
            return []
        found: set[int] = set()
        for name, docs in self.units.items():
            if wanted in name:
                found |= docs
        return sorted(found)
