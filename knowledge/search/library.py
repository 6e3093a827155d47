"""The library index: lookup by number or title, and BM25 retrieval over passages.

`Library.build` indexes, in memory and without database I/O:
- every passage (a paragraph with the headings above it, knowledge.search.passages) as
  folded syllables plus adjacent syllable pairs;
- a catalogue of every directive ingested or only cited (knowledge.catalogue/lookup);
- a label index (type, number, title, year) used by lookup and to favour the passages
  of the document a question names.
- a documents index (one row per document) that picks the documents whose passages a
  query in a large library scores (knowledge.search.retrieval).
Only the index is resident: a document's full Directive is read on demand from a
DirectiveSource (storage keeps a small cache), because 10,000 parsed directives as
Python objects would take more memory than the whole budget.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from datetime import date

import numpy as np
import numpy.typing as npt

from knowledge.search.bm25 import BM25Index, top_k
from knowledge.search.catalogue import build_entries
from knowledge.search.facets import Facets
from knowledge.search.library_doc import DocInput, LibraryDoc
from knowledge.search.lookup import MAX_QUERY, Catalogue, Entry, LookupResult
from knowledge.search.postings import Encoder, PostingsBuilder, pair_term, syllable_term
from knowledge.search.retrieval import Retrieval
from knowledge.search.stats import WordStats
from knowledge.search.titles import (
    full_texts_first,
    own_numbers,
    prefer_place,
    printed_number,
    title_matches,
)
from knowledge.search.tokens import Vocabulary, syllables

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
    documents: BM25Index


class Library(Retrieval, WordStats):
    """Everything lookup and question answering need, in memory."""

    # Set on a department's view (`within`): which document positions it may show.
    allowed: npt.NDArray[np.bool_] | None = None

    def __init__(
        self, inputs: Iterable[DocInput], vocabulary: Callable[[], Vocabulary] | None = None
    ) -> None:
        self.docs: list[LibraryDoc] = []
        self.vocab = Vocabulary()
        self.facets = Facets()
        passages = Encoder(self.vocab, PostingsBuilder(), PostingsBuilder())
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
        assert passages.documents is not None
        self.documents = passages.documents.build()

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
        library.documents = parts.documents
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
            self.documents,
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

    def within(self, doc_ids: Collection[int]) -> Library:
        """This index as one department sees it: only these documents are ever found.

        A shallow copy sharing every array; the mask filters candidates before the ranking
        cut-offs (retrieval), so a department still gets its own best few.
        """
        view = copy.copy(self)
        mask = np.zeros(len(self.docs), dtype=bool)
        mask[[self._by_id[i] for i in doc_ids if i in self._by_id]] = True
        view.allowed = mask
        return view

    def sees(self, doc: LibraryDoc) -> bool:
        """Whether this (department's view of the) index may show a document."""
        if self.allowed is None:
            return True
        index = self._by_id.get(doc.id)
        return index is not None and bool(self.allowed[index])

    def visible_docs(self) -> list[LibraryDoc]:
        """The documents this view shows (every one without a department)."""
        if self.allowed is None:
            return self.docs
        return [self.docs[i] for i in np.flatnonzero(self.allowed)]

    def doc(self, doc_id: int) -> LibraryDoc | None:
        """The document with this database id."""
        index = self._by_id.get(doc_id)
        if index is None or (self.allowed is not None and not self.allowed[index]):
            return None
        return self.docs[index]

    def implementing(self, number_key: str) -> list[LibraryDoc]:
        """Documents that implement or are based on the directive with this key."""
        return [d for d in self._implementing.get(number_key, []) if self.sees(d)]

    def citing(self, number_key: str) -> list[LibraryDoc]:
        """Documents that cite the directive with this key in any way."""
        return [d for d in self._citing.get(number_key, []) if self.sees(d)]

    def docs_with_deadlines_between(
        self, start: date, end: date, recurring: bool = True
    ) -> list[LibraryDoc]:
        """Documents with a deadline due in [start, end] (earliest first), then, when
        recurring, those with a recurring deadline: scan these, not every document."""
        found = self.facets.with_deadline_between(start, end, recurring)
        return [d for d in (self.docs[i] for i in found) if self.sees(d)]

    def docs_with_unit(self, unit: str) -> list[LibraryDoc]:
        """Documents with a task for a unit whose name contains these words (diacritics
        optional): "Ban Tuyên giáo" finds "Ban Tuyên giáo Đảng ủy"."""
        return [d for d in (self.docs[i] for i in self.facets.with_unit(unit)) if self.sees(d)]

    def lookup(self, query: str, limit: int = 5) -> LookupResult:
        """Find directives by number or title (knowledge.search.lookup and .titles)."""
        result = self._lookup(query, limit)
        return result if self.allowed is None else self._only_visible(result)

    def _only_visible(self, result: LookupResult) -> LookupResult:
        """Drop another department's documents, and numbers only they cite."""
        kept = []
        for match in result.matches:
            seen = [self.doc(i) is not None for i in match.cited_by_ids]
            match.cited_by = [c for c, ok in zip(match.cited_by, seen, strict=True) if ok]
            match.cited_by_ids = [i for i, ok in zip(match.cited_by_ids, seen, strict=True) if ok]
            own = match.doc_id is not None and self.doc(match.doc_id) is not None
            if own or (match.doc_id is None and match.cited_by):
                kept.append(match)
        result.ambiguous = result.ambiguous and len(kept) > 1
        result.matches = kept
        return result

    def _lookup(self, query: str, limit: int) -> LookupResult:
        result = self.catalogue.lookup(query, limit, self.title_entries)
        text = query.strip()[:MAX_QUERY]  # a lookup is a number or a title: not 10,000 "x"
        if not result.matches:
            found = printed_number(self, text, limit)
            found.query = query
            return found
        result = full_texts_first(self, text, own_numbers(self, result))
        result.matches = result.matches[:limit]
        return prefer_place(self, text, result)

    def entry_of(self, doc_id: int) -> Entry | None:
        """The catalogue entry of an ingested document."""
        return self._own_entry.get(doc_id)

    def title_entries(self, text: str) -> list[tuple[Entry, float]]:
        """Entries whose labels or passages fit a lookup by words (knowledge.search.titles)."""
        scores = self.labels.scores_for(self._keys(text))
        if self.allowed is not None:  # another department's titles never crowd ours out
            scores = np.where(self.allowed[self._entry_doc] | (self._entry_doc < 0), scores, 0)
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
