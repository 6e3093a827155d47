"""Units responsible for tasks, and the tasks listed under them.

A numbered heading names a unit when its heading (the part before ":" if any) starts
with an organisation word ("Văn phòng", "Ủy ban Kiểm tra", "Ban", "Công đoàn", "Phòng",
"Các cơ sở giáo dục", ...), has at most ten words and no ",", ";" or ".": "3. Ban
Tuyên giáo Đảng ủy", "1. Phòng Giáo dục và Đào tạo: Xây dựng ...". A heading that is a
sentence ("2. Sở Giáo dục và Đào tạo chỉ đạo thủ trưởng ...") is not a unit heading.
Under a unit heading each bullet or paragraph is one task; the text after "Unit:" on
the heading line is a task too. Sub-sections inherit the unit of their parent.
"""

from __future__ import annotations

import re

from knowledge.model import Task
from knowledge.paragraphs import head_fold
from knowledge.sections import Block, heading_marker

UNIT_MAX_WORDS = 10
# Folded first words of organisation names (after an optional "các").
_UNIT_HEADS = (
    "van phong",
    "uy ban",
    "ban ",
    "cong doan",
    "phong ",
    "so ",
    "doan thanh nien",
    "hoi ",
    "co so giao duc",
    "truong",
    "chi bo",
    "dang bo",
    "cap uy",
    "thu truong",
    "hieu truong",
    "mat tran",
    "don vi",
    "bch ",
    "ubkt",
    "trung tam",
)
_BULLET = re.compile(r"^[-+•●▪◦*]\s*")


def unit_name(heading: str) -> str | None:
    """The unit a heading names ("Văn phòng Đảng ủy Sở"), or None when it is not a unit."""
    name = heading.strip()
    if not name or len(name.split()) > UNIT_MAX_WORDS or re.search(r"[,;.…]", name):
        return None
    folded = head_fold(name)
    if folded.startswith("cac "):
        folded = folded[4:]
    return name if folded.startswith(_UNIT_HEADS) else None


def assign_units(blocks: list[Block]) -> None:
    """Set each section's unit from its heading, or from the nearest enclosing unit."""
    stack: list[tuple[int, str | None]] = []
    for block in blocks:
        section = block.section
        while stack and stack[-1][0] >= section.level:
            stack.pop()
        own = unit_name(section.heading)
        inherited = stack[-1][1] if stack else None
        section.unit = own or inherited
        stack.append((section.level, section.unit))


def task_text(paragraph: str) -> str:
    """A task as printed: bullet marker and trailing ";" or "," removed."""
    return _BULLET.sub("", paragraph).strip().rstrip(";,").strip()


def tasks_of(blocks: list[Block]) -> list[Task]:
    """One task per bullet or paragraph under a unit heading, in document order."""
    tasks: list[Task] = []
    for block in blocks:
        unit = block.section.unit
        if unit is None:
            continue
        if unit_name(block.section.heading) is not None:
            # The heading names the unit: only "Unit: text" on its line is a task.
            items = [block.inline, *block.paras[1:]]
        else:
            # A numbered item under a unit heading is itself a task, without its marker.
            marker = heading_marker(block.paras[0])
            items = [marker.rest if marker else block.paras[0], *block.paras[1:]]
        for item in items:
            text = task_text(item)
            if text:
                tasks.append(Task(unit=unit, section=block.section.path, text=text))
    return tasks
