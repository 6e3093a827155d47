"""Texts pasted without their header table: what they call themselves, who issued them,
and what a task in the body carries out (invented texts, as offices write them)."""

from __future__ import annotations

import pytest

from knowledge.parse.directive import parse_text

REPORT = """Thực hiện Công văn số 118/PGDĐT-TCCB ngày 03 tháng 3 năm 2027 của Phòng Giáo dục \
và Đào tạo về sơ kết công tác phổ cập, Trường Tiểu học Hòa Khánh báo cáo như sau:

I. KẾT QUẢ

1. Huy động trẻ 6 tuổi vào lớp 1 đạt 100%.

II. KIẾN NGHỊ

Đề nghị Phòng Giáo dục và Đào tạo bổ sung 02 giáo viên tiếng Anh.

Trên đây là báo cáo sơ kết công tác phổ cập của Trường Tiểu học Hòa Khánh./.
"""

SUBMISSION = """Kính gửi: Ban Thường vụ Đảng ủy phường An Hải

Căn cứ Hướng dẫn số 09-HD/ĐU ngày 02 tháng 02 năm 2027 của Đảng ủy phường;

Chi bộ Khu dân cư số 4 kính trình Ban Thường vụ Đảng ủy phường xem xét, công nhận \
đảng viên chính thức đối với đồng chí Mai Văn Lộc.

Hồ sơ gồm: bản tự kiểm điểm, nhận xét của đoàn thể và nghị quyết của chi bộ./.
"""

CLOSING_NAMES_KIND = """Để tổ chức tốt Ngày hội đọc sách năm 2027, Thư viện Trường THCS Lê Lợi \
xây dựng kế hoạch như sau:

1. Trưng bày sách theo chủ đề từ ngày 20/4/2027.

Trên đây là Kế hoạch tổ chức Ngày hội đọc sách năm 2027 của Thư viện nhà trường./.
"""


@pytest.mark.parametrize(
    ("text", "kind", "issuer"),
    [
        (REPORT, "BC", "Trường Tiểu học Hòa Khánh"),
        (SUBMISSION, "TTr", "Chi bộ Khu dân cư số 4"),
        (CLOSING_NAMES_KIND, "KH", "Thư viện Trường THCS Lê Lợi"),
    ],
)
def test_a_headerless_text_is_read_by_what_it_calls_itself(
    text: str, kind: str, issuer: str
) -> None:
    directive = parse_text(text)
    assert (directive.doc_type, directive.issuer) == (kind, issuer)


def test_a_headerless_letter_without_its_kind_is_a_cong_van() -> None:
    text = (
        "Kính gửi: Các trường trung học cơ sở\n\n"
        "Sở Giáo dục và Đào tạo đề nghị các trường rà soát sĩ số.\n"
    )
    assert parse_text(text).doc_type == "CV"


def test_the_body_names_the_issuer_in_full_before_an_annex_caption() -> None:
    text = (
        "Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam xã Tân Hiệp "
        "xây dựng kế hoạch như sau:\n\n"
        "1. Vận động quỹ “Vì người nghèo” trong tháng 12/2026.\n\n"
        "TM. BAN THƯỜNG TRỰC\nCHỦ TỊCH\n\nLâm Văn Tới\n\n"
        "PHỤ LỤC\n(Kèm theo Kế hoạch số 31/KH-MTTQ-BTT ngày 01 tháng 12 năm 2026 của "
        "Ban Thường trực Ủy ban MTTQ Việt Nam xã Tân Hiệp)\n\nSTT | Khu ấp | Số hộ\n"
    )
    directive = parse_text(text)
    assert directive.number == "31/KH-MTTQ-BTT"
    assert directive.issuer.startswith("Ban Thường trực Ủy ban Mặt trận Tổ quốc")


