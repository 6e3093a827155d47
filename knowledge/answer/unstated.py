"""Answers that say plainly what the documents do not state.

A deadline asked of a document that sets none for that thing is said to be missing,
and the nearest sentence is shown below as the nearest, not as the answer; when the
question named no document, the deadlines found are only pointers ("xem thêm").
"""

from __future__ import annotations

from knowledge.answer import phrases as say
from knowledge.answer.found import Found, Pick


def unstated(main: Pick, others: list[Pick], named: str | None) -> Found:
    """No deadline for what was asked: said first; `named`: the document the question
    names (its nearest sentence is quoted), else the deadlines found as pointers."""
    if named is not None:
        return Found(say.NO_DEADLINE.format(doc=named), [main], found=False)
    pointers = [main, *others]
    return Found(say.NO_DEADLINE_ANY, others=pointers, found=False, heading=say.SEE_ALSO)
