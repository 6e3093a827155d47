"""Both channels by webhook through the bot's one web server, in the test's event loop.

The app and its channel are wired as `danvan run` wires them; the platform is its fake
server (which records setWebhook and what the bot sends), and the webhook posts come over
a real socket, with and without the secret, bare or wrapped, in one piece or chunked.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx
import pytest

from bot.app import App, build_app
from bot.runtime import BotChannel, telegram_channel, zalo_channel
from core.clock import FakeClock
from core.settings import Settings
from tests.fakes.bot_process import TOKEN as TELEGRAM_TOKEN
from tests.fakes.telegram_server import FakeTelegram
from tests.fakes.zalo_server import TOKEN as ZALO_TOKEN
from tests.fakes.zalo_server import FakeZalo
from tests.support import TZ, wait_for
from tests.support_web import Answer, Served, chunks, raw_post, serving

MINH, LAN = "7fa1b2c3d4e5f6a7b8c9", 100
ZALO_SECRET, TELEGRAM_SECRET = "zalo-Hook_s3cret", "tg-Hook_s3cret"


@pytest.fixture
def zalo() -> Iterator[FakeZalo]:
    """The fake Zalo Bot API server."""
    server = FakeZalo().start()
    yield server
    server.stop()


@pytest.fixture
def telegram() -> Iterator[FakeTelegram]:
    """The fake Telegram Bot API server."""
    server = FakeTelegram(token=TELEGRAM_TOKEN).start()
    yield server
    server.stop()


def settings(tmp_path: Path, database_url: str, **extra: Any) -> Settings:
    """Settings on a temporary database, no samples."""
    return Settings(
        database_url=database_url,
        samples_dir=str(tmp_path / "none"),
        _env_file=None,  # type: ignore[call-arg]
        **extra,
    )


@asynccontextmanager
async def running(app: App, channel: BotChannel) -> AsyncIterator[Served]:
    """The web server listening, then the channel started (it sets its webhook), as in run."""
    app.add_channel(channel)
    try:
        async with serving(app, [channel]) as served:
            await channel.start(app.process)
            yield served
    finally:
        await channel.stop()
        app.db.dispose()


def body(update: dict[str, Any]) -> bytes:
    """An update as JSON bytes."""
    return json.dumps(update, ensure_ascii=False).encode()


async def post(served: Served, path: str, data: bytes | list[bytes], secret: str | None,
               header: str) -> Answer:  # fmt: skip
    """POST a body (a list: chunked) with the secret header, if any."""
    headers = {header: secret} if secret is not None else {}
    if isinstance(data, bytes):
        headers["Content-Length"] = str(len(data))
    return await raw_post(served.port, path, headers, data)


async def test_zalo_webhook_needs_the_secret_and_takes_bare_wrapped_and_chunked_bodies(
    zalo: FakeZalo, tmp_path: Path, database_url: str
) -> None:
    url = "https://bot.truong-dang.vn/zalo/hook"
    config = settings(
        tmp_path, database_url, zalo_bot_token=ZALO_TOKEN, zalo_api_base_url=zalo.base_url,
        zalo_webhook_url=url, zalo_webhook_secret=ZALO_SECRET,
    )  # fmt: skip
    app = build_app(config, clock=FakeClock(datetime(2026, 11, 23, 9, 0, tzinfo=TZ)))
    channel = zalo_channel(app)
    async with running(app, channel) as served:

        async def send(data: bytes | list[bytes], secret: str | None = ZALO_SECRET) -> int:
            answer = await post(served, "/zalo/hook", data, secret, "X-Bot-Api-Secret-Token")
            return answer.status

        assert zalo.webhook == {"url": url, "secret_token": ZALO_SECRET}
        bare = zalo.message(MINH, text="/start")
        assert await send(body(bare), None) == 403
        assert await send(body(bare), "wrong") == 403
        assert await send(body({"ok": True})) == 400
        assert zalo.texts(MINH) == []
        assert await send(body(bare)) == 200
        await wait_for(lambda: zalo.texts(MINH))
        assert zalo.texts(MINH)[0].startswith("Xin chào")
        wrapped = body({"ok": True, "result": zalo.message(MINH, text="/help")})
        assert await send(chunks(wrapped, 16)) == 200
        assert await send(wrapped) == 200  # delivered twice, answered once
        await wait_for(lambda: len(zalo.texts(MINH)) == 2)
        assert "Các lệnh" in zalo.texts(MINH)[1]
        health = (await served.health.report())[1]["channels"]["zalo"]
        assert health == {"ok": True, "mode": "webhook", "heard": True, **_age(health)}
    assert len(zalo.texts(MINH)) == 2 and zalo.calls_to("deleteWebhook") == []


async def test_telegram_webhook_needs_the_secret_and_takes_chunked_bodies(
    telegram: FakeTelegram, tmp_path: Path, database_url: str
) -> None:
    url = "https://bot.truong-dang.vn/tg/hook"
    config = settings(
        tmp_path, database_url,
        telegram_bot_token=TELEGRAM_TOKEN, telegram_api_base_url=telegram.base_url,
        telegram_webhook_url=url, telegram_webhook_secret=TELEGRAM_SECRET,
    )  # fmt: skip
    app = build_app(config, clock=FakeClock(datetime(2026, 11, 23, 9, 0, tzinfo=TZ)))
    async with running(app, telegram_channel(app)) as served:

        async def send(data: bytes | list[bytes], secret: str | None = TELEGRAM_SECRET) -> int:
            header = "X-Telegram-Bot-Api-Secret-Token"
            return (await post(served, "/tg/hook", data, secret, header)).status

        [hook] = telegram.calls_to("setWebhook")
        assert hook.params["url"] == url and hook.params["secret_token"] == TELEGRAM_SECRET
        assert telegram.calls_to("getUpdates") == []  # no polling beside the webhook
        start = body(telegram.text(LAN, "/start"))
        assert await send(start, None) == 403
        assert await send(start, TELEGRAM_SECRET + "x") == 403
        assert await send(b"[1, 2]") == 400 and await send(b"{oops") == 400
        assert telegram.texts(LAN) == []
        assert await send(chunks(start, 10)) == 200
        await wait_for(lambda: telegram.texts(LAN))
        assert telegram.texts(LAN)[0].startswith("Xin chào")
        assert await send(body(telegram.text(LAN, "/help"))) == 200
        await wait_for(lambda: len(telegram.texts(LAN)) == 2)
        metrics = (await served_metrics(served)).splitlines()
    assert 'danvan_webhook_requests_total{channel="telegram",status="200"} 2.0' in metrics
    assert 'danvan_webhook_requests_total{channel="telegram",status="403"} 2.0' in metrics
    assert 'danvan_messages_in_total{channel="telegram"} 2.0' in metrics


async def served_metrics(served: Served) -> str:
    """GET /metrics."""
    async with httpx.AsyncClient() as client:
        return (await client.get(f"{served.url}/metrics")).text


def _age(health: dict[str, Any]) -> dict[str, Any]:
    return {"age_seconds": health["age_seconds"]}


async def test_without_a_configured_secret_a_random_one_still_guards_the_webhook(
    zalo: FakeZalo, tmp_path: Path, database_url: str
) -> None:
    url = "https://bot.truong-dang.vn/zalo/hook"
    config = settings(
        tmp_path,
        database_url,
        zalo_bot_token=ZALO_TOKEN,
        zalo_api_base_url=zalo.base_url,
        zalo_webhook_url=url,
    )
    app = build_app(config, clock=FakeClock(datetime(2026, 11, 23, 9, 0, tzinfo=TZ)))
    async with running(app, zalo_channel(app)) as served:
        given = zalo.webhook["secret_token"]
        assert len(given) >= 32
        start = body(zalo.message(MINH, text="/start"))
        header = "X-Bot-Api-Secret-Token"
        assert (await post(served, "/zalo/hook", start, "", header)).status == 403
        assert (await post(served, "/zalo/hook", start, given, header)).status == 200
        await wait_for(lambda: zalo.texts(MINH))
