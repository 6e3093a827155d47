"""Deadline and date questions: "hạn nộp báo cáo 6 tháng?", "tựu trường ngày nào?".

The document is chosen first (knowledge.answer.choose); its parsed deadlines and the
sentences of it that state a date or a time are the candidates, scored by the question's
words (knowledge.answer.extract.Wanted). A candidate that is a parsed deadline leads with
its value ("Báo cáo năm: hạn 20/12/2025", "trong tháng 12/2025"); any other is quoted.
Only when several documents fit the question equally ("hạn nộp báo cáo 6 tháng?" asked
of the plans of four years) are their deadlines compared, the nearest one ahead first.
Another document's deadline never stands in for the one asked about.
"""

from __future__ import annotations

import re
from datetime import date

from knowledge.answer import phrases as say
from knowledge.answer.covers import (
    ASKS_GRAIN,
    Asked,
    asked_of,
    cycle_asked,
    dates_asked,
    grain_of,
    missing,
    other_year,
    recipient_asked,
)
from knowledge.answer.deadline_order import CLOSE_FIT, DUE, Candidate, due_in_year, ordered
from knowledge.answer.extract import CONTEXT_WEIGHT, best_spots, with_task
from knowledge.answer.found import Found, Pick, dedupe
from knowledge.answer.held import OBJECT_MIN, asked_part
from knowledge.answer.intents import Intent
from knowledge.answer.passages import quote, trim
from knowledge.answer.targets import DocRef
from knowledge.answer.unstated import unstated
from knowledge.answer.weights import Wanted, naming_words
from knowledge.answer.when import (
    DEADLINE_QUOTE,
    LABEL_CHARS,
    clause_of,
    describe,
    has_time,
    meeting_day,
)
from knowledge.parse.attachments import FOOTNOTES
from knowledge.search.library import Library

MAX_LISTED = 4  # other fitting deadlines listed after the one meant
LABEL_WEIGHT = 0.2  # "báo cáo năm" names the deadline: its words count once more, a little
UNIT_WEIGHT = 0.5  # the unit a deadline is for ("Ủy ban nhân dân xã") counts this part
HEADING_WEIGHT = 0.4  # the heading of the deadline's section counts for this part
PARSED_BONUS = 0.1  # a parsed deadline is a duty, a dated sentence may be a remark
DUE_BONUS = 0.15  # a sentence saying by when ("trước ngày", "chậm nhất"), not only a date
CLAUSE_WEIGHT = 0.5  # the clause stating the date ("…; báo cáo kết quả trước ngày 10/11")
UNDUE = 0.8  # a dated sentence that sets no deadline, for a question asking one
DOC_WEIGHT = 1.0  # the question's words the whole document holds count with its deadlines
SPOTS = 4  # dated sentences of the document considered besides its parsed deadlines
GRAIN_BONUS = 0.25  # "tháng mấy?" asked: a sentence naming a month
_MEETING = re.compile(r"\b(?:hop|hoi nghi)\b")


