"""Logins to the web console are in the audit log: /nhatky, `danvan audit` and the log page.

A used link, an expired one, a link of a chat that is no longer office staff and a logout
each read as a line in Vietnamese under the chat the link was made for; a token that was
never issued leaves the office's log as it was.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from bot.app import App
from bot.cli import main
from core.clock import FakeClock
from storage.repos.members import retire
from tests.fakes.channel import FakeChannel
from tests.support import Person
from tests.support_console import client, csrf_of, log_in, login_link
from tests.support_office import make_admin

OFFICE = "Văn phòng (Văn phòng, web:fake:1)"
LOGIN = f"{OFFICE}: đăng nhập bảng điều khiển web"
LOGOUT = f"{OFFICE}: đăng xuất khỏi bảng điều khiển web"
REFUSED = f"{OFFICE}: bị từ chối đăng nhập bảng điều khiển web (lý do: {{reason}})"
STAMP = re.compile(r"^• \d{2}/\d{2}/\d{4} \d{2}:\d{2} — ")


async def log_lines(admin: Person) -> list[str]:
    """/nhatky as the office reads it, each line without its bullet and time."""
    (reply,) = await admin.send("/nhatky")
    if reply == "Nhật ký chưa ghi thao tác nào.":
        return []
    return [STAMP.sub("", line) for line in reply.split("\n")[1:]]


@pytest.fixture
def admin(app: App, channel: FakeChannel) -> Person:
    """Office staff in chat 1."""
    return make_admin(app, channel)


async def test_a_login_and_a_logout_are_in_the_log(app: App, admin: Person) -> None:
    async with client(app) as browser:
        board = await log_in(browser, admin)
        out = await browser.post("/web/dang-xuat", data={"csrf": csrf_of(board)})
    assert "Đồng chí đã đăng xuất" in out.text
    assert await log_lines(admin) == [LOGIN, LOGOUT]


async def test_a_used_link_pressed_again_is_recorded_as_refused(app: App, admin: Person) -> None:
    path = await login_link(admin)
    async with client(app) as browser:
        assert (await browser.post(path)).status_code == 303
    async with client(app) as other:
        assert (await other.post(path)).status_code == 403
    assert await log_lines(admin) == [LOGIN, REFUSED.format(reason="liên kết đã được dùng")]


async def test_an_expired_link_is_recorded_as_refused(
    app: App, admin: Person, clock: FakeClock
) -> None:
    path = await login_link(admin)
    clock.advance(timedelta(minutes=11))
    async with client(app) as browser:
        refused = await browser.post(path)
    assert refused.status_code == 403 and "đã hết hạn" in refused.text
    assert await log_lines(admin) == [REFUSED.format(reason="liên kết đã hết hạn")]


async def test_a_link_of_a_chat_no_longer_office_staff_is_recorded_as_refused(
    app: App, channel: FakeChannel, admin: Person
) -> None:
    path = await login_link(admin)
    retire(app.db, app.ctx.clock.now(), [1])
    async with client(app) as browser:
        assert (await browser.post(path)).status_code == 403
    other = make_admin(app, channel, "2")
    (reply,) = await other.send("/nhatky")
    assert reply.split("\n")[-1].endswith(
        "— không rõ tên (chưa đăng ký, web:fake:1): bị từ chối đăng nhập bảng điều khiển web "
        "(lý do: không phải cán bộ Văn phòng)"
    ), reply


async def test_a_token_never_issued_leaves_the_log_as_it_was(app: App, admin: Person) -> None:
    async with client(app) as browser:
        guessed = await browser.post("/web/dang-nhap/khong-phai-ma-that")
    assert guessed.status_code == 403
    assert await log_lines(admin) == []


async def test_the_cli_and_the_log_page_show_logins_in_vietnamese(
    app: App,
    admin: Person,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    async with client(app) as browser:
        await log_in(browser, admin)
        page = await browser.get("/web/nhatky")
    assert "đăng nhập bảng điều khiển web" in page.text and "web:fake:1" in page.text
    monkeypatch.setenv("DATABASE_URL", app.settings.database_url)
    capsys.readouterr()
    assert main(["audit"]) == 0
    (line,) = capsys.readouterr().out.splitlines()
    assert line.endswith(LOGIN), line
    assert main(["audit", "--json"]) == 0
    assert '"action": "web_login"' in capsys.readouterr().out
