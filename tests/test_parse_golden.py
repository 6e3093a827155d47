"""Each seed parses to the golden file written by hand from reading it (tests/golden/).

Long texts (tasks, deadline sentences) are pinned by their first and last words: the
golden file holds only short extracts of the seeds.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from knowledge.model import Directive
from knowledge.parse.directive import parse_text
from tests.support import SEEDS

GOLDEN = Path(__file__).parent / "golden"
SEED_FILES = sorted(SEEDS.glob("*.txt"))


def _cut(text: str, start: str, end: str) -> dict[str, str]:
    return {"start": text[: len(start)], "end": text[len(text) - len(end) :] if end else ""}


def project(directive: Directive, golden: dict[str, Any]) -> dict[str, Any]:
    """The parser's result in the golden file's shape (long texts cut as long as its extracts)."""
    data = directive.to_json()
    tasks = golden["tasks"]
    deadlines = golden["deadlines"]
    return {
        "number": data["number"],
        "number_key": directive.number_key,
        "doc_type": data["doc_type"],
        "doc_type_name": directive.doc_type_name,
        "issuer": data["issuer"],
        "date": data["date"],
        "year": directive.year,
        "title": data["title"],
        "sections": [
            {"path": s.path, "level": s.level, "unit": s.unit, "heading": s.heading}
            for s in directive.sections
        ],
        "references": data["references"],
        "tasks": [
            {"unit": t.unit, "section": t.section, **_cut(t.text, *_extract(tasks, i))}
            for i, t in enumerate(directive.tasks)
        ],
        "deadlines": [
            {
                "section": d.section,
                "unit": d.unit,
                "due": d.due.isoformat() if d.due else None,
                "recurrence": d.recurrence,
                "period": d.period,
                "start": d.text[: len(_extract(deadlines, i)[0])],
            }
            for i, d in enumerate(directive.deadlines)
        ],
        "recipients": data["recipients"],
        "signer": data["signer"],
    }


def _extract(items: list[dict[str, Any]], index: int) -> tuple[str, str]:
    if index < len(items):
        return items[index]["start"], items[index].get("end", "")
    return "x" * 40, "x" * 20  # an unexpected item shows its first 40 and last 20 characters


@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda p: p.stem[:3])
def test_seed_matches_golden(seed: Path) -> None:
    golden = json.loads((GOLDEN / f"{seed.stem}.json").read_text(encoding="utf-8"))
    directive = parse_text(seed.read_text(encoding="utf-8"), seed.name)
    assert project(directive, golden) == golden


@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda p: p.stem[:3])
def test_json_contract_and_round_trip(seed: Path) -> None:
    directive = parse_text(seed.read_text(encoding="utf-8"), seed.name)
    data = directive.to_json()
    assert set(data) >= {"number", "doc_type", "issuer", "date", "title", "sections"}
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data
    assert Directive.from_dict(directive.to_dict()) == directive


def test_every_seed_has_a_golden_file() -> None:
    assert len(SEED_FILES) == 5
    assert {p.stem for p in SEED_FILES} == {p.stem for p in GOLDEN.glob("*.json")}


def test_sections_cover_their_paragraphs() -> None:
    """Section text holds its bullets; a task's text is inside its section's text."""
    seed = next(p for p in SEED_FILES if p.name.startswith("001"))
    directive = parse_text(seed.read_text(encoding="utf-8"))
    by_path = {s.path: s for s in directive.sections}
    for task in directive.tasks:
        assert task.text in by_path[task.section].text
    assert by_path["II.1"].text.startswith("1. Văn phòng Đảng ủy Sở\n- Theo dõi")
    paths = [s.path for s in directive.sections]
    assert len(paths) == len(set(paths))


# Rules the seeds do not exercise, on short texts written for these tests.

DECISION = """ỦY BAN NHÂN DÂN
THÀNH PHỐ HỒ CHÍ MINH
SỞ GIÁO DỤC VÀ ĐÀO TẠO
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 1234/QĐ-SGDĐT
Thành phố Hồ Chí Minh, ngày 05 tháng 9 năm 2024
QUYẾT ĐỊNH
Về việc ban hành Quy chế tổ chức Hội thi giáo viên dạy giỏi
GIÁM ĐỐC SỞ GIÁO DỤC VÀ ĐÀO TẠO
Căn cứ Quyết định số 12/2020/QĐ-UBND ngày 05 tháng 5 năm 2020 của Ủy ban nhân dân Thành phố;
QUYẾT ĐỊNH:
Điều 1. Ban hành kèm theo Quyết định này Quy chế tổ chức Hội thi.
Điều 2. Quyết định có hiệu lực kể từ ngày ký.
Điều 3. Chánh Văn phòng chịu trách nhiệm thi hành; báo cáo trước ngày 30/11/2024.
Nơi nhận:
- Như Điều 3;
- Lưu: VT.
KT. GIÁM ĐỐC
PHÓ GIÁM ĐỐC
(Đã ký)
Nguyễn Văn Hiếu
"""


def test_state_decision_header_articles_and_signer() -> None:
    directive = parse_text(DECISION)
    assert (directive.number, directive.doc_type, directive.issuer_code) == (
        "1234/QĐ-SGDĐT",
        "QĐ",
        "SGDĐT",
    )
    # The header's two bodies, as printed: the city's committee, then its department.
    assert directive.issuer == "ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH - SỞ GIÁO DỤC VÀ ĐÀO TẠO"
    assert directive.date is not None and directive.date.isoformat() == "2024-09-05"
    assert directive.title == "Về việc ban hành Quy chế tổ chức Hội thi giáo viên dạy giỏi"
    assert [s.path for s in directive.sections] == ["Điều 1", "Điều 2", "Điều 3"]
    assert [(r.number, r.relation) for r in directive.references] == [
        ("12/2020/QĐ-UBND", "based_on")
    ]
    assert [(d.section, str(d.due)) for d in directive.deadlines] == [("Điều 3", "2024-11-30")]
    assert directive.recipients == ["Như Điều 3", "Lưu: VT"]
    signer = directive.signer
    assert (signer.name, signer.authority, signer.title) == (
        "Nguyễn Văn Hiếu",
        "KT. GIÁM ĐỐC",
        "PHÓ GIÁM ĐỐC",
    )


PLAN = """Kế hoạch
Tuyên truyền năm 2025

