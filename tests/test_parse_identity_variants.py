"""Identity of documents of local offices: issuing body, number, date, type, signer, basis.

Every header, signature and sentence here is invented, in the shapes a copy from Word
gives (the header table read row by row, cell by cell): Party committees and branches,
their boards, State departments and schools, the Front and mass organisations.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import date

import pytest

from knowledge.parse.directive import parse_text

PARTY = ["ĐẢNG CỘNG SẢN VIỆT NAM"]
STATE = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
BODY = [
    "I. MỤC ĐÍCH, YÊU CẦU",
    "Nâng cao nhận thức của cán bộ, đảng viên, giáo viên về nhiệm vụ được giao.",
    "II. TỔ CHỨC THỰC HIỆN",
    "Các đơn vị báo cáo kết quả trước ngày 20/12/2027.",
]
RECIPIENTS = ["Nơi nhận:", "- Các đơn vị trực thuộc;", "- Lưu: VP."]


@dataclass
class Case:
    """One invented document: its header lines and signature, and what must be read."""

    header: list[str]
    issuer: str
    number: str | None = "45-KH/ĐU"
    date: date | None = date(2027, 1, 5)
    national: list[str] = field(default_factory=lambda: PARTY)
    number_line: str = "Số 45-KH/ĐU"
    date_line: str = "Quận 3, ngày 05 tháng 01 năm 2027"


PARTY_HEADERS = {
    "du_so": Case(
        ["ĐẢNG BỘ THÀNH PHỐ HỒ CHÍ MINH", "ĐẢNG ỦY SỞ GIÁO DỤC VÀ ĐÀO TẠO", "*"],
        "ĐẢNG BỘ THÀNH PHỐ HỒ CHÍ MINH - ĐẢNG ỦY SỞ GIÁO DỤC VÀ ĐÀO TẠO",
    ),
    "star_first": Case(
        ["ĐẢNG BỘ TỈNH BÌNH DƯƠNG", "ĐẢNG ỦY SỞ GIÁO DỤC VÀ ĐÀO TẠO", "*", ""],
        "ĐẢNG BỘ TỈNH BÌNH DƯƠNG - ĐẢNG ỦY SỞ GIÁO DỤC VÀ ĐÀO TẠO",
    ),
    "chi_bo": Case(
        ["ĐẢNG BỘ SỞ GIÁO DỤC VÀ ĐÀO TẠO", "CHI BỘ TRƯỜNG THPT NGUYỄN DU", "*"],
        "ĐẢNG BỘ SỞ GIÁO DỤC VÀ ĐÀO TẠO - CHI BỘ TRƯỜNG THPT NGUYỄN DU",
        number="12-NQ/CB",
        number_line="Số 12-NQ/CB",
    ),
    "huyen_uy": Case(
        ["ĐẢNG BỘ TỈNH LÂM ĐỒNG", "HUYỆN ỦY ĐỨC TRỌNG", "*"],
        "ĐẢNG BỘ TỈNH LÂM ĐỒNG - HUYỆN ỦY ĐỨC TRỌNG",
        number="45-KH/HU",
        number_line="Số 45 -KH/HU",
    ),
    "quan_uy": Case(
        ["ĐẢNG BỘ THÀNH PHỐ ĐÀ NẴNG", "QUẬN ỦY SƠN TRÀ", "*"],
        "ĐẢNG BỘ THÀNH PHỐ ĐÀ NẴNG - QUẬN ỦY SƠN TRÀ",
        number="08-HD/QU",
        number_line="Số 08-HD/QU",
    ),
    "phuong": Case(
        ["ĐẢNG BỘ QUẬN BÌNH THẠNH", "ĐẢNG ỦY PHƯỜNG 12", "*"],
        "ĐẢNG BỘ QUẬN BÌNH THẠNH - ĐẢNG ỦY PHƯỜNG 12",
        number="21-KH/ĐU",
        number_line="Số: 21-KH/ĐU",
    ),
    "ubkt": Case(
        ["ĐẢNG ỦY SỞ GIÁO DỤC VÀ ĐÀO TẠO", "ỦY BAN KIỂM TRA", "*"],
        "ĐẢNG ỦY SỞ GIÁO DỤC VÀ ĐÀO TẠO - ỦY BAN KIỂM TRA",
        number="07-KH/UBKT",
        number_line="Số 07-KH/UBKT",
    ),
    "btgdv": Case(
        ["TỈNH ỦY ĐỒNG NAI", "BAN TUYÊN GIÁO VÀ DÂN VẬN", "*"],
        "TỈNH ỦY ĐỒNG NAI - BAN TUYÊN GIÁO VÀ DÂN VẬN",
        number="31-HD/BTGDVTU",
        number_line="Số 31-HD/BTGDVTU",
    ),
    "btv_line": Case(
        ["ĐẢNG ỦY SỞ GIÁO DỤC VÀ ĐÀO TẠO", "BAN THƯỜNG VỤ", "*"],
        "ĐẢNG ỦY SỞ GIÁO DỤC VÀ ĐÀO TẠO",  # the standing organ acts in the committee's name
    ),
    "btv_of_committee": Case(
        ["ĐẢNG BỘ TỈNH KHÁNH HÒA", "BAN THƯỜNG VỤ ĐẢNG ỦY SỞ GIÁO DỤC VÀ ĐÀO TẠO", "*"],
        "ĐẢNG BỘ TỈNH KHÁNH HÒA - ĐẢNG ỦY SỞ GIÁO DỤC VÀ ĐÀO TẠO",
    ),
    "khoi": Case(
        ["ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH", "ĐẢNG ỦY SỞ GIÁO DỤC VÀ ĐÀO TẠO", "*"],
        "ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH - ĐẢNG ỦY SỞ GIÁO DỤC VÀ ĐÀO TẠO",
    ),
    "bch_dang_bo": Case(
        ["BAN CHẤP HÀNH ĐẢNG BỘ TỈNH GIA LAI", "BAN TUYÊN GIÁO VÀ DÂN VẬN", "*"],
        "BAN CHẤP HÀNH ĐẢNG BỘ TỈNH GIA LAI - BAN TUYÊN GIÁO VÀ DÂN VẬN",
        number="18-HD/BTGDVTU",
        number_line="Số 18-HD/BTGDVTU",
    ),
    "chi_bo_van_phong": Case(
        ["ĐẢNG ỦY SỞ GIÁO DỤC VÀ ĐÀO TẠO", "CHI BỘ VĂN PHÒNG SỞ", "***"],
        "ĐẢNG ỦY SỞ GIÁO DỤC VÀ ĐÀO TẠO - CHI BỘ VĂN PHÒNG SỞ",
        number="03-NQ/CB",
        number_line="Số 03-NQ/CB",
    ),
    "huyen_uy_alone": Case(
        ["HUYỆN ỦY CỦ CHI", "*"],
        "HUYỆN ỦY CỦ CHI",
        number="27-CT/HU",
        number_line="Số 27-CT/HU",
    ),
    "wrapped_body": Case(
        ["ĐẢNG BỘ THÀNH PHỐ HỒ CHÍ MINH", "ĐẢNG ỦY SỞ GIÁO DỤC", "VÀ ĐÀO TẠO", "*"],
        "ĐẢNG BỘ THÀNH PHỐ HỒ CHÍ MINH - ĐẢNG ỦY SỞ GIÁO DỤC VÀ ĐÀO TẠO",
    ),
    "thanh_uy": Case(
        ["THÀNH ỦY THÀNH PHỐ HỒ CHÍ MINH", "*"],
        "THÀNH ỦY THÀNH PHỐ HỒ CHÍ MINH",
        number="09-CT/TU",
        number_line="Số 09-CT/TU",
    ),
    "old_tone": Case(
        ["ĐẢNG BỘ HUYỆN HOÀ VANG", "ĐẢNG ỦY XÃ HOÀ PHƯỚC", "*"],
        "ĐẢNG BỘ HUYỆN HÒA VANG - ĐẢNG ỦY XÃ HÒA PHƯỚC",
        date_line="Hoà Phước, ngày 05 tháng 01 năm 2027",
    ),
}

STATE_HEADERS = {
    "sgddt": Case(
        ["ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG", "SỞ GIÁO DỤC VÀ ĐÀO TẠO", "-------"],
        "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG - SỞ GIÁO DỤC VÀ ĐÀO TẠO",
        number="112/SGDĐT-VP",
        number_line="Số: 112/SGDĐT-VP",
        national=STATE,
    ),
    "ubnd_short": Case(
        ["UBND TỈNH ĐỒNG THÁP", "SỞ GIÁO DỤC VÀ ĐÀO TẠO", "-------"],
        "UBND TỈNH ĐỒNG THÁP - SỞ GIÁO DỤC VÀ ĐÀO TẠO",
        number="215/KH-SGDĐT",
        number_line="Số: 215/KH-SGDĐT",
        national=STATE,
    ),
    "phong": Case(
        ["UBND QUẬN 3", "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO", "-------"],
        "UBND QUẬN 3 - PHÒNG GIÁO DỤC VÀ ĐÀO TẠO",
        number="88/KH-GDĐT",
        number_line="Số: 88/KH-GDĐT",
        national=STATE,
    ),
    "truong": Case(
        ["SỞ GD&ĐT TP. HỒ CHÍ MINH", "TRƯỜNG THPT LÊ QUÝ ĐÔN", "-------"],
        "SỞ GD&ĐT TP. HỒ CHÍ MINH - TRƯỜNG THPT LÊ QUÝ ĐÔN",
        number="64/KH-THPTLQĐ",
        number_line="Số: 64/KH-THPTLQĐ",
        national=STATE,
    ),
    "ubnd_two_lines": Case(
        ["ỦY BAN NHÂN DÂN", "PHƯỜNG TÂN ĐỊNH", "-------"],
        "ỦY BAN NHÂN DÂN PHƯỜNG TÂN ĐỊNH",
        number="210/KH-UBND",
        number_line="Số: 210/KH-UBND",
        national=STATE,
    ),
    "blank_number": Case(
        ["ỦY BAN NHÂN DÂN", "XÃ HÒA BÌNH", "-------"],
        "ỦY BAN NHÂN DÂN XÃ HÒA BÌNH",
        number=None,
        number_line="Số:    /KH-UBND",
        national=STATE,
    ),
    "blank_day": Case(
        ["ỦY BAN NHÂN DÂN", "XÃ HÒA BÌNH", "-------"],
        "ỦY BAN NHÂN DÂN XÃ HÒA BÌNH",
        number="17/KH-UBND",
        number_line="Số: 17/KH-UBND",
        date=None,
        date_line="Hòa Bình, ngày    tháng 3 năm 2027",
        national=STATE,
    ),
}

MASS_HEADERS = {
    "cong_doan": Case(
        ["CÔNG ĐOÀN GIÁO DỤC VIỆT NAM", "CÔNG ĐOÀN NGÀNH GIÁO DỤC TỈNH ĐỒNG NAI", "-------"],
        "CÔNG ĐOÀN GIÁO DỤC VIỆT NAM - CÔNG ĐOÀN NGÀNH GIÁO DỤC TỈNH ĐỒNG NAI",
        number="05/KH-CĐN",
        number_line="Số: 05/KH-CĐN",
        national=STATE,
    ),
    "ldld": Case(
        ["LIÊN ĐOÀN LAO ĐỘNG QUẬN 5", "CÔNG ĐOÀN CƠ SỞ TRƯỜNG THCS BẾN THÀNH", "-------"],
        "LIÊN ĐOÀN LAO ĐỘNG QUẬN 5 - CÔNG ĐOÀN CƠ SỞ TRƯỜNG THCS BẾN THÀNH",
        number="03/KH-CĐCS",
        number_line="Số: 03/KH-CĐCS",
        national=STATE,
    ),
    "doan": Case(
        ["THÀNH ĐOÀN TP. HỒ CHÍ MINH", "BCH ĐOÀN SỞ GIÁO DỤC VÀ ĐÀO TẠO", "***"],
        "THÀNH ĐOÀN TP. HỒ CHÍ MINH - BCH ĐOÀN SỞ GIÁO DỤC VÀ ĐÀO TẠO",
        number="86-KH/ĐTN",
        number_line="Số: 86-KH/ĐTN",
        national=["ĐOÀN TNCS HỒ CHÍ MINH"],
    ),
    "thanh_doan": Case(
        ["THÀNH ĐOÀN HÀ NỘI", "BAN CHẤP HÀNH ĐOÀN TRƯỜNG THPT KIM LIÊN", "***"],
        "THÀNH ĐOÀN HÀ NỘI - BAN CHẤP HÀNH ĐOÀN TRƯỜNG THPT KIM LIÊN",
        number="14-KH/ĐTN",
        number_line="Số 14-KH/ĐTN",
        national=STATE,
    ),
    "mttq": Case(
        ["ỦY BAN MTTQ VIỆT NAM", "PHƯỜNG TÂN ĐỊNH", "BAN THƯỜNG TRỰC"],
        "ỦY BAN MTTQ VIỆT NAM PHƯỜNG TÂN ĐỊNH - BAN THƯỜNG TRỰC",
        number="25/KH-MTTQ-BTT",
        number_line="Số: 25/KH-MTTQ-BTT",
        national=STATE,
    ),
    "phu_nu": Case(
        ["HỘI LIÊN HIỆP PHỤ NỮ VIỆT NAM", "HỘI LHPN PHƯỜNG 5", "-----"],
        "HỘI LIÊN HIỆP PHỤ NỮ VIỆT NAM - HỘI LHPN PHƯỜNG 5",
        number="07/KH-HPN",
        number_line="Số: 07/KH-HPN",
        national=STATE,
    ),
    "mttq_tinh": Case(
        ["ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM", "TỈNH BÌNH ĐỊNH", "-----"],
        "ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM TỈNH BÌNH ĐỊNH",
        number="41/KH-MTTQ-BTT",
        number_line="Số: 41/KH-MTTQ-BTT",
        national=STATE,
    ),
    "doi": Case(
        ["HỘI ĐỒNG ĐỘI QUẬN 3", "LIÊN ĐỘI TRƯỜNG TH KIM ĐỒNG", "-----"],
        "HỘI ĐỒNG ĐỘI QUẬN 3 - LIÊN ĐỘI TRƯỜNG TH KIM ĐỒNG",
        number="02/KH-LĐ",
        number_line="Số: 02/KH-LĐ",
        national=["ĐỘI TNTP HỒ CHÍ MINH"],
    ),
    "cdcs": Case(
        ["CÔNG ĐOÀN GIÁO DỤC TP. HỒ CHÍ MINH", "CĐCS TRƯỜNG THPT TÂN PHONG", "-----"],
        "CÔNG ĐOÀN GIÁO DỤC TP. HỒ CHÍ MINH - CĐCS TRƯỜNG THPT TÂN PHONG",
        number="09/KH-CĐCS",
        number_line="Số: 09/KH-CĐCS",
        national=STATE,
    ),
    "ccb": Case(
        ["HỘI CỰU CHIẾN BINH VIỆT NAM", "HỘI CỰU CHIẾN BINH QUẬN 10", "-------"],
        "HỘI CỰU CHIẾN BINH VIỆT NAM - HỘI CỰU CHIẾN BINH QUẬN 10",
        number="11/KH-CCB",
        number_line="Số: 11/KH-CCB",
        national=STATE,
    ),
}

ALL_HEADERS = {**PARTY_HEADERS, **STATE_HEADERS, **MASS_HEADERS}


HEADINGS = {"KH": "KẾ HOẠCH", "NQ": "NGHỊ QUYẾT", "HD": "HƯỚNG DẪN", "CT": "CHỈ THỊ"}


def _kind(case: Case) -> str:
    """The type the number names (a plan when it names none)."""
    code = (case.number or "/KH").replace("/", "-").split("-")[1]
    return code if code in HEADINGS else "KH"


def _text(case: Case, signature: list[str] | None = None, tail: list[str] | None = None) -> str:
    lines = [
        *case.header,
        *case.national,
        case.number_line,
        case.date_line,
        HEADINGS[_kind(case)],
        "Triển khai công tác chuyển đổi số năm 2027",
        "Thực hiện Kế hoạch số 12-KH/TU ngày 10/12/2026 của Ban Thường vụ Thành ủy về chuyển"
        " đổi số, đơn vị xây dựng kế hoạch như sau:",
        *BODY,
        *RECIPIENTS,
        *(signature or ["T/M BAN THƯỜNG VỤ", "BÍ THƯ", "Nguyễn Thị Lan"]),
        *(tail or []),
    ]
    return "\n".join(lines)


@pytest.mark.parametrize("name", sorted(ALL_HEADERS))
def test_header_identity(name: str) -> None:
    case = ALL_HEADERS[name]
    directive = parse_text(_text(case))
    assert directive.issuer == case.issuer
    assert directive.number == case.number
    assert directive.date == case.date
    assert directive.doc_type == _kind(case)
    assert directive.title == "Triển khai công tác chuyển đổi số năm 2027"
    implements = [r.number for r in directive.references if r.relation == "implements"]
    assert implements == ["12-KH/TU"]
    assert (directive.signer.name, directive.signer.title) == ("Nguyễn Thị Lan", "BÍ THƯ")


@pytest.mark.parametrize("name", sorted(ALL_HEADERS))
def test_header_cells_read_row_by_row(name: str) -> None:
    """The header table read row by row: the national title cell between the body lines."""
    case = ALL_HEADERS[name]
    rows = [case.header[0], *case.national[:1], *case.header[1:], *case.national[1:]]
    text = _text(
        Case(rows, case.issuer, case.number, case.date, [], case.number_line, case.date_line)
    )
    directive = parse_text(text)
    assert (directive.issuer, directive.number, directive.date) == (
        case.issuer,
        case.number,
        case.date,
    )


@pytest.mark.parametrize("name", sorted(ALL_HEADERS))
def test_header_title_joined_to_the_left_cell(name: str) -> None:
    """A copy that joined the right cell's title to the left cell's first line."""
    case = ALL_HEADERS[name]
    if not case.national:
        return
    first = f"{case.header[0]} {case.national[0]}"
    rows = [first, *case.header[1:], *case.national[1:]]
    text = _text(
        Case(rows, case.issuer, case.number, case.date, [], case.number_line, case.date_line)
    )
    assert parse_text(text).issuer == case.issuer


@pytest.mark.parametrize("name", ["du_so", "chi_bo", "sgddt", "mttq", "old_tone", "doan"])
def test_header_identity_in_nfd(name: str) -> None:
    """A text in decomposed Unicode (as some Mac editors save it) reads the same."""
    case = ALL_HEADERS[name]
    directive = parse_text(unicodedata.normalize("NFD", _text(case)))
    assert directive.issuer == case.issuer
    assert directive.number == case.number
    assert directive.date == case.date


SIGNATURES = [
    (["T/M CHI BỘ", "BÍ THƯ", "Trần Văn Hùng"], "BÍ THƯ", "Trần Văn Hùng"),
    (["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "(Đã ký)", "Lê Thị Hoa"], "PHÓ BÍ THƯ", "Lê Thị Hoa"),
    (["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Phạm Minh Đức"], "PHÓ GIÁM ĐỐC", "Phạm Minh Đức"),
    (
        ["TL. BAN THƯỜNG VỤ", "CHÁNH VĂN PHÒNG", "Võ Thị Thu Trang"],
        "CHÁNH VĂN PHÒNG",
        "Võ Thị Thu Trang",
    ),
    (
        ["T/M BAN CHẤP HÀNH", "PHÓ BÍ THƯ THƯỜNG TRỰC", "Đặng Quốc Bảo"],
        "PHÓ BÍ THƯ THƯỜNG TRỰC",
        "Đặng Quốc Bảo",
    ),
    (["HIỆU TRƯỞNG", "(Ký, đóng dấu)", "Ngô Thanh Hà"], "HIỆU TRƯỞNG", "Ngô Thanh Hà"),
    (
        ["TM. BAN THƯỜNG TRỰC", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Huỳnh Văn Tư"],
        "PHÓ CHỦ TỊCH",
        "Huỳnh Văn Tư",
    ),
    (["T/M ỦY BAN KIỂM TRA", "CHỦ NHIỆM", "Lý Thị Ngọc"], "CHỦ NHIỆM", "Lý Thị Ngọc"),
    (["TM. BAN CHẤP HÀNH", "CHỦ TỊCH", "(đã ký)", "Mai Văn Sơn"], "CHỦ TỊCH", "Mai Văn Sơn"),
    # The name in capitals (or its surname alone), given in its natural case.
    (
        ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "(Đã ký)", "NGUYỄN VĂN AN"],
        "PHÓ BÍ THƯ",
        "Nguyễn Văn An",
    ),
    (["T/M CHI BỘ", "BÍ THƯ", "TRẦN THỊ THU HÀ"], "BÍ THƯ", "Trần Thị Thu Hà"),
    (["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "NGUYỄN Văn An"], "PHÓ GIÁM ĐỐC", "Nguyễn Văn An"),
    (
        ["T/M ĐẢNG ỦY", "BÍ THƯ", "(đã ký và đóng dấu)", "", "DƯƠNG VĂN PHONG"],
        "BÍ THƯ",
        "Dương Văn Phong",
    ),
    (["HIỆU TRƯỞNG", "Đã ký", "LÂM THỊ THANH TRÀ"], "HIỆU TRƯỞNG", "Lâm Thị Thanh Trà"),
    # Two signers side by side, read row by row: the issuing body's first.
    (
        ["T/M BAN CHẤP HÀNH | T/M ỦY BAN KIỂM TRA", "BÍ THƯ | CHỦ NHIỆM", "Lê Văn Tám | Hồ Thị Bé"],
        "BÍ THƯ",
        "Lê Văn Tám",
    ),
]

TAILS = {
    "nothing": [],
    "footnotes": ["______", "[1] Theo số liệu của Văn phòng Đảng ủy.", "[2] Mẫu kèm theo."],
    "annex": [
        "PHỤ LỤC",
        "MẪU BÁO CÁO KẾT QUẢ",
        "(Kèm theo Kế hoạch số 45-KH/ĐU ngày 05/01/2027 của Đảng ủy Sở)",
        "TT | Đơn vị | Kết quả",
        "1 | Chi bộ Văn phòng | Đạt",
    ],
    "table": ["TT | Nội dung | Thời gian", "1 | Sơ kết | Tháng 6/2027"],
}


@pytest.mark.parametrize("tail", sorted(TAILS))
@pytest.mark.parametrize(("block", "title", "name"), SIGNATURES)
def test_signer_block(block: list[str], title: str, name: str, tail: str) -> None:
    directive = parse_text(_text(PARTY_HEADERS["du_so"], block, TAILS[tail]))
    assert (directive.signer.name, directive.signer.title) == (name, title)
    assert directive.number == "45-KH/ĐU"
