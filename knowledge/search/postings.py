"""Collects (term, row, frequency) postings chunk by chunk, then makes the BM25 index.

Memory is what limits a 10,000-document build (30 million postings): each chunk of
sections is reduced at once to its distinct (term, row) pairs, packed with the term
frequency into one int64 (term << 28 | row << 6 | tf), so only postings, never tokens,
accumulate, copied into large slabs the OS takes back when freed. Sorting their
concatenation orders everything by term, then row.

Terms are computed, never looked up (so no pair table is built, saved or searched):
- a syllable id below PAIRABLE is its own term;
- two adjacent syllables a, b (both below PAIRABLE) are PAIRABLE + a * PAIRABLE + b;
- a rarer syllable (id at or above PAIRABLE) is RARE_BASE + id, above every pair; its
  pairs are not indexed. Ids are dense per library (stored term ids are renumbered in
  the order they are met, DenseIds), so that takes 131,072 distinct words in one library.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from knowledge.search.bm25 import BM25Index, IntArray, idf_of, length_norm, tf_part
from knowledge.search.library_doc import DocInput
from knowledge.search.slabs import Slabs
from knowledge.search.tokens import IdArray, Vocabulary

TF_BITS = 6  # frequencies above 63 score as 63: BM25 has saturated long before
ROW_BITS = 22  # up to 4 million sections (125,000 directives of 30 sections)
TERM_SHIFT = ROW_BITS + TF_BITS
PAIRABLE = 1 << 17
RARE_BASE = PAIRABLE + PAIRABLE * PAIRABLE
MAX_ID = (1 << (63 - TERM_SHIFT)) - RARE_BASE  # packed postings stay positive int64
_ROW_MASK = (1 << ROW_BITS) - 1
_TF_MAX = (1 << TF_BITS) - 1
BLOCK = 1 << 18  # postings scored per step: ~10 temporaries of this size are alive
CHUNK = 5_000  # sections added per pass: bounds the temporary memory
PARTS = 8  # term ranges sorted and scored one at a time


def syllable_terms(ids: IdArray) -> IdArray:
    """The terms of syllable ids."""
    return np.where(ids < PAIRABLE, ids, ids + RARE_BASE)


def syllable_term(syllable_id: int) -> int:
    """The term of one syllable id."""
    return syllable_id if syllable_id < PAIRABLE else syllable_id + RARE_BASE


def pair_term(left: int, right: int) -> int | None:
    """The term of two adjacent syllable ids (None for a pair that is never indexed)."""
    if left >= PAIRABLE or right >= PAIRABLE:
        return None
    return PAIRABLE + left * PAIRABLE + right


def _pack(terms: IdArray, rows: IntArray) -> IdArray:
    """Distinct (term, row) of one chunk with their counts, packed and sorted."""
    packed = terms << TERM_SHIFT
    packed |= rows.astype(np.int64) << TF_BITS
    unique, counts = np.unique(packed, return_counts=True)
    unique |= np.minimum(counts, _TF_MAX)
    return unique


class PostingsBuilder:
    """Accumulates the postings of syllables and syllable pairs, one chunk at a time.

    Postings are kept in PARTS ranges of terms (cut where the first chunk's terms have
    their quantiles), so the build sorts and scores one part at a time: its peak is the
    postings plus one part, not plus half of them.
    """

    def __init__(self) -> None:
        self._parts: list[Slabs] = []
        self._cuts = np.zeros(0, dtype=np.int64)  # packed values where parts 1.. start
        self._lengths: list[IntArray] = []
        self.n_rows = 0

    def add(self, ids: IdArray, counts: IntArray, pairs: bool = True) -> None:
        """Add a chunk: syllable ids of its rows, concatenated, and each row's length
        (with `pairs`, adjacent syllables of a row are terms too)."""
        if len(counts) == 0:
            return
        if self.n_rows + len(counts) > _ROW_MASK or (len(ids) and int(ids.max()) >= MAX_ID):
            raise ValueError("library too large for the packed postings")
        rows = np.repeat(np.arange(self.n_rows, self.n_rows + len(counts), dtype=np.int64), counts)
        if pairs:
            left, right = ids[:-1], ids[1:]
            keep = (rows[1:] == rows[:-1]) & (left < PAIRABLE) & (right < PAIRABLE)
            joined = PAIRABLE + left[keep] * PAIRABLE + right[keep]
            terms = np.concatenate((syllable_terms(ids), joined))
            packed = _pack(terms, np.concatenate((rows, rows[1:][keep])))
        else:
            packed = _pack(syllable_terms(ids), rows)
        if not self._parts:
            self._cuts = _cuts(packed)
            self._parts = [Slabs() for _ in range(len(self._cuts) + 1)]
        pieces = np.split(packed, np.searchsorted(packed, self._cuts))
        for part, piece in zip(self._parts, pieces, strict=True):
            part.append(piece)
        self._lengths.append(counts)
        self.n_rows += len(counts)

    def build(self) -> BM25Index:
        """The BM25 index of everything added (the chunks are released on the way)."""
        lengths = np.concatenate(self._lengths) if self._lengths else np.zeros(0, np.int64)
        total = sum(part.size for part in self._parts)
        # Each part is scored straight into the final arrays: concatenating built parts
        # would hold every posting twice, the peak of a 10,000-document build.
        rows = np.empty(total, dtype=np.int32)
        scores = np.empty(total, dtype=np.float16)
        keys: list[IdArray] = [np.zeros(0, dtype=np.int64)]
        starts: list[IdArray] = []
        at = 0
        parts, self._parts = self._parts, []
        for part in parts:
            size = part.size
            packed = part.drain()
            packed.sort()  # in place: plain integers need no stable sort and its n/2 buffer
            part_keys, part_starts = _index(packed, lengths, rows[at:], scores[at:])
            del packed
            keys.append(part_keys)
            starts.append(part_starts[:-1] + at)
            at += size
        starts.append(np.full(1, at, dtype=np.int64))
        return BM25Index(np.concatenate(keys), np.concatenate(starts), rows, scores, len(lengths))


def _cuts(packed: IdArray) -> IdArray:
    """Where parts start: term boundaries at quantiles of one sorted chunk's postings."""
    if not len(packed):
        return np.zeros(0, dtype=np.int64)
    at = np.linspace(0, len(packed) - 1, PARTS + 1).astype(np.int64)[1:-1]
    terms = np.unique(packed[at] >> TERM_SHIFT)
    # A term never straddles two parts, so each part's keys and offsets are its own.
    return terms[terms > (packed[0] >> TERM_SHIFT)] << TERM_SHIFT


