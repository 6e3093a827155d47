"""The library index: lookup by number or title, and BM25 retrieval over passages.

`Library.build` indexes, in memory and without database I/O:
- every passage (a paragraph with the headings above it, knowledge.search.passages) as
  folded syllables plus adjacent syllable pairs;
- a catalogue of every directive ingested or only cited (knowledge.catalogue/lookup);
- a label index (type, number, title, year) used by lookup and to favour the passages
  of the document a question names.
Documents are ranked by their best passage plus a part of their second best: one
paragraph that says it all wins, and a document that says it twice wins a tie.
Only the index is resident: a document's full Directive is read on demand from a
DirectiveSource (storage keeps a small cache), because 10,000 parsed directives as
Python objects would take more memory than the whole budget.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

import numpy as np

from knowledge.search.bm25 import BM25Index, FloatArray, top_k
from knowledge.search.catalogue import build_entries
from knowledge.search.facets import Facets
from knowledge.search.library_doc import DocInput, LibraryDoc, PassageHit
from knowledge.search.lookup import Catalogue, Entry, LookupResult
from knowledge.search.passages import HEAD, PART_CODES
from knowledge.search.postings import Encoder, PostingsBuilder, pair_term, syllable_term
from knowledge.search.titles import (
    full_texts_first,
    own_numbers,
    prefer_place,
    printed_number,
    title_matches,
)
from knowledge.search.tokens import Vocabulary, syllables
from knowledge.vi.docnumbers import find_numbers, number_key

MAX_QUESTION = 2_000  # characters of a question that are searched
LABEL_WEIGHT = 0.3  # how much a title match lifts the passages of that document
CITE_BOOST = 1.5  # a question naming a number lifts the documents that cite it
NARROW = 64  # up to this many documents, score their passages only
PAIR_WEIGHT = 0.2  # a pair of syllables also counts its two syllables: a light extra
SECOND = 0.3  # weight of a document's second-best passage in its rank
RANKED_ROWS = 2_000  # best passages a document ranking reads
# Words after a number that make it a quantity ("6 tháng"), not a name ("Kế hoạch 6").
QUANTITY_UNITS = frozenset(("thang", "ngay", "nam", "tuan", "quy", "gio", "lan", "nguoi"))
FUZZY_CANDIDATES = 20  # labels BM25 hands to rapidfuzz for a title lookup


@dataclass
class LibraryParts:
    """The state of a built library that cannot be recomputed cheaply from its documents."""

    docs: list[LibraryDoc]
    vocab: Vocabulary
    facets: Facets
    row_start: np.ndarray
    passages: BM25Index
    labels: BM25Index


class Library:
    """Everything lookup and question answering need, in memory."""

    def __init__(
        self, inputs: Iterable[DocInput], vocabulary: Callable[[], Vocabulary] | None = None
    ) -> None:
        self.docs: list[LibraryDoc] = []
        self.vocab = Vocabulary()
        self.facets = Facets()
        passages = Encoder(self.vocab, PostingsBuilder())
        for item in inputs:
            self.docs.append(item.doc)
            passages.add(item)
            self.facets.add(item.facts, passages.per_doc[-1])
        per_doc = passages.finish()
        self.facets.finish()
        # Stored term ids: their words are read after the rows, so they cover every id.
        self.vocab = passages.vocabulary(vocabulary() if vocabulary is not None else None)
        self.row_start = np.concatenate(([0], np.cumsum(per_doc, dtype=np.int64)))
        self._catalogue()
        labels = Encoder(self.vocab, PostingsBuilder())
        labels.add_texts(self.catalogue.labels)
        labels.finish()
        self.passages = passages.postings.build()
        self.labels = labels.postings.build()

    def _catalogue(self) -> None:
        """Everything derived from the documents alone (also run on a restored index)."""
        self._by_id = {d.id: i for i, d in enumerate(self.docs)}
        per_doc = np.diff(self.row_start)
        self.row_doc = np.repeat(np.arange(len(self.docs), dtype=np.int32), per_doc)
        entries, self._implementing, self._citing = build_entries(self.docs)
        self.catalogue = Catalogue(entries)
        self._own_entry = {e.doc.id: e for e in entries if e.doc is not None}
        self._entry_doc = np.array([self._doc_index(e) for e in entries], dtype=np.int64)

    @classmethod
    def restore(cls, parts: LibraryParts) -> Library:
        """A library from a saved index (knowledge.index_store), without re-tokenising."""
        library = cls.__new__(cls)
        library.docs = parts.docs
        library.vocab = parts.vocab
        library.facets = parts.facets
        library.row_start = parts.row_start
        library._catalogue()
        library.passages = parts.passages
        library.labels = parts.labels
        return library

    def parts(self) -> LibraryParts:
        """What `restore` needs, to be saved."""
        return LibraryParts(
            self.docs,
            self.vocab,
            self.facets,
            self.row_start,
            self.passages,
            self.labels,
        )

    def _doc_index(self, entry: Entry) -> int:
        return self._by_id[entry.doc.id] if entry.doc is not None else -1

    @classmethod
    def build(cls, docs: list[LibraryDoc]) -> Library:
        """Index these documents (about 1.5 s per 1,000 documents of 30 sections here)."""
        return cls(DocInput.of(d) for d in docs)

    @classmethod
    def build_from(
        cls, inputs: Iterable[DocInput], vocabulary: Callable[[], Vocabulary] | None = None
    ) -> Library:
        """Index documents streamed with their passages' texts, or (what storage uses) with
        their stored term ids, whose words `vocabulary` reads once the rows are done."""
        return cls(inputs, vocabulary)

    @property
    def is_empty(self) -> bool:
        """Whether no document has been loaded."""
        return not self.docs

    def doc(self, doc_id: int) -> LibraryDoc | None:
        """The document with this database id."""
        index = self._by_id.get(doc_id)
        return self.docs[index] if index is not None else None

    def implementing(self, number_key: str) -> list[LibraryDoc]:
        """Documents that implement or are based on the directive with this key."""
        return list(self._implementing.get(number_key, []))

    def citing(self, number_key: str) -> list[LibraryDoc]:
        """Documents that cite the directive with this key in any way."""
        return list(self._citing.get(number_key, []))

    def docs_with_deadlines_between(
        self, start: date, end: date, recurring: bool = True
    ) -> list[LibraryDoc]:
        """Documents with a deadline due in [start, end] (earliest first), then, when
        recurring, those with a recurring deadline: scan these, not every document."""
        return [self.docs[i] for i in self.facets.with_deadline_between(start, end, recurring)]

    def docs_with_unit(self, unit: str) -> list[LibraryDoc]:
        """Documents with a task for a unit whose name contains these words (diacritics
        optional): "Ban Tuyên giáo" finds "Ban Tuyên giáo Đảng ủy"."""
        return [self.docs[i] for i in self.facets.with_unit(unit)]

    def lookup(self, query: str, limit: int = 5) -> LookupResult:
        """Find directives by number or title (knowledge.search.lookup and .titles)."""
        result = self.catalogue.lookup(query, limit, self.title_entries)
        if not result.matches:
            return printed_number(self, query, limit)
        result = full_texts_first(self, query, own_numbers(self, result))
        result.matches = result.matches[:limit]
        return prefer_place(self, query, result)

    def entry_of(self, doc_id: int) -> Entry | None:
        """The catalogue entry of an ingested document."""
        return self._own_entry.get(doc_id)

    def title_entries(self, text: str) -> list[tuple[Entry, float]]:
        """Entries whose labels or passages fit a lookup by words (knowledge.search.titles)."""
        scores = self.labels.scores_for(self._keys(text))
        labels = self.catalogue.fuzzy(text, top_k(scores, FUZZY_CANDIDATES))
        return title_matches(self, text, labels)

    def _keys(self, text: str) -> list[int]:
        """Term keys of a query: known syllables, then known adjacent pairs, no repeats."""
        ids = [self.vocab.id_of(w) for w in syllables(text)]
        keys = [syllable_term(i) for i in ids if i is not None]
        for a, b in zip(ids, ids[1:], strict=False):
            if a is not None and b is not None:
                term = pair_term(a, b)
                if term is not None:
                    keys.append(term)
        return list(dict.fromkeys(keys))

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

    def coverage(self, text: str, doc_id: int) -> float:
        """The part of a text's distinct syllables that some passage of a document holds
        (read from the postings: no document is read)."""
        words = list(dict.fromkeys(syllables(text[:MAX_QUESTION])))
        held = self.held(words, doc_id)
        return len(held) / len(words) if words else 0.0

    def held(self, words: list[str], doc_id: int) -> list[str]:
        """The folded syllables of these that some passage of a document holds."""
        index = self._by_id.get(doc_id)
        if index is None:
            return []
        lo, hi = int(self.row_start[index]), int(self.row_start[index + 1])
        found = []
        for word in words:
            known = self.vocab.id_of(word)
            if known is None:
                continue
            rows = self.passages.rows_of(syllable_term(known))
            at = int(np.searchsorted(rows, lo))
            if at < len(rows) and int(rows[at]) < hi:
                found.append(word)
        return found

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
        scores = self._scores(keys, weights, cited, wanted, unit)
        hits = (self._hit(int(s), float(scores[s])) for s in top_k(scores, k))
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
            found: dict[int, float] = {}
            for d in wanted:
                lo, hi = int(self.row_start[d]), int(self.row_start[d + 1])
                part = np.sort(self.passages.scores_in(keys, lo, hi, weights))[::-1][:2]
                if len(part) and part[0] > 0:
                    found[d] = float(part[0]) + SECOND * float(part[1] if len(part) > 1 else 0)
            ranked = sorted(found.items(), key=lambda pair: (-pair[1], pair[0]))
        else:
            ranked = self._aggregate(self._scores(keys, weights, cited, wanted, None))
        return [(self.docs[d], score) for d, score in ranked[:k]]

    def _aggregate(self, scores: FloatArray) -> list[tuple[int, float]]:
        """Documents of the best rows, each scored by its best row and SECOND its second."""
        best: dict[int, float] = {}
        second: dict[int, float] = {}
        for row in top_k(scores, RANKED_ROWS):
            d = int(self.row_doc[row])
            if d not in best:
                best[d] = float(scores[row])
            elif d not in second:
                second[d] = float(scores[row])
        total = {d: v + SECOND * second.get(d, 0.0) for d, v in best.items()}
        return sorted(total.items(), key=lambda pair: (-pair[1], pair[0]))

    def _wanted(self, doc_ids: set[int] | None) -> list[int] | None:
        """Positions of these documents (None: every document)."""
        if doc_ids is None:
            return None
        return sorted(self._by_id[i] for i in doc_ids if i in self._by_id)

    def _scores(
        self,
        keys: list[int],
        weights: list[float],
        cited: list[int],
        wanted: list[int] | None,
        unit: str | None,
    ) -> FloatArray:
        """Every row's score, lifted by title matches and citations, masked as asked."""
        scores = self.passages.scores_for(keys, weights)
        self._lift(scores, keys, cited)
        if wanted is not None:
            allowed = np.zeros(len(self.docs), dtype=bool)
            allowed[wanted] = True
            scores[~allowed[self.row_doc]] = 0
        if unit is not None:
            mask = self.facets.rows_of_unit(unit)
            # A unit block matches even when no question word is in it: a small floor keeps it.
            scores = np.where(mask, scores + np.float32(1e-3), np.float32(0))
            if wanted is not None:
                scores[~allowed[self.row_doc]] = 0
        return scores

    def _search_in(
        self, keys: list[int], weights: list[float], wanted: list[int], k: int
    ) -> list[PassageHit]:
        found: list[tuple[float, int]] = []
        for d in wanted:
            lo, hi = int(self.row_start[d]), int(self.row_start[d + 1])
            part = self.passages.scores_in(keys, lo, hi, weights)
            found.extend((float(v), lo + j) for j, v in enumerate(part.tolist()) if v > 0)
        found.sort(key=lambda pair: (-pair[0], pair[1]))
        hits = (self._hit(s, score) for score, s in found[:k])
        return [h for h in hits if h is not None]

    def _lift(self, scores: FloatArray, keys: list[int], cited: list[int]) -> None:
        label = self.labels.scores_for(keys)
        hits = np.flatnonzero(label > 0)
        docs = self._entry_doc[hits]
        if np.any(docs >= 0):
            per_doc = np.zeros(len(self.docs), dtype=np.float32)
            per_doc[docs[docs >= 0]] = label[hits][docs >= 0]
            scores += np.float32(LABEL_WEIGHT) * per_doc[self.row_doc] * (scores > 0)
        for d in cited:
            lo, hi = int(self.row_start[d]), int(self.row_start[d + 1])
            scores[lo:hi] *= np.float32(CITE_BOOST)

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
