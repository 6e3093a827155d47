"""A PDF's wrapped lines and page breaks read back as paragraphs: invented documents
drawn line by line with reportlab, read as an uploaded PDF is (readers.read_bytes).

What a wrap puts at a line start in mid-sentence (the second half of "chính trị - xã
hội", a number after "số" or "nhiệm kỳ", "1.245 hộ" after "186 thôn,", "Điều 12" after
"(khoản 2,") continues its paragraph; what a page break puts there (a dash item, a
heading) never does, and a long body paragraph is never read into the title.
"""

from __future__ import annotations

import io

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from knowledge.parse.directive import parse_text
from knowledge.parse.paragraphs import split_paragraphs
from knowledge.parse.readers import read_bytes
from knowledge.search.passages import passages_of
from tests.support_readers import DEJAVU

HEADER = [
    "HUYỆN ỦY ĐÔNG SƠN",
    "ĐẢNG CỘNG SẢN VIỆT NAM",
    "Số 27-KH/HU",
    "Đông Sơn, ngày 09 tháng 3 năm 2026",
    "KẾ HOẠCH",
    "TUYÊN TRUYỀN, VẬN ĐỘNG NHÂN DÂN XÂY DỰNG NÔNG THÔN MỚI NĂM 2026",
]
# Body lines as a justified page wraps them: full lines, a short last line.
BODY = [
    "1. Ban Dân vận Huyện ủy chủ trì, phối hợp với Ủy ban Mặt trận Tổ quốc huyện",
    "và các đoàn thể hướng dẫn các chi bộ, cơ quan, đơn vị triển khai Kế hoạch",
    "này đến cán bộ, đảng viên và Nhân dân; theo dõi, đôn đốc việc thực hiện.",
    "2. Các chi bộ phối hợp với Ban Công tác Mặt trận và các đoàn thể chính trị",
    "- xã hội ở khu dân cư vận động Nhân dân tham gia xây dựng nông thôn mới,",
    "đô thị văn minh; kết quả gửi về Văn phòng Huyện ủy trước ngày 15/12/2026.",
    "3. Qua rà soát, toàn huyện hiện có 12 xã, thị trấn với 186 thôn, tổ dân phố,",
    "1.245 hộ gia đình thuộc diện hộ nghèo theo chuẩn nghèo đa chiều, cần được",
    "hỗ trợ kịp thời; chi bộ cập nhật danh sách theo nhiệm kỳ",  # short: a wider font
    "2025 - 2030 và gửi Ban Tuyên giáo Huyện ủy để tổng hợp, báo cáo.",
    "4. Chi bộ nào chưa thực hiện đúng quy định về chế độ báo cáo (khoản 2,",
    "Điều 12 Quy chế làm việc của Ban Chấp hành Đảng bộ huyện) thì bí thư chi",
    "bộ kiểm điểm, báo cáo giải trình với Ban Thường vụ Huyện ủy bằng văn bản.",
]


def _pdf(pages: list[list[str]]) -> str:
    """The text a PDF of these pages reads back as (lines drawn one under another)."""
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4)
    font = "Helvetica"
    if DEJAVU.exists():
        pdfmetrics.registerFont(TTFont("DejaVuSans", str(DEJAVU)))
        font = "DejaVuSans"
    for lines in pages:
        pdf.setFont(font, 11)
        for i, line in enumerate(lines):
            pdf.drawString(50, 800 - 16 * i, line)
        pdf.showPage()
    pdf.save()
    return read_bytes(out.getvalue(), "ke-hoach.pdf").text


def _paragraphs(text: str) -> list[str]:
    return [p.text for p in split_paragraphs(text)]


def test_what_a_wrap_carries_to_a_line_start_stays_in_its_sentence() -> None:
    texts = _paragraphs(_pdf([HEADER + BODY]))
    body = texts[texts.index("KẾ HOẠCH") + 2 :]
    assert [t[:2] for t in body] == ["1.", "2.", "3.", "4."]
    assert "các đoàn thể chính trị - xã hội ở khu dân cư" in body[1]
    assert "186 thôn, tổ dân phố, 1.245 hộ gia đình" in body[2]
    assert "danh sách theo nhiệm kỳ 2025 - 2030 và gửi" in body[2]
    assert "(khoản 2, Điều 12 Quy chế làm việc" in body[3]


