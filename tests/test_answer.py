"""Question analysis and answer composition, on directives built by hand."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from knowledge.answer import intents
from knowledge.answer import phrases as say
from knowledge.answer.ask import answer_question
from knowledge.answer.lookups import format_lookup
from knowledge.answer.passages import best_passage, citation, doc_name, trim
from knowledge.model import Deadline, Directive, Reference, Section, Signer, Task
from knowledge.search.library import Library
from knowledge.search.library_doc import LibraryDoc

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
        ("kế hoạch 89 ngày nào?", intents.ISSUED),
        ("cong van 105 ban hanh ngay nao", intents.ISSUED),
        ("hướng dẫn 12 ký ngày bao nhiêu?", intents.ISSUED),
        ("nộp báo cáo sơ kết ngày nào?", intents.DEADLINE),  # a due date, not an issue date
        ("hạn chót báo cáo năm?", intents.DEADLINE),
        ("quý 2/2024 có hạn gì?", intents.PERIOD),
        ("tuần này có hạn gì?", intents.PERIOD),
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


def test_year_quarter_and_span_are_read() -> None:
    deadline = intents.detect("hạn nộp báo cáo 6 tháng năm 2024?")
    assert (deadline.kind, deadline.year, deadline.topic) == (
        intents.DEADLINE,
        2024,
        "nop bao cao 6 thang nam 2024",  # the year ranks the documents too
    )
    quarter = intents.detect("quy 2 nam 2024 co han gi")
    assert (quarter.quarter, quarter.year) == (2, 2024)
    assert intents.detect("sắp tới có hạn gì?").span == intents.UPCOMING


def _reports(year: int, due: date | None, doc_id: int) -> LibraryDoc:
    """A plan of that year with a six-month report due (or a quarter window) and two tasks."""
    period = None if due else f"{year}-Q2"
    directive = Directive(
        number=f"{doc_id}-KH/ĐU", number_key=f"{doc_id}-kh/du", doc_type="KH",
        doc_type_name="Kế hoạch", issuer="ĐU", date=date(year, 1, 2), year=year,
        title=f"Kế hoạch năm {year}",
        sections=[Section("1", "Báo cáo", f"Các chi bộ gửi báo cáo 6 tháng năm {year}.")],
        tasks=[Task("Ban Tổ chức Đảng ủy", "1", f"Rà soát đảng viên năm {year}.")],
        deadlines=[Deadline(f"Báo cáo 6 tháng năm {year}.", "1", due, label="Báo cáo 6 tháng",
                            period=period)],
    )  # fmt: skip
    return LibraryDoc.from_directive(doc_id, f"kh{year}.txt", directive)


@pytest.fixture(scope="module")
def yearly() -> Library:
    """Plans of 2023, 2024, 2025 and one with only a window in 2024-Q4's neighbour Q2."""
    docs = [_reports(2023, date(2023, 6, 10), 1), _reports(2025, date(2025, 6, 10), 2)]
    docs += [_reports(2024, date(2024, 6, 10), 3), _reports(2022, None, 4)]
    return Library.build(docs)


def test_deadline_without_year_lists_upcoming_nearest_first_then_past(yearly: Library) -> None:
    answer = answer_question(yearly, "hạn nộp báo cáo 6 tháng?", TODAY)
    assert answer.text.startswith("Báo cáo 6 tháng: hạn 10/06/2024")
    listed = answer.text.split("Có thể liên quan:")[1]
    assert listed.index("10/06/2025") < listed.index("10/06/2023")
    in_year = answer_question(yearly, "han nop bao cao 6 thang nam 2023", TODAY)
    assert in_year.text.startswith("Báo cáo 6 tháng: hạn 10/06/2023")
    assert "2025" not in in_year.text and "2024" not in in_year.text
    missing = answer_question(yearly, "hạn nộp báo cáo 6 tháng năm 2030?", TODAY)
    assert missing.text.startswith("Tôi không thấy hạn nào khớp câu hỏi trong năm 2030")


def test_unit_tasks_of_every_document_newest_first(yearly: Library) -> None:
    answer = answer_question(yearly, "Ban Tổ chức phải làm gì?", TODAY)
    order = [answer.text.index(f"năm {y}.”") for y in (2025, 2024, 2023, 2022)]
    assert order == sorted(order)
    assert "2-KH/ĐU, mục 1:\n– “Rà soát đảng viên năm 2025.”" in answer.text
    assert all(s.excerpt for s in answer.sources) and len(answer.sources) == 4


def test_quarter_includes_windows_and_excludes_other_quarters(yearly: Library) -> None:
    answer = answer_question(yearly, "quý 2/2022 có hạn gì?", TODAY)
    assert answer.text.startswith("Các hạn trong quý 2/2022:\n• Báo cáo 6 tháng: trong quý II/2022")
    assert not answer_question(yearly, "quý 4/2022 có hạn gì?", TODAY).found


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
    assert "\n\n12-HD/ĐU, mục 2:\n– “Rà soát quy hoạch cán bộ.”\n– “Đánh giá" in answer.text
    assert (answer.sources[0].file, answer.sources[0].section) == ("plan.txt", "2")
    assert answer.sources[0].excerpt.startswith("Rà soát quy hoạch cán bộ.")


def test_deadline_question_leads_with_the_date_then_quotes(library: Library) -> None:
    answer = answer_question(library, "hạn nộp báo cáo sơ kết?", TODAY)
    first, *rest = answer.text.split("\n\n")
    assert first == "Báo cáo sơ kết: hạn 15/06/2024"
    assert rest[0] == "“Các chi bộ gửi báo cáo sơ kết trước ngày 15/6/2024.” (12-HD/ĐU, mục 3)"


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
        "Nhiệm vụ của Ủy ban Kiểm tra Đảng ủy:\n\n12-HD/ĐU, mục 4:\n"
        "– “Ủy ban Kiểm tra Đảng ủy tổ chức kiểm tra"
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
    assert answer.text.startswith(say.NOT_FOUND) and "Đồng chí có thể hỏi" in answer.text


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
    assert reply.startswith("Không tìm thấy văn bản nào khớp với “zzz qqq”.")


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300))
def test_any_text_gets_an_answer(text: str) -> None:
    library = Library.build([LibraryDoc.from_directive(1, "plan.txt", plan())])
    answer = answer_question(library, text, TODAY)
    assert answer.text.strip()
    assert not answer.found or answer.sources
