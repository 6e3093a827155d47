"""Deadline questions: "hạn nộp báo cáo 6 tháng?", "tháng 5/2024 có hạn gì?"."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from knowledge.answer import phrases as say
from knowledge.answer.found import Found, Pick, dedupe
from knowledge.answer.intents import Intent
from knowledge.answer.passages import format_date, terms, trim
from knowledge.answer.targets import DocRef
from knowledge.model import Deadline
from knowledge.search.library import Library
from knowledge.vi.textnorm import fold

CLOSE_FIT = 0.8  # a deadline fitting 80% as well as the best one is as likely meant
MAX_LISTED = 4  # other fitting deadlines listed after the one meant
DEADLINE_QUOTE = 240  # characters of the quoted deadline sentence
LABEL_CHARS = 90  # a task named in a deadline list
LABEL_WEIGHT = 2.0  # "báo cáo năm" names the deadline; the sentence around it matters less
RANK_BONUS = 3.0  # weight of the section's place in the retrieval ranking


@dataclass
class Candidate:
    """A deadline of a document, with how well it fits the question."""

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
    note = ""
    if intent.year is not None:
        in_year = [c for c in candidates if _in_year(c.deadline, intent.year)]
        note = "" if in_year else say.YEAR_NONE.format(year=intent.year)
        candidates = in_year or candidates
    best = candidates[0]
    same = [c for c in candidates if _same_passage(c, best) and c is not best]
    # The same sentence repeated in two sections of a document states its deadlines once.
    said = dict.fromkeys(describe(c.deadline) for c in [best, *same])
    lead = "\n".join([note, *said]).strip()
    main = Pick(best.doc, best.deadline.section, quote_of(best.deadline))
    others = [
        Pick(c.doc, c.deadline.section, quote_of(c.deadline), label=describe(c.deadline))
        for c in candidates[1:]
        if not _same_passage(c, best) and c.score > 0
    ]
    return Found(lead, [main], dedupe(others), max_others=MAX_LISTED)


def _in_year(deadline: Deadline, year: int) -> bool:
    """Due in that year, or in a period of it ("2024-Q2", "2024")."""
    if deadline.due is not None:
        return deadline.due.year == year
    return (deadline.period or "").startswith(str(year))


def _ranked(
    library: Library, intent: Intent, scope: list[DocRef], today: date | None
) -> list[Candidate]:
    """Every deadline of scope, the one meant first."""
    candidates = [Candidate(d, x) for d in scope for x in d.directive.deadlines]
    if not candidates:
        return []
    ranks = _section_ranks(library, intent, {d.id for d in scope})
    wanted = terms(intent.topic)
    titles = {d.id: len(wanted & _terms(d.directive.title)) * 0.5 for d in scope}
    for c in candidates:
        c.score = _fit(c, wanted, ranks) + titles[c.doc.id]
    top = max(c.score for c in candidates)
    # Deadlines that fit about as well as the best are equals: among them the nearest one
    # still ahead is meant, then the most recent past one; then the better fit.
    candidates.sort(key=lambda c: (c.score < CLOSE_FIT * top, *_when(c.deadline, today), -c.score))
    return candidates


def quote_of(deadline: Deadline) -> str:
    """The deadline's sentence, trimmed around its label and date."""
    return trim(deadline.text, deadline.label, DEADLINE_QUOTE)


def _section_ranks(
    library: Library, intent: Intent, doc_ids: set[int]
) -> dict[tuple[int, str], float]:
    hits = library.search_sections(intent.folded, k=10, doc_ids=doc_ids)
    ranks: dict[tuple[int, str], float] = {}
    for rank, hit in enumerate(hits):
        ranks.setdefault((hit.doc.id, hit.section.path), 1.0 / (rank + 1))
    return ranks


def _fit(c: Candidate, wanted: set[str], ranks: dict[tuple[int, str], float]) -> float:
    """How well a deadline's label, sentence and section fit the question."""
    d = c.deadline
    overlap = len(wanted & _terms(d.text)) + LABEL_WEIGHT * len(wanted & _terms(d.label))
    return overlap + RANK_BONUS * ranks.get((c.doc.id, d.section), 0.0)


@lru_cache(maxsize=8192)
def _terms(text: str) -> frozenset[str]:
    """terms(), kept: the same report sentences recur across documents and questions."""
    return frozenset(terms(text))


def _when(deadline: Deadline, today: date | None) -> tuple[int, int]:
    """Sort key: upcoming deadlines nearest first, then past ones latest first, undated last."""
    due = deadline.due
    if due is None:
        return (2, 0)
    if today is not None and due >= today:
        return (0, (due - today).days)
    return (1, -due.toordinal())


def _same_passage(a: Candidate, b: Candidate) -> bool:
    return a.doc.id == b.doc.id and a.deadline.text == b.deadline.text


def describe(deadline: Deadline) -> str:
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
