"""What the index knows of words, read from the postings without reading any document:
how rare a syllable is, which documents hold some words, which print a phrase where."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from knowledge.search.bm25 import BM25Index
from knowledge.search.passages import HEAD, PART_CODES
from knowledge.search.postings import pair_term, syllable_term
from knowledge.search.tokens import Vocabulary, syllables

if TYPE_CHECKING:
    from knowledge.search.facets import Facets
    from knowledge.search.library_doc import LibraryDoc

MAX_TEXT = 2_000  # characters of a text that are read


class WordStats:
    """The word statistics of knowledge.search.library.Library (its index's fields below)."""

    docs: list[LibraryDoc]
    vocab: Vocabulary
    facets: Facets
    row_start: npt.NDArray[Any]
    row_doc: npt.NDArray[np.int32]
    passages: BM25Index
    _by_id: dict[int, int]

    def coverage(self, text: str, doc_id: int) -> float:
        """The part of a text's distinct syllables that some passage of a document holds
        (read from the postings: no document is read)."""
        words = list(dict.fromkeys(syllables(text[:MAX_TEXT])))
        held = self.held(words, [doc_id]).get(doc_id, [])
        return len(held) / len(words) if words else 0.0

    def held(self, words: list[str], doc_ids: list[int]) -> dict[int, list[str]]:
        """For each document, the folded syllables of these that some passage of it holds
        (one search of the postings per word for all the documents)."""
        index = [self._by_id[d] for d in doc_ids if d in self._by_id]
        found: dict[int, list[str]] = {self.docs[i].id: [] for i in index}
        if not index:
            return found
        lo = self.row_start[index]
        hi = self.row_start[np.asarray(index) + 1]
        for word in words:
            known = self.vocab.id_of(word)
            if known is None:
                continue
            rows = self.passages.rows_of(syllable_term(known))
            at = np.searchsorted(rows, lo)
            inside = at < len(rows)
            inside[inside] = rows[at[inside]] < hi[inside]
            for i in np.flatnonzero(inside).tolist():
                found[self.docs[index[i]].id].append(word)
        return found

    def held_terms(self, terms: list[str], doc_id: int) -> set[str]:
        """Which of these folded syllables and pairs ("a b": side by side) some passage of
        a document holds (from the postings, without reading the document)."""
        index = self._by_id.get(doc_id)
        if index is None:
            return set()
        lo, hi = int(self.row_start[index]), int(self.row_start[index + 1])
        found = set()
        for term in terms:
            key = self._term_key(term)
            if key is not None:
                rows = self.passages.rows_of(key)
                start, end = np.searchsorted(rows, [lo, hi])
                if end > start:
                    found.add(term)
        return found

    def _term_key(self, term: str) -> int | None:
        """The index key of a syllable or of a pair "a b" (None: never indexed)."""
        ids = [self.vocab.id_of(w) for w in term.split()]
        if not ids or None in ids or len(ids) > 2:
            return None
        known = [i for i in ids if i is not None]
        return syllable_term(known[0]) if len(known) == 1 else pair_term(known[0], known[1])

    def counts_in(self, words: list[str], doc_id: int) -> tuple[dict[str, int], int]:
        """How many passages of a document hold each of these syllables, and how many
        passages it has (from the postings, without reading the document)."""
        index = self._by_id.get(doc_id)
        if index is None:
            return {}, 0
        lo, hi = int(self.row_start[index]), int(self.row_start[index + 1])
        found: dict[str, int] = {}
        for word in words:
            known = self.vocab.id_of(word)
            if known is not None:
                rows = self.passages.rows_of(syllable_term(known))
                start, end = np.searchsorted(rows, [lo, hi])
                found[word] = int(end - start)
        return found, hi - lo

    def knows(self, word: str) -> bool:
        """Whether some document uses this folded syllable."""
        return self.vocab.id_of(word) is not None

    def idf(self, word: str) -> float:
        """How rare a folded syllable is among the passages: 0 for one no passage holds,
        and for "" the idf of a word only one passage holds (the rarest there is)."""
        n = self.passages.n_rows
        if n == 0:
            return 0.0
        found = self.vocab.id_of(word) if word else None
        df = self.passages.df(syllable_term(found)) if found is not None else 0
        if not df and word:
            return 0.0
        df = df or 1
        return float(np.log1p((n - df + 0.5) / (df + 0.5)))

    def pair_idf(self, left: str, right: str) -> float:
        """How rare two folded syllables side by side are among the passages: 0 for a
        pair no passage holds (or one never indexed)."""
        key = self._term_key(f"{left} {right}")
        n = self.passages.n_rows
        df = self.passages.df(key) if key is not None and n else 0
        return float(np.log1p((n - df + 0.5) / (df + 0.5))) if df else 0.0

    def may_print(self, phrase: str) -> bool:
        """Whether some passage may print a phrase's syllables side by side: every pair
        of it is held by one passage at least; yes when a pair is never indexed (a rare
        word's: the postings cannot tell), no when a word of it is in no document."""
        ids = [self.vocab.id_of(w) for w in syllables(phrase)]
        if None in ids:
            return False
        known = [i for i in ids if i is not None]
        keys = [pair_term(a, b) for a, b in zip(known, known[1:], strict=False)]
        if None in keys:
            return True
        return all(self.passages.df(key) for key in keys if key is not None)

    def docs_naming(self, phrase: str, parts: tuple[str, ...] = (HEAD,)) -> set[int]:
        """Ids of the documents with a passage of these parts holding the phrase's syllables
        side by side ("Cần Thơ" in the header of a plan of Cần Thơ)."""
        ids = [self.vocab.id_of(w) for w in syllables(phrase)]
        if not ids or None in ids:
            return set()
        known = [i for i in ids if i is not None]
        pairs = [pair_term(a, b) for a, b in zip(known, known[1:], strict=False)]
        keys = [syllable_term(known[0])] if len(known) == 1 else pairs
        if None in keys:
            keys = [syllable_term(i) for i in known]  # rare words: each word, anywhere in it
        rows: np.ndarray | None = None
        for key in keys:
            assert key is not None
            found = self.passages.rows_of(key)
            rows = found if rows is None else np.intersect1d(rows, found, assume_unique=True)
        if rows is None or not len(rows):
            return set()
        codes = [PART_CODES[p] for p in parts]
        rows = rows[np.isin(self.facets.row_part[rows], codes)]
        return {self.docs[int(d)].id for d in np.unique(self.row_doc[rows])}
