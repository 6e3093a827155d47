"""Search performance over a generated library: build, start-up, lookup, ask, memory.

    python benchmarks/search_bench.py --docs 1000
    python benchmarks/search_bench.py --docs 10000 [--no-ask]

Steps (data cached in benchmarks/data/ by benchmarks/search_data.py, git ignores it):
1. generate, parse and store N directives in a SQLite database, like an ingest;
2. cold run, in a fresh process, with the saved index deleted: LibraryService(db).get()
   (load + index + save = cold start-up), lookup, passage search and ask latencies over a
   few hundred generated queries after a warm-up, resident memory, then Library.build
   on rows already in memory (index only);
3. warm run, in another fresh process, with the index saved by the cold run: start-up,
   lookup and passage search latencies, resident memory.
Writes benchmarks/results/search_N.json and prints a table.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from search_data import bench_db  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"
ASK_BUDGET_S = 180.0  # answers that read every document are slow at 10,000: cap the run


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
    from knowledge.vi.textnorm import fold

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
    from knowledge.vi.textnorm import fold

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


def measure(n: int, seed: int, queries: int, warm: bool, ask: bool) -> dict[str, Any]:
    """Run in a fresh process: start-up from the database, then latencies and memory."""
    from knowledge.search.library import Library
    from storage.db import Database
    from storage.repos.library import DbDirectives, LibraryService
    from storage.repos.library_rows import stream_inputs
    from storage.repos.search_rows import load_vocabulary

    result: dict[str, Any] = {"docs": n, "seed": seed, "rss_before_mb": rss_mb()}
    db = Database(f"sqlite:///{bench_db(n, seed)}")
    db.upgrade()  # a database cached by an older checkout gets the newer indexes
    started = time.perf_counter()
    library = LibraryService(db).get()
    result["startup_s"] = round(time.perf_counter() - started, 3)
    result["passages"] = int(library.passages.n_rows)
    result["catalogue_entries"] = len(library.catalogue.entries)
    indexes = (library.passages, library.labels, library.documents)
    result["index_mb"] = round(sum(i.nbytes for i in indexes) / 2**20, 1)
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
    timed(library.search, questions[:30])
    result["search_ms"] = summary(timed(library.search, questions))
    result["rank_docs_ms"] = summary(timed(library.rank_docs, questions))
    if ask:
        result["ask_ms"] = _ask_times(library, questions)
    result["rss_after_queries_mb"] = rss_mb()
    if not warm:
        inputs = list(stream_inputs(db, DbDirectives(db)))
        started = time.perf_counter()
        Library.build_from(inputs, vocabulary=lambda: load_vocabulary(db))
        result["index_build_s"] = round(time.perf_counter() - started, 3)
    result["loadavg_1min"] = round(os.getloadavg()[0], 2)
    return result


def _ask_times(library: Any, questions: list[str]) -> dict[str, Any]:
    try:
        from knowledge.answer.ask import answer_question
    except ImportError:
        return {"error": "knowledge.answer.answer_question not available"}

    def ask(question: str) -> Any:
        return answer_question(library, question)

    timed(ask, questions[:10], budget_s=60)
    times = timed(ask, questions, budget_s=ASK_BUDGET_S)
    worst = sorted(zip(times, questions, strict=False), reverse=True)[:5]
    return {**summary(times), "slowest": [[round(t, 1), q] for t, q in worst]}


def main() -> int:
    """Prepare data, measure cold then warm in child processes, write and print the results."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--no-ask", action="store_true", help="skip answer_question timings")
    parser.add_argument("--measure", choices=("cold", "warm"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        warm = args.measure == "warm"
        found = measure(args.docs, args.seed, args.queries, warm, ask=not (warm or args.no_ask))
        print(json.dumps(found))
        return 0
    db_path = bench_db(args.docs, args.seed)
    shutil.rmtree(db_path.with_name(db_path.name + ".index"), ignore_errors=True)
    result = _child(args, "cold")
    result["warm"] = _child(args, "warm")
    result["command"] = f"python benchmarks/search_bench.py --docs {args.docs}" + (
        " --no-ask" if args.no_ask else ""
    )
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"search_{args.docs}.json"
    out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    _print(result)
    return 0


def _child(args: argparse.Namespace, mode: str) -> dict[str, Any]:
    """One measurement in a fresh process (start-up memory is the process's own)."""
    command = [sys.executable, __file__, "--measure", mode, "--docs", str(args.docs)]
    command += ["--seed", str(args.seed), "--queries", str(args.queries)]
    if args.no_ask:
        command.append("--no-ask")
    child = subprocess.run(command, check=True, capture_output=True, text=True)
    found: dict[str, Any] = json.loads(child.stdout.strip().splitlines()[-1])
    return found


def _print(r: dict[str, Any]) -> None:
    w = r["warm"]
    ask = r.get("ask_ms", {})
    rows = [
        ("documents / passages", f"{r['docs']} / {r['passages']}"),
        ("start-up cold / warm", f"{r['startup_s']} / {w['startup_s']} s"),
        ("index build only", f"{r['index_build_s']} s"),
        ("lookup p50 / p95 (cold)", f"{r['lookup_ms']['p50']} / {r['lookup_ms']['p95']} ms"),
        ("lookup p50 / p95 (warm)", f"{w['lookup_ms']['p50']} / {w['lookup_ms']['p95']} ms"),
        ("search p50 / p95 (cold)", _pair(r["search_ms"], "ms")),
        ("search p50 / p95 (warm)", _pair(w["search_ms"], "ms")),
        ("rank documents p50 / p95 (warm)", _pair(w["rank_docs_ms"], "ms")),
        ("ask p50 / p95", f"{ask.get('p50')} / {ask.get('p95')} ms"),
        (
            "RSS after start-up cold/warm",
            f"{_rss(r['rss_after_startup_mb'])} / {_rss(w['rss_after_startup_mb'])}",
        ),
        (
            "RSS after queries cold/warm",
            f"{_rss(r['rss_after_queries_mb'])} / {_rss(w['rss_after_queries_mb'])}",
        ),
        ("index arrays", f"{r['index_mb']} MB"),
        ("exact-number lookup hit@1", str(r["lookup_exact_hit1"])),
        ("load average (1 min)", str(r["loadavg_1min"])),
    ]
    for name, value in rows:
        print(f"{name:<30} {value}")


def _pair(d: dict[str, float], unit: str) -> str:
    return f"{d['p50']} / {d['p95']} {unit}"


def _rss(d: dict[str, float]) -> str:
    """Resident now (peak so far)."""
    return f"{d['vm_rss']} ({d['ru_maxrss']} peak) MB"


if __name__ == "__main__":
    sys.exit(main())