class Encoder:
    """Feeds documents to postings a chunk at a time: texts are tokenised here, stored
    term ids are used as they are (one library uses one kind, never both)."""

    def __init__(
        self,
        vocab: Vocabulary,
        postings: PostingsBuilder,
        documents: PostingsBuilder | None = None,
    ) -> None:
        self.vocab = vocab
        self.postings = postings
        self.documents = documents  # one row per document: its passages' syllables
        self._chunk_docs: list[int] = []
        self.per_doc: list[int] = []
        self._texts: list[str] = []
        self._ids: list[IdArray] = []
        self._counts: list[IdArray] = []
        self._pending = 0
        self._kind = ""
        self.dense = DenseIds()

    def add(self, item: DocInput) -> None:
        """Queue one document's sections."""
        if item.tokens is None:
            self.add_texts(item.texts)
            return
        self._check("tokens")
        ids, counts = item.tokens
        self._ids.append(ids)
        self._counts.append(counts)
        self._queued(len(counts))

    def add_texts(self, texts: list[str]) -> None:
        """Queue texts to tokenise (one document's sections, or the catalogue's labels)."""
        self._check("texts")
        self._texts.extend(texts)
        self._queued(len(texts))

    def _check(self, kind: str) -> None:
        if self._kind and self._kind != kind:
            raise ValueError("a library is built from texts or from stored tokens, not both")
        self._kind = kind

    def _queued(self, n: int) -> None:
        self.per_doc.append(n)
        self._chunk_docs.append(n)
        self._pending += n
        if self._pending >= CHUNK:
            self._flush()

    def _flush(self) -> None:
        ids, counts = np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        if self._texts:
            ids, counts = self.vocab.encode_many(self._texts)
        elif self._ids:
            ids, counts = self.dense(np.concatenate(self._ids)), np.concatenate(self._counts)
        if len(counts):
            self.postings.add(ids, counts)
        if self.documents is not None and self._chunk_docs:
            # A document's row holds all its passages' syllables: the sums of their counts.
            ends = np.cumsum(np.asarray(self._chunk_docs, dtype=np.int64))
            cumulative = np.concatenate(([0], np.cumsum(counts, dtype=np.int64)))
            lengths = np.diff(np.concatenate(([0], cumulative[ends])))
            self.documents.add(ids, lengths, pairs=False)
        self._texts, self._ids, self._counts, self._pending = [], [], [], 0
        self._chunk_docs = []

    def finish(self) -> list[int]:
        """Flush what is queued; how many sections each document had."""
        self._flush()
        return self.per_doc

    def vocabulary(self, stored: Vocabulary | None) -> Vocabulary:
        """The library's vocabulary: the texts' own, or the stored one renumbered."""
        if self._kind != "tokens":
            return self.vocab
        if stored is None:
            raise ValueError("stored term ids need the stored vocabulary to be searchable")
        return self.dense.vocabulary(stored)


class DenseIds:
    """Renumbers stored term ids densely, in the order a library meets them.

    Stored ids count every word ever stored (replaced versions included) and have gaps
    on PostgreSQL; dense ids keep the common words below PAIRABLE, as a build from
    texts does, so both builds index the same pairs.
    """

    def __init__(self) -> None:
        self._map = np.zeros(0, dtype=np.int64)
        self.size = 0

    def __call__(self, ids: IdArray) -> IdArray:
        """The dense ids of these stored ids, numbering the ones not met before."""
        if not len(ids):
            return ids
        top = int(ids.max())
        if top >= len(self._map):
            grown = np.full(max(top + 1, 2 * len(self._map)), -1, dtype=np.int64)
            grown[: len(self._map)] = self._map
            self._map = grown
        fresh = np.unique(ids[self._map[ids] < 0])
        self._map[fresh] = np.arange(self.size, self.size + len(fresh), dtype=np.int64)
        self.size += len(fresh)
        return self._map[ids]

    def vocabulary(self, stored: Vocabulary) -> Vocabulary:
        """The stored words this library met, with their dense ids."""
        known = len(self._map)
        return Vocabulary.of_ids(
            {w: int(self._map[i]) for w, i in stored.ids.items() if i < known and self._map[i] >= 0}
        )


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
