"""Deadline questions: "hạn nộp báo cáo 6 tháng?", "tháng 5/2024 có hạn gì?"."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from knowledge import answer_phrases as say
from knowledge.answer_model import Found, Pick, dedupe
from knowledge.intents import Intent
from knowledge.model import Deadline
from knowledge.passages import format_date, terms, trim
from knowledge.search import Library
from knowledge.targets import DocRef, all_docs
from knowledge.textnorm import fold

CLOSE_FIT = 0.8  # a deadline fitting 80% as well as the best one is as likely meant
UPCOMING_BONUS = 2.0  # a deadline still ahead is what a secretary asks about
STALE_PENALTY = 1.0  # a deadline of an earlier year: only if the question points at it
RECENT_BONUS = 2.0  # of past deadlines, those of the latest year on file are the likely ones
DEADLINE_QUOTE = 240  # characters of the quoted deadline sentence
LABEL_CHARS = 90  # a task named in a deadline list
LABEL_WEIGHT = 2.0  # "báo cáo năm" names the deadline; the sentence around it matters less
RANK_BONUS = 3.0  # weight of the section's place in the retrieval ranking


@dataclass
class _Candidate:
    doc: DocRef
    deadline: Deadline
    score: float = 0.0


def deadline_answer(
    library: Library, intent: Intent, scope: list[DocRef], today: date | None
) -> Found | None:
    """The deadline that best fits the question, with its passage; None if no deadline fits.

    scope is the documents the question names, or every document when it names none.
    """
    candidates = _ranked(library, intent, scope, today)
    if not candidates or candidates[0].score <= 0:
        return None
    best = candidates[0]
    same = [c for c in candidates if _same_passage(c, best) and c is not best]
    lead = "\n".join(_describe(c.deadline) for c in [best, *same])
    main = Pick(best.doc, best.deadline.section, _quote(best.deadline))
    others = [
        Pick(c.doc, c.deadline.section, "", label=_describe(c.deadline))
        for c in candidates[1:]
        if not _same_passage(c, best) and c.score > 0
    ]
    return Found(lead, [main], dedupe(others))


def _ranked(
    library: Library, intent: Intent, scope: list[DocRef], today: date | None
) -> list[_Candidate]:
    """Every deadline of scope, the one meant first."""
    candidates = [_Candidate(d, x) for d in scope for x in d.directive.deadlines]
    if not candidates:
        return []
    ranks = _section_ranks(library, intent, {d.id for d in scope})
    wanted = terms(intent.topic)
    latest = max((c.deadline.due.year for c in candidates if c.deadline.due), default=None)
    for c in candidates:
        c.score = _fit(c, wanted, ranks)
    top = max(c.score for c in candidates)
    # Deadlines that fit about as well as the best are equals: among them the one still
    # ahead (else the latest) is meant; then the better fit.
    candidates.sort(
        key=lambda c: (
            c.score < CLOSE_FIT * top,
            -_timeliness(c.deadline, today, latest),
            -c.score,
        )
    )
    return candidates


def month_answer(library: Library, intent: Intent, today: date | None) -> Found:
    """Every deadline falling in the month asked about, earliest first."""
    year = intent.year or (today.year if today else None)
    month = intent.month or 1
    label = f"{month}/{year}" if year else str(month)
    hits = [
        _Candidate(d, x)
        for d in all_docs(library)
        for x in d.directive.deadlines
        if _in_month(x, month, year)
    ]
    if not hits:
        return Found(_month_none(library, label, month, year), found=False)
    hits.sort(key=lambda c: (c.deadline.due is None, c.deadline.due or date.max))
    lines = [say.MONTH_LEAD.format(month=label)]
    lines += [
        f"• {_describe(c.deadline)} ({Pick(c.doc, c.deadline.section, '').cite})" for c in hits
    ]
    first = hits[0]
    main = Pick(first.doc, first.deadline.section, _quote(first.deadline))
    rest = [Pick(c.doc, c.deadline.section, "", label=_describe(c.deadline)) for c in hits[1:]]
    others = dedupe([main, *rest])[1:]
    return Found("\n".join(lines), [main], others, show_others=False)


def _month_none(library: Library, label: str, month: int, year: int | None) -> str:
    """No deadline in that month: say so, and name the first dated one after it."""
    text = say.MONTH_NONE.format(month=label)
    if year is None:
        return text
    after = date(year + month // 12, month % 12 + 1, 1)
    later = [
        _Candidate(d, x)
        for d in all_docs(library)
        for x in d.directive.deadlines
        if x.due is not None and x.due >= after
    ]
    if not later:
        return text
    first = min(later, key=lambda c: c.deadline.due or date.max)
    cite = Pick(first.doc, first.deadline.section, "").cite
    return f"{text}\n\n{say.MONTH_NEXT.format(what=_describe(first.deadline), cite=cite)}"


def _quote(deadline: Deadline) -> str:
    """The deadline's sentence, trimmed around its label and date."""
    return trim(deadline.text, deadline.label, DEADLINE_QUOTE)


