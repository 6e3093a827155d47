"""Dialogs: a branch secretary looks documents up and asks about them in chat."""

from __future__ import annotations

import pytest

from bot.app import App
from handlers.ingest import ingest_paths
from handlers.lookup import is_lookup
from storage.repos.members import bind_chat
from tests.fakes.channel import FakeChannel
from tests.support import SEEDS, Person

SECRETARY, ADMIN = "200", "201"


@pytest.fixture
def secretary(app: App, channel: FakeChannel) -> Person:
    """A registered branch secretary (her branch plays no part here), no document loaded."""
    bind_chat(app.db, "fake", SECRETARY, "secretary", None)
    return Person(app, channel, SECRETARY, "Bí thư A")


@pytest.fixture
def loaded(app: App, secretary: Person) -> Person:
    """The secretary, with the five seed documents in the library."""
    report = ingest_paths(app.ctx, [SEEDS])
    assert len(report.ingested) == 5, report.errors
    return secretary


async def test_question_before_any_document_gets_help(secretary: Person) -> None:
    (reply,) = await secretary.send("Ban Tuyên giáo phải làm gì?")
    assert "chưa có văn bản" in reply and "nạp" in reply


async def test_admin_before_any_document_is_told_to_send_files(
    app: App, channel: FakeChannel
) -> None:
    bind_chat(app.db, "fake", ADMIN, "admin", None)
    (reply,) = await Person(app, channel, ADMIN).send("kh 89")
    assert "gửi tệp" in reply


async def test_lookups(loaded: Person) -> None:
    (cited,) = await loaded.send("kh 89")
    assert cited == (
        "Kế hoạch 89-KH/TU ngày 24/12/2021 của Ban Thường vụ Thành ủy — chưa có toàn văn; "
        "được triển khai bởi 34-HD/ĐU"
    )
    (number,) = await loaded.send("34 hd du")
    assert number.startswith("Hướng dẫn 34-HD/ĐU")
    assert "000_f74942306add2ba5.txt" in number
    (title,) = await loaded.send("kế hoạch thủ đức 2023")
    assert title.startswith("Kế hoạch thực hiện công tác dân vận của chính quyền")
    assert "002_0c8db8813ae77d4b.txt" in title


async def test_ambiguous_number_lists_candidates(loaded: Person) -> None:
    (reply,) = await loaded.send("105")
    assert reply.startswith("Có nhiều văn bản khớp với “105”:")
    assert "1. Công văn 105-CV/ĐU của Đảng ủy" in reply
    assert "Nghị quyết 105/NQ-CP ngày 15/08/2022 của Chính phủ" in reply
    assert "gõ đầy đủ số và ký hiệu" in reply


async def test_question_about_a_unit(loaded: Person) -> None:
    (reply,) = await loaded.send("ban tuyen giao phai lam gi")
    assert reply.startswith("Nhiệm vụ của Ban Tuyên giáo Đảng ủy:")
    assert "“Tham mưu, hướng dẫn, định hướng thông tin tuyên truyền" in reply
    assert reply.startswith(
        "Nhiệm vụ của Ban Tuyên giáo Đảng ủy:\n\nChương trình công tác dân vận năm 2024, "
        "mục II.3:\n– “Tham mưu, hướng dẫn"
    )
    (reply,) = await loaded.send("Ủy ban Kiểm tra phải làm gì?")
    assert reply.startswith("Nhiệm vụ của Ủy ban Kiểm tra Đảng ủy:\n\nChương trình công tác")
    (reply,) = await loaded.send("Ban Tổ chức phải làm gì?")
    assert reply.startswith("Nhiệm vụ của Ban Tổ chức Đảng ủy:\n\nChương trình công tác")
    (reply,) = await loaded.send("các cơ sở giáo dục phải làm gì?")
    assert reply.startswith("Nhiệm vụ của các cơ sở giáo dục:")


