"""A person's name told from a signature's title line, and its natural case (invented names)."""

from __future__ import annotations

import unicodedata

import pytest

from knowledge.vi.person_names import (
    has_title_word,
    is_person_name,
    left_name,
    left_title,
    natural_case,
)
from knowledge.vi.textnorm import strip_marks

NAMES = [
    "Nguyễn Văn An",
    "NGUYỄN VĂN AN",
    "NGUYỄN Văn An",
    "TRẦN THỊ THU HÀ",
    "Tôn Nữ Thị Ninh",
    "ĐOÀN VĂN PHONG",  # "văn phòng" is a title, "Văn Phong" a given name
    "VŨ TRƯỜNG GIANG",  # "vụ trưởng" / "Vũ Trường"
    "Nguyễn Thị Thanh Trà",  # "thanh tra" / "Thanh Trà"
    "Đặng Chánh Trung",
    "Hoàng Uy",
    "Nguyen Van An",
    "NGUYEN VAN AN",
    "Siu H'Lan Niê",  # Central Highlands names keep an apostrophe inside a word
    "Ksor H’Bơi",
]
TITLES = [
    "BÍ THƯ",
    "PHÓ BÍ THƯ",
    "PHÓ BÍ THƯ THƯỜNG TRỰC",
    "CHỦ TỊCH",
    "CHÁNH VĂN PHÒNG",
    "HIỆU TRƯỞNG",
    "TRƯỞNG PHÒNG",
    "T/M BAN THƯỜNG VỤ",
    "KT. GIÁM ĐỐC",
    "NGƯỜI LẬP BIỂU",
    "THỦ TRƯỞNG ĐƠN VỊ",
    "ỦY VIÊN",
    "BI THU",
    "T/M BAN THUONG VU",
    "CHU NHIEM",
    "Chủ tịch",
]


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("form", ["NFC", "NFD"])
def test_names(name: str, form: str) -> None:
    assert is_person_name(unicodedata.normalize(form, name))


@pytest.mark.parametrize("title", TITLES)
def test_titles_are_no_names(title: str) -> None:
    assert has_title_word(title) or not is_person_name(title)
    assert not is_person_name(title, strict=False)


@pytest.mark.parametrize(
    ("name", "strict", "expected"),
    [
        ("NIÊ KDAM", True, False),  # capitals and a rarer surname: only where a name stands
        ("NIÊ KDAM", False, True),
        ("Niê Kdam", True, True),  # a name in natural case needs no surname list
        ("NGUYỄN", True, False),  # one word
        ("NGUYỄN VĂN AN BÌNH MINH HOÀNG", True, False),  # six words
        ("Nguyễn Văn 2", True, False),
    ],
)
def test_name_shapes(name: str, strict: bool, expected: bool) -> None:
    assert is_person_name(name, strict=strict) is expected


@pytest.mark.parametrize(
    ("printed", "natural"),
    [
        ("NGUYỄN VĂN AN", "Nguyễn Văn An"),
        ("NGUYỄN Văn An", "Nguyễn Văn An"),
        ("TRẦN THỊ THU HÀ", "Trần Thị Thu Hà"),
        ("ĐẶNG THỊ MỸ DUNG", "Đặng Thị Mỹ Dung"),
        ("Lê Thị Hoa", "Lê Thị Hoa"),
        ("NGUYEN VAN AN", "Nguyen Van An"),
    ],
)
def test_natural_case(printed: str, natural: str) -> None:
    assert natural_case(printed) == natural
    assert strip_marks(natural_case(printed)) == strip_marks(natural)


@pytest.mark.parametrize(
    ("joined", "left"),
    [
        ("Nguyễn Văn An Trần Thị Hà", "Nguyễn Văn An"),
        ("Trần Thị Thu Hà Lê Văn Ba", "Trần Thị Thu Hà"),  # "Hà" is a surname too
        ("Lê Thị Hoa Võ Văn Sáu", "Lê Thị Hoa"),  # "Văn" is a middle name, no cut
        ("NGUYỄN HOÀNG NAM PHẠM VĂN TƯ", "NGUYỄN HOÀNG NAM"),
        ("Lê Văn Tâm", "Lê Văn Tâm"),  # one name: as it is
        ("Nguyễn Thị Ngọc Ánh", "Nguyễn Thị Ngọc Ánh"),
    ],
)
def test_left_name(joined: str, left: str) -> None:
    assert left_name(joined) == left


@pytest.mark.parametrize(
    ("joined", "left"),
    [
        ("BÍ THƯ CHỦ NHIỆM", "BÍ THƯ"),
        ("BÍ THƯ PHÓ CHỦ NHIỆM", "BÍ THƯ"),
        ("PHÓ BÍ THƯ THƯỜNG TRỰC PHÓ CHỦ TỊCH", "PHÓ BÍ THƯ THƯỜNG TRỰC"),
        ("BI THU CHU NHIEM", "BI THU"),
        ("PHÓ CHỦ TỊCH", "PHÓ CHỦ TỊCH"),
    ],
)
def test_left_title(joined: str, left: str) -> None:
    assert left_title(joined) == left
