"""Answers state the fact, from the document the question means, quoted as printed."""

from __future__ import annotations

import re
from datetime import date

import pytest

from knowledge.answer.ask import answer_question
from knowledge.answer.passages import quote
from knowledge.search.library import Library
from tests.support_answers import library as invented

TODAY = date(2026, 3, 1)
BAC_NINH, LANG_SON, DONG_SON = (
    "kh415_bacninh_hoithi.txt",
    "kh88_langson_hoithi.txt",
    "cv245_hu_dongson.txt",
)
PHU_HOA, HAI_PHONG = "kh_mttq_phuhoa.txt", "qd2210_haiphong_thuvien.txt"


@pytest.fixture(scope="module")
def library() -> Library:
    """The invented directives of tests/support_answers.py."""
    return invented()


def ask(library: Library, question: str) -> tuple[str, list[str]]:
    """The answer's text and its sources' files, in order."""
    answer = answer_question(library, question, TODAY)
    return answer.text, [s.file for s in answer.sources]


def test_a_deadline_is_quoted_as_printed(library: Library) -> None:
    text, files = ask(library, "huyện ủy đông sơn yêu cầu gửi báo cáo tổng kết trước ngày nào")
    assert files[0] == DONG_SON
    assert text.startswith("Báo cáo tổng kết năm: hạn 15/12/2025")
    assert "trước ngày 15 tháng 12 năm 2025" in text


def test_a_line_that_only_says_when_is_quoted_with_its_task(library: Library) -> None:
    text, files = ask(library, "xây dựng thể lệ hội thi phải xong khi nào")
    assert files[0] == BAC_NINH
    assert "Xây dựng và ban hành thể lệ hội thi" in text and "Trước ngày 25/3/2026" in text


def test_a_deadline_without_a_day_is_answered_as_its_period(library: Library) -> None:
    text, _ = ask(library, "sở giáo dục bắc ninh tổng hợp kết quả báo cáo khi nào")
    assert text.startswith("Tổng hợp kết quả, báo cáo Ủy ban nhân dân tỉnh: trong tháng 5/2026")
    text, _ = ask(library, "ban tuyên giáo huyện ủy đông sơn hướng dẫn sinh hoạt chuyên đề khi nào")
    assert "trong quý I/2026" in text


def test_an_ordinal_picks_the_item_of_the_list(library: Library) -> None:
    text, _ = ask(library, "hội thi giáo viên dạy giỏi bắc ninh vòng 2 từ ngày nào")
    assert text.startswith(
        "Vòng 2: từ 20/04/2026 đến 24/04/2026\n\n“Vòng 2 (lần thứ hai): từ ngày 20"
    )
    text, _ = ask(library, "hội thi giáo viên dạy giỏi lần thứ nhất tổ chức ở đâu")
    assert "Vòng 1 (lần thứ nhất)" in text.split("\n")[0]


def test_the_place_named_picks_the_document(library: Library) -> None:
    text, files = ask(library, "ai ký kế hoạch hội thi giáo viên dạy giỏi lạng sơn")
    assert files[0] == LANG_SON and text.startswith("88/KH-UBND do Hoàng Thị Lan ký")
    text, files = ask(library, "ai ky ke hoach hoi thi giao vien bac ninh")
    assert files[0] == BAC_NINH and "Nguyễn Văn Hùng" in text


def test_another_documents_deadline_never_answers(library: Library) -> None:
    """The Front's plan has its own date; a nearer one of the school contests is no answer."""
    text, files = ask(library, "ngay hoi dai doan ket phu hoa to chuc truoc ngay nao")
    assert files[0] == PHU_HOA
    assert "18 tháng 11 năm 2025" in text.split("Có thể liên quan")[0]
    assert "15/05/2026" not in text.split("Có thể liên quan")[0]


def test_other_candidates_come_from_other_documents(library: Library) -> None:
    _, files = ask(library, "ai ký kế hoạch hội thi giáo viên dạy giỏi lạng sơn")
    assert len(files) == 3 and len(set(files)) == 3


def test_what_a_document_implements_comes_from_its_basis(library: Library) -> None:
    text, files = ask(library, "ke hoach hoi thi bac ninh thuc hien quyet dinh nao cua bo giao duc")
    assert files[0] == BAC_NINH and "1203/QĐ-BGDĐT" in text.split("\n")[0]
    text, files = ask(library, "công văn 245 của huyện ủy thực hiện công văn số mấy của tỉnh ủy")
    assert files[0] == DONG_SON and "1502-CV/TU" in text.split("\n")[0]


