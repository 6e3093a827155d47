"""The Zalo client against the recorded API answers in tests/fixtures/zalo/ (see its README).

Each answer is served by an httpx mock transport with the HTTP status it came with; the
client returns its result, says "idle", or raises the error with the code Zalo meant,
wherever Zalo put it (HTTP status, error_code as a number or a string, errorCode).
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from bot.channels.base import StartRefused, TokenRejected
from bot.channels.zalo_client import ZaloApiError, ZaloClient
from tests.fakes.zalo_server import TOKEN

FIXTURES = Path(__file__).parent / "fixtures" / "zalo"
BASE = "https://bot-api.zaloplatforms.com/bot"
Answering = Callable[[str, int], ZaloClient]


def recorded(name: str) -> Any:
    """A recorded JSON document."""
    return json.loads((FIXTURES / name).read_bytes())


@pytest.fixture
async def answering() -> AsyncIterator[Answering]:
    """Makes a client whose every call is answered with one fixture and HTTP status; the
    requests it made are in client.requests."""
    clients: list[ZaloClient] = []

    def make(name: str, status: int) -> ZaloClient:
        requests: list[httpx.Request] = []

        def answer(request: httpx.Request) -> httpx.Response:
            requests.append(request)
            kind = "text/html" if name.endswith(".html") else "application/json"
            content = (FIXTURES / name).read_bytes()
            return httpx.Response(status, content=content, headers={"Content-Type": kind})

        client = ZaloClient(BASE, TOKEN, 1, httpx.MockTransport(answer))
        client.requests = requests  # type: ignore[attr-defined]
        clients.append(client)
        return client

    yield make
    for client in clients:
        await client.close()


@pytest.mark.parametrize(
    ("method", "fixture", "expected"),
    [
        ("getMe", "01_getMe.json", {"account_name": "bot.VDKyGxQvc"}),
        ("setWebhook", "02_setWebhook.json", {"url": "https://your-webhookurl.com"}),
        ("setWebhook", "03_setWebhook_verification.json", {"updated_at": 1749538250568}),
        ("deleteWebhook", "05_deleteWebhook.json", {"url": ""}),
        ("getWebhookInfo", "06_getWebhookInfo.json", {"updated_at": 1749633372026}),
        ("getWebhookInfo", "07_getWebhookInfo_error_code_0.json", {"updated_at": 1785647889461}),
        ("sendMessage", "11_sendMessage.json", {"message_id": "82599fa32f56d00e8941"}),
        ("getUpdates", "17_getUpdates_one_update.json", {"event_name": "message.text.received"}),
        ("getUpdates", "19_getUpdates_empty_result.json", {}),
        ("sendChatAction", "12_sendChatAction.json", None),
    ],
)
async def test_successful_answers_give_their_result(
    answering: Answering, method: str, fixture: str, expected: Any
) -> None:
    result = await answering(fixture, 200).call(method)
    if expected is None:
        assert result is None
    else:
        assert result.items() >= expected.items()


@pytest.mark.parametrize(
    ("fixture", "status"),
    [
        ("18_getUpdates_idle_408.json", 200),  # measured: HTTP 200, error_code 408
        ("18_getUpdates_idle_408.json", 408),  # measured too: HTTP 408
        ("32_error_408_string_code.json", 200),  # the code as a string
    ],
)
async def test_an_idle_poll_is_no_update_however_408_comes(
    answering: Answering, fixture: str, status: int
) -> None:
    assert await answering(fixture, status).get_update() is None


@pytest.mark.parametrize(
    ("method", "fixture", "status", "code"),
    [
        ("sendMessage", "20_error_400_empty_chat_id.json", 200, 400),
        ("sendMessage", "20_error_400_empty_chat_id.json", 400, 400),
        ("sendMessage", "21_error_404_unknown_method.json", 200, 404),
        ("getWebhookInfo", "08_getWebhookInfo_no_webhook_404.json", 404, 404),
        ("sendMessage", "22_error_410_invalid_chat_id.json", 200, 410),
        ("sendMessage", "23_error_422_not_permitted.json", 422, 422),
        ("sendMessage", "30_error_403_internal.json", 403, 403),
        ("sendMessage", "31_error_429_quota.json", 200, 429),
        ("sendMessage", "33_error_426_camel_case.json", 200, 426),
        ("sendMessage", "34_error_429_proxy.html", 429, 429),  # a proxy's page: its status
    ],
)
async def test_error_answers_carry_zalos_code_and_words(
    answering: Answering, method: str, fixture: str, status: int, code: int
) -> None:
    html = fixture.endswith(".html")
    description = "Too Many Requests" if html else recorded(fixture)["description"]
    with pytest.raises(ZaloApiError) as info:
        await answering(fixture, status).call(method, {"chat_id": "abc.xyz", "text": "Xin chào"})
    assert (info.value.code, info.value.status, info.value.description) == (
        code, status, description,
    )  # fmt: skip
    assert TOKEN not in str(info.value) and "zaloplatforms" not in str(info.value)


@pytest.mark.parametrize(
    ("method", "fixture", "status", "hint"),
    [
        ("sendMessage", "24_error_401_invalid_token.json", 401, "(401): kiểm tra ZALO_BOT_TOKEN."),
        ("getUpdates", "24_error_401_invalid_token.json", 200, "(401)"),
        ("getMe", "21_error_404_unknown_method.json", 200, "(404): kiểm tra ZALO_BOT_TOKEN và"),
    ],
)
async def test_a_refused_token_is_its_own_error(
    answering: Answering, method: str, fixture: str, status: int, hint: str
) -> None:
    with pytest.raises(TokenRejected) as info:
        await answering(fixture, status).call(method)
    assert hint in str(info.value) and TOKEN not in str(info.value)


async def test_requests_have_the_documented_shape(answering: Answering) -> None:
    client = answering("11_sendMessage.json", 200)
    await client.send_message("abc.xyz", "Hello")
    await client.set_webhook("https://your-webhookurl.com", "mykey-abcyxz")
    message, webhook = (json.loads(r.content) for r in client.requests)  # type: ignore[attr-defined]
    assert message == recorded("13_sendMessage_request_a.json")
    assert webhook == recorded("04_setWebhook_request.json")
    assert [r.method for r in client.requests] == ["POST", "POST"]  # type: ignore[attr-defined]
    assert str(client.requests[0].url) == f"{BASE}{TOKEN}/sendMessage"  # type: ignore[attr-defined]


@pytest.mark.parametrize(("secret", "length"), [("short", 5), ("x" * 257, 257), ("", 0)])
async def test_set_webhook_refuses_a_secret_zalo_would_refuse_and_says_why(
    answering: Answering, secret: str, length: int
) -> None:
    client = answering("02_setWebhook.json", 200)
    with pytest.raises(StartRefused) as info:
        await client.set_webhook("https://bot.truong-dang.vn/zalo/hook", secret)
    assert str(info.value) == (
        "Không đặt được webhook Zalo: Zalo cần khóa bí mật webhook dài từ 8 đến 256 ký tự, "
        f"khóa đang đặt có {length} ký tự (ZALO_WEBHOOK_SECRET)."
    )
    assert client.requests == []  # type: ignore[attr-defined]
