"""Where deadlines are read: sentences, task blocks, task tables, each with its section and unit.

- A sentence of a paragraph gives the deadlines knowledge.parse.deadlines finds in it;
  its unit is the sentence's subject when it names one, else its paragraph's or section's.
- A time line ("Thời gian hoàn thành: Trước ngày 15/11/2025.", "c) Thời gian thực hiện:
  Hoàn thành trong năm 2025.", "Thời hạn: Tháng 12/2025") is a term of the task before it
  in the same group of sections: its value needs no marker, and the deadline's text is
  the task followed by the line. Its unit is the group's "Đơn vị chủ trì: ..." line when
  there is one. An execution time ("Thời gian (thực hiện): Tháng 11 - 12/2025") that
  names no completion (hoàn thành, trước, hết, cuối ...) gives a term only when it ends
  on a day ("Từ ngày 01/01/2026 đến ngày 31/3/2026").
- A task table (deadline_tables.py) gives, for each row, the time cell as the term of
  the task cell, with the unit of the lead column when there is one.
- "Hằng năm, ..." at the start of a section's paragraph makes that section and the
  sections after it under the same parent yearly (deadlines.opens_yearly).
- "cũng trong thời hạn này" in a later sentence is the term said last in its section.
- Footnotes give no terms; a table row restating a term of the body is dropped
  (deadline_restated.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date

from knowledge.model import Deadline
from knowledge.parse import deadline_schedule as schedule
from knowledge.parse.attachments import FOOTNOTES
from knowledge.parse.deadline_hits import DeadlineHit
from knowledge.parse.deadline_restated import without_restated
from knowledge.parse.deadline_tables import CELL, Table, row_cells, table_header
from knowledge.parse.deadlines import find_deadlines, opens_yearly
from knowledge.parse.paragraphs import sentences
from knowledge.parse.sections import Block
from knowledge.parse.units import block_items, subject_unit, task_text
from knowledge.vi.casing import is_caps
from knowledge.vi.dates import label_for
from knowledge.vi.doctypes import flat

_TIME_LINE = re.compile(
    r"^(?:[a-zđ][).]\s*|[-+•]\s*)?(?P<what>thoi gian|thoi han|han|tien do)"
    r"(?:\s+(?P<how>hoan thanh|thuc hien|nop|gui|bao cao|trinh|thi dua))?\s*:\s*",
    re.IGNORECASE,
)
# Words that make a month of an execution time ("Thời gian thực hiện: ...") a term.
_COMPLETION = re.compile(r"hoan thanh|xong|truoc|cham nhat|het|cuoi", re.IGNORECASE)
_SPAN = re.compile(r"[-\u2013]|(?<![\w])(?:tu|den)(?![\w])", re.IGNORECASE)
_LEAD_LINE = re.compile(r"^(?:[a-zđ][).]\s*|[-+•]\s*)?(?:don vi|co quan)\s+chu tri\s*:\s*", re.I)
_LABEL_LINE = re.compile(
    r"^(?:[a-zđ][).]\s*|[-+•]\s*)?(?:don vi|co quan)\s+(?:phoi hop|thuc hien)\s*:", re.IGNORECASE
)
_TASK_PREFIX = re.compile(r"^(?:[a-zđ][).]\s*)?(?:Nhiệm vụ|Nội dung)\s*:\s*", re.IGNORECASE)
_NOTE = re.compile(r"^\s*\[\w{1,4}\]")
_SAME_FIELDS = ("due", "recurrence", "period", "period_start", "period_end", "day", "month")
# "hằng tuần", "trước mỗi kỳ nghỉ": a cycle named, though not one the model has a name for.
_WEEKLY = re.compile(r"(?<![\w])(?:tuan|moi (?:ky|dot|dip))(?![\w])", re.IGNORECASE)


@dataclass
class Place:
    """A stretch of the text: its preamble, sections and closing, and a path prefix."""

    preamble: list[str]
    blocks: list[Block]
    closing: list[str]
    path: str


@dataclass
class _Line:
    text: str
    section: str
    unit: str | None
    yearly: bool = False
    title: bool = False  # a section's heading line: "2. Báo cáo chuyên đề trong tháng 12/2026"


@dataclass
class _Reader:
    year: int | None
    issued: date | None
    scoped: bool = False
    found: list[Deadline] = field(default_factory=list)
    titles: set[int] = field(default_factory=set)  # indices in found read from a heading


def collect_deadlines(
    places: list[Place], year: int | None, issued: date | None, scoped: bool = False
) -> list[Deadline]:
    """Every deadline of every place, in document order (scoped: see find_deadlines)."""
    reader = _Reader(year, issued, scoped)
    for place in places:
        lines = _lines(place)
        table: Table | None = None
        period: _Line | None = None
        for index, line in enumerate(lines):
            if place.path == FOOTNOTES and _NOTE.match(line.text):
                continue  # "[2] Theo số liệu ...": a footnote gives a source, not a term
            if " | " in line.text:
                header = table_header(line.text)
                table = header or table
                if table is not None and header is None:
                    _table_row(reader, table, line)
                continue  # a header row, or a row of a form or a figure table
            table = None
            if is_caps(line.text):
                continue  # a heading ("PHƯƠNG HƯỚNG QUÝ II NĂM 2026") names a part, not a term
            if schedule.period_heading(line.text) is not None:
                period = line  # "Tháng 01/2027:": the items under it are its tasks
                continue
            period = period if period is not None and schedule.is_item(line.text) else None
            if _TIME_LINE.match(flat(line.text)):
                _time_line(reader, lines, index)
            else:
                _scheduled(reader, line, period)
    return without_restated(_distinct(_without_titles(reader)))


def _without_titles(reader: _Reader) -> list[Deadline]:
    """A heading's period names what its subsections date: when they give terms, it gives none."""
    sections = {d.section for d in reader.found}
    kept = []
    for index, deadline in enumerate(reader.found):
        summary = index in reader.titles and deadline.kind in ("month", "quarter", "year")
        if summary and any(s.startswith(deadline.section + ".") for s in sections):
            continue
        kept.append(deadline)
    return kept