def test_a_basis_the_parser_missed_is_read_from_the_lines_before_the_sections(
    library: Library,
) -> None:
    text, files = ask(
        library, "kế hoạch ngày hội đại đoàn kết xã phú hòa thực hiện hướng dẫn số mấy"
    )
    assert files[0] == PHU_HOA and "08/HD-MTTQ-BTT" in text


def test_the_issue_date_is_quoted_from_the_header(library: Library) -> None:
    text, files = ask(library, "kế hoạch hội thi bắc ninh ban hành ngày nào")
    assert files[0] == BAC_NINH
    assert text.startswith("415/KH-UBND ban hành ngày 12/03/2026.")
    assert "“Bắc Ninh, ngày 12 tháng 3 năm 2026”" in text


def test_entry_into_force_is_its_own_fact(library: Library) -> None:
    text, files = ask(library, "quy che thu vien truong hoc hai phong co hieu luc tu ngay nao")
    assert files[0] == HAI_PHONG
    assert text.startswith("“Quyết định này có hiệu lực thi hành kể từ ngày 01 tháng 01 năm 2026")


def test_durations_and_frequencies_are_quoted(library: Library) -> None:
    text, _ = ask(library, "thư viện trường học phải mở cửa bao lâu mỗi tuần")
    assert "tối thiểu 40 giờ mỗi tuần" in text
    text, _ = ask(library, "ủy ban kiểm tra huyện ủy báo cáo bao lâu một lần")
    assert "hằng tháng trước ngày 20" in text


def test_a_document_without_a_header_is_answered_from_its_body(library: Library) -> None:
    text, files = ask(library, "mỗi khu dân cư được hỗ trợ bao nhiêu tiền")
    assert files[0] == PHU_HOA and "2.500.000 đồng" in text


def test_when_the_documents_do_not_say_the_answer_says_so(library: Library) -> None:
    answer = answer_question(library, "giá xăng hôm nay bao nhiêu?", TODAY)
    assert not answer.found and not answer.sources
    assert answer.text.startswith("Trong các văn bản đã nạp chưa thấy nội dung trả lời câu hỏi")
    assert "Đồng chí có thể hỏi" in answer.text


def test_a_quote_never_ends_inside_the_date_it_states() -> None:
    text = (
        "Các cơ quan, tổ chức, đơn vị rà soát, tổng hợp hồ sơ đề nghị khen thưởng của tập thể "
        "và cá nhân có thành tích xuất sắc trong phong trào thi đua, gửi về Ban Thi đua - Khen "
        "thưởng trước ngày 05 tháng 12 năm 2025 để tổng hợp, trình Hội đồng xét duyệt."
    )
    for limit in range(60, 200, 7):
        cut = quote(text, "khen thưởng", limit)
        assert "05 tháng 12 năm 2025" in cut, cut
        assert not re.search(r"\d$|tháng$|năm$", cut.rstrip("…"))
    numbers = "Cả nước còn 3.321 xã, phường, đặc khu sau khi sắp xếp đơn vị hành chính các cấp."
    assert "3.321" in quote(numbers, "", 30)


def test_a_deadline_the_document_does_not_state_is_said_to_be_missing(library: Library) -> None:
    text, files = ask(
        library, "quyết định 2210 yêu cầu hoàn thành việc thanh lý sách trước ngày nào"
    )
    assert files[0] == HAI_PHONG
    assert text.startswith("2210/QĐ-UBND không nêu thời hạn cho việc này") or "định kỳ" in text


def test_a_task_under_its_units_heading_is_quoted_with_the_unit(library: Library) -> None:
    text, files = ask(library, "ai chủ trì xây dựng thể lệ hội thi giáo viên bắc ninh")
    assert files[0] == BAC_NINH
    assert text.startswith("“Sở Giáo dục và Đào tạo: Xây dựng và ban hành thể lệ hội thi")


def test_other_candidates_are_never_a_signature(library: Library) -> None:
    text, _ = ask(library, "ai chủ trì xây dựng thể lệ hội thi giáo viên bắc ninh")
    others = text.split("Có thể liên quan:")[1]
    assert "Lê Thị Mai" not in others and "phần cuối" not in others
