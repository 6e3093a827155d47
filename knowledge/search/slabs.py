"""Sorted chunks of postings kept in large arrays the OS takes back when they are freed."""

from __future__ import annotations

import numpy as np

from knowledge.search.tokens import IdArray

SLAB = 5 << 20  # postings per slab: 40 MB, above the 32 MB glibc heap ceiling: mmapped


class Slabs:
    """Sorted chunks copied end to end into 40 MB arrays.

    Kept as they come, the chunks (a few MB each) would sit in the malloc heap, which
    glibc never returns to the OS while anything above them lives: the final merge then
    held them and their merged copy at once. Slabs are mmapped and leave RSS when freed.
    """

    def __init__(self) -> None:
        self._full: list[IdArray] = []
        self._current = np.empty(0, dtype=np.int64)
        self._used = 0
        self.size = 0

    def append(self, chunk: IdArray) -> None:
        """Copy a chunk after the previous ones."""
        at = 0
        while at < len(chunk):
            if self._used == len(self._current):
                if len(self._current):
                    self._full.append(self._current)
                self._current, self._used = np.empty(SLAB, dtype=np.int64), 0
            take = min(len(chunk) - at, len(self._current) - self._used)
            self._current[self._used : self._used + take] = chunk[at : at + take]
            self._used += take
            at += take
        self.size += len(chunk)

    def drain(self) -> IdArray:
        """Everything in one array, each slab released once copied: the peak is one copy."""
        packed = np.empty(self.size, dtype=np.int64)
        parts = [*self._full, self._current[: self._used]]
        self._full, self._current, self._used = [], np.empty(0, dtype=np.int64), 0
        parts.reverse()
        at = 0
        while parts:
            part = parts.pop()
            packed[at : at + len(part)] = part
            at += len(part)
            del part
        return packed
