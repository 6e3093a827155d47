"""Office layouts read back as the text parser expects: PDF pages and lines, Word tables.

Every text here is invented; benchmarks/format_eval.py measures the same rules on the
real documents laid out as Word files and PDFs.
"""

from __future__ import annotations

import io

from docx import Document as WordDocument

from knowledge.parse.directive import parse_text
from knowledge.parse.paragraphs import split_paragraphs
from knowledge.parse.pdf_pages import join_cut_words, join_pages, page_number
from knowledge.parse.readers import read_bytes
from knowledge.parse.structure import parse_trailer

# A justified paragraph as a PDF wraps it: full lines, then a short last one.
WRAPPED = [
    "1. Các chi bộ tổ chức quán triệt Kế hoạch đến toàn thể đảng viên, gắn với",
    "việc thực hiện nhiệm vụ chính trị của đơn vị trong năm học 2026 - 2027,",
    "bảo đảm đúng thời gian, thành phần theo quy định của Đảng ủy Sở Giáo dục.",
    "2. Văn phòng Đảng ủy theo dõi, tổng hợp kết quả và báo cáo Ban Thường vụ.",
    "3. Ban Tuyên giáo phối hợp với các chi bộ tổ chức sinh hoạt chuyên đề theo",
    "đúng hướng dẫn; kết quả gửi về Văn phòng Đảng ủy trước ngày 20 tháng 12.",
    "4. Các đồng chí bí thư chi bộ chịu trách nhiệm trước Ban Thường vụ Đảng ủy",
    "về kết quả thực hiện Kế hoạch này tại chi bộ mình phụ trách.",
]


def _texts(lines: list[str]) -> list[str]:
    return [p.text for p in split_paragraphs("\n".join(lines))]


# --- pages: numbers, running headers, cut words ---------------------------------------------


def test_page_numbers_at_the_edges_are_dropped_a_table_cell_stays() -> None:
    pages = [
        "1\nĐẢNG ỦY SỞ GIÁO DỤC\nSố 15-KH/ĐU\nNội dung trang một",
        "- 2 -\nNội dung trang hai\n30",  # "30" ends page 2: a table cell, not its number
        "Nội dung trang ba\nTrang 3/3",
    ]
    lines = join_pages(pages).split("\n")
    assert "1" not in lines and "- 2 -" not in lines and "Trang 3/3" not in lines
    assert "30" in lines and "Số 15-KH/ĐU" in lines


def test_page_number_forms() -> None:
    assert page_number("- 4 -", 3, 9)
    assert page_number("Trang 4", 3, 9)
    assert page_number("4/9", 3, 9)
    assert not page_number("4", 5, 9)  # not that page's number
    assert not page_number("Điều 4", 3, 9)


def test_a_running_header_repeated_on_the_pages_is_dropped() -> None:
    running = "Kế hoạch số 15-KH/ĐU ngày 02/3/2026"
    pages = [
        "ĐẢNG ỦY SỞ GIÁO DỤC\nKẾ HOẠCH\nNội dung một",
        f"{running}\nNội dung hai",
        f"{running}\nNội dung ba",
        f"{running}\nNội dung bốn",
    ]
    text = join_pages(pages)
    assert running not in text
    assert "Nội dung bốn" in text


def test_table_rows_at_the_page_edges_stay_a_repeated_header_row_is_read_once() -> None:
    head = "STT | Đơn vị | Số đảng viên"
    pages = [
        f"KẾ HOẠCH\n{head}\n1 | Chi bộ thôn 1 | 21\n2 | Chi bộ thôn 2 | 22",
        f"{head}\n3 | Chi bộ thôn 3 | 23\n4 | Chi bộ thôn 4 | 24",
        f"{head}\n5 | Chi bộ thôn 5 | 25\n6 | Chi bộ thôn 6 | 26",
    ]
    lines = join_pages(pages).split("\n")
    # alike but for their digits, rows at the edges of every page are not running headers
    assert [line for line in lines if " | " in line][1:] == [
        f"{i} | Chi bộ thôn {i} | {20 + i}" for i in range(1, 7)
    ]
    assert lines.count(head) == 1


def test_a_later_page_repeating_the_number_line_loses_it_the_first_keeps_it() -> None:
    pages = [
        "ĐẢNG ỦY SỞ GIÁO DỤC\nSố 15-KH/ĐU\nKẾ HOẠCH\nCác chi bộ tổ chức",
        "Số 15-KH/ĐU\nthực hiện nghiêm túc.",
    ]
    lines = join_pages(pages).split("\n")
    assert lines.count("Số 15-KH/ĐU") == 1
    assert lines[1] == "Số 15-KH/ĐU"


def test_a_page_break_is_a_blank_line_and_a_cut_sentence_joins_back() -> None:
    pages = ["I. NỘI DUNG\n1. Các chi bộ tổ chức học tập cho", "đảng viên trước ngày 10/5/2026."]
    text = join_pages(pages)
    assert (
        text == "I. NỘI DUNG\n1. Các chi bộ tổ chức học tập cho\n\nđảng viên trước ngày 10/5/2026."
    )
    assert _texts(text.split("\n"))[-1].endswith("học tập cho đảng viên trước ngày 10/5/2026.")