async def test_deadline_questions_lead_with_the_date(loaded: Person) -> None:
    (reply,) = await loaded.send("hạn nộp báo cáo 6 tháng?")
    assert reply.startswith("Báo cáo 6 tháng: hạn 10/05/2024")
    assert (
        "6 tháng (ngày 10/5)" in reply and "(Chương trình công tác dân vận năm 2024, mục" in reply
    )
    (reply,) = await loaded.send("hạn nộp báo cáo 6 tháng năm 2024?")
    assert reply.startswith("Báo cáo 6 tháng: hạn 10/05/2024")
    for month in ("tháng 5/2024 có hạn gì?", "tháng 5 có hạn gì?"):  # the clock is in May 2024
        (reply,) = await loaded.send(month)
        assert reply.startswith("Các hạn trong tháng 5/2024:")
        assert "Báo cáo 6 tháng: hạn 10/05/2024" in reply


async def test_deadlines_of_a_quarter_or_a_span(loaded: Person) -> None:
    (reply,) = await loaded.send("quý 2/2024 có hạn gì?")
    listed = [line for line in reply.splitlines() if line.startswith("• ")]
    assert reply.startswith("Các hạn trong quý 2/2024:")
    assert "Báo cáo 6 tháng: hạn 10/05/2024" in listed[0]
    assert any("trong quý II/2024" in line for line in listed)
    assert not any("quý 4" in line or "10/11/2024" in line for line in listed)
    (reply,) = await loaded.send("tháng 13/2024 có hạn gì?")
    assert reply.startswith("Không có tháng 13: tháng chỉ từ 1 đến 12.")
    (reply,) = await loaded.send("hôm nay có hạn gì?")
    assert reply.startswith("Tôi không thấy hạn nào hôm nay (02/05/2024)")
    assert "Hạn gần nhất sau đó: Báo cáo 6 tháng: hạn 10/05/2024" in reply
    (reply,) = await loaded.send("tuần này có hạn gì?")
    assert reply.startswith("Tôi không thấy hạn nào trong tuần này (29/04/2024 – 05/05/2024)")
    (reply,) = await loaded.send("sắp tới có hạn gì?")
    assert reply.startswith("Các hạn trong 30 ngày tới (đến 01/06/2024):\n• Báo cáo 6 tháng")


async def test_when_was_it_issued(loaded: Person) -> None:
    (reply,) = await loaded.send("kế hoạch 89 ngày nào?")
    assert reply.startswith(
        "Kế hoạch 89-KH/TU của Ban Thường vụ Thành ủy ban hành ngày 24/12/2021 "
        "(theo trích dẫn trong 34-HD/ĐU). Thư viện chưa có toàn văn văn bản này."
    )
    (reply,) = await loaded.send("hướng dẫn 34 ngày nào?")
    assert reply.startswith("34-HD/ĐU không ghi ngày ban hành")
    assert "Những gì đã biết: Hướng dẫn 34-HD/ĐU" in reply and "hạn" not in reply
    (reply,) = await loaded.send("công văn 105 ban hành ngày nào?")
    assert reply.startswith("105-CV/ĐU không ghi ngày ban hành")


async def test_a_number_with_a_type_does_not_hijack_a_question(loaded: Person) -> None:
    plan = "Kế hoạch tổ chức thực hiện Nghị quyết số 118/NQ-HĐND"
    (reply,) = await loaded.send("ai ký kế hoạch 118?")
    assert f"\n\n{plan} ngày 09 tháng 12… do " in reply and "ký" in reply
    (reply,) = await loaded.send("hiệu trưởng phải làm gì theo kế hoạch 118?")
    assert f"({plan}" in reply and "chưa thấy nội dung trả lời" not in reply
    (reply,) = await loaded.send("kh 118")
    assert reply.startswith("Không tìm thấy văn bản nào khớp với “kh 118”.\n")
    assert "• Nghị quyết 118/NQ-HĐND" in reply and "chưa thấy nội dung trả lời" not in reply


async def test_unknown_numbers_are_lookups_that_find_nothing(loaded: Person) -> None:
    for text in ("kh 99999", "kh 61"):
        (reply,) = await loaded.send(text)
        assert reply.startswith(f"Không tìm thấy văn bản nào khớp với “{text}”. Đồng chí hãy gõ số")


async def test_admin_status_questions_get_the_submission_status(
    app: App, channel: FakeChannel, loaded: Person
) -> None:
    bind_chat(app.db, "fake", ADMIN, "admin", None)
    office = Person(app, channel, ADMIN, "Văn phòng")
    await office.send("/hanmoi 10/05/2024 Báo cáo nhanh")
    pairs = [
        ("chi bộ nào chưa nộp?", "/tinhhinh"),
        ("tình hình báo cáo nhanh?", "/tinhhinh báo cáo nhanh"),
        ("tình hình báo cáo 6 tháng?", "/tinhhinh báo cáo 6 tháng"),
    ]
    for question, command in pairs:
        assert await office.send(question) == await office.send(command), question
    (reply,) = await loaded.send("tình hình báo cáo nhanh?")  # a secretary: a question
    assert reply != (await office.send("/tinhhinh báo cáo nhanh"))[0]


