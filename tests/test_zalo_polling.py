"""Zalo long polling: no tight loop, quota and refusals waited out, nothing lost at shutdown.

The poller runs against a scripted client whose answers the test controls; its sleep and
clock are injected, so no test waits for real.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any, cast

import pytest

from bot.channels.base import TokenRejected
from bot.channels.zalo_client import TOKEN_HINT, ZaloApiError, ZaloClient, ZaloNetworkError
from bot.channels.zalo_polling import MIN_POLL_SECONDS, QUOTA_WAIT, RETRY_MAX, Poller

UPDATE = {"event_name": "message.text.received", "message": {"text": "/start"}}


class Script:
    """A client answering getUpdates from a script, then holding the next poll open."""

    poll_seconds = 10

    def __init__(self, *answers: object) -> None:
        self.answers = list(answers)
        self.calls = 0
        self.held: asyncio.Future[object] | None = None  # the poll in flight, once scripted out
        self.waiting = asyncio.Event()

    async def get_update(self) -> object:
        self.calls += 1
        if self.answers:
            answer = self.answers.pop(0)
            if isinstance(answer, Exception):
                raise answer
            return answer
        self.held = asyncio.get_running_loop().create_future()
        self.waiting.set()
        return await self.held


class Clock:
    """A clock that only moves when the poller sleeps; records every sleep."""

    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds
        await asyncio.sleep(0)


def poller(script: Script, clock: Clock, accepted: list[object]) -> Poller:
    """A started poller over the script, accepting into a list."""

    def accept(body: object) -> bool:
        accepted.append(body)
        return body is not None

    made = Poller(cast(ZaloClient, script), accept, clock.sleep, clock)
    made.start()
    return made


def api_error(status: int) -> ZaloApiError:
    """An error answer of getUpdates."""
    return ZaloApiError("getUpdates", status, status, "error")


async def test_an_instant_idle_answer_waits_before_the_next_poll() -> None:
    script, clock, accepted = Script(None, None, UPDATE), Clock(), []
    running = poller(script, clock, accepted)
    await script.waiting.wait()
    assert clock.sleeps == [MIN_POLL_SECONDS, MIN_POLL_SECONDS]  # not after the update
    assert accepted == [None, None, UPDATE]
    await stop_while_held(running, script, None)


async def test_quota_and_server_trouble_are_waited_out_and_a_refusal_reported_once(
    caplog: pytest.LogCaptureFixture,
) -> None:
    refused = [api_error(404) for _ in range(3)]
    answers = (api_error(429), api_error(403), *refused, ZaloNetworkError("x"), None)
    script, clock = Script(*answers), Clock()
    with caplog.at_level(logging.INFO, logger="bot.channels.zalo_polling"):
        running = poller(script, clock, [])
        await script.waiting.wait()
        await stop_while_held(running, script, None)
    # 429: ten minutes, not a loop; 403 (Zalo's internal error): the backoff grows.
    assert clock.sleeps == [QUOTA_WAIT, 2.0, RETRY_MAX, RETRY_MAX, RETRY_MAX, RETRY_MAX, 1.0]
    errors = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert len(errors) == 1 and "ZALO_BOT_TOKEN" in errors[0].getMessage()
    assert "works again" in caplog.text


async def test_a_refused_token_stops_polling_and_calls_the_fatal_hook_once() -> None:
    script, clock, fatal = Script(TokenRejected(TOKEN_HINT[401]), UPDATE), Clock(), []

    async def on_fatal(exc: TokenRejected) -> None:
        fatal.append(str(exc))

    running = Poller(cast(ZaloClient, script), [].append, clock.sleep, clock, on_fatal=on_fatal)  # type: ignore[arg-type]
    running.start()
    while not fatal:
        await asyncio.sleep(0)
    await running.stop()
    assert fatal == ["Zalo từ chối token (401): kiểm tra ZALO_BOT_TOKEN."]
    assert script.calls == 1  # no poll after it


async def test_stopping_lets_the_poll_in_flight_hand_over_its_update() -> None:
    script, clock, accepted = Script(), Clock(), []
    running = poller(script, clock, accepted)
    await script.waiting.wait()
    await stop_while_held(running, script, UPDATE)
    assert accepted == [UPDATE] and script.calls == 1  # and no poll after it


async def test_stopping_between_polls_is_immediate() -> None:
    script, accepted = Script(ZaloNetworkError("x")), []
    resting = asyncio.Event()

    async def long_sleep(seconds: float) -> None:
        resting.set()
        await asyncio.sleep(3600)

    running = Poller(cast(ZaloClient, script), accepted.append, long_sleep)  # type: ignore[arg-type]
    running.start()
    await resting.wait()
    await asyncio.wait_for(running.stop(), 5)
    assert script.calls == 1


async def stop_while_held(running: Poller, script: Script, answer: Any) -> None:
    """Stop the poller while a poll is in flight, which then answers."""
    stopping = asyncio.create_task(running.stop())
    while not running.stopping:
        await asyncio.sleep(0)
    assert script.held is not None and not stopping.done()  # waiting for the poll
    script.held.set_result(answer)
    await asyncio.wait_for(stopping, 5)
