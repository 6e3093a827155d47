"""Times a text tells rather than sets: past work, results of a period, figures' cut-offs,
norms, previews, named reports, footnotes and a table row restating a term of the body."""

from __future__ import annotations

from datetime import date

import pytest

from knowledge.answer.ask import answer_question
from knowledge.parse.deadlines import find_deadlines
from knowledge.parse.directive import parse_text
from knowledge.search.library import Library
from knowledge.search.library_doc import LibraryDoc


def _values(sentence: str, scoped: bool = False) -> list[tuple[object, ...]]:
    hits = find_deadlines(sentence, 2027, None if scoped else date(2027, 1, 5), scoped=scoped)
    return [(h.value, h.due, h.period) for h in hits]


@pytest.mark.parametrize(
    "sentence",
    [
        # past work: "đã" is the clause's tense, nothing asked
        "Trong tháng 3/2027, các tổ công đoàn đã tổ chức tọa đàm đúng kế hoạch.",
        "Đoàn trường đã phối hợp tổ chức cho đoàn viên dọn vệ sinh sau kỳ nghỉ Tết Nguyên đán.",
        # an account that opens with its day
        "Ngày 12/6/2027, Thường trực Đảng ủy họp rà soát công tác "
        "quý II, định hướng quý III năm 2027.",
        # the period results are of
        "Sau khi nghe Ban Tổ chức báo cáo kết quả công tác phát triển đảng viên quý II, "
        "Thường trực kết luận như sau:",
        # a figure's cut-off
        "Toàn huyện có 92,5% hộ gia đình dùng nước sạch (số liệu thống kê đến hết tháng 8/2027).",
        "Theo số liệu của Cục Thống kê tỉnh đến hết năm 2026, dân số "
        "trung bình đạt 1,1 triệu người.",
        # a preview the issuer will confirm
        "Liên hoan dự kiến diễn ra từ ngày 14/9/2027 đến ngày "
        "16/9/2027 (Phòng sẽ có kế hoạch riêng).",
        "Tổ chức kiểm tra chung cuối học kỳ II theo đề của Phòng; "
        "lịch cụ thể Phòng sẽ thông báo sau.",
        # a service's hours
        "Nhà văn hóa thôn mở cửa ít nhất 03 buổi mỗi tuần trong dịp hè.",
        # a meeting's contents: a report named, sent nowhere
        "- Báo cáo kết quả thực hiện nghị quyết năm 2026, phương hướng năm 2027.",
    ],
)
def test_a_time_told_is_no_term(sentence: str) -> None:
    assert _values(sentence) == []


def test_a_persons_yearly_standard_is_no_term_but_a_units_target_is() -> None:
    norm = (
        "Đối với đoàn viên là học sinh: rèn luyện sức khỏe; "
        "tham gia ít nhất 02 buổi lao động công ích trong năm."
    )
    assert _values(norm, scoped=True) == []
    target = "Đảng bộ phấn đấu kết nạp ít nhất 30 đảng viên trong năm."
    assert _values(target, scoped=True) == [("year", None, "2027")]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a marked term in a past clause or an account is kept
        (
            "Chi bộ đã hoàn thành, phải nộp báo cáo trước ngày 20/4/2027.",
            ("day", date(2027, 4, 20), None),
        ),
        (
            "Các chi bộ đã được giao nhiệm vụ tổ chức sơ kết trong tháng 6/2027.",
            ("month", None, "2027-06"),
        ),
        # "đã" after a timetable's window qualifies a noun
        (
            "Từ ngày 10/7/2027 đến ngày 15/7/2027: học viên nộp hồ sơ tại cơ sở đã đăng ký.",
            ("day", date(2027, 7, 15), None),
        ),
        # the rules promised later, the date given now
        (
            "Tổ chức Hội thi cấp huyện, dự kiến tổ chức vào tháng 9/2027 "
            "(thể lệ sẽ có văn bản riêng).",
            ("month", None, "2027-09"),
        ),
        # a preposition between: the period is the meeting's
        (
            "Công khai kết quả tại Hội nghị Ban Thường trực quý III năm 2027.",
            ("quarter", None, "2027-Q3"),
        ),
        # a report sent somewhere, a count of what a unit must do
        ("Báo cáo kết quả thực hiện về Phòng Nội vụ.", ("unspecified", None, None)),
        (
            "Mỗi chi bộ tổ chức sinh hoạt chuyên đề ít nhất 01 lần mỗi quý.",
            ("recurring", None, None),
        ),
        # a figure a unit must send is a term
        (
            "Các trường tổng hợp số liệu, gửi báo cáo về Phòng đến hết ngày 30/6/2027.",
            ("day", date(2027, 6, 30), None),
        ),
    ],
)
def test_a_term_set_stays(sentence: str, expected: tuple[object, ...]) -> None:
    assert _values(sentence)[:1] == [expected]


