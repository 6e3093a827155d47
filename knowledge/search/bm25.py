"""A compact BM25 index over integer term keys, built and queried with numpy only.

Rows are texts (sections, or document labels); terms are int64 keys (knowledge.postings
builds them). The whole index is four arrays: sorted term keys, posting offsets, row
ids and precomputed float16 scores; a query reads only the postings of its own terms.
bm25s builds its matrix with a Python loop per document and keeps float32 scores, too
slow and too large for 300,000 sections, which is the reason for this module.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

from knowledge.search.tokens import IdArray

FloatArray = npt.NDArray[np.float32]
IntArray = npt.NDArray[np.signedinteger[Any]]
K1 = 1.2
B = 0.75


def idf_of(df: IntArray, n_rows: int) -> FloatArray:
    """Lucene's BM25 idf, never negative: log(1 + (N - df + 0.5) / (df + 0.5))."""
    dff = df.astype(np.float32)
    return np.log1p((n_rows - dff + 0.5) / (dff + 0.5)).astype(np.float32)


def length_norm(lengths: IntArray) -> FloatArray:
    """k1 * (1 - b + b * length / average length) for every row."""
    lens = np.asarray(lengths, dtype=np.float32)
    avg = float(lens.mean()) if len(lens) and lens.mean() > 0 else 1.0
    return (K1 * (1 - B + B * lens / avg)).astype(np.float32)


def tf_part(tf: FloatArray, norm: FloatArray) -> FloatArray:
    """The term-frequency factor of BM25 (float16 scores keep three digits: plenty to rank)."""
    return tf * np.float32(K1 + 1) / (tf + norm)


class BM25Index:
    """Postings of term keys over rows, with BM25 (Lucene idf) scores precomputed."""

    def __init__(
        self,
        keys: IdArray,
        starts: IdArray,
        rows: npt.NDArray[np.int32],
        scores: npt.NDArray[np.float16],
        n_rows: int,
    ) -> None:
        self.keys = keys
        self.starts = starts
        self.rows = rows
        self.scores = scores
        self.n_rows = n_rows

    @classmethod
    def concat(cls, first: BM25Index, second: BM25Index) -> BM25Index:
        """One index from two over the same rows whose keys are disjoint and ordered."""
        starts = np.concatenate((first.starts[:-1], second.starts + len(first.rows)))
        return cls(
            np.concatenate((first.keys, second.keys)),
            starts,
            np.concatenate((first.rows, second.rows)),
            np.concatenate((first.scores, second.scores)),
            first.n_rows,
        )

    @property
    def nbytes(self) -> int:
        """Memory held by the arrays."""
        return sum(a.nbytes for a in (self.keys, self.starts, self.rows, self.scores))

    def _keyed_ranges(self, keys: list[int]) -> list[tuple[int, tuple[int, int]]]:
        """The posting range of each key the index holds, found in one search."""
        if not keys or not len(self.keys):
            return []
        pos = np.searchsorted(self.keys, np.asarray(keys, dtype=np.int64)).tolist()
        found = []
        for key, p in zip(keys, pos, strict=True):
            if p < len(self.keys) and int(self.keys[p]) == key:
                found.append((key, (int(self.starts[p]), int(self.starts[p + 1]))))
        return found

    def _ranges(self, keys: list[int]) -> list[tuple[int, int]]:
        if not keys or not len(self.keys):
            return []
        wanted = np.asarray(keys, dtype=np.int64)
        pos = np.searchsorted(self.keys, wanted)
        found: list[tuple[int, int]] = []
        for key, p in zip(keys, pos.tolist(), strict=True):
            if p < len(self.keys) and int(self.keys[p]) == key:
                found.append((int(self.starts[p]), int(self.starts[p + 1])))
        return found

    def scores_for(self, keys: list[int], weights: list[float] | None = None) -> FloatArray:
        """BM25 score of every row for these term keys (each weighted, default 1)."""
        total = np.zeros(self.n_rows, dtype=np.float32)
        weights = weights or [1.0] * len(keys)
        weight_of = dict(zip(keys, weights, strict=True))
        for key in keys:
            for lo, hi in self._ranges([key]):
                # Rows are unique within one posting list, so fancy-index += is exact.
                total[self.rows[lo:hi]] += self.scores[lo:hi] * np.float32(weight_of[key])
        return total

    def rows_of(self, key: int) -> npt.NDArray[np.int32]:
        """The rows holding a term, in order."""
        found = self._ranges([key])
        return self.rows[found[0][0] : found[0][1]] if found else self.rows[:0]

    def scores_within(
        self, keys: list[int], weights: list[float], lo: IntArray, hi: IntArray
    ) -> tuple[IntArray, FloatArray]:
        """Rows in [lo[i], hi[i]) (sorted, disjoint ranges: some documents' passages) that
        hold a term, and their scores: only those postings are read."""
        found_rows: list[IntArray] = []
        found_scores: list[FloatArray] = []
        weight_of = dict(zip(keys, weights, strict=True))
        for key, (a, b) in self._keyed_ranges(keys):
            weight = weight_of[key]
            rows = self.rows[a:b]
            start, end = np.split(np.searchsorted(rows, np.concatenate((lo, hi))), 2)
            sizes = end - start
            total = int(sizes.sum())
            if not total:
                continue
            # Positions start[i] .. end[i] of every range, in one array.
            at = np.repeat(start - np.cumsum(sizes) + sizes, sizes) + np.arange(total)
            found_rows.append(rows[at])
            found_scores.append(self.scores[a + at].astype(np.float32) * np.float32(weight))
        if not found_rows:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        unique, where = np.unique(np.concatenate(found_rows), return_inverse=True)
        sums = np.bincount(where, weights=np.concatenate(found_scores)).astype(np.float32)
        return unique.astype(np.int64), sums

    def df(self, key: int) -> int:
        """How many rows contain the term."""
        found = self._ranges([key])
        return found[0][1] - found[0][0] if found else 0


def top_k(scores: FloatArray, k: int) -> list[int]:
    """Indices of the k best positive scores, best first (ties by lower index)."""
    # Only the rows a query touched are partitioned: a few thousand of a million.
    positive = np.flatnonzero(scores > 0)
    k = min(k, len(positive))
    if k <= 0:
        return []
    values = scores[positive]
    part = positive[np.argpartition(-values, k - 1)[:k]] if k < len(positive) else positive
    order = np.lexsort((part, -scores[part]))  # best first, ties by lower index
    return [int(i) for i in part[order][:k]]
