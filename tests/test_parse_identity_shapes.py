"""Number, date, signature and basis lines as local offices print them (invented texts)."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest

from knowledge.parse.directive import parse_text
from knowledge.vi.textnorm import fold, strip_marks

HEADER = ["ĐẢNG BỘ THÀNH PHỐ HỒ CHÍ MINH", "ĐẢNG ỦY SỞ GIÁO DỤC VÀ ĐÀO TẠO", "*"]
BODY = [
    "1. Các chi bộ quán triệt nội dung đến đảng viên.",
    "2. Báo cáo kết quả về Văn phòng Đảng ủy trước ngày 20/12/2027.",
]
SIGNATURE = [
    "Nơi nhận:",
    "- Các chi bộ;",
    "- Lưu VP.",
    "T/M BAN THƯỜNG VỤ",
    "BÍ THƯ",
    "Trần Văn An",
]


def _doc(number_line: str, date_line: str, heading: str = "KẾ HOẠCH") -> str:
    lines = [*HEADER, "ĐẢNG CỘNG SẢN VIỆT NAM", number_line, date_line, heading]
    lines += ["Về công tác năm 2027", *BODY, *SIGNATURE]
    return "\n".join(line for line in lines if line)


@pytest.mark.parametrize(
    ("line", "number", "kind"),
    [
        ("Số 12-NQ/CB", "12-NQ/CB", "NQ"),
        ("Số 45 -KH/ĐU", "45-KH/ĐU", "KH"),
        ("Số 118 - CV/ĐU", "118-CV/ĐU", "CV"),
        ("Số: 05/KH-CĐN", "05/KH-CĐN", "KH"),
        ("Số: 112/SGDĐT-VP", "112/SGDĐT-VP", "CV"),
        ("Số:12/KH-THPT", "12/KH-THPT", "KH"),
        ("SỐ: 15/KH-UBND", "15/KH-UBND", "KH"),
        ("Số: 03/2027/QĐ-UBND", "03/2027/QĐ-UBND", "QĐ"),
        ("Số 09-CTr/ĐU", "09-CTr/ĐU", "CTr"),
        ("Số: 210/UBND-VX", "210/UBND-VX", "CV"),
        ("Số:    /KH-UBND", None, "KH"),
        ("Số    -KH/ĐU", None, "KH"),
    ],
)
def test_number_shapes(line: str, number: str | None, kind: str) -> None:
    heading = "" if kind == "CV" and number else "KẾ HOẠCH" if kind != "NQ" else "NGHỊ QUYẾT"
    if kind in ("QĐ", "CTr"):
        heading = {"QĐ": "QUYẾT ĐỊNH", "CTr": "CHƯƠNG TRÌNH"}[kind]
    directive = parse_text(_doc(line, "Quận 1, ngày 05 tháng 01 năm 2027", heading))
    assert (directive.number, directive.doc_type) == (number, kind)
    assert directive.date == date(2027, 1, 5)


@pytest.mark.parametrize(
    ("line", "day"),
    [
        ("TP. Hồ Chí Minh, ngày 5 tháng 1 năm 2027", date(2027, 1, 5)),
        ("Thủ Đức, ngày 05 tháng 01 năm 2027", date(2027, 1, 5)),
        ("Phường 12, ngày 15 tháng 3 năm 2027", date(2027, 3, 15)),
        ("Hà Nội, ngày  05  tháng  01  năm  2027", date(2027, 1, 5)),
        ("Buôn Ma Thuột, ngày 28 tháng 02 năm 2027", date(2027, 2, 28)),
        ("Đà Lạt, ngày ... tháng 3 năm 2027", None),
        ("Đà Lạt, ngày      tháng 3 năm 2027", None),
        ("ngày 05 tháng 01 năm 2027", date(2027, 1, 5)),
        ("Hoà Bình, ngày 05 tháng 01 năm 2027", date(2027, 1, 5)),
        ("…, ngày 05 tháng 01 năm 2027", date(2027, 1, 5)),
        ("Q.3, ngày 05 tháng 01 năm 2027", date(2027, 1, 5)),
        ("Q. Bình Thạnh, ngày 05 tháng 01 năm 2027", date(2027, 1, 5)),
        ("TP.HCM, ngày 05 tháng 01 năm 2027", date(2027, 1, 5)),
        ("Cần Thơ, ngày 5/1/2027", date(2027, 1, 5)),
        ("", None),
    ],
)
def test_date_lines(line: str, day: date | None) -> None:
    directive = parse_text(_doc("Số 45-KH/ĐU", line))
    assert directive.date == day
    assert directive.number == "45-KH/ĐU"
    assert directive.title == "Về công tác năm 2027"
    assert directive.year == 2027


@pytest.mark.parametrize(
    ("block", "title", "name"),
    [
        (["K/T BÍ THƯ", "PHÓ BÍ THƯ", "Lê Thị Hoa"], "PHÓ BÍ THƯ", "Lê Thị Hoa"),
        (["T/M ĐẢNG ỦY", "BÍ THƯ", "(Đã ký)", "Võ Văn Kiệt"], "BÍ THƯ", "Võ Văn Kiệt"),
        (
            ["KT. HIỆU TRƯỞNG", "PHÓ HIỆU TRƯỞNG", "(Ký, ghi rõ họ tên)", "Đỗ Minh Tâm"],
            "PHÓ HIỆU TRƯỞNG",
            "Đỗ Minh Tâm",
        ),
        (["T/M BCH CÔNG ĐOÀN", "CHỦ TỊCH", "Hà Thị Mỹ Linh"], "CHỦ TỊCH", "Hà Thị Mỹ Linh"),
        (["Q. HIỆU TRƯỞNG", "Lâm Quốc Việt"], "Q. HIỆU TRƯỞNG", "Lâm Quốc Việt"),
        (
            ["TM. BAN THƯỜNG TRỰC", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "(đã ký)", "Châu Văn Lợi"],
            "PHÓ CHỦ TỊCH",
            "Châu Văn Lợi",
        ),
        (["BÍ THƯ", "Nguyễn Hoà"], "BÍ THƯ", "Nguyễn Hòa"),
        (
            ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ THƯỜNG", "TRỰC", "Lê Văn Ba"],
            "PHÓ BÍ THƯ THƯỜNG TRỰC",
            "Lê Văn Ba",
        ),
        (
            ["T/M BAN THƯỜNG VỤ", "BÍ THƯ", "(Đã ký)", "Lê Văn Ba", "(Đã ký và đóng dấu)"],
            "BÍ THƯ",
            "Lê Văn Ba",
        ),
        (["TM.BAN THƯỜNG VỤ", "BÍ THƯ", "Nguyễn Thị Ngọc Ánh"], "BÍ THƯ", "Nguyễn Thị Ngọc Ánh"),
        (["KT.GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Lê Văn Ba"], "PHÓ GIÁM ĐỐC", "Lê Văn Ba"),
        (["T/M BCH ĐOÀN TRƯỜNG", "BÍ THƯ", "Lê Văn Ba"], "BÍ THƯ", "Lê Văn Ba"),
    ],
)
@pytest.mark.parametrize("before_recipients", [False, True])
def test_signature_blocks(block: list[str], title: str, name: str, before_recipients: bool) -> None:
    recipients = ["Nơi nhận:", "- Các chi bộ;", "- Lưu VP."]
    closing = [*block, *recipients] if before_recipients else [*recipients, *block]
    lines = [*HEADER, "ĐẢNG CỘNG SẢN VIỆT NAM", "Số 45-KH/ĐU", "Quận 1, ngày 05 tháng 01 năm 2027"]
    lines += ["KẾ HOẠCH", "Về công tác năm 2027", *BODY, *closing]
    directive = parse_text("\n".join(lines))
    assert (directive.signer.name, directive.signer.title) == (name, title)


@pytest.mark.parametrize(
    ("preamble", "implements"),
    [
        (
            ["Thực hiện Kế hoạch số 12-KH/TU ngày 10/12/2026 của Ban Thường vụ Thành ủy;"],
            ["12-KH/TU"],
        ),
        (
            [
                "Căn cứ Điều lệ Đảng Cộng sản Việt Nam;",
                "Căn cứ Hướng dẫn số 09-HD/ĐU ngày 02 tháng 02 năm 2027 của Đảng ủy Sở;",
            ],
            ["09-HD/ĐU"],
        ),
        (
            [
                "Triển khai Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị và Công văn số"
                " 1275-CV/VPTU ngày 25/11/2026 của Văn phòng Thành ủy, Đảng ủy Sở xây dựng kế"
                " hoạch như sau:"
            ],
            ["05-CT/TW", "1275-CV/VPTU"],
        ),
        (
            [
                "Thực hiện Hướng dẫn số 01-HD/TW ngày 28/9/2021 của Ban Bí thư hướng dẫn quy"
                " định số 24-QĐ/TW về thi hành Điều lệ Đảng;"
            ],
            ["01-HD/TW", "24-QĐ/TW"],
        ),
        (
            ["Thực hiện Kế hoạch số 3815 /KH-UBND ngày 18/10/2026 của Ủy ban nhân dân Thành phố;"],
            ["3815/KH-UBND"],
        ),
    ],
)
def test_basis_lines(preamble: list[str], implements: list[str]) -> None:
    lines = [*HEADER, "ĐẢNG CỘNG SẢN VIỆT NAM", "Số 45-KH/ĐU", "Quận 1, ngày 05 tháng 01 năm 2027"]
    lines += ["KẾ HOẠCH", "Về công tác năm 2027", *preamble, *BODY, *SIGNATURE]
    directive = parse_text("\n".join(lines))
    found = {r.number for r in directive.references if r.relation in ("implements", "based_on")}
    assert found == set(implements)


@pytest.mark.parametrize(
    ("number_line", "heading", "kind", "title"),
    [
        ("Số 30-TB/ĐU", "THÔNG BÁO KẾT LUẬN", "TB", "Về công tác năm 2027"),
        ("Số 12-NQ/CB", "NGHỊ QUYẾT", "NQ", "Về công tác năm 2027"),
        ("Số 02-TTr/CB", "TỜ TRÌNH", "TTr", "Về công tác năm 2027"),
        ("Số 07-BC/ĐU", "BÁO CÁO", "BC", "Về công tác năm 2027"),
        ("Số 08-ĐA/ĐU", "ĐỀ ÁN", "ĐA", "Về công tác năm 2027"),
        ("Số: 16/GM-SGDĐT", "GIẤY MỜI", "GM", "Về công tác năm 2027"),
        ("Số 01-QĐi/ĐU", "QUY ĐỊNH", "QĐi", "Về công tác năm 2027"),
        ("Số 13-NQ/ĐU", "NGHỊ QUYẾT", "NQ", "Về công tác năm 2027"),
        ("Số 04-CT/ĐU", "CHỈ THỊ", "CT", "Về công tác năm 2027"),
        ("Số 21-KL/ĐU", "KẾT LUẬN", "KL", "Về công tác năm 2027"),
        ("Số 03-QC/ĐU", "QUY CHẾ", "QC", "Về công tác năm 2027"),
        ("Số: 18/BB-CĐCS", "BIÊN BẢN", "BB", "Về công tác năm 2027"),
    ],
)
def test_type_headings(number_line: str, heading: str, kind: str, title: str) -> None:
    directive = parse_text(_doc(number_line, "Quận 1, ngày 05 tháng 01 năm 2027", heading))
    assert (directive.doc_type, directive.title) == (kind, title)


def _closing(block: list[str], before_recipients: bool, tail: list[str]) -> str:
    recipients = ["Nơi nhận:", "- Các chi bộ;", "- Lưu VP."]
    closing = [*block, *recipients] if before_recipients else [*recipients, *block]
    lines = [*HEADER, "ĐẢNG CỘNG SẢN VIỆT NAM", "Số 45-KH/ĐU", "Quận 1, ngày 05 tháng 01 năm 2027"]
    return "\n".join([*lines, "KẾ HOẠCH", "Về công tác năm 2027", *BODY, *closing, *tail])


# A name printed in capitals, or with its surname alone in capitals, after the titles.
CAPS_NAMES = [
    (
        ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "(Đã ký)", "NGUYỄN VĂN AN"],
        "PHÓ BÍ THƯ",
        "Nguyễn Văn An",
    ),
    (["T/M BAN THƯỜNG VỤ", "BÍ THƯ", "TRẦN THỊ THU HÀ"], "BÍ THƯ", "Trần Thị Thu Hà"),
    (["T/M BAN THƯỜNG VỤ", "BÍ THƯ", "NGUYỄN Văn An"], "BÍ THƯ", "Nguyễn Văn An"),
    (["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "HUỲNH THANH TÙNG"], "PHÓ GIÁM ĐỐC", "Huỳnh Thanh Tùng"),
    (["HIỆU TRƯỞNG", "(Ký, đóng dấu)", "ĐẶNG THỊ MỸ DUNG"], "HIỆU TRƯỞNG", "Đặng Thị Mỹ Dung"),
    (["T/M ĐẢNG ỦY", "BÍ THƯ", "VŨ XUÂN TRƯỜNG"], "BÍ THƯ", "Vũ Xuân Trường"),
    (["TM. BAN CHẤP HÀNH", "CHỦ TỊCH", "ĐOÀN VĂN PHONG"], "CHỦ TỊCH", "Đoàn Văn Phong"),
    (
        ["TL. BAN THƯỜNG VỤ", "CHÁNH VĂN PHÒNG", "TÔN NỮ THỊ NINH"],
        "CHÁNH VĂN PHÒNG",
        "Tôn Nữ Thị Ninh",
    ),
    # A rarer surname: still the name, nothing of the block follows it.
    (["T/M CHI BỘ", "BÍ THƯ", "NIÊ KDAM"], "BÍ THƯ", "Niê Kdam"),
    (
        ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ THƯỜNG", "TRỰC", "LÊ VĂN BA"],
        "PHÓ BÍ THƯ THƯỜNG TRỰC",
        "Lê Văn Ba",
    ),
]
CLOSING_TAILS = {
    "nothing": [],
    "footnotes": ["______", "[1] Theo số liệu của Văn phòng Đảng ủy."],
    "annex": ["PHỤ LỤC", "DANH SÁCH CHI BỘ", "TT | Chi bộ | Số đảng viên", "1 | Văn phòng | 12"],
}


@pytest.mark.parametrize("tail", sorted(CLOSING_TAILS))
@pytest.mark.parametrize("before_recipients", [False, True])
@pytest.mark.parametrize(("block", "title", "name"), CAPS_NAMES)
def test_name_in_capitals(
    block: list[str], title: str, name: str, before_recipients: bool, tail: str
) -> None:
    """The name in capitals is the signer's, given as people write it."""
    directive = parse_text(_closing(block, before_recipients, CLOSING_TAILS[tail]))
    assert (directive.signer.name, directive.signer.title) == (name, title)


