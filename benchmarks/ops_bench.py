"""Running it for real: start-up to a healthy /healthz, and backup/restore of a big database.

1. start-up: `python -m bot run` as a subprocess against the fake Bot API server (long
   polling, HTTP_PORT=0), timed from the process start to the first 200 from /healthz
   (the database migrated, Telegram connected, the scheduler's first sweep done); on a
   fresh database and on the 10,000-document benchmark database, several runs each;
2. backup: `danvan backup` of the 10,000-document database (benchmarks/search_data.py
   makes it once, ~4 minutes), while nothing else writes, and `danvan restore` of that
   copy into a scratch database; sizes and seconds.

Run: .venv/bin/python benchmarks/ops_bench.py [--runs 5] [--docs 10000]
Writes benchmarks/results/ops.json.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from search_data import bench_db  # noqa: E402

from tests.fakes.bot_process import TOKEN, BotProcess, bot_env  # noqa: E402
from tests.fakes.telegram_server import FakeTelegram  # noqa: E402

RESULT = ROOT / "benchmarks" / "results" / "ops.json"


def healthy_after(fake: FakeTelegram, env: dict[str, str], log: Path) -> float:
    """Seconds from starting `danvan run` to the first 200 from /healthz (then SIGTERM)."""
    bot = BotProcess(fake, env, log)
    started = time.perf_counter()
    bot.start(timeout=120)
    url = bot.web_url(timeout=120) + "/healthz"
    try:
        while True:
            try:
                with urllib.request.urlopen(url, timeout=5):
                    return time.perf_counter() - started
            except urllib.error.HTTPError as exc:  # 503 while the first sweep runs
                exc.close()
            time.sleep(0.02)
    finally:
        assert bot.stop(60) == 0, bot.log()[-2000:]


def startup(runs: int, big: Path, work: Path) -> dict[str, Any]:
    """Start-up seconds on a fresh database and on a copy of the big one."""
    fake = FakeTelegram(token=TOKEN).start()
    series: dict[str, list[float]] = {"fresh_db": [], "db_10000_docs": []}
    copy = work / "big.db"
    cli(["backup", str(copy)], big)  # the copy a bot may write to
    try:
        for n in range(runs):
            fresh = bot_env(fake, work, DATABASE_URL=f"sqlite:///{work / f'fresh{n}.db'}")
            series["fresh_db"].append(healthy_after(fake, fresh, work / "fresh.log"))
            loaded = bot_env(fake, work, DATABASE_URL=f"sqlite:///{copy}")
            series["db_10000_docs"].append(healthy_after(fake, loaded, work / "big.log"))
    finally:
        fake.stop()
    return {k: summary(v) for k, v in series.items()}


def cli(args: list[str], database: Path) -> tuple[dict[str, Any], float]:
    """`python -m bot ARGS --json` on a database; its JSON and the wall-clock seconds."""
    env = {"DATABASE_URL": f"sqlite:///{database}", "PYTHONPATH": str(ROOT), "PATH": ""}
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "bot", *args, "--json"], env=env, cwd=database.parent,
        capture_output=True, text=True, timeout=1800, check=True,
    )  # fmt: skip
    return json.loads(done.stdout), time.perf_counter() - started


def backup_restore(big: Path, work: Path) -> dict[str, Any]:
    """Backup of the big database and restore of the copy into a scratch database."""
    made, wall = cli(["backup", str(work / "backup.db")], big)
    scratch = work / "scratch" / "danvan.db"
    scratch.parent.mkdir()
    restored, restore_wall = cli(["restore", str(work / "backup.db")], scratch)
    return {
        "database_mb": round(big.stat().st_size / 1e6, 1),
        "backup_mb": round(made["bytes"] / 1e6, 1),
        "backup_seconds": round(made["seconds"], 2),
        "backup_command_seconds": round(wall, 2),
        "restore_seconds": round(restored["seconds"], 2),
        "restore_command_seconds": round(restore_wall, 2),
    }


def summary(values: list[float]) -> dict[str, Any]:
    """Median and range of a series, in seconds."""
    return {
        "runs": len(values),
        "median_s": round(statistics.median(values), 2),
        "min_s": round(min(values), 2),
        "max_s": round(max(values), 2),
    }


def main() -> None:
    """Measure, print and save."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--docs", type=int, default=10000)
    args = parser.parse_args()
    big = bench_db(args.docs)
    with tempfile.TemporaryDirectory(prefix="danvan-ops-") as tmp:
        work = Path(tmp)
        result = {
            "what": "start-up to a healthy /healthz; backup and restore of the benchmark database",
            "command": f".venv/bin/python benchmarks/ops_bench.py --runs {args.runs} "
            f"--docs {args.docs}",
            "docs": args.docs,
            "backup": backup_restore(big, work),
            "startup": startup(args.runs, big, work),
            "python": platform.python_version(),
            "machine": platform.machine(),
            "at": datetime.now(UTC).isoformat(timespec="seconds"),
        }
    RESULT.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