NQ_CHI_BO = """ĐẢNG BỘ PHƯỜNG AN HẢI
CHI BỘ KHU DÂN CƯ SỐ 4
*
Số 03-NQ/CB

ĐẢNG CỘNG SẢN VIỆT NAM
An Hải, ngày 05 tháng 01 năm 2027

NGHỊ QUYẾT
Hội nghị Chi bộ thường kỳ tháng 01 năm 2027

I. NHIỆM VỤ THÁNG 01

- Triển khai Kế hoạch số 61-KH/ĐU ngày 20 tháng 12 năm 2026 của Đảng ủy phường về \
chăm lo Tết cho hộ nghèo.

- Tiếp tục thực hiện Chỉ thị số 05-CT/TW của Bộ Chính trị.

- Đảng viên đọc Nghị quyết số 12-NQ/ĐU để nắm tình hình; vận động quỹ theo \
Kế hoạch số 88-KH/MTTQ.
"""


def test_a_task_that_carries_a_document_out_is_what_the_text_implements() -> None:
    refs = {r.number: r.relation for r in parse_text(NQ_CHI_BO).references}
    assert refs["61-KH/ĐU"] == "implements"
    assert refs["05-CT/TW"] == "implements"
    assert refs["12-NQ/ĐU"] == "mentions"
    assert refs["88-KH/MTTQ"] == "mentions"


def test_an_annex_headed_by_phu_luc_alone_names_the_document() -> None:
    text = (
        "Kính gửi: Các chi bộ trực thuộc\n\n"
        "Ban Thường vụ Đảng ủy phường đề nghị các chi bộ nộp đảng phí trước ngày 20/12/2026.\n\n"
        "Nơi nhận:\n- Như trên,\n- Lưu VP.\n\n"
        "TL. BAN THƯỜNG VỤ\nCHÁNH VĂN PHÒNG\n\nLê Thị Thu\n\n"
        "Phụ lục\nBẢNG TỔNG HỢP ĐẢNG PHÍ\n"
        "(Kèm theo Công văn số 57-CV/ĐU ngày 02/12/2026 của Ban Thường vụ Đảng ủy phường)\n\n"
        "STT | Chi bộ | Số tiền\n"
    )
    directive = parse_text(text)
    assert (directive.number, str(directive.date)) == ("57-CV/ĐU", "2026-12-02")


@pytest.mark.parametrize(
    ("clause", "issuer"),
    [
        # A committee's standing organ acts in its name: the text is the committee's.
        (
            "Thực hiện kết luận của hội nghị tháng 11, Ban Thường vụ Đảng ủy Sở Giáo dục và"
            " Đào tạo đề nghị các chi bộ thực hiện:",
            "Đảng ủy Sở Giáo dục và Đào tạo",
        ),
        ("Thường trực Huyện ủy yêu cầu các tổ chức đảng thực hiện:", "Huyện ủy"),
        (
            "Ban Chấp hành Đảng ủy phường Hòa Khánh yêu cầu các chi bộ thực hiện:",
            "Đảng ủy phường Hòa Khánh",
        ),
        ("Ban Thường vụ Quận ủy thông báo như sau:", "Quận ủy"),
        # Other boards issue in their own name.
        (
            "Ban Thường trực Ủy ban MTTQ Việt Nam phường Tân Định đề nghị các khu phố:",
            "Ban Thường trực Ủy ban MTTQ Việt Nam phường Tân Định",
        ),
        (
            "Ban Chấp hành Đoàn trường THPT Nguyễn Du triển khai kế hoạch như sau:",
            "Ban Chấp hành Đoàn trường THPT Nguyễn Du",
        ),
        (
            "Ủy ban Kiểm tra Đảng ủy Sở yêu cầu các chi bộ báo cáo:",
            "Ủy ban Kiểm tra Đảng ủy Sở",
        ),
        (
            "Ban Chấp hành Công đoàn ngành Giáo dục tỉnh xây dựng kế hoạch như sau:",
            "Ban Chấp hành Công đoàn ngành Giáo dục tỉnh",
        ),
        (
            "Chủ tịch Hội Cựu chiến binh phường 5 đề nghị các chi hội:",
            "Hội Cựu chiến binh phường 5",
        ),
        (
            "Chi ủy Chi bộ Trường THPT Nguyễn Du đề nghị các đảng viên thực hiện:",
            "Chi ủy Chi bộ Trường THPT Nguyễn Du",
        ),
        (
            "Hiệu trưởng Trường THCS Phan Bội Châu yêu cầu các tổ chuyên môn thực hiện:",
            "Trường THCS Phan Bội Châu",
        ),
        ("Bí thư Đảng ủy phường 5 yêu cầu các chi bộ thực hiện:", "Đảng ủy phường 5"),
        ("Phó Bí thư Thường trực Huyện ủy Củ Chi có ý kiến như sau:", "Huyện ủy Củ Chi"),
        (
            "Trưởng phòng Giáo dục và Đào tạo đề nghị hiệu trưởng các trường thực hiện:",
            "Phòng Giáo dục và Đào tạo",
        ),
        (
            "Phó Trưởng ban Tuyên giáo Đảng ủy Sở đề nghị các chi bộ thực hiện:",
            "Ban Tuyên giáo Đảng ủy Sở",
        ),
        (
            "Thực hiện Công văn số 88/PGDĐT ngày 02/3/2027, Trường Tiểu học Hoà Khánh báo cáo"
            " kết quả như sau:",
            "Trường Tiểu học Hòa Khánh",
        ),
    ],
)
def test_a_headerless_text_names_its_issuer_in_the_issuing_clause(clause: str, issuer: str) -> None:
    text = f"Kính gửi: Các đơn vị trực thuộc\n\n{clause}\n\n1. Báo cáo trước ngày 20/12/2027.\n"
    assert parse_text(text).issuer == issuer