def _distinct(found: list[Deadline]) -> list[Deadline]:
    """Each term once: a sentence read twice gives one deadline (two phrases of one
    sentence, "báo cáo ngay ...; trong vòng 24 giờ ...", are two), and a report said to be
    periodic ("định kỳ báo cáo ...") is the one the document names with its cycle, when it
    names any ("báo cáo định kỳ 6 tháng, hằng năm")."""
    cycled = any(d.recurrence for d in found)
    seen: set[tuple[object, ...]] = set()
    kept: list[Deadline] = []
    for deadline in found:
        # A table lists one task for many units ("Chi bộ A | Kiểm tra … | Quý II/2027"): its
        # rows, printed apart, are one term when the task and the time are the same.
        said = deadline.label if CELL in deadline.text and deadline.label else deadline.text
        key: tuple[object, ...] = (said, deadline.phrase, deadline.due, deadline.period)
        key += (deadline.recurrence, deadline.day, deadline.month, deadline.kind)
        vague = deadline.kind == "recurring" and not deadline.recurrence and not deadline.day
        vague = vague and not _WEEKLY.search(flat(deadline.phrase))  # "hằng tuần" is named
        if key in seen or (vague and cycled and not deadline.month):
            continue
        seen.add(key)
        kept.append(deadline)
    return kept


def _lines(place: Place) -> list[_Line]:
    lines = [_Line(p, place.path, None) for p in place.preamble]
    yearly_parent: str | None = None
    for block in place.blocks:
        path = block.section.path
        parent = path.rsplit(".", 1)[0] if "." in path else None
        if yearly_parent is not None and parent != yearly_parent and path != yearly_parent:
            yearly_parent = None
        yearly = yearly_parent is not None
        for index, item in enumerate(block_items(block)):
            if opens_yearly(item.text):
                yearly, yearly_parent = True, parent or path
            title = index == 0 and not item.text.rstrip().endswith((".", ";", ":"))
            lines.append(_Line(item.text, path, item.unit, yearly, title))
    lines += [_Line(p, place.path, None) for p in place.closing]
    return lines


def _as_before(reader: _Reader, line: _Line, hit: DeadlineHit) -> DeadlineHit:
    """ "cũng trong thời hạn này" in a later sentence: the term said last in its section."""
    last = reader.found[-1] if reader.found else None
    if hit.kind != "same" or last is None or last.section != line.section:
        return hit
    same = {name: getattr(last, name) for name in _SAME_FIELDS}
    return replace(hit, value=last.kind, kind="deadline", **same)


def _emit(
    reader: _Reader, text: str, line: _Line, hits: list[DeadlineHit], unit: str | None
) -> None:
    for hit in [_as_before(reader, line, h) for h in hits]:
        reader.found.append(
            Deadline(
                text=text,
                section=line.section,
                due=hit.due,
                recurrence=hit.recurrence,
                unit=unit,
                label=hit.label,
                period=hit.period,
                kind=hit.value,
                period_start=hit.period_start,
                period_end=hit.period_end,
                day=hit.day if hit.due is None or hit.recurrence else None,
                month=hit.month if hit.due is None or hit.recurrence else None,
                phrase=text[hit.start : hit.end] if hit.end <= len(text) else "",
            )
        )


def _sentences(reader: _Reader, line: _Line) -> None:
    previous = ""
    for sentence in sentences(task_text(line.text)):
        label = _TIME_LINE.match(flat(sentence))
        if label is not None and previous:
            # "- Tổng hợp ..., gửi Sở Tài chính. Thời gian hoàn thành: Trước ngày 31/5/2026."
            _term(reader, line, previous, sentence, label)
        else:
            hits = find_deadlines(
                sentence, reader.year, reader.issued, line.yearly, scoped=reader.scoped
            )
            if hits and line.title:
                reader.titles.update(range(len(reader.found), len(reader.found) + len(hits)))
            if hits:
                owner = subject_unit(sentence) or line.unit  # "Thủ trưởng các đơn vị ..."
                _emit(reader, sentence, line, hits, owner)
        previous = sentence


