"""Writers for a Layout: a .docx as offices make them, and a PDF as they print them.

The .docx: a borderless header table (two rows for a State document, one for a Party
document), body paragraphs justified with a first-line indent, headings in capitals
centred and bold, `a | b | c` runs as real Word tables (a short row's last cell merged
to the table's width), "Nơi nhận" beside the signer block in a closing table, footnotes
and annexes as trailing paragraphs.

The PDF (reportlab, DejaVu Serif): A4 with the margins of Decree 30/2020, the same
tables, justified paragraphs with a first-line indent wrapped at the page width, a page
number at the foot of every page and a running header (the document's number) from the
second page on. pypdf reads it back line by line, as it reads an office's PDF.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from format_layout import Block, Layout, is_caps

FONTS = Path("/usr/share/fonts/truetype/dejavu")
INDENT_CM = 1.0


def write_docx(layout: Layout, path: Path) -> None:
    """The layout as a Word file."""
    import docx
    from docx.shared import Cm, Pt

    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin, section.right_margin = Cm(3), Cm(2)
    document.styles["Normal"].font.name = "Times New Roman"
    document.styles["Normal"].font.size = Pt(13)
    if layout.header:
        table = document.add_table(rows=len(layout.header), cols=2)
        for row, cells in zip(table.rows, layout.header, strict=True):
            for cell, lines in zip(row.cells, cells, strict=True):
                _cell_lines(cell, lines)
    _docx_blocks(document, layout.body)
    if layout.closing:
        row = document.add_table(rows=1, cols=2).rows[0]
        _cell_lines(row.cells[0], layout.closing[0], centred=False)
        _cell_lines(row.cells[1], layout.closing[1])
    _docx_blocks(document, layout.tail)
    document.save(str(path))


def _cell_lines(cell: Any, lines: list[str], centred: bool = True) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    for index, line in enumerate(lines or [""]):
        paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
        paragraph.add_run(line).bold = is_caps(line)
        if centred:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _docx_blocks(document: Any, blocks: list[Block]) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm

    for block in blocks:
        if isinstance(block, list):
            _docx_table(document, block)
            continue
        paragraph = document.add_paragraph()
        paragraph.add_run(block).bold = is_caps(block)
        if is_caps(block):
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        else:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            paragraph.paragraph_format.first_line_indent = Cm(INDENT_CM)


def _docx_table(document: Any, rows: list[list[str]]) -> None:
    width = max(len(row) for row in rows)
    table = document.add_table(rows=len(rows), cols=width)
    table.style = "Table Grid"
    for row, cells in zip(table.rows, rows, strict=True):
        targets = row.cells
        if len(cells) < width:  # a short row: its last cell spans the rest of the width
            targets = [*targets[: len(cells) - 1], targets[len(cells) - 1].merge(targets[-1])]
        for cell, text in zip(targets, cells, strict=False):
            cell.text = text


# --- PDF ----------------------------------------------------------------------------------


def _styles() -> dict[str, Any]:
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for name, file in (("Serif", "DejaVuSerif"), ("SerifBold", "DejaVuSerif-Bold")):
        pdfmetrics.registerFont(TTFont(name, str(FONTS / f"{file}.ttf")))
    body = ParagraphStyle(
        "body", fontName="Serif", fontSize=12, leading=16, alignment=TA_JUSTIFY,
        firstLineIndent=INDENT_CM * 28.35, spaceAfter=4,
    )  # fmt: skip
    return {
        "body": body,
        "heading": ParagraphStyle(
            "heading", body, fontName="SerifBold", alignment=TA_CENTER, firstLineIndent=0
        ),  # fmt: skip
        "centre": ParagraphStyle(
            "centre",
            body,
            fontSize=11,
            leading=14,
            alignment=TA_CENTER,
            firstLineIndent=0,
            spaceAfter=0,
        ),  # fmt: skip
        "left": ParagraphStyle(
            "left", body, fontSize=10, leading=12, alignment=0, firstLineIndent=0, spaceAfter=0
        ),  # fmt: skip
        "note": ParagraphStyle("note", body, fontSize=9, leading=11, firstLineIndent=0),
    }


def _para(text: str, style: Any, bold: Any = None) -> Any:
    from reportlab.platypus import Paragraph

    safe = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return Paragraph(safe, bold if bold is not None and is_caps(text) else style)


def write_pdf(layout: Layout, path: Path) -> None:
    """The layout as an A4 PDF with page numbers and a running header."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate, Table

    styles = _styles()
    centre, bold = styles["centre"], styles["heading"]
    width = A4[0] - 50 * mm
    story: list[Any] = []
    if layout.header:
        rows = [[[_para(x, centre, bold) for x in cell] for cell in row] for row in layout.header]
        story.append(Table(rows, colWidths=[width * 0.42, width * 0.58]))
    story += _pdf_blocks(layout.body, styles, width)
    if layout.closing:
        left = [_para(x, styles["left"]) for x in layout.closing[0]]
        right = [_para(x, centre, bold) for x in layout.closing[1]]
        story.append(Table([[left, right]], colWidths=[width * 0.5, width * 0.5]))
    story += _pdf_blocks(layout.tail, styles, width)
    title = layout.title()  # a number: a document without one gets no running header

    def decorate(canvas: Any, doc: Any) -> None:
        canvas.setFont("Serif", 10)
        canvas.drawCentredString(A4[0] / 2, 12 * mm, str(doc.page))
        if doc.page > 1 and title.startswith("Số"):
            canvas.drawString(30 * mm, A4[1] - 12 * mm, title)

    template = SimpleDocTemplate(
        str(path), pagesize=A4, leftMargin=30 * mm, rightMargin=20 * mm,
        topMargin=20 * mm, bottomMargin=20 * mm, title="", author="",
    )  # fmt: skip
    template.build(story, onFirstPage=decorate, onLaterPages=decorate)


def _pdf_blocks(blocks: list[Block], styles: dict[str, Any], width: float) -> list[Any]:
    from reportlab.platypus import Table, TableStyle

    out: list[Any] = []
    for block in blocks:
        if isinstance(block, str):
            style = styles["note"] if block.startswith("[") else styles["body"]
            out.append(_para(block, style, styles["heading"]))
            continue
        columns = max(len(row) for row in block)
        cell = styles["left"]
        rows = [[_para(c, cell) for c in row] + [""] * (columns - len(row)) for row in block]
        table = Table(rows, colWidths=[width / columns] * columns, repeatRows=0)
        table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, (0, 0, 0))]))
        out.append(table)
    return out
