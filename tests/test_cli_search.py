"""`danvan lookup` / `danvan ask` through bot.cli.main, and the LibraryService freshness."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.app import App
from bot.cli import main
from handlers.ingest import ingest_paths
from storage.db import Database
from storage.repos.library import LibraryService
from tests.support import SEEDS

HD34 = "000_f74942306add2ba5.txt"


@pytest.fixture(scope="module")
def seeded_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A database holding the five seeds, ingested once through the CLI."""
    url = f"sqlite:///{tmp_path_factory.mktemp('cli') / 'seeds.db'}"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DATABASE_URL", url)
        assert main(["ingest", str(SEEDS), "--json"]) == 0
    yield url


@pytest.fixture
def seeded(
    seeded_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The CLI points at the seeded database; earlier output is discarded."""
    monkeypatch.setenv("DATABASE_URL", seeded_url)
    capsys.readouterr()


def _json_lines(capsys: pytest.CaptureFixture[str]) -> list[dict[str, Any]]:
    return [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.strip()]


def test_lookup_json_cited_only(seeded: None, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lookup", "kh 89", "--json"]) == 0
    (data,) = _json_lines(capsys)
    assert data["query"] == "kh 89" and isinstance(data["elapsed_ms"], float)
    top = data["matches"][0]
    assert top["number"] == "89-KH/TU" and top["file"] is None and top["ingested"] is False
    assert top["cited_by"] == [{"number": "34-HD/ĐU", "file": HD34}]
    assert isinstance(top["score"], float) and top["title"]


def test_lookup_words_without_quotes_and_readable_text(
    seeded: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["lookup", "kh", "89"]) == 0
    out = capsys.readouterr().out
    assert "89-KH/TU" in out and "chưa có toàn văn" in out and "34-HD/ĐU" in out


def test_lookup_ambiguous_lists_candidates(
    seeded: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["lookup", "105", "--json"]) == 0
    (data,) = _json_lines(capsys)
    assert data["ambiguous"] is True
    assert {m["number"] for m in data["matches"]} == {"105-CV/ĐU", "105/NQ-CP"}


def test_lookup_batch_one_json_object_a_line(
    seeded: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    batch = tmp_path / "queries.txt"
    batch.write_text("34 hd du\n\nchương trình dân vận 2024\n😀\n'; DROP TABLE x;--\n", "utf-8")
    assert main(["lookup", "--batch", str(batch)]) == 0
    lines = _json_lines(capsys)
    assert [d["query"] for d in lines] == [
        "34 hd du",
        "chương trình dân vận 2024",
        "😀",
        "'; DROP TABLE x;--",
    ]
    assert lines[0]["matches"][0]["file"] == HD34
    assert lines[2]["matches"] == [] and lines[3]["matches"] == []


def test_ask_json_shape(seeded: None, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "Ban Tuyên giáo phải làm gì?", "--json"]) == 0
    (data,) = _json_lines(capsys)
    assert set(data) >= {"question", "answer", "sources", "elapsed_ms"}
    assert data["answer"]
    for source in data["sources"]:
        assert set(source) >= {"file", "number", "title", "section", "excerpt"}


def test_missing_query_and_missing_batch_file(
    seeded: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["lookup"]) == 2
    assert main(["ask", "--batch", str(tmp_path / "nope.txt")]) == 2
    assert "Không đọc được" in capsys.readouterr().err


def test_empty_library(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'empty.db'}")
    assert main(["lookup", "89-KH/TU", "--json"]) == 0
    assert _json_lines(capsys)[0]["matches"] == []
    assert main(["ask", "hạn nộp báo cáo?", "--json"]) == 0
    assert _json_lines(capsys)[0]["answer"]  # a helpful message, not an error


class _Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_service_rebuilds_on_invalidate_and_on_changes_elsewhere(app: App) -> None:
    clock = _Clock()
    # Rebuilt inside get() whatever the first build took: this test is about noticing.
    service = LibraryService(app.db, check_every=3.0, clock=clock, inline_below=float("inf"))
    assert service.get().is_empty and service.builds == 1
    assert service.get() is service.get() and service.builds == 1
    # Another process (its own engine) stores documents: noticed after check_every.
    other = Database(app.settings.database_url)
    try:
        from dataclasses import replace

        ingest_paths(replace(app.ctx, db=other, library=LibraryService(other)), [SEEDS / HD34])
    finally:
        other.dispose()
    clock.now += 1
    assert service.get().is_empty  # not checked yet
    clock.now += 3
    assert not service.get().is_empty and service.builds == 2
    service.invalidate()
    service.get()
    assert service.builds == 3
