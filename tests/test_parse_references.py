"""What a directive implements or is based on: every document its basis lists."""

from __future__ import annotations

import pytest

from knowledge.parse.directive import parse_text


def _relations(*preamble: str) -> dict[str, str]:
    text = "\n".join(
        [
            "KẾ HOẠCH",
            "Tuyên truyền bầu cử năm 2026",
            *preamble,
            "I. MỤC ĐÍCH",
            "Nâng cao nhận thức.",
        ]
    )
    return {r.number: r.relation for r in parse_text(text).references}


def test_every_item_of_a_basis_list_is_implemented() -> None:
    found = _relations(
        "Thực hiện Chỉ thị số 07-CT/TU ngày 02/02/2026 của Ban Thường vụ Tỉnh ủy về lãnh đạo"
        " cuộc bầu cử; Kế hoạch số 45/KH-UBND ngày 10/02/2026 của Ủy ban nhân dân tỉnh về tổ"
        " chức bầu cử; Hướng dẫn số 3-HD/BTGTU của Ban Tuyên giáo Tỉnh ủy về tuyên truyền"
        " bầu cử, Ủy ban nhân dân xã ban hành Kế hoạch như sau:"
    )
    assert found == {
        "07-CT/TU": "implements",
        "45/KH-UBND": "implements",
        "3-HD/BTGTU": "implements",
    }


def test_and_joins_two_bases_but_not_a_title_s_own_citation() -> None:
    found = _relations(
        "Căn cứ Quyết định số 120/QĐ-UBND ngày 05/01/2026 của Ủy ban nhân dân huyện về triển"
        " khai Nghị quyết số 15-NQ/HU và Công văn số 88/PGDĐT-VP ngày 12/01/2026 của Phòng"
        " Giáo dục và Đào tạo về việc hướng dẫn thực hiện."
    )
    assert found == {"120/QĐ-UBND": "based_on", "15-NQ/HU": "mentions", "88/PGDĐT-VP": "based_on"}


@pytest.mark.parametrize(
    ("line", "amending"),
    [
        (
            "Căn cứ Luật Giáo dục số 43/2019/QH14 được sửa đổi, bổ sung bởi Luật số 15/2025/QH15;",
            "15/2025/QH15",
        ),
        (
            "Căn cứ Nghị định số 24/2021/NĐ-CP của Chính phủ đã được sửa đổi bởi Nghị định số"
            " 142/2025/NĐ-CP;",
            "142/2025/NĐ-CP",
        ),
    ],
)
def test_an_amending_act_inside_a_basis_line_is_a_basis(line: str, amending: str) -> None:
    assert _relations(line)[amending] == "based_on"


def test_a_proposal_after_the_basis_list_is_no_basis() -> None:
    found = _relations(
        "Căn cứ Quyết định số 310/QĐ-BGDĐT ngày 01/02/2026 của Bộ Giáo dục và Đào tạo;"
        " Theo đề nghị của Trưởng phòng Giáo dục tại Tờ trình số 25/TTr-PGDĐT ngày 03/02/2026."
    )
    assert found == {"310/QĐ-BGDĐT": "based_on", "25/TTr-PGDĐT": "mentions"}


def test_a_narrative_thuc_hien_is_no_basis() -> None:
    found = _relations(
        "Sau 5 năm triển khai thực hiện Nghị quyết số 09-NQ/TU ngày 10/3/2021 của Tỉnh ủy,"
        " công tác giáo dục đã có nhiều chuyển biến.",
        "Thực hiện Kế hoạch số 60-KH/HU ngày 03/01/2026 của Huyện ủy về giáo dục.",
    )
    assert found == {"09-NQ/TU": "mentions", "60-KH/HU": "implements"}


def test_numbers_with_ampersand_and_spaced_hyphen() -> None:
    found = _relations(
        "Thực hiện Công văn số 912/BNV-CTTN&BĐG ngày 02/3/2026 của Bộ Nội vụ và Văn bản số"
        " 430- CV/BTCTU ngày 05/3/2026 của Ban Tổ chức Tỉnh ủy về công tác cán bộ."
    )
    assert found == {"912/BNV-CTTN&BĐG": "implements", "430-CV/BTCTU": "implements"}


def _guidance(*body: str) -> dict[str, str]:
    """A Phòng's guidance: its opening, then the body as given."""
    text = "\n".join(
        [
            "HƯỚNG DẪN",
            "Thực hiện nhiệm vụ giáo dục tiểu học năm học 2027 - 2028",
            "Thực hiện Quyết định số 2210/QĐ-UBND ngày 02/8/2027 của Ủy ban nhân dân tỉnh về"
            " kế hoạch thời gian năm học; Công văn số 3388/BGDĐT-GDTH ngày 15/8/2027 của Bộ"
            " Giáo dục và Đào tạo; Phòng Giáo dục và Đào tạo hướng dẫn các trường tiểu học"
            " thực hiện nhiệm vụ năm học như sau:",
            *body,
        ]
    )
    return {r.number: r.relation for r in parse_text(text).references}


def test_a_lettered_part_ends_the_opening() -> None:
    found = _guidance(
        "A. NHIỆM VỤ TRỌNG TÂM",
        "Tiếp tục thực hiện Chương trình giáo dục phổ thông ban hành kèm theo Thông tư số"
        " 32/2018/TT-BGDĐT; triển khai các giải pháp nâng cao chất lượng theo Nghị quyết số"
        " 29-NQ/TW của Ban Chấp hành Trung ương.",
        "B. NHIỆM VỤ CỤ THỂ",
        "I. DẠY HỌC",
        "1. Các trường đánh giá học sinh theo Thông tư số 27/2020/TT-BGDĐT.",
    )
    assert found == {
        "2210/QĐ-UBND": "implements",
        "3388/BGDĐT-GDTH": "implements",
        "32/2018/TT-BGDĐT": "mentions",
        "29-NQ/TW": "mentions",
        "27/2020/TT-BGDĐT": "mentions",
    }


def test_the_issuing_clause_ends_the_opening() -> None:
    found = _guidance(
        "Triển khai có hiệu quả các nội dung đổi mới theo Kết luận số 91-KL/TW của Bộ Chính"
        " trị; các trường chủ động xây dựng kế hoạch giáo dục.",
        "I. DẠY HỌC",
        "1. Tổ chức dạy học 2 buổi/ngày.",
    )
    assert found["91-KL/TW"] == "mentions"


def test_a_line_announcing_the_bases_does_not_end_the_opening() -> None:
    found = _relations(
        "Thực hiện các văn bản chỉ đạo của cấp trên như sau:",
        "- Thực hiện Kế hoạch số 20-KH/TU ngày 04/01/2026 của Ban Thường vụ Tỉnh ủy;",
        "- Thực hiện Hướng dẫn số 07-HD/BTGTU ngày 09/01/2026 của Ban Tuyên giáo Tỉnh ủy,",
        "Ban Thường vụ Huyện ủy xây dựng Kế hoạch như sau:",
    )
    assert found == {"20-KH/TU": "implements", "07-HD/BTGTU": "implements"}
