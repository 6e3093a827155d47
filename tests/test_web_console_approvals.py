"""The approvals page in pages of 50: «Trang trước / Trang sau», a decision lands back on the
same page of the same list, the CSRF token and the document filter travel with every form."""

from __future__ import annotations

import re
from datetime import date, timedelta

import httpx
import pytest

from bot.app import App
from handlers.proposals import propose_deadlines
from knowledge.model import Deadline as Found
from storage.repos.deadlines import deadlines
from tests.fakes.channel import FakeChannel
from tests.support import Person
from tests.support_console import client, csrf_of, log_in
from tests.support_office import add_branches, make_admin, store_document

BOXES = re.compile(r'name="chon" value="(\d+)"')
PAGE = re.compile(r"Trang (\d+)/(\d+)")


def topics(document: int, count: int) -> list[Found]:
    """A plan's `count` report duties, each its own sentence and day."""
    start = date(2024, 6, 1)
    found = []
    for n in range(count):
        day = start + timedelta(days=n)
        sentence = (
            f"Chi bộ báo cáo chuyên đề {n + 1} của kế hoạch {document} về Ban Dân vận "
            f"trước ngày {day.day}/{day.month}/2024."
        )
        found.append(Found(sentence, f"II.{n + 1}", day, label=f"Báo cáo chuyên đề {n + 1}"))
    return found


@pytest.fixture
async def office(app: App, channel: FakeChannel) -> Person:
    """Three plans waiting for approval: 60, 45 and 30 proposals (135 in all)."""
    app.settings.max_deadlines_per_document = 60
    admin = make_admin(app, channel)
    await add_branches(admin, ("A1", "Chi bộ Trường A"), ("B2", "Chi bộ Trường B"))
    for document, count in ((1, 60), (2, 45), (3, 30)):
        number = f"{10 + document}-KH/ĐU"
        doc = store_document(app, topics(document, count), number, f"kh{document}.docx")
        propose_deadlines(app.ctx, doc)
    assert len(deadlines(app.db, ("proposed",))) == 135
    return admin


def shown(page: httpx.Response) -> list[int]:
    """The proposals a page lists (their ids, in order)."""
    return [int(i) for i in BOXES.findall(page.text)]


def where(page: httpx.Response) -> tuple[int, int]:
    """(this page, pages) as the pager says it."""
    found = PAGE.search(page.text)
    assert found, page.text[:800]
    return int(found.group(1)), int(found.group(2))


def link(page: httpx.Response, label: str) -> str:
    """The address of the pager's «Trang trước» or «Trang sau»."""
    found = re.search(rf'href="([^"]+)" rel="\w+">{label}<', page.text)
    assert found, f"no {label}"
    return found.group(1).replace("&amp;", "&")


async def test_the_list_is_paged_with_previous_and_next(app: App, office: Person) -> None:
    proposed = sorted(d.id for d in deadlines(app.db, ("proposed",)) if d.id)
    async with client(app) as browser:
        await log_in(browser, office)
        first = await browser.get("/web/duyet")
        second = await browser.get(link(first, "Trang sau"))
        third = await browser.get(link(second, "Trang sau"))
        back = await browser.get(link(third, "Trang trước"))
    assert "135 đề xuất chờ duyệt, trang này có đề xuất thứ 1–50" in first.text
    assert where(first) == (1, 3) and "Trang trước" not in first.text
    assert shown(first) == proposed[:50]
    assert where(second) == (2, 3) and shown(second) == proposed[50:100]
    assert "trang này có đề xuất thứ 51–100" in second.text
    assert where(third) == (3, 3) and shown(third) == proposed[100:]
    assert "Trang sau" not in third.text
    assert shown(back) == shown(second)


async def test_a_decision_on_page_two_lands_on_page_two_with_its_csrf(
    app: App, office: Person
) -> None:
    async with client(app) as browser:
        await log_in(browser, office)
        second = await browser.get("/web/duyet", params={"trang": "2"})
        token, ids = csrf_of(second), shown(second)
        assert 'name="trang" value="2"' in second.text
        one = await browser.post(
            "/web/duyet", data={"csrf": token, "trang": "2", "mot": f"duyet:{ids[0]}"}
        )
        assert "Đã duyệt" in one.text and where(one) == (2, 3)
        assert "134 đề xuất chờ duyệt" in one.text and ids[0] not in shown(one)
        assert csrf_of(one) == token
        form = {
            "csrf": token,
            "trang": "2",
            "hanh_dong": "duyet",
            "chon": [str(i) for i in ids[1:]],
        }
        many = await browser.post("/web/duyet", data=form)
        forged = await browser.post("/web/duyet", data={**form, "csrf": "cu"})
    assert where(many) == (2, 2)  # 85 left: the page shown is what became page 2
    assert "85 đề xuất chờ duyệt, trang này có đề xuất thứ 51–85" in many.text
    assert forged.status_code == 403 and "Biểu mẫu đã cũ" in forged.text
    assert len(deadlines(app.db, ("proposed",))) == 85


async def test_a_document_filter_is_kept_across_pages_and_decisions(
    app: App, office: Person
) -> None:
    async with client(app) as browser:
        await log_in(browser, office)
        every = await browser.get("/web/duyet")
        assert ">11-KH/ĐU (60)<" in every.text and ">13-KH/ĐU (30)<" in every.text
        first = await browser.get("/web/duyet", params={"vanban": "1"})
        nxt = link(first, "Trang sau")
        second = await browser.get(nxt)
        token, ids = csrf_of(second), shown(second)
        discarded = await browser.post(
            "/web/duyet",
            data={"csrf": token, "trang": "2", "vanban": "1", "mot": f"boqua:{ids[0]}"},
        )
        third_plan = await browser.get("/web/duyet", params={"vanban": "3"})
    assert "vanban=1" in nxt and "trang=2" in nxt
    assert "60 đề xuất chờ duyệt" in first.text and where(first) == (1, 2)
    assert len(ids) == 10 and "Văn bản 11-KH/ĐU" in second.text
    assert "Văn bản 12-KH/ĐU" not in second.text
    assert where(discarded) == (2, 2) and len(shown(discarded)) == 9
    assert 'name="vanban" value="1"' in discarded.text
    assert "59 đề xuất chờ duyệt" in discarded.text
    assert "30 đề xuất chờ duyệt." in third_plan.text and "Trang 1/" not in third_plan.text


async def test_a_page_past_the_end_or_not_a_number_shows_a_real_page(
    app: App, office: Person
) -> None:
    async with client(app) as browser:
        await log_in(browser, office)
        far = await browser.get("/web/duyet", params={"trang": "99"})
        odd = await browser.get("/web/duyet", params={"trang": "hai", "vanban": "khong-co"})
    assert where(far) == (3, 3) and len(shown(far)) == 35
    assert where(odd) == (1, 3) and len(shown(odd)) == 50
