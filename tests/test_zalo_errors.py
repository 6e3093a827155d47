"""Every documented Zalo error code, with its own behaviour and its own words to the admins.

A branch's Zalo chat is sent a reminder through the delivery layer (paced, retried) while
the fake Zalo Bot API answers with the code, on its HTTP status or in the body of an
HTTP 200; the assertions read how often Zalo was asked, what the delivery layer raised,
whether the chat is still reachable, and what the admin on the other channel was told.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest

from bot.app import App
from bot.channels.base import (
    DeliveryError,
    QuotaExhausted,
    TokenRejected,
    TransientError,
)
from bot.channels.zalo_client import ZaloApiError
from bot.channels.zalo_errors import RULES, Action, rule_for
from core.clock import FakeClock
from core.messages import ChatRef, Reply
from storage.repos.reminder_batch import branch_chats_many
from tests.fakes.zalo_server import FakeZalo
from tests.support import local
from tests.support_zalo import OFFICE_TELEGRAM, telegram, zalo, zalo_app, zalo_branches

ATTEMPTS = 6  # the delivery layer's tries for Zalo's own trouble


@dataclass(frozen=True)
class Case:
    """One code: how Zalo sends it, and what must follow."""

    code: int
    in_body: bool
    calls: int  # sendMessage calls to the chat
    raised: type[Exception] | None  # what deliver() raises (None: returns, chat marked)
    reachable: bool
    told: str  # the start of what the admin reads ("" : nothing)


REFUSED = "⚠️ Zalo từ chối một yêu cầu của bot (mã 400"
TROUBLE = "⚠️ Máy chủ Zalo đang gặp sự cố (mã {code}"
BRANCH = "Không gửi được tin nhắn tới Chi bộ Trường số 1 (mã Z1)"
QUOTA = "⛔ Zalo báo đã vượt hạn mức (mã 429)"
CASES = [
    Case(400, False, 1, DeliveryError, True, REFUSED + ": “Bad request”) khi gọi sendMessage."),
    Case(400, True, 1, DeliveryError, True, REFUSED),
    Case(403, False, ATTEMPTS, TransientError, True, TROUBLE.format(code=403) + ": “Internal"),
    Case(403, True, ATTEMPTS, TransientError, True, TROUBLE.format(code=403)),
    Case(404, True, 1, DeliveryError, True, "⚠️ Zalo không tìm thấy chức năng bot gọi (sendMessage"),
    Case(408, False, ATTEMPTS, TransientError, True, TROUBLE.format(code=408)),
    Case(410, True, 1, None, False, BRANCH),
    Case(422, False, 1, None, False, BRANCH),
    Case(429, False, 1, QuotaExhausted, True, QUOTA),
    Case(429, True, 1, QuotaExhausted, True, QUOTA),
    Case(500, False, ATTEMPTS, TransientError, True, TROUBLE.format(code=500)),
    Case(418, True, 1, DeliveryError, True, "⚠️ Zalo trả về mã lỗi chưa có trong tài liệu (mã 418"),
]


@pytest.fixture
def fake() -> Iterator[FakeZalo]:
    """The fake Zalo Bot API server."""
    server = FakeZalo().start()
    yield server
    server.stop()


@pytest.fixture
async def app(fake: FakeZalo, tmp_path: Path, database_url: str) -> AsyncIterator[App]:
    """The app with its Zalo channel and one branch on Zalo."""
    clock = FakeClock(local(2024, 7, 10, 9, 0))
    async with zalo_app(fake, tmp_path, clock, database_url) as running:
        running.chat = zalo_branches(running, 1, clock.now())[0]  # type: ignore[attr-defined]
        yield running


def reachable(app: App, chat: str) -> bool:
    """Whether reminders may still go to the branch's Zalo chat."""
    return any(
        c.chat_id == chat for chats in branch_chats_many(app.db, [1]).values() for c in chats
    )


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.code}{'-body' if c.in_body else ''}")
async def test_each_code_has_its_behaviour_and_its_words(
    app: App, fake: FakeZalo, case: Case, caplog: pytest.LogCaptureFixture
) -> None:
    chat: str = app.chat  # type: ignore[attr-defined]
    description = "I'm a teapot" if case.code == 418 else None
    fake.fail("sendMessage", case.code, description, in_body=case.in_body)
    target = ChatRef("zalo", chat)
    with caplog.at_level(logging.WARNING, logger="bot.channels.zalo_errors"):
        if case.raised is None:
            assert (
                await app.delivery.deliver(target, Reply("Nhắc hạn", kind="reminder"))
            ).message_ids == []
        else:
            with pytest.raises(case.raised) as info:
                await app.delivery.deliver(target, Reply("Nhắc hạn", kind="reminder"))
            # Plain DeliveryError: given up at once; TransientError: retried before.
            assert isinstance(info.value, case.raised)
            assert case.raised is not DeliveryError or type(info.value) is DeliveryError
    assert len(fake.calls_to("sendMessage", chat)) == case.calls
    assert reachable(app, chat) is case.reachable
    [told] = telegram(app).texts(OFFICE_TELEGRAM)
    assert told.startswith(case.told), told
    if case.code == 403:
        assert ": 3 lần gọi liên tiếp không thành công" in told
    assert "chặn bot" not in told or case.code in (410, 422)  # only those mean "cannot reach"
    if case.code == 418:
        assert "sendMessage answered 418 (undocumented): I'm a teapot" in caplog.text


