"""Where deadlines stand: task blocks with their time lines, task tables, yearly sections,
unsectioned letters; and how `danvan parse --json` writes them."""

from __future__ import annotations

import json
from datetime import date

import pytest

from knowledge.model import Deadline, Directive
from knowledge.parse.directive import parse_text
from knowledge.vi.periods import when_text

HEAD = [
    "ỦY BAN NHÂN DÂN XÃ TÂN PHÚ",
    "Số: 18/KH-UBND",
    "Tân Phú, ngày 10 tháng 02 năm 2026",
    "KẾ HOẠCH",
    "Chuyển đổi số trong trường học năm 2026",
]


def _plan(*lines: str) -> str:
    return "\n".join([*HEAD, *lines])


def test_task_blocks_give_the_task_its_term_and_lead_unit() -> None:
    text = _plan(
        "II. NHIỆM VỤ",
        "1. Số hóa hồ sơ học sinh",
        "a) Nhiệm vụ: Rà soát, số hóa toàn bộ hồ sơ học sinh các khối lớp.",
        "b) Cơ quan thực hiện:",
        "- Đơn vị chủ trì: Trường Tiểu học Tân Phú.",
        "- Đơn vị phối hợp: Trung tâm Văn hóa xã.",
        "c) Thời gian thực hiện: Hoàn thành trong tháng 9/2026.",
        "2. Tập huấn giáo viên",
        "a) Nhiệm vụ: Tổ chức tập huấn kỹ năng số cho giáo viên.",
        "b) Thời gian thực hiện: Tháng 7 - 8/2026.",
        "3. Kết nối dữ liệu",
        "a) Nhiệm vụ: Kết nối cơ sở dữ liệu ngành.",
        "b) Thời hạn hoàn thành: Từ ngày 01/6/2026 đến ngày 30/6/2026.",
    )
    found = [(d.section, d.kind, d.due_code(), d.unit) for d in parse_text(text).deadlines]
    assert found == [
        ("II.1.c", "month", "2026-09", "Trường Tiểu học Tân Phú"),
        ("II.3.b", "day", "2026-06-30", None),
    ]  # "Tháng 7 - 8/2026" is when training happens, not a term
    first = parse_text(text).deadlines[0]
    assert first.text.startswith("Rà soát, số hóa toàn bộ hồ sơ học sinh")
    assert first.text.endswith("Hoàn thành trong tháng 9/2026.")


@pytest.mark.parametrize(
    ("header", "row", "expected"),
    [
        (
            "STT | Nội dung công việc | Đơn vị chủ trì | Thời gian hoàn thành",
            "1 | Lập danh sách học sinh khuyết tật | Trường THCS Tân Phú | Tháng 4/2026",
            ("month", "2026-04", "Trường THCS Tân Phú"),
        ),
        (
            "TT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời hạn",
            "2 | Báo cáo sơ kết | Văn phòng | Các trường | Trước ngày 15/6/2026",
            ("day", "2026-06-15", "Văn phòng"),
        ),
        (
            "TT | Nội dung | Đơn vị thực hiện | Tiến độ",
            "3 | Kiểm tra cơ sở vật chất | Tổ kiểm tra | Quý III/2026",
            ("quarter", "2026-Q3", "Tổ kiểm tra"),
        ),
    ],
)
def test_task_tables_give_each_row_its_term(
    header: str, row: str, expected: tuple[str, ...]
) -> None:
    (deadline,) = parse_text(_plan("III. PHÂN CÔNG NHIỆM VỤ", header, row)).deadlines
    assert (deadline.kind, deadline.due_code(), deadline.unit) == expected
    assert row.split(" | ")[1] in deadline.text


def test_cells_of_a_figure_table_are_no_terms() -> None:
    text = _plan(
        "PHỤ LỤC",
        "TT | Trường | Số học sinh trước 01/9/2025 | Tăng trong tháng 9/2025",
        "1 | Tân Phú | 420 | 12",
    )
    assert parse_text(text).deadlines == []


