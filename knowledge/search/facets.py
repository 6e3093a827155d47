"""Which documents have a deadline in a period, or tasks for a unit, without reading them.

Questions like "tháng 5/2024 có hạn gì?" or "Ban Tuyên giáo phải làm gì?" concern every
document. Reading 10,000 parsed directives to answer one takes seconds, so the index
keeps, per document, only the due dates and recurrences of its deadlines and the folded
names of the units its tasks go to; answers then read the few documents that qualify.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np

from knowledge.vi.textnorm import fold

UNKNOWN_DAY = -1


@dataclass
class DocFacts:
    """What the facets need from one document."""

    dues: list[tuple[date | None, str | None]] = field(default_factory=list)  # due, recurrence
    units: list[str] = field(default_factory=list)
    row_units: list[str | None] = field(default_factory=list)  # one per indexed passage
    parts: bytes = b""  # one per passage: 0 head, 1 body, 2 tail (knowledge.search.passages)


class Facets:
    """Deadline dates and task units of every document, as small arrays and a dict."""

    def __init__(self, facts: Iterable[DocFacts] = ()) -> None:
        # Compact accumulators: a library adds 300,000 dues and section units one by one.
        self._days = array("q")
        self._owners = array("q")
        self._row_unit = array("i")
        self._parts = bytearray()
        self._count = 0
        self._folded: dict[str, str] = {}  # the same few unit names recur in every document
        self._recurring: set[int] = set()
        self.units: dict[str, set[int]] = {}
        self.unit_names: dict[str, int] = {}
        for fact in facts:
            self.add(fact)
        self.finish()

    def add(self, fact: DocFacts, rows: int | None = None) -> None:
        """Add the next document's facts, for its `rows` indexed passages (default: one per
        row unit); call finish() after the last one."""
        index = self._count
        self._count += 1
        rows = len(fact.row_units) if rows is None else rows
        units = list(fact.row_units[:rows]) + [None] * (rows - len(fact.row_units))
        for unit in units:
            self._row_unit.append(self._unit_id(unit) if unit else -1)
        # Rows without a known part count as body: the arrays stay aligned with the rows.
        self._parts += fact.parts[:rows].ljust(rows, b"\x01")
        for due, recurrence in fact.dues:
            if recurrence:
                self._recurring.add(index)
            self._days.append(due.toordinal() if due else UNKNOWN_DAY)
            self._owners.append(index)
        for unit in fact.units:
            self.units.setdefault(self._fold(unit), set()).add(index)

    def finish(self) -> None:
        """Make the arrays the queries read from what was added."""
        days = np.array(self._days, dtype=np.int64)
        owners = np.array(self._owners, dtype=np.int64)
        order = np.argsort(days, kind="stable")
        self.days = days[order]
        self.owners = owners[order]
        self.recurring = sorted(self._recurring)
        self.row_unit = np.array(self._row_unit, dtype=np.int32)
        self.row_part = np.frombuffer(bytes(self._parts), dtype=np.int8)

    def _fold(self, unit: str) -> str:
        name = self._folded.get(unit)
        if name is None:
            name = self._folded[unit] = " ".join(fold(unit).split())
        return name

    def state(self) -> tuple[dict[str, np.ndarray], dict[str, object]]:
        """Arrays and JSON-ready values that `restore` turns back into these facets."""
        arrays: dict[str, np.ndarray] = {
            "days": self.days,
            "owners": self.owners,
            "row_unit": self.row_unit,
            "row_part": self.row_part,
        }
        units = {name: sorted(docs) for name, docs in self.units.items()}
        return arrays, {"recurring": self.recurring, "units": units, "unit_names": self.unit_names}

    @classmethod
    def restore(cls, arrays: dict[str, np.ndarray], values: dict[str, Any]) -> Facets:
        """Facets saved with `state` (a saved index)."""
        facets = cls()
        facets.days, facets.owners = arrays["days"], arrays["owners"]
        facets.row_unit = arrays["row_unit"]
        facets.row_part = arrays["row_part"]
        facets.recurring = list(values["recurring"])
        facets.units = {name: set(docs) for name, docs in values["units"].items()}
        facets.unit_names = dict(values["unit_names"])
        return facets

    def _unit_id(self, unit: str) -> int:
        return self.unit_names.setdefault(self._fold(unit), len(self.unit_names))

    def rows_of_unit(self, unit: str) -> np.ndarray:
        """A mask over all rows: those whose unit's folded name contains these words."""
        wanted = " ".join(fold(unit).split())
        ids = [i for name, i in self.unit_names.items() if wanted and wanted in name]
        return np.isin(self.row_unit, np.asarray(ids, dtype=np.int32))

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
