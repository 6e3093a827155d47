"""The structure parser: plain text (or a file) in, a Directive out.

Order of work: normalise; lines to paragraphs (paragraphs.py); header (issuer, number,
type, date, title: header.py, issuer.py); trailer (recipients, signer: structure.py);
what follows the signature (footnotes, attached documents: attachments.py); the "Kính
gửi" list; sections, preamble and closing (sections.py); units and tasks (units.py);
references (references.py); year; deadlines (deadlines.find_deadlines on each sentence
of each section, of the main text and of every attached part), all in knowledge/parse/.

Identity: the header gives number, date, type and issuer; a text whose header lost them
takes number and date (and issuer) from the caption of its annex ("Kèm theo Hướng dẫn
số 40-HD/BTGDVTW ngày 27/11/2025 của ..."). The issuer is the header's issuing body as
printed, else the body's issuing clause, else the caption's, else the number's code
(issuer.py); `issuer_code` keeps the number's code. A text without a type heading or code
takes the type it gives itself ("Trên đây là báo cáo …", "… kính trình …"); one that names
no type anywhere is a công văn ("văn bản không có tên loại"): CV.

Key: a numbered document is known by its number (number_key of its DocNumber); one
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

from knowledge.model import Deadline, Directive, DocNumber, Reference
from knowledge.parse.attachments import Caption, Part, opens_tail, split_tail
from knowledge.parse.deadline_places import Place, collect_deadlines
from knowledge.parse.header import Header, parse_header, title_key
from knowledge.parse.issuer import acting_committee, body_committee, body_issuer, body_type
from knowledge.parse.paragraphs import split_paragraphs
from knowledge.parse.references import find_references, latest_year, segments
from knowledge.parse.sections import Block, build_sections
from knowledge.parse.structure import is_recipients_start, parse_trailer, take_recipients
from knowledge.parse.units import assign_units, tasks_of
from knowledge.vi.dates import infer_year, work_year
from knowledge.vi.docnumbers import number_key
from knowledge.vi.doctypes import type_from_name, type_name
from knowledge.vi.textnorm import normalize
from knowledge.vi.written_dates import find_raw_dates, make_date

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
    trailer = parse_trailer(paras, head.body_start, lambda i: _ends_body(paras, i))
    addressed, body = _addressees(paras[head.body_start : trailer.body_end])
    main = Place(*build_sections(body), "")
    parts = split_tail(paras[trailer.tail_start :])
    places = [main, *(Place(p.preamble, p.blocks, p.closing, p.section.path) for p in parts)]
    for place in places:
        assign_units(place.blocks)
    named_in = main.preamble + main.closing + _last_paras(main.blocks)
    # Where a generic subject ("Nhà trường") finds its name: title, preamble and closing
    # first, then the body, then the signer's authority line.
    named_at = [*(paras[i] for i in head.title_paras), *main.preamble, *main.closing, *body]
    signed = f"{trailer.signer.authority}\n{trailer.signer.title}"
    directive = _identity(head, named_in, _caption(head, parts), ([*named_at, signed], signed))
    directive.text = text
    directive.recipients = addressed + trailer.recipients
    directive.signer = trailer.signer
    directive.sections = [b.section for b in main.blocks]
    for part in parts:
        directive.sections += [part.section, *(b.section for b in part.blocks)]
    directive.tasks = tasks_of([b for place in places for b in place.blocks])
    directive.references = _references(paras, head, directive, places)
    directive.year = _year(head, directive)
    if directive.number is None:
        directive.number_key = title_key(directive.doc_type, directive.title, directive.year)
    # Yearless terms take a year the text states, never one guessed from what it cites.
    work = work_year(text) or _stated_year(head, directive)
    # A stated work year ("năm 2027") is final; otherwise a day before the document rolls on.
    scoped = infer_year(directive.title) is not None
    issued = None if scoped else directive.date
    found = collect_deadlines(places, work, issued, scoped)
    directive.deadlines = _ahead(found, directive) if directive.doc_type == "BC" else found
    return directive


def _ahead(found: list[Deadline], directive: Directive) -> list[Deadline]:
    """A báo cáo tells what was done: a term that ended before its date is a fact. Without
    a printed date, the latest date it states outside its terms stands in (a report is not
    older than the request it answers or the events it tells)."""
    issued = directive.date or _latest_stated(directive.text, found)
    if issued is None:
        return found
    return [d for d in found if d.recurrence or (d.due or d.period_end or issued) >= issued]


def _latest_stated(text: str, found: list[Deadline]) -> date | None:
    """The latest full date of the text that is no term's day."""
    terms = {d.due for d in found} | {d.period_end for d in found}
    stated = [make_date(r.day, r.month, r.year) for r in find_raw_dates(text) if r.year]
    days = [d for d in stated if d is not None and d not in terms]
    return max(days) if days else None


