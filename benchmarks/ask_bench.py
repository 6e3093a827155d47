"""Question answering latency over a generated library, per kind of question.

    python benchmarks/ask_bench.py --docs 1000
    python benchmarks/ask_bench.py --docs 10000

Reuses search_bench's cached parsed corpus and SQLite database in benchmarks/data/
(building them first if missing), loads the library as the bot does
(LibraryService(db).get()), then times answer_question in process over a fixed set of
questions of every kind, built from the corpus's own numbers, titles, units and deadline
labels (seeded, so every run asks the same ones), after a warm-up. Also counts how many
directives each question reads from the database. Writes benchmarks/results/ask_N.json.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from search_bench import RESULTS, bench_db, rss_mb, summary  # noqa: E402

from knowledge.answer.ask import answer_question  # noqa: E402
from knowledge.vi.textnorm import fold  # noqa: E402

TODAY = date(2024, 5, 2)  # the dialog tests' clock
PER_KIND = 24  # questions of each kind: 9 kinds, 216 questions
WARM_UP = 20


def _vocabulary(library: Any, rng: random.Random) -> dict[str, list[str]]:
    """Units and deadline labels of a sample of documents (read once, before timing)."""
    units: set[str] = set()
    labels: set[str] = set()
    for doc in rng.sample(library.docs, min(40, len(library.docs))):
        d = doc.directive
        units.update(t.unit for t in d.tasks if t.unit)
        labels.update(x.label for x in d.deadlines if x.label)
    return {"units": sorted(units) or ["Ban Tuyên giáo"], "labels": sorted(labels) or ["báo cáo"]}


Maker = Callable[[Any], str]


def questions(library: Any, seed: int) -> list[tuple[str, str, bool]]:
    """(kind, question, names a document) triples, PER_KIND of each kind, some without
    diacritics. About half the questions name no document: they are asked by topic
    (title words, a deadline's label) or about every document (a month, a unit)."""
    rng = random.Random(seed)
    vocab = _vocabulary(library, rng)
    numbered = [d for d in library.docs if d.number and d.title]
    cited = [k for k, docs in library._implementing.items() if docs]

    def topic(d: Any) -> str:
        return " ".join(d.title.split()[:6])

    def month(d: Any) -> str:
        return f"tháng {rng.randint(1, 12)}/{rng.randint(2015, 2025)} có hạn gì?"

    def quarter(d: Any) -> str:
        return rng.choice(
            [f"quý {rng.randint(1, 4)}/{rng.randint(2015, 2025)} có hạn gì?", "tuần này có hạn gì?"]
        )

    # kind: (a question naming the document by number, one naming none); None: no such.
    makers: dict[str, tuple[Maker | None, Maker | None]] = {
        "deadline": (
            lambda d: f"Hạn nộp báo cáo của {d.number}?",
            lambda d: f"Hạn nộp {rng.choice(vocab['labels']).lower()}?",
        ),
        "signer": (lambda d: f"Ai ký {d.number}?", lambda d: f"Ai ký {topic(d)}?"),
        "issued": (
            lambda d: f"{d.doc_type_name} {d.number} ban hành ngày nào?",
            lambda d: f"{topic(d)} ban hành ngày nào?",
        ),
        "basis": (
            lambda d: f"{d.number} thực hiện văn bản nào?",
            lambda d: f"{topic(d)} căn cứ văn bản nào?",
        ),
        "generic": (
            lambda d: f"{d.number} yêu cầu gì về {topic(d).lower()}?",
            lambda d: f"Nhiệm vụ về {topic(d)} là gì?",
        ),
        "implementing": (
            lambda d: f"Văn bản nào thực hiện {_cited(library, rng, cited, d)}?",
            None,
        ),
        "month": (None, month),
        "quarter": (None, quarter),
        "unit": (None, lambda d: f"{rng.choice(vocab['units'])} phải làm gì?"),
    }
    found = []
    for kind, (named, unnamed) in makers.items():
        for i in range(PER_KIND):
            names = named is not None and (i % 2 == 0 or unnamed is None)
            make = named if names else unnamed
            assert make is not None
            question = make(rng.choice(numbered))
            found.append((kind, fold(question) if rng.random() < 0.3 else question, names))
    return found


def _cited(library: Any, rng: random.Random, cited: list[str], doc: Any) -> str:
    """A number that stored documents implement (half the time), else a stored one."""
    if cited and rng.random() < 0.5:
        entries = library.catalogue.by_key.get(rng.choice(cited)) or []
        if entries and entries[0].number:
            return str(entries[0].number)
    return str(doc.number)


def _counting(library: Any) -> list[int]:
    """Counts directive reads from the database (cache misses) in reads[0]."""
    reads = [0]
    source = next((d._source for d in library.docs if d._source is not None), None)
    if source is None:
        return reads
    load = source.load

    def counted(doc_id: int) -> Any:
        if doc_id not in source._cache:
            reads[0] += 1
        return load(doc_id)

    source.load = counted
    return reads


def measure(n: int, seed: int) -> dict[str, Any]:
    """Start the library from the database, then time every question."""
    from storage.db import Database
    from storage.repos.library import LibraryService

    db = Database(f"sqlite:///{bench_db(n, seed)}")
    db.upgrade()
    started = time.perf_counter()
    library = LibraryService(db).get()
    result: dict[str, Any] = {"docs": n, "startup_s": round(time.perf_counter() - started, 2)}
    asked = questions(library, seed)
    for _, question, _ in random.Random(seed + 1).sample(asked, WARM_UP):
        answer_question(library, question, TODAY)
    reads = _counting(library)
    times: dict[str, list[float]] = defaultdict(list)
    most_reads: list[tuple[int, str]] = []
    slowest: list[tuple[float, str]] = []
    by_naming: dict[str, list[float]] = defaultdict(list)
    for kind, question, names in asked:
        before = reads[0]
        began = time.perf_counter()
        answer_question(library, question, TODAY)
        took = (time.perf_counter() - began) * 1000
        times[kind].append(took)
        by_naming["names a document" if names else "names none"].append(took)
        slowest.append((took, question))
        most_reads.append((reads[0] - before, question))
    result["ask_ms"] = summary([t for kind_times in times.values() for t in kind_times])
    result["by_kind_ms"] = {kind: summary(t) for kind, t in times.items()}
    result["by_naming_ms"] = {name: summary(t) for name, t in by_naming.items()}
    result["names_none_share"] = round(len(by_naming["names none"]) / len(asked), 3)
    result["directive_reads_max"] = max(most_reads)[0]
    result["directive_reads_mean"] = round(sum(r for r, _ in most_reads) / len(most_reads), 1)
    result["slowest"] = [[round(t, 1), q] for t, q in sorted(slowest, reverse=True)[:5]]
    result["rss_mb"] = rss_mb()
    return result


def main() -> int:
    """Measure, write results/ask_N.json and print a table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    result = measure(args.docs, args.seed)
    result["command"] = f"python benchmarks/ask_bench.py --docs {args.docs}"
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"ask_{args.docs}.json"
    out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{'kind':<18} {'p50 ms':>9} {'p95 ms':>9} {'max ms':>9}")
    rows = [*result["by_kind_ms"].items(), *result["by_naming_ms"].items()]
    for kind, s in [*rows, ("overall", result["ask_ms"])]:
        print(f"{kind:<18} {s['p50']:>9} {s['p95']:>9} {s['max']:>9}")
    print(f"questions naming no document: {result['names_none_share']:.0%}")
    print(
        f"start-up {result['startup_s']} s; directive reads per question: "
        f"mean {result['directive_reads_mean']}, max {result['directive_reads_max']}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
