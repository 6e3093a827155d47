"""The Zalo webhook on the bot's web server, against hostile or odd requests over a real socket."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import pytest

from bot.app import App
from bot.channels.webhook import Activity
from bot.channels.zalo_updates import unwrap
from bot.channels.zalo_webhook import ZaloWebhook
from bot.web.app import MAX_BODY
from tests.support_web import Served, chunks, raw_post, serving

SECRET = "s3cret-Zalo_hook"
PATH = "/zalo/hook"
UPDATE = {
    "event_name": "message.text.received",
    "message": {
        "from": {"id": "6ede9afa66b88fe6d6a9", "display_name": "Nguyễn Thị Lan"},
        "chat": {"id": "6ede9afa66b88fe6d6a9", "chat_type": "PRIVATE"},
        "message_id": "2d758cb5e222177a4e35",
        "text": "hạn nộp báo cáo quý II?",
    },
}
BODY = json.dumps(UPDATE, ensure_ascii=False).encode()


@dataclass
class HookChannel:
    """Just enough of a channel for the web server: a webhook that records what it accepts."""

    name: str = "zalo"
    activity: Activity = field(default_factory=lambda: Activity("webhook"))
    accepted: list[Any] = field(default_factory=list)

    @property
    def endpoint(self) -> ZaloWebhook:
        """The webhook under test."""
        return ZaloWebhook(f"https://bot.example.vn{PATH}", SECRET, self.accept, self.activity)

    def accept(self, body: Any) -> bool:
        """Record a body; a body asking for it raises, as a bug would."""
        if body == {"fail": True}:
            raise RuntimeError("a bug while queueing")
        self.accepted.append(body)
        return bool(unwrap(body))


@pytest.fixture
async def hook(app: App) -> AsyncIterator[tuple[Served, HookChannel]]:
    """The web server with the Zalo webhook, on a free port."""
    channel = HookChannel()
    async with serving(app, [channel]) as served:  # type: ignore[list-item]
        yield served, channel


def secret(extra: dict[str, str] | None = None) -> dict[str, str]:
    """Headers with the right secret."""
    return {"X-Bot-Api-Secret-Token": SECRET, **(extra or {})}


async def test_a_request_without_the_secret_is_refused_before_its_body_is_read(
    hook: tuple[Served, HookChannel],
) -> None:
    served, channel = hook
    # The body never comes: answering at all proves it was not waited for.
    for length in ("1000000", "5000000"):
        answer = await raw_post(served.port, PATH, {"Content-Length": length})
        assert answer.status == 403
    wrong = {"X-Bot-Api-Secret-Token": "s3cret-Zalo_hoo", "Content-Length": "9"}
    assert (await raw_post(served.port, PATH, wrong, b"{}")).status == 403
    odd = {"X-Bot-Api-Secret-Token": "mật-khẩu", "Content-Length": "2"}  # non-ASCII
    assert (await raw_post(served.port, PATH, odd, b"{}")).status == 403
    assert channel.accepted == [] and channel.activity.last_ok is None


async def test_bare_wrapped_and_chunked_bodies_are_all_accepted(
    hook: tuple[Served, HookChannel],
) -> None:
    served, channel = hook
    wrapped = json.dumps({"ok": True, "result": UPDATE}).encode()
    bare = await raw_post(served.port, PATH, secret({"Content-Length": str(len(BODY))}), BODY)
    assert bare.status == 200 and bare.json() == {"ok": True}
    assert (await raw_post(served.port, PATH, secret(), chunks(wrapped, 7))).status == 200
    assert (await raw_post(served.port, PATH, secret(), chunks(BODY, 1000))).status == 200
    assert [unwrap(b)[0]["message"]["text"] for b in channel.accepted] == [
        "hạn nộp báo cáo quý II?"
    ] * 3
    assert channel.activity.last_ok is not None


@pytest.mark.parametrize(
    ("headers", "body", "expected"),
    [
        ({"Content-Length": str(MAX_BODY + 1)}, b"", 413),  # refused by its declared length
        ({}, [b"x" * 65536] * 17, 413),  # a chunked body that grows past the limit
        ({"Content-Length": "0"}, b"", 400),  # nothing to read
        ({}, [b'{"ok": tr', b"ue}"], 400),  # well-formed JSON, but no update in it
    ],
)
async def test_bodies_too_big_or_empty_are_refused_clearly(
    hook: tuple[Served, HookChannel], headers: dict[str, str], body: Any, expected: int
) -> None:
    served, channel = hook
    answer = await raw_post(served.port, PATH, secret(headers), body)
    assert answer.status == expected and answer.json() == {"ok": False}
    assert all(unwrap(b) == [] for b in channel.accepted)


@pytest.mark.parametrize(
    "body", [b"[" * 100_000 + b"]" * 100_000, b'{"event_name": NaN}', b"\xff{}", b"{not json"]
)
async def test_bodies_that_are_not_json_are_400(
    hook: tuple[Served, HookChannel], body: bytes
) -> None:
    served, channel = hook
    answer = await raw_post(served.port, PATH, secret({"Content-Length": str(len(body))}), body)
    assert answer.status == 400
    assert channel.accepted == []


async def test_a_bug_answers_500_so_zalo_retries(hook: tuple[Served, HookChannel]) -> None:
    served, _ = hook
    bad = b'{"fail": true}'
    answer = await raw_post(served.port, PATH, secret({"Content-Length": str(len(bad))}), bad)
    assert answer.status == 500


async def test_other_paths_and_methods(hook: tuple[Served, HookChannel]) -> None:
    served, channel = hook
    length = {"Content-Length": str(len(BODY))}
    assert (await raw_post(served.port, "/elsewhere", secret(length), BODY)).status == 404
    assert (await raw_post(served.port, PATH + "?x=1", secret(length), BODY)).status == 200
    assert (await raw_post(served.port, "/healthz", secret(length), BODY)).status == 405
    assert len(channel.accepted) == 1
