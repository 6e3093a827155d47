"""Search performance over a generated library: build, start-up, lookup, ask, memory.

    python benchmarks/search_bench.py --docs 1000
    python benchmarks/search_bench.py --docs 10000

Steps (each cached in benchmarks/data/, which git ignores):
1. generate N directives (benchmarks/corpus_gen.py) and parse them with
   knowledge.parse.parse_text on every core (the parser takes ~25 ms a document);
2. store them in a SQLite database through storage.repos.documents, like an ingest;
3. measure in a fresh process: LibraryService(db).get() (load + index = start-up),
   Library.build on directives already in memory (index only), then lookup and ask
   latencies over a few hundred generated queries after a warm-up, and resident memory.
Writes benchmarks/results/search_N.json and prints a table.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from corpus_gen import generate  # noqa: E402

from knowledge.model import Directive  # noqa: E402
from knowledge.parse import parse_text  # noqa: E402

DATA = ROOT / "benchmarks" / "data"
RESULTS = ROOT / "benchmarks" / "results"
ASK_BUDGET_S = 180.0  # answers that read every document are slow at 10,000: cap the run


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
        repo.store_document(db, _new_document(index, record, d), now)
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.dispose()
    tmp.rename(path)
    return path


def _new_document(index: int, record: dict[str, Any], d: Directive) -> Any:
    from storage.repos import documents as repo

    return repo.NewDocument(
        file=record["file"],
        path=record["file"],
        content_hash=f"bench-{index}",
        number=d.number,
        number_key=d.number_key,
        doc_type=d.doc_type,
        issuer=d.issuer,
        doc_date=d.date,
        year=d.year,
        title=d.title or record["file"],
        text=record["text"],
        parsed=json.dumps(record["parsed"], ensure_ascii=False),
        sections=[repo.NewSection(s.path, s.heading, s.text, s.unit) for s in d.sections],
        citations=[
            repo.NewCitation(r.number, r.key, r.doc_type, r.issuer, r.date, r.relation, r.title)
            for r in d.references
        ],
    )


_TYPE_WORDS = {
    "KH": "ke hoach",
    "HD": "huong dan",
    "CV": "cong van",
    "NQ": "nghi quyet",
    "QĐ": "quyet dinh",
    "CTr": "chuong trinh",
    "TB": "thong bao",
    "CT": "chi thi",
}
_UNITS = [
    "Ban Tuyên giáo Đảng ủy",
    "Văn phòng Đảng ủy Sở",
    "Công đoàn ngành giáo dục",
    "Ủy ban Kiểm tra Đảng ủy",
    "Ban Tổ chức Đảng ủy",
]


def lookup_queries(library: Any, count: int, rng: random.Random) -> list[tuple[str, str | None]]:
    """(query, expected number or None) pairs in the forms users type."""
    from knowledge.textnorm import fold

    numbered = [e for e in library.catalogue.entries if e.number and e.parsed]
    titled = [d for d in library.docs if d.title]
    found: list[tuple[str, str | None]] = []
    while len(found) < count:
        kind = rng.randrange(6)
        entry = rng.choice(numbered)
        bare = entry.parsed.number.lstrip("0")
        if kind == 0:
            found.append((entry.number, entry.number))
        elif kind == 1:
            code = entry.parsed.doc_type or "CV"
            found.append((f"{fold(code)} {bare}", None))
        elif kind == 2:
            word = _TYPE_WORDS.get(entry.parsed.doc_type, "van ban")
            found.append((f"{word} {bare}", None))
        elif kind == 3:
            doc = rng.choice(titled)
            words = fold(doc.title).split()
            start = rng.randrange(max(1, len(words) - 4))
            found.append((" ".join(words[start : start + 5]), None))
        elif kind == 4:
            doc = rng.choice(titled)
            found.append((f"{doc.doc_type_name} {doc.title}"[:60], None))
        else:
            found.append(
                (
                    rng.choice(
                        ["", "???", "😀", "'; DROP TABLE documents;--", "<b>kh</b>", "x" * 10_000]
                    ),
                    None,
                )
            )
    return found


def ask_questions(library: Any, count: int, rng: random.Random) -> list[str]:
    """Questions in the forms secretaries ask, some without diacritics."""
    from knowledge.textnorm import fold

    numbered = [d for d in library.docs if d.number]
    found: list[str] = []
    while len(found) < count:
        kind = rng.randrange(6)
        doc = rng.choice(numbered)
        if kind == 0:
            question = f"{rng.choice(_UNITS)} phải làm gì?"
        elif kind == 1:
            question = f"{doc.doc_type_name} {doc.number} yêu cầu gì?"
        elif kind == 2:
            question = f"Văn bản nào thực hiện {doc.number}?"
        elif kind == 3:
            question = f"Hạn nộp báo cáo 6 tháng của {doc.number}?"
        elif kind == 4:
            question = f"tháng {rng.randint(1, 12)}/{rng.randint(2015, 2025)} có hạn gì?"
        else:
            question = f"Nhiệm vụ về {' '.join(doc.title.split()[:6])} là gì?"
        found.append(fold(question) if rng.random() < 0.4 else question)
    return found


def timed(fn: Callable[[str], Any], queries: list[str], budget_s: float = 600.0) -> list[float]:
    """Milliseconds each call took (stops early once budget_s seconds are spent)."""
    times: list[float] = []
    spent = 0.0
    for query in queries:
        started = time.perf_counter()
        fn(query)
        took = time.perf_counter() - started
        times.append(took * 1000)
        spent += took
        if spent > budget_s:
            break
    return times


def summary(times: list[float]) -> dict[str, float]:
    """p50, p95, max (ms)."""
    ordered = sorted(times)

    def at(p: float) -> float:
        return round(ordered[min(len(ordered) - 1, int(p * len(ordered)))], 3)

    return {"p50": at(0.50), "p95": at(0.95), "max": round(ordered[-1], 3), "n": len(times)}


def rss_mb() -> dict[str, float]:
    """Resident memory now (VmRSS) and the peak so far (ru_maxrss), in MB."""
    now = 0.0
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                now = int(line.split()[1]) / 1024
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"vm_rss": round(now, 1), "ru_maxrss": round(peak, 1)}


def measure(n: int, seed: int, queries: int) -> dict[str, Any]:
    """Run in a fresh process: start-up from the database, then latencies and memory."""
    from knowledge.search import Library
    from storage.db import Database
    from storage.repos.library import DbDirectives, LibraryService, stream_inputs

    result: dict[str, Any] = {"docs": n, "seed": seed, "rss_before_mb": rss_mb()}
    db = Database(f"sqlite:///{bench_db(n, seed)}")
    db.upgrade()  # a database cached by an older checkout gets the newer indexes
    started = time.perf_counter()
    library = LibraryService(db).get()
    result["startup_s"] = round(time.perf_counter() - started, 3)
    result["sections"] = int(library.sections.n_rows)
    result["catalogue_entries"] = len(library.catalogue.entries)
    result["index_mb"] = round((library.sections.nbytes + library.labels.nbytes) / 2**20, 1)
    result["rss_after_startup_mb"] = rss_mb()
    rng = random.Random(seed)
    lookups = lookup_queries(library, queries, rng)
    texts = [q for q, _ in lookups]
    timed(library.lookup, texts[:30])  # warm-up: first calls compile regexes, fill caches
    result["lookup_ms"] = summary(timed(library.lookup, texts))
    exact = [(q, want) for q, want in lookups if want]
    hits = sum(1 for q, want in exact if (m := library.lookup(q).matches) and m[0].number == want)
    result["lookup_exact_hit1"] = round(hits / max(1, len(exact)), 4)
    questions = ask_questions(library, queries, rng)
    timed(library.search_sections, questions[:30])
    result["search_sections_ms"] = summary(timed(library.search_sections, questions))
    result["ask_ms"] = _ask_times(library, questions)
    result["rss_after_queries_mb"] = rss_mb()
    inputs = list(stream_inputs(db, DbDirectives(db)))
    started = time.perf_counter()
    Library.build_from(inputs)
    result["index_build_s"] = round(time.perf_counter() - started, 3)
    result["loadavg_1min"] = round(os.getloadavg()[0], 2)
    return result


def _ask_times(library: Any, questions: list[str]) -> dict[str, Any]:
    try:
        from knowledge.answer import answer_question
    except ImportError:
        return {"error": "knowledge.answer.answer_question not available"}

    def ask(question: str) -> Any:
        return answer_question(library, question)

    timed(ask, questions[:10], budget_s=60)
    times = timed(ask, questions, budget_s=ASK_BUDGET_S)
    worst = sorted(zip(times, questions, strict=False), reverse=True)[:5]
    return {**summary(times), "slowest": [[round(t, 1), q] for t, q in worst]}


def main() -> int:
    """Prepare data, measure in a child process, write and print the results."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.docs, args.seed, args.queries)))
        return 0
    bench_db(args.docs, args.seed)
    child = subprocess.run(
        [
            sys.executable,
            __file__,
            "--measure",
            "--docs",
            str(args.docs),
            "--seed",
            str(args.seed),
            "--queries",
            str(args.queries),
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    result = json.loads(child.stdout.strip().splitlines()[-1])
    result["command"] = f"python benchmarks/search_bench.py --docs {args.docs}"
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"search_{args.docs}.json"
    out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    _print(result)
    return 0


def _print(r: dict[str, Any]) -> None:
    rows = [
        ("documents / sections", f"{r['docs']} / {r['sections']}"),
        ("start-up (load + index)", f"{r['startup_s']} s"),
        ("index build only", f"{r['index_build_s']} s"),
        ("lookup p50 / p95", f"{r['lookup_ms']['p50']} / {r['lookup_ms']['p95']} ms"),
        (
            "search_sections p50 / p95",
            f"{r['search_sections_ms']['p50']} / {r['search_sections_ms']['p95']} ms",
        ),
        ("ask p50 / p95", f"{r['ask_ms'].get('p50')} / {r['ask_ms'].get('p95')} ms"),
        ("RSS after start-up", f"{r['rss_after_startup_mb']['vm_rss']} MB"),
        (
            "RSS after queries / peak",
            f"{r['rss_after_queries_mb']['vm_rss']} / {r['rss_after_queries_mb']['ru_maxrss']} MB",
        ),
        ("index arrays", f"{r['index_mb']} MB"),
        ("exact-number lookup hit@1", str(r["lookup_exact_hit1"])),
        ("load average (1 min)", str(r["loadavg_1min"])),
    ]
    for name, value in rows:
        print(f"{name:<30} {value}")


if __name__ == "__main__":
    sys.exit(main())
