"""The lines of a Word document's body, in the order the text parser reads a directive.

- Paragraphs and tables in document order; text boxes anchored in a paragraph after it
  (read once: Word stores each twice, as DrawingML and as a VML fallback).
- A layout table (the header: organisation, "*", "Số ..." beside the motto and the place
  and date; the closing: "Nơi nhận" beside the signer) is read cell by cell, row by row,
  each paragraph a line, an empty line after each row. A table is one when it has at most
  three rows and columns and a cell holds several lines (paragraphs or line breaks).
- A data table is read a row a line, its cells joined with " | " (paragraphs.TABLE_CELLS),
  as the .txt documents print them; empty trailing cells are dropped, a merged cell is
  read once.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from knowledge.parse.paragraphs import TABLE_CELLS

_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
LAYOUT_MAX_ROWS = 3  # a header table has one or two rows, a closing table one
LAYOUT_MAX_COLUMNS = 3


def docx_lines(document: object) -> Iterator[str]:
    """Paragraphs and tables in document order; a table cell gives its paragraphs as lines."""
    from docx.table import Table

    for block in document.iter_inner_content():  # type: ignore[attr-defined]
        if isinstance(block, Table):
            yield from _table_lines(block)
        else:
            yield block.text
            yield from _text_box_lines(block._p)


def _text_box_lines(paragraph: Any) -> Iterator[str]:
    """Lines of text boxes anchored in a paragraph (some offices put the header block there)."""
    from docx.oxml.ns import qn

    for box in paragraph.iter(qn("w:txbxContent")):
        # Word stores each text box twice: as DrawingML and as a VML fallback; read one.
        if any(parent.tag == _MC_FALLBACK for parent in box.iterancestors()):
            continue
        for p in box.iter(qn("w:p")):
            yield "".join(t.text or "" for t in p.iter(qn("w:t")))


def _table_lines(table: Any) -> Iterator[str]:
    """A layout table (header, "Nơi nhận" beside the signer) cell by cell, each paragraph
    a line, in the order the text parser reads a header; a data table a row a line, its
    cells joined with " | " as the .txt documents print them."""
    from docx.table import Table

    if not _is_layout(table):
        yield from _row_lines(table)
        return
    for row in table.rows:
        for cell in _cells(row):
            for block in cell.iter_inner_content():
                if isinstance(block, Table):
                    yield from _table_lines(block)
                else:
                    yield block.text
        yield ""


def _cells(row: Any) -> list[Any]:
    """A row's cells, a merged cell once (python-docx gives it once per grid column)."""
    seen: set[object] = set()  # the cell elements themselves: id() of a proxy is reused
    cells = []
    for cell in row.cells:
        if cell._tc not in seen:
            seen.add(cell._tc)
            cells.append(cell)
    return cells


def _is_layout(table: Any) -> bool:
    """A table that lays out blocks side by side: a few rows and columns, a cell holding
    several paragraphs or a table (the header's organisation, "*" and "Số ..."; the
    recipients list), never a grid of values."""
    rows = table.rows
    if len(rows) > LAYOUT_MAX_ROWS or any(len(_cells(row)) > LAYOUT_MAX_COLUMNS for row in rows):
        return False
    return any(_lines(cell) > 1 for row in rows for cell in _cells(row))


def _lines(cell: Any) -> int:
    """Non-empty lines of a cell: its paragraphs, split at line breaks; a table counts two."""
    count = 0
    for block in cell.iter_inner_content():
        text = getattr(block, "text", None)
        count += 2 if text is None else sum(1 for line in text.split("\n") if line.strip())
    return count


def _row_lines(table: Any) -> Iterator[str]:
    for row in table.rows:
        cells = [" ".join(_cell_text(cell).split()) for cell in _cells(row)]
        while len(cells) > 1 and not cells[-1]:
            cells.pop()
        yield TABLE_CELLS.join(cells)
    yield ""


def _cell_text(cell: Any) -> str:
    from docx.table import Table

    parts = []
    for block in cell.iter_inner_content():
        if isinstance(block, Table):
            parts += [_cell_text(c) for row in block.rows for c in _cells(row)]
        else:
            parts.append(block.text)
    return " ".join(part for part in parts if part.strip())