def deadline_answer(
    library: Library,
    intent: Intent,
    docs: list[DocRef],
    today: date | None,
    asked: str = "",
    named: bool = False,
) -> Found | None:
    """The deadline or dated sentence of docs (the document meant, and any as good) that
    best fits the question (`asked`: what it asks about them, default its topic; `named`:
    the question names docs[0]); None when none of them states one that fits."""
    if not docs:
        return None
    query = asked or intent.topic or intent.folded
    if intent.year is not None:  # the year filters the deadlines: it says nothing of which
        query = " ".join(query.replace(str(intent.year), " ").split()) or query
    wanted = Wanted(library, query, naming_words(docs[0]))
    candidates = _candidates(library, wanted, docs, query, intent)
    first = [c.score for c in candidates if c.doc.id == docs[0].id]
    if not first:
        return None  # another document's deadline never answers for the one meant
    # The other documents' deadlines count when they fit as well as the first one's do
    # ("hạn nộp báo cáo 6 tháng?" asked of several plans that each require one).
    candidates = [
        c for c in candidates if c.doc.id == docs[0].id or c.score >= CLOSE_FIT * max(first)
    ]
    note = ""
    if intent.year is not None:
        in_year = [c for c in candidates if due_in_year(c, intent.year)]
        # "kiểm điểm năm 2027" asked: a guide "… năm 2026" due in January 2027 is of
        # another year's work, when a document of 2027 dates it too.
        in_year = [
            c for c in in_year if not other_year(c.doc.doc.title, c.text, intent.year)
        ] or in_year
        note = "" if in_year else say.YEAR_NONE.format(year=intent.year)
        candidates = in_year or candidates
    cycle, to = cycle_asked(intent.folded), recipient_asked(intent.folded)
    candidates = ordered(candidates, today, intent.due, cycle, to)
    best = candidates[0]
    if intent.due and (not _states_asked(library, query, best, named) or _sets_none(best)):
        picks = [Pick(c.doc, c.path, _quote(c, query), label=_label(c)) for c in candidates[:3]]
        return unstated(picks[0], picks[1:], docs[0].name if named else None)
    names = asked_of(intent.folded, library.knows)
    if names and _leaves_out(names, best):
        # "Lịch nghỉ hè … từ ngày nào?" answered by a safety check of May: another thing;
        # of a document named, it is one that document does not date.
        fit = [c for c in candidates[1:] if c.score >= CLOSE_FIT * best.score]
        dating = next((c for c in fit if dates_asked(names, c.text)), None)
        if dating is None:
            picks = [Pick(c.doc, c.path, _quote(c, query), label=_label(c)) for c in candidates[:3]]
            if named:
                return unstated(picks[0], picks[1:], docs[0].name)
            return Found(say.NOT_FOUND, others=picks, found=False, heading=say.SEE_ALSO)
        best, candidates = dating, [dating, *(c for c in candidates if c is not dating)]
    # The other deadlines of its sentence are said too when they fit as well ("hạn nộp
    # báo cáo?": both reports), not when the question names one ("báo cáo sơ kết").
    same = [
        c
        for c in candidates[1:]
        if c.deadline is not None and _same_passage(c, best) and c.own >= CLOSE_FIT * best.own
    ]
    said = dict.fromkeys(
        describe(c.deadline, c.text) for c in [best, *same] if c.deadline is not None
    )
    lead = "\n".join([note, *said]).strip()
    main = Pick(best.doc, best.path, _quote(best, query))
    listed = [c for c in candidates[1:] if not _same_passage(c, best) and c.score > 0]
    # Only those that may be shown are described: the list is cut after MAX_LISTED.
    others = [
        Pick(c.doc, c.path, _quote(c, query), label=_label(c)) for c in listed[: 2 * MAX_LISTED]
    ]
    return Found(lead, [main], dedupe(others), max_others=MAX_LISTED)


def _leaves_out(asked: Asked, c: Candidate) -> bool:
    """Whether a candidate leaves out the head or the month a "when" question names."""
    heading = next((s.heading for s in c.doc.directive.sections if s.path == c.path), "")
    naming = f"{heading} {c.doc.doc.title} {c.spot.passage.context if c.spot else ''}"
    d = c.deadline
    if d is None:
        return bool(missing(asked, c.text, naming, []))
    days = [x for x in (d.due, d.period_start, d.period_end) if x is not None]
    naming += f" {d.label} {d.unit or ''}"
    return bool(missing(asked, c.text, naming, days, d.recurrence == "monthly"))


def _states_asked(library: Library, query: str, c: Candidate, named: bool) -> bool:
    """Whether the deadline found is of what was asked: its sentence, heading and label
    hold what the question asks about ("báo cáo tổng kết phòng cháy"), the words naming
    the document aside. A dated sentence is checked only in a document the question
    names (elsewhere it may time an event the question names)."""
    if c.deadline is None and not named:
        return True
    heading = next((s.heading for s in c.doc.directive.sections if s.path == c.path), "")
    label = f"{c.deadline.label} {c.deadline.unit or ''}" if c.deadline is not None else ""
    return asked_part(library, query, c.doc, f"{c.text} {heading} {label}") >= OBJECT_MIN


