"""Dates, document years and deadline phrases as written in the directives."""

from __future__ import annotations

from datetime import date

import pytest

from knowledge.parse.deadline_hits import DeadlineHit
from knowledge.parse.deadlines import find_deadlines
from knowledge.vi.dates import infer_year, work_year
from knowledge.vi.written_dates import find_dates, parse_date
from tests.support import SEEDS


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ngày 24 tháng 12 năm 2021", date(2021, 12, 24)),
        ("Ngày 01 tháng 5 năm 2023", date(2023, 5, 1)),
        ("24/12/2021", date(2021, 12, 24)),
        ("ngày 03/6/2013", date(2013, 6, 3)),
        ("01-10-1997", date(1997, 10, 1)),
        ("15.01.2020", date(2020, 1, 15)),
        ("TP. Hồ Chí Minh, ngày 15 tháng 3 năm 2023", date(2023, 3, 15)),
        ("31/2/2023", None),
        ("6 tháng", None),
        ("quý 4/2024", None),
        ("2021-2030", None),
        ("ngày 10/5", None),
        ("", None),
    ],
)
def test_parse_date(text: str, expected: date | None) -> None:
    assert parse_date(text) == expected


def test_parse_date_default_year() -> None:
    assert parse_date("ngày 10/5", 2024) == date(2024, 5, 10)
    assert parse_date("ngày 10 tháng 11", 2024) == date(2024, 11, 10)
    assert parse_date("10/5", 2024) is None  # a bare "10/5" may be anything; needs "ngày"


def test_find_dates_spans_and_years() -> None:
    text = "Kế hoạch ngày 24 tháng 12 năm 2021; hạn ngày 10/5; (30/4/1975 - 30/4/2025)"
    found = find_dates(text, default_year=2024)
    assert [m.date for m in found] == [
        date(2021, 12, 24),
        date(2024, 5, 10),
        date(1975, 4, 30),
        date(2025, 4, 30),
    ]
    assert [m.has_year for m in found] == [True, False, True, True]
    assert text[found[0].start : found[0].end] == "ngày 24 tháng 12 năm 2021"
    assert [m.date for m in find_dates(text)] == [
        date(2021, 12, 24),
        date(1975, 4, 30),
        date(2025, 4, 30),
    ]


