"""Start-up to first answer at N documents on PostgreSQL, and how soon a new document is seen.

    python benchmarks/index_bench.py --docs 10000 [--parsed 1000]

Steps, on a throwaway PostgreSQL database (DANVAN_BENCH_PG, default the local server):
1. store `--parsed` generated directives (benchmarks/search_data.py), as an ingest does, then
   repeat their rows (new ids, files and hashes) up to N documents: the index reads the
   same volume of tokens as N distinct documents;
2. in fresh processes: the first start (no saved base: full build, saved to PostgreSQL),
   a start on another machine (empty local cache: the base is downloaded), a restart
   (local cache present); each times LibraryService.get() and the first answer;
3. visibility: a running process polls (CHECK_EVERY); another stores one document; the
   time until the running process finds it, without a full rebuild.
Writes benchmarks/results/index_pg_N.json.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

RESULTS = ROOT / "benchmarks" / "results"
ADMIN = os.environ.get("DANVAN_BENCH_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
QUESTION = "Hạn nộp báo cáo sơ kết công tác dân vận là khi nào?"


def _fill(url: str, docs: int, parsed: int) -> None:
    from search_data import parsed_corpus, read_corpus
    from sqlalchemy import text

    from handlers.ingest import new_document
    from knowledge.model import Directive
    from storage.db import Database
    from storage.repos import documents as repo

    db = Database(url)
    db.upgrade()
    now = datetime.now(UTC)
    for index, record in enumerate(read_corpus(parsed_corpus(parsed))):
        d = Directive.from_dict(record["parsed"])
        new = new_document(record["file"], record["file"], f"bench-{index}", record["text"], d)
        repo.store_document(db, new, now)
    with db.engine.connect() as conn:
        present = [r[0] for r in conn.execute(text(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'documents'"
        ))]  # fmt: skip
    keep = [c for c in present if c not in ("id", "content_hash")]
    copies = (docs - parsed + parsed - 1) // parsed
    with db.engine.begin() as conn:
        for k in range(1, copies + 1):
            conn.execute(
                text(
                    f"INSERT INTO documents (content_hash, {', '.join(keep)}) "
                    f"SELECT content_hash || '-{k}', "
                    + ", ".join(f"{c} || '-{k}'" if c in ("file", "path") else c for c in keep)
                    + f" FROM documents WHERE id <= {parsed} ORDER BY id LIMIT {docs - k * parsed}"
                )
            )
    db.dispose()


def _child(url: str, cache: str, mode: str) -> dict[str, Any]:
    """Runs in a fresh process: start-up to first answer (and, for "watch", visibility)."""
    started = time.perf_counter()
    from knowledge.answer.ask import answer_question
    from storage.db import Database
    from storage.repos.index_blobs import PgIndexStore
    from storage.repos.library import LibraryService
    from storage.repos.library_base import BaseOpener

    imported = time.perf_counter()
    db = Database(url)
    service = LibraryService(db, opener=BaseOpener(db, PgIndexStore(db, Path(cache))))
    library = service.get()
    ready = time.perf_counter()
    answer_question(library, QUESTION)
    answered = time.perf_counter()
    assert service.opener is not None
    found: dict[str, Any] = {
        "docs": len(library.docs),
        "full_builds": service.opener.full_builds,
        "import_s": round(imported - started, 3),
        "library_s": round(ready - imported, 3),
        "first_answer_s": round(answered - ready, 3),
        "startup_to_first_answer_s": round(answered - imported, 3),
    }
    if mode == "watch":
        found["visibility"] = _watch(service, db, len(library.docs))
    db.dispose()
    return found


def _watch(service: Any, db: Any, before: int) -> dict[str, Any]:
    from sqlalchemy import text

    with db.engine.connect() as conn:
        present = [r[0] for r in conn.execute(text(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'documents'"
        ))]  # fmt: skip
    keep = [c for c in present if c not in ("id", "content_hash", "ingested_at")]
    values = ", ".join(f"{c} || '-new'" if c in ("file", "path") else c for c in keep)
    with db.engine.begin() as conn:
        conn.execute(
            text(
                f"INSERT INTO documents (content_hash, ingested_at, {', '.join(keep)}) "
                f"SELECT content_hash || '-new', now(), {values} FROM documents WHERE id = 1"
            )
        )
    stored = time.perf_counter()
    while time.perf_counter() - stored < 60:
        if len(service.get().docs) > before:
            break
        time.sleep(0.05)
    seen = time.perf_counter()
    return {
        "seen_after_s": round(seen - stored, 3),
        "check_every_s": service.check_every,
        "full_builds": service.opener.full_builds,
    }


def _run_child(url: str, cache: str, mode: str) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", url, cache, mode],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return dict(json.loads(out.strip().splitlines()[-1]))


def main() -> None:
    """Run the benchmark and write the JSON result."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--parsed", type=int, default=1_000)
    parser.add_argument("--child", nargs=3)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(_child(*args.child)))
        return
    from sqlalchemy import create_engine, text

    admin = create_engine(ADMIN, isolation_level="AUTOCOMMIT")
    name = f"cityindex_bench_{uuid.uuid4().hex[:8]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = ADMIN.rsplit("/", 1)[0] + f"/{name}"
    try:
        t0 = time.perf_counter()
        _fill(url, args.docs, args.parsed)
        fill_s = time.perf_counter() - t0
        with tempfile.TemporaryDirectory() as one, tempfile.TemporaryDirectory() as two:
            result = {
                "docs": args.docs,
                "distinct_parsed": args.parsed,
                "fill_s": round(fill_s, 1),
                "first_start_full_build": _run_child(url, one, "start"),
                "start_empty_local_cache": _run_child(url, two, "start"),
                "restart_local_cache": _run_child(url, two, "start"),
                "new_document": _run_child(url, two, "watch"),
                "command": f"python benchmarks/index_bench.py --docs {args.docs}",
            }
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"index_pg_{args.docs}.json"
    path.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
