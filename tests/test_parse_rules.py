"""Parser rules found missing by QA: work year, signer notes, tasks, labels, paths, citations.

Each rule is pinned on a seed or sample where one shows it, and on a short text written
for this test where none does.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from knowledge.parse.deadlines import find_deadlines
from knowledge.parse.directive import parse_file, parse_text
from knowledge.parse.units import addressee, lead_unit, task_label
from tests.support import SEEDS

SAMPLES = Path(__file__).parents[1] / "samples"


def _seed(prefix: str) -> str:
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


# 1. Yearless dates take the work year, not the header year.


def test_programme_for_next_year_dates_its_reports_in_that_year() -> None:
    directive = parse_file(SAMPLES / "mau-03-chuong-trinh-cong-tac.txt")
    assert directive.date == date(2026, 11, 10)
    dated = [(d.due, d.unit) for d in directive.deadlines if d.due is not None]
    assert (date(2027, 6, 10), "Các chi bộ, đảng bộ cơ sở") in dated
    assert (date(2027, 12, 10), "Các chi bộ, đảng bộ cơ sở") in dated
    windows = [d.period for d in directive.deadlines if d.period]
    assert windows == ["2027-Q2", "2027-Q4"]


def test_seed_programme_keeps_its_own_year() -> None:
    directive = parse_text(_seed("001"))
    dues = [d.due for d in directive.deadlines if d.due is not None]
    assert dues == [date(2024, 5, 10), date(2024, 11, 10)]


def test_without_a_title_year_a_day_before_the_document_moves_on() -> None:
    text = "\n".join(
        [
            "Số 5-KH/ĐU",
            "TP. Hồ Chí Minh, ngày 10 tháng 11 năm 2026",
            "KẾ HOẠCH",
            "Tuyên truyền cuối năm",
            "1. Các chi bộ báo cáo 6 tháng (ngày 10/6), báo cáo năm (ngày 10/12).",
        ]
    )
    dues = [d.due for d in parse_text(text).deadlines]
    assert dues == [date(2027, 6, 10), date(2026, 12, 10)]


# 2. The signer's name without a note in brackets.


@pytest.mark.parametrize(
    "closing",
    [
        ["PHÓ BÍ THƯ", "Lê Minh Châu (mẫu)"],
        ["PHÓ BÍ THƯ", "Nguyễn Văn A (đã ký)"],
        ["PHÓ BÍ THƯ", "(Đã ký)", "Nguyễn Văn A"],
        ["PHÓ BÍ THƯ", "Đã ký", "Nguyễn Văn A"],
        ["PHÓ BÍ THƯ", "(ký tên, đóng dấu)", "Nguyễn Văn A"],
    ],
)
def test_signer_notes_are_not_the_name(closing: list[str]) -> None:
    body = "1. Các chi bộ tổ chức họp, " + "trao đổi tình hình tư tưởng, " * 8 + "báo cáo kết quả."
    lines = ["CÔNG VĂN", "Về báo cáo", body, "Nơi nhận:", "- Lưu.", "T/M BAN THƯỜNG VỤ"]
    text = "\n".join([*lines, *closing])
    signer = parse_text(text).signer
    assert signer.name in ("Lê Minh Châu", "Nguyễn Văn A")
    assert (signer.authority, signer.title) == ("T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ")


def test_docx_sample_signer_and_numbered_unit_paragraphs() -> None:
    directive = parse_file(SAMPLES / "mau-04-cong-van-bao-cao-nhanh.docx")
    assert (directive.signer.name, directive.signer.authority, directive.signer.title) == (
        "Lê Minh Châu",
        "T/M BAN THƯỜNG VỤ",
        "PHÓ BÍ THƯ",
    )
    # Item 2 names no unit: no task is invented for it.
    assert [(t.unit, t.section) for t in directive.tasks] == [
        ("Các chi bộ", "1"),
        ("Ban Tuyên giáo Đảng ủy", "3"),
    ]
    assert directive.tasks[0].text.startswith("Các chi bộ tổ chức nắm tình hình")


# 3. Tasks of addressed units, unit-led headings and unit-led paragraphs.


def test_addressee_lines() -> None:
    line = "Các cấp ủy của đảng bộ, chi bộ cơ sở toàn ngành giáo dục và đào tạo:"
    assert addressee(line) == "Các cấp ủy của đảng bộ, chi bộ cơ sở"
    asked = "Ngoài việc thực hiện các kế hoạch, Đảng ủy Sở đề nghị các đảng bộ, chi bộ cơ sở:"
    assert addressee(asked) == "Các đảng bộ, chi bộ cơ sở"
    assert addressee("Các chi bộ tổ chức học tập:") is None  # a sentence, not a name
    assert addressee("Mục đích:") is None


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("Các cấp ủy, tổ chức đảng tăng cường và đổi mới sự lãnh đạo", "Các cấp ủy, tổ chức đảng"),
        ("Sở Giáo dục và Đào tạo chỉ đạo thủ trưởng các đơn vị", "Sở Giáo dục và Đào tạo"),
        (
            "Cấp ủy các tổ chức Đảng trực thuộc tổ chức quán triệt",
            "Cấp ủy các tổ chức Đảng trực thuộc",
        ),
        (
            "Thủ trưởng các cơ quan, đơn vị tổ chức xây dựng Kế hoạch",
            "Thủ trưởng các cơ quan, đơn vị",
        ),
        ("- Ban Tuyên giáo, Dân vận Đảng ủy tổ chức kiểm tra", "Ban Tuyên giáo, Dân vận Đảng ủy"),
        (
            "Ban Chỉ đạo thực hiện quy chế dân chủ ở cơ sở của các cơ quan, đơn vị trực thuộc chủ"
            " động xây dựng kế hoạch",
            "Ban Chỉ đạo thực hiện quy chế dân chủ ở cơ sở của các cơ quan, đơn vị trực thuộc",
        ),
        ("Sơ kết, tổng kết thực hiện các nghị quyết", None),
        ("Đảng ủy Sở đã có Kế hoạch số 38-KH/ĐU ngày 01/6/2022 hướng dẫn", None),
        ("Tăng cường công tác kiểm tra", None),
    ],
)
def test_lead_unit(text: str, unit: str | None) -> None:
    assert lead_unit(text) == unit


def test_seed_000_addressed_bullets_are_tasks() -> None:
    tasks = parse_text(_seed("000")).tasks
    assert [(t.unit, t.section) for t in tasks] == [
        ("Các cấp ủy của đảng bộ, chi bộ cơ sở", "1"),
        ("Các cấp ủy của đảng bộ, chi bộ cơ sở", "1"),
        ("Các cấp ủy của đảng bộ, chi bộ cơ sở", "1"),
        ("Các đảng bộ, chi bộ cơ sở", "3"),
        ("Các đảng bộ, chi bộ cơ sở", "3"),
    ]


def test_seed_003_unit_led_sections_and_paragraphs() -> None:
    directive = parse_text(_seed("003"))
    units = {s.path: s.unit for s in directive.sections}
    assert units["1"] == "Các cấp ủy, tổ chức đảng"
    assert units["2"] == "Sở Giáo dục và Đào tạo"
    by_section: dict[str, set[str]] = {}
    for task in directive.tasks:
        by_section.setdefault(task.section, set()).add(task.unit)
    assert by_section == {
        "1": {"Các cấp ủy, tổ chức đảng"},
        "2": {"Sở Giáo dục và Đào tạo"},
        "3": {"Công đoàn Giáo dục Thành phố"},
        "4": {"Các cấp ủy, tổ chức đảng"},
        "5": {
            "Cấp ủy các tổ chức Đảng trực thuộc",
            "Sở Giáo dục và Đào tạo",
            "Ban Tuyên giáo, Dân vận Đảng ủy",
        },
    }
    # The heading sentence of a section with bullets is not a task of its own.
    assert not any(t.text.startswith("Sở Giáo dục và Đào tạo chỉ đạo") for t in directive.tasks)


def test_seed_002_unit_headings_still_work() -> None:
    tasks = parse_text(_seed("002")).tasks
    assert tasks and tasks[0].unit == "Phòng Giáo dục và Đào tạo"


def test_no_task_without_a_unit() -> None:
    text = "KẾ HOẠCH\nThi đua năm 2025\n1. Mục đích\nNâng cao chất lượng.\n- Đổi mới phương pháp."
    assert parse_text(text).tasks == []


# 4. Labels name the task; the unit comes from the sentence's subject.


def test_quarter_window_label_names_the_task() -> None:
    sentence = (
        "Theo dõi, tham mưu thực hiện báo cáo 6 tháng, tổng kết năm 2024 về kết quả thực hiện"
        " quy chế dân chủ ở cơ sở. (thực hiện quý 2, quý 4/2024)"
    )
    hits = find_deadlines(sentence, 2024)
    assert [h.period for h in hits] == ["2024-Q2", "2024-Q4"]
    assert hits[0].label == (
        "Báo cáo 6 tháng, tổng kết năm 2024 về kết quả thực hiện quy chế dân chủ ở cơ sở"
    )


def test_label_is_cut_at_a_phrase() -> None:
    sentence = (
        "Tổng hợp báo cáo của các chi bộ, tham mưu Ban Thường vụ đánh giá kết quả thực hiện"
        " chương trình (thực hiện quý 2/2027)"
    )
    label = task_label(sentence, sentence.index("quý"))
    assert label == "Tổng hợp báo cáo của các chi bộ"


def test_seed_002_deadline_label_and_unit_from_the_subject() -> None:
    directive = parse_text(_seed("002"))
    (first,) = [d for d in directive.deadlines if d.due == date(2023, 3, 31)]
    assert first.label == "Xây dựng Kế hoạch gửi về Phòng Giáo dục và Đào tạo"
    assert first.unit == "Thủ trưởng các đơn vị"


# 5. A repeated roman part takes the next numeral; the printed one is kept.


def test_repeated_roman_part_is_renumbered() -> None:
    sections = parse_text(_seed("001")).sections
    last = sections[-1]
    assert (last.path, last.printed, last.heading) == ("III", "II", "TỔ CHỨC THỰC HIỆN")
    paths = [s.path for s in sections]
    assert len(paths) == len(set(paths))
    text = "KẾ HOẠCH\nThi đua\nI. A\nII. B\n1. b\nII. C\n1. c\nIII. D"
    found = [(s.path, s.printed) for s in parse_text(text).sections]
    assert found == [
        ("I", "I"),
        ("II", "II"),
        ("II.1", "II.1"),
        ("III", "II"),
        ("III.1", "II.1"),
        ("IV", "III"),  # later parts follow the corrected sequence
    ]


def test_other_repeats_keep_the_occurrence_mark() -> None:
    text = "KẾ HOẠCH\nThi đua\n1. A\n1. B"
    assert [(s.path, s.printed) for s in parse_text(text).sections] == [("1", "1"), ("1(2)", "1")]


# 6. Periods inside a cited document's title are not deadlines.


def test_quarter_in_a_cited_title_is_not_a_deadline() -> None:
    sentence = (
        "Thực hiện Kế hoạch số 12-KH/TU ngày 03/01/2025 của Thành ủy về tổ chức các hoạt"
        " động cao điểm quý 2/2025, Đảng ủy Sở đề nghị các chi bộ báo cáo kết quả"
        " (thực hiện quý 3/2025)."
    )
    assert [h.period for h in find_deadlines(sentence, 2025)] == ["2025-Q3"]


def test_from_to_window_still_works_beside_a_citation() -> None:
    sentence = (
        "Các chi bộ tổ chức học tập từ ngày 01/3/2025 đến ngày 30/4/2025 theo Kế hoạch số"
        " 12-KH/TU về học tập quý 2/2025."
    )
    hits = find_deadlines(sentence, 2025)
    assert [(h.kind, h.due, h.period) for h in hits] == [("window", date(2025, 4, 30), None)]