def test_items_under_a_yearly_opening_are_yearly() -> None:
    text = _plan(
        "Điều 5. Trình tự xét thi đua",
        "a) Hằng năm, các tổ chuyên môn gửi hồ sơ đề nghị từ ngày 01 đến ngày 10 tháng 5;",
        "b) Hội đồng thi đua họp xét từ ngày 15 đến ngày 20 tháng 5;",
        "c) Trong quý III của năm sau, nhà trường công bố kết quả.",
    )
    found = [
        (d.section, d.recurrence, d.day, d.month, d.period) for d in parse_text(text).deadlines
    ]
    assert found == [
        ("Điều 5.a", "yearly", 10, 5, None),
        ("Điều 5.b", "yearly", 20, 5, None),
        ("Điều 5.c", "yearly", None, None, "Q3"),
    ]


def test_an_unsectioned_letter_gives_its_deadline() -> None:
    text = "\n".join(
        [
            "SỞ GIÁO DỤC VÀ ĐÀO TẠO",
            "Số: 77/SGDĐT-TCCB",
            "V/v đăng ký nhu cầu bồi dưỡng",
            "Đà Lạt, ngày 02 tháng 3 năm 2026",
            "Kính gửi:",
            "- Các trường trung học phổ thông;",
            "- Các trung tâm giáo dục thường xuyên.",
            "Để chuẩn bị kế hoạch bồi dưỡng hè, Sở Giáo dục và Đào tạo đề nghị các đơn vị tổng hợp"
            " nhu cầu bồi dưỡng của giáo viên, gửi về Phòng Tổ chức cán bộ trước ngày 20/3/2026.",
            "Nơi nhận:",
            "- Như trên;",
            "- Lưu: VT.",
            "KT. GIÁM ĐỐC",
            "PHÓ GIÁM ĐỐC",
            "Hồ Văn Nam",
        ]
    )
    directive = parse_text(text)
    assert [d.due for d in directive.deadlines] == [date(2026, 3, 20)]
    assert directive.issuer == "SỞ GIÁO DỤC VÀ ĐÀO TẠO" and directive.doc_type == "CV"


@pytest.mark.parametrize(
    ("deadline", "code", "when"),
    [
        (Deadline("x", "1", due=date(2026, 3, 20), kind="day"), "2026-03-20", "20/03/2026"),
        (Deadline("x", "1", period="2026-12", kind="month"), "2026-12", "trong tháng 12/2026"),
        (Deadline("x", "1", period="2027-Q1", kind="quarter"), "2027-Q1", "trong quý I/2027"),
        (
            Deadline("x", "1", period="2026", kind="year", period_end=date(2026, 12, 31)),
            "2026-12",
            "trong năm 2026",
        ),
        (
            Deadline("x", "1", recurrence="yearly", kind="recurring", day=15, month=12),
            "recurring",
            "hằng năm (ngày 15/12)",
        ),
        (Deadline("x", "1", kind="recurring"), "recurring", "định kỳ"),
        (
            Deadline("x", "1", kind="unspecified", phrase="chậm nhất 03 ngày kể từ ngày thi"),
            "unspecified",
            "chưa rõ ngày (chậm nhất 03 ngày kể từ ngày thi)",
        ),
    ],
)
def test_json_due_vocabulary_and_reading(deadline: Deadline, code: str, when: str) -> None:
    data = deadline.to_json()
    assert data["due"] == code and data["kind"] == deadline.kind
    assert when_text(deadline) == when
    stored = Directive(deadlines=[deadline])
    assert Directive.from_dict(json.loads(json.dumps(stored.to_dict()))) == stored


def test_deadlines_stored_before_kinds_existed_still_read() -> None:
    old = {"text": "x", "section": "1", "due": "2024-05-10", "recurrence": "yearly", "unit": None}
    deadline = Deadline.from_dict({**old, "label": "", "period": None})
    assert (deadline.value_kind(), deadline.due_code()) == ("recurring", "recurring")
    month = Deadline.from_dict(
        {**old, "due": None, "recurrence": None, "label": "", "period": "2024-06"}
    )
    assert (month.value_kind(), month.due_code()) == ("month", "2024-06")