def test_words_cut_by_a_hyphen_join_back() -> None:
    assert join_cut_words("theo Nghị định số 12/2026/NĐ-\nCP của Chính phủ") == (
        "theo Nghị định số 12/2026/NĐ-CP của Chính phủ"
    )
    assert join_cut_words("chuyển đổi\u00ad\nsố") == "chuyển đổisố"
    # A dash between words keeps its line break: "kinh tế -" / "xã hội".
    assert join_cut_words("phát triển kinh tế -\nxã hội") == "phát triển kinh tế -\nxã hội"


# --- lines to paragraphs ----------------------------------------------------------------------


def test_wrapped_lines_join_and_numbered_items_start_paragraphs() -> None:
    texts = _texts(WRAPPED)
    assert len(texts) == 4
    assert [t[:2] for t in texts] == ["1.", "2.", "3.", "4."]
    assert texts[2].endswith("trước ngày 20 tháng 12.")


def test_a_short_line_ending_a_sentence_ends_its_paragraph() -> None:
    lines = [
        *WRAPPED[:3],
        "Điều 2. Kế hoạch này có hiệu lực kể từ ngày ký ban hành.",  # long, but a sentence end
        "Văn phòng Đảng ủy, các chi bộ trực thuộc chịu trách nhiệm thi hành Kế hoạch",
        "này và báo cáo kết quả về Ban Thường vụ Đảng ủy theo định kỳ hằng quý.",
    ]
    texts = _texts(lines)
    assert texts[1] == "Điều 2. Kế hoạch này có hiệu lực kể từ ngày ký ban hành."
    assert texts[2].startswith("Văn phòng Đảng ủy")


def test_an_article_number_carried_to_a_line_start_stays_in_its_sentence() -> None:
    lines = [
        *WRAPPED,
        "- Các chi bộ thực hiện chế độ báo cáo theo đúng quy định tại khoản 2",
        "Điều 12 Quy định số 24-QĐ/ĐU của Ban Thường vụ Đảng ủy Sở năm 2026.",
        "Điều 3. Các chi bộ chịu trách nhiệm thi hành Kế hoạch này đúng thời hạn.",
    ]
    texts = _texts(lines)[4:]
    assert texts[0].endswith(
        "khoản 2 Điều 12 Quy định số 24-QĐ/ĐU của Ban Thường vụ Đảng ủy Sở năm 2026."
    )
    assert texts[1].startswith("Điều 3.")


def test_a_heading_in_capitals_wrapped_over_lines_is_one_paragraph() -> None:
    lines = [
        "ĐẢNG ỦY SỞ GIÁO DỤC VÀ ĐÀO TẠO",
        "KẾ HOẠCH",
        "TỔ CHỨC CÁC HOẠT ĐỘNG KỶ NIỆM NGÀY THÀNH LẬP ĐẢNG VÀ",
        "MỪNG XUÂN BÍNH NGỌ NĂM 2026 TRONG ĐẢNG BỘ",
        *WRAPPED,
    ]
    texts = _texts(lines)
    assert texts[:3] == [
        "ĐẢNG ỦY SỞ GIÁO DỤC VÀ ĐÀO TẠO",  # a short header line takes nothing
        "KẾ HOẠCH",
        "TỔ CHỨC CÁC HOẠT ĐỘNG KỶ NIỆM NGÀY THÀNH LẬP ĐẢNG VÀ MỪNG XUÂN BÍNH NGỌ NĂM 2026"
        " TRONG ĐẢNG BỘ",
    ]


def test_footnotes_in_small_print_do_not_widen_the_body() -> None:
    notes = [
        "[1] Hướng dẫn số 12-HD/BTGTU ngày 05 tháng 01 năm 2026 của Ban Tuyên giáo Thành ủy về"
        " công tác",
        "tuyên truyền kỷ niệm các ngày lễ lớn trong năm 2026 trên địa bàn Thành phố Hồ Chí Minh.",
        "[2] Kế hoạch số 08-KH/ĐU ngày 10 tháng 01 năm 2026 của Ban Thường vụ Đảng ủy Sở Giáo dục.",
    ]
    texts = _texts([*WRAPPED, *WRAPPED, *notes])
    assert len(texts) == 10
    assert texts[-1].startswith("[2]")


# --- the header and the closing of a PDF --------------------------------------------------------


def test_the_national_title_cut_by_its_cell_is_not_the_issuer() -> None:
    text = "\n".join(
        [
            "ỦY BAN NHÂN DÂN",
            "XÃ PHƯỚC HÒA",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA",
            "VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "Số: 45/KH-UBND",
            "Phước Hòa, ngày 03 tháng 3 năm 2026",
            "KẾ HOẠCH",
            "Tổ chức Ngày hội Đại đoàn kết toàn dân tộc năm 2026",
            *WRAPPED,
        ]
    )
    directive = parse_text(text)
    assert directive.issuer == "ỦY BAN NHÂN DÂN XÃ PHƯỚC HÒA"
    assert (directive.number, directive.doc_type) == ("45/KH-UBND", "KH")


