"""Answers that say plainly what the documents do not state.

When no document holds the question (knowledge.answer.held), the answer says so and
points at most at two documents, marked as not the answer.

A deadline asked of a document that sets none for that thing is said to be missing,
and the nearest sentence is shown below as the nearest, not as the answer; when the
question named no document, the deadlines found are only pointers ("xem thêm").
"""

from __future__ import annotations

from knowledge.answer import phrases as say
from knowledge.answer.choose import Ranked, ranked_documents
from knowledge.answer.found import Found, Pick
from knowledge.answer.held import NEAR, content_of, content_query, held_part
from knowledge.answer.intents import Intent
from knowledge.answer.passages import sentence_case, short_title
from knowledge.answer.targets import DocRef, Named
from knowledge.search.library import Library

POINTERS = 2  # documents pointed at when the documents hold no answer


def unstated(main: Pick, others: list[Pick], named: str | None) -> Found:
    """No deadline for what was asked: said first; `named`: the document the question
    names (its nearest sentence is quoted), else the deadlines found as pointers."""
    if named is not None:
        return Found(say.NO_DEADLINE.format(doc=named), [main], found=False)
    pointers = [main, *others]
    return Found(say.NO_DEADLINE_ANY, others=pointers, found=False, heading=say.SEE_ALSO)


def absent(
    library: Library, intent: Intent, lead: str, ranked: list[Ranked] | None = None
) -> Found:
    """No answer in the documents, said plainly; the nearest documents only as pointers,
    marked as not the answer (`ranked`: those ranked for the question; else the ones that
    hold the question's topic well, the document it named aside)."""
    if ranked is None:
        query = content_query(intent, Named())
        content = content_of(library, query)
        ranked = [
            r
            for r in ranked_documents(library, intent, Named())[:POINTERS]
            if held_part(library, content, r.doc.id) >= NEAR
        ]
    pointers = [_pointer(r.doc) for r in ranked[:POINTERS]]
    if not pointers:
        return Found(f"{lead}\n\n{say.SUGGEST}", found=False)
    return Found(lead, others=pointers, found=False, heading=say.SEE_ALSO)


def _pointer(doc: DocRef) -> Pick:
    """A document named by its title, as a pointer."""
    title = short_title(sentence_case(doc.doc.title)) or doc.name
    return Pick(doc, "", "", label=title, part=say.PREAMBLE)
