"""Collects (term, row, frequency) postings chunk by chunk, then makes the BM25 index.

Memory is what limits a 10,000-document build (42 million tokens): each chunk of
sections is reduced at once to its distinct (term, row) pairs, packed with the term
frequency into one int64 (term << 31 | row << 8 | tf), so only postings, never tokens,
accumulate. Each chunk's array is sorted; a stable sort of their concatenation (timsort
merging sorted runs) orders everything by term, then row.

Terms: a syllable's id (below PAIR_BASE), or PAIR_BASE + a dense id for each distinct
pair of adjacent syllables, numbered as pairs first appear.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from knowledge.bm25 import BM25Index, IntArray, idf_of, length_norm, tf_part
from knowledge.tokens import IdArray

TF_BITS = 8
ROW_BITS = 23  # up to 8 million sections
TERM_SHIFT = ROW_BITS + TF_BITS
PAIR_BASE = 1 << 24  # syllable ids stay below; pair terms start here
_ROW_MASK = (1 << ROW_BITS) - 1
_TF_MAX = (1 << TF_BITS) - 1
BLOCK = 1 << 22  # postings scored per step of the final pass


def pair_term(pair_ids: dict[int, int], left: int, right: int) -> int | None:
    """The term of two adjacent syllable ids, None if the library never had the pair."""
    dense = pair_ids.get(left * PAIR_BASE + right)
    return None if dense is None else PAIR_BASE + dense


def _pack(terms: IdArray, rows: IntArray) -> IdArray:
    """Distinct (term, row) of one chunk with their counts, packed and sorted."""
    packed = terms << TERM_SHIFT
    packed |= rows.astype(np.int64) << TF_BITS
    unique, counts = np.unique(packed, return_counts=True)
    unique |= np.minimum(counts, _TF_MAX)
    return unique


class PostingsBuilder:
    """Accumulates the postings of syllables and syllable pairs, one chunk at a time."""

    def __init__(self, pair_ids: dict[int, int] | None = None) -> None:
        # Shared by the indexes of one library so a query's pair has one term everywhere.
        self.pair_ids: dict[int, int] = pair_ids if pair_ids is not None else {}
        self._syllables: list[IdArray] = []
        self._pairs: list[IdArray] = []
        self._lengths: list[IntArray] = []
        self.n_rows = 0

    def add(self, ids: IdArray, counts: IntArray) -> None:
        """Add a chunk: syllable ids of its rows, concatenated, and each row's length."""
        if len(counts) == 0:
            return
        if self.n_rows + len(counts) > _ROW_MASK or (len(ids) and int(ids.max()) >= PAIR_BASE):
            raise ValueError("library too large for the packed postings")
        rows = np.repeat(np.arange(self.n_rows, self.n_rows + len(counts), dtype=np.int64), counts)
        self._syllables.append(_pack(ids.astype(np.int64), rows))
        same = rows[1:] == rows[:-1]
        raw = ids[:-1][same].astype(np.int64) * PAIR_BASE + ids[1:][same]
        distinct = np.unique(raw)
        inverse = np.searchsorted(distinct, raw)  # cheaper than unique's own inverse
        pair_ids = self.pair_ids
        dense = np.fromiter(
            (pair_ids.setdefault(k, len(pair_ids)) for k in distinct.tolist()),
            dtype=np.int64,
            count=len(distinct),
        )
        self._pairs.append(_pack(PAIR_BASE + dense[inverse], rows[1:][same]))
        self._lengths.append(counts)
        self.n_rows += len(counts)

    def build(self) -> BM25Index:
        """The BM25 index of everything added (the chunks are released on the way)."""
        lengths = np.concatenate(self._lengths) if self._lengths else np.zeros(0, np.int64)
        parts = []
        for chunks in (self._syllables, self._pairs):
            packed = _drain(chunks)
            packed.sort(kind="stable")
            parts.append(_index(packed, lengths))
            del packed
        return BM25Index.concat(parts[0], parts[1])


def _drain(chunks: list[IdArray]) -> IdArray:
    """Concatenate while releasing each chunk: the peak is one copy, not two."""
    packed = np.empty(sum(len(c) for c in chunks), dtype=np.int64)
    at = 0
    chunks.reverse()
    while chunks:
        chunk = chunks.pop()
        packed[at : at + len(chunk)] = chunk
        at += len(chunk)
    return packed


def _index(packed: IdArray, lengths: npt.NDArray[np.int64]) -> BM25Index:
    """Score sorted packed postings block by block, so temporaries stay small."""
    n = len(packed)
    edges = [np.zeros(1, dtype=np.int64)]
    for lo in range(0, n, BLOCK):
        terms = packed[lo : min(n, lo + BLOCK + 1)] >> TERM_SHIFT
        edges.append(np.flatnonzero(terms[1:] != terms[:-1]) + (lo + 1))
    edges.append(np.full(1, n, dtype=np.int64))
    starts = np.unique(np.concatenate(edges)) if n else np.zeros(1, dtype=np.int64)
    keys = packed[starts[:-1]] >> TERM_SHIFT
    idf = idf_of(np.diff(starts), len(lengths))
    norm = length_norm(lengths)
    rows = np.empty(n, dtype=np.int32)
    scores = np.empty(n, dtype=np.float16)
    for lo in range(0, n, BLOCK):
        hi = min(n, lo + BLOCK)
        block = packed[lo:hi]
        rows[lo:hi] = (block >> TF_BITS) & _ROW_MASK
        tf = (block & _TF_MAX).astype(np.float32)
        term = np.searchsorted(starts, np.arange(lo, hi), side="right") - 1
        scores[lo:hi] = idf[term] * tf_part(tf, norm[rows[lo:hi]])
    return BM25Index(keys, starts, rows, scores, len(lengths))