# What makes a time a duty's ("trước", "chậm nhất", "hạn"), not "Trong năm 2026, … đã".
_DUTY = re.compile(
    r"\b(?:trước|chậm nhất|hạn(?! chế)|hoàn thành|không quá|đến (?:hết|khi|ngày)|kể từ)\b",
    re.IGNORECASE,
)


def _sets_none(best: Candidate) -> bool:
    """A document setting no duty's deadline at all (a report, a submission) whose best
    dated sentence (no parsed deadline) only names a year or a past day: no deadline
    for what is asked."""
    # The days of past events a report tells ("đã đối thoại vào ngày 14/10") set no duty;
    # "trước ngày …", "từ ngày 10 đến ngày 15 tháng 12", a recurrence do.
    if best.deadline is not None:
        return False  # parsed as a duty's deadline ("Báo cáo 6 tháng: 10/6")
    duties = [d for d in best.doc.directive.deadlines if d.recurrence or DUE.search(d.text)]
    return not duties and not _DUTY.search(best.text)


def _candidates(
    library: Library, wanted: Wanted, docs: list[DocRef], query: str, intent: Intent
) -> list[Candidate]:
    """Parsed deadlines of every document, dated sentences of the first one."""
    found: list[Candidate] = []
    due, folded_q = intent.due, intent.folded
    grain = GRAIN_BONUS if ASKS_GRAIN.search(folded_q) else 0.0
    # A parsed deadline is a duty: what a question about a duty's deadline asks for.
    bonus = PARSED_BONUS * wanted.total if due else 0.0
    stated = DUE_BONUS * wanted.total
    held = wanted.held_by(library, docs)
    topic = {doc.id: DOC_WEIGHT * held[doc.id] for doc in docs}
    for doc in docs:
        heads = {s.path: s.heading for s in doc.directive.sections}
        for deadline in doc.directive.deadlines:
            text = with_task(doc, deadline.text)
            own = wanted.score(clause_of(deadline, text)) + wanted.score(deadline.label)
            score = (1 - CLAUSE_WEIGHT) * wanted.score(text) + CLAUSE_WEIGHT * wanted.score(
                clause_of(deadline, text)
            )
            score += LABEL_WEIGHT * wanted.score(deadline.label)
            score += HEADING_WEIGHT * wanted.score(heads.get(deadline.section, ""))
            score += UNIT_WEIGHT * wanted.score(deadline.unit or "")
            score += grain * wanted.total * bool(grain_of(folded_q, text))
            if score > 0:
                score += bonus + topic[doc.id]
                fit = wanted.score(text)
                found.append(Candidate(doc, deadline, score, shown=text, own=own, fit=fit))
    parsed = [c.text for c in found if c.doc.id == docs[0].id]
    # "Chi bộ xét kết nạp ở cuộc họp ngày nào?": the meeting's day, in a basis line too.
    dated = meeting_day if _MEETING.search(folded_q) and not due else has_time
    for spot in best_spots(library, docs[0], query, dated, SPOTS, require=True):
        if spot.path == FOOTNOTES:
            continue  # "[2] Theo số liệu … đến hết năm 2025": a source's figure, no duty's term
        if dated(spot.text) and not any(spot.text in t or t in spot.text for t in parsed):
            # Scored as the deadlines are: the library's weights, the document's fit.
            score = wanted.score(spot.text) + CONTEXT_WEIGHT * wanted.score(spot.passage.context)
            if due and not DUE.search(spot.text):
                score *= UNDUE  # a date a sentence mentions is not yet a duty's deadline
            score += topic[docs[0].id] + (stated if DUE.search(spot.text) else 0.0)
            score += grain * wanted.total * bool(grain_of(folded_q, spot.text))
            found.append(Candidate(docs[0], None, score, spot, fit=wanted.score(spot.text)))
    return found


def _quote(c: Candidate, query: str) -> str:
    """The sentence, cut around the date it states, never inside it."""
    return quote(c.text, query, DEADLINE_QUOTE)


def _label(c: Candidate) -> str:
    return describe(c.deadline, c.text) if c.deadline is not None else trim(c.text, "", LABEL_CHARS)


def _same_passage(a: Candidate, b: Candidate) -> bool:
    return a.doc.id == b.doc.id and a.text == b.text
