"""The web console end to end in a real browser: Debian's Chromium driven by Playwright.

Log in through the link /web gives, upload a document, approve its deadline, see its column
on the board; screenshots of the board and the approval page go to the test's own directory,
or to DANVAN_SCREENSHOTS when set (`DANVAN_SCREENSHOTS=benchmarks/results` refreshes the
committed pictures), so a test run never changes a tracked file.
The browser is the system's (/usr/bin/chromium, `apt-get install chromium`; scripts/test.sh
installs it on CI): Playwright never downloads one. Without it the test fails and says why.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from playwright.async_api import Page, async_playwright, expect

from bot.app import App
from storage.repos.deadlines import deadlines
from tests.fakes.channel import FakeChannel
from tests.support_console import login_link
from tests.support_office import add_branches, make_admin
from tests.support_web import serving

CHROMIUM = Path("/usr/bin/chromium")
# A plan of our own making (not a corpus text): one dated report for every branch.
PLAN = """ĐẢNG ỦY SỞ GIÁO DỤC VÀ ĐÀO TẠO
Số 77-KH/ĐU

TP. Hồ Chí Minh, ngày 25 tháng 4 năm 2024

KẾ HOẠCH
tổ chức sinh hoạt chuyên đề quý II năm 2024

I. MỤC ĐÍCH, YÊU CẦU

1. Nâng cao chất lượng sinh hoạt chuyên đề ở các chi bộ trực thuộc.

II. TỔ CHỨC THỰC HIỆN

1. Các chi bộ tổ chức sinh hoạt chuyên đề và gửi báo cáo kết quả về Văn phòng Đảng ủy \
trước ngày 24 tháng 5 năm 2024.
"""


def _browser_path() -> str:
    """The system Chromium, or a failure saying how to install it (never a skip)."""
    found = shutil.which("chromium") or (str(CHROMIUM) if CHROMIUM.exists() else None)
    if found is None:
        pytest.fail(
            "Chromium is not installed, so the web console cannot be tested in a browser: "
            "run `apt-get install -y chromium fonts-dejavu-core` (scripts/test.sh does it as root)."
        )
    return found


async def _log_in(page: Page, url: str) -> None:
    await page.goto(url)
    await page.get_by_role("button", name="Đăng nhập").click()
    await expect(page.get_by_role("heading", name="Tình hình nộp báo cáo")).to_be_visible()


async def test_log_in_upload_approve_and_see_the_new_column(
    app: App, channel: FakeChannel, tmp_path: Path
) -> None:
    executable = _browser_path()
    admin = make_admin(app, channel)
    await add_branches(
        admin, ("A1", "Chi bộ Trường THPT Lê Lợi"), ("B2", "Chi bộ Trường THCS Hoà Bình")
    )
    plan = tmp_path / "ke-hoach-77.txt"
    plan.write_text(PLAN, encoding="utf-8")
    shots = Path(os.environ.get("DANVAN_SCREENSHOTS") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    async with serving(app, []) as served, async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        page = await browser.new_page(viewport={"width": 1100, "height": 800}, locale="vi-VN")
        await _log_in(page, served.url + await login_link(admin))
        await expect(page.get_by_text("Chưa có hạn nộp nào được duyệt")).to_be_visible()

        await page.get_by_role("link", name="Văn bản").click()
        await page.get_by_label("Tệp .docx, .pdf hoặc .txt").set_input_files(str(plan))
        await page.get_by_role("button", name="Tải lên").click()
        await expect(page.get_by_text("Đã nạp “ke-hoach-77.txt”")).to_be_visible()

        await page.get_by_role("link", name="Xem các đề xuất hạn nộp chờ duyệt").click()
        (proposal,) = [d.id for d in deadlines(app.db, ("proposed",))]
        await expect(page.get_by_text("gửi báo cáo kết quả về Văn phòng Đảng ủy")).to_be_visible()
        await page.screenshot(path=str(shots / "console_approvals.png"), full_page=True)
        await page.get_by_role("button", name=f"Duyệt #{proposal}", exact=True).click()
        await expect(page.get_by_text(re.compile(f"Đã duyệt #{proposal}"))).to_be_visible()

        await page.get_by_role("link", name="Tình hình", exact=True).click()
        header = page.get_by_role("columnheader", name=re.compile(f"#{proposal}"))
        await expect(header).to_be_visible()
        await expect(header).to_contain_text("hạn 24/05")
        cell = page.locator("td.s-pending").first
        await expect(cell).to_have_text("trong hạn")
        assert "hạn 17:00 ngày 24/05/2024" in (await cell.get_attribute("title") or "")
        await page.screenshot(path=str(shots / "console_board.png"), full_page=True)
        await browser.close()
    assert [d.id for d in deadlines(app.db)] == [proposal]
