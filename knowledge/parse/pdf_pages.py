"""A PDF's pages without their furniture, joined into one text.

What a printed page adds to the document's own text, and what is done with it:
- a page number ("3", "- 3 -", "Trang 3", "3/7", "Trang 3/7") among the first or last two
  lines of a page is dropped when it is that page's number (or its "/total" is the number
  of pages): a table cell "3" at the foot of page 5 stays;
- a running header or footer (a line repeated at the top or the foot of most pages, its
  digits aside: "Kế hoạch số 12-KH/ĐU - trang 2"; or a line at the top of a later page
  that repeats one of the first page's header lines, "Số: 12/KH-UBND") is dropped; on the
  first page only its very first and last lines are looked at, so the header's own
  "Số ..." line stays;
- a table row (cells joined with " | ", pdf_tables.py) is never furniture, its digits
  aside a row looks like the next ("12 | Thôn 12 | 112 hộ"); a table's header row
  repeated at the top of a later page is read once;
- a word cut at a line end by a hyphen ("NĐ-" / "CP", or a soft hyphen) is joined back;
- a page break becomes a blank line, which paragraphs.py reads as "maybe mid-sentence".
"""

from __future__ import annotations

import re
from collections import Counter

from knowledge.parse.paragraphs import TABLE_CELLS
from knowledge.vi.textnorm import fold

_PAGE_NUMBER = re.compile(
    r"[-–—\s]*(?:(?:trang|page)\s*)?(?P<n>\d{1,4})"
    r"(?:\s*(?:/|tren|of)\s*(?P<total>\d{1,4}))?[-–—\s]*"
)
HEADER_LINES = 12  # the first page's header block: issuer, motto, number, date
_EDGE = 2  # lines at the top and at the foot of a page that may be furniture
_DIGITS = re.compile(r"\d+")
_CUT_WORD = re.compile(r"(?<=[^\W_])-\n(?=[^\W_])")
_SOFT_HYPHEN = re.compile("\u00ad\\s*\n\\s*")


def join_pages(pages: list[str]) -> str:
    """The text of the pages without numbers, running headers and cut words."""
    lines = [[line.strip() for line in page.split("\n") if line.strip()] for page in pages]
    lines = [_without_number(page, index, len(pages)) for index, page in enumerate(lines)]
    running = _running(lines)
    kept = [_without_running(page, index, running) for index, page in enumerate(lines)]
    kept = _without_repeated_rows(kept)
    return join_cut_words("\n\n".join("\n".join(page) for page in kept))


def join_cut_words(text: str) -> str:
    """Words cut by a hyphen at a line end joined back ("NĐ-" + "CP" → "NĐ-CP")."""
    return _CUT_WORD.sub("-", _SOFT_HYPHEN.sub("", text))


def page_number(line: str, index: int, pages: int) -> bool:
    """True when line is the number of page index (0-based) of a document of pages."""
    match = _PAGE_NUMBER.fullmatch(fold(line))
    if match is None:
        return False
    total = match.group("total")
    return int(match.group("n")) == index + 1 or (total is not None and int(total) == pages)


def _without_number(page: list[str], index: int, pages: int) -> list[str]:
    edges = _edge_positions(len(page), index)
    return [
        line for i, line in enumerate(page) if not (i in edges and page_number(line, index, pages))
    ]


def _edge_positions(size: int, index: int) -> set[int]:
    """Where furniture may be: the first and last lines (only one each on the first page)."""
    edge = 1 if index == 0 else _EDGE
    return {*range(min(edge, size)), *range(max(size - edge, 0), size)}


def _key(line: str) -> str:
    return _DIGITS.sub("#", " ".join(fold(line).split()))


def _running(pages: list[list[str]]) -> set[str]:
    """Keys of the lines repeated at the edges of most pages (at least two), and of the
    lines at the top of a later page that repeat a line of the first page's header
    (the number or the issuer, as a two-page document's running header)."""
    seen: Counter[str] = Counter()
    for index, page in enumerate(pages):
        seen.update({_key(page[i]) for i in _edge_positions(len(page), index)})
    least = max(2, len(pages) // 2)
    running = {key for key, count in seen.items() if count >= least}
    header = {_key(line) for line in pages[0][:HEADER_LINES]} if pages else set()
    for page in pages[1:]:
        running.update(key for key in map(_key, page[:_EDGE]) if key in header)
    return running


def _without_running(page: list[str], index: int, running: set[str]) -> list[str]:
    edges = _edge_positions(len(page), index)
    return [
        line
        for i, line in enumerate(page)
        if not (i in edges and _key(line) in running and TABLE_CELLS not in line)
    ]


def _without_repeated_rows(pages: list[list[str]]) -> list[list[str]]:
    """A table row at the top of a later page that an earlier page already has (the
    header row a table repeats on each page it runs over) is dropped."""
    seen: set[str] = set()
    out = []
    for page in pages:
        first = page[0] if page else ""
        out.append(page[1:] if TABLE_CELLS in first and first in seen else page)
        seen.update(line for line in page if TABLE_CELLS in line)
    return out
