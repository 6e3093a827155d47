"""The header block of real offices: issuing body, number, subject, date, type, captions.

Every text here is written for these tests, in the shapes a copy from Word gives: the
header table read row by row, cell by cell.
"""

from __future__ import annotations

from datetime import date

import pytest

from knowledge.parse.directive import parse_text
from knowledge.vi.doctypes import type_from_name


def _doc(*lines: str) -> str:
    return "\n".join(lines)


BODY = "1. Các đơn vị tổ chức quán triệt nội dung Kế hoạch đến cán bộ, giáo viên."
SIGNATURE = (
    "Nơi nhận:",
    "- Như trên;",
    "- Lưu: VT.",
    "KT. GIÁM ĐỐC",
    "PHÓ GIÁM ĐỐC",
    "Trần Thị Mai",
)


@pytest.mark.parametrize(
    ("header", "issuer"),
    [
        (
            ["ỦY BAN NHÂN DÂN", "TỈNH LÂM ĐỒNG", "-------", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
            "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG",
        ),
        (
            ["HUYỆN ỦY ĐỨC TRỌNG", "BAN TUYÊN GIÁO", "*", "ĐẢNG CỘNG SẢN VIỆT NAM"],
            "HUYỆN ỦY ĐỨC TRỌNG - BAN TUYÊN GIÁO",
        ),
        (
            ["ỦY BAN MTTQ VIỆT NAM", "XÃ PHÚ LỘC", "BAN THƯỜNG TRỰC", "-----"],
            "ỦY BAN MTTQ VIỆT NAM XÃ PHÚ LỘC - BAN THƯỜNG TRỰC",
        ),
        (
            ["ỦY BAN NHÂN DÂN THÀNH PHỐ ĐÀ NẴNG", "SỞ GIÁO DỤC VÀ ĐÀO TẠO", "-------"],
            "ỦY BAN NHÂN DÂN THÀNH PHỐ ĐÀ NẴNG - SỞ GIÁO DỤC VÀ ĐÀO TẠO",
        ),
    ],
)
def test_issuer_is_the_header_lines_as_printed(header: list[str], issuer: str) -> None:
    text = _doc(
        *header,
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 215/KH-UBND",
        "Đà Lạt, ngày 04 tháng 3 năm 2026",
        "KẾ HOẠCH",
        "Tổ chức Ngày hội đọc sách năm 2026",
        BODY,
        *SIGNATURE,
    )
    directive = parse_text(text)
    assert directive.issuer == issuer
    assert directive.issuer_code == "UBND"  # the number's code, kept for lookup
    assert directive.date == date(2026, 3, 4)


def test_without_a_header_the_issuer_is_the_numbers_code() -> None:
    directive = parse_text(_doc("Số 27-KH/ĐU", "KẾ HOẠCH", "Học tập chuyên đề năm 2026", BODY))
    assert (directive.issuer, directive.issuer_code) == ("ĐU", "ĐU")


@pytest.mark.parametrize(
    ("opening", "issuer"),
    [
        (
            "Phòng Giáo dục và Đào tạo đề nghị Hiệu trưởng các trường thực hiện:",
            "Phòng Giáo dục và Đào tạo",
        ),
        (
            "Thực hiện chỉ đạo của Tỉnh ủy, Ban Thường trực Ủy ban MTTQ Việt Nam xã Tân Hà"
            " (sau đây gọi là Ban Thường trực) đề nghị các chi hội thực hiện:",
            "Ban Thường trực Ủy ban MTTQ Việt Nam xã Tân Hà",
        ),
        (
            "Giám đốc Sở Giáo dục và Đào tạo có ý kiến chỉ đạo như sau:",
            "Sở Giáo dục và Đào tạo",
        ),
    ],
)
def test_a_text_without_header_names_its_issuer_in_the_body(opening: str, issuer: str) -> None:
    directive = parse_text(_doc("Kính gửi: Các đơn vị trực thuộc", opening, BODY))
    assert directive.issuer == issuer
    assert directive.doc_type == "CV"  # no type name anywhere: a công văn


@pytest.mark.parametrize(
    "subject",
    [
        ["V/v tổ chức kiểm tra cuối học kỳ I năm học 2025-2026."],
        ["V/v báo cáo số liệu đội ngũ", "giáo viên các cấp học"],
        ["Về việc tăng cường phòng, chống dịch bệnh mùa đông xuân"],
    ],
)
def test_subject_between_number_and_date_keeps_the_date(subject: list[str]) -> None:
    text = _doc(
        "SỞ GIÁO DỤC VÀ ĐÀO TẠO",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 3120/SGDĐT-GDTrH",
        *subject,
        "Cần Thơ, ngày 12 tháng 12 năm 2025",
        "Kính gửi: Hiệu trưởng các trường trung học phổ thông",
        "Sở Giáo dục và Đào tạo đề nghị các trường thực hiện các nội dung sau.",
    )
    directive = parse_text(text)
    assert directive.date == date(2025, 12, 12)
    assert directive.doc_type == "CV"  # no type code, a subject: a công văn
    assert directive.number == "3120/SGDĐT-GDTrH"
    title = " ".join(subject).removeprefix("V/v ").removeprefix("Về việc ").rstrip(".")
    assert directive.title.lower().endswith(title.lower()[-20:])
    assert "Cần Thơ" not in directive.title


def test_long_issuer_codes_after_the_number() -> None:
    for printed, expected in (
        ("Số: 5155/SGDĐT-GDTXNNĐH", "5155/SGDĐT-GDTXNNĐH"),
        ("Số: 16/KH-MTTQ-BTT", "16/KH-MTTQ-BTT"),
        ("Số: 812/BNV-CTTN&BĐG", "812/BNV-CTTN&BĐG"),
    ):
        text = _doc(
            "BỘ NỘI VỤ", printed, "Hà Nội, ngày 02 tháng 10 năm 2025", "V/v hướng dẫn", BODY
        )
        assert parse_text(text).number == expected


@pytest.mark.parametrize(
    "header",
    [
        [
            "ỦY BAN NHÂN DÂN HUYỆN BẢO LÂM -------",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc ---------------",
        ],
        [
            "ỦY BAN NHÂN DÂN HUYỆN BẢO LÂM ______",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập – Tự do – Hạnh phúc",
        ],
        [
            "ỦY BAN NHÂN DÂN HUYỆN BẢO LÂM",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
        ],
    ],
)
def test_merged_national_line_and_dash_runs_keep_the_header(header: list[str]) -> None:
    text = _doc(
        *header,
        "Số: 96/QĐ-UBND",
        "Bảo Lâm, ngày 09 tháng 01 năm 2026",
        "QUYẾT ĐỊNH",
        "Ban hành Kế hoạch phòng, chống thiên tai năm 2026",
        "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN",
        "Căn cứ Luật Phòng, chống thiên tai số 33/2013/QH13;",
        "QUYẾT ĐỊNH:",
        "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch phòng, chống thiên tai năm 2026.",
    )
    directive = parse_text(text)
    assert (directive.number, directive.doc_type, directive.date) == (
        "96/QĐ-UBND",
        "QĐ",
        date(2026, 1, 9),
    )
    assert directive.issuer == "ỦY BAN NHÂN DÂN HUYỆN BẢO LÂM"
    assert all(r.number != "96/QĐ-UBND" for r in directive.references)  # not its own citation


@pytest.mark.parametrize(
    ("heading", "code"),
    [
        ("KẾT LUẬN", "KL"),
        ("THÔNG BÁO", "TB"),
        ("CHỈ THỊ", "CT"),
        ("NGHỊ QUYẾT", "NQ"),
        ("BÁO CÁO", "BC"),
        ("TỜ TRÌNH", "TTr"),
        ("QUYẾT ĐỊNH", "QĐ"),
    ],
)
def test_type_headings_beyond_plans(heading: str, code: str) -> None:
    text = _doc("ĐẢNG ỦY XÃ AN PHÚ", "*", heading, "Về công tác chuẩn bị đại hội chi bộ", BODY)
    assert parse_text(text).doc_type == code


@pytest.mark.parametrize(
    ("caption", "number", "issued", "issuer"),
    [
        (
            "(Kèm theo Hướng dẫn số 12-HD/BTGTU, ngày 05/3/2026 của Ban Tuyên giáo Tỉnh ủy)",
            "12-HD/BTGTU",
            date(2026, 3, 5),
            "Ban Tuyên giáo Tỉnh ủy",
        ),
        (
            "(Kèm theo Công văn số 845/SGDĐT-VP ngày 18 tháng 4 năm 2026 của Sở Giáo dục và"
            " Đào tạo)",
            "845/SGDĐT-VP",
            date(2026, 4, 18),
            "Sở Giáo dục và Đào tạo",
        ),
        (
            "(Ban hành kèm theo Kế hoạch số 31/KH-UBND ngày 02/02/2026 của Ủy ban nhân dân xã"
            " Đạ Huoai)",
            "31/KH-UBND",
            date(2026, 2, 2),
            "Ủy ban nhân dân xã Đạ Huoai",
        ),
    ],
)
def test_a_headerless_text_takes_number_and_date_from_its_annex_caption(
    caption: str, number: str, issued: date, issuer: str
) -> None:
    text = _doc(
        "Kính gửi: Các đơn vị trực thuộc",
        "Thực hiện chỉ đạo của cấp trên, đề nghị các đơn vị báo cáo theo biểu mẫu đính kèm.",
        *SIGNATURE,
        "PHỤ LỤC",
        "BIỂU MẪU THỐNG KÊ SỐ LIỆU",
        caption,
        "TT | Đơn vị | Số lượng",
    )
    directive = parse_text(text)
    assert (directive.number, directive.date, directive.issuer) == (number, issued, issuer)
    assert directive.signer.name == "Trần Thị Mai"


@pytest.mark.parametrize(
    "rows",
    [
        [
            "ỦY BAN NHÂN DÂN HUYỆN ĐƠN DƯƠNG | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |",
            "| Độc lập - Tự do - Hạnh phúc |",
            "Số: 58/KH-UBND | Đơn Dương, ngày 14 tháng 4 năm 2026 |",
        ],
        [
            "ỦY BAN NHÂN DÂN HUYỆN ĐƠN DƯƠNG | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do"
            " - Hạnh phúc",
            "Số: | 58/KH-UBND | Đơn Dương, ngày 14 tháng 4 năm 2026",
        ],
        [
            "ỦY BAN NHÂN DÂN HUYỆN ĐƠN DƯƠNG",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Số:",
            "58/KH-UBND",
            "Đơn Dương, ngày 14 tháng 4 năm 2026",
        ],
    ],
)
def test_header_table_rows_on_one_line_or_split_cells(rows: list[str]) -> None:
    text = _doc(*rows, "KẾ HOẠCH", "Phòng, chống đuối nước cho học sinh năm 2026", BODY)
    directive = parse_text(text)
    assert (directive.number, directive.date, directive.issuer) == (
        "58/KH-UBND",
        date(2026, 4, 14),
        "ỦY BAN NHÂN DÂN HUYỆN ĐƠN DƯƠNG",
    )
    assert directive.title == "Phòng, chống đuối nước cho học sinh năm 2026"


def test_a_ward_whose_name_folds_like_a_type_is_no_type_heading() -> None:
    text = (
        "ĐẢNG BỘ PHƯỜNG AN KHÁNH\nCHI BỘ KHU PHỐ 3\n*\nSố 07-KH/CB\n\n"
        "ĐẢNG CỘNG SẢN VIỆT NAM\nAn Khánh, ngày 08 tháng 01 năm 2027\n\n"
        "KẾ HOẠCH\nTổ chức Hội nghị nhân dân khu phố năm 2027\n\n"
        "1. Hội nghị tổ chức trước ngày 25/01/2027.\n"
    )
    directive = parse_text(text)
    assert directive.doc_type == "KH"
    assert directive.issuer.startswith("ĐẢNG BỘ PHƯỜNG AN KHÁNH")
    assert directive.title == "Tổ chức Hội nghị nhân dân khu phố năm 2027"
    assert type_from_name("PHƯƠNG ÁN") == "PA" and type_from_name("phuong an") == "PA"
    assert type_from_name("PHƯỜNG AN PHÚ") is None
