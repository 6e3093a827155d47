"""Which sentence of which document answers: the rules behind the choice, on invented texts."""

from __future__ import annotations

from datetime import date

import pytest

from knowledge.answer.ask import answer_question
from knowledge.parse.directive import parse_text
from knowledge.search import retrieval
from knowledge.search.library import Library
from knowledge.search.library_doc import LibraryDoc
from knowledge.search.passages import passages_of

TODAY = date(2026, 3, 1)

LABOUR = "\n".join(
    [
        "SỞ NỘI VỤ",
        "Số: 2210/SNV-LĐ",
        "V/v thực hiện pháp luật về cho thuê lại lao động",
        "Kính gửi: Các doanh nghiệp cho thuê lại lao động trên địa bàn tỉnh",
        "1. Doanh nghiệp cho thuê lại lao động phải ký quỹ theo quy định.",
        (
            "2. Doanh nghiệp cho thuê lại lao động gửi hồ sơ đề nghị gia hạn giấy phép đến Sở "
            "Nội vụ trước ngày hết hạn của giấy phép ít nhất 45 ngày làm việc."
        ),
        "3. Doanh nghiệp cho thuê lại lao động báo cáo tình hình hoạt động 6 tháng một lần.",
        "4. Thời hạn cho thuê lại lao động tối đa là 12 tháng.",
        "Nơi nhận:",
        "- Như trên;",
        "KT. GIÁM ĐỐC",
        "PHÓ GIÁM ĐỐC",
        "Đỗ Minh Khoa",
    ]
)

PLAN = "\n".join(
    [
        "ỦY BAN NHÂN DÂN TỈNH NINH BÌNH",
        "Số: 77/KH-UBND",
        "Ninh Bình, ngày 02 tháng 02 năm 2026",
        "KẾ HOẠCH",
        "Chuyển đổi số trong các cơ sở giáo dục năm 2026",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "1. Số hóa toàn bộ hồ sơ học sinh trong năm học 2025 - 2026.",
        "II. NHIỆM VỤ",
        "1. Về an toàn thông tin",
        "a) Nhiệm vụ: Rà soát, bảo đảm an toàn thông tin cho cơ sở dữ liệu ngành giáo dục.",
        "b) Cơ quan thực hiện:",
        "- Đơn vị chủ trì: Công an tỉnh.",
        "- Đơn vị phối hợp: Sở Giáo dục và Đào tạo.",
        "c) Thời gian thực hiện: Hoàn thành trước ngày 30/6/2026.",
        "2. Về dữ liệu",
        "a) Nhiệm vụ: Chuẩn hóa dữ liệu học sinh, giáo viên.",
        "b) Cơ quan thực hiện:",
        "- Đơn vị chủ trì: Sở Giáo dục và Đào tạo.",
        "c) Thời gian thực hiện: Hoàn thành trong tháng 9/2026.",
        "III. DANH MỤC DỮ LIỆU",
        "STT | Tên dữ liệu | Cơ quan chủ quản dữ liệu",
        "1 | Dữ liệu học sinh | Sở Giáo dục và Đào tạo",
        "2 | Dữ liệu cán bộ, công chức | Sở Nội vụ",
        "Nơi nhận:",
        "- Như trên;",
        "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
        "Phạm Quang Vinh",
    ]
)

SCHOOL_YEAR = "\n".join(
    [
        "ỦY BAN NHÂN DÂN TỈNH PHÚ THỌ",
        "Số: 1020/QĐ-UBND",
        "Phú Thọ, ngày 05 tháng 8 năm 2025",
        "QUYẾT ĐỊNH",
        "Ban hành kế hoạch thời gian năm học 2025 - 2026",
        "Điều 1. Khung thời gian năm học",
        "1. Tựu trường sớm nhất vào ngày 25/8/2025; khai giảng vào ngày 05/9/2025.",
        "2. Các trường báo cáo kết quả tuyển sinh về Sở trước ngày 15/9/2025.",
        "3. Kết thúc năm học trước ngày 31/5/2026.",
        "4. Kiểm tra cuối học kỳ I hoàn thành trước ngày 10/01/2026.",
        "5. Thời gian kiểm tra cuối học kỳ I từ ngày 22 đến ngày 31 tháng 12 năm 2025.",
        "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.",
        "Nơi nhận:",
        "- Như Điều 2;",
        "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
        "Lê Văn Sơn",
    ]
)


@pytest.fixture(scope="module")
def library() -> Library:
    """The three invented directives above."""
    texts = {"cv_lao_dong.txt": LABOUR, "kh77_cds.txt": PLAN, "qd1020_namhoc.txt": SCHOOL_YEAR}
    return Library.build(
        [
            LibraryDoc.from_directive(i, name, parse_text(text, name))
            for i, (name, text) in enumerate(texts.items(), 1)
        ]
    )