@pytest.mark.parametrize("form", ["NFD", "bare"])
@pytest.mark.parametrize(("block", "title", "name"), CAPS_NAMES[:4])
def test_name_in_capitals_decomposed_or_bare(
    block: list[str], title: str, name: str, form: str
) -> None:
    """Decomposed marks, or none at all ("NGUYEN VAN AN"): still a name."""
    text = _closing(block, False, [])
    text = unicodedata.normalize("NFD", text) if form == "NFD" else strip_marks(text)
    signer = parse_text(text).signer
    expected = name if form == "NFD" else strip_marks(name)
    assert signer.name == expected
    assert fold(signer.title) == fold(title)


NOTED = {
    "da_ky_dong_dau": ["T/M BAN THƯỜNG VỤ", "BÍ THƯ", "(đã ký và đóng dấu)", "Phạm Minh Đức"],
    "da_ky_bare": ["T/M BAN THƯỜNG VỤ", "BÍ THƯ", "Đã ký", "Phạm Minh Đức"],
    "seal": ["T/M BAN THƯỜNG VỤ", "BÍ THƯ", "(Đóng dấu)", "Phạm Minh Đức"],
    "brackets": ["T/M BAN THƯỜNG VỤ", "BÍ THƯ", "[đã ký]", "Phạm Minh Đức"],
    "empty_line": ["T/M BAN THƯỜNG VỤ", "BÍ THƯ", "", "", "Phạm Minh Đức"],
    "note_after": ["T/M BAN THƯỜNG VỤ", "BÍ THƯ", "PHẠM MINH ĐỨC", "(Đã ký)"],
    "note_joined": ["T/M BAN THƯỜNG VỤ", "BÍ THƯ", "(Đã ký) Phạm Minh Đức"],
}


