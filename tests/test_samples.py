"""The demo samples: loaded into an empty library, parsed well, retired by real documents."""

from __future__ import annotations

from pathlib import Path

from bot.app import App, build_app, load_samples_if_empty
from core.settings import Settings
from handlers.ingest import ingest_paths
from knowledge.parse.directive import parse_file
from storage.repos.documents import count_documents
from tests.support import SAMPLES, SEEDS

SAMPLE_FILES = sorted(p for p in SAMPLES.iterdir() if p.suffix in {".txt", ".docx"})


def _app(tmp_path: Path) -> App:
    settings = Settings(
        database_url=f"sqlite:///{tmp_path / 's.db'}",
        samples_dir=str(SAMPLES),
        _env_file=None,  # type: ignore[call-arg]
    )
    return build_app(settings)


def test_every_sample_is_marked_and_parses_with_number_and_deadlines() -> None:
    assert len(SAMPLE_FILES) >= 3
    for path in SAMPLE_FILES:
        directive = parse_file(path)
        assert "VĂN BẢN MẪU" in directive.text, path.name
        assert directive.number and directive.number.endswith("/ĐU"), path.name
        assert directive.deadlines, path.name
        assert directive.signer.name, path.name


def test_samples_load_once_into_an_empty_library(tmp_path: Path) -> None:
    app = _app(tmp_path)
    assert load_samples_if_empty(app, echo=False) == len(SAMPLE_FILES)
    assert load_samples_if_empty(app, echo=False) == 0
    assert count_documents(app.db) == len(SAMPLE_FILES)
    app.db.dispose()


def test_real_documents_retire_the_samples(tmp_path: Path) -> None:
    app = _app(tmp_path)
    load_samples_if_empty(app, echo=False)
    lines: list[str] = []
    report = ingest_paths(app.ctx, [next(SEEDS.glob("000_*.txt"))], progress=lines.append)
    assert len(report.ingested) == 1
    assert count_documents(app.db) == 1
    assert any("Đã gỡ 4 văn bản mẫu" in line for line in lines)
    app.db.dispose()
