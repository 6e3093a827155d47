"""Queries on the passage index: passages that fit a question, documents ranked by them.

Scoring every passage of a large library costs a pass over the postings of every query
word, and the common ones ("báo cáo") are held by a third of a million passages. Beyond
FULL_SCAN documents the query runs in two steps: the documents index (one row per
document: all its syllables) picks the CANDIDATES documents that fit best, then only
their passages are scored, reading just the postings inside their rows. A smaller
library is scored whole, exactly.

Documents are ranked by their best passage plus SECOND times their second best: one
paragraph that says it all wins, and a document that says it twice wins a tie. A title
(label) that fits lifts its document's passages; a number the question names lifts the
documents citing it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from knowledge.search.bm25 import BM25Index, FloatArray, IntArray, top_k
from knowledge.search.library_doc import LibraryDoc, PassageHit
from knowledge.search.postings import PAIRABLE, RARE_BASE, pair_term, syllable_term
from knowledge.search.tokens import Vocabulary, syllables
from knowledge.vi.docnumbers import find_numbers, number_key

if TYPE_CHECKING:
    from knowledge.search.facets import Facets
    from knowledge.search.lookup import Catalogue

MAX_QUESTION = 2_000  # characters of a question that are searched
LABEL_WEIGHT = 0.3  # how much a title match lifts the passages of that document
CITE_BOOST = 1.5  # a question naming a number lifts the documents that cite it
NARROW = 64  # up to this many documents, score their passages only
PAIR_WEIGHT = 0.2  # a pair of syllables also counts its two syllables: a light extra
SECOND = 0.3  # weight of a document's second-best passage in its rank
RANKED_ROWS = 2_000  # best passages a document ranking reads
FULL_SCAN = 1_500  # up to this many documents every passage is scored
CANDIDATES = 200  # beyond, the passages of this many best-fitting documents are scored
LOOKUP_DOCS = 12  # documents whose passages a lookup by words scores
# Words after a number that make it a quantity ("6 tháng"), not a name ("Kế hoạch 6").
QUANTITY_UNITS = frozenset(("thang", "ngay", "nam", "tuan", "quy", "gio", "lan", "nguoi"))
Sparse = tuple[IntArray, FloatArray]  # rows that fit, and their scores


class Retrieval:
    """The query side of knowledge.search.library.Library (its index's fields below)."""

    docs: list[LibraryDoc]
    vocab: Vocabulary
    facets: Facets
    catalogue: Catalogue
    row_start: npt.NDArray[Any]
    row_doc: npt.NDArray[np.int32]
    passages: BM25Index
    labels: BM25Index
    documents: BM25Index
    _by_id: dict[int, int]
    _entry_doc: npt.NDArray[np.int64]
    _citing: dict[str, list[LibraryDoc]]

    @property
    def is_empty(self) -> bool:
        """Whether no document has been loaded (or none of this department's)."""
        allowed = getattr(self, "allowed", None)
        return not self.docs or (allowed is not None and not allowed.any())

    def terms(self, text: str) -> tuple[list[int], list[float]]:
        """Term keys of a query and their weights (syllables 1, pairs PAIR_WEIGHT).

        A quantity ("6 tháng", "10 ngày") counts as its pair only: alone, "6" would match
        every "Kế hoạch số 6" and "ngày 6".
        """
        words = syllables(text[:MAX_QUESTION])
        ids = [self.vocab.id_of(w) for w in words]
        alone = [
            i
            for i, w, after in zip(ids, words, [*words[1:], ""][: len(words)], strict=True)
            if i is not None and not (w.isdigit() and after in QUANTITY_UNITS)
        ]
        weights = dict.fromkeys((syllable_term(i) for i in alone), 1.0)
        for a, b in zip(ids, ids[1:], strict=False):
            if a is not None and b is not None:
                term = pair_term(a, b)
                if term is not None:
                    weights.setdefault(term, PAIR_WEIGHT)
        return list(weights), list(weights.values())

    def search(
        self, query: str, k: int = 5, doc_ids: set[int] | None = None, unit: str | None = None
    ) -> list[PassageHit]:
        """The k passages that best fit the query (BM25), optionally within some documents,
        or only passages assigned to a unit ("Ban Tuyên giáo": its unit blocks)."""
        keys, weights = self.terms(query)
        if not keys or self.is_empty:
            return []
        owned, cited = self._numbers(query)
        if doc_ids is None and owned and unit is None:
            doc_ids = {self.docs[i].id for i in owned}
        wanted = self._wanted(doc_ids)
        if wanted is not None and len(wanted) <= NARROW and unit is None:
            return self._search_in(keys, weights, wanted, k)
        rows, scores = self._scored(keys, weights, cited, wanted, unit)
        hits = (self._hit(int(rows[i]), float(scores[i])) for i in top_k(scores, k))
        return [h for h in hits if h is not None]

    def rank_docs(
        self, query: str, k: int = 10, doc_ids: set[int] | None = None
    ) -> list[tuple[LibraryDoc, float]]:
        """Documents by their best passage plus SECOND times their second best, best first."""
        keys, weights = self.terms(query)
        if not keys or self.is_empty:
            return []
        owned, cited = self._numbers(query)
        if doc_ids is None and owned:
            doc_ids = {self.docs[i].id for i in owned}
        wanted = self._wanted(doc_ids)
        if wanted is not None and len(wanted) <= NARROW:
            # A department's few documents: their passages only, lifted as a whole
            # library's are (a title that fits, a number cited), so both rank alike.
            rows, scores = self._within(keys, weights, wanted)
            ranked = self._aggregate(rows, self._lifted(keys, cited, rows, scores))
        else:
            ranked = self._aggregate(*self._scored(keys, weights, cited, wanted, None))
        return [(self.docs[d], score) for d, score in ranked[:k]]

    def docs_by_words(self, text: str, k: int = 5) -> list[tuple[LibraryDoc, float]]:
        """Documents ranked by their passages, among the LOOKUP_DOCS whose words (all their
        passages together) fit a text best: quick enough for every lookup by words."""
        keys, weights = self.terms(text)
        single = [(key, w) for key, w in zip(keys, weights, strict=True) if _syllable(key)]
        if not single or self.is_empty:
            return []
        scores = self.documents.scores_for([key for key, _ in single], [w for _, w in single])
        allowed = getattr(self, "allowed", None)
        if allowed is not None:
            scores = np.where(allowed, scores, 0).astype(scores.dtype)
        chosen = top_k(scores, LOOKUP_DOCS)
        if not chosen:
            return []
        ranked = self._aggregate(*self._within(keys, weights, chosen))
        return [(self.docs[d], score) for d, score in ranked[:k]]

    def _aggregate(self, rows: IntArray, scores: FloatArray) -> list[tuple[int, float]]:
        """Documents of the best rows, each scored by its best row and SECOND its second."""
        best = np.asarray(top_k(scores, RANKED_ROWS), dtype=np.int64)
        if not len(best):
            return []
        docs, values = self.row_doc[rows[best]], scores[best]
        # Rows come best first: a document's first row is its best, its next its second.
        unique, first = np.unique(docs, return_index=True)
        rest = np.ones(len(docs), dtype=bool)
        rest[first] = False
        total = dict(zip(unique.tolist(), values[first].tolist(), strict=True))
        seconds, at = np.unique(docs[rest], return_index=True)
        for d, v in zip(seconds.tolist(), values[rest][at].tolist(), strict=True):
            total[d] += SECOND * v
        return sorted(total.items(), key=lambda pair: (-pair[1], pair[0]))

    def _wanted(self, doc_ids: set[int] | None) -> list[int] | None:
        """Positions of these documents (None: every document), within a department's."""
        allowed = getattr(self, "allowed", None)
        if doc_ids is None:
            return None if allowed is None else np.flatnonzero(allowed).tolist()
        found = (self._by_id[i] for i in doc_ids if i in self._by_id)
        return sorted(p for p in found if allowed is None or allowed[p])

    def _scored(
        self,
        keys: list[int],
        weights: list[float],
        cited: list[int],
        wanted: list[int] | None,
        unit: str | None,
    ) -> Sparse:
        """The rows that fit, with their scores lifted by title matches and citations."""
        label = self._label_lift(keys)
        if len(self.docs) > FULL_SCAN and unit is None:
            rows, scores = self._two_step(keys, weights, cited, wanted, label)
        else:
            dense = self.passages.scores_for(keys, weights)
            if unit is not None:
                # A unit block matches even when no question word is in it: a small floor.
                dense = np.where(self.facets.rows_of_unit(unit), dense + np.float32(1e-3), 0)
            rows = np.flatnonzero(dense)
            scores = dense[rows].astype(np.float32)
            if wanted is not None:
                allowed = np.zeros(len(self.docs), dtype=bool)
                allowed[wanted] = True
                keep = allowed[self.row_doc[rows]]
                rows, scores = rows[keep], scores[keep]
        return rows, self._lifted(keys, cited, rows, scores, label)

    def _lifted(
        self,
        keys: list[int],
        cited: list[int],
        rows: IntArray,
        scores: FloatArray,
        label: FloatArray | None = None,
    ) -> FloatArray:
        """Row scores lifted by their documents' title matches and citations."""
        if not len(rows):
            return scores
        label = self._label_lift(keys) if label is None else label
        docs = self.row_doc[rows]
        scores = scores + np.float32(LABEL_WEIGHT) * label[docs]
        if cited:
            boost = np.ones(len(self.docs), dtype=np.float32)
            boost[cited] = CITE_BOOST
            scores = scores * boost[docs]
        return scores

    def _two_step(
        self,
        keys: list[int],
        weights: list[float],
        cited: list[int],
        wanted: list[int] | None,
        label: FloatArray,
    ) -> Sparse:
        """The passages of the CANDIDATES documents whose words fit the query best."""
        single = [(k, w) for k, w in zip(keys, weights, strict=True) if _syllable(k)]
        by_doc = self.documents.scores_for([k for k, _ in single], [w for _, w in single])
        by_doc += np.float32(LABEL_WEIGHT) * label * (by_doc > 0)
        if cited:
            by_doc[cited] *= np.float32(CITE_BOOST)
        if wanted is not None:
            allowed = np.zeros(len(self.docs), dtype=bool)
            allowed[wanted] = True
            by_doc[~allowed] = 0
        chosen = np.sort(np.asarray(top_k(by_doc, CANDIDATES), dtype=np.int64))
        if not len(chosen):
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        lo, hi = self.row_start[chosen], self.row_start[chosen + 1]
        return self.passages.scores_within(keys, weights, lo, hi)

    def _label_lift(self, keys: list[int]) -> FloatArray:
        """Each document's title (label) score for the query's terms."""
        per_doc = np.zeros(len(self.docs), dtype=np.float32)
        label = self.labels.scores_for(keys)
        hits = np.flatnonzero(label > 0)
        docs = self._entry_doc[hits]
        per_doc[docs[docs >= 0]] = label[hits][docs >= 0]
        return per_doc

    def _search_in(
        self, keys: list[int], weights: list[float], wanted: list[int], k: int
    ) -> list[PassageHit]:
        rows, scores = self._within(keys, weights, wanted)
        hits = (self._hit(int(rows[i]), float(scores[i])) for i in top_k(scores, k))
        return [h for h in hits if h is not None]

    def _within(self, keys: list[int], weights: list[float], wanted: list[int]) -> Sparse:
        """The scored passages of these documents (positions), read in one pass per term."""
        chosen = np.asarray(sorted(wanted), dtype=np.int64)
        if not len(chosen):
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        lo, hi = self.row_start[chosen], self.row_start[chosen + 1]
        return self.passages.scores_within(keys, weights, lo, hi)

    def _numbers(self, text: str) -> tuple[list[int], list[int]]:
        """Documents whose own number the text names, and documents citing a named number."""
        if not any(ch.isdigit() for ch in text):
            return [], []
        owned: set[int] = set()
        cited: set[int] = set()
        for match in find_numbers(text[:MAX_QUESTION]):
            key = number_key(match.number)
            owned.update(self._by_id[e.doc.id] for e in self.catalogue.by_key.get(key, []) if e.doc)
            cited.update(self._by_id[d.id] for d in self._citing.get(key, []))
        return sorted(owned), sorted(cited)

    def _hit(self, row: int, score: float) -> PassageHit | None:
        d = int(self.row_doc[row])
        doc = self.docs[d]
        rows = doc.passages
        local = row - int(self.row_start[d])
        # A row re-ingested since indexing may have fewer passages: skip, never crash.
        return PassageHit(doc, rows[local], score, local) if local < len(rows) else None


def _syllable(key: int) -> bool:
    """Whether a term key is a single syllable (the documents index has no pairs)."""
    return key < PAIRABLE or key >= RARE_BASE
