"""Property tests: the parser never raises and stays in bounded time on any text.

`analyse` is the parser without parse_text's safety net, so a bug shows up here instead
of being swallowed. Time is bounded per example by hypothesis' deadline, and hostile
inputs (long runs of the patterns the grammar looks for) must finish far inside a
generous limit: a catastrophic regex would take minutes, not seconds.
"""

from __future__ import annotations

import json
import time
import unicodedata
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from knowledge.model import Directive
from knowledge.parse.directive import analyse, parse_text
from knowledge.vi.textnorm import normalize

# Pieces the grammar reacts to, mixed with plain words, so that random documents reach
# every branch: headers, headings, bullets, numbers, dates, deadlines, trailer.
FRAGMENTS = [
    "Số 34 -HD/ĐU",
    "Số: 210/KH-UBND",
    "KẾ HOẠCH",
    "CHƯƠNG TRÌNH CÔNG TÁC NĂM 2024",
    "HƯỚNG DẪN",
    "TP. Hồ Chí Minh, ngày 15 tháng 6 năm 2022",
    "Thực hiện Kế hoạch số 89-KH/TU ngày 24 tháng 12 năm 2021 về",
    "Căn cứ Nghị quyết số 118/NQ-HĐND ngày 09/12/2021;",
    "I.",
    "II. NHIỆM VỤ",
    "II.",
    "1.",
    "2. Văn phòng Đảng ủy Sở",
    "3. Ban Tuyên giáo Đảng ủy:",
    "1.2.",
    "a)",
    "- ",
    "+ ",
    "**",
    "*",
    "Kính gửi:",
    "Nơi nhận:",
    "Noi nhận:",
    "T/M BAN THƯỜNG VỤ",
    "TRƯỞNG PHÒNG",
    "Nguyễn Văn An",
    "trước ngày 31 tháng 3 năm 2023",
    "báo cáo 6 tháng (ngày 10/5), báo cáo năm (ngày 10/11)",
    "quý 2, quý 4/2024",
    "hàng tháng, quý và cả năm 2022",
    "Định kỳ báo cáo",
    "Trên đây là",
    "57/2022/QH15",
    "30/2020/NĐ-CP",
    "uỷ ban",
    "hoà",
    "Phòng Giáo dục và Đào tạo xây dựng",
    ":",
    ";",
    ".",
    "(",
    ")",
    "“",
    "công tác dân vận",
    "đảng viên",
    "năm 2024",
]
_piece = st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12))
_line = st.lists(_piece, max_size=6).map(" ".join)
documents = st.lists(_line, max_size=60).map("\n".join)


def _check(directive: Directive) -> None:
    data = directive.to_json()
    json.dumps(data, ensure_ascii=False)
    paths = [s.path for s in directive.sections]
    assert len(paths) == len(set(paths))
    assert all(t.section in paths for t in directive.tasks)
    assert all(d.section in paths or d.section == "" for d in directive.deadlines)
    assert Directive.from_dict(directive.to_dict()) == directive


@settings(max_examples=100, deadline=timedelta(seconds=2))
@given(st.text())
def test_any_text_parses(text: str) -> None:
    _check(analyse(normalize(text)))
    assert isinstance(parse_text(text), Directive)


@settings(
    max_examples=120,
    deadline=timedelta(seconds=2),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(documents)
def test_document_like_text_parses(text: str) -> None:
    _check(analyse(normalize(text)))


@settings(max_examples=60, deadline=timedelta(seconds=2))
@given(documents)
def test_decomposed_text_parses_the_same(text: str) -> None:
    assert parse_text(unicodedata.normalize("NFD", text)).to_json() == parse_text(text).to_json()


HOSTILE = [
    "1. " * 15_000,
    "Số " * 15_000,
    "ngày 1 tháng 1 năm " * 3_000,
    "- a\n" * 10_000,
    "II.\n" * 10_000,
    "89-KH/TU " * 6_000,
    "KẾ HOẠCH\n" * 6_000,
    "a" * 100_000,
    "trước ngày " * 6_000,
    "quý 2, " * 8_000,
    "hằng tuần, " * 8_000,  # a cycle's look-back for a benefit's name stays bounded
    "trước 16h00 ngày 1/1/2026 và " * 3_000,
    "Nơi nhận:\n- x\n" * 4_000,
    "(" * 100_000 + ")" * 100_000,
    "T/M BAN\n" * 6_000,
    "về " * 30_000,
]


@pytest.mark.parametrize("text", HOSTILE, ids=lambda t: repr(t[:12]))
def test_hostile_text_finishes_in_bounded_time(text: str) -> None:
    started = time.perf_counter()
    directive = parse_text(text)
    elapsed = time.perf_counter() - started
    assert directive.text
    assert elapsed < 10, f"{elapsed:.1f}s on {len(text)} characters"
