"""A "when" question naming a cycle, a recipient, an occasion or a year.

A secretary asks "báo cáo hằng tháng gửi trước ngày mấy" of a document that also sets a
yearly report with a dated deadline; "báo cáo tình hình tư tưởng gửi Ban Tuyên giáo Đảng
ủy Khối" when a provincial guide sets another body's report on the same subject; "sửa
nhà vệ sinh phải xong khi nào" of a notice saying "trước ngày khai giảng"; "kiểm điểm năm
2027" when a guide about the 2026 review is due in January 2027. Every document here is
invented for these tests.
"""

from __future__ import annotations

from datetime import date

import pytest

from knowledge.answer.covers import (
    cycle_asked,
    holds_recipient,
    of_cycle,
    other_year,
    recipient_asked,
)
from knowledge.search.library import Library
from tests.support_answers import answer_and_files, library_of

TODAY = date(2026, 12, 6)
NOT_FOUND = "Trong các văn bản đã nạp chưa thấy"


def _text(*lines: str) -> str:
    return "\n".join(lines) + "\n"


REPORTING = _text(
    "HUYỆN ỦY PHÚ TÂN",
    "BAN DÂN VẬN",
    "Số 117-CV/BDVHU",
    "Phú Tân, ngày 02 tháng 12 năm 2026",
    "V/v chế độ báo cáo tình hình công tác dân vận năm 2027",
    "Để nắm chắc tình hình công tác dân vận, Ban Dân vận Huyện ủy đề nghị các đảng ủy xã thực "
    "hiện chế độ báo cáo tình hình công tác dân vận năm 2027 như sau:",
    "1. Chế độ báo cáo",
    "a) Báo cáo tình hình công tác dân vận hằng tháng, gửi trước ngày 22 hằng tháng.",
    "b) Báo cáo chuyên đề hằng quý gửi trước ngày 12 của tháng cuối quý.",
    "c) Báo cáo tổng kết tình hình công tác dân vận và dư luận trong Nhân dân năm 2027 gửi "
    "trước ngày 25/11/2027.",
    "2. Các đảng ủy xã kiện toàn khối dân vận, gửi danh sách về Ban trước ngày 15/01/2027.",
    "TRƯỞNG BAN",
    "Lâm Thị Ngọc",
)

GUIDE_2026 = _text(
    "TỈNH ỦY AN GIANG",
    "BAN TỔ CHỨC",
    "Số 22-HD/BTCTU",
    "An Giang, ngày 25 tháng 11 năm 2026",
    "HƯỚNG DẪN",
    "Kiểm điểm, đánh giá, xếp loại chất lượng tổ chức đảng, đảng viên năm 2026",
    "I. THỜI GIAN",
    "1. Đảng ủy cơ sở tổ chức kiểm điểm tập thể ban chấp hành và xếp loại các chi bộ trực "
    "thuộc, xong trước 15/01/2027.",
    "2. Các đảng ủy khối tổng hợp báo cáo tình hình tư tưởng của đảng viên, dư luận xã hội "
    "liên quan đến công tác kiểm điểm, gửi Ban Tổ chức Tỉnh ủy trước 08-01-2027.",
    "3. Ban Tuyên giáo Tỉnh ủy định hướng thông tin tuyên truyền về công tác kiểm điểm, kết "
    "hợp với việc nắm tình hình hằng tháng.",
    "T/M BAN",
    "TRƯỞNG BAN",
    "Phan Văn Đức",
)

CELL_PLAN = _text(
    "ĐẢNG BỘ KHỐI CÁC CƠ QUAN TỈNH",
    "CHI BỘ TRUNG TÂM Y TẾ HUYỆN PHÚ TÂN",
    "Số 05-KH/CB",
    "Phú Tân, ngày 10 tháng 1 năm 2027",
    "KẾ HOẠCH",
    "Hoạt động của Chi bộ năm 2027",
    "I. CÔNG TÁC TƯ TƯỞNG",
    "1. Chi ủy nắm bắt tình hình tư tưởng của đảng viên, viên chức; gửi báo cáo tình hình tư "
    "tưởng về Ban Tuyên giáo Đảng ủy Khối trước ngày 20 hằng tháng.",
    "2. Đảng viên báo cáo Chi ủy việc học tập nghị quyết trong kỳ sinh hoạt hằng tháng.",
    "II. KIỂM ĐIỂM CUỐI NĂM",
    "- Tổ chức kiểm điểm, đánh giá, xếp loại chất lượng Chi bộ và đảng viên năm 2027 từ ngày "
    "05/12 đến ngày 22/12/2027.",
    "T/M CHI BỘ",
    "BÍ THƯ",
    "Huỳnh Văn Tài",
)

NOTICE = _text(
    "TỈNH ỦY ĐỒNG THÁP",
    "Số 208-TB/TU",
    "Đồng Tháp, ngày 14 tháng 1 năm 2027",
    "THÔNG BÁO",
    "Kết luận của Ban Thường vụ Tỉnh ủy về cơ sở vật chất trường học",
    "1. Tình hình",
    "Toàn tỉnh còn 96 nhà vệ sinh trường học xuống cấp, chủ yếu ở các điểm trường lẻ; việc "
    "kiểm tra hằng tháng chưa thường xuyên.",
    "2. Nhiệm vụ",
    "- Giao chỉ tiêu tuyển sinh đầu cấp cho các xã; hoàn thành tuyển sinh xong trước 31-7-2027.",
    "- Ưu tiên bố trí kinh phí sửa chữa nhà vệ sinh, công trình nước sạch trường học; hoàn "
    "thành trước ngày khai giảng năm học 2027 - 2028.",
    "T/M BAN THƯỜNG VỤ",
    "PHÓ BÍ THƯ",
    "Trần Quốc Bảo",
)

