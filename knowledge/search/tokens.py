"""Search tokens: folded syllables (pairs of them are made in knowledge.postings).

Two paths produce the same syllables (a property test checks it). `syllables` and
`query_terms` handle one short text with the full `fold`. `Vocabulary.encode_many`
handles a whole library: instead of folding every character it splits UTF-8 bytes on
ASCII punctuation (bytes.translate and bytes.split run in C) and folds each distinct
surface word once, about ten times faster than folding 100 million characters.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from knowledge.vi.textnorm import fold, normalize

IdArray = npt.NDArray[np.int64]
# Bump when folding or splitting changes, what a row is (knowledge.search.passages), or the
# stored facts' layout (storage.repos.search_rows): stored rows of another version are redone.
TOKENS_VERSION = 3
MAX_WORD = 48  # characters of a word that are indexed

_WORD = re.compile(r"[0-9a-z]+")
# Every ASCII byte that is not a letter or digit becomes a space; bytes >= 0x80 (parts
# of accented letters, curly quotes, dashes) stay inside their word and fold later.
# Case is kept: "Kế" and "kế" are two surface words folded to the same syllable, which
# is cheaper than lower-casing 100 million characters.
_SPLIT_TABLE = bytes(
    b if (48 <= b <= 57 or 65 <= b <= 90 or 97 <= b <= 122 or b >= 128) else 32 for b in range(256)
)
# Texts are joined with \x01, which the table keeps as a word of its own.
_SENTINEL = " \x01 "
_SENTINEL_WORD = b"\x01"
_TABLE = _SPLIT_TABLE[:1] + b"\x01" + _SPLIT_TABLE[2:]


def syllables(text: str) -> list[str]:
    """Folded syllables and numbers of a short text ("Quý 2" → ["quy", "2"])."""
    return _words(fold(text))


def _words(folded: str) -> list[str]:
    # A hash or a code pasted as one long run is one word; cut so that it stays small
    # enough for a database index (PostgreSQL refuses index rows over 2,704 bytes).
    # Numbers lose their leading zeros: "Đợt 02", "ngày 05" are asked as "đợt 2", "ngày 5".
    return [_word(w) for w in _WORD.findall(folded)]


def _word(word: str) -> str:
    if word[0] == "0" and word.isdigit():
        return word.lstrip("0") or "0"
    return word if len(word) <= MAX_WORD else word[:MAX_WORD]


def pair(left: str, right: str) -> str:
    """The token for two adjacent syllables ("bao", "cao" → "bao_cao")."""
    return f"{left}_{right}"


def query_terms(text: str) -> tuple[list[str], list[str]]:
    """Syllables and adjacent pairs of a query, each list without repeats, order kept."""
    words = syllables(text)
    pairs = [pair(a, b) for a, b in zip(words, words[1:], strict=False)]
    return list(dict.fromkeys(words)), list(dict.fromkeys(pairs))


class Vocabulary:
    """Maps folded syllables to ids; surface words are folded once and cached.

    Ids are dense when the vocabulary is built here; a library read from storage uses
    the stored term ids (numbered by the database, so possibly with gaps), and words
    first seen here (in titles) get ids above them.
    """

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}
        self._next = 0
        # Surface word → surface id; a surface id expands to 0..n syllable ids.
        self._surface: dict[bytes, int] = {_SENTINEL_WORD: 0}
        self._starts: list[int] = [0]
        self._lengths: list[int] = [1]
        self._expansion: list[int] = [-1]  # the sentinel expands to -1

    @classmethod
    def of_ids(cls, ids: dict[str, int]) -> Vocabulary:
        """A vocabulary with these word ids (stored terms, or a saved index)."""
        vocab = cls()
        vocab.ids = ids
        vocab._next = max(ids.values(), default=-1) + 1
        return vocab

    def __len__(self) -> int:
        return len(self.ids)

    def id_of(self, word: str) -> int | None:
        """Id of a folded syllable or key, None when the library never used it."""
        return self.ids.get(word)

    def add(self, word: str) -> int:
        """Id of a folded word, adding it when new."""
        found = self.ids.get(word)
        if found is None:
            found = self.ids[word] = self._next
            self._next += 1
        return found

    def encode_many(self, texts: Sequence[str]) -> tuple[IdArray, IdArray]:
        """Syllable ids of many texts in one array, and how many belong to each text."""
        if not texts:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        # A stray \x01 inside a text would read as a text boundary: blank it first.
        clean = (t.replace("\x01", " ") if "\x01" in t else t for t in texts)
        buffer = (_SENTINEL.join(clean) + _SENTINEL).encode("utf-8", "replace")
        words = buffer.translate(_TABLE).split()
        self._learn(words)
        sids = np.fromiter(map(self._surface.__getitem__, words), np.int64, len(words))
        starts = np.asarray(self._starts, dtype=np.int64)[sids]
        lengths = np.asarray(self._lengths, dtype=np.int64)[sids]
        total = int(lengths.sum())
        # Output position k reads expansion[start of its word + its offset in the word].
        first = np.cumsum(lengths) - lengths
        offsets = np.arange(total, dtype=np.int64) - np.repeat(first, lengths)
        flat = np.asarray(self._expansion, dtype=np.int64)[np.repeat(starts, lengths) + offsets]
        ends = np.flatnonzero(flat < 0)
        counts = np.diff(np.concatenate(([-1], ends))) - 1
        return flat[flat >= 0], counts

    def _learn(self, words: list[bytes]) -> None:
        surface = self._surface
        for raw in set(words):
            if raw in surface:
                continue
            parts = _surface_syllables(raw)
            surface[raw] = len(self._starts)
            self._starts.append(len(self._expansion))
            self._lengths.append(len(parts))
            self._expansion.extend(self.add(p) for p in parts)


@lru_cache(maxsize=1 << 16)
def _surface_syllables(raw: bytes) -> list[str]:
    """The folded syllables of one surface word; cached across documents, because each
    ingest (and each row filled in) encodes with a vocabulary of its own."""
    # Rare words hold a non-ASCII symbol ("“dân", "a–b"); fold may split them.
    return _words(fold(normalize(raw.decode("utf-8", "replace"))))


def encode_texts(texts: Sequence[str]) -> tuple[list[str], IdArray, IdArray]:
    """One document's texts as (its distinct syllables, their positions in that list per
    token, tokens per text): what storage turns into stored term ids."""
    vocab = Vocabulary()
    ids, counts = vocab.encode_many(texts)
    return list(vocab.ids), ids, counts


def pack_tokens(ids: IdArray, counts: IdArray) -> bytes:
    """Term ids of a document's sections and each section's length, as stored bytes."""
    head = np.array([TOKENS_VERSION, len(counts)], dtype="<i4")
    return b"".join(a.astype("<i4").tobytes() for a in (head, counts, ids))


def unpack_tokens(blob: bytes | None) -> tuple[IdArray, IdArray] | None:
    """(term ids, tokens per section) of stored bytes; None if absent or from another
    tokeniser version (the document is then encoded again)."""
    if not blob or len(blob) < 8 or len(blob) % 4:
        return None
    values = np.frombuffer(blob, dtype="<i4")
    n = int(values[1])
    if int(values[0]) != TOKENS_VERSION or not 0 <= n <= len(values) - 2:
        return None
    counts = values[2 : 2 + n].astype(np.int64)
    ids = values[2 + n :].astype(np.int64)
    # Damaged bytes must not reach the index: a negative id would alias another term.
    if int(counts.sum()) != len(ids) or (n and int(counts.min()) < 0):
        return None
    if len(ids) and int(ids.min()) < 0:
        return None
    return ids, counts
