"""Answer latency while another process ingests documents into the same database.

Runs `python -m bot run` against the fake Bot API server (long polling) on one database,
measures the office's "kh 89" lookups and a question idle, then again while a second
process (`danvan ingest`) loads N generated directives into that database. With the
handlers' database work off the event loop, an ingest holding SQLite's write lock (or a
busy PostgreSQL) slows nobody's answer by the lock's length.

Run: .venv/bin/python benchmarks/contention_bench.py [--docs 1000] [--messages 100]
     [--database postgresql]   (a throwaway database on 127.0.0.1:5432)
Writes benchmarks/results/contention_<database>.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.corpus_gen import generate  # noqa: E402
from benchmarks.latency_bench import OFFICE, measure, summary  # noqa: E402
from tests.fakes.bot_process import BotProcess, bot_env  # noqa: E402
from tests.fakes.telegram_server import FakeTelegram  # noqa: E402
from tests.support import SEEDS  # noqa: E402
from tests.support_pg import fresh_pg_database  # noqa: E402

QUESTION = "Báo cáo sơ kết gửi trước ngày nào?"


def write_corpus(folder: Path, n: int) -> None:
    """n generated directives as .txt files."""
    folder.mkdir(parents=True)
    for name, text in generate(n, seed=7):
        (folder / name).write_text(text, encoding="utf-8")


def series(fake: FakeTelegram, bot: BotProcess, count: int) -> dict[str, dict[str, float]]:
    """Lookups and questions from the office, one at a time."""
    return {
        "lookup_kh89": summary(measure(fake, bot, OFFICE, "kh 89", count)),
        "question": summary(measure(fake, bot, OFFICE, QUESTION, count)),
    }


def main() -> int:
    """Run the benchmark and write the JSON result."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--messages", type=int, default=100)
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="sqlite")
    args = parser.parse_args()
    with ExitStack() as stack:
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        shutil.copytree(SEEDS, tmp / "seeds")
        write_corpus(tmp / "corpus", args.docs)
        url = f"sqlite:///{tmp / 'e2e.db'}"
        if args.database == "postgresql":
            url = stack.enter_context(fresh_pg_database())
        fake = FakeTelegram().start()
        stack.callback(fake.stop)
        env = bot_env(fake, tmp, SAMPLES_DIR=str(tmp / "seeds"), LOG_LEVEL="WARNING",
                      ADMIN_CHAT_IDS=",".join(map(str, OFFICE)), DATABASE_URL=url)  # fmt: skip
        bot = BotProcess(fake, env, tmp / "bot.log").start()
        measure(fake, bot, OFFICE, "/help", 25)  # warm-up: imports, caches, the index
        idle = series(fake, bot, args.messages)
        started = time.perf_counter()
        ingest = subprocess.Popen(
            [sys.executable, "-m", "bot", "ingest", str(tmp / "corpus")],
            env={**os.environ, **env}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        busy = series(fake, bot, args.messages)
        still_ingesting = ingest.poll() is None
        ingest_code = ingest.wait()
        ingest_s = time.perf_counter() - started
        code = bot.stop()
    result = {
        "what": "office lookups and questions answered (update queued -> sendMessage), idle and "
        "while another process ingests generated directives into the same database",
        "command": f".venv/bin/python benchmarks/contention_bench.py --docs {args.docs} "
        f"--messages {args.messages} --database {args.database}",
        "database": args.database,
        "idle": idle,
        "while_ingesting": busy,
        "ingest": {
            "docs": args.docs,
            "seconds": round(ingest_s, 1),
            "exit_code": ingest_code,
            "still_running_when_measured": still_ingesting,
        },  # fmt: skip
        "bot_exit_code": code,
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "at": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    out = ROOT / "benchmarks" / "results" / f"contention_{args.database}.json"
    out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