def test_the_standing_organ_in_an_annex_caption_names_its_committee() -> None:
    text = (
        "Kính gửi: Các chi bộ trực thuộc\n\n"
        "Các chi bộ nộp bảng tổng hợp đảng phí trước ngày 20/12/2026.\n\n"
        "TL. BAN THƯỜNG VỤ\nCHÁNH VĂN PHÒNG\n\nLê Thị Thu\n\n"
        "Phụ lục\nBẢNG TỔNG HỢP ĐẢNG PHÍ\n"
        "(Kèm theo Công văn số 57-CV/ĐU ngày 02/12/2026 của Ban Thường vụ Đảng ủy phường"
        " Hòa Khánh)\n\nSTT | Chi bộ | Số tiền\n"
    )
    directive = parse_text(text)
    assert (directive.issuer, directive.issuer_code) == ("Đảng ủy phường Hòa Khánh", "ĐU")


# A pasted text without "Nơi nhận": the signature ends it, or footnotes or an annex follow.
HEADERLESS_SIGNATURES = [
    (["HIỆU TRƯỞNG", "(Đã ký)", "PHAN THỊ KIM OANH"], ("Phan Thị Kim Oanh", "HIỆU TRƯỞNG")),
    (["T/M CHI BỘ", "BÍ THƯ", "NGUYỄN Văn Hậu"], ("Nguyễn Văn Hậu", "BÍ THƯ")),
    (
        ["T/M BAN CHẤP HÀNH", "BÍ THƯ", "Lê Văn Tám", "T/M ỦY BAN KIỂM TRA", "CHỦ NHIỆM"]
        + ["Hồ Thị Bé"],
        ("Lê Văn Tám", "BÍ THƯ"),
    ),
    (
        ["T/M ĐẢNG ỦY | T/M CÔNG ĐOÀN", "BÍ THƯ | CHỦ TỊCH", "(Đã ký) | (Đã ký)"]
        + ["TRỊNH VĂN LONG | MAI THỊ LAN"],
        ("Trịnh Văn Long", "BÍ THƯ"),
    ),
]


@pytest.mark.parametrize(
    "after", [[], ["[1] Số liệu đến ngày 15/3/2027."], ["PHỤ LỤC", "TT | Lớp"]]
)
@pytest.mark.parametrize(("block", "signer"), HEADERLESS_SIGNATURES)
def test_a_headerless_text_names_its_signer(
    block: list[str], signer: tuple[str, str], after: list[str]
) -> None:
    text = "\n".join([REPORT.strip(), *block, *after])
    directive = parse_text(text)
    assert (directive.signer.name, directive.signer.title) == signer
    assert directive.doc_type == "BC"
