"""The web console in-process: login by one-time link, roles on every page, CSRF, the pages."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.app import App
from bot.web.console.routes import PAGES
from core.clock import FakeClock
from handlers.proposals import propose_deadlines
from storage.repos.deadlines import deadlines
from storage.repos.web_sessions import WebUser, create_session
from tests.fakes.channel import FakeChannel
from tests.support import Person
from tests.support_console import client, csrf_of, log_in, login_link
from tests.support_office import add_branches, join, make_admin, store_document


@pytest.fixture
async def admin(app: App, channel: FakeChannel) -> Person:
    """Office staff with two branches and a plan whose three deadlines wait for approval."""
    person = make_admin(app, channel)
    await add_branches(person, ("A1", "Chi bộ Trường A"), ("B2", "Chi bộ Trường B"))
    propose_deadlines(app.ctx, store_document(app))
    return person


def _paths() -> list[tuple[str, str]]:
    return [(m, path.replace("{doc_id:int}", "1")) for path, methods, _ in PAGES for m in methods]


async def test_web_gives_an_admin_a_link_that_opens_the_board(app: App, admin: Person) -> None:
    async with client(app) as browser:
        board = await log_in(browser, admin)
    assert board.status_code == 200
    assert "Tình hình nộp báo cáo" in board.text
    assert "Đăng xuất" in board.text


async def test_the_cookie_is_httponly_lax_and_secure_behind_https(app: App, admin: Person) -> None:
    app.settings.public_url = "https://vpdu.example.vn"
    path = await login_link(admin)
    async with client(app) as browser:
        pressed = await browser.post(path)
    cookie = pressed.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie and "secure" in cookie
    assert "max-age=43200" in cookie
    (reply,) = await admin.send("/web")
    assert "https://vpdu.example.vn/web/dang-nhap/" in reply


async def test_a_link_opens_one_session_only(app: App, admin: Person) -> None:
    path = await login_link(admin)
    async with client(app) as browser:
        assert (await browser.post(path)).status_code == 303
    async with client(app) as other:
        again = await other.post(path)
        assert again.status_code == 403
        assert "đã được dùng hoặc đã hết hạn" in again.text
        assert (await other.get("/web/")).status_code == 401


async def test_a_link_expires_after_ten_minutes(app: App, admin: Person, clock: FakeClock) -> None:
    path = await login_link(admin)
    clock.advance(timedelta(minutes=10, seconds=1))
    async with client(app) as browser:
        assert (await browser.post(path)).status_code == 403


async def test_opening_a_link_does_not_spend_it(app: App, admin: Person) -> None:
    """Chat apps fetch a link to preview it: only pressing «Đăng nhập» (a POST) logs in."""
    path = await login_link(admin)
    async with client(app) as preview:
        assert (await preview.get(path)).status_code == 200
    async with client(app) as browser:
        assert (await browser.post(path)).status_code == 303


async def test_a_session_ends_after_twelve_hours(app: App, admin: Person, clock: FakeClock) -> None:
    async with client(app) as browser:
        await log_in(browser, admin)
        clock.advance(timedelta(hours=11, minutes=59))
        assert (await browser.get("/web/duyet")).status_code == 200
        clock.advance(timedelta(minutes=2))
        assert (await browser.get("/web/duyet")).status_code == 401


async def test_secretaries_and_strangers_get_no_link(
    app: App, channel: FakeChannel, admin: Person, stranger: Person
) -> None:
    secretary = await join(app, channel, admin, "200", "A1")
    for person in (secretary, stranger):
        (reply,) = await person.send("/web")
        assert "/web/dang-nhap/" not in reply


@pytest.mark.parametrize(("method", "path"), _paths())
async def test_every_page_refuses_strangers_and_secretaries(
    app: App, channel: FakeChannel, admin: Person, method: str, path: str
) -> None:
    secretary = await join(app, channel, admin, "200", "A1")
    token, user = create_session(
        app.db, WebUser(channel.name, secretary.chat_id), app.ctx.clock.now(), timedelta(hours=1)
    )
    async with client(app) as stranger:
        answer = await stranger.request(method, path, data={"csrf": "x"})
        assert answer.status_code == 401, path
        assert "gửi lệnh /web" in answer.text
    async with client(app) as browser:
        browser.cookies.set("danvan_web", token)
        answer = await browser.request(method, path, data={"csrf": user.csrf})
        assert answer.status_code == 403, path
        assert "chỉ dành cho cán bộ Văn phòng" in answer.text


async def test_an_admin_who_loses_the_role_is_refused_at_the_next_click(
    app: App, admin: Person
) -> None:
    async with client(app) as browser:
        await log_in(browser, admin)
        app.settings.admin_chat_ids = ""
        from storage.repos.members import retire

        retire(app.db, app.ctx.clock.now(), [1])
        assert (await browser.get("/web/")).status_code in (401, 403)


async def test_a_form_without_the_sessions_csrf_token_is_refused(app: App, admin: Person) -> None:
    async with client(app) as browser:
        await log_in(browser, admin)
        proposal = min(d.id for d in deadlines(app.db, ("proposed",)) if d.id)
        for token in ("", "forged"):
            answer = await browser.post(
                "/web/duyet", data={"csrf": token, "mot": f"boqua:{proposal}"}
            )
            assert answer.status_code == 403
            assert "Biểu mẫu đã cũ" in answer.text
    assert len(deadlines(app.db, ("proposed",))) == 3


async def test_approvals_show_the_sentence_and_approve_with_an_edited_date(
    app: App, admin: Person
) -> None:
    async with client(app) as browser:
        await log_in(browser, admin)
        page = await browser.get("/web/duyet")
        assert "Các chi bộ báo cáo sơ kết 6 tháng" in page.text and "mục III.2" in page.text
        first = min(d.id for d in deadlines(app.db, ("proposed",)) if d.id)
        done = await browser.post(
            "/web/duyet",
            data={"csrf": csrf_of(page), "mot": f"duyet:{first}", f"ngay_{first}": "2024-05-20",
                  f"chibo_{first}": "a1"},
        )  # fmt: skip
    assert done.status_code == 200
    assert f"Đã duyệt #{first}" in done.text and "20/05/2024" in done.text
    (approved,) = [d for d in deadlines(app.db) if d.id == first]
    assert approved.branch_codes == "A1"


async def test_a_past_date_needs_the_same_confirmation_as_in_chat(app: App, admin: Person) -> None:
    async with client(app) as browser:
        page = await log_in(browser, admin)
        first = min(d.id for d in deadlines(app.db, ("proposed",)) if d.id)
        token = csrf_of(page)
        refused = await browser.post(
            "/web/duyet",
            data={"csrf": token, "mot": f"duyet:{first}", f"ngay_{first}": "2024-04-01"},
        )
        assert "đã qua" in refused.text and f'value="apok:{first}"' in refused.text
        assert first not in [d.id for d in deadlines(app.db)]
        forced = await browser.post("/web/duyet", data={"csrf": token, "nut": f"apok:{first}"})
    assert f"Đã duyệt #{first}" in forced.text
    assert first in [d.id for d in deadlines(app.db)]


async def test_approve_and_discard_many_at_once(app: App, admin: Person) -> None:
    ids = sorted(d.id for d in deadlines(app.db, ("proposed",)) if d.id)
    async with client(app) as browser:
        token = csrf_of(await log_in(browser, admin))
        await browser.post(
            "/web/duyet",
            data={"csrf": token, "hanh_dong": "duyet", "chon": [str(i) for i in ids[:2]]},
        )
        await browser.post(
            "/web/duyet", data={"csrf": token, "hanh_dong": "boqua", "chon": str(ids[2])}
        )
    assert sorted(d.id for d in deadlines(app.db)) == ids[:2]
    assert [d.id for d in deadlines(app.db, ("discarded",))] == [ids[2]]
