"""Titles printed in capitals are quoted in sentence case, names and numbers kept."""

from __future__ import annotations

import pytest

from knowledge.vi.casing import sentence_case


@pytest.mark.parametrize(
    ("printed", "quoted"),
    [
        (
            "KẾ HOẠCH THỰC HIỆN CHỈ THỊ SỐ 27/CT-TTG CỦA THỦ TƯỚNG CHÍNH PHỦ TẠI THÀNH PHỐ CẦN THƠ",
            "Kế hoạch thực hiện Chỉ thị số 27/CT-TTG của Thủ tướng Chính phủ tại thành phố Cần Thơ",
        ),
        (
            "TRIỂN KHAI NGHỊ QUYẾT 71-NQ/TW CỦA BỘ CHÍNH TRỊ",
            "Triển khai Nghị quyết 71-NQ/TW của Bộ Chính trị",
        ),
        (
            "HỘI THI TẠI TRƯỜNG THPT LÊ LỢI, HUYỆN VĨNH BẢO",
            "Hội thi tại Trường THPT Lê Lợi, huyện Vĩnh Bảo",
        ),
        (
            "XÃ HỘI HÓA GIÁO DỤC TẠI XÃ AN LÃO NĂM 2027",
            "Xã hội hóa giáo dục tại xã An Lão năm 2027",
        ),
        ("CHÀO MỪNG NGÀY NHÀ GIÁO VIỆT NAM 20/11", "Chào mừng Ngày Nhà giáo Việt Nam 20/11"),
        (
            "HỌC TẬP TƯ TƯỞNG HỒ CHÍ MINH Ở TỈNH BẮC NINH",
            "Học tập tư tưởng Hồ Chí Minh ở tỉnh Bắc Ninh",
        ),
        ("UBND CÁC XÃ, PHƯỜNG VÀ CẤP HUYỆN", "UBND các xã, phường và cấp huyện"),
        ("ĐẠI HỘI XIV", "Đại hội XIV"),
    ],
)
def test_capital_title_keeps_names_numbers_and_abbreviations(printed: str, quoted: str) -> None:
    """A title in capitals lowers its words, keeping what Vietnamese writes in capitals."""
    assert sentence_case(printed) == quoted


def test_mixed_case_is_left_as_printed() -> None:
    """A heading already in sentence case is not touched."""
    assert sentence_case("về công tác dân số") == "về công tác dân số"
