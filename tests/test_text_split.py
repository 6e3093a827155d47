"""Long answers are split cleanly at a channel's limit."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.channels.text import split_text


def test_short_text_is_one_part() -> None:
    assert split_text("Xin chào", 4096) == ["Xin chào"]


def test_splits_on_paragraphs() -> None:
    paragraphs = [f"Đoạn {i}: " + "nội dung " * 40 for i in range(10)]
    parts = split_text("\n\n".join(paragraphs), 1000)
    assert all(len(p) <= 1000 for p in parts)
    assert all(p.startswith("Đoạn") for p in parts)  # no paragraph cut in the middle
    assert "\n\n".join(parts).count("Đoạn") == 10


def test_one_huge_line_is_cut_at_words() -> None:
    parts = split_text("chữ " * 3000, 2000)
    assert all(len(p) <= 2000 for p in parts)
    assert all(not p.startswith(" ") and not p.endswith(" ") for p in parts)


def test_bad_limit() -> None:
    with pytest.raises(ValueError):
        split_text("x", 0)


@given(st.text(max_size=3000), st.integers(min_value=5, max_value=500))
def test_never_exceeds_limit_and_keeps_words(text: str, limit: int) -> None:
    parts = split_text(text, limit)
    assert all(0 < len(p) <= limit for p in parts)
    assert "".join("".join(parts).split()) == "".join(text.split())
