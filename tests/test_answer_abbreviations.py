"""Abbreviations either way: a member types "THPT Tân Phong" where the plan spells
"trung học phổ thông", or spells it where the plan prints "THPT", and the bot finds the
line both times. Every document here is invented for these tests.
"""

from __future__ import annotations

from datetime import date

import pytest

from knowledge.answer import wording
from knowledge.search.library import Library
from tests.support_answers import answer_and_files, library_of

TODAY = date(2026, 9, 1)


def _text(*lines: str) -> str:
    return "\n".join(lines) + "\n"


INSPECTION = _text(
    "SỞ GIÁO DỤC VÀ ĐÀO TẠO TỈNH ĐỒNG THÁP",
    "Số: 512/KH-SGDĐT",
    "Đồng Tháp, ngày 10 tháng 9 năm 2026",
    "KẾ HOẠCH",
    "Kiểm tra công tác chuyên môn các trường năm học 2026 - 2027",
    "I. NỘI DUNG",
    (
        "1. Kiểm tra Trường THPT Tân Phong vào ngày 15/10/2026; đoàn do Phó Giám đốc Sở làm "
        "trưởng đoàn."
    ),
    "2. Kiểm tra Trường THCS Mỹ An vào ngày 22/10/2026.",
    "3. Kiểm tra Trường MN Hoa Sen vào ngày 29/10/2026.",
    "II. TỔ CHỨC THỰC HIỆN",
    "Phòng Giáo dục trung học chuẩn bị hồ sơ kiểm tra trước ngày 01/10/2026.",
    "GIÁM ĐỐC",
    "Nguyễn Văn An",
)

CAMP = _text(
    "HUYỆN ĐOÀN THANH BÌNH",
    "Số 20-KH/HĐ",
    "Thanh Bình, ngày 05 tháng 01 năm 2027",
    "KẾ HOẠCH",
    "Tổ chức hội trại tòng quân năm 2027",
    "1. Hội trại tổ chức tại trường trung học cơ sở Tân Long ngày 10/02/2027.",
    "2. Ủy ban nhân dân xã Tân Long hỗ trợ kinh phí tổ chức hội trại.",
    "3. BCH Đoàn các xã cử đoàn viên tham dự trước ngày 01/02/2027.",
    "4. Hội Cựu chiến binh xã cử 05 hội viên kể chuyện truyền thống tại hội trại.",
    "BÍ THƯ",
    "Trần Văn Bình",
)

FIRE = _text(
    "ỦY BAN NHÂN DÂN HUYỆN TAM NÔNG",
    "Số 77/KH-UBND",
    "Tam Nông, ngày 02 tháng 12 năm 2026",
    "KẾ HOẠCH",
    "Phòng cháy chữa cháy mùa khô năm 2027",
    "1. Đội PCCC xã kiểm tra các hộ kinh doanh trước ngày 30/01/2027.",
    "2. Sở GD&ĐT phối hợp hướng dẫn học sinh kỹ năng thoát nạn trong tháng 02/2027.",
    "CHỦ TỊCH",
    "Lê Văn Công",
)


@pytest.fixture(scope="module")
def library() -> Library:
    return library_of({"kiem_tra.docx": INSPECTION, "hoi_trai.docx": CAMP, "pccc.docx": FIRE})


def _ask(library: Library, question: str) -> tuple[str, list[str]]:
    return answer_and_files(library, question, TODAY)


@pytest.mark.parametrize(
    "question",
    [
        "truong THPT Tan Phong duoc kiem tra ngay nao",
        "Trường trung học phổ thông Tân Phong kiểm tra ngày nào?",
        "truong trung hoc pho thong tan phong kiem tra ngay nao",
        "thpt tan phog kiem tra ngay nao",  # a slip in the name
    ],
)
def test_the_school_printed_abbreviated_is_found_either_way(
    library: Library, question: str
) -> None:
    text, files = _ask(library, question)
    assert files[0] == "kiem_tra.docx"
    assert "15/10/2026" in text


@pytest.mark.parametrize(
    "question",
    [
        "truong THCS Tan Long to chuc gi",
        "hội trại tổ chức ở trường THCS nào",
        "Trường trung học cơ sở Tân Long tổ chức gì?",
    ],
)
def test_the_school_spelled_out_is_found_from_the_abbreviation(
    library: Library, question: str
) -> None:
    text, files = _ask(library, question)
    assert files[0] == "hoi_trai.docx"
    assert "10/02/2027" in text


def test_an_abbreviated_committee_spelled_in_the_question(library: Library) -> None:
    text, files = _ask(library, "ban chap hanh doan cac xa cu doan vien khi nao")
    assert files[0] == "hoi_trai.docx"
    assert "01/02/2027" in text


def test_a_spelled_committee_abbreviated_in_the_question(library: Library) -> None:
    text, files = _ask(library, "UBND xa Tan Long ho tro gi cho hoi trai")
    assert files[0] == "hoi_trai.docx"
    assert "kinh phí" in text


def test_veterans_and_fire_brigade_abbreviated(library: Library) -> None:
    text, files = _ask(library, "hoi CCB xa cu bao nhieu hoi vien ke chuyen")
    assert files[0] == "hoi_trai.docx" and "05 hội viên" in text
    text, files = _ask(library, "doi phong chay chua chay xa kiem tra ho kinh doanh truoc ngay nao")
    assert files[0] == "pccc.docx" and "30/01/2027" in text


def test_the_department_printed_with_an_ampersand(library: Library) -> None:
    for question in (
        "so giao duc va dao tao phoi hop lam gi trong phong chay mua kho",
        "Sở GDĐT phối hợp làm gì trong PCCC mùa khô?",
    ):
        text, files = _ask(library, question)
        assert files[0] == "pccc.docx", question
        assert "thoát nạn" in text


def test_a_kindergarten_typed_in_capitals(library: Library) -> None:
    text, files = _ask(library, "truong mam non Hoa Sen kiem tra ngay nao")
    assert files[0] == "kiem_tra.docx" and "29/10/2026" in text


def test_capitals_only_read_as_abbreviations_in_capitals() -> None:
    assert wording.read("Ban Thường vụ TU họp khi nào") == "ban thuong vu tinh uy hop khi nao"
    assert wording.read("trường TH Tân Phong") == "truong tieu hoc tan phong"
    # Lower case, they are words ("từ", chat "mọi người"); in a number, the issuer.
    assert wording.read("tu ngay nao") == "tu ngay nao"
    assert wording.read("so 9-HD/TU") == "so 9-hd/tu"
    assert wording.read("So GD&DT") == "so gddt"
    assert wording.read("kiem tra pccc, xong chua") == "kiem tra pccc, xong chua"


def test_a_spelled_term_is_held_by_the_abbreviation_once() -> None:
    alts = wording.alternatives(wording.read("trường trung học phổ thông Tân Phong").split(" "))
    assert alts["pho thong"] == [("thpt",)]
    assert alts["truong trung"] == [("truong thpt",)]
    assert alts["thong tan"] == [("thpt tan",)]
    assert "tan phong" not in alts
    spelled = wording.alternatives(wording.read("Sở Giáo dục và Đào tạo").split(" "))
    assert spelled["dao tao"] == [("gddt",), ("gd dt",)]
    assert spelled["so giao"] == [("so gddt",), ("so gd",)]
    assert wording.shortened("truong trung hoc co so my an") == "truong thcs my an"
