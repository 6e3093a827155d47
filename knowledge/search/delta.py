"""A saved base index plus the documents stored since: searchable without a full rebuild.

A full build of 10,000 documents takes 6-8 s; a process that finds a saved base index
and a few new documents (another process ingested them) only indexes those:
- their passages and document rows become a small second tier (`TieredIndex`) after the
  base's rows, scored with the base's statistics (idf of base + new rows, the base's
  average lengths), so a new document ranks as it would in a rebuilt index, closely;
- the base's arrays are never copied: they stay memory-mapped and shared;
- the catalogue and the labels index (one row per catalogue entry, a few thousand short
  texts) are rebuilt whole, as a restored index does anyway.
Storage decides when the tier has grown enough to save a new base.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

import numpy as np

from knowledge.search.bm25 import K1 as BM25_K1
from knowledge.search.bm25 import B as BM25_B
from knowledge.search.bm25 import BM25Index, FloatArray, IntArray, idf_of, tf_part
from knowledge.search.facets import Facets
from knowledge.search.library import Library, LibraryParts
from knowledge.search.library_doc import DocInput
from knowledge.search.postings import (
    PAIRABLE,
    TF_BITS,
    Encoder,
    PostingsBuilder,
    syllable_terms,
)
from knowledge.search.tokens import IdArray, Vocabulary


@dataclass
class Lengths:
    """Average lengths (syllables) of a library's passages and documents: BM25's norms."""

    passage: float = 1.0
    document: float = 1.0


class LengthTally:
    """Counts syllables, passages and documents of stored inputs as a build streams them."""

    def __init__(self) -> None:
        self.tokens = 0
        self.passages = 0
        self.docs = 0

    def wrap(self, inputs: Iterable[DocInput]) -> Iterator[DocInput]:
        """The same inputs, counted on the way."""
        for item in inputs:
            self.docs += 1
            if item.tokens is not None:
                self.tokens += len(item.tokens[0])
                self.passages += len(item.tokens[1])
            yield item

    def lengths(self) -> Lengths:
        """The averages counted so far (1.0 when nothing was counted)."""
        return Lengths(
            self.tokens / self.passages if self.passages and self.tokens else 1.0,
            self.tokens / self.docs if self.docs and self.tokens else 1.0,
        )


class TieredIndex(BM25Index):
    """A base index and the postings of rows added after it, searched as one index."""

    def __init__(self, base: BM25Index, extra: BM25Index) -> None:
        super().__init__(base.keys, base.starts, base.rows, base.scores, extra.n_rows)
        self.base = base
        self.extra = extra  # rows numbered after the base's, n_rows the total

    @property
    def nbytes(self) -> int:
        """Memory held by both tiers' arrays."""
        return self.base.nbytes + self.extra.nbytes

    def scores_for(self, keys: list[int], weights: list[float] | None = None) -> FloatArray:
        """BM25 score of every row of both tiers."""
        total = self.extra.scores_for(keys, weights)
        total[: self.base.n_rows] += self.base.scores_for(keys, weights)
        return total

    def rows_of(self, key: int) -> np.ndarray:
        """The rows holding a term, in order (the base's rows come first)."""
        return np.concatenate((self.base.rows_of(key), self.extra.rows_of(key)))

    def scores_within(
        self, keys: list[int], weights: list[float], lo: IntArray, hi: IntArray
    ) -> tuple[IntArray, FloatArray]:
        """Rows in the ranges that hold a term, and their scores, from both tiers."""
        rows_a, scores_a = self.base.scores_within(keys, weights, lo, hi)
        rows_b, scores_b = self.extra.scores_within(keys, weights, lo, hi)
        return np.concatenate((rows_a, rows_b)), np.concatenate((scores_a, scores_b))

    def df(self, key: int) -> int:
        """How many rows of both tiers contain the term."""
        return self.base.df(key) + self.extra.df(key)


def extend(
    base: Library,
    inputs: Iterable[DocInput],
    vocabulary: Callable[[], Vocabulary],
    lengths: Lengths,
) -> Library:
    """The base library plus these documents (stored term ids, ids after the base's).

    `vocabulary` reads the stored words; the base is not changed (it may be serving).
    """
    items = list(inputs)
    if not items:
        return base
    words = dict(base.vocab.ids)
    dense = _dense_ids(items, vocabulary(), words)
    ids = [dense(item.tokens[0]) if item.tokens is not None else _EMPTY for item in items]
    counts = [item.tokens[1] if item.tokens is not None else _EMPTY for item in items]
    per_doc = np.asarray([len(c) for c in counts], dtype=np.int64)
    row_start = np.concatenate((base.row_start, base.row_start[-1] + np.cumsum(per_doc)))
    all_ids = np.concatenate(ids) if ids else _EMPTY
    all_counts = np.concatenate(counts) if counts else _EMPTY
    passages = TieredIndex(
        base.passages, _tier(base.passages, all_ids, all_counts, lengths.passage, pairs=True)
    )
    doc_lengths = np.asarray([int(c.sum()) for c in counts], dtype=np.int64)
    documents = TieredIndex(
        base.documents, _tier(base.documents, all_ids, doc_lengths, lengths.document, pairs=False)
    )
    facets = _facets(base.facets, items, per_doc, len(base.docs))
    library = Library.restore(
        LibraryParts(
            [*base.docs, *(item.doc for item in items)],
            Vocabulary.of_ids(words),
            facets,
            row_start,
            passages,
            base.labels,
            documents,
        )
    )
    labels = Encoder(library.vocab, PostingsBuilder())
    labels.add_texts(library.catalogue.labels)
    labels.finish()
    library.labels = labels.postings.build()
    return library