def _scheduled(reader: _Reader, line: _Line, period: _Line | None) -> None:
    """A line's own terms; an item under a period line stating none is due in that period."""
    before = len(reader.found)
    _sentences(reader, line)
    if period is None or len(reader.found) > before or not schedule.is_task(line.text):
        return
    heading = schedule.period_heading(period.text) or ""
    hits = find_deadlines(heading, reader.year, reader.issued, bare=True, scoped=reader.scoped)
    if hits:
        task = task_text(line.text)
        text = f"{period.text.strip()} {task}"
        found = [replace(hits[-1], label=label_for(task) or hits[-1].label)]
        _emit(reader, text, line, found, subject_unit(task) or line.unit)


def _time_line(reader: _Reader, lines: list[_Line], index: int) -> None:
    """A time line: the term of the task before it, in its group of sections."""
    line = lines[index]
    time = task_text(line.text)
    label = _TIME_LINE.match(flat(time))
    task, lead = _task_before(lines, index)
    if label is not None:
        _term(reader, line, task, time, label, lead)


def _term(
    reader: _Reader,
    line: _Line,
    task: str,
    time: str,
    label: re.Match[str],
    lead: str | None = None,
) -> None:
    """The deadline a time value ("Trước ngày 15/11/2025") sets for a task."""
    value = time[label.end() :]
    hits = find_deadlines(
        value, reader.year, reader.issued, line.yearly, bare=True, scoped=reader.scoped
    )
    if _execution_time(label, value):
        # "Thời gian thực hiện: Tháng 11 - 12/2025" is when the work is done, not a term;
        # "Thời gian: tháng 8/2027", "thực hiện trong quý II/2027" name the one period it is.
        hits = [h for h in hits if not _spread(value, h)]
    if not hits:
        return
    text = f"{task} {time}".strip()
    offset = len(text) - len(value)
    named = label_for(task) if task else ""  # what is due: the task, not "Thời hạn"
    found = [replace(_shift(hit, offset), label=named or hit.label) for hit in hits]
    _emit(reader, text, line, found, lead or line.unit)


def _execution_time(label: re.Match[str], value: str) -> bool:
    """ "Thời gian (thực hiện):" with a value that names no completion."""
    what, how = label.group("what").lower(), (label.group("how") or "").lower()
    timing = what == "thoi gian" and how in ("", "thuc hien") or how == "thuc hien"
    return timing and _COMPLETION.search(flat(value)) is None


def _spread(value: str, hit: DeadlineHit) -> bool:
    """A month, quarter or year of an execution time that runs over a span or a year."""
    if hit.value == "year":
        return True
    if hit.value not in ("month", "quarter"):
        return False
    return _SPAN.search(flat(value[hit.start : hit.end])) is not None


def _shift(hit: DeadlineHit, offset: int) -> DeadlineHit:
    return replace(hit, start=hit.start + offset, end=hit.end + offset)


def _group(section: str) -> str:
    """The group of sections a time line belongs to: its parent ("II.1.1" for "II.1.1.c")."""
    return section.rsplit(".", 1)[0] if "." in section else section


def _task_before(lines: list[_Line], index: int) -> tuple[str, str | None]:
    """The task a time line closes, and the lead unit named for it, in its group."""
    group = _group(lines[index].section)
    task, lead = "", None
    for line in reversed(lines[:index]):
        if not (line.section == group or line.section.startswith(group + ".")):
            break
        folded = flat(line.text)
        if _TIME_LINE.match(folded):
            break
        lead_match = _LEAD_LINE.match(folded)
        if lead_match:
            lead = lead or task_text(line.text[lead_match.end() :]).rstrip(".")
            continue
        if _LABEL_LINE.match(folded) or line.text.rstrip().endswith(":"):
            continue
        task = _TASK_PREFIX.sub("", task_text(line.text))
        break
    return task, lead


def _table_row(reader: _Reader, table: Table, line: _Line) -> None:
    row = row_cells(table, line.text, reader.year)
    if row is None:
        return
    task, value, lead = row
    hits = find_deadlines(
        value, reader.year, reader.issued, line.yearly, bare=True, scoped=reader.scoped
    )
    text, offset = _row_text(line.text, task, value)
    named = label_for(task) if task else ""  # what is due: the task, not "Thời hạn"
    found = [replace(_shift(hit, offset), label=named or hit.label) for hit in hits]
    _emit(reader, text, line, found, lead or line.unit)


def _row_text(printed: str, task: str, value: str) -> tuple[str, int]:
    """A row's text as printed and where its time cell starts in it.

    Readers quote a row by whichever cells they like ("Sở Tư pháp | Quý I/2027"), so the
    row stays as printed; a time cell completed from the "Tháng" column is not printed and
    is shown after the task instead.
    """
    printed = printed.strip()
    after_task = printed.find(task) + len(task) if task and task in printed else 0
    at = printed.find(value, after_task)
    if at < 0:
        return f"{task} ({value})", len(task) + 2
    return printed, at