FILES = {
    "cv117_bdv_phutan.txt": REPORTING,
    "hd22_btctu_kiemdiem_2026.txt": GUIDE_2026,
    "kh05_cb_ttyt_phutan_2027.txt": CELL_PLAN,
    "tb208_tu_dongthap.txt": NOTICE,
}


@pytest.fixture(scope="module")
def library() -> Library:
    """The invented documents above, parsed as an ingest does."""
    return library_of(FILES)


def _lead(library: Library, question: str) -> tuple[str, list[str]]:
    text, files = answer_and_files(library, question, TODAY)
    return text.split("\n\n")[0], files


def test_the_monthly_report_asked_is_not_the_yearly_one(library: Library) -> None:
    """ "hằng tháng" named: the monthly duty, not the dated yearly report beside it."""
    lead, files = _lead(library, "bao cao tinh hinh cong tac dan van hang thang gui truoc ngay may")
    assert files[0] == "cv117_bdv_phutan.txt"
    assert "22" in lead and "25/11" not in lead


def test_the_quarterly_report_asked_is_the_quarterly_one(library: Library) -> None:
    lead, _ = _lead(library, "báo cáo chuyên đề hằng quý của ban dân vận gửi trước ngày nào")
    assert "12" in lead and "25/11" not in lead


def test_the_recipient_named_chooses_the_report(library: Library) -> None:
    """ "gửi Ban Tuyên giáo Đảng ủy Khối": the chi bộ's monthly report, not another body's."""
    question = "bao cao tinh hinh tu tuong gui ban tuyen giao dang uy khoi truoc ngay may"
    lead, files = _lead(library, question)
    assert files[0] == "kh05_cb_ttyt_phutan_2027.txt"
    assert "20" in lead and "08/01" not in lead


def test_an_occasion_answers_when_a_task_must_be_done(library: Library) -> None:
    """ "trước ngày khai giảng …" is the term set: quoted, not another task's day."""
    lead, files = _lead(library, "sửa chữa nhà vệ sinh trường học phải xong khi nào")
    assert files[0] == "tb208_tu_dongthap.txt"
    assert not lead.startswith(NOT_FOUND)
    assert "khai giảng" in lead and "31/07" not in lead


def test_the_year_asked_is_not_a_guide_of_another_year(library: Library) -> None:
    """ "năm 2027" asked: the plan of 2027, not a guide of the 2026 review due in 2027."""
    lead, files = _lead(library, "kiểm điểm xếp loại chi bộ năm 2027 làm trong thời gian nào")
    assert files[0] == "kh05_cb_ttyt_phutan_2027.txt"
    assert "22/12/2027" in lead and "15/01" not in lead


@pytest.mark.parametrize(
    ("question", "cycle"),
    [
        ("bao cao hang thang gui truoc ngay may", "monthly"),
        ("bao cao moi quy nop khi nao", "quarterly"),
        ("bao cao 6 thang nop truoc ngay nao", "half-yearly"),
        ("tong ket hang nam vao thang may", "yearly"),
        ("bao cao tinh hinh tu tuong bao lau 1 lan", "recurring"),
        ("hop chi bo may lan", "recurring"),
        ("han nop bao cao truoc ngay 6 thang 12", None),
        ("han nop bao cao la ngay nao", None),
    ],
)
def test_the_cycle_a_question_names(question: str, cycle: str | None) -> None:
    assert cycle_asked(question) == cycle


def test_a_deadline_of_a_cycle() -> None:
    assert of_cycle("monthly", "monthly", "trước ngày 20")
    assert of_cycle("monthly", None, "gửi trước ngày 18 hằng tháng")
    assert not of_cycle("monthly", None, "gửi trước ngày 30/11/2027")
    assert of_cycle("recurring", None, "định kỳ 6 tháng và cuối năm")
    assert not of_cycle("recurring", None, "trước ngày 30/11/2027")


def test_a_title_of_another_year() -> None:
    title = "KIỂM ĐIỂM, XẾP LOẠI CHẤT LƯỢNG TỔ CHỨC ĐẢNG NĂM 2026"
    assert other_year(title, "xong trước ngày 18 tháng 01 năm 2027", 2027)
    assert not other_year(title, "hoàn thành kiểm điểm năm 2027 trước 10/01/2028", 2027)
    assert not other_year("Kế hoạch năm học 2026 - 2027", "trước 10/01/2027", 2027)
    assert not other_year("Hoạt động của Chi bộ năm 2027", "trước 20/12/2027", 2027)


@pytest.mark.parametrize(
    ("question", "body"),
    [
        (
            "bao cao tinh hinh tu tuong gui ban tuyen giao dang uy so truoc ngay may",
            "ban tuyen giao",
        ),
        ("nop ho so ve van phong dang uy cham nhat ngay nao", "van phong dang"),
        ("gui bao cao ve so truoc ngay nao", ""),
        ("han nop bao cao 6 thang", ""),
    ],
)
def test_the_body_a_question_sends_to(question: str, body: str) -> None:
    assert recipient_asked(question) == body


def test_a_sentence_naming_the_body() -> None:
    assert holds_recipient("ban tuyen giao", "gửi về Ban Tuyên giáo Đảng ủy Khối")
    assert not holds_recipient("ban tuyen giao", "gửi Ban Tổ chức Tỉnh ủy trước 08-01-2027")
    assert holds_recipient("", "gửi Ban Tổ chức Tỉnh ủy")
