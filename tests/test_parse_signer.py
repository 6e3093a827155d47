"""The signature block wherever it stands: before footnotes, an annex, a table or the plan a
decision issues; with TM., T/M, KT., K/T, TL., Q. and several title lines."""

from __future__ import annotations

import pytest

from knowledge.parse.directive import parse_text

HEAD = [
    "ỦY BAN NHÂN DÂN XÃ HÒA BÌNH",
    "Số: 44/UBND-VP",
    "V/v tổng vệ sinh môi trường trước Tết",
    "Hòa Bình, ngày 20 tháng 01 năm 2026",
    "Kính gửi: Các thôn, tổ dân phố",
    "Ủy ban nhân dân xã đề nghị các thôn ra quân tổng vệ sinh, báo cáo kết quả trước ngày"
    " 10/02/2026.",
    "Nơi nhận:",
    "- Như trên;",
    "- Đảng ủy xã (để b/c);",
    "- Lưu: VT.",
]

AFTER = {
    "footnotes": [
        "____________",
        "[1] Theo hướng dẫn của Sở Nông nghiệp và Môi trường.",
        "[2] Mẫu báo cáo gửi kèm.",
    ],
    "annex": [
        "PHỤ LỤC",
        "DANH SÁCH CÁC TUYẾN ĐƯỜNG",
        "TT | Tuyến đường | Thôn phụ trách",
        "1 | Đường liên thôn | Thôn 1",
    ],
    "table": ["TT | Nội dung | Thời gian", "1 | Ra quân | Tháng 01/2026"],
    "nothing": [],
}

BLOCKS = [
    (
        ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Lê Văn Tâm"],
        "PHÓ CHỦ TỊCH",
        "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH",
    ),
    (
        ["T/M BAN THƯỜNG TRỰC", "CHỦ TỊCH", "(Đã ký)", "Lê Văn Tâm"],
        "CHỦ TỊCH",
        "T/M BAN THƯỜNG TRỰC",
    ),
    (
        ["K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN THƯỜNG TRỰC", "Lê Văn Tâm"],
        "PHÓ TRƯỞNG BAN THƯỜNG TRỰC",
        "K/T TRƯỞNG BAN",
    ),
    (
        ["TL. CHỦ TỊCH", "KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG", "Lê Văn Tâm"],
        "PHÓ CHÁNH VĂN PHÒNG",
        "TL. CHỦ TỊCH\nKT. CHÁNH VĂN PHÒNG",
    ),
    (["Q. CHỦ TỊCH", "Lê Văn Tâm (đã ký)"], "Q. CHỦ TỊCH", ""),
]


@pytest.mark.parametrize("after", list(AFTER), ids=str)
@pytest.mark.parametrize(("block", "title", "authority"), BLOCKS, ids=lambda b: str(b)[:12])
def test_signer_after_the_recipients_whatever_follows(
    after: str, block: list[str], title: str, authority: str
) -> None:
    directive = parse_text("\n".join([*HEAD, *block, *AFTER[after]]))
    signer = directive.signer
    assert (signer.name, signer.title, signer.authority) == ("Lê Văn Tâm", title, authority)
    assert directive.recipients[-1] == "Lưu: VT"
    assert [d.due.isoformat() for d in directive.deadlines if d.due] == ["2026-02-10"]


def test_signature_before_the_recipients_in_a_side_by_side_copy() -> None:
    head = HEAD[:6]
    text = "\n".join([*head, "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Lê Văn Tâm", *HEAD[6:]])
    signer = parse_text(text).signer
    assert (signer.name, signer.title) == ("Lê Văn Tâm", "PHÓ CHỦ TỊCH")


@pytest.mark.parametrize("name", ["Siu H'Lan Niê", "Ksor H’Bơi", "Y Thanh Hà Niê Kđăm"])
def test_a_central_highlands_name_with_an_apostrophe_signs(name: str) -> None:
    text = "\n".join([*HEAD[:6], "K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN", name, *HEAD[6:]])
    assert parse_text(text).signer.name == name


def test_without_recipients_the_block_before_an_annex_signs() -> None:
    text = "\n".join([*HEAD[:6], "TM. BAN CHẤP HÀNH", "BÍ THƯ", "Nguyễn Thị Hoa", *AFTER["annex"]])
    signer = parse_text(text).signer
    assert (signer.name, signer.title, signer.authority) == (
        "Nguyễn Thị Hoa",
        "BÍ THƯ",
        "TM. BAN CHẤP HÀNH",
    )


def test_footnotes_are_searchable_but_not_the_body() -> None:
    directive = parse_text(
        "\n".join([*HEAD, "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Lê Văn Tâm", *AFTER["footnotes"]])
    )
    notes = [s for s in directive.sections if s.path == "Chú thích"]
    assert len(notes) == 1 and "Sở Nông nghiệp và Môi trường" in notes[0].text