_EMPTY = np.zeros(0, dtype=np.int64)
TF_MAX = (1 << TF_BITS) - 1  # as a full build: frequencies above it score as it


def _dense_ids(
    items: list[DocInput], stored: Vocabulary, words: dict[str, int]
) -> Callable[[IdArray], IdArray]:
    """Maps stored term ids to the base's dense ids, numbering new words after them
    (`words` gains them)."""
    present = [item.tokens[0] for item in items if item.tokens is not None]
    wanted = np.unique(np.concatenate(present)) if present else _EMPTY
    word_of = {i: w for w, i in stored.ids.items()}
    following = max(words.values(), default=-1) + 1
    mapped = np.empty(len(wanted), dtype=np.int64)
    for k, stored_id in enumerate(wanted.tolist()):
        word = word_of.get(stored_id)
        if word is None:  # a term id without its word: never matches a query
            word = f"\x00{stored_id}"
        found = words.get(word)
        if found is None:
            found = words[word] = following
            following += 1
        mapped[k] = found

    def dense(stored_ids: IdArray) -> IdArray:
        return mapped[np.searchsorted(wanted, stored_ids)] if len(stored_ids) else stored_ids

    return dense


def _tier(base: BM25Index, ids: IdArray, counts: IdArray, average: float, pairs: bool) -> BM25Index:
    """The postings of rows after the base's, scored with the base's statistics."""
    first = base.n_rows
    n_rows = first + len(counts)
    rows = np.repeat(np.arange(first, n_rows, dtype=np.int64), counts)
    terms = syllable_terms(ids)
    if pairs and len(ids) > 1:
        left, right = ids[:-1], ids[1:]
        keep = (rows[1:] == rows[:-1]) & (left < PAIRABLE) & (right < PAIRABLE)
        terms = np.concatenate((terms, PAIRABLE + left[keep] * PAIRABLE + right[keep]))
        rows = np.concatenate((rows, rows[1:][keep]))
    order = np.lexsort((rows, terms))
    terms, rows = terms[order], rows[order]
    change = np.flatnonzero((terms[1:] != terms[:-1]) | (rows[1:] != rows[:-1])) + 1
    heads = np.concatenate(([0], change)) if len(terms) else _EMPTY
    tf = np.minimum(np.diff(np.concatenate((heads, [len(terms)]))), TF_MAX).astype(np.float32)
    terms, rows = terms[heads], rows[heads]
    key_heads = np.flatnonzero(np.diff(terms, prepend=-1)) if len(terms) else _EMPTY
    keys = terms[key_heads]
    starts = np.concatenate((key_heads, [len(terms)])).astype(np.int64)
    df = np.diff(starts) + _base_df(base, keys)
    idf = idf_of(df, n_rows)
    norm = BM25_K1 * (1 - BM25_B + BM25_B * counts.astype(np.float32) / max(average, 1e-6))
    term_of = np.repeat(np.arange(len(keys)), np.diff(starts))
    scores = idf[term_of] * tf_part(tf, norm[rows - first].astype(np.float32))
    return BM25Index(keys, starts, rows.astype(np.int32), scores.astype(np.float16), n_rows)


def _base_df(base: BM25Index, keys: IdArray) -> IdArray:
    """How many base rows hold each of these keys (0 for keys the base lacks)."""
    if not len(base.keys) or not len(keys):
        return np.zeros(len(keys), dtype=np.int64)
    at = np.minimum(np.searchsorted(base.keys, keys), len(base.keys) - 1)
    found = base.keys[at] == keys
    return np.where(found, base.starts[at + 1] - base.starts[at], 0).astype(np.int64)


def _facets(base: Facets, items: list[DocInput], per_doc: IdArray, offset: int) -> Facets:
    """The base's facets followed by the new documents' (their indices after the base's)."""
    added = Facets()
    added.unit_names = dict(base.unit_names)  # unit ids stay those of the base rows
    for item, rows in zip(items, per_doc.tolist(), strict=True):
        added.add(item.facts, rows)
    added.finish()
    days = np.concatenate((base.days, added.days))
    owners = np.concatenate((base.owners, added.owners + offset))
    order = np.argsort(days, kind="stable")
    units = {name: set(docs) for name, docs in base.units.items()}
    for name, docs in added.units.items():
        units.setdefault(name, set()).update(i + offset for i in docs)
    values = {
        "recurring": [*base.recurring, *(i + offset for i in added.recurring)],
        "units": units,
        "unit_names": added.unit_names,
    }
    arrays: dict[str, np.ndarray] = {
        "days": days[order],
        "owners": owners[order],
        "row_unit": np.concatenate((base.row_unit, added.row_unit)),
        "row_part": np.concatenate((base.row_part, added.row_part)),
    }
    return Facets.restore(arrays, values)