@pytest.mark.parametrize("before_recipients", [False, True])
@pytest.mark.parametrize("shape", sorted(NOTED))
def test_signature_notes(shape: str, before_recipients: bool) -> None:
    """Notes of signing and sealing, and empty lines, are no title and no name."""
    directive = parse_text(_closing(NOTED[shape], before_recipients, []))
    assert (directive.signer.name, directive.signer.title) == ("Phạm Minh Đức", "BÍ THƯ")
    assert directive.signer.authority == "T/M BAN THƯỜNG VỤ"


# Several signers: the first block is the issuing body's; a preparer's cell is passed over.
SEVERAL = {
    "row_by_row": (
        [
            "T/M BAN CHẤP HÀNH | T/M ỦY BAN KIỂM TRA",
            "BÍ THƯ | CHỦ NHIỆM",
            "(Đã ký) | (Đã ký)",
            "Nguyễn Văn An | Trần Thị Hà",
        ],
        ("Nguyễn Văn An", "BÍ THƯ"),
    ),
    "row_caps_names": (
        ["T/M ĐẢNG ỦY | T/M CÔNG ĐOÀN", "BÍ THƯ | CHỦ TỊCH", "LÊ THỊ HOA | VÕ VĂN SÁU"],
        ("Lê Thị Hoa", "BÍ THƯ"),
    ),
    "one_after_another": (
        ["T/M BAN CHẤP HÀNH", "BÍ THƯ", "Nguyễn Văn An", "T/M ỦY BAN KIỂM TRA", "CHỦ NHIỆM"]
        + ["Trần Thị Hà"],
        ("Nguyễn Văn An", "BÍ THƯ"),
    ),
    "one_after_another_caps": (
        ["T/M BAN THƯỜNG VỤ", "BÍ THƯ", "NGUYỄN VĂN AN", "T/M BAN THƯỜNG TRỰC", "CHỦ TỊCH"]
        + ["TRẦN THỊ HÀ"],
        ("Nguyễn Văn An", "BÍ THƯ"),
    ),
    "preparer_above": (
        ["NGƯỜI LẬP BIỂU", "Bùi Thị Mai", "THỦ TRƯỞNG ĐƠN VỊ", "(Ký, đóng dấu)", "Hồ Quang Vinh"],
        ("Hồ Quang Vinh", "THỦ TRƯỞNG ĐƠN VỊ"),
    ),
    # A PDF joined the two blocks line by line: the left one.
    "joined_by_pdf": (
        ["T/M BAN CHẤP HÀNH T/M ỦY BAN KIỂM TRA", "BÍ THƯ CHỦ NHIỆM", "Lê Văn Tám Hồ Thị Bé"],
        ("Lê Văn Tám", "BÍ THƯ"),
    ),
    "joined_by_pdf_caps": (
        ["T/M BAN THƯỜNG VỤ T/M BAN THƯỜNG TRỰC", "PHÓ BÍ THƯ THƯỜNG TRỰC PHÓ CHỦ TỊCH"]
        + ["TRẦN THỊ THU HÀ LÊ VĂN BA"],
        ("Trần Thị Thu Hà", "PHÓ BÍ THƯ THƯỜNG TRỰC"),
    ),
    # One block whose two authority lines a PDF joined: no second signer.
    "authorities_joined": (
        ["TM. BAN THƯỜNG TRỰC KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Châu Văn Lợi"],
        ("Châu Văn Lợi", "PHÓ CHỦ TỊCH"),
    ),
    "preparer_first": (
        ["NGƯỜI LẬP BIỂU | THỦ TRƯỞNG ĐƠN VỊ", "(Ký, ghi rõ họ tên) | (Ký, đóng dấu)"]
        + ["Bùi Thị Mai | Hồ Quang Vinh"],
        ("Hồ Quang Vinh", "THỦ TRƯỞNG ĐƠN VỊ"),
    ),
}


