"""Collects (term, row, frequency) postings chunk by chunk, then makes the BM25 index.

Memory is what limits a 10,000-document build (42 million tokens): each chunk of
sections is reduced at once to its distinct (term, row) pairs, packed with the term
frequency into one int64 (term << 31 | row << 8 | tf), so only postings, never tokens,
accumulate, copied into large slabs the OS takes back when freed. Sorting their
concatenation orders everything by term, then row.

Terms: a syllable's id (below PAIR_BASE), or PAIR_BASE + a dense id for each distinct
pair of adjacent syllables, numbered a chunk at a time (PairTable).
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
SLAB = 5 << 20  # postings per slab: 40 MB, above the 32 MB glibc heap ceiling: mmapped
BLOCK = 1 << 20  # postings scored per step: ~10 temporaries of this size are alive


class PairTable:
    """Pair keys (left * PAIR_BASE + right) and their dense ids, as two sorted arrays.

    Numbered with numpy a chunk at a time: a dict of millions of int pairs cost ~100
    bytes an entry and a Python call per distinct pair of every chunk; these arrays cost
    12 bytes an entry and are saved and memory-mapped with the rest of the index.
    """

    def __init__(self, keys: IdArray | None = None, dense: npt.NDArray[np.int32] | None = None):
        self.keys = keys if keys is not None else np.zeros(0, dtype=np.int64)
        self.dense = dense if dense is not None else np.zeros(0, dtype=np.int32)

    def __len__(self) -> int:
        return len(self.keys)

    def number(self, distinct: IdArray) -> IdArray:
        """Dense ids of these sorted distinct pair keys, numbering the new ones."""
        at = np.searchsorted(self.keys, distinct)
        known = at < len(self.keys)
        known[known] = self.keys[at[known]] == distinct[known]
        fresh = distinct[~known]
        ids = np.arange(len(self.keys), len(self.keys) + len(fresh), dtype=np.int32)
        where = at[~known]
        self.keys = np.insert(self.keys, where, fresh)
        self.dense = np.insert(self.dense, where, ids)
        return self.dense[np.searchsorted(self.keys, distinct)].astype(np.int64)

    def get(self, key: int) -> int | None:
        """The dense id of a pair key, None when unknown."""
        at = int(np.searchsorted(self.keys, key))
        if at < len(self.keys) and int(self.keys[at]) == key:
            return int(self.dense[at])
        return None


def pair_term(pair_ids: PairTable, left: int, right: int) -> int | None:
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

    def __init__(self, pairs: PairTable | None = None) -> None:
        # Shared by the indexes of one library so a query's pair has one term everywhere.
        self.pairs = pairs if pairs is not None else PairTable()
        self._syllables = _Slabs()
        self._pairs = _Slabs()
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
        dense = self.pairs.number(distinct)
        self._pairs.append(_pack(PAIR_BASE + dense[inverse], rows[1:][same]))
        self._lengths.append(counts)
        self.n_rows += len(counts)

    def build(self) -> BM25Index:
        """The BM25 index of everything added (the chunks are released on the way)."""
        lengths = np.concatenate(self._lengths) if self._lengths else np.zeros(0, np.int64)
        sizes = [self._syllables.size, self._pairs.size]
        # Both halves are scored straight into the final arrays: concatenating two built
        # indexes would hold every posting twice, the peak of a 10,000-document build.
        rows = np.empty(sum(sizes), dtype=np.int32)
        scores = np.empty(sum(sizes), dtype=np.float16)
        keys: list[IdArray] = []
        starts: list[IdArray] = []
        at = 0
        for slabs, size in zip((self._syllables, self._pairs), sizes, strict=True):
            packed = slabs.drain()
            packed.sort()  # in place: plain integers need no stable sort and its n/2 buffer
            part_keys, part_starts = _index(packed, lengths, rows[at:], scores[at:])
            del packed
            keys.append(part_keys)
            starts.append(part_starts[:-1] + at)
            at += size
        starts.append(np.full(1, at, dtype=np.int64))
        return BM25Index(np.concatenate(keys), np.concatenate(starts), rows, scores, len(lengths))


class _Slabs:
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


def _index(
    packed: IdArray,
    lengths: npt.NDArray[np.int64],
    rows: npt.NDArray[np.int32],
    scores: npt.NDArray[np.float16],
) -> tuple[IdArray, IdArray]:
    """Score sorted packed postings into rows/scores block by block (temporaries stay
    small); returns the term keys and their posting offsets."""
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
    for lo in range(0, n, BLOCK):
        hi = min(n, lo + BLOCK)
        block = packed[lo:hi]
        rows[lo:hi] = (block >> TF_BITS) & _ROW_MASK
        tf = (block & _TF_MAX).astype(np.float32)
        term = np.searchsorted(starts, np.arange(lo, hi), side="right") - 1
        scores[lo:hi] = idf[term] * tf_part(tf, norm[rows[lo:hi]])
    return keys, starts
