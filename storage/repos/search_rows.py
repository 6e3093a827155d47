"""What the library index reads of a document, written when the document is stored.

Tokenising 10,000 directives at start-up took about 10 s. Each document row therefore
keeps, from the moment it is stored:
- `tokens`: its passages' folded syllables as term ids (knowledge.search.tokens.pack_tokens;
  the passages are knowledge.search.passages.passages_of the parsed directive);
- `facts`: a small JSON of the parsed fields the index needs (type name, references,
  deadline dates, task units, each passage's unit and part), so the 50 kB parsed JSON is
  not read.
`search_terms` numbers the syllables for every document. Rows written before these
columns existed, or by another tokeniser version, are filled in by `fill_missing`,
which the library build runs first.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from typing import Any

import numpy as np
from sqlalchemy import func, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from knowledge.model import Directive
from knowledge.search.passages import part_codes, passages_of
from knowledge.search.tokens import TOKENS_VERSION, Vocabulary, encode_texts, pack_tokens
from storage.db import Database
from storage.models.documents import Document, SearchTerm

log = logging.getLogger(__name__)

BATCH = 500  # words per IN (...) or VALUES list: far below every database's limit
FILL_BATCH = 100  # documents filled in per transaction
_TERMS = SearchTerm.__table__.c  # type: ignore[attr-defined]
_HEAD = np.array([TOKENS_VERSION], dtype="<i4").tobytes()


def index_columns(session: Session, parsed: str) -> tuple[str, bytes]:
    """The `facts` and `tokens` of a document with this parsed JSON."""
    data = json.loads(parsed or "{}")
    rows = passages_of(Directive.from_dict(data))
    words, local, counts = encode_texts([p.indexed for p in rows])
    known = term_ids(session, words)
    ids = np.fromiter((known[w] for w in words), np.int64, len(words))[local]
    facts = facts_json(data, [p.unit for p in rows], part_codes(rows))
    return facts, pack_tokens(ids, counts)


def facts_json(parsed: dict[str, Any], row_units: Sequence[str | None], parts: bytes) -> str:
    """The parsed fields the index reads, as stored JSON: each passage's unit is an index
    into `unit_names` (-1 for none), so reading 300,000 of them makes a few strings, and
    the passages' parts are one digit each."""
    names = list(dict.fromkeys(u for u in row_units if u))
    where = {name: i for i, name in enumerate(names)}
    facts = {
        "type_name": parsed.get("doc_type_name") or "",
        "references": parsed.get("references") or [],
        # A month or a quarter ("trong tháng 12/2025") is found by its last day.
        "dues": [
            [d.get("due") or d.get("period_end"), d.get("recurrence")]
            for d in parsed.get("deadlines") or []
        ],
        "units": [t["unit"] for t in parsed.get("tasks") or [] if t.get("unit")],
        "unit_names": names,
        "row_units": [where[u] if u else -1 for u in row_units],
        "parts": "".join(str(code) for code in parts),
    }
    return json.dumps(facts, ensure_ascii=False, separators=(",", ":"))


def term_ids(session: Session, words: Sequence[str]) -> dict[str, int]:
    """The stored id of each word, numbering the new ones (safe with concurrent writers)."""
    found = _known(session, words)
    # Sorted: new words get ids in the same order whatever the set order was.
    missing = sorted(set(words) - found.keys())
    if missing:
        for start in range(0, len(missing), BATCH):
            _insert_new(session, missing[start : start + BATCH])
        found |= _known(session, missing)
    return found


def _known(session: Session, words: Sequence[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    unique = list(dict.fromkeys(words))
    for start in range(0, len(unique), BATCH):
        part = unique[start : start + BATCH]
        query = select(_TERMS.word, _TERMS.id).where(_TERMS.word.in_(part))
        found.update((word, int(i)) for word, i in session.execute(query))
    return found


def _insert_new(session: Session, words: list[str]) -> None:
    """Insert words another writer may be inserting too: a conflict is not an error."""
    rows = [{"word": w} for w in words]
    bind = session.get_bind()
    if bind.dialect.name == "sqlite":  # one writer at a time: inside the caller's transaction
        session.execute(sqlite_insert(SearchTerm).values(rows).on_conflict_do_nothing())
        return
    if bind.dialect.name == "postgresql":
        # Committed at once on a connection of its own: a transaction holding new words
        # until it ends would deadlock with another writer taking the same words in
        # another order. A word whose document then fails to store is harmless.
        with bind.engine.begin() as conn:
            conn.execute(pg_insert(SearchTerm).values(rows).on_conflict_do_nothing())
        return
    for row in rows:  # other databases: one savepoint per word
        try:
            with session.begin_nested():
                session.add(SearchTerm(word=row["word"]))
        except IntegrityError:
            pass


def load_vocabulary(db: Database) -> Vocabulary:
    """Every stored term with its id."""
    with db.engine.connect() as conn:
        rows = conn.execute(select(_TERMS.word, _TERMS.id))
        return Vocabulary.of_ids({word: int(i) for word, i in rows})


def stale_ids(db: Database) -> list[int]:
    """Documents whose index columns are missing or from another tokeniser version."""
    c = Document.__table__.c  # type: ignore[attr-defined]
    query = select(c.id).where(
        or_(c.tokens.is_(None), c.facts.is_(None), func.substr(c.tokens, 1, 4) != _HEAD)
    )
    with db.engine.connect() as conn:
        return [int(i) for i in conn.execute(query.order_by(c.id)).scalars()]


def fill_missing(db: Database, ids: Sequence[int] | None = None) -> int:
    """Write the index columns of these documents (default: those that lack them);
    how many were written. A document that cannot be read is stored with no sections
    rather than stop the others (and every later build)."""
    todo = list(ids) if ids is not None else stale_ids(db)
    for start in range(0, len(todo), FILL_BATCH):
        with db.session() as session:
            for doc_id in todo[start : start + FILL_BATCH]:
                _fill_one(session, doc_id)
        done = min(len(todo), start + FILL_BATCH)
        log.info("search data written for %d of %d documents", done, len(todo))
    return len(todo)


def _fill_one(session: Session, doc_id: int) -> None:
    try:
        with session.begin_nested():
            _fill(session, doc_id)
    except Exception:  # any one bad row (JSON, a database limit) must not stop the rest
        log.exception("document %s: search data not computed, indexed without sections", doc_id)
        empty = np.zeros(0, dtype=np.int64)
        values = {"facts": facts_json({}, [], b""), "tokens": pack_tokens(empty, empty)}
        with session.begin_nested():
            table = Document.__table__  # type: ignore[attr-defined]
            session.execute(update(table).where(table.c.id == doc_id).values(**values))


def _fill(session: Session, doc_id: int) -> None:
    c = Document.__table__.c  # type: ignore[attr-defined]
    parsed = session.execute(select(c.parsed).where(c.id == doc_id)).scalar()
    if parsed is None:  # deleted meanwhile
        return
    facts, tokens = index_columns(session, parsed)
    table = Document.__table__  # type: ignore[attr-defined]
    session.execute(update(table).where(c.id == doc_id).values(facts=facts, tokens=tokens))