def _ends_body(paras: list[str], index: int) -> bool:
    """What may follow a signature: the end, footnotes or an attached document."""
    return index == len(paras) or opens_tail(paras[index])


def _references(
    paras: list[str], head: Header, directive: Directive, places: list[Place]
) -> list[Reference]:
    """Citations of the title, the preamble (bases) and every paragraph after it."""
    raw_title = " ".join(paras[i] for i in head.title_paras)
    body: list[tuple[str, str]] = []
    for index, place in enumerate(places):
        if index:  # the main text's preamble is its basis, a segment of its own
            body += [(p, place.path) for p in place.preamble]
        body += [(p, b.section.path) for b in place.blocks for p in b.paras]
        body += [(p, place.path) for p in place.closing]
    own_key = directive.number_key if directive.number else None
    return find_references(segments(raw_title, places[0].preamble, body), own_key)


def _addressees(body: list[str]) -> tuple[list[str], list[str]]:
    """The "Kính gửi" list before the first section, and the body without it."""
    for index, text in enumerate(body[:12]):
        if is_recipients_start(text):
            found, after = take_recipients(body, index)
            return found, body[:index] + body[after:]
    return [], body


def _last_paras(blocks: list[Block]) -> list[str]:
    """The last section's paragraphs: a công văn often names itself at its end."""
    return blocks[-1].paras[-2:] if blocks else []


def _caption(head: Header, parts: list[Part]) -> Caption | None:
    """The caption that names this document, when its header lost the number or date."""
    if head.number is not None and head.date is not None:
        return None
    for part in parts:
        caption = part.caption
        if caption is None or caption.number is None:
            continue
        word = type_from_name(caption.type_word) if caption.type_word else None
        kind = caption.number.doc_type or word
        if not head.doc_type or kind == head.doc_type or word == head.doc_type:
            return caption
    return None


def _identity(
    head: Header, named_in: list[str], caption: Caption | None, self_named: tuple[list[str], str]
) -> Directive:
    number = head.number or (caption.number if caption else None)
    family = number.family if number else "party"
    doc_type = _doc_type(head, number, caption) or body_type(named_in) or "CV"
    return Directive(
        number=number.display() if number else None,
        number_key=number_key(number) if number else None,
        doc_type=doc_type,
        doc_type_name=type_name(doc_type, family) if doc_type else "",
        issuer=_issuer(head, number, caption, named_in, self_named),
        issuer_code=number.issuer if number else body_committee(named_in),
        date=head.date or (caption.date if caption else None),
        title=head.title,
    )


def _doc_type(head: Header, number: DocNumber | None, caption: Caption | None) -> str | None:
    if head.doc_type:
        return head.doc_type
    if number is not None and number.doc_type:
        return number.doc_type
    word = caption.type_word if caption else ""
    return type_from_name(word) if word else None


def _issuer(
    head: Header,
    number: DocNumber | None,
    caption: Caption | None,
    named_in: list[str],
    self_named: tuple[list[str], str],
) -> str:
    if head.issuer:
        return head.issuer
    # The body's own words before an annex caption's (which may abbreviate: "Ủy ban MTTQ").
    named = body_issuer(named_in, *self_named)
    if named:
        return named
    if caption is not None and caption.issuer:
        return acting_committee(caption.issuer)
    return number.issuer if number is not None else ""


def _year(head: Header, directive: Directive) -> int | None:
    if directive.date is not None:
        return directive.date.year
    if head.number is not None and head.number.year:
        return head.number.year  # "Số: 12/2024/QĐ-UBND" carries its year
    return infer_year(directive.title) or latest_year(directive.references)


def _stated_year(head: Header, directive: Directive) -> int | None:
    if directive.date is not None:
        return directive.date.year
    if head.number is not None and head.number.year:
        return head.number.year
    return infer_year(directive.title)
