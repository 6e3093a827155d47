"""`danvan lookup` and `danvan ask`: single queries or `--batch FILE`, text or JSON.

JSON shapes (DESIGN.md): lookup prints {"query","matches":[{"number","title","file",
"ingested","cited_by":[{"number","file"}],"score",...}],"ambiguous","elapsed_ms"}; ask
prints {"question","answer","sources":[{"file","number","title","section","excerpt"}],
"elapsed_ms"}. `--batch` reads one query a line and prints one JSON object a line (JSON
is implied). elapsed_ms is the time of that one answer, after the library is loaded.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Iterator
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from bot.cli.common import open_app, print_json, settings
from handlers.context import department_library
from knowledge.search.library import Library

Run = Callable[[Library, str], tuple[dict[str, Any], str]]


def register(sub: argparse._SubParsersAction) -> None:
    """Add lookup and ask."""
    lookup = sub.add_parser("lookup", help="tìm văn bản theo số hoặc tiêu đề")
    _arguments(lookup, "QUERY", "số hoặc từ khóa, ví dụ: 89-KH/TU, kh 89")
    lookup.set_defaults(func=cmd_lookup)
    ask = sub.add_parser("ask", help="hỏi đáp dựa trên các văn bản đã nạp")
    _arguments(ask, "QUESTION", "câu hỏi, ví dụ: hạn nộp báo cáo 6 tháng?")
    ask.set_defaults(func=cmd_ask)


def _arguments(parser: argparse.ArgumentParser, metavar: str, help_text: str) -> None:
    parser.add_argument("text", nargs="*", metavar=metavar, help=help_text)
    parser.add_argument("--batch", type=Path, metavar="FILE", help="mỗi dòng một truy vấn")
    parser.add_argument("--json", action="store_true", help="in kết quả dạng JSON")


def cmd_lookup(args: argparse.Namespace) -> int:
    """Look documents up by number or title."""
    return _run(args, lookup_one)


def cmd_ask(args: argparse.Namespace) -> int:
    """Answer questions from the documents ("today" is the office's date, for deadlines)."""
    today = datetime.now(ZoneInfo(settings().timezone)).date()
    return _run(args, partial(ask_one, today=today))


def lookup_one(library: Library, query: str) -> tuple[dict[str, Any], str]:
    """One lookup: its JSON object and its readable reply."""
    from knowledge.answer.lookups import format_lookup

    started = time.perf_counter()
    result = library.lookup(query)
    elapsed = (time.perf_counter() - started) * 1000
    data = {
        "query": query,
        "matches": [m.to_json() for m in result.matches],
        "ambiguous": result.ambiguous,
        "elapsed_ms": round(elapsed, 3),
    }
    return data, format_lookup(result, library)


def ask_one(
    library: Library, question: str, today: date | None = None
) -> tuple[dict[str, Any], str]:
    """One question: its JSON object and the answer text."""
    from knowledge.answer.ask import answer_question

    started = time.perf_counter()
    answer = answer_question(library, question, today=today)
    elapsed = (time.perf_counter() - started) * 1000
    sources = [
        {
            "file": s.file,
            "number": s.number,
            "title": s.title,
            "section": s.section,
            "excerpt": s.excerpt,
        }
        for s in answer.sources
    ]
    data = {
        "question": question,
        "answer": answer.text,
        "sources": sources,
        "elapsed_ms": round(elapsed, 3),
    }
    return data, answer.text


def _queries(args: argparse.Namespace) -> Iterator[str] | None:
    if args.batch is not None:
        try:
            lines = args.batch.read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            print(f"Không đọc được tệp {args.batch}: {exc.strerror}", file=sys.stderr)
            return None
        return (line.strip() for line in lines if line.strip())
    text = " ".join(args.text).strip()
    if not text:
        print("Hãy nhập nội dung cần tìm hoặc câu hỏi (hoặc --batch TỆP).", file=sys.stderr)
        return None
    return iter([text])


def _run(args: argparse.Namespace, run: Run) -> int:
    queries = _queries(args)
    if queries is None:
        return 2
    app = open_app()
    try:
        library = department_library(app.ctx)
        as_json = args.json or args.batch is not None
        for query in queries:
            data, text = run(library, query)
            if as_json:
                print_json(data)
            else:
                print(text)
                print()
    finally:
        app.db.dispose()
    return 0
