"""The library index: lookup by number or title, and BM25 retrieval over sections.

`Library.build` indexes, in memory and without database I/O:
- every section (heading + text) as folded syllables plus adjacent syllable pairs;
- a catalogue of every directive ingested or only cited (knowledge.catalogue/lookup);
- a label index (type, number, title, year) used by lookup and to favour the sections
  of the document a question names.
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
from knowledge.search.library_doc import (
    DocInput,
    LibraryDoc,
    SectionHit,
)
from knowledge.search.lookup import Catalogue, Entry, LookupResult
from knowledge.search.postings import Encoder, PostingsBuilder, pair_term, syllable_term
from knowledge.search.tokens import Vocabulary, syllables
from knowledge.vi.docnumbers import find_numbers, number_key

MAX_QUESTION = 2_000  # characters of a question that are searched
LABEL_WEIGHT = 0.3  # how much a title match lifts the sections of that document
CITE_BOOST = 1.5  # a question naming a number lifts the documents that cite it
NARROW = 64  # up to this many documents, score their sections only
FUZZY_CANDIDATES = 20  # labels BM25 hands to rapidfuzz for a title lookup


@dataclass
class LibraryParts:
    """The state of a built library that cannot be recomputed cheaply from its documents."""

    docs: list[LibraryDoc]
    vocab: Vocabulary
    facets: Facets
    sec_start: np.ndarray
    sections: BM25Index
    labels: BM25Index


class Library:
    """Everything lookup and question answering need, in memory."""

    def __init__(
        self, inputs: Iterable[DocInput], vocabulary: Callable[[], Vocabulary] | None = None
    ) -> None:
        self.docs: list[LibraryDoc] = []
        self.vocab = Vocabulary()
        self.facets = Facets()
        sections = Encoder(self.vocab, PostingsBuilder())
        for item in inputs:
            self.docs.append(item.doc)
            self.facets.add(item.facts)
            sections.add(item)
        per_doc = sections.finish()
        self.facets.finish()
        # Stored term ids: their words are read after the rows, so they cover every id.
        self.vocab = sections.vocabulary(vocabulary() if vocabulary is not None else None)
        self.sec_start = np.concatenate(([0], np.cumsum(per_doc, dtype=np.int64)))
        self._catalogue()
        labels = Encoder(self.vocab, PostingsBuilder())
        labels.add_texts(self.catalogue.labels)
        labels.finish()
        self.sections = sections.postings.build()
        self.labels = labels.postings.build()

    def _catalogue(self) -> None:
        """Everything derived from the documents alone (also run on a restored index)."""
        self._by_id = {d.id: i for i, d in enumerate(self.docs)}
        per_doc = np.diff(self.sec_start)
        self.sec_doc = np.repeat(np.arange(len(self.docs), dtype=np.int32), per_doc)
        entries, self._implementing, self._citing = build_entries(self.docs)
        self.catalogue = Catalogue(entries)
        self._entry_doc = np.array([self._doc_index(e) for e in entries], dtype=np.int64)

    @classmethod
    def restore(cls, parts: LibraryParts) -> Library:
        """A library from a saved index (knowledge.index_store), without re-tokenising."""
        library = cls.__new__(cls)
        library.docs = parts.docs
        library.vocab = parts.vocab
        library.facets = parts.facets
        library.sec_start = parts.sec_start
        library._catalogue()
        library.sections = parts.sections
        library.labels = parts.labels
        return library

    def parts(self) -> LibraryParts:
        """What `restore` needs, to be saved."""
        return LibraryParts(
            self.docs,
            self.vocab,
            self.facets,
            self.sec_start,
            self.sections,
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
        """Index documents streamed with their section texts, or (what storage uses) with
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
        """Find directives by number or title (see knowledge.lookup)."""
        return self.catalogue.lookup(query, limit, self._titles)

    def _titles(self, text: str) -> list[tuple[Entry, float]]:
        scores = self.labels.scores_for(self._keys(text))
        return self.catalogue.fuzzy(text, top_k(scores, FUZZY_CANDIDATES))

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

    def search_sections(
        self, query: str, k: int = 5, doc_ids: set[int] | None = None, unit: str | None = None
    ) -> list[SectionHit]:
        """The k sections that best fit the query (BM25), optionally within some documents,
        or only sections assigned to a unit ("Ban Tuyên giáo": its unit blocks)."""
        text = query[:MAX_QUESTION]
        keys = self._keys(text)
        if not keys or self.is_empty:
            return []
        if unit is not None:
            return self._search_unit(text, keys, k, doc_ids, unit)
        owned, cited = self._numbers(text)
        if doc_ids is None and owned:
            doc_ids = {self.docs[i].id for i in owned}
        if doc_ids is not None:
            wanted = sorted(self._by_id[i] for i in doc_ids if i in self._by_id)
            if len(wanted) <= NARROW:
                return self._search_in(keys, wanted, k)
        scores = self.sections.scores_for(keys)
        self._lift(scores, keys, cited)
        if doc_ids is not None:
            allowed = np.zeros(len(self.docs), dtype=bool)
            allowed[[self._by_id[i] for i in doc_ids if i in self._by_id]] = True
            scores[~allowed[self.sec_doc]] = 0
        hits = (self._hit(int(s), float(scores[s])) for s in top_k(scores, k))
        return [h for h in hits if h is not None]

    def _search_unit(
        self, text: str, keys: list[int], k: int, doc_ids: set[int] | None, unit: str
    ) -> list[SectionHit]:
        mask = self.facets.sections_of_unit(unit)
        if doc_ids is not None:
            allowed = np.zeros(len(self.docs), dtype=bool)
            allowed[[self._by_id[i] for i in doc_ids if i in self._by_id]] = True
            mask &= allowed[self.sec_doc]
        if not mask.any():
            return []
        scores = self.sections.scores_for(keys)
        self._lift(scores, keys, self._numbers(text)[1])
        # A unit block matches even when no question word is in it: a small floor keeps it.
        scores = np.where(mask, scores + np.float32(1e-3), np.float32(0))
        hits = (self._hit(int(s), float(scores[s])) for s in top_k(scores, k))
        return [h for h in hits if h is not None]

    def _search_in(self, keys: list[int], wanted: list[int], k: int) -> list[SectionHit]:
        found: list[tuple[float, int]] = []
        for d in wanted:
            lo, hi = int(self.sec_start[d]), int(self.sec_start[d + 1])
            part = self.sections.scores_in(keys, lo, hi)
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
            scores += np.float32(LABEL_WEIGHT) * per_doc[self.sec_doc] * (scores > 0)
        for d in cited:
            lo, hi = int(self.sec_start[d]), int(self.sec_start[d + 1])
            scores[lo:hi] *= np.float32(CITE_BOOST)

    def _numbers(self, text: str) -> tuple[list[int], list[int]]:
        """Documents whose own number the text names, and documents citing a named number."""
        if not any(ch.isdigit() for ch in text):
            return [], []
        owned: set[int] = set()
        cited: set[int] = set()
        for match in find_numbers(text):
            key = number_key(match.number)
            owned.update(self._by_id[e.doc.id] for e in self.catalogue.by_key.get(key, []) if e.doc)
            cited.update(self._by_id[d.id] for d in self._citing.get(key, []))
        return sorted(owned), sorted(cited)

    def _hit(self, s: int, score: float) -> SectionHit | None:
        d = int(self.sec_doc[s])
        doc = self.docs[d]
        sections = doc.directive.sections
        local = s - int(self.sec_start[d])
        # A row re-ingested since indexing may have fewer sections: skip, never crash.
        return SectionHit(doc, sections[local], score) if local < len(sections) else None
