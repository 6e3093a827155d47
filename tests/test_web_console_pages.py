"""The web console's pages as an admin reads them: the board, downloads, documents, people."""

from __future__ import annotations

import httpx
import pytest

from bot.app import App
from bot.web.app import build_web
from bot.web.console.routes import console_routes
from bot.web.health import Health
from handlers.proposals import propose_deadlines
from storage.repos.deadlines import deadlines
from storage.repos.members import bind_chat
from storage.repos.messages import mark_unreachable
from tests.fakes.channel import FakeChannel
from tests.support import Person
from tests.support_console import client, csrf_of, log_in
from tests.support_office import add_branches, join, make_admin, store_document


@pytest.fixture
async def admin(app: App, channel: FakeChannel) -> Person:
    """Office staff, two branches, a plan with two deadlines approved and one waiting."""
    person = make_admin(app, channel)
    await add_branches(person, ("A1", "Chi bộ Trường A"), ("B2", "Chi bộ Trường B"))
    propose_deadlines(app.ctx, store_document(app))
    first, second, _ = sorted(d.id for d in deadlines(app.db, ("proposed",)) if d.id)
    await person.send(f"/duyet {first},{second}")
    return person


async def test_the_board_colours_cells_with_hover_times_filters_and_totals(
    app: App, channel: FakeChannel, admin: Person
) -> None:
    secretary = await join(app, channel, admin, "200", "A1")
    (first,) = [d.id for d in deadlines(app.db) if d.title == "Báo cáo sơ kết 6 tháng"]
    await secretary.send("/viec")
    await secretary.send("đã nộp 1")
    async with client(app) as browser:
        board = await log_in(browser, admin)
        assert "A1 — Chi bộ Trường A" in board.text and f"#{first}" in board.text
        assert 'class="s-submitted" title="Đúng hạn: nộp lúc 09:00 ngày 02/05/2024"' in board.text
        assert (
            'class="s-pending" title="Trong hạn: hạn 17:00 ngày 10/05/2024, chưa nộp"' in board.text
        )
        only = await browser.get("/web/", params={"tinhtrang": "submitted"})
        assert "1 chi bộ × 1 hạn nộp" in only.text
        may = await browser.get("/web/", params={"ky": "2024-11"})
        assert "Báo cáo năm" in may.text and "Báo cáo sơ kết 6 tháng" not in may.text


async def test_excel_and_png_are_one_click_away(app: App, admin: Person) -> None:
    async with client(app) as browser:
        await log_in(browser, admin)
        xlsx = await browser.get("/web/bang.xlsx")
        png = await browser.get("/web/bang.png")
        log = await browser.get("/web/nhatky")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    assert png.status_code == 200 and png.content[:8] == b"\x89PNG\r\n\x1a\n"
    assert "xuất tệp" in log.text and "web:fake:1" in log.text


async def test_upload_has_the_chats_limits_and_messages(app: App, admin: Person) -> None:
    app.settings.max_upload_mb = 0.01
    async with client(app) as browser:
        token = csrf_of(await log_in(browser, admin))
        form = {"csrf": token}
        old = await browser.post("/web/vanban", data=form, files={"tep": ("cu.doc", b"x")})
        big = await browser.post(
            "/web/vanban", data=form, files={"tep": ("to.txt", b"a" * 200_000)}
        )
    assert "tệp Word cũ (.doc) chưa được hỗ trợ" in old.text
    assert big.status_code == 413 and "vượt giới hạn" in big.text


async def test_library_document_page_and_search(app: App, admin: Person) -> None:
    async with client(app) as browser:
        await log_in(browser, admin)
        library = await browser.get("/web/vanban")
        assert "89-KH/ĐU" in library.text
        doc = await browser.get("/web/vanban/1")
        assert "Báo cáo sơ kết 6 tháng" in doc.text and "chờ duyệt" in doc.text
        found = await browser.get("/web/vanban", params={"q": "kh 89"})
        assert "89-KH/ĐU" in found.text.split("Nạp văn bản")[0]
        assert (await browser.get("/web/vanban/999")).status_code == 404


async def test_people_invites_with_a_qr_code_and_the_unreachable(
    app: App, channel: FakeChannel, admin: Person
) -> None:
    app.settings.telegram_bot_username = "danvan_bot"
    bind_chat(app.db, "zalo", "z-7", "secretary", None, "Đồng chí Lan")
    mark_unreachable(app.db, "zalo", "z-7")  # Zalo refused to deliver to this chat
    async with client(app) as browser:
        token = csrf_of(await log_in(browser, admin))
        people = await browser.get("/web/nguoi")
        assert "Không liên lạc được" in people.text and "Đồng chí Lan" in people.text
        made = await browser.post(
            "/web/nguoi", data={"csrf": token, "chibo": "B2", "vai_tro": "deputy"}
        )
    assert "Mã mời cho phó bí thư Chi bộ Trường B (B2)" in made.text
    assert "https://t.me/danvan_bot?start=" in made.text and "<svg" in made.text


async def test_the_server_sends_the_board_compressed(app: App, admin: Person) -> None:
    health = Health(app, [], None)
    web = build_web(health, app.metrics, pages=console_routes(app.ctx))
    transport = httpx.ASGITransport(app=web)
    async with httpx.AsyncClient(transport=transport, base_url="http://bot") as browser:
        board = await log_in(browser, admin)
    assert board.status_code == 200 and "Tình hình nộp báo cáo" in board.text
    assert board.headers["content-encoding"] == "gzip"  # 1.4 MB at 300 × 50 goes as 50 KB
