"""Fan out one reminder to many branch chats through the real send path, with faults.

    python benchmarks/fanout_bench.py                 # 5,000 chats, 30 msg/s, clean + SIGKILL
    python benchmarks/fanout_bench.py --chats 500     # a quicker look
    python benchmarks/fanout_bench.py processes       # real processes on PostgreSQL: one,
                                                      # two, two with the poller SIGKILLed

The path measured is the production one: ReminderScheduler.run_due -> Delivery (token
bucket, per-chat pace, retries) -> TelegramChannel (python-telegram-bot) -> HTTP -> our
fake Bot API (benchmarks/fake_botapi.py), which enforces the rate and injects ~10% faults.
The fan-out runs in a child process on a SQLite file; the SIGKILL scenario kills it after
--kill-after messages arrived, starts it again and lets it finish.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import func, select  # noqa: E402
from sqlmodel import col  # noqa: E402

from benchmarks.fake_botapi import FakeBotAPI  # noqa: E402
from storage.db import Database  # noqa: E402
from storage.leases import Holder  # noqa: E402
from storage.models.messages import Reminder  # noqa: E402
from storage.models.org import Assignment, Member, MemberChat  # noqa: E402
from tests.support_fanout import FIRST_CHAT, seed  # noqa: E402

LEASE = 5.0  # seconds; short so the restarted worker re-sends the killed one's claims


def open_rows(db: Database) -> int:
    """Reminder rows not yet settled."""
    with db.session() as s:
        stmt = (
            select(func.count())
            .select_from(Reminder)
            .where(
                Reminder.status.in_(("planned", "claimed"))  # type: ignore[attr-defined]
            )
        )
        return int(s.execute(stmt).scalar_one())


def claimed_chats(db: Database) -> list[str]:
    """Chats whose reminder row is claimed (in flight) but not marked sent."""
    with db.session() as s:
        rows = s.execute(
            select(col(MemberChat.chat_id))
            .join(Member, col(Member.id) == col(MemberChat.member_id))
            .join(Assignment, col(Assignment.branch_id) == col(Member.branch_id))
            .join(Reminder, col(Reminder.assignment_id) == col(Assignment.id))
            .where(col(Reminder.status) == "claimed")
        ).all()
    return [r[0] for r in rows]


async def worker(db_path: str, base_url: str, rate: float, concurrency: int) -> None:
    """The child process: the production send path until every row is settled."""
    from pydantic import SecretStr

    from bot.app import build_app
    from bot.channels.telegram import TelegramChannel
    from bot.scheduler import ReminderScheduler
    from core.settings import Settings

    settings = Settings(
        database_url=f"sqlite:///{db_path}",
        telegram_bot_token=SecretStr("123:bench"),
        telegram_api_base_url=base_url,
        rate_limit_per_second=rate,
        quiet_hours="",
        samples_dir="/nonexistent",
        _env_file=None,
    )  # type: ignore[call-arg]
    app = build_app(settings)
    channel = TelegramChannel(settings)
    await channel.application.initialize()  # getMe, as at start-up
    app.add_channel(channel)
    sched = ReminderScheduler(
        app, holder=Holder(lease=timedelta(seconds=LEASE)), concurrency=concurrency
    )
    while open_rows(app.db):
        await sched.run_due(app.ctx.clock.now())
        await asyncio.sleep(0.5)  # rows a killed process claimed wait for their timeout
    await channel.application.shutdown()
    app.db.dispose()


def spawn(db_path: Path, api: FakeBotAPI, args: argparse.Namespace) -> subprocess.Popen[bytes]:
    """Start the fan-out child process."""
    cmd = [
        sys.executable,
        str(Path(__file__).resolve()),
        "worker",
        "--db",
        str(db_path),
        "--base-url",
        api.base_url,
        "--rate",
        str(args.rate),
        "--concurrency",
        str(args.concurrency),
    ]
    return subprocess.Popen(cmd, cwd=ROOT)


def wait_for(api: FakeBotAPI, count: int, proc: subprocess.Popen[bytes]) -> None:
    """Block until the server has delivered `count` messages (or the child ended)."""
    while len(api.stats.delivered) < count and proc.poll() is None:
        time.sleep(0.01)


def scenario(
    name: str, args: argparse.Namespace, workdir: Path, kill_after: int | None
) -> dict[str, Any]:
    """One fan-out run; with kill_after, SIGKILL the child mid-way and start it again."""
    db_path = workdir / f"{name}.db"
    seed(f"sqlite:///{db_path}", args.chats)  # the office tests/test_fanout_processes.py uses
    api = FakeBotAPI(
        rate=args.rate, burst=args.rate, lifetime=args.chats / args.rate * 4 + 300
    ).start()
    started = time.monotonic()
    proc = spawn(db_path, api, args)
    kill: dict[str, Any] = {}
    if kill_after:
        wait_for(api, kill_after, proc)
        if proc.poll() is not None:
            api.stop()
            raise SystemExit(f"the worker ended (exit {proc.returncode}) before the kill point")
        os.kill(proc.pid, signal.SIGKILL)
        requests_in_flight = api.stats.in_flight
        proc.wait()
        time.sleep(0.5)  # let requests the dead client left behind finish on the server
        delivered = {c for c, _, _ in api.stats.delivered}
        db = Database(f"sqlite:///{db_path}")
        claimed = claimed_chats(db)
        db.dispose()
        kill = {
            "killed_after_delivered": len(api.stats.delivered),
            "http_requests_in_flight_at_kill": requests_in_flight,
            "rows_claimed_not_sent_at_kill": len(claimed),
            "delivered_but_not_recorded_at_kill": sum(c in delivered for c in claimed),
        }
        proc = spawn(db_path, api, args)
    code = proc.wait(timeout=args.chats / args.rate * 4 + 120)
    elapsed = time.monotonic() - started
    api.stop()
    return summarize(name, args, api, elapsed, code, kill)


def summarize(
    name: str,
    args: argparse.Namespace,
    api: FakeBotAPI,
    elapsed: float,
    code: int,
    kill: dict[str, Any],
) -> dict[str, Any]:
    """Lost and duplicated per chat, rate achieved against the limit."""
    delivered = api.stats.delivered
    per_chat = Counter(c for c, _, _ in delivered)
    expected = {str(FIRST_CHAT + i) for i in range(args.chats)}
    times = sorted(t for _, _, t in delivered)
    span = times[-1] - times[0] if len(times) > 1 else 0.0
    achieved = (len(times) - 1) / span if span else 0.0
    lo, hi = len(times) // 10, len(times) * 9 // 10  # the middle 80%: no ramp, no tail
    steady = (hi - lo) / (times[hi] - times[lo]) if hi > lo and times[hi] > times[lo] else 0.0
    snap = api.stats.snapshot()
    calls = snap["delivered"] + sum(snap["faults"].values())
    injected = sum(v for k, v in snap["faults"].items() if k != "429_rate_limit")
    result = {
        "scenario": name,
        "chats": args.chats,
        "allowed_per_second": args.rate,
        "worker_exit_code": code,
        "messages_delivered": len(delivered),
        "lost": len(expected - set(per_chat)),
        "duplicated": sum(n - 1 for n in per_chat.values() if n > 1),
        "unexpected_chats": len(set(per_chat) - expected),
        "wall_seconds": round(elapsed, 1),
        "send_span_seconds": round(span, 1),
        "achieved_per_second": round(achieved, 2),
        "efficiency": round(achieved / args.rate, 3),
        "steady_per_second": round(steady, 2),
        "http_calls": calls,
        "faults": snap["faults"],
        "injected_fault_share": round(injected / calls, 3) if calls else 0.0,
    }
    if kill:
        result["kill"] = kill
        result["duplicates_within_in_flight"] = (
            result["duplicated"] <= kill["rows_claimed_not_sent_at_kill"]
        )
    return result


def main() -> int:
    """Run the scenarios and write benchmarks/results/fanout.json."""
    if sys.argv[1:2] == ["processes"]:  # benchmarks/fanout_processes.py
        from benchmarks.fanout_processes import main as processes

        return processes(sys.argv[2:])
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command")
    w = sub.add_parser("worker")
    w.add_argument("--db", required=True)
    w.add_argument("--base-url", required=True)
    for p in (parser, w):
        p.add_argument("--rate", type=float, default=30.0)
        p.add_argument("--concurrency", type=int, default=64)
    parser.add_argument("--chats", type=int, default=5000)
    parser.add_argument("--kill-after", type=int, default=None, help="default: a third")
    parser.add_argument("--no-kill", action="store_true")
    parser.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "fanout.json"))
    args = parser.parse_args()
    if args.command == "worker":
        import logging

        logging.basicConfig(level=logging.WARNING)
        asyncio.run(worker(args.db, args.base_url, args.rate, args.concurrency))
        return 0
    runs = []
    with tempfile.TemporaryDirectory() as tmp:
        runs.append(scenario("clean", args, Path(tmp), None))
        print(json.dumps(runs[-1], ensure_ascii=False))
        if not args.no_kill:
            kill_after = args.kill_after or args.chats // 3
            runs.append(scenario("sigkill", args, Path(tmp), kill_after))
            print(json.dumps(runs[-1], ensure_ascii=False))
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    report = {
        "command": "python benchmarks/fanout_bench.py " + " ".join(sys.argv[1:]),
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "runs": runs,
    }
    Path(args.out).write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