def test_recipients_cut_by_their_cell_and_a_signer_title_cut_in_two() -> None:
    texts = [
        "Nội dung cuối của văn bản./.",
        "Nơi nhận:",
        "- Các Bộ: GD&ĐT, Nội vụ, Tài chính,",
        "KH&CN, NN&MT;",
        "- Trưởng phòng: VX, NC,",
        "THKSTTHC;",
        "- Đài Truyền thanh xã, Trang TTĐT của",
        "UBND",
        "- Lưu: VT, VX.",
        "KT. TRƯỞNG BAN",
        "PHÓ TRƯỞNG BAN THƯỜNG",
        "TRỰC",
        "Nguyễn Thị Lan",
    ]
    trailer = parse_trailer(texts, 1, lambda i: i == len(texts))
    assert trailer.recipients == [
        "Các Bộ: GD&ĐT, Nội vụ, Tài chính, KH&CN, NN&MT",
        "Trưởng phòng: VX, NC, THKSTTHC",
        "Đài Truyền thanh xã, Trang TTĐT của UBND",
        "Lưu: VT, VX",
    ]
    assert trailer.signer.name == "Nguyễn Thị Lan"
    assert trailer.signer.title == "PHÓ TRƯỞNG BAN THƯỜNG TRỰC"
    assert trailer.signer.authority == "KT. TRƯỞNG BAN"


# --- Word tables ---------------------------------------------------------------------------------


def _docx(build: object) -> list[str]:
    document = WordDocument()
    build(document)  # type: ignore[operator]
    out = io.BytesIO()
    document.save(out)
    return read_bytes(out.getvalue(), "ke-hoach.docx").text.split("\n")


def _cell(cell: object, lines: list[str]) -> None:
    cell.text = lines[0]  # type: ignore[attr-defined]
    for line in lines[1:]:
        cell.add_paragraph(line)  # type: ignore[attr-defined]


def test_a_data_table_is_read_a_row_a_line_merged_cells_once() -> None:
    def build(document: object) -> None:
        document.add_paragraph("Phân công thực hiện:")  # type: ignore[attr-defined]
        table = document.add_table(rows=3, cols=3)  # type: ignore[attr-defined]
        for row, cells in zip(
            table.rows,
            [["TT", "Nội dung", "Thời hạn"], ["1", "Sơ kết học kỳ I", "15/01/2027"]],
            strict=False,
        ):
            for cell, text in zip(row.cells, cells, strict=True):
                cell.text = text
        last = table.rows[2].cells
        last[0].text = "2"
        last[1].merge(last[2]).text = "Tổng kết năm học (thời hạn theo hướng dẫn của Sở)"

    lines = _docx(build)
    assert lines[lines.index("Phân công thực hiện:") + 1 :][:3] == [
        "TT | Nội dung | Thời hạn",
        "1 | Sơ kết học kỳ I | 15/01/2027",
        "2 | Tổng kết năm học (thời hạn theo hướng dẫn của Sở)",
    ]


def test_header_and_closing_tables_are_read_cell_by_cell_in_the_parser_order() -> None:
    def build(document: object) -> None:
        header = document.add_table(rows=2, cols=2)  # type: ignore[attr-defined]
        _cell(header.rows[0].cells[0], ["ỦY BAN NHÂN DÂN", "PHƯỜNG BÌNH TRƯNG"])
        _cell(
            header.rows[0].cells[1],
            ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"],
        )
        _cell(header.rows[1].cells[0], ["Số: 112/UBND-VX", "V/v tổ chức Tết Trung thu năm 2026"])
        _cell(header.rows[1].cells[1], ["Bình Trưng, ngày 20 tháng 8 năm 2026"])
        document.add_paragraph("Kính gửi: Các trường mầm non, tiểu học trên địa bàn phường.")  # type: ignore[attr-defined]
        document.add_paragraph(
            "Các trường báo cáo kết quả về Ủy ban nhân dân phường trước ngày 25/9/2026."
        )  # type: ignore[attr-defined]
        closing = document.add_table(rows=1, cols=2)  # type: ignore[attr-defined]
        _cell(closing.rows[0].cells[0], ["Nơi nhận:", "- Như trên;", "- Lưu: VT."])
        _cell(closing.rows[0].cells[1], ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Trần Văn Bình"])

    lines = [line for line in _docx(build) if line]
    assert lines[:7] == [
        "ỦY BAN NHÂN DÂN",
        "PHƯỜNG BÌNH TRƯNG",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 112/UBND-VX",
        "V/v tổ chức Tết Trung thu năm 2026",
        "Bình Trưng, ngày 20 tháng 8 năm 2026",
    ]
    directive = parse_text("\n".join(lines))
    assert (directive.number, directive.issuer) == (
        "112/UBND-VX",
        "ỦY BAN NHÂN DÂN PHƯỜNG BÌNH TRƯNG",
    )
    assert directive.signer.name == "Trần Văn Bình"
    assert len(directive.deadlines) == 1
