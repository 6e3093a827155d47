"""Search data written at ingest: the index reads stored term ids, never passage texts.

Rows stored before that existed (or by another tokeniser version) are filled in by the
first build, and the answers are the same as a build from the texts.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import text, update

from bot.app import App, build_app
from core.clock import FakeClock
from core.settings import Settings
from knowledge.model import Directive
from knowledge.search import postings
from knowledge.search.library import Library
from knowledge.search.library_doc import DocInput
from knowledge.search.passages import passages_of
from knowledge.search.postings import PAIRABLE, PostingsBuilder, pair_term, syllable_term
from knowledge.search.tokens import TOKENS_VERSION, pack_tokens, unpack_tokens
from storage.models.documents import Document
from storage.repos.library import LibraryService
from storage.repos.search_rows import stale_ids, term_ids
from tests.support_pg import fresh_pg_database
from tests.support_search import ingest_seeds, library_answers


def _fresh(app: App) -> Library:
    return LibraryService(app.db, index_dir=None).get()


def test_an_ingested_document_carries_its_search_data(app: App) -> None:
    ingest_seeds(app)
    with app.db.engine.connect() as conn:
        rows = conn.execute(text("SELECT id, tokens, facts, parsed FROM documents")).all()
    assert rows and stale_ids(app.db) == []
    for _, blob, facts, parsed in rows:
        found = unpack_tokens(blob)
        passages = passages_of(Directive.from_dict(json.loads(parsed)))
        assert found is not None and len(found[1]) == len(passages)
        stored = json.loads(facts)
        assert stored["type_name"] and len(stored["parts"]) == len(passages)
        assert stored["parts"][0] == "0" and "1" in stored["parts"]  # the header, then sections


def test_the_stored_path_answers_like_the_text_path(app: App) -> None:
    ingest_seeds(app)
    stored = _fresh(app)
    from_texts = Library.build(list(stored.docs))
    assert library_answers(stored) == library_answers(from_texts)
    assert stored.search("báo cáo sơ kết", 3)


def test_rows_stored_before_search_data_are_filled_in_once(app: App) -> None:
    ingest_seeds(app)
    before = library_answers(_fresh(app))
    with app.db.session() as session:
        session.execute(update(Document).values(tokens=None, facts=None))
    assert len(stale_ids(app.db)) == len(before[0])
    assert library_answers(_fresh(app)) == before
    assert stale_ids(app.db) == []


def test_rows_of_another_tokeniser_version_are_redone(app: App) -> None:
    ingest_seeds(app)
    before = library_answers(_fresh(app))
    old = np.array([0, 1, 1, 7], dtype="<i4").tobytes()  # version 0: one section, one token
    with app.db.session() as session:
        session.execute(update(Document).where(Document.id == before[0][0]).values(tokens=old))
    assert stale_ids(app.db) == [before[0][0]]
    assert library_answers(_fresh(app)) == before
    assert stale_ids(app.db) == []


@pytest.mark.parametrize(
    "damage",
    [
        {"tokens": b"\x01\x00\x00\x00\x01\x00\x00"},  # cut mid-number
        {"tokens": np.array([1, 1, 1, -5], dtype="<i4").tobytes()},  # a negative id
        {"facts": "null"},
        {"facts": "[]"},
        {"facts": '{"type_name": 3}'},
        {"facts": "{not json"},
    ],
)
def test_a_damaged_row_is_computed_again_not_trusted(app: App, damage: dict[str, object]) -> None:
    ingest_seeds(app)
    before = library_answers(_fresh(app))
    with app.db.session() as session:
        session.execute(update(Document).where(Document.id == before[0][1]).values(**damage))
    assert library_answers(_fresh(app)) == before


def test_the_stored_path_spans_chunks_and_parts_like_the_text_path(
    app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(postings, "CHUNK", 7)  # several chunks and term parts over 5 seeds
    ingest_seeds(app)
    stored = _fresh(app)
    assert library_answers(stored) == library_answers(Library.build(list(stored.docs)))


def test_late_stored_ids_still_index_pairs_like_the_text_path(app: App) -> None:
    with app.db.session() as session:  # ids far up, as after years of replaced versions
        session.execute(text("INSERT INTO search_terms (id, word) VALUES (131000, 'cu')"))
    ingest_seeds(app)
    stored = _fresh(app)
    assert max(stored.vocab.ids.values()) < 5_000
    assert library_answers(stored) == library_answers(Library.build(list(stored.docs)))


def test_a_saved_index_of_another_tokeniser_version_is_rebuilt(app: App, tmp_path: Path) -> None:
    ingest_seeds(app)
    service = LibraryService(app.db, index_dir=tmp_path / "index")
    first = service.get()
    meta = next((tmp_path / "index").glob("index-*/meta.json"))
    current = f'"tokens": {TOKENS_VERSION}'
    meta.write_text(meta.read_text().replace(current, '"tokens": 0'))
    again = LibraryService(app.db, index_dir=tmp_path / "index")
    assert library_answers(again.get()) == library_answers(first)
    assert current in next((tmp_path / "index").glob("index-*/meta.json")).read_text()


def test_a_word_another_writer_inserted_first_keeps_its_id(app: App) -> None:
    with app.db.session() as session:
        first = term_ids(session, ["bao", "cao"])
    with app.db.session() as session:
        again = term_ids(session, ["cao", "moi", "bao", "moi"])
    assert again["bao"] == first["bao"] and again["cao"] == first["cao"]
    assert len(set(again.values())) == 3


def test_damaged_token_bytes_are_ignored_not_trusted() -> None:
    ids, counts = np.array([3, 4, 5]), np.array([2, 1])
    good = pack_tokens(ids, counts)
    found = unpack_tokens(good)
    assert found is not None and found[0].tolist() == [3, 4, 5]
    assert unpack_tokens(None) is None
    assert unpack_tokens(b"\x01") is None
    assert unpack_tokens(good[:-4]) is None  # lengths no longer add up
    assert unpack_tokens(good[:-1]) is None  # not whole numbers
    assert unpack_tokens(pack_tokens(np.array([3, -1, 5]), counts)) is None


def test_a_library_is_built_from_texts_or_tokens_never_both(app: App) -> None:
    ingest_seeds(app)
    doc = _fresh(app).docs[0]
    tokens = DocInput(doc, [], tokens=(np.array([1, 2]), np.array([2])))
    with pytest.raises(ValueError, match="not both"):
        Library.build_from([DocInput(doc, ["Báo cáo"]), tokens])
    with pytest.raises(ValueError, match="stored vocabulary"):
        Library.build_from([tokens])


def test_rare_words_are_found_but_form_no_pairs() -> None:
    rare = PAIRABLE + 5
    builder = PostingsBuilder()
    builder.add(np.array([1, 2, rare, 2]), np.array([3, 1]))
    index = builder.build()
    assert index.df(syllable_term(rare)) == 1 and index.df(syllable_term(2)) == 2
    assert index.df(pair_term(1, 2) or -1) == 1
    assert pair_term(2, rare) is None


@pytest.fixture
def pg_app(tmp_path: Path, clock: FakeClock) -> Iterator[App]:
    with fresh_pg_database() as url:
        settings = Settings(database_url=url, samples_dir=str(tmp_path / "none"), _env_file=None)  # type: ignore[call-arg]
        application = build_app(settings, clock=clock)
        application.db.upgrade()
        yield application
        application.db.dispose()


def test_postgresql_stores_and_reads_the_same_search_data(pg_app: App, app: App) -> None:
    ingest_seeds(pg_app)
    ingest_seeds(app)
    on_pg, on_sqlite = _fresh(pg_app), _fresh(app)
    assert stale_ids(pg_app.db) == []
    assert library_answers(on_pg) == library_answers(on_sqlite)
