"""Dates in Vietnamese documents: the document's year and the words around a date.

The day-month(-year) grammar itself is in knowledge.vi.written_dates.
"""

from __future__ import annotations

import re

from knowledge.vi.doctypes import flat
from knowledge.vi.written_dates import find_raw_dates

# Patterns run on flat() text, as in knowledge.vi.written_dates: "ngày" is "ngay" here.
_SP = r"[ \t\u00a0]{1,3}"
_OPT = r"[ \t\u00a0]{0,3}"
# The header line "TP. Hồ Chí Minh, ngày 15 tháng 3 năm 2023" dates the document itself.
_HEADER_DATE = re.compile(
    rf"^[^\d\n,]{{2,60}},{_OPT}ngay{_SP}\d{{1,2}}{_SP}thang{_SP}\d{{1,2}}{_SP}nam{_SP}(\d{{4}})",
    re.IGNORECASE | re.MULTILINE,
)
# "năm 2024" in a title, but not the "năm" that ends a full date or "năm học 2023-2024".
_TITLE_YEAR = re.compile(
    r"(?<!\d )(?<!\d  )\bnam[ \t]{1,3}((?:19|20)\d{2})(?![\d-])", re.IGNORECASE
)
_TITLE_LINES = 10
_BODY_START = re.compile(
    r"\s*(?:can cu|kinh gui|[ivx]{1,4}\.|\d{1,2}\.|thuc hien\b.{0,60}\bso\b)", re.IGNORECASE
)


def work_year(text: str) -> int | None:
    """Year that yearless deadlines belong to: the title year, else the header year.

    A programme "năm 2027" signed in November 2026 has its reports in 2027.
    """
    for line in _title_lines(flat(text)):
        if _HEADER_DATE.match(line):
            continue
        match = _TITLE_YEAR.search(line)
        if match:
            return int(match.group(1))
    return infer_year(text)


def _title_lines(plain: str) -> list[str]:
    # The header block and title come before the body: "Căn cứ", "Kính gửi", "I.", "1.",
    # or "Thực hiện ... số ..." (citing a document) start the body.
    lines: list[str] = []
    for line in plain.split("\n"):
        if not line.strip():
            continue
        if len(lines) >= _TITLE_LINES or _BODY_START.match(line):
            break
        lines.append(line)
    return lines


def infer_year(text: str, fallback: bool = False) -> int | None:
    """The document's year: its header date, else a title year ("năm 2024").

    With fallback, the latest year of any date in the text is used as a last resort.
    """
    plain = flat(text)
    header = _HEADER_DATE.search(plain[:3000])
    if header:
        return int(header.group(1))
    for line in _title_lines(plain):
        match = _TITLE_YEAR.search(line)
        if match:
            return int(match.group(1))
    if fallback:
        years = [raw.year for raw in find_raw_dates(text) if raw.year]
        return max(years) if years else None
    return None


# ---------------------------------------------------------------- the words around a date
_CLAUSE_MAX = 300  # how far a clause may reach; keeps every scan linear
_ACTIONS: tuple[tuple[str, str], ...] = (
    (r"bao cao (?:so ket|tong ket)", ""),  # named below from the words themselves
    (r"bao cao nhanh", "Báo cáo nhanh"),
    (r"bao cao", "Báo cáo"),
    (r"xay dung (?:ke hoach|chuong trinh)", "Xây dựng kế hoạch"),
    (r"so ket", "Sơ kết"),
    (r"tong ket", "Tổng kết"),
)
_ACTION_RE = re.compile("|".join(f"(?P<a{i}>{p})" for i, (p, _) in enumerate(_ACTIONS)))
# In flat text "quý" (quarter) and "quy" (rule) are one word, "năm" and "Nam" too: the
# look-arounds drop "quy chế", "quy định", "Việt Nam", "6 tháng đầu năm".
_PERIOD_RE = re.compile(
    r"(?<![\w])(?:(?P<n>\d{1,2}|sau|chin) thang"
    r"|(?<!dau )(?<!cuoi )(?<!viet )(?<!mien )(?P<year>nam)(?! hoc)"
    r"|(?P<q>quy)(?! (?:che|dinh|trinh|mo|hoach|tac|luat|chuan|uoc|trach|nap|tu|doi))"
    r"|(?P<m>thang))(?![\w])"
)
_BRACKETS = re.compile(r"\([^()]{0,200}\)")
_LABEL_WORDS = 10  # syllables: "Biên soạn tài liệu sinh hoạt chuyên đề" is eight
_CLAUSE_END = re.compile(r"[;\n]|\.(?:\s|$)")


def clause_start(text: str, pos: int, floor: int) -> int:
    """Start of the clause that ends at pos: after the last ; . or newline outside brackets."""
    depth = 0
    lowest = max(floor, pos - _CLAUSE_MAX)
    for i in range(pos - 1, lowest - 1, -1):
        ch = text[i]
        if ch == ")":
            depth += 1
        elif ch == "(":
            depth = max(0, depth - 1)
        elif depth == 0 and (ch in ";\n" or (ch == "." and text[i + 1 : i + 2] in (" ", "\n"))):
            return i + 1
    return lowest


def clause_end(text: str, pos: int, ceiling: int) -> int:
    """End of the clause that starts at pos: the next ; . or newline, at most ceiling."""
    match = _CLAUSE_END.search(text, pos, min(ceiling, pos + _CLAUSE_MAX))
    return match.start() if match else min(ceiling, pos + _CLAUSE_MAX)


def label_for(before: str, after: str = "") -> str:
    """Short Vietnamese label from the words around a deadline ("Báo cáo 6 tháng")."""
    text = _clean(before)
    actions = list(_ACTION_RE.finditer(text))
    if not actions:
        # "chậm nhất ngày 20/12 gửi báo cáo năm": the action may follow the date.
        text = _clean(after)
        actions = list(_ACTION_RE.finditer(text))[:1]
    if not actions:
        return _opening_words(before) or "Thời hạn"
    action = actions[-1]
    name = _ACTIONS[int(str(action.lastgroup)[1:])][1]
    if not name:
        name = "Báo cáo sơ kết" if action.group().endswith("so ket") else "Báo cáo tổng kết"
    if name == "Xây dựng kế hoạch":
        return name
    period = _period(text[action.end() :])
    return f"{name} {period}" if period else name


def _opening_words(clause: str) -> str:
    # No report word: the task's own first words ("Biên soạn tài liệu sinh hoạt chuyên đề").
    clause = _BRACKETS.sub(" ", clause)
    head = re.split(r"[,:;(]", clause.strip(" \t-–•*+.0123456789"), maxsplit=1)[0]
    words = head.split()[:_LABEL_WORDS]
    return " ".join(words)[:1].upper() + " ".join(words)[1:] if words else ""


def _clean(clause: str) -> str:
    # Bracketed asides and dates do not name the report ("ngày 24 tháng 12" is no period).
    text = _BRACKETS.sub(" ", flat(clause).lower())
    for raw in reversed(find_raw_dates(text)):
        text = text[: raw.start] + " " * (raw.end - raw.start) + text[raw.end :]
    return re.sub(r"\s+", " ", text)


def _period(text: str) -> str | None:
    # The period word nearest the date names the report ("báo cáo ... của đơn vị 6 tháng").
    found = list(_PERIOD_RE.finditer(text))
    if not found:
        return None
    match = found[-1]
    if match.group("n"):
        count = {"sau": "6", "chin": "9"}.get(match.group("n"), match.group("n"))
        return f"{count} tháng"
    if match.group("year"):
        return "năm"
    return "quý" if match.group("q") else "tháng"
