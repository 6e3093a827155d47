"""A plan's schedule by month: a period line ("Tháng 01/2027:", "Quý II/2027:", "Tháng 7 và
tháng 8/2027:") heads the items listed under it, each a task of that period.

A chi bộ's or a committee's yearly plan often lists its work month by month:

    Tháng 01/2027:
    - Triển khai Kế hoạch hoạt động năm 2027 của Chi bộ; phân công nhiệm vụ cho đảng viên.
    - Mỗi đảng viên xây dựng bản cam kết …, nộp về Chi ủy trước ngày 20-01-2027.

An item stating its own term keeps it; one that states none is due in the heading's
period. An item telling what was done ("đã tổ chức …", a report's month by month) is no
task; the schedule ends at the first line that is not an item.
"""

from __future__ import annotations

import re

from knowledge.vi.doctypes import flat

HEADING_MAX = 48  # characters of a period line; a longer line is a sentence
# "Tháng 01/2027:", "Quý II/2027:", "Tháng 7 và tháng 8/2027:", "Tuần đầu tháng 3:" (flat).
_HEADING = re.compile(
    r"^(?:[-+•]\s*)?(?:thang|quy|tuan|trong thang|trong quy)\b[^.;:]*"
    r"(?:\d|\b[ivx]+\b)[^.;:]*:\s*$",
    re.IGNORECASE,
)
_ITEM = re.compile(r"^\s*(?:[-+•*]|[a-zđ][).])\s*\S")
# Past work told in a report ("đã tổ chức", "đã hoàn thành"), or an event of its own day
# ("Ngày 05/9/2027, toàn ngành tổ chức Lễ khai giảng"): no task of the period (flat).
_DONE = re.compile(r"(?<![\w])da (?!duoc giao)\w+", re.IGNORECASE)
_DATED = re.compile(r"^\s*(?:[-+•*]\s*)?(?:vao )?ngay \d{1,2}[/.-]\d{1,2}", re.IGNORECASE)


def period_heading(text: str) -> str | None:
    """The period a schedule line names, without its colon ("Tháng 01/2027"), or None."""
    line = text.strip()
    if len(line) > HEADING_MAX or not _HEADING.match(flat(line)):
        return None
    return line.rstrip(": ").lstrip("-+• ").strip()


def is_item(text: str) -> bool:
    """Whether a line is an item of a list ("- …", "+ …", "a) …")."""
    return _ITEM.match(text) is not None


def is_task(text: str) -> bool:
    """Whether an item under a period line is work to do, not work told done nor an
    event of its own day."""
    plain = flat(text)
    return _DONE.search(plain) is None and _DATED.match(plain) is None
