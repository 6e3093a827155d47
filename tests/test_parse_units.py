"""Who a section's tasks belong to: unit headings as real plans print them."""

from __future__ import annotations

import pytest

from knowledge.parse.units import subject_unit, unit_name


@pytest.mark.parametrize(
    ("heading", "unit"),
    [
        ("Ủy ban nhân dân các xã, thị trấn", "Ủy ban nhân dân các xã, thị trấn"),
        (
            "Phòng Văn hóa - Thông tin, Trung tâm Văn hóa huyện",
            "Phòng Văn hóa - Thông tin, Trung tâm Văn hóa huyện",
        ),
        (
            "Sở Tài chính - Cơ quan thường trực Ban Chỉ đạo",
            "Sở Tài chính - Cơ quan thường trực Ban Chỉ đạo",
        ),
        ("Trách nhiệm của Hội đồng thi đua nhà trường", "Hội đồng thi đua nhà trường"),
        ("Nhiệm vụ của các tổ chuyên môn (gồm các tổ Toán, Văn)", "tổ chuyên môn"),
        ("Trách nhiệm của đơn vị thực hiện kiểm kê", "đơn vị thực hiện kiểm kê"),
    ],
)
def test_unit_headings(heading: str, unit: str) -> None:
    assert unit_name(heading) == unit


@pytest.mark.parametrize(
    "heading",
    [
        "Phòng Giáo dục chủ trì, phối hợp với các trường tổ chức hội thi",
        "Sơ kết, đánh giá kết quả thực hiện",
        "Trường hợp có khó khăn, vướng mắc",
        "Ban hành quy chế; tổ chức thực hiện.",
    ],
)
def test_sentences_are_no_unit_headings(heading: str) -> None:
    assert unit_name(heading) is None


def test_in_case_is_no_subject() -> None:
    assert subject_unit("Trường hợp rà soát lần thứ hai phải báo cáo cấp trên.") is None
    assert subject_unit("Trường Tiểu học An Phú báo cáo kết quả.") == "Trường Tiểu học An Phú"
