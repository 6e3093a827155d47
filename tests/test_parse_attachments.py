"""Documents attached after the signature (the plan a decision issues, a regulation, an
annex) are parsed as parts: their own section paths, tasks and deadlines."""

from __future__ import annotations

from datetime import date

import pytest

from knowledge.parse.directive import parse_text

DECISION = [
    "ỦY BAN NHÂN DÂN",
    "HUYỆN LẠC DƯƠNG",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Số: 210/QĐ-UBND",
    "Lạc Dương, ngày 05 tháng 01 năm 2026",
    "QUYẾT ĐỊNH",
    "Ban hành {kind} công tác phổ cập giáo dục năm 2026",
    "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN",
    "Căn cứ Luật Giáo dục số 43/2019/QH14;",
    "QUYẾT ĐỊNH:",
    "Điều 1. Ban hành kèm theo Quyết định này {kind} công tác phổ cập giáo dục năm 2026.",
    "Điều 2. Quyết định có hiệu lực kể từ ngày ký.",
    "Điều 3. Trưởng phòng Giáo dục và Đào tạo chịu trách nhiệm thi hành Quyết định này.",
    "Nơi nhận:",
    "- Như Điều 3;",
    "- Lưu: VT.",
    "KT. CHỦ TỊCH",
    "PHÓ CHỦ TỊCH",
    "Phạm Quốc Huy",
]

PLAN = [
    "KẾ HOẠCH",
    "CÔNG TÁC PHỔ CẬP GIÁO DỤC NĂM 2026",
    "(Kèm theo Quyết định số 210/QĐ-UBND ngày 05/01/2026 của Chủ tịch Ủy ban nhân dân huyện)",
    "I. MỤC ĐÍCH, YÊU CẦU",
    "Duy trì và nâng cao chất lượng phổ cập giáo dục các cấp học.",
    "II. NHIỆM VỤ CỤ THỂ",
    "1. Phòng Giáo dục và Đào tạo",
    "- Rà soát, cập nhật số liệu phổ cập trên hệ thống.",
    "Thời gian hoàn thành: Trước ngày 31/3/2026.",
    "- Tổng hợp hồ sơ đề nghị công nhận đạt chuẩn.",
    "Thời gian hoàn thành: Tháng 11/2026.",
    "2. Ủy ban nhân dân các xã",
    "- Điều tra, cập nhật phiếu hộ gia đình; báo cáo kết quả trong quý III/2026.",
]

REGULATION = [
    "QUY CHẾ",
    "PHỐI HỢP CÔNG TÁC PHỔ CẬP GIÁO DỤC",
    "(Ban hành kèm theo Quyết định số 210/QĐ-UBND ngày 05 tháng 01 năm 2026)",
    "Chương I",
    "QUY ĐỊNH CHUNG",
    "Điều 1. Phạm vi điều chỉnh",
    "Quy chế này quy định việc phối hợp giữa các cơ quan.",
    "Chương II",
    "NỘI DUNG PHỐI HỢP",
    "Điều 2. Chế độ báo cáo",
    "1. Các xã gửi báo cáo về Phòng Giáo dục và Đào tạo trước ngày 15 hằng tháng.",
    "2. Tháng 12 hằng năm, Phòng Giáo dục và Đào tạo tổng hợp, báo cáo Ủy ban nhân dân huyện.",
]


def _decision(kind: str, attached: list[str]) -> str:
    return "\n".join([line.replace("{kind}", kind) for line in DECISION] + attached)


def test_the_plan_a_decision_issues_is_parsed_with_its_own_paths() -> None:
    directive = parse_text(_decision("Kế hoạch", PLAN))
    assert (directive.number, directive.date) == ("210/QĐ-UBND", date(2026, 1, 5))
    assert directive.signer.name == "Phạm Quốc Huy"
    paths = [s.path for s in directive.sections]
    assert paths[:3] == ["Điều 1", "Điều 2", "Điều 3"]
    assert paths[3:] == ["Kế hoạch", "Kế hoạch/I", "Kế hoạch/II", "Kế hoạch/II.1", "Kế hoạch/II.2"]
    plan = directive.sections[3]
    assert plan.heading == "Công tác phổ cập giáo dục năm 2026"
    found = [(d.section, d.kind, d.due_code(), d.unit) for d in directive.deadlines]
    assert found == [
        ("Kế hoạch/II.1", "day", "2026-03-31", "Phòng Giáo dục và Đào tạo"),
        ("Kế hoạch/II.1", "month", "2026-11", "Phòng Giáo dục và Đào tạo"),
        ("Kế hoạch/II.2", "quarter", "2026-Q3", "Ủy ban nhân dân các xã"),
    ]
    # A time line is the term of the task above it: the deadline says what is due.
    assert directive.deadlines[0].text.startswith("Rà soát, cập nhật số liệu phổ cập")
    units = {t.unit for t in directive.tasks}
    assert {"Phòng Giáo dục và Đào tạo", "Ủy ban nhân dân các xã"} <= units


def test_a_regulation_with_chapters_and_articles() -> None:
    directive = parse_text(_decision("Quy chế", REGULATION))
    paths = [s.path for s in directive.sections]
    assert paths[3:] == [
        "Quy chế",
        "Quy chế/Chương I",
        "Quy chế/Điều 1",
        "Quy chế/Chương II",
        "Quy chế/Điều 2",
        "Quy chế/Điều 2.1",
        "Quy chế/Điều 2.2",
    ]
    chapter = next(s for s in directive.sections if s.path == "Quy chế/Chương II")
    assert chapter.heading == "NỘI DUNG PHỐI HỢP"
    cycles = [(d.section, d.recurrence, d.day, d.month) for d in directive.deadlines]
    assert cycles == [
        ("Quy chế/Điều 2.1", "monthly", 15, None),
        ("Quy chế/Điều 2.2", "yearly", None, 12),
    ]


@pytest.mark.parametrize("heading", ["PHỤ LỤC", "PHỤ LỤC I", "Phụ lục 2: Biểu mẫu báo cáo"])
def test_an_annex_is_a_part_and_its_form_is_no_deadline(heading: str) -> None:
    annex = [
        heading,
        "(Kèm theo Quyết định số 210/QĐ-UBND ngày 05/01/2026)",
        "TT | Xã | Số hộ điều tra trước 01/7/2025 | Ghi chú",
        "1 | Đạ Nhim | 1.200 |",
    ]
    directive = parse_text(_decision("Kế hoạch", annex))
    names = [s.path for s in directive.sections if s.path.startswith("Phụ lục")]
    assert len(names) == 1 and directive.deadlines == []


def test_two_annexes_of_the_same_name_do_not_collide() -> None:
    annex = ["PHỤ LỤC", "Bảng số liệu thứ nhất.", "PHỤ LỤC", "Bảng số liệu thứ hai."]
    paths = [s.path for s in parse_text(_decision("Kế hoạch", annex)).sections]
    assert paths[-2:] == ["Phụ lục", "Phụ lục(2)"]
