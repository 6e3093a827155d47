"""A proposal's short title (what) and doer (who), from sentences as offices write them."""

from __future__ import annotations

import pytest

from handlers.proposal_titles import TITLE_CHARS, short_title, task_name


@pytest.mark.parametrize(
    ("sentence", "title", "who"),
    [
        (
            "Căn cứ Kế hoạch này, Thủ trưởng các đơn vị xây dựng kế hoạch triển khai tại đơn vị "
            "và gửi về Văn phòng Đảng ủy trước ngày 30/11/2025.",
            "Xây dựng kế hoạch triển khai tại đơn vị",
            "Thủ trưởng các đơn vị",
        ),
        (
            "Các chi bộ, đảng bộ cơ sở báo cáo sơ kết 6 tháng (trước ngày 10/5) và báo cáo năm.",
            "Báo cáo sơ kết 6 tháng",
            "Các chi bộ",
        ),
        (
            "Báo cáo sơ kết 6 tháng đầu năm 2027 gửi về Văn phòng Đảng ủy Sở trước ngày 15 "
            "tháng 6 năm 2027.",
            "Báo cáo sơ kết 6 tháng đầu năm 2027",
            "",
        ),
        (
            "Các chi bộ, đảng bộ cơ sở xây dựng kế hoạch, hạn chót ngày 30/11.",
            "Xây dựng kế hoạch",
            "Các chi bộ",
        ),
        (
            "2. Đề nghị Ban Tuyên giáo Đảng ủy chủ trì, phối hợp với Văn phòng tổ chức hội nghị "
            "quán triệt trong tháng 12/2025.",
            "Chủ trì, phối hợp với Văn phòng tổ chức hội nghị quán triệt",
            "Ban Tuyên giáo Đảng ủy",
        ),
        (
            "Thực hiện Kế hoạch số 89-KH/TU, Văn phòng Đảng ủy tham mưu tổng hợp báo cáo kết quả "
            "gửi Thành ủy trong quý I/2026.",
            "Tham mưu tổng hợp báo cáo kết quả gửi Thành ủy",
            "Văn phòng Đảng ủy",
        ),
        (
            "Để triển khai hiệu quả Chỉ thị số 35-CT/TW, các chi bộ tổ chức rà soát, đánh giá "
            "đội ngũ cán bộ, hoàn thành trước ngày 15/01/2026.",
            "Tổ chức rà soát, đánh giá đội ngũ cán bộ",
            "Các chi bộ",
        ),
        (
            "Định kỳ báo cáo kết quả thực hiện hằng tháng về Văn phòng Đảng ủy.",
            "Báo cáo kết quả thực hiện",
            "",
        ),
        (
            "Theo dõi, đôn đốc các chi bộ thực hiện, báo cáo Thường trực Đảng ủy chậm nhất ngày "
            "20/12/2025.",
            "Theo dõi, đôn đốc các chi bộ thực hiện, báo cáo Thường trực Đảng ủy",
            "",
        ),
        (
            "Công tác chuẩn bị đã được triển khai từ đầu năm. Các chi bộ trường học gửi danh "
            "sách đảng viên dự bị về Ban Tổ chức trước ngày 05/9/2025.",
            "Gửi danh sách đảng viên dự bị",
            "Các chi bộ trường học",
        ),
    ],
)
def test_what_and_who(sentence: str, title: str, who: str) -> None:
    name = task_name(sentence)
    assert (name.title, name.who) == (title, who)


def test_the_parsed_unit_names_the_doer_and_a_label_stands_in_for_an_empty_duty() -> None:
    name = task_name("Gửi về Văn phòng trước ngày 10/5/2024.", "Báo cáo sơ kết", "Ban Tổ chức")
    assert (name.title, name.who) == ("Báo cáo sơ kết", "Ban Tổ chức")


def test_long_titles_are_cut_on_a_word_boundary() -> None:
    long = "Tổ chức hội nghị sơ kết " + "công tác dân vận chính quyền " * 5
    cut = task_name(long + "trước ngày 10/5/2024.").title
    assert len(cut) <= TITLE_CHARS and cut.endswith("…")
    assert long.startswith(cut.removesuffix("…"))
    assert short_title("Báo cáo nhanh kết quả", 14) == "Báo cáo nhanh…"


def test_telegram_cuts_a_long_button_label_on_a_word_boundary() -> None:
    from bot.channels.telegram_render import render
    from core.messages import Button, Reply

    label = "1. Báo cáo kết quả thực hiện công tác dân vận chính quyền quý 2 năm 2024 của chi bộ"
    (part,) = render(Reply("Chọn việc:", buttons=((Button(label, "done:1"),),)))
    shown = part.kwargs()["reply_markup"].inline_keyboard[0][0].text
    assert len(shown) <= 64 and shown.endswith("…")
    assert label.startswith(shown.removesuffix("…")) and label[len(shown) - 1] == " "


@pytest.mark.parametrize(
    ("sentence", "title", "who"),
    [
        (
            "Quý IV năm 2026: các chi bộ tổ chức sinh hoạt chuyên đề về chuyển đổi số.",
            "Tổ chức sinh hoạt chuyên đề về chuyển đổi số",
            "Các chi bộ",
        ),
        (
            "Ủy ban Kiểm tra Đảng ủy kiểm tra việc thực hiện kế hoạch tại một số chi bộ trong "
            "quý II/2027.",
            "Kiểm tra việc thực hiện kế hoạch tại một số chi bộ",
            "Ủy ban Kiểm tra Đảng ủy",
        ),
        (
            "Ban Tổ chức Đảng ủy tổ chức tập huấn nghiệp vụ cho cấp ủy viên trước ngày 30/9/2026.",
            "Tổ chức tập huấn nghiệp vụ cho cấp ủy viên",
            "Ban Tổ chức Đảng ủy",
        ),
    ],
)
def test_time_labels_and_unit_names_that_hold_a_verb(sentence: str, title: str, who: str) -> None:
    name = task_name(sentence)
    assert (name.title, name.who) == (title, who)


def test_a_short_parsed_unit_gives_way_to_the_full_name_in_the_sentence() -> None:
    sentence = "Ủy ban Kiểm tra Đảng ủy kiểm tra việc thực hiện tại các chi bộ trong quý II/2027."
    assert task_name(sentence, unit="Ủy ban").who == "Ủy ban Kiểm tra Đảng ủy"
    assert task_name(sentence, unit="Văn phòng").who == "Văn phòng"
