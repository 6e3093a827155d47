"""The office announces a newly loaded directive to the branches, after seeing the message."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.app import App
from handlers.ingest import ingest_paths
from tests.fakes.channel import FakeChannel
from tests.support import Person
from tests.support_office import add_branches, join, make_admin

KH41 = """ĐẢNG BỘ SỞ GIÁO DỤC VÀ ĐÀO TẠO
Số 41-KH/ĐU
KẾ HOẠCH
tổ chức học tập chuyên đề năm 2024

I. MỤC ĐÍCH
Nâng cao nhận thức của cán bộ, đảng viên.

II. TỔ CHỨC THỰC HIỆN
Các chi bộ báo cáo kết quả học tập chuyên đề về Văn phòng Đảng ủy trước ngày 20/6/2024.
"""


@pytest.fixture
async def office(app: App, channel: FakeChannel, tmp_path: Path) -> Person:
    """An admin, three branches (C3 without anyone on the bot) and a loaded plan."""
    admin = make_admin(app, channel)
    await add_branches(
        admin, ("A1", "Chi bộ Trường A"), ("B2", "Chi bộ Trường B"), ("C3", "Chi bộ Trường C")
    )
    path = tmp_path / "kh41.txt"
    path.write_text(KH41, encoding="utf-8")
    ingest_paths(app.ctx, [path])
    return admin


MESSAGE = (
    "Văn phòng Đảng ủy thông báo: đã có kế hoạch 41-KH/ĐU “Tổ chức học tập chuyên đề năm 2024” "
    "trên bot.\nĐồng chí có thể hỏi bot về văn bản này, ví dụ gõ “kh 41” để xem văn bản, hoặc "
    "hỏi “Kế hoạch 41 yêu cầu gì?”."
)


async def test_preview_then_send_to_every_branch_once(
    app: App, channel: FakeChannel, office: Person
) -> None:
    a1 = await join(app, channel, office, "10", "A1")
    b2 = await join(app, channel, office, "20", "B2")
    (preview,) = await office.send("/thongbao kh 41")
    assert preview.startswith(
        "Sẽ gửi thông báo dưới đây tới tất cả 3 chi bộ (2 tài khoản); chưa có tài khoản nhận "
        "tin: C3:\n\n" + MESSAGE
    )
    assert a1.inbox()[-1] != MESSAGE  # nothing is sent before «Gửi»
    buttons = channel.last(office.chat_id).reply.buttons[0]
    assert [b.label for b in buttons] == ["Gửi", "Thôi"]
    (summary,) = await office.press(buttons[0].data)
    assert summary == "Đã gửi thông báo văn bản 41-KH/ĐU tới 2 chi bộ (2 tài khoản)."
    assert a1.inbox()[-1] == MESSAGE and b2.inbox()[-1] == MESSAGE
    (again,) = await office.press(buttons[0].data)
    assert again.endswith("đã được gửi hoặc đã hủy trước đó.")
    assert a1.inbox().count(MESSAGE) == 1


async def test_some_branches_only_and_approved_deadlines_listed(
    app: App, channel: FakeChannel, office: Person
) -> None:
    a1 = await join(app, channel, office, "10", "A1")
    b2 = await join(app, channel, office, "20", "B2")
    await office.send("duyệt tất cả")
    (preview,) = await office.send("/thongbao 41-KH/ĐU B2")
    assert preview.startswith("Sẽ gửi thông báo dưới đây tới 1 chi bộ: B2 (1 tài khoản):")
    assert (
        "Hạn nộp theo văn bản này:\n• Báo cáo kết quả học tập chuyên đề — hạn 20/06/2024" in preview
    )
    announcement = channel.last(office.chat_id).reply.ref or ""
    await office.send(f"/thongbao gui {announcement.split(':')[1]}")
    assert b2.inbox()[-1].startswith("Văn phòng Đảng ủy thông báo: đã có kế hoạch 41-KH/ĐU")
    assert not any("41-KH/ĐU" in t for t in a1.inbox())


async def test_cancel_and_unknown_documents(app: App, channel: FakeChannel, office: Person) -> None:
    a1 = await join(app, channel, office, "10", "A1")
    await office.send("/thongbao kh 41 A1")
    cancel = channel.last(office.chat_id).reply.buttons[0][1].data
    (reply,) = await office.press(cancel)
    assert reply.startswith("Đã hủy thông báo #")
    assert not any("41-KH/ĐU" in t for t in a1.inbox())
    (reply,) = await office.send("/thongbao kh 999")
    assert reply == "Không tìm thấy văn bản “kh 999” trong thư viện. Văn bản cần được nạp trước."
    assert (await office.send("/thongbao"))[0].startswith("Cách dùng: /thongbao SỐ_VĂN_BẢN")
    assert (await a1.send("/thongbao kh 41"))[
        0
    ] == "Lệnh này chỉ dành cho cán bộ Văn phòng Đảng ủy."
