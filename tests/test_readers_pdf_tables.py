"""A PDF's ruled tables read a row a line, cells joined with " | ", as a .docx or .txt of
the same document gives them: invented documents set with reportlab's Table (grid lines,
wrapped and merged cells, a table across a page break), read as an uploaded PDF is
(readers.read_bytes). The text outside the tables is read exactly as before.
"""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import pytest
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

from knowledge.parse import pdf_tables
from knowledge.parse.directive import parse_text
from knowledge.parse.paragraphs import split_paragraphs
from knowledge.parse.pdf_pages import join_pages
from knowledge.parse.readers import read_bytes
from tests.support_readers import DEJAVU

HEADER = [
    ["ỦY BAN NHÂN DÂN XÃ TÂN PHÚ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
    ["Số: 48/KH-UBND", "Tân Phú, ngày 12 tháng 3 năm 2026"],
]
INTRO = [
    "KẾ HOẠCH",
    "Triển khai chuyển đổi số trong cải cách hành chính năm 2026",
    "Ủy ban nhân dân xã giao nhiệm vụ cho các đơn vị như sau:",
]
TASKS = [
    ["STT", "Nội dung", "Đơn vị chủ trì", "Thời gian hoàn thành"],
    [
        "1",
        "Rà soát, số hóa hồ sơ, kết quả giải quyết thủ tục hành chính còn hiệu lực",
        "Văn phòng HĐND và UBND xã",
        "Trước ngày 30/6/2026",
    ],
    [
        "2",
        "Tập huấn kỹ năng số cho cán bộ, công chức và tổ công nghệ số cộng đồng",
        "Phòng Văn hóa - Xã hội",
        "Tháng 4/2026",
    ],
    [
        "3",
        "Tuyên truyền dịch vụ công trực tuyến toàn trình đến từng hộ gia đình",
        "Đoàn Thanh niên xã",
        "Hằng quý",
    ],
]
CLOSING = "Các đơn vị báo cáo kết quả thực hiện về Văn phòng trước ngày 15/12/2026."
GRID = [("GRID", (0, 0), (-1, -1), 0.5, (0, 0, 0))]


def _styles() -> ParagraphStyle:
    font = "Helvetica"
    if DEJAVU.exists():
        pdfmetrics.registerFont(TTFont("DejaVuSans", str(DEJAVU)))
        font = "DejaVuSans"
    return ParagraphStyle("body", fontName=font, fontSize=11, leading=14)


def _table(
    rows: list[list[str]], widths: list[float], style: list[Any] | None = None, repeat: int = 0
) -> Table:
    body = _styles()
    cells = [[Paragraph(cell, body) if cell else "" for cell in row] for row in rows]
    table = Table(cells, colWidths=widths, repeatRows=repeat)
    table.setStyle(TableStyle(GRID if style is None else style))
    return table


def _pdf(story: list[Any]) -> bytes:
    """The story set on A4 pages, each numbered at its foot as offices print them."""
    body = _styles()
    flowables = [Paragraph(item, body) if isinstance(item, str) else item for item in story]

    def number(canvas: Any, doc: Any) -> None:
        canvas.setFont(body.fontName, 10)
        canvas.drawCentredString(A4[0] / 2, 30, str(doc.page))

    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4).build(flowables, onFirstPage=number, onLaterPages=number)
    return out.getvalue()


def _lines(data: bytes) -> list[str]:
    return read_bytes(data, "ke-hoach.pdf").text.split("\n")


def _layout_header() -> Table:
    """The header block side by side without borders (never a data table)."""
    return _table(HEADER, [200, 250], style=[])


def _task_document() -> bytes:
    return _pdf([_layout_header(), *INTRO, _table(TASKS, [40, 190, 110, 110]), CLOSING])


def test_a_task_table_is_read_a_row_a_line_the_deadline_beside_its_task() -> None:
    lines = _lines(_task_document())
    rows = [" | ".join(row) for row in TASKS]
    start = lines.index(rows[0])
    assert lines[start : start + len(rows)] == rows  # wrapped cells joined inside the cell
    assert lines[start - 1] == INTRO[-1] and lines[start + len(rows)] == CLOSING


def test_the_deadlines_of_a_pdf_table_are_those_of_the_same_text() -> None:
    text = read_bytes(_task_document(), "ke-hoach.pdf").text
    plain = "\n".join([*HEADER[0], *HEADER[1], *INTRO, *(" | ".join(r) for r in TASKS), CLOSING])
    assert text == plain  # the PDF reads as the .txt of the same document
    found = [(d.text, d.unit, d.due) for d in parse_text(text).deadlines]
    assert (" | ".join(TASKS[1]), TASKS[1][2], date(2026, 6, 30)) in found  # the row as printed


def test_text_outside_the_tables_is_read_as_pypdf_reads_it() -> None:
    data = _task_document()
    plain = join_pages([page.extract_text() for page in PdfReader(io.BytesIO(data)).pages])
    kept = [line for line in plain.split("\n") if line.strip()]
    lines = [line for line in _lines(data) if " | " not in line]
    cells = {cell for row in TASKS for cell in row}
    # pypdf's text less the table's cells (their wrapped pieces too) is the text outside
    assert lines == [line for line in kept if not _piece_of(line, cells)]
    assert lines[:4] == [*HEADER[0], *HEADER[1]]  # the borderless header cell by cell


def _piece_of(line: str, cells: set[str]) -> bool:
    return any(line.strip() in cell for cell in cells)


