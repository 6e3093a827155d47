"""Which deadline a question means, and whose task a "who does it" line belongs to.

An invented commune Party committee plan (written for this test) sets two reports in one
sentence, a conference on a day, two inspections by month and by quarter, and task
blocks where a "Nội dung:" line is followed by the line saying who leads it; its opening
cites a law with its date. The other invented directives of tests/support_answers.py are
loaded beside it.
"""

from __future__ import annotations

from datetime import date

import pytest

from knowledge.answer.ask import answer_question
from knowledge.answer.when import describe, has_time
from knowledge.model import Deadline
from knowledge.parse.directive import parse_text
from knowledge.search.library import Library
from knowledge.search.library_doc import LibraryDoc
from tests.support_answers import BAC_NINH, DONG_SON, LANG_SON, PHU_HOA

TODAY = date(2026, 3, 1)
YEN_NINH = "\n".join(
    [
        "ĐẢNG BỘ HUYỆN PHÚ LƯƠNG",
        "ĐẢNG ỦY XÃ YÊN NINH",
        "Số 27-KH/ĐU",
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "Yên Ninh, ngày 05 tháng 01 năm 2026",
        "KẾ HOẠCH",
        "Sơ kết, tổng kết việc thực hiện Chỉ thị số 05-CT/TW năm 2026",
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015;",
        (
            "Thực hiện Kế hoạch số 112-KH/HU ngày 20/12/2025 của Ban Thường vụ Huyện ủy, "
            "Đảng ủy xã ban hành kế hoạch như sau:"
        ),
        "I. NỘI DUNG",
        (
            "1. Các chi bộ xây dựng báo cáo sơ kết 6 tháng gửi Văn phòng Đảng ủy trước ngày "
            "15/6/2026; báo cáo tổng kết năm gửi trước ngày 10/12/2026."
        ),
        "2. Hội nghị sơ kết của Đảng ủy tổ chức vào ngày 25/6/2026 tại hội trường xã.",
        (
            "3. Kiểm tra việc thực hiện: lần thứ nhất trong tháng 4/2026; lần thứ hai trong "
            "quý III/2026."
        ),
        "4. Trung tâm giáo dục thường xuyên huyện phối hợp tuyên truyền trên trang thông tin.",
        "II. TỔ CHỨC THỰC HIỆN",
        "1. Hoạt động 1",
        "- Nội dung: Biên soạn tài liệu hỏi đáp về Chỉ thị 05 phát cho các chi bộ.",
        "- Cơ quan thực hiện: Văn phòng Đảng ủy chủ trì, phối hợp với Đoàn Thanh niên xã.",
        "2. Hoạt động 2",
        "- Nội dung: Tổ chức tọa đàm với đảng viên cao tuổi.",
        "- Cơ quan thực hiện: Ban Tuyên giáo Đảng ủy chủ trì.",
        "Nơi nhận:",
        "- Ban Thường vụ Huyện ủy;",
        "- Lưu VP.",
        "T/M ĐẢNG ỦY",
        "BÍ THƯ",
        "Hà Văn Toàn",
    ]
)


@pytest.fixture(scope="module")
def library() -> Library:
    texts = {
        "kh415.txt": BAC_NINH,
        "kh88.txt": LANG_SON,
        "cv245.txt": DONG_SON,
        "phuhoa.txt": PHU_HOA,
        "kh27.txt": YEN_NINH + "\n",
    }
    docs = [
        LibraryDoc.from_directive(i, name, parse_text(text, name))
        for i, (name, text) in enumerate(texts.items(), 1)
    ]
    return Library.build(docs)


def ask(library: Library, question: str) -> str:
    return answer_question(library, question, TODAY).text


def test_the_report_named_is_the_one_answered(library: Library) -> None:
    first = ask(library, "Hạn nộp báo cáo sơ kết 6 tháng?").split("\n\n")[0]
    assert first == "Báo cáo sơ kết 6 tháng: hạn 15/06/2026"
    second = ask(library, "Báo cáo tổng kết năm gửi trước ngày nào?").split("\n\n")[0]
    assert second == "Báo cáo tổng kết năm: hạn 10/12/2026"


