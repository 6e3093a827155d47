"""Parse throughput and peak memory over a generated corpus of directives.

    python -m benchmarks.parse_bench [--docs 1000] [--seed 7] [--out benchmarks/results/parse.json]

The corpus comes from benchmarks/corpus_gen.py (synthetic directives in the style of the
department's documents, about 30 sections each). Generation is not timed. The timing
pass runs without tracemalloc (it slows allocation down); a second pass measures the
tracemalloc peak of parsing one document at a time, as ingest does. ru_maxrss is the
whole process's high-water mark (interpreter, corpus and all), in MB.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import sys
import time
import tracemalloc
from pathlib import Path
from typing import Any

from benchmarks.corpus_gen import generate
from knowledge.parse.directive import parse_text

DEFAULT_OUT = Path(__file__).parent / "results" / "parse.json"


def _timing_pass(docs: list[tuple[str, str]]) -> tuple[float, float, dict[str, int]]:
    """Wall and CPU seconds to parse every document, and totals of what was found."""
    counts = {"sections": 0, "references": 0, "tasks": 0, "deadlines": 0, "numbered": 0}
    cpu_started = time.process_time()
    started = time.perf_counter()
    for name, text in docs:
        directive = parse_text(text, name)
        counts["sections"] += len(directive.sections)
        counts["references"] += len(directive.references)
        counts["tasks"] += len(directive.tasks)
        counts["deadlines"] += len(directive.deadlines)
        counts["numbered"] += directive.number is not None
    return time.perf_counter() - started, time.process_time() - cpu_started, counts


def _memory_pass(docs: list[tuple[str, str]]) -> float:
    """tracemalloc peak (MB) while parsing the documents one at a time."""
    tracemalloc.start()
    for name, text in docs:
        parse_text(text, name)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 1024 / 1024


def _scaling(text: str) -> dict[str, float]:
    """CPU milliseconds to parse one document repeated 1, 4 and 16 times (linear = x4, x16)."""
    times: dict[str, float] = {}
    for copies in (1, 4, 16):
        started = time.process_time()
        parse_text("\n".join([text] * copies))
        times[f"x{copies}"] = round((time.process_time() - started) * 1000, 1)
    return times


def _maxrss_mb() -> float:
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / 1024 / 1024 if sys.platform == "darwin" else rss / 1024  # bytes vs KiB


def run(n_docs: int, seed: int) -> dict[str, Any]:
    """Generate, parse and measure; returns the result record."""
    docs = list(generate(n_docs, seed))
    chars = sum(len(text) for _, text in docs)
    parse_text(docs[0][1])  # warm-up: imports and regex compilation are not throughput
    seconds, cpu_seconds, counts = _timing_pass(docs)
    peak = _memory_pass(docs)
    scaling = _scaling(docs[0][1])
    return {
        "n_docs": n_docs,
        "seed": seed,
        "total_chars": chars,
        "total_seconds": round(seconds, 3),
        "docs_per_second": round(n_docs / seconds, 1),
        "cpu_seconds": round(cpu_seconds, 3),
        "docs_per_cpu_second": round(n_docs / cpu_seconds, 1),
        "mb_text_per_second": round(chars / seconds / 1_000_000, 3),
        "ms_per_doc_mean": round(seconds / n_docs * 1000, 3),
        "peak_memory_mb": round(peak, 2),
        "peak_memory_mb_tracemalloc": round(peak, 2),
        "ru_maxrss_mb": round(_maxrss_mb(), 1),
        "found": counts,
        "scaling_cpu_ms": scaling,
        # Wall time is only meaningful on an idle machine: compare with cpu_seconds.
        "load_average_1m": round(os.getloadavg()[0], 2),
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "machine": platform.machine(),
    }


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark, write the JSON result and print a summary."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    result = run(args.docs, args.seed)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(
        f"parsed {result['n_docs']} documents ({result['total_chars'] / 1e6:.1f} M characters) "
        f"in {result['total_seconds']} s ({result['cpu_seconds']} s CPU): "
        f"{result['docs_per_second']} docs/s ({result['docs_per_cpu_second']} per CPU second), "
        f"{result['ms_per_doc_mean']} ms/doc; peak {result['peak_memory_mb']} MB (tracemalloc), "
        f"ru_maxrss {result['ru_maxrss_mb']} MB"
    )
    print(f"found: {result['found']}")
    print(f"one document repeated x1/x4/x16, CPU ms: {result['scaling_cpu_ms']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