def _seed(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def test_infer_year() -> None:
    assert infer_year("UBND\nTP. Hồ Chí Minh, ngày 15 tháng 3 năm 2023\nKẾ HOẠCH năm 2022") == 2023
    assert infer_year("CHƯƠNG TRÌNH CÔNG TÁC DÂN VẬN NĂM 2024\nThực hiện ...") == 2024
    assert infer_year("Kế hoạch số 89-KH/TU ngày 24 tháng 12 năm 2021") is None
    assert infer_year("Kế hoạch số 89-KH/TU ngày 24 tháng 12 năm 2021", fallback=True) == 2021
    assert infer_year("") is None


def test_infer_year_of_seeds() -> None:
    assert infer_year(_seed("001")) == 2024
    assert infer_year(_seed("002")) == 2023
    # Only cited documents are dated in these; the title names no year.
    assert infer_year(_seed("000")) is None
    assert infer_year(_seed("000"), fallback=True) == 2022


def _summary(hits: list[DeadlineHit]) -> list[tuple[object, ...]]:
    return [(h.due, h.recurrence, h.period, h.label, h.unspecified, h.kind) for h in hits]


def test_simple_deadline_markers() -> None:
    for phrase in ("trước ngày 31 tháng 3 năm 2023", "chậm nhất ngày 31/3/2023",
                   "hạn chót: 31/3/2023", "chậm nhất là ngày 31 tháng 3 năm 2023"):  # fmt: skip
        (hit,) = find_deadlines(f"Gửi báo cáo {phrase}.", None)
        assert (hit.due, hit.kind, hit.unspecified) == (date(2023, 3, 31), "deadline", False)
        assert hit.label == "Báo cáo"


def test_deadline_label_from_seed_sentence() -> None:
    sentence = (
        "Thủ trưởng các đơn vị có trách nhiệm xây dựng Kế hoạch gửi về Phòng Giáo dục "
        "(bộ phận CTTT, email: a.b@c.vn; Tel: 0903939550) trước ngày 31 tháng 3 năm 2023 "
        "để tổng hợp báo cáo."
    )
    (hit,) = find_deadlines(sentence, 2023)
    assert _summary([hit]) == [
        (
            date(2023, 3, 31),
            None,
            None,
            "Xây dựng Kế hoạch gửi về Phòng Giáo dục",
            False,
            "deadline",
        )
    ]
    assert sentence[hit.start : hit.end] == "trước ngày 31 tháng 3 năm 2023"


def test_two_deadlines_in_one_sentence() -> None:
    sentence = (
        "Báo cáo 6 tháng gửi về trước ngày 01 tháng 5 năm 2023 và báo cáo năm "
        "trước ngày 01 tháng 11 năm 2023 tại địa chỉ trên."
    )
    assert _summary(find_deadlines(sentence, 2023)) == [
        (date(2023, 5, 1), None, None, "Báo cáo 6 tháng", False, "deadline"),
        (date(2023, 11, 1), None, None, "Báo cáo năm", False, "deadline"),
    ]


def test_bracketed_report_days_are_yearly() -> None:
    sentence = (
        "báo cáo kết quả thực hiện quy chế dân chủ của đơn vị 6 tháng (ngày 10/5), "
        "báo cáo năm (ngày 10/11) về Đảng ủy Sở Giáo dục và Đào tạo."
    )
    assert _summary(find_deadlines(sentence, 2024)) == [
        (date(2024, 5, 10), "yearly", None, "Báo cáo 6 tháng", False, "deadline"),
        (date(2024, 11, 10), "yearly", None, "Báo cáo năm", False, "deadline"),
    ]
    # Without the document's year there is no date to give: a human sets it.
    hits = find_deadlines(sentence, None)
    assert [(h.due, h.unspecified, h.recurrence) for h in hits] == [
        (None, True, "yearly"),
        (None, True, "yearly"),
    ]


def test_quarter_windows() -> None:
    hits = find_deadlines("- Theo dõi báo cáo 6 tháng. (thực hiện quý 2, quý 4/2024);", 2023)
    assert _summary(hits) == [
        (None, None, "2024-Q2", "Báo cáo 6 tháng", False, "window"),
        (None, None, "2024-Q4", "Báo cáo 6 tháng", False, "window"),
    ]
    hits = find_deadlines("Kiểm tra việc thực hiện. (thực hiện quý 2, 3/2024);", None)
    assert [h.period for h in hits] == ["2024-Q2", "2024-Q3"]
    assert [h.period for h in find_deadlines("hoàn thành trong quý IV năm 2024", None)] == [
        "2024-Q4"
    ]
    assert [h.period for h in find_deadlines("thực hiện trong quý 3", 2024)] == ["2024-Q3"]
    (unknown,) = find_deadlines("thực hiện trong quý 3", None)
    assert (unknown.period, unknown.unspecified) == ("Q3", True)


def test_recurring_reports() -> None:
    hits = find_deadlines("Báo cáo kết quả thực hiện hàng tháng, quý và cả năm 2022.", 2022)
    assert _summary(hits) == [
        (None, "monthly", "2022", "Báo cáo tháng", True, "recurring"),
        (None, "quarterly", "2022", "Báo cáo quý", True, "recurring"),
        (None, "yearly", "2022", "Báo cáo năm", True, "recurring"),
    ]
    (half,) = find_deadlines("Định kỳ 6 tháng báo cáo về Đảng ủy Sở.", None)
    assert (half.recurrence, half.kind, half.due) == ("half-yearly", "recurring", None)


def test_periodic_without_anything_stated() -> None:
    hits = find_deadlines("Định kỳ báo cáo Ban Thường vụ Đảng ủy Sở kết quả thực hiện.", 2021)
    assert _summary(hits) == [(None, None, None, "Báo cáo định kỳ", True, "periodic")]


@pytest.mark.parametrize(
    "sentence",
    [
        "thực hiện Kế hoạch số 89-KH/TU ngày 24 tháng 12 năm 2021 của Ban Thường vụ Thành ủy",
        "kỷ niệm 94 năm Ngày truyền thống công tác dân vận của Đảng (15/10/1930 - 15/10/2024)",
        "Nghị quyết số 25-NQ/TW, ngày 03/6/2013 của Ban Chấp hành Trung ương",
        "xây dựng tiêu chí đánh giá hàng năm, để hoạt động đi vào thực chất",
        "thực hiện tốt quy chế dân chủ ở cơ sở năm 2024",
        "đặt sức khỏe lên trên hết, trước hết",
        "",
    ],
)
def test_not_deadlines(sentence: str) -> None:
    assert find_deadlines(sentence, 2024) == []


def test_never_invents_a_day() -> None:
    (hit,) = find_deadlines("chậm nhất ngày 20/12 gửi báo cáo năm", None)
    assert (hit.due, hit.unspecified, hit.label) == (None, True, "Báo cáo năm")
    (hit,) = find_deadlines("chậm nhất ngày 20/12 gửi báo cáo năm", 2024)
    assert (hit.due, hit.unspecified) == (date(2024, 12, 20), False)
    assert find_deadlines("hạn chót 30/2/2024", None) == []


def test_seed_deadlines() -> None:
    plan = _seed("002")
    dues = [h.due for h in find_deadlines(plan, infer_year(plan))]
    assert dues == [date(2023, 3, 31), date(2023, 5, 1), date(2023, 11, 1)]
    programme = _seed("001")
    hits = find_deadlines(programme, infer_year(programme))
    assert [(h.kind, h.period or h.due) for h in hits] == [
        ("window", "2024-Q2"),
        ("window", "2024-Q4"),
        ("window", "2024-Q2"),
        ("window", "2024-Q3"),
        ("deadline", date(2024, 5, 10)),
        ("deadline", date(2024, 11, 10)),
    ]
    letter = _seed("003")
    assert [h.kind for h in find_deadlines(letter, None)] == ["periodic"]
    resolution = _seed("004")
    assert [h.recurrence for h in find_deadlines(resolution, None)] == [
        "monthly",
        "quarterly",
        "yearly",
    ]
    assert find_deadlines(_seed("000"), None) == []


def test_yearly_day_after_marker() -> None:
    (hit,) = find_deadlines("Báo cáo năm gửi về trước ngày 15/12 hằng năm.", 2024)
    assert _summary([hit]) == [
        (date(2024, 12, 15), "yearly", None, "Báo cáo năm", False, "deadline")
    ]


def test_monthly_day() -> None:
    (hit,) = find_deadlines("Các chi bộ gửi báo cáo tháng trước ngày 25 hằng tháng.", 2024)
    assert (hit.due, hit.recurrence, hit.day, hit.kind) == (None, "monthly", 25, "recurring")
    assert hit.label == "Báo cáo tháng (ngày 25 hằng tháng)"


def test_date_range_is_a_window_ending_on_its_last_day() -> None:
    (hit,) = find_deadlines("Thời gian thực hiện: từ ngày 01/3/2024 đến ngày 30/4/2024.", None)
    assert (hit.due, hit.kind, hit.unspecified) == (date(2024, 4, 30), "window", False)


def test_month_windows() -> None:
    (hit,) = find_deadlines("Tổ chức hội nghị trong tháng 5/2024", None)
    assert (hit.period, hit.due, hit.label) == ("2024-05", None, "Tổ chức hội nghị")
    (hit,) = find_deadlines("trong tháng 5/2024", None)  # no task named: the period is
    assert hit.label == "Thực hiện trong tháng 5/2024"
    (hit,) = find_deadlines("hoàn thành cuối tháng 6", 2023)
    assert (hit.period, hit.kind) == ("2023-06", "window")
    (hit,) = find_deadlines("hoàn thành cuối tháng 6", None)
    assert (hit.period, hit.unspecified) == ("--06", True)


def test_work_year_prefers_the_title() -> None:
    text = "Số 14-CTr/ĐU\nTP. Hồ Chí Minh, ngày 10 tháng 11 năm 2026\nCHƯƠNG TRÌNH\nnăm 2027"
    assert infer_year(text) == 2026
    assert work_year(text) == 2027
    body_only = "KẾ HOẠCH\nThực hiện Kế hoạch số 5 ngày 01/02/2020 năm 2020\n1. Nội dung năm 2021"
    assert work_year(body_only) is None
    assert work_year(_seed("001")) == 2024


def test_issued_rolls_yearless_days_forward() -> None:
    sentence = "báo cáo kết quả 6 tháng (ngày 10/6), báo cáo năm (ngày 10/12) về Đảng ủy Sở."
    hits = find_deadlines(sentence, 2026, issued=date(2026, 11, 10))
    assert [h.due for h in hits] == [date(2027, 6, 10), date(2026, 12, 10)]
    assert all(h.inferred_year for h in hits)
    # Written years never move.
    (hit,) = find_deadlines("gửi báo cáo trước ngày 01/5/2026", 2026, issued=date(2026, 11, 10))
    assert (hit.due, hit.inferred_year) == (date(2026, 5, 1), False)


LABELS = [
    ("Báo cáo sơ kết 6 tháng đầu năm 2027 gửi về trước ngày 15/6/2027.", "Báo cáo sơ kết 6 tháng"),
    ("Báo cáo tổng kết năm 2027 gửi về trước ngày 15/11/2027.", "Báo cáo tổng kết năm"),
    ("Báo cáo nhanh bằng văn bản gửi về trước ngày 25/11/2026.", "Báo cáo nhanh"),
    ("Tổng kết năm 2026, gửi về trước ngày 15/1/2027", "Tổng kết năm"),
    (
        "- Biên soạn tài liệu sinh hoạt chuyên đề, gửi các chi bộ trước ngày 15/01/2027.",
        "Biên soạn tài liệu sinh hoạt chuyên đề",
    ),
    ("trước ngày 15/01/2027", "Thời hạn"),
]


@pytest.mark.parametrize(("sentence", "label"), LABELS)
def test_labels(sentence: str, label: str) -> None:
    (hit,) = find_deadlines(sentence, None)
    assert hit.label == label