def test_an_ordinal_picks_the_item_and_a_period_is_said_as_a_period(library: Library) -> None:
    assert ask(library, "Kiểm tra lần thứ hai khi nào?").startswith(
        "Lần thứ hai: trong quý III/2026"
    )
    assert ask(library, "Kiểm tra lần thứ nhất khi nào?").startswith(
        "Lần thứ nhất: trong tháng 4/2026"
    )


def test_an_event_date_is_answered_for_an_event(library: Library) -> None:
    lead, quote = ask(library, "Hội nghị sơ kết tổ chức vào ngày nào?").split("\n\n")[:2]
    assert lead == "Sơ kết: ngày 25/06/2026"  # when it is held, not "hạn"
    assert quote.startswith("“Hội nghị sơ kết của Đảng ủy tổ chức vào ngày 25/6/2026")


def test_the_task_of_a_who_line_is_the_content_line_above_it(library: Library) -> None:
    text = ask(library, "Văn phòng Đảng ủy phải làm gì?")
    assert "Biên soạn tài liệu hỏi đáp về Chỉ thị 05" in text
    text = ask(library, "Ban Tuyên giáo Đảng ủy phải làm gì?")
    assert "Tổ chức tọa đàm với đảng viên cao tuổi" in text


def test_cited_dates_and_names_are_no_deadlines() -> None:
    assert not has_time("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015;")
    assert not has_time("Trung tâm giáo dục thường xuyên huyện phối hợp tuyên truyền.")
    assert has_time("Các đơn vị báo cáo thường xuyên về Văn phòng.")


def test_a_place_is_no_name_for_what_is_due() -> None:
    deadline = Deadline(
        text=(
            "Các trường phối hợp với các Vụ; báo cáo kết quả năm học gửi về Bộ, số 51 "
            "Ngô Quyền, TP. Hà Nội trước ngày 31/8/2026."
        ),
        section="III.2",
        due=date(2026, 8, 31),
        label="Hà Nội",
        phrase="trước ngày 31/8/2026",
    )
    assert describe(deadline).startswith("Báo cáo kết quả năm học gửi về Bộ")
    assert describe(deadline).endswith(": hạn 31/08/2026")


def test_a_recurring_duty_without_a_cycle_says_so() -> None:
    text = (
        "ĐẢNG ỦY XÃ AN PHÚ\n\nKẾ HOẠCH\nVề công tác kiểm tra năm 2026\n\nIII. CHẾ ĐỘ BÁO CÁO\n\n"
        "1. Các chi bộ định kỳ báo cáo kết quả kiểm tra về Đảng ủy xã.\n"
    )
    doc = LibraryDoc.from_directive(1, "kh.txt", parse_text(text, "kh.txt"))
    answer = ask(Library.build([doc]), "Báo cáo kết quả kiểm tra khi nào?")
    assert "định kỳ, văn bản chưa nêu kỳ và ngày cụ thể" in answer
    assert "định kỳ báo cáo" not in answer.split("\n\n")[0]


def test_a_weekly_duty_reads_weekly() -> None:
    text = (
        "ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM PHƯỜNG AN PHÚ\n\nKẾ HOẠCH\nVận động ủng hộ Quỹ "
        "Vì người nghèo năm 2027\n\nIII. TỔ CHỨC THỰC HIỆN\n\n"
        "1. Thủ quỹ cập nhật danh sách ủng hộ lên bảng tin của phường hằng tuần.\n"
    )
    found = parse_text(text, "kh.txt").deadlines
    assert len(found) == 1
    said = describe(found[0])
    assert said.endswith(": hằng tuần, văn bản chưa nêu ngày cụ thể")
    assert "chưa nêu kỳ" not in said
