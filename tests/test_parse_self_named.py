"""A headerless text that issues in a generic word ("Nhà trường", "Chi bộ", "Sở")."""

from __future__ import annotations

import pytest

from knowledge.parse.directive import parse_text
from knowledge.parse.issuer_self import named_body, signer_heads

SCHOOL_PLAN = """KẾ HOẠCH

Tổ chức Ngày hội đọc sách năm học 2027-2028

Căn cứ Kế hoạch giáo dục năm học 2027-2028 của Trường THCS Nguyễn Trãi; căn cứ kết luận \
của Hội nghị Chi bộ tháng 9/2027 về công tác văn hóa đọc,

Nhà trường xây dựng Kế hoạch tổ chức Ngày hội đọc sách như sau:

I. MỤC ĐÍCH, YÊU CẦU

Khuyến khích học sinh đọc sách, xây dựng thư viện thân thiện.

II. PHÂN CÔNG

1. Thư viện: trưng bày sách trước ngày 15/10/2027.

Nơi nhận:
- Chi bộ (để b/c);
- Lưu: VT.
KT. HIỆU TRƯỞNG
PHÓ HIỆU TRƯỞNG
Đỗ Văn Khánh
"""


def _headerless(opening: str, authority: str = "TM. CHI BỘ", title: str = "BÍ THƯ") -> str:
    return (
        f"KẾ HOẠCH\n\nSinh hoạt chuyên đề quý IV năm 2027\n\n{opening}\n\n"
        "I. NỘI DUNG\n\n1. Các đảng viên nộp bài thu hoạch trước ngày 20/11/2027.\n\n"
        f"Nơi nhận:\n- Lưu.\n{authority}\n{title}\nTrần Thu Hà\n"
    )


def test_nha_truong_is_the_school_the_text_names() -> None:
    assert parse_text(SCHOOL_PLAN).issuer == "Trường THCS Nguyễn Trãi"


def test_nothing_specific_named_gives_no_issuer() -> None:
    text = SCHOOL_PLAN.replace(" của Trường THCS Nguyễn Trãi", "")
    assert parse_text(text).issuer == ""


@pytest.mark.parametrize(
    ("opening", "issuer"),
    [
        # The superior that is cited with a number is passed over for the unit named.
        (
            "Thực hiện Kế hoạch số 31-KH/ĐU ngày 02/10/2027 của Đảng ủy phường Tân Mai; căn cứ"
            " tình hình thực tế của Chi bộ Trường Tiểu học Kim Đồng, Chi bộ xây dựng Kế hoạch"
            " như sau:",
            "Chi bộ Trường Tiểu học Kim Đồng",
        ),
        (
            "Căn cứ Nghị quyết Đại hội Đảng bộ Trường Đại học Hàng Hải nhiệm kỳ 2025-2030,"
            " Ban Thường vụ Đảng ủy xây dựng Kế hoạch như sau:",
            "",
        ),
        (
            "Căn cứ Nghị quyết Đại hội Đảng ủy Trường Đại học Hàng Hải nhiệm kỳ 2025-2030,"
            " Ban Thường vụ Đảng ủy xây dựng Kế hoạch như sau:",
            "Đảng ủy Trường Đại học Hàng Hải",
        ),
        ("Căn cứ Điều lệ Đảng, Chi bộ xây dựng Kế hoạch sinh hoạt chuyên đề như sau:", ""),
    ],
)
def test_a_generic_subject_is_the_body_named_earlier(opening: str, issuer: str) -> None:
    assert parse_text(_headerless(opening)).issuer == issuer


def test_the_signer_s_authority_may_name_the_body() -> None:
    opening = "Căn cứ Điều lệ Đảng, Chi bộ xây dựng Kế hoạch như sau:"
    text = _headerless(opening, "TM. CHI BỘ PHƯỜNG 5")
    assert parse_text(text).issuer == "CHI BỘ PHƯỜNG 5"


def test_don_vi_takes_the_kind_of_its_signer() -> None:
    opening = (
        "Thực hiện Công văn số 412/PGDĐT ngày 01/10/2027 của Phòng Giáo dục và Đào tạo,"
        " Đơn vị báo cáo kết quả như sau:"
    )
    body = "Trường Mầm non Hoa Sen có 12 nhóm lớp."
    text = _headerless(f"{opening}\n\n{body}", "KT. HIỆU TRƯỞNG", "PHÓ HIỆU TRƯỞNG")
    assert parse_text(text).issuer == "Trường Mầm non Hoa Sen"


def test_the_committee_level_alone_stays_when_nothing_more_is_named() -> None:
    text = _headerless("Căn cứ Điều lệ Đảng, Ban Thường vụ Huyện ủy xây dựng Kế hoạch như sau:")
    assert parse_text(text).issuer == "Huyện ủy"


@pytest.mark.parametrize(
    ("heads", "text", "name"),
    [
        (
            ("so",),
            "Sở Giáo dục và Đào tạo thành phố Hải Phòng hướng dẫn các trường:",
            "Sở Giáo dục và Đào tạo thành phố Hải Phòng",
        ),
        (("truong",), "Trường THPT Lê Quý Đôn tổ chức Hội thi", "Trường THPT Lê Quý Đôn"),
        (("dang uy",), "Đảng ủy phường 5 yêu cầu các chi bộ", "Đảng ủy phường 5"),
        (("uy ban nhan dan",), "theo kế hoạch của Ủy ban nhân dân tỉnh về", ""),
        (("truong",), "các trường THPT Lê Lợi và Trần Phú", ""),
        (("truong",), "học sinh Trường THPT trên địa bàn", ""),
        (("chi bo",), "Nghị quyết của Chi bộ tháng 02/2027", ""),
    ],
)
def test_a_specific_name_as_printed(heads: tuple[str, ...], text: str, name: str) -> None:
    assert named_body(heads, [text]) == name


@pytest.mark.parametrize(
    ("signer", "heads"),
    [
        ("KT. HIỆU TRƯỞNG\nPHÓ HIỆU TRƯỞNG", ("truong",)),
        ("TM. CHI BỘ\nBÍ THƯ", ("chi bo",)),
        ("KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC", ("so", "trung tam")),
        ("NGƯỜI LẬP BIỂU", ()),
    ],
)
def test_the_signer_names_the_kind(signer: str, heads: tuple[str, ...]) -> None:
    assert signer_heads(signer) == heads
