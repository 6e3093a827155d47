"""The structure parser: plain text (or a file) in, a Directive out.

Order of work: normalise; lines to paragraphs (paragraphs.py); header (number, type,
date, title: header.py); trailer (recipients, signer: structure.py); the "Kính gửi"
list; sections, preamble and closing (sections.py); units and tasks (units.py);
references (references.py); year; deadlines (deadlines.find_deadlines on each sentence
of each section), all in knowledge/parse/.

Identity: a numbered document is known by its number (number_key of its DocNumber); one
without a number by type + folded title + year, e.g. "ctr:cong tac dan van nam 2024:2024"
(header.title_key).
Deadlines: a yearless day takes the work year (knowledge.vi.dates.work_year: the title's
"năm 2027" before the header date's year); when the title names no year, one that would
fall before the document's own date moves to the next year. A deadline's unit is the
sentence's subject when it names one, else the unit of its paragraph or section.
Year: the header date's year, else the year inside a legal number ("12/2024/QĐ-UBND"),
else "năm 2024" in the title, else the latest year of the dates of the documents it
cites (a document is not older than what it cites).
"""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

from knowledge.model import Deadline, Directive
from knowledge.parse.deadlines import find_deadlines
from knowledge.parse.header import Header, parse_header, title_key
from knowledge.parse.paragraphs import sentences, split_paragraphs
from knowledge.parse.references import find_references, latest_year, segments
from knowledge.parse.sections import Block, build_sections
from knowledge.parse.structure import (
    is_recipients_start,
    issuer_from_preamble,
    parse_trailer,
    take_recipients,
)
from knowledge.parse.units import assign_units, block_items, subject_unit, task_text, tasks_of
from knowledge.vi.dates import infer_year, work_year
from knowledge.vi.docnumbers import number_key
from knowledge.vi.doctypes import type_name
from knowledge.vi.textnorm import normalize

log = logging.getLogger(__name__)


def parse_text(text: str, file_name: str = "") -> Directive:
    """Parse a directive's text; never raises (a failure gives a directive with text only)."""
    try:
        clean = normalize(text)
    except Exception:  # noqa: BLE001 - the contract is "never raises": keep the raw text
        log.exception("cannot normalise %s", file_name or "text")
        return Directive(text=text)
    try:
        return analyse(clean)
    except Exception:  # noqa: BLE001 - a parser bug must not stop an ingest
        log.exception("parser failed on %s", file_name or "text")
        return Directive(text=clean)


def parse_file(path: Path, max_bytes: int | None = None) -> Directive:
    """Read a .txt/.docx/.pdf file and parse it; raises readers.ReadError for bad files."""
    from knowledge.parse.readers import read_file

    return parse_text(read_file(path, max_bytes).text, path.name)


def analyse(text: str) -> Directive:
    """Parse already normalised text (raises on a parser bug: tests call this directly)."""
    split = split_paragraphs(text)
    paras = [p.text for p in split]
    head = parse_header(split)
    trailer = parse_trailer(paras, head.body_start)
    body = paras[head.body_start : trailer.body_end]
    addressed, body = _addressees(body)
    preamble, blocks, closing = build_sections(body)
    assign_units(blocks)
    directive = _identity(head, preamble)
    directive.text = text
    directive.recipients = addressed + trailer.recipients
    directive.signer = trailer.signer
    directive.sections = [block.section for block in blocks]
    directive.tasks = tasks_of(blocks)
    raw_title = " ".join(paras[i] for i in head.title_paras)
    body_parts = [(p, b.section.path) for b in blocks for p in b.paras] + [(p, "") for p in closing]
    own_key = directive.number_key if directive.number else None
    directive.references = find_references(segments(raw_title, preamble, body_parts), own_key)
    directive.year = _year(head, directive)
    if directive.number is None:
        directive.number_key = title_key(directive.doc_type, directive.title, directive.year)
    work = work_year(text) or directive.year
    # A stated work year ("năm 2027") is final; otherwise a day before the document rolls on.
    issued = head.date if infer_year(directive.title) is None else None
    directive.deadlines = _deadlines(preamble, blocks, closing, work, issued)
    return directive


def _addressees(body: list[str]) -> tuple[list[str], list[str]]:
    """The "Kính gửi" list before the first section, and the body without it."""
    for index, text in enumerate(body[:12]):
        if is_recipients_start(text):
            found, after = take_recipients(body, index)
            return found, body[:index] + body[after:]
    return [], body


def _identity(head: Header, preamble: list[str]) -> Directive:
    number = head.number
    family = number.family if number else "party"
    return Directive(
        number=number.display() if number else None,
        number_key=number_key(number) if number else None,
        doc_type=head.doc_type,
        doc_type_name=type_name(head.doc_type, family) if head.doc_type else "",
        issuer=number.issuer if number else issuer_from_preamble(preamble),
        date=head.date,
        title=head.title,
    )


def _year(head: Header, directive: Directive) -> int | None:
    if head.date is not None:
        return head.date.year
    if head.number is not None and head.number.year:
        return head.number.year  # "Số: 12/2024/QĐ-UBND" carries its year
    return infer_year(directive.title) or latest_year(directive.references)


def _deadlines(
    preamble: list[str],
    blocks: list[Block],
    closing: list[str],
    year: int | None,
    issued: date | None,
) -> list[Deadline]:
    """Deadlines of every sentence, with the section and unit they come from."""
    places: list[tuple[str, str, str | None]] = [(p, "", None) for p in preamble]
    for block in blocks:
        places.extend((item.text, block.section.path, item.unit) for item in block_items(block))
    places.extend((p, "", None) for p in closing)
    found: list[Deadline] = []
    for para, path, unit in places:
        for sentence in sentences(task_text(para)):
            owner = subject_unit(sentence) or unit  # "Thủ trưởng các đơn vị có trách nhiệm ..."
            for hit in find_deadlines(sentence, year, issued):
                found.append(
                    Deadline(
                        text=sentence,
                        section=path,
                        due=hit.due,
                        recurrence=hit.recurrence,
                        unit=owner,
                        label=hit.label,
                        period=hit.period,
                    )
                )
    return found