def test_a_table_across_page_breaks_keeps_every_row_its_header_row_once() -> None:
    rows = [["STT", "Xã, phường", "Số hộ được hỗ trợ", "Ghi chú"]]
    for i in range(1, 61):
        rows.append([str(i), f"Thôn Bản Mới {i}", f"{100 + i} hộ", "Hoàn thành trước quý III"])
    # the header row is repeated at the top of each page; rows that differ only in their
    # digits meet at the page edges, where running headers are looked for
    data = _pdf([*INTRO, _table(rows, [40, 160, 120, 130], repeat=1), CLOSING])
    assert len(PdfReader(io.BytesIO(data)).pages) >= 3
    lines = _lines(data)
    table = [line for line in lines if " | " in line]
    assert table == [" | ".join(row) for row in rows]
    assert "1" not in lines and "2" not in lines  # the page numbers, not rows
    assert lines[-1] == CLOSING


def test_a_long_table_row_does_not_hide_that_the_body_is_wrapped() -> None:
    wrapped = [  # the wrap puts a name at a line start: only the width tells it continues
        "1. Ban Chỉ đạo chuyển đổi số xã chủ trì, phối hợp với Ủy ban Mặt trận",
        "Tổ quốc Việt Nam xã rà soát hồ sơ thủ tục hành chính, cập nhật dữ liệu",
        "dân cư, báo cáo kết quả về Ủy ban nhân dân xã trước ngày 30/6/2026.",
    ] * 4
    row = " | ".join(
        ["1", "Rà soát hồ sơ thủ tục hành chính còn hiệu lực " * 4, "Văn phòng", "Quý II"]
    )
    paragraphs = [p.text for p in split_paragraphs("\n".join([*wrapped, row]))]
    assert paragraphs[0] == " ".join(wrapped[:3]) and paragraphs[-1] == row


def test_merged_cells_are_read_once_and_empty_trailing_cells_dropped() -> None:
    rows = [
        ["STT", "Nội dung", "Đơn vị chủ trì", "Thời gian hoàn thành"],
        ["I", "NHIỆM VỤ TRỌNG TÂM", "", ""],
        ["1", "Kiện toàn Ban Chỉ đạo chuyển đổi số xã", "Văn phòng Đảng ủy", "Tháng 3/2026"],
        ["2", "Cập nhật dữ liệu dân cư vào hệ thống", "Công an xã", ""],
        ["3", "Rà soát thuê bao di động chính chủ", "", "Quý II/2026"],
    ]
    span = [("SPAN", (1, 1), (3, 1)), ("SPAN", (2, 3), (2, 4))]
    lines = _lines(_pdf([*INTRO, _table(rows, [40, 190, 110, 110], GRID + span)]))
    assert [line for line in lines if " | " in line] == [
        "STT | Nội dung | Đơn vị chủ trì | Thời gian hoàn thành",
        "I | NHIỆM VỤ TRỌNG TÂM",
        "1 | Kiện toàn Ban Chỉ đạo chuyển đổi số xã | Văn phòng Đảng ủy | Tháng 3/2026",
        "2 | Cập nhật dữ liệu dân cư vào hệ thống | Công an xã",
        "3 | Rà soát thuê bao di động chính chủ | Quý II/2026",
    ]


def test_a_word_cut_by_a_hyphen_inside_a_cell_joins_back() -> None:
    rows = [["Văn bản", "Hạn"], ["Thực hiện Nghị định số 45/2026/NĐ-\nCP của Chính phủ", "Tháng 5"]]
    cells = [[cell.replace("\n", "<br/>") for cell in row] for row in rows]
    lines = _lines(_pdf([*INTRO, _table(cells, [300, 100])]))
    assert "Thực hiện Nghị định số 45/2026/NĐ-CP của Chính phủ | Tháng 5" in lines


def test_a_frame_around_a_paragraph_is_not_a_table() -> None:
    note = "Lưu ý: Hồ sơ nộp trực tuyến trên Cổng dịch vụ công quốc gia, không nhận bản giấy."
    framed = _pdf([*INTRO, _table([[note]], [400])])
    plain = join_pages([page.extract_text() for page in PdfReader(io.BytesIO(framed)).pages])
    assert read_bytes(framed, "ke-hoach.pdf").text == plain


def test_a_text_only_pdf_is_read_as_before_without_looking_for_tables(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def refuse(*_: object) -> dict[int, list[pdf_tables.PageTable]]:
        raise AssertionError("a page without lines was searched for tables")

    data = _pdf([*INTRO, CLOSING])
    expected = join_pages([page.extract_text() for page in PdfReader(io.BytesIO(data)).pages])
    found = "knowledge.parse.pdf_text.find_tables"
    monkeypatch.setattr(found, lambda _data, pages: pages and refuse())
    assert read_bytes(data, "ke-hoach.pdf").text == expected


def test_when_tables_cannot_be_found_the_page_is_read_as_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = _task_document()
    plain = join_pages([page.extract_text() for page in PdfReader(io.BytesIO(data)).pages])
    monkeypatch.setattr(pdf_tables, "BUDGET_SECONDS", -1.0)  # out of time at once
    assert read_bytes(data, "ke-hoach.pdf").text == plain

    def broken(*_: object, **__: object) -> None:
        raise ValueError("damaged cross-reference table")

    monkeypatch.setattr(pdf_tables, "BUDGET_SECONDS", 4.0)
    monkeypatch.setattr("pdfplumber.open", broken)
    assert read_bytes(data, "ke-hoach.pdf").text == plain


def test_draws_lines_tells_path_operators_from_text() -> None:
    assert pdf_tables.draws_lines(b"0.5 w 72 700 m 520 700 l S")
    assert pdf_tables.draws_lines(b"72 600 448 100 re f")
    assert not pdf_tables.draws_lines(b"BT /F1 11 Tf 72 700 Td (Ke hoach) Tj ET")
