"""A PDF page's ruled tables read a row a line, as the .docx and .txt documents give them.

pypdf reads a table cell by cell, each wrapped line of a cell a line of its own: a task's
deadline ends up far from its task and its unit. On a page whose content draws lines or
rectangles, pdfplumber finds the tables from their ruling lines and reads their cells:
- a table row is one line, its cells joined with " | " (paragraphs.TABLE_CELLS), a cell's
  wrapped lines joined inside it, a merged cell read once, empty trailing cells dropped
  (as docx_text.py reads a data table);
- the text outside the tables stays pypdf's, in pypdf's order (a borderless header or
  "Nơi nhận" beside the signer, column after column): pypdf's pieces of text that start
  inside a table's box give way to the table's rows, at the place of its first piece.
A page without a ruled table of two columns or more (a text page, an underline under the
motto, a frame around a paragraph or a page) is read by pypdf as it always was. Finding
tables costs about a tenth of a second a page, so only pages that draw lines are looked
at, within a budget of seconds per file (the pages after it are read as text).
"""

from __future__ import annotations

import io
import logging
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from knowledge.parse.paragraphs import TABLE_CELLS
from knowledge.parse.pdf_pages import join_cut_words

BUDGET_SECONDS = 4.0  # table finding per file; a huge ruled report is read as text after it
MIN_COLUMNS = 2  # a one-column "table" is a frame or a box around a paragraph
# A path drawn with coordinates: "x y w h re" (a rectangle, Word's cell borders) or
# "x y l" (a line, reportlab's grid); text pages of most PDFs have neither.
_PATH_OP = re.compile(rb"[\d.]\s+(?:re|l)\s")


def draws_lines(content: bytes) -> bool:
    """True when a page's content stream draws rectangles or lines (maybe a table)."""
    return _PATH_OP.search(content) is not None


@dataclass
class PageTable:
    """A ruled table found on a page: its box in PDF points (origin at the page's
    bottom left, as the content stream places text) and its rows, a line each."""

    box: tuple[float, float, float, float]  # x0, y0 (bottom), x1, y1 (top)
    rows: list[str]


def find_tables(data: bytes, candidates: Iterable[int]) -> dict[int, list[PageTable]]:
    """The ruled tables of the candidate pages (0-based), top to bottom, by page index;
    pages without one, and any page pdfplumber cannot read, are left out."""
    wanted = list(candidates)
    if not wanted:
        return {}
    import pdfplumber

    # pdfminer logs every recoverable oddity of real-world PDFs; they are not our errors.
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    found: dict[int, list[PageTable]] = {}
    deadline = time.monotonic() + BUDGET_SECONDS
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for index in wanted:
                if time.monotonic() > deadline or index >= len(pdf.pages):
                    break
                page = pdf.pages[index]
                if tables := _tables(page):
                    found[index] = tables
                page.close()  # drop the page's parsed objects
    except Exception:  # pdfminer raises many kinds on odd files; pypdf's text stands
        return found
    return found


def _tables(page: Any) -> list[PageTable]:
    """The page's tables of two columns or more (a frame around a paragraph is none)."""
    if page.rotation % 360:
        return []  # a turned page's positions would need turning too; read as text
    top = float(page.mediabox[3])
    tables = []
    for table in page.find_tables():
        if _columns(table) < MIN_COLUMNS:
            continue
        x0, y_top, x1, y_bottom = table.bbox
        tables.append(PageTable((x0, top - y_bottom, x1, top - y_top), list(_rows(table))))
    return sorted(tables, key=lambda table: -table.box[3])


def page_text(page: Any, tables: list[PageTable]) -> str:
    """pypdf's text of the page with each table's cells replaced by its rows: the text
    outside the tables is exactly pypdf's, read in the same order."""
    parts: list[str] = []
    done: set[int] = set()

    def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        where = _in_table(_position(cm, tm), tables) if text.strip() else None
        if where is None:
            parts.append(text)
        elif where not in done:
            done.add(where)
            parts.append("\n" + "\n".join(tables[where].rows) + "\n")

    page.extract_text(visitor_text=visit)
    missed = [table for i, table in enumerate(tables) if i not in done]
    return "".join(parts) + "".join("\n" + "\n".join(table.rows) for table in missed)


def _position(cm: list[float], tm: list[float]) -> tuple[float, float]:
    """Where a piece of text starts on the page: the text matrix's origin in page space."""
    x, y = tm[4], tm[5]
    return x * cm[0] + y * cm[2] + cm[4], x * cm[1] + y * cm[3] + cm[5]


def _in_table(point: tuple[float, float], tables: list[PageTable]) -> int | None:
    x, y = point
    for index, table in enumerate(tables):
        x0, y0, x1, y1 = table.box
        if x0 <= x <= x1 and y0 <= y <= y1:
            return index
    return None


def _columns(table: Any) -> int:
    return max((sum(cell is not None for cell in row.cells) for row in table.rows), default=0)


def _rows(table: Any) -> Iterable[str]:
    """A row a line: cells joined with " | ", a cell's wrapped lines joined, a merged cell
    (None for the columns and rows it covers) once, empty trailing cells dropped."""
    for row in table.extract():
        cells = [_cell(cell) for cell in row if cell is not None]
        while len(cells) > 1 and not cells[-1]:
            cells.pop()
        if any(cells):
            yield TABLE_CELLS.join(cells)


def _cell(text: str) -> str:
    """A cell's lines as one: words cut by a hyphen at a wrap joined back."""
    return " ".join(join_cut_words(text).split())
