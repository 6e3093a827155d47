"""The generated library the search benchmark runs on, cached in benchmarks/data/.

Generates N directives (benchmarks/corpus_gen.py), parses them on every core (the parser
takes ~25 ms a document, ~25 min for 10,000 under load: the parsed JSON lines are kept),
then stores them in a SQLite database through storage.repos.documents, like an ingest.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from corpus_gen import generate

from knowledge.model import Directive
from knowledge.parse.directive import parse_text

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "benchmarks" / "data"


def _parse_one(item: tuple[str, str]) -> str:
    name, text = item
    return json.dumps(
        {"file": name, "text": text, "parsed": parse_text(text, name).to_dict()}, ensure_ascii=False
    )


def parsed_corpus(n: int, seed: int = 0) -> Path:
    """JSON lines of (file, text, parsed directive) for n generated documents, cached."""
    path = DATA / f"parsed_{n}_{seed}.jsonl"
    if path.exists():
        return path
    DATA.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with ProcessPoolExecutor(os.cpu_count() or 1) as pool, tmp.open("w", encoding="utf-8") as out:
        for line in pool.map(_parse_one, generate(n, seed), chunksize=50):
            out.write(line + "\n")
    tmp.rename(path)
    return path


def read_corpus(path: Path) -> Iterator[dict[str, Any]]:
    """The cached records one by one."""
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            yield json.loads(line)


def bench_db(n: int, seed: int = 0) -> Path:
    """A SQLite database holding the n parsed documents, stored as an ingest stores them."""
    from handlers.ingest import new_document
    from storage.db import Database
    from storage.repos import documents as repo

    path = DATA / f"search_{n}_{seed}.db"
    if path.exists():
        return path
    tmp = path.with_suffix(".tmp.db")
    for leftover in DATA.glob(tmp.name + "*"):
        leftover.unlink()
    db = Database(f"sqlite:///{tmp}")
    db.upgrade()
    now = datetime.now(UTC)
    for index, record in enumerate(read_corpus(parsed_corpus(n, seed))):
        d = Directive.from_dict(record["parsed"])
        new = new_document(record["file"], record["file"], f"bench-{index}", record["text"], d)
        repo.store_document(db, new, now)
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.dispose()
    tmp.rename(path)
    return path