Thực hiện Kế hoạch số 12-KH/TU ngày 03/01/2025 của Thành ủy;

I. NHIỆM VỤ
II. BAN TUYÊN GIÁO ĐẢNG ỦY
1. Xây dựng kế hoạch tuyên truyền, gửi về trước ngày 15/3/2025.
- Phối hợp với Công đoàn.
a) Theo dõi việc thực hiện.
II. Văn phòng Đảng ủy: Tổng hợp báo cáo 6 tháng (ngày 10/6).
"""


def test_units_inherited_lettered_items_and_repeated_paths() -> None:
    directive = parse_text(PLAN)
    assert (directive.doc_type, directive.title, directive.year) == (
        "KH",
        "Tuyên truyền năm 2025",
        2025,
    )
    assert directive.number_key == "kh:tuyen truyen nam 2025:2025"
    assert [(s.path, s.level) for s in directive.sections] == [
        ("I", 1),
        ("II", 1),
        ("II.1", 2),
        ("II.1.a", 3),
        ("III", 1),
    ]
    assert [(t.unit, t.section, t.text) for t in directive.tasks] == [
        (
            "BAN TUYÊN GIÁO ĐẢNG ỦY",
            "II.1",
            "Xây dựng kế hoạch tuyên truyền, gửi về trước ngày 15/3/2025.",
        ),
        ("BAN TUYÊN GIÁO ĐẢNG ỦY", "II.1", "Phối hợp với Công đoàn."),
        ("BAN TUYÊN GIÁO ĐẢNG ỦY", "II.1.a", "Theo dõi việc thực hiện."),
        ("Văn phòng Đảng ủy", "III", "Tổng hợp báo cáo 6 tháng (ngày 10/6)."),
    ]
    assert [(d.section, d.unit, str(d.due)) for d in directive.deadlines] == [
        ("II.1", "BAN TUYÊN GIÁO ĐẢNG ỦY", "2025-03-15"),
        ("III", "Văn phòng Đảng ủy", "2025-06-10"),
    ]
    assert directive.references[0].relation == "implements"


def test_empty_and_blank_text() -> None:
    for text in ("", "   \n\n", "*\n---"):
        directive = parse_text(text)
        assert directive.sections == [] and directive.number is None


BASIS = "\n".join(
    [
        "HƯỚNG DẪN",
        "Học tập chuyên đề năm 2023",
        "",
        "Căn cứ Kế hoạch số 7-KH/TU ngày 02/3/2023 của Thành ủy về triển khai Chỉ thị số"
        " 5-CT/TW ngày 15/5/2016 của Bộ Chính trị về học tập và làm theo tư tưởng Hồ Chí Minh;",
        "Đảng ủy Sở Giáo dục và Đào tạo hướng dẫn như sau:",
        "",
        "1. Các chi bộ tổ chức học tập theo Kế hoạch số 7-KH/TU, Quyết định số 99-QĐ/TU"
        " về khen thưởng và Nghị quyết số 3-NQ/ĐU.",
    ]
)


def test_relations_dates_and_cited_titles() -> None:
    directive = parse_text(BASIS)
    assert (directive.issuer, directive.issuer_code) == ("Đảng ủy Sở Giáo dục và Đào tạo", "ĐU")
    refs = {r.number: r for r in directive.references}
    assert [(r.number, str(r.date), r.relation) for r in directive.references] == [
        ("7-KH/TU", "2023-03-02", "based_on"),
        ("5-CT/TW", "2016-05-15", "mentions"),
        ("99-QĐ/TU", "None", "mentions"),
        ("3-NQ/ĐU", "None", "mentions"),
    ]
    assert refs["7-KH/TU"].title == (
        "triển khai Chỉ thị số 5-CT/TW ngày 15/5/2016 của Bộ Chính trị "
        "về học tập và làm theo tư tưởng Hồ Chí Minh"
    )
    assert refs["5-CT/TW"].title == "học tập và làm theo tư tưởng Hồ Chí Minh"
    assert refs["99-QĐ/TU"].title == "khen thưởng"
    assert refs["5-CT/TW"].section == "" and refs["3-NQ/ĐU"].section == "1"
