"""Reply latency on Telegram: from an update being queued to sendMessage reaching the server.

Runs `python -m bot run` as a subprocess against the fake Bot API server on 127.0.0.1
(long polling, as in production), sends messages one at a time and times each from the
moment the update is queued on the fake server to the moment the fake server receives
the bot's sendMessage. Two kinds of message: `/start` from a stranger (the plumbing:
polling, routing, one database lookup, sending) and `kh 89` from a registered member
(a document lookup over the seed corpus). Each message waits for its answer before the
next goes, so this is latency without queueing.

Run: .venv/bin/python benchmarks/latency_bench.py [--messages 200]
Writes benchmarks/results/latency.json.
"""

from __future__ import annotations

import argparse
import json
import platform
import shutil
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.fakes.bot_process import BotProcess, bot_env  # noqa: E402
from tests.fakes.telegram_server import Call, FakeTelegram  # noqa: E402
from tests.support import SEEDS  # noqa: E402

RESULT = ROOT / "benchmarks" / "results" / "latency.json"
# Many chats, visited in turn: the delivery layer rightly sends at most one message a second
# to a chat and about 30 a second in all; we measure latency, not that pacing.
STRANGERS = list(range(5000, 5025))
OFFICE = list(range(6000, 6025))  # admin chats: registered members without the invite dance
GAP = 0.05  # seconds between messages: 20 a second, under the global limit


def measure(
    fake: FakeTelegram, bot: BotProcess, chats: list[int], text: str, count: int
) -> list[float]:
    """Milliseconds from queueing each update to the first sendMessage answering it."""
    latencies = []
    for i in range(count):
        chat_id = chats[i % len(chats)]
        started = time.perf_counter()
        before = len(fake.calls_to("sendMessage", chat_id))
        queued = fake.enqueue(fake.text(chat_id, text))

        def answered(chat: int = chat_id, seen: int = before) -> list[Call]:
            return fake.calls_to("sendMessage", chat)[seen:]

        calls = bot.wait(answered, timeout=30)
        latencies.append((calls[0].at - queued) * 1000)
        time.sleep(max(0.0, GAP - (time.perf_counter() - started)))
    return latencies


def summary(latencies: list[float]) -> dict[str, float]:
    """Median, p95 and max in milliseconds."""
    ordered = sorted(latencies)
    p95 = ordered[max(0, round(0.95 * len(ordered)) - 1)]
    return {
        "messages": len(ordered),
        "median_ms": round(statistics.median(ordered), 2),
        "p95_ms": round(p95, 2),
        "max_ms": round(ordered[-1], 2),
    }


def main() -> int:
    """Run the benchmark and write the JSON result."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp_dir:
        tmp = Path(tmp_dir)
        shutil.copytree(SEEDS, tmp / "seeds")
        fake = FakeTelegram().start()
        admins = ",".join(str(chat) for chat in OFFICE)
        env = bot_env(
            fake, tmp, SAMPLES_DIR=str(tmp / "seeds"), LOG_LEVEL="WARNING", ADMIN_CHAT_IDS=admins
        )
        bot = BotProcess(fake, env, tmp / "bot.log").start()
        try:
            measure(fake, bot, STRANGERS, "/help", 25)  # warm-up: imports, caches, connections
            series = {
                "start_stranger": summary(measure(fake, bot, STRANGERS, "/start", args.messages)),
                "lookup_kh89": summary(measure(fake, bot, OFFICE, "kh 89", args.messages)),
            }
        finally:
            code = bot.stop()
            fake.stop()
    result = {
        "what": "update queued on the fake Bot API server -> sendMessage received (long polling)",
        "command": f".venv/bin/python benchmarks/latency_bench.py --messages {args.messages}",
        "series": series,
        "exit_code": code,
        "python": platform.python_version(),
        "machine": platform.machine(),
        "at": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    RESULT.parent.mkdir(parents=True, exist_ok=True)
    RESULT.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(series, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