async def test_signer_recipients_and_implementing(loaded: Person) -> None:
    (signer,) = await loaded.send("/hoi ai ký công văn 105?")
    assert signer.startswith("105-CV/ĐU do Nguyễn Huỳnh Long ký")
    (recipients,) = await loaded.send("Hướng dẫn 34 gửi cho ai?")
    assert recipients.startswith("34-HD/ĐU gửi đến:")
    assert "• Ban Dân vận Thành ủy (để báo cáo)" in recipients
    (implementing,) = await loaded.send("văn bản nào thực hiện 89-KH/TU?")
    assert implementing.startswith("89-KH/TU được triển khai bởi 34-HD/ĐU.")
    assert "(34-HD/ĐU, phần mở đầu)" in implementing


async def test_tim_and_hoi_commands(loaded: Person) -> None:
    (found,) = await loaded.send("/tim cong van 105")
    assert found.startswith("Công văn 105-CV/ĐU")
    (answer,) = await loaded.send("/hoi du an duong vanh dai 3")
    assert "Vành đai 3" in answer and "mục II.1)" in answer
    (tim,) = await loaded.send("/tim")
    (hoi,) = await loaded.send("/hoi")
    assert "/tim kh 89" in tim
    assert "/hoi Ban Tuyên giáo phải làm gì?" in hoi


async def test_nothing_fits_says_so_and_suggests(loaded: Person) -> None:
    (reply,) = await loaded.send("giá vàng hôm nay bao nhiêu một chỉ?")
    assert reply.startswith("Trong các văn bản đã nạp chưa thấy nội dung")
    assert "Đồng chí có thể hỏi về nhiệm vụ của một đơn vị" in reply


async def test_stranger_is_refused(loaded: Person, stranger: Person) -> None:
    for text in ("kh 89", "/tim kh 89", "/hoi Ban Tuyên giáo phải làm gì?"):
        (reply,) = await stranger.send(text)
        assert reply.startswith("Đồng chí chưa đăng ký với bot")


BAD_INPUTS = (
    "!!! ??? ...",
    "😀🎉👍",
    "'; DROP TABLE documents; --",
    "<b>kh 89</b> *đậm* _nghiêng_ [link](http://x)",
    "a" * 10_000,
    "hạn nộp " * 1_500,
)


async def test_bad_input_gets_a_sensible_reply(loaded: Person) -> None:
    for text in BAD_INPUTS:
        replies = await loaded.send(text)
        assert len(replies) == 1, text[:40]
        assert replies[0] and "lỗi" not in replies[0], text[:40]
    (empty,) = await loaded.send("   ")
    assert empty == "Tin nhắn trống. Đồng chí hãy gõ câu hỏi hoặc số văn bản cần tìm."
    (markup,) = await loaded.send("/tim <script>alert(1)</script>")
    assert markup.startswith("Không tìm thấy văn bản nào khớp với “<script>alert(1)</script>”")
    (long,) = await loaded.send("Ban Tuyên giáo phải làm gì? " + "x " * 3_000)
    assert "chỉ đọc 1000 ký tự đầu" in long


@pytest.mark.parametrize(
    ("text", "lookup"),
    [
        ("kh 89", True),
        ("34 hd du", True),
        ("cong van 105", True),
        ("30", True),
        ("chương trình dân vận 2024", True),
        ("Công văn 105 yêu cầu gì?", False),
        ("hạn nộp báo cáo 6 tháng", False),
        ("Ban Tuyên giáo phải làm gì", False),
        ("văn bản nào thực hiện 89-KH/TU", False),
        ("tiêm chủng vắc xin", False),
        ("kh 118", True),
        ("ai ký kế hoạch 118?", False),
        ("kế hoạch 89 ngày nào", False),
    ],
)
def test_free_text_is_a_lookup_or_a_question(text: str, lookup: bool) -> None:
    assert is_lookup(text) is lookup