def test_a_dash_item_after_a_closed_line_opens_a_paragraph() -> None:
    items = [
        "- Tuyên truyền các chủ trương của Đảng, chính sách, pháp luật của Nhà nước;",
        "- Vận động Nhân dân hiến đất, góp công xây dựng đường giao thông nông thôn.",
    ]
    texts = _paragraphs(_pdf([HEADER + BODY + items]))
    assert texts[-2:] == items


def test_a_page_break_never_joins_a_dash_item_or_a_heading() -> None:
    # Page 1 ends in a full line without a closing mark; page 2 opens with an item.
    first = [
        *HEADER,
        *BODY[:3],
        "5. Nội dung tuyên truyền tập trung vào những vấn đề chủ yếu sau đây gồm",
    ]
    second = [
        "- Tuyên truyền các chủ trương của Đảng, chính sách, pháp luật của Nhà nước;",
        "II. TỔ CHỨC THỰC HIỆN",
        *BODY[3:],
    ]
    directive = parse_text(_pdf([first, second]))
    assert directive.title == "Tuyên truyền, vận động nhân dân xây dựng nông thôn mới năm 2026"
    texts = _paragraphs(directive.text)
    assert texts[texts.index("II. TỔ CHỨC THỰC HIỆN") - 1].startswith("- Tuyên truyền")
    assert texts[texts.index("II. TỔ CHỨC THỰC HIỆN") - 2].endswith("chủ yếu sau đây gồm")


def test_a_long_body_paragraph_is_not_read_into_the_title() -> None:
    # The opening paragraph's wrap left "Công nghiệp" at its end and the dash item-like
    # "- Viễn thông Quân đội." on the next line: the paragraph ends open.
    opening = [
        "Ngày 05 tháng 3 năm 2026, tại trụ sở Huyện ủy, Ban Thường vụ Huyện ủy đã làm",
        "việc với các cơ quan, đơn vị về tình hình phát triển hạ tầng số trên địa bàn",
        "huyện. Cùng dự buổi làm việc có lãnh đạo các phòng, ban chuyên môn của Ủy",
        "ban nhân dân huyện, Trung tâm Văn hóa, Thông tin và Thể thao huyện, Bưu",
        "điện huyện và đại diện các doanh nghiệp viễn thông trên địa bàn: Tập đoàn",
        "Bưu chính Viễn thông Việt Nam, chi nhánh Tổng công ty Hạ tầng mạng, Tập",
        "đoàn Công nghiệp",
        "- Viễn thông Quân đội.",
    ]
    title = HEADER[:4] + ["THÔNG BÁO", "KẾT LUẬN CỦA BAN THƯỜNG VỤ HUYỆN ỦY"]
    directive = parse_text(_pdf([title + opening + BODY]))
    assert directive.title == "Kết luận của ban thường vụ huyện ủy"


def test_the_search_rows_of_a_pdf_are_the_parser_paragraphs() -> None:
    second = ["II. TỔ CHỨC THỰC HIỆN", *BODY[3:], "Nơi nhận:", "- Như trên,", "- Lưu VP."]
    directive = parse_text(_pdf([HEADER + BODY[:3], second]))
    rows = [row.text for row in passages_of(directive)]
    assert rows == [p.strip() for p in _paragraphs(directive.text) if p.strip()]
    lines = {line.strip() for s in directive.sections for line in s.text.split("\n")}
    assert lines - {""} <= set(rows)  # every line of every section is one of the rows


def test_a_line_ending_in_a_word_that_never_ends_a_sentence_continues() -> None:
    # A centred caption and a narrow recipients cell: short lines, cut after "của".
    annex = [
        "PHỤ LỤC",
        "(Kèm theo Kế hoạch số 27-KH/HU ngày 09/3/2026 của",
        "Ban Thường vụ Huyện ủy)",
        "- Đường dây nóng của Văn phòng Huyện ủy: điện thoại số",
        "(0237) 3690 215, địa chỉ: số 12 đường Nguyễn Trãi, thị trấn Rừng Thông.",
    ]
    texts = _paragraphs(_pdf([HEADER + BODY + annex]))
    assert texts[-3:] == [
        "PHỤ LỤC",
        "(Kèm theo Kế hoạch số 27-KH/HU ngày 09/3/2026 của Ban Thường vụ Huyện ủy)",
        "- Đường dây nóng của Văn phòng Huyện ủy: điện thoại số (0237) 3690 215, địa chỉ:"
        " số 12 đường Nguyễn Trãi, thị trấn Rừng Thông.",
    ]
