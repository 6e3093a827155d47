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
from knowledge.answer.passages import short_title
from knowledge.answer.targets import DocRef, Named
from knowledge.search.library import Library
from knowledge.vi.casing import sentence_case

POINTERS = 2  # documents pointed at when the documents hold no answer
SOME = 0.4  # part of the question's content a document pointed at holds


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
    marked as not the answer: of `ranked`, those holding some of the question's content;
    without it (a document or place named that the library lacks), the documents holding
    the rest of the question well."""
    least = NEAR if ranked is None else SOME
    # A place or a document the library lacks: the documents holding the rest, pointed at.
    content = content_of(library, content_query(intent, Named())).without_places()
    if ranked is None:
        ranked = ranked_documents(library, intent, Named())
    near = [r for r in ranked[:POINTERS] if held_part(library, content, r.doc.id) >= least]
    pointers = [_pointer(r.doc) for r in near]
    if not pointers:
        return Found(f"{lead}\n\n{say.SUGGEST}", found=False)
    return Found(lead, others=pointers, found=False, heading=say.SEE_ALSO)


def _pointer(doc: DocRef) -> Pick:
    """A document named by its title, as a pointer."""
    title = short_title(sentence_case(doc.doc.title)) or doc.name
    return Pick(doc, "", "", label=title, part=say.PREAMBLE)
