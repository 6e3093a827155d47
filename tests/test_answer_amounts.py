"""A question asking for an amount (a count, a sum of money) is answered by a sentence
stating one; when no document states it, the bot says so instead of quoting another line.

Secretary asks the bot; invented documents of a province's Ủy ban and a Party committee.
"""

from __future__ import annotations

from datetime import date

import pytest

from knowledge.answer import intents
from knowledge.answer.ask import answer_question
from knowledge.answer.wants import asks_amount
from knowledge.search.library import Library
from tests.support_answers import library_of

TODAY = date(2027, 1, 10)
NOT_FOUND = "Trong các văn bản đã nạp chưa thấy nội dung trả lời câu hỏi này."

DIRECTIVE = "\n".join(
    [
        "ỦY BAN NHÂN DÂN TỈNH YÊN BÁI",
        "Số: 09/CT-UBND",
        "Yên Bái, ngày 05 tháng 01 năm 2027",
        "CHỈ THỊ",
        "Về phòng, chống rét cho học sinh bán trú",
        "1. Sở Giáo dục và Đào tạo chỉ đạo các trường bảo đảm chăn, đệm, áo ấm cho học sinh"
        " bán trú; báo cáo Ủy ban nhân dân tỉnh trước ngày 20 tháng 01 năm 2027.",
        "2. Sở Tài chính tham mưu bố trí kinh phí hỗ trợ mua sắm chăn, áo ấm cho học sinh bán"
        " trú, trình Ủy ban nhân dân tỉnh trong tháng 01/2027.",
        "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
        "Lê Minh Hải",
    ]
)
PLAN = "\n".join(
    [
        "ĐẢNG ỦY SỞ GIÁO DỤC VÀ ĐÀO TẠO",
        "Số 12-KH/ĐU",
        "Yên Bái, ngày 02 tháng 01 năm 2027",
        "KẾ HOẠCH",
        "Công tác phát triển đảng viên năm 2027",
        "STT | Nội dung | Đơn vị thực hiện | Thời gian",
        "12 | Chỉ đạo các chi bộ thực hiện quy trình kết nạp đảng viên | Ban Tổ chức | Cả năm",
        "Mỗi học sinh đạt giải nhất cấp tỉnh được thưởng 1.500.000 đồng từ quỹ khuyến học.",
        "T/M BAN THƯỜNG VỤ",
        "BÍ THƯ",
        "Trần Văn Nam",
    ]
)


@pytest.fixture(scope="module")
def library() -> Library:
    return library_of({"ct09.txt": DIRECTIVE, "kh12.txt": PLAN})


def ask(library: Library, question: str) -> str:
    return answer_question(library, question, TODAY).text


@pytest.mark.parametrize(
    "question",
    [
        "chi thi 09 ho tro moi hoc sinh ban tru bao nhieu tien",
        "kh 12 du giao chi tieu ket nap bao nhieu dang vien nam 2027",
    ],
)
def test_an_amount_no_document_states_is_said_not_found(library: Library, question: str) -> None:
    """Secretary asks how much; no sentence states a sum or a count: the bot says so."""
    text = ask(library, question)
    assert text.startswith(NOT_FOUND)
    assert "20 tháng 01" not in text.split("\n\n")[0]  # a date is no sum


def test_an_amount_stated_is_quoted(library: Library) -> None:
    """The sentence stating the sum answers, even from another document than the first."""
    text = ask(library, "hoc sinh dat giai nhat cap tinh duoc thuong bao nhieu tien")
    assert "1.500.000 đồng" in text.split("\n\n")[0]


def test_an_ordinal_asked_is_no_amount(library: Library) -> None:
    """ "năm thứ mấy" asks an ordinal: a sentence without a count may answer it."""
    text = ask(library, "so tai chinh trinh kinh phi vao thang thu may")
    assert not text.startswith(NOT_FOUND)


def test_a_machine_is_no_count_asked() -> None:
    """Folded, "bộ máy" reads "bo may": "mấy" there is "máy", no amount asked."""
    for question in (
        "kiện toàn tổ chức bộ máy cán bộ các đoàn thể",
        "trang bị máy tính cho trường",
    ):
        assert not asks_amount(intents.detect(question))
    assert asks_amount(intents.detect("chi bo co may dang vien"))