def first_block(library: Library, question: str) -> str:
    """The answer up to its other candidates."""
    return answer_question(library, question, TODAY).text.split("Có thể liên quan")[0]


def test_words_every_paragraph_holds_weigh_less_than_those_that_pick_one(
    library: Library,
) -> None:
    """Every paragraph speaks of "cho thuê lại lao động": "gia hạn" says which one is asked."""
    text = first_block(library, "hồ sơ gia hạn giấy phép cho thuê lại lao động gửi trước bao lâu")
    assert "ít nhất 45 ngày làm việc" in text
    text = first_block(library, "thoi han cho thue lai lao dong toi da bao lau")
    assert "tối đa là 12 tháng" in text


def test_a_heading_the_question_names_is_the_part_asked_for(library: Library) -> None:
    text = first_block(library, "mục đích của kế hoạch chuyển đổi số ninh bình")
    assert "Số hóa toàn bộ hồ sơ học sinh" in text


def test_who_leads_is_the_sentence_naming_the_role(library: Library) -> None:
    text = first_block(library, "nhiệm vụ về an toàn thông tin do đơn vị nào chủ trì")
    assert "Đơn vị chủ trì: Công an tỉnh" in text


def test_a_table_row_is_read_with_its_header(library: Library) -> None:
    text = first_block(library, "cơ quan nào chủ quản dữ liệu cán bộ công chức")
    assert "Sở Nội vụ" in text
    rows = passages_of(parse_text(PLAN, "kh77_cds.txt"))
    row = next(p for p in rows if p.text.startswith("2 | Dữ liệu cán bộ"))
    assert "Cơ quan chủ quản dữ liệu" in row.context


def test_an_events_date_and_a_duties_deadline(library: Library) -> None:
    assert "05/9/2025" in first_block(library, "khai giảng năm học mới phú thọ ngày nào")
    due = first_block(library, "các trường báo cáo kết quả tuyển sinh trước ngày nào")
    assert "hạn 15/09/2025" in due.split("\n")[0] and "trước ngày 15/9/2025" in due


def test_within_a_document_the_deadline_that_fits_is_meant_not_the_nearest(
    library: Library,
) -> None:
    """Both tasks of the plan have deadlines; the one asked about is not the nearer one."""
    text = first_block(library, "chuẩn hóa dữ liệu học sinh giáo viên hoàn thành khi nào")
    assert "trong tháng 9/2026" in text and "30/6/2026" not in text


def test_a_quantity_is_not_a_documents_number(library: Library) -> None:
    keys, weights = library.terms("báo cáo 6 tháng")
    assert library.vocab.id_of("6") is None or len(keys) < len(set(keys)) + 3
    ranked = library.rank_docs("báo cáo hoạt động 6 tháng một lần")
    assert ranked[0][0].file == "cv_lao_dong.txt"


def test_a_large_library_scores_the_passages_of_the_candidate_documents(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past FULL_SCAN documents, the documents index picks which passages are scored."""
    questions = ["gia hạn giấy phép cho thuê lại lao động", "đơn vị chủ trì an toàn thông tin"]
    exact = [library.search(q, 3) for q in questions]
    monkeypatch.setattr(retrieval, "FULL_SCAN", 1)
    monkeypatch.setattr(retrieval, "CANDIDATES", 2)
    two_step = [library.search(q, 3) for q in questions]
    assert [[(h.doc.id, h.row) for h in hits][:1] for hits in two_step] == [
        [(h.doc.id, h.row) for h in hits][:1] for hits in exact
    ]
    assert [d.id for d, _ in library.rank_docs(questions[0])][:1] == [1]


def test_the_grain_asked_for_picks_the_sentence(library: Library) -> None:
    """ "Từ ngày nào đến ngày nào" asks for a window; "tháng mấy" for a month."""
    text = first_block(library, "kiểm tra cuối học kỳ I từ ngày nào đến ngày nào")
    assert text.startswith("Thời gian kiểm tra cuối học kỳ I: từ 22/12/2025 đến 31/12/2025")
    text = first_block(library, "chuẩn hóa dữ liệu học sinh xong vào tháng mấy")
    assert "tháng 9/2026" in text


def test_deadline_answers_list_other_documents_first(library: Library) -> None:
    answer = answer_question(library, "báo cáo kết quả tuyển sinh gửi trước ngày nào", TODAY)
    files = [s.file for s in answer.sources]
    assert files[0] == "qd1020_namhoc.txt"
    assert len(set(files[:3])) == 3  # the next two candidates are other documents
