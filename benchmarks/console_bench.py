"""The web console's status board: render time and page weight for 300 branches × 50 deadlines.

Builds a scratch SQLite database with BRANCHES branches and DEADLINES approved deadlines
(every branch assigned, states spread over đúng hạn, trễ hạn, quá hạn, trong hạn and miễn),
then times what GET /web/ does: reading the cells (`bot.web.console.board.build`) and
rendering the page (board.html), several runs each; and weighs the page: its HTML and the
CSS and JavaScript it loads, raw and gzip-compressed (what a reverse proxy would send).

Run: .venv/bin/python benchmarks/console_bench.py [--branches 300] [--deadlines 50] [--runs 5]
Writes benchmarks/results/console.json.
"""

from __future__ import annotations

import argparse
import gzip
import json
import platform
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlmodel import col, update  # noqa: E402

from bot.app import build_app  # noqa: E402
from bot.web.console.board import Filters, build  # noqa: E402
from bot.web.console.pages import STATIC, render_text, state_css  # noqa: E402
from core.clock import FakeClock  # noqa: E402
from core.settings import Settings  # noqa: E402
from storage.models.org import Assignment, Deadline  # noqa: E402
from storage.repos.assignments import ensure_assignments  # noqa: E402
from storage.repos.deadlines import add_deadline  # noqa: E402
from storage.repos.org import add_branch  # noqa: E402

RESULT = ROOT / "benchmarks" / "results" / "console.json"
NOW = datetime(2024, 5, 2, 2, 0, tzinfo=UTC)


def fill(app: Any, branches: int, deadlines: int) -> None:
    """Branches, approved deadlines (half already due) and their assignments in mixed states."""
    rng = random.Random(17)
    for i in range(branches):
        add_branch(app.db, f"CB{i + 1:03d}", f"Chi bộ Trường số {i + 1}", NOW)
    tz = app.ctx.tz
    for j in range(deadlines):
        due = NOW + timedelta(days=j - deadlines // 2)
        row = add_deadline(app.db, Deadline(title=f"Báo cáo chuyên đề số {j + 1} năm 2024",
                                            due_at=due, status="approved", created_at=NOW,
                                            approved_at=NOW))  # fmt: skip
        ensure_assignments(app.db, row, NOW, tz)
    with app.db.session() as session:
        ids = list(session.exec(col(Assignment.id).expression.table.select()).all())
        for assignment in ids:
            state = rng.choice(("pending", "pending", "submitted", "late", "exempt"))
            values: dict[str, Any] = {"state": state}
            if state in ("submitted", "late"):
                values["submitted_at"] = NOW - timedelta(hours=rng.randint(1, 200))
            session.execute(update(Assignment).where(col(Assignment.id) == assignment.id)
                            .values(**values))  # fmt: skip


def timed(fn: Any, runs: int) -> tuple[list[float], Any]:
    """Seconds of each run, and the last result."""
    seconds, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        seconds.append(time.perf_counter() - start)
    return seconds, result


def summary(seconds: list[float]) -> dict[str, float]:
    """Median, min and max in milliseconds."""
    ms = [s * 1000 for s in seconds]
    return {"median_ms": round(statistics.median(ms), 1), "min_ms": round(min(ms), 1),
            "max_ms": round(max(ms), 1)}  # fmt: skip


def main() -> None:
    """Measure and write the JSON result."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--branches", type=int, default=300)
    parser.add_argument("--deadlines", type=int, default=50)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(database_url=f"sqlite:///{folder}/bench.db", _env_file=None)  # type: ignore[call-arg]
        app = build_app(settings, clock=FakeClock(NOW))
        fill(app, args.branches, args.deadlines)
        data_s, board = timed(lambda: build(app.ctx, Filters()), args.runs)
        render_s, html = timed(lambda: render_text("board.html", board=board, filters=Filters(),
                                                   query="", nothing=""), args.runs)  # fmt: skip
        app.db.dispose()
    assets = {
        "html": html.encode(),
        "console.css": (STATIC / "console.css").read_bytes(),
        "states.css": state_css().encode(),
        "console.js": (STATIC / "console.js").read_bytes(),
    }
    total = [d + r for d, r in zip(data_s, render_s, strict=True)]
    result = {
        "what": "GET /web/ status board: reading the cells and rendering the page",
        "command": f".venv/bin/python benchmarks/console_bench.py --branches {args.branches} "
        f"--deadlines {args.deadlines} --runs {args.runs}",
        "branches": len(board.rows),
        "deadlines": len(board.columns),
        "cells": len(board.rows) * len(board.columns),
        "read_cells": summary(data_s),
        "render_html": summary(render_s),
        "total": summary(total),
        "page_weight_bytes": {name: len(body) for name, body in assets.items()},
        "page_weight_total_bytes": sum(len(b) for b in assets.values()),
        "page_weight_gzip_bytes": sum(len(gzip.compress(b)) for b in assets.values()),
        "machine": f"{platform.machine()}, Python {platform.python_version()}, 2 shared cores",
    }
    RESULT.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