@pytest.mark.parametrize("before_recipients", [False, True])
@pytest.mark.parametrize("shape", sorted(SEVERAL))
def test_several_signers(shape: str, before_recipients: bool) -> None:
    block, expected = SEVERAL[shape]
    directive = parse_text(_closing(block, before_recipients, []))
    assert (directive.signer.name, directive.signer.title) == expected


@pytest.mark.parametrize(
    ("heading", "following", "title"),
    [
        ("CHƯƠNG TRÌNH HÀNH ĐỘNG", "Về công tác dân vận năm 2027", "Về công tác dân vận năm 2027"),
        (
            "CHƯƠNG TRÌNH HÀNH ĐỘNG",
            "Thực hiện Nghị quyết số 12-NQ/TU của Tỉnh ủy",
            "Thực hiện Nghị quyết số 12-NQ/TU của Tỉnh ủy",
        ),
        (
            "CHƯƠNG TRÌNH HÀNH ĐỘNG",
            "thực hiện Nghị quyết số 12-NQ/TU của Tỉnh ủy",
            "Hành động thực hiện Nghị quyết số 12-NQ/TU của Tỉnh ủy",
        ),
        (
            "KẾ HOẠCH TRIỂN KHAI",
            "Công tác chuyển đổi số năm 2027",
            "Công tác chuyển đổi số năm 2027",
        ),
        (
            "KẾ HOẠCH TỔ CHỨC",
            "hội nghị sơ kết công tác năm 2027",
            "Tổ chức hội nghị sơ kết công tác năm 2027",
        ),
        ("CHƯƠNG TRÌNH CÔNG TÁC DÂN VẬN NĂM 2027", "", "Công tác dân vận năm 2027"),
        # Words that name the work (a year) stay in the title, in its case.
        (
            "KẾ HOẠCH CÔNG TÁC NĂM 2027",
            "Của Chi bộ Văn phòng",
            "Công tác năm 2027 Của Chi bộ Văn phòng",
        ),
        ("KẾ HOẠCH LIÊN TỊCH", "Phối hợp tuyên truyền năm 2027", "Phối hợp tuyên truyền năm 2027"),
        ("KẾ HOẠCH", "TUYÊN TRUYỀN CHUYỂN ĐỔI SỐ NĂM 2027", "Tuyên truyền chuyển đổi số năm 2027"),
        ("BÁO CÁO SƠ KẾT", "CÔNG TÁC DÂN VẬN NĂM 2027", "Sơ kết công tác dân vận năm 2027"),
    ],
)
def test_type_heading_words(heading: str, following: str, title: str) -> None:
    """Words after the type name: the type line's when a title in sentence case follows."""
    lines = [*HEADER, "ĐẢNG CỘNG SẢN VIỆT NAM", "Số 45-KH/ĐU", "Quận 1, ngày 05 tháng 01 năm 2027"]
    lines += [heading, following, *BODY, *SIGNATURE]
    assert parse_text("\n".join(x for x in lines if x)).title == title
