"""A flood from one chat against another chat's answers, on Telegram, with the real pacer.

Runs `python -m bot run` as a subprocess against the fake Bot API server on 127.0.0.1
(long polling, the real clock, so the delivery layer really sends at most one message a
second to a chat). One chat queues 1,000 messages at once; meanwhile the office sends a
message every OFFICE_GAP seconds and each is timed from the moment its update is queued
on the fake server to the moment the server receives the bot's sendMessage to the office.
The flooder is a member (FLOOD_MESSAGES_PER_MINUTE) in one run and a stranger
(FLOOD_STRANGER_PER_MINUTE) in the other; the drops are read from /metrics.

Run: .venv/bin/python benchmarks/flood_bench.py [--flood 1000] [--office 20]
Writes benchmarks/results/flood.json.
"""

from __future__ import annotations

import argparse
import json
import platform
import re
import statistics
import sys
import tempfile
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.fakes.bot_process import BotProcess, bot_env  # noqa: E402
from tests.fakes.telegram_server import Call, FakeTelegram  # noqa: E402

RESULT = ROOT / "benchmarks" / "results" / "flood.json"
OFFICE, MEMBER_FLOODER, STRANGER_FLOODER = 200, 7000, 9000
OFFICE_GAP = 2.0  # seconds between the office's messages: its own 1/s pace never queues them
SETTLE = 3.0  # seconds without a new message to the flooder before its answers count as done


def office_latencies(fake: FakeTelegram, bot: BotProcess, count: int) -> list[float]:
    """Milliseconds from queueing each office message to its answer reaching the server."""
    latencies = []
    for _ in range(count):
        started = time.perf_counter()
        before = len(fake.calls_to("sendMessage", OFFICE))
        queued = fake.enqueue(fake.text(OFFICE, "/help"))

        def answered(seen: int = before) -> list[Call]:
            return fake.calls_to("sendMessage", OFFICE)[seen:]

        calls = bot.wait(answered, timeout=60)
        latencies.append((calls[0].at - queued) * 1000)
        time.sleep(max(0.0, OFFICE_GAP - (time.perf_counter() - started)))
    return latencies


def flooder_done(fake: FakeTelegram, chat: int, timeout: float = 120.0) -> list[Call]:
    """The flooder's answers once no new one has come for SETTLE seconds."""
    deadline = time.monotonic() + timeout
    seen, quiet_since = -1, time.monotonic()
    while time.monotonic() < deadline:
        calls = fake.calls_to("sendMessage", chat)
        if len(calls) != seen:
            seen, quiet_since = len(calls), time.monotonic()
        elif time.monotonic() - quiet_since >= SETTLE:
            return calls
        time.sleep(0.1)
    raise TimeoutError("the flooder's answers never settled")


def counter(metrics: str, name: str) -> float:
    """A counter's value for the telegram channel from the Prometheus text."""
    found = re.search(rf'^{name}_total\{{channel="telegram"\}} (\S+)$', metrics, re.M)
    return float(found.group(1)) if found else 0.0


def run(flooder: int, flood: int, office: int, tmp: Path) -> dict[str, Any]:
    """One run: the flooder queues `flood` messages, the office sends `office` meanwhile."""
    fake = FakeTelegram(token="123:ABC").start()
    admins = f"{OFFICE},{MEMBER_FLOODER}"  # a member flooder is office staff here
    env = bot_env(fake, tmp, ADMIN_CHAT_IDS=admins, LOG_LEVEL="INFO")
    bot = BotProcess(fake, env, tmp / "bot.log").start()
    try:
        base = bot.web_url()
        started = time.perf_counter()
        for n in range(flood):
            fake.enqueue(fake.text(flooder, f"kh {n}"))
        latencies = office_latencies(fake, bot, office)
        answers = flooder_done(fake, flooder)
        with urllib.request.urlopen(f"{base}/metrics", timeout=10) as response:
            metrics = response.read().decode()
    finally:
        code = bot.stop()
        fake.stop()
    ordered = sorted(latencies)
    p95 = ordered[max(0, round(0.95 * len(ordered)) - 1)]
    texts = [c.params.get("text", "") for c in answers]
    return {
        "flooder": "member" if flooder == MEMBER_FLOODER else "stranger",
        "flood_messages": flood,
        "office_messages": office,
        "office_p50_ms": round(statistics.median(latencies), 1),
        "office_p95_ms": round(p95, 1),
        "office_max_ms": round(max(latencies), 1),
        "office_ms": [round(x) for x in latencies],
        "flooder_answers": len(answers),
        "flooder_slow_down_notices": sum("gửi nhanh quá" in t for t in texts),
        "flooder_last_answer_s": round(answers[-1].at - started, 1) if answers else None,
        "dropped_metric": counter(metrics, "danvan_flood_dropped"),
        "notices_metric": counter(metrics, "danvan_flood_notices"),
        "exit_code": code,
    }


def main() -> None:
    """Both runs; prints and writes the JSON result."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--flood", type=int, default=1000)
    parser.add_argument("--office", type=int, default=20)
    args = parser.parse_args()
    runs = []
    for flooder in (MEMBER_FLOODER, STRANGER_FLOODER):
        with tempfile.TemporaryDirectory() as tmp:
            runs.append(run(flooder, args.flood, args.office, Path(tmp)))
            print(json.dumps(runs[-1], ensure_ascii=False))
    result = {
        "what": "one chat floods while the office's answers are timed (real pacer, polling)",
        "command": f"python benchmarks/flood_bench.py --flood {args.flood} --office {args.office}",
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()}, Python {platform.python_version()}",
        "runs": runs,
    }
    RESULT.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