async def test_the_admins_hear_of_a_code_once_an_hour(app: App, fake: FakeZalo) -> None:
    chat, clock = app.chat, app.ctx.clock  # type: ignore[attr-defined]
    assert isinstance(clock, FakeClock)
    fake.fail("sendMessage", 400)
    for _ in range(3):
        with pytest.raises(DeliveryError):
            await app.delivery.deliver(ChatRef("zalo", chat), Reply("Nhắc hạn"))
    assert len(telegram(app).texts(OFFICE_TELEGRAM)) == 1
    clock.advance(timedelta(minutes=61))
    with pytest.raises(DeliveryError):
        await app.delivery.deliver(ChatRef("zalo", chat), Reply("Nhắc hạn"))
    assert len(telegram(app).texts(OFFICE_TELEGRAM)) == 2


async def test_one_failure_that_heals_does_not_bother_the_admins(app: App, fake: FakeZalo) -> None:
    fake.fail("sendMessage", 403, times=2)  # Zalo's internal error, twice, then fine
    sent = await app.delivery.deliver(ChatRef("zalo", app.chat), Reply("Nhắc hạn"))  # type: ignore[attr-defined]
    assert sent.message_ids and telegram(app).texts(OFFICE_TELEGRAM) == []


async def test_a_refused_token_mid_run_goes_to_the_fatal_hook_once(
    app: App, fake: FakeZalo
) -> None:
    refused: list[str] = []

    async def on_fatal(exc: TokenRejected) -> None:
        refused.append(str(exc))

    zalo(app).on_fatal = on_fatal
    fake.token = "8812345678901234567:revoked"  # the office revoked it in Zalo Bot Manager
    for _ in range(2):
        with pytest.raises(DeliveryError):
            await app.delivery.deliver(ChatRef("zalo", app.chat), Reply("Nhắc hạn"))  # type: ignore[attr-defined]
    assert refused == ["Zalo từ chối token (401): kiểm tra ZALO_BOT_TOKEN."]


@pytest.mark.parametrize(
    ("code", "status", "method", "action"),
    [
        (400, 400, "sendMessage", Action.REFUSED),
        (401, 401, "sendMessage", Action.TOKEN),
        (403, 200, "sendMessage", Action.RETRY),
        (404, 200, "sendMessage", Action.REFUSED),
        (408, 408, "getUpdates", Action.IDLE),
        (408, 200, "sendMessage", Action.RETRY),
        (410, 200, "sendMessage", Action.UNREACHABLE),
        (422, 422, "sendMessage", Action.UNREACHABLE),
        (429, 429, "getUpdates", Action.QUOTA),
        (0, 502, "sendMessage", Action.RETRY),  # a proxy's 502 without a body
        (426, 200, "testWebhook", Action.REFUSED),
    ],
)
def test_the_table_of_codes(code: int, status: int, method: str, action: Action) -> None:
    error = ZaloApiError(method, status, code or status, "x")
    assert rule_for(error).action == action
    assert set(RULES) == {400, 401, 403, 404, 408, 410, 422, 429}
