"""Question analysis and answer composition, on directives built by hand."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from knowledge import intents
from knowledge.answer import answer_question
from knowledge.lookup_format import format_lookup
from knowledge.model import Deadline, Directive, Reference, Section, Signer, Task
from knowledge.passages import best_passage, citation, doc_name, trim
from knowledge.search import Library, LibraryDoc

TODAY = date(2024, 5, 2)


def plan() -> Directive:
    """A numbered guide with two unit sections, two deadlines and a cited directive."""
    return Directive(
        number="12-HD/ĐU",
        number_key="12-hd/du",
        doc_type="HD",
        doc_type_name="Hướng dẫn",
        issuer="ĐU",
        year=2024,
        title="Thực hiện Kế hoạch số 77-KH/TU ngày 05/01/2024 của Ban Thường vụ Thành ủy",
        sections=[
            Section(
                "1",
                "Ban Tuyên giáo Đảng ủy",
                "1. Ban Tuyên giáo Đảng ủy\nTổ chức "
                "tuyên truyền về chuyển đổi số trong trường học.",
                unit="Ban Tuyên giáo Đảng ủy",
            ),
            Section(
                "2",
                "Ban Tổ chức Đảng ủy",
                "2. Ban Tổ chức Đảng ủy\nRà soát quy hoạch cán bộ; đánh giá xếp loại đảng viên.",
                unit="Ban Tổ chức Đảng ủy",
            ),
            Section(
                "3",
                "Tổ chức thực hiện",
                "3. Tổ chức thực hiện\nCác chi bộ gửi báo cáo "
                "sơ kết trước ngày 15/6/2024. Báo cáo tổng kết gửi định kỳ hằng năm.",
            ),
        ],
        references=[Reference("77-KH/TU", "77-kh/tu", "KH", "TU", date(2024, 1, 5), "implements")],
        tasks=[
            Task("Ban Tuyên giáo Đảng ủy", "1", "Tổ chức tuyên truyền về chuyển đổi số."),
            Task("Ban Tổ chức Đảng ủy", "2", "Rà soát quy hoạch cán bộ."),
            Task("Ban Tổ chức Đảng ủy", "2", "Đánh giá xếp loại đảng viên."),
        ],
        deadlines=[
            Deadline(
                "Các chi bộ gửi báo cáo sơ kết trước ngày 15/6/2024.",
                "3",
                date(2024, 6, 15),
                label="Báo cáo sơ kết",
            ),
            Deadline(
                "Báo cáo tổng kết gửi định kỳ hằng năm.",
                "3",
                None,
                "yearly",
                label="Báo cáo tổng kết",
            ),
        ],
        recipients=["Các chi bộ trực thuộc", "Lưu Văn phòng"],
        signer=Signer("Trần Thị B", "T/M BAN THƯỜNG VỤ\nBÍ THƯ"),
    )


@pytest.fixture(scope="module")
def library() -> Library:
    """A library of the one hand-built guide."""
    return Library.build([LibraryDoc.from_directive(1, "plan.txt", plan())])


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Ai ký hướng dẫn 12?", intents.SIGNER),
        ("huong dan 12 gui cho ai", intents.RECIPIENTS),
        ("văn bản nào thực hiện 77-KH/TU?", intents.IMPLEMENTING),
        ("tháng 6/2024 có hạn gì?", intents.MONTH),
        ("han nop bao cao so ket?", intents.DEADLINE),
        ("Ban Tổ chức Đảng ủy phải làm gì?", intents.UNIT),
        ("Hướng dẫn 12 yêu cầu gì?", intents.REQUIRES),
        ("chuyển đổi số trong trường học", intents.GENERIC),
        ("báo cáo 6 tháng nộp khi nào", intents.DEADLINE),  # "6 tháng" is not a month
        ("hạn chế tiêu cực trong trường học", intents.GENERIC),  # "hạn chế" is no deadline
    ],
)
def test_intent(question: str, kind: str) -> None:
    assert intents.detect(question).kind == kind


def test_unit_phrase_is_folded_and_topic_keeps_the_rest() -> None:
    intent = intents.detect("Ban Tổ chức Đảng ủy phải làm gì về quy hoạch?")
    assert intent.unit == "ban to chuc dang uy"
    assert intent.topic == "ve quy hoach"


def test_month_and_year_are_read() -> None:
    intent = intents.detect("thang 6 nam 2024 co han gi")
    assert (intent.kind, intent.month, intent.year) == (intents.MONTH, 6, 2024)


def test_trim_cuts_at_words_and_marks_the_cut() -> None:
    text = "mở đầu " * 40 + "báo cáo sơ kết trước ngày 15/6/2024 " + "kết thúc " * 40
    cut = trim(text, "báo cáo sơ kết", 120)
    assert "báo cáo sơ kết" in cut
    assert cut.startswith("…") and cut.endswith("…") and len(cut) <= 122


def test_best_passage_picks_the_matching_sentence() -> None:
    text = "Một câu khác. Các chi bộ gửi báo cáo sơ kết trước ngày 15/6/2024. Câu cuối cùng."
    assert best_passage(text, "bao cao so ket").startswith("Các chi bộ gửi báo cáo sơ kết")


def test_citation_names_numbered_and_unnumbered_documents() -> None:
    assert citation("34-HD/ĐU", "Hướng dẫn", "x", "2") == "34-HD/ĐU, mục 2"
    unnumbered = citation(None, "Chương trình", "CÔNG TÁC DÂN VẬN NĂM 2024", "II.3")
    assert unnumbered == "Chương trình công tác dân vận năm 2024, mục II.3"
    assert doc_name(None, "Kế hoạch", "Kế hoạch dân vận") == "Kế hoạch dân vận"


def test_unit_question_without_diacritics(library: Library) -> None:
    answer = answer_question(library, "ban to chuc dang uy phai lam gi", TODAY)
    assert answer.found
    assert answer.text.startswith("Nhiệm vụ của Ban Tổ chức Đảng ủy:")
    assert "«Rà soát quy hoạch cán bộ.»" in answer.text
    assert answer.text.rstrip().endswith("(12-HD/ĐU, mục 2)")
    assert (answer.sources[0].file, answer.sources[0].section) == ("plan.txt", "2")


def test_deadline_question_leads_with_the_date_then_quotes(library: Library) -> None:
    answer = answer_question(library, "hạn nộp báo cáo sơ kết?", TODAY)
    first, *rest = answer.text.split("\n\n")
    assert first == "Báo cáo sơ kết: hạn 15/06/2024"
    assert rest[0] == "«Các chi bộ gửi báo cáo sơ kết trước ngày 15/6/2024.» (12-HD/ĐU, mục 3)"


def test_unspecified_deadline_is_never_given_a_date(library: Library) -> None:
    answer = answer_question(library, "báo cáo tổng kết nộp khi nào?", TODAY)
    assert answer.text.startswith("Báo cáo tổng kết: chưa rõ ngày, hằng năm")
    dates = set(re.findall(r"\d{1,2}/\d{1,2}/\d{4}", answer.text))
    assert dates <= {"15/06/2024", "15/6/2024", "05/01/2024"}


def test_month_question_filters_by_month(library: Library) -> None:
    june = answer_question(library, "tháng 6/2024 có hạn gì?", TODAY)
    assert june.text.startswith("Các hạn trong tháng 6/2024:\n• Báo cáo sơ kết: hạn 15/06/2024")
    july = answer_question(library, "tháng 7/2024 có hạn gì?", TODAY)
    assert not july.found
    assert july.text == "Tôi không thấy hạn nào trong tháng 7/2024 trong các văn bản đã nạp."
    may = answer_question(library, "thang 5 co han gi", TODAY)  # the year is this year
    assert may.text.endswith(
        "Hạn gần nhất sau đó: Báo cáo sơ kết: hạn 15/06/2024 (12-HD/ĐU, mục 3)."
    )


def test_unit_named_at_the_start_of_a_sentence() -> None:
    guide = plan()
    guide.sections.append(
        Section("4", "Kiểm tra", "4. Kiểm tra\nỦy ban Kiểm tra Đảng ủy tổ chức kiểm tra việc "
                "thực hiện hướng dẫn này. Định kỳ báo cáo Ban Thường vụ.")
    )  # fmt: skip
    library = Library.build([LibraryDoc.from_directive(1, "plan.txt", guide)])
    answer = answer_question(library, "uy ban kiem tra phai lam gi", TODAY)
    assert answer.text.startswith(
        "Nhiệm vụ của Ủy ban Kiểm tra Đảng ủy:\n– «Ủy ban Kiểm tra Đảng ủy tổ chức kiểm tra"
    )
    assert answer.sources[0].section == "4"


def test_signer_recipients_and_implementing(library: Library) -> None:
    signer = answer_question(library, "ai ky huong dan 12", TODAY)
    assert signer.text.startswith("12-HD/ĐU do Trần Thị B ký (T/M BAN THƯỜNG VỤ, BÍ THƯ).")
    sent = answer_question(library, "Hướng dẫn 12 gửi cho ai?", TODAY)
    assert sent.text.startswith("12-HD/ĐU gửi đến:\n• Các chi bộ trực thuộc\n• Lưu Văn phòng")
    impl = answer_question(library, "văn bản nào thực hiện kế hoạch 77?", TODAY)
    assert impl.text.startswith("77-KH/TU được triển khai bởi 12-HD/ĐU.")


def test_requirements_of_a_cited_only_directive(library: Library) -> None:
    answer = answer_question(library, "Kế hoạch 77 yêu cầu gì?", TODAY)
    assert answer.text.startswith(
        "Kế hoạch 77-KH/TU ngày 05/01/2024 của Ban Thường vụ Thành ủy — chưa có toàn văn; "
        "được triển khai bởi 12-HD/ĐU.\n\n12-HD/ĐU yêu cầu:"
    )


def test_nothing_fits(library: Library) -> None:
    answer = answer_question(library, "giá vàng hôm nay bao nhiêu?", TODAY)
    assert not answer.found and not answer.sources
    assert "không tìm thấy" in answer.text and "Bạn có thể hỏi" in answer.text


def test_empty_library_and_empty_question(library: Library) -> None:
    assert "chưa có văn bản" in answer_question(Library.build([]), "kh 89").text
    assert answer_question(library, "?!…").text.startswith("Tôi chưa thấy câu hỏi.")


def test_lookup_of_a_cited_only_directive(library: Library) -> None:
    assert format_lookup(library.lookup("kh 77"), library) == (
        "Kế hoạch 77-KH/TU ngày 05/01/2024 của Ban Thường vụ Thành ủy — chưa có toàn văn; "
        "được triển khai bởi 12-HD/ĐU"
    )


def test_lookup_that_finds_nothing_echoes_the_query(library: Library) -> None:
    reply = format_lookup(library.lookup("zzz qqq"), library)
    assert reply.startswith("Không tìm thấy văn bản nào khớp với «zzz qqq».")


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300))
def test_any_text_gets_an_answer(text: str) -> None:
    library = Library.build([LibraryDoc.from_directive(1, "plan.txt", plan())])
    answer = answer_question(library, text, TODAY)
    assert answer.text.strip()
    assert not answer.found or answer.sources