_HEAD = (
    "ĐẢNG ỦY PHƯỜNG HÒA AN\n*\nSố 07-KH/ĐU\nĐẢNG CỘNG SẢN VIỆT NAM\n"
    "Hòa An, ngày 02 tháng 3 năm 2027\nKẾ HOẠCH\nhọc tập chuyên đề năm 2027\n"
)


def test_a_table_row_restating_a_body_term_is_one_term() -> None:
    text = _HEAD + (
        "I. NỘI DUNG\n"
        "1. Bản cam kết tu dưỡng của đảng viên nộp về Văn phòng Đảng ủy chậm nhất ngày "
        "20 tháng 5 năm 2027.\n"
        "2. Các chi bộ gửi báo cáo tình hình tư tưởng trước ngày 20/5/2027.\n"
        "II. TIẾN ĐỘ\n"
        "TT | Nội dung | Đơn vị thực hiện | Thời gian\n"
        "1 | Nộp bản cam kết tu dưỡng | Các chi bộ | Chậm nhất ngày 20/5/2027\n"
        "2 | Tổ chức hội thi tìm hiểu lịch sử | Đoàn Thanh niên | Trước ngày 20/5/2027\n"
    )
    found = parse_text(text).deadlines
    assert [d.section for d in found] == ["I.1", "I.2", "II"]
    # the table's name of the task and its unit
    assert (found[0].label, found[0].unit) == ("Nộp bản cam kết tu dưỡng", "Các chi bộ")
    assert "hội thi" in found[2].text  # another task on the same day stays


def test_a_footnote_gives_no_term() -> None:
    text = _HEAD + (
        "I. NỘI DUNG\n1. Các chi bộ báo cáo kết quả trước ngày 15/4/2027.\n"
        "Nơi nhận:\n- Như trên;\n- Lưu VP.\nT/M ĐẢNG ỦY\nBÍ THƯ\nLê Văn Tâm\n"
        "[1] Theo báo cáo của Ủy ban Kiểm tra, trong năm 2026 toàn Đảng bộ có 12 chi bộ.\n"
    )
    assert [d.due for d in parse_text(text).deadlines] == [date(2027, 4, 15)]


def test_a_footnotes_figure_is_no_answer_to_a_deadline_question() -> None:
    text = _HEAD + (
        "I. NỘI DUNG\n1. Các chi bộ báo cáo kết quả học tập trước ngày 15/4/2027.\n"
        "Nơi nhận:\n- Như trên;\n- Lưu VP.\nT/M ĐẢNG ỦY\nBÍ THƯ\nLê Văn Tâm\n"
        "[1] Theo số liệu của Sở Y tế đến hết năm 2026, toàn tỉnh có 120 trạm y tế xã.\n"
    )
    library = Library.build([LibraryDoc.from_directive(1, "kh07.txt", parse_text(text))])
    answer = answer_question(library, "trạm y tế xã báo cáo hạn chót khi nào", date(2027, 3, 5))
    assert "Theo số liệu" not in answer.text.split("\n\n")[0]  # a source, no term
