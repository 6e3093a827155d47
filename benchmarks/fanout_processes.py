"""Fan-out through real `danvan run` processes on one PostgreSQL database (no rate limit).

    python benchmarks/fanout_bench.py processes              # 2,000 chats
    python benchmarks/fanout_bench.py processes --chats 500

Three runs against the fake Bot API of the tests (tests/fakes/telegram_server.py, which
also serves getUpdates) on a throwaway database each: one process; two processes; two
processes with the polling leader SIGKILLed at 40% of the send-out, default lease (30 s)
and standby retry (10 s). Reminders are due a few seconds after the processes started,
so both wake for them together. Reported: messages a second (first to last reminder),
lost, duplicated, rows the killed process held, how long until the standby polled and
answered, and until every branch was served after the kill.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.fakes.bot_process import BotProcess, Person, bot_env  # noqa: E402
from tests.fakes.telegram_server import FakeTelegram  # noqa: E402
from tests.support_fanout import held_by, outcome, reminders_sent, seed  # noqa: E402
from tests.support_pg import fresh_pg_database  # noqa: E402

START_MARGIN = timedelta(seconds=15)  # processes start before the reminders fall due
ADMIN = 200


def run(chats: int, processes: int, kill: bool, workdir: Path) -> dict[str, Any]:
    """One send-out; with kill, SIGKILL the polling leader at 40% of it."""
    fake = FakeTelegram().start()
    try:
        with fresh_pg_database() as url:
            seed(url, chats, due_in=START_MARGIN)
            env = bot_env(fake, workdir, DATABASE_URL=url, RATE_LIMIT_PER_SECOND="100000")
            env |= {"QUIET_HOURS": "", "LOG_LEVEL": "INFO"}
            bots = [BotProcess(fake, env, workdir / f"p{n}-{kill}.log") for n in range(processes)]
            bots[0].start()
            for bot in bots[1:]:
                bot.start(ready="getMe")
                bot.wait(lambda b=bot: "standing by" in b.log(), 30)
            result: dict[str, Any] = {"processes": processes, "chats": chats}
            try:
                if kill:
                    result |= _kill_leader(fake, url, bots, chats)
                bots[-1].wait(lambda: outcome(fake, chats).lost == 0, chats / 10 + 120)
                time.sleep(1.0)
            finally:
                for bot in bots[1 if kill else 0 :]:
                    bot.stop()
            return result | _figures(fake, chats, result.get("killed_at"))
    finally:
        fake.stop()


def _kill_leader(
    fake: FakeTelegram, url: str, bots: list[BotProcess], chats: int
) -> dict[str, Any]:
    leader, standby = bots[0], bots[1]
    standby.wait(lambda: reminders_sent(fake, chats) >= chats * 2 // 5, 120)
    assert leader.proc is not None
    os.kill(leader.proc.pid, signal.SIGKILL)
    killed_at = time.perf_counter()
    leader.proc.wait(5)
    held = held_by(url, leader.proc.pid)
    sent_at_kill = reminders_sent(fake, chats)
    standby.wait(lambda: "this process polls" in standby.log(), 60)
    polled = time.perf_counter() - killed_at
    Person(standby, ADMIN).send("/help", until="Các lệnh")
    return {
        "killed_at": killed_at,
        "sent_before_kill": sent_at_kill,
        "rows_held_by_killed_process": held,
        "polling_taken_over_after_seconds": round(polled, 1),
        "help_answered_after_kill_seconds": round(time.perf_counter() - killed_at, 1),
    }


def _figures(fake: FakeTelegram, chats: int, killed_at: float | None) -> dict[str, Any]:
    result = outcome(fake, chats)
    first = min(
        (c.at for c in fake.calls_to("sendMessage") if c.chat_id != str(ADMIN)), default=0.0
    )
    span = result.last_at - first
    out: dict[str, Any] = {
        "delivered": result.delivered,
        "lost": result.lost,
        "duplicated": result.duplicated,
        "send_span_seconds": round(span, 2),
        "messages_per_second": round(result.delivered / span, 1) if span else None,
    }
    if killed_at is not None:
        out["all_served_after_kill_seconds"] = round(result.last_at - killed_at, 1)
    return out


def main(argv: list[str]) -> int:
    """Run the three scenarios and write benchmarks/results/fanout_processes.json."""
    import argparse

    parser = argparse.ArgumentParser(prog="fanout_bench.py processes")
    parser.add_argument("--chats", type=int, default=2000)
    parser.add_argument("--out", default=str(ROOT / "benchmarks/results/fanout_processes.json"))
    args = parser.parse_args(argv)
    runs = []
    with tempfile.TemporaryDirectory() as tmp:
        for processes, kill in ((1, False), (2, False), (2, True)):
            runs.append(run(args.chats, processes, kill, Path(tmp)))
            runs[-1].pop("killed_at", None)
            print(json.dumps(runs[-1], ensure_ascii=False), flush=True)
    report = {
        "command": "python benchmarks/fanout_bench.py processes " + " ".join(argv),
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "settings": "RATE_LIMIT_PER_SECOND=100000 (no limit), default lease 30 s, retry 10 s",
        "runs": runs,
    }
    Path(args.out).write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    return 0