def _in_month(deadline: Deadline, month: int, year: int | None) -> bool:
    if deadline.due is not None:
        return deadline.due.month == month and (year is None or deadline.due.year == year)
    period = deadline.period or ""
    if "-Q" not in period:
        return False  # a yearly or monthly period gives no day: not a deadline in this month
    period_year, quarter = period.split("-Q", 1)
    in_quarter = (month - 1) // 3 + 1 == int(quarter)
    return in_quarter and (year is None or str(year) == period_year)


def _section_ranks(
    library: Library, intent: Intent, doc_ids: set[int]
) -> dict[tuple[int, str], float]:
    hits = library.search_sections(intent.folded, k=10, doc_ids=doc_ids)
    ranks: dict[tuple[int, str], float] = {}
    for rank, hit in enumerate(hits):
        ranks.setdefault((hit.doc.id, hit.section.path), 1.0 / (rank + 1))
    return ranks


def _fit(c: _Candidate, wanted: set[str], ranks: dict[tuple[int, str], float]) -> float:
    """How well a deadline's label, sentence, document title and section fit the question."""
    d = c.deadline
    overlap = len(wanted & terms(d.text)) + LABEL_WEIGHT * len(wanted & terms(d.label))
    title = len(wanted & terms(c.doc.directive.title)) * 0.5
    return overlap + title + RANK_BONUS * ranks.get((c.doc.id, d.section), 0.0)


def _timeliness(deadline: Deadline, today: date | None, latest: int | None) -> float:
    """Deadlines still ahead first, earlier years' last; without today, the latest year."""
    due = deadline.due
    if due is None:
        return 0.0
    if today is not None and due >= today:
        return UPCOMING_BONUS
    bonus = RECENT_BONUS if due.year == latest else 0.0
    stale = today is not None and due.year < today.year
    return bonus - STALE_PENALTY if stale else bonus


def _same_passage(a: _Candidate, b: _Candidate) -> bool:
    return a.doc.id == b.doc.id and a.deadline.text == b.deadline.text


def _describe(deadline: Deadline) -> str:
    """ "Báo cáo 6 tháng: hạn 10/05/2024", or what is due and "chưa rõ ngày"."""
    label = deadline.label
    if not label or fold(label).startswith("thuc hien"):
        # "Thực hiện trong quý 2/2024" says when, not what: name the task instead.
        label = trim(deadline.text, "", LABEL_CHARS).rstrip(".;")
    if deadline.due is not None:
        return say.DEADLINE_LEAD.format(label=label, due=format_date(deadline.due)).rstrip(".")
    extra = say.RECURRENCE.get(deadline.recurrence or "", "")
    if deadline.period and "-Q" in deadline.period:
        year, quarter = deadline.period.split("-Q", 1)
        extra = say.MONTH_DUE_IN.format(period=f"quý {quarter}/{year}")
    period = f", {extra}" if extra and extra not in label else ""
    return say.DEADLINE_OPEN.format(label=label, period=period).rstrip(".")
