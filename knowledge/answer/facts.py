"""Answers read from the parsed structure: signer, recipients, implementing documents, units."""

from __future__ import annotations

from knowledge.answer import phrases as say
from knowledge.answer.found import MAX_OTHERS, Found, Pick
from knowledge.answer.passages import sentences, trim
from knowledge.answer.targets import DocRef, implementing_docs
from knowledge.search.library import Library
from knowledge.vi.textnorm import fold

MAX_NAMED = 20  # implementing documents named in an answer; a count says the rest


def signer_answer(doc: DocRef) -> Found:
    """Who signed a document, quoting its signature block."""
    signer = doc.directive.signer
    if not signer.name:
        return Found(say.NO_SIGNER.format(doc=doc.name), found=False)
    title = ", ".join(line.strip() for line in signer.title.splitlines() if line.strip())
    template = say.SIGNED_BY if title else say.SIGNED_BY_NO_TITLE
    lead = template.format(doc=doc.name, name=signer.name, title=title)
    block = f"{title} — {signer.name}" if title else signer.name
    return Found(lead, [Pick(doc, "", block, part=say.SIGNATURE)], quote=True)


def recipients_answer(doc: DocRef) -> Found:
    """Who a document is sent to, as listed under "Kính gửi" and "Nơi nhận"."""
    recipients = doc.directive.recipients
    if not recipients:
        return Found(say.NO_RECIPIENTS.format(doc=doc.name), found=False)
    lines = [say.SENT_TO.format(doc=doc.name), *(f"• {r}" for r in recipients)]
    pick = Pick(doc, "", "; ".join(recipients), part=say.RECIPIENTS_PART)
    return Found("\n".join(lines), [pick], quote=False)


def implementing_answer(library: Library, number: str) -> Found:
    """Which stored documents implement (or cite) a document, quoting where they say so."""
    docs = implementing_docs(library, number)
    if not docs:
        return Found(say.NO_IMPLEMENTING.format(number=number), found=False)
    names = ", ".join(d.name for d in docs[:MAX_NAMED])
    if len(docs) > MAX_NAMED:
        names = say.AND_MORE.format(docs=names, more=len(docs) - MAX_NAMED)
    lead = say.IMPLEMENTING_LEAD.format(number=number, docs=names)
    # Only the quoted ones are read: the answer quotes one and lists MAX_OTHERS more.
    picks = [citing_passage(d, number) for d in docs[: 1 + MAX_OTHERS]]
    return Found(lead, picks[:1], picks[1:])


def citing_passage(doc: DocRef, number: str) -> Pick:
    """The sentence of doc that names number, and the section it is in."""
    key = fold(number)
    for ref in doc.directive.references:
        if fold(ref.number) == key:
            section = doc.section(ref.section) if ref.section else None
            text = section.text if section else doc.directive.title
            part = "" if section else say.PREAMBLE
            return Pick(doc, ref.section, _sentence_with(text, key), label=doc.name, part=part)
    return Pick(doc, "", trim(doc.directive.title), label=doc.name, part=say.PREAMBLE)


def _sentence_with(text: str, key: str) -> str:
    for sentence in sentences(text):
        if key in fold(sentence):
            return trim(sentence, key)
    return trim(text, key)
