"""Answers read from the parsed structure: signer, recipients, the documents a document
implements, and those implementing it."""

from __future__ import annotations

import re

from knowledge.answer import phrases as say
from knowledge.answer.found import MAX_OTHERS, Found, Pick
from knowledge.answer.intents import Intent
from knowledge.answer.passages import format_date, quote, trim
from knowledge.answer.targets import DocRef, implementing_docs
from knowledge.answer.wording import without_refs
from knowledge.model import Reference
from knowledge.search.library import Library
from knowledge.search.passages import HEAD, TAIL
from knowledge.vi.docnumbers import find_numbers, number_key
from knowledge.vi.doctypes import ISSUER_NAMES, TYPE_NAME_TO_CODE
from knowledge.vi.textnorm import fold, syllables

MAX_NAMED = 20  # implementing documents named in an answer; a count says the rest
MAX_BASIS = 3  # documents a basis answer names when several fit as well
STRONG = ("implements", "based_on")
_TYPE_AFTER = re.compile(
    r"\b(?:thuc hien|trien khai|can cu(?: vao)?|cu the hoa|huong dan|theo|tren)(?: \w+){0,2}? ("
    + "|".join(sorted((n for n, _ in TYPE_NAME_TO_CODE), key=len, reverse=True))
    + r")\b"
)
_BEFORE_CHARS = 50  # "Chương trình phối hợp liên tịch số ": the type and its qualifiers
_TYPE_BEFORE = re.compile(
    r"\b("
    + "|".join(sorted((n for n, _ in TYPE_NAME_TO_CODE), key=len, reverse=True))
    + r")(?: \w+){0,3}?(?: so)?$"
)
_SAME_TYPE = {"QĐi": "QĐ", "QyĐ": "QĐ"}
_BASIS_OPENING = re.compile(r"[-+•*\s]*(?:can cu|thuc hien|trien khai|theo de nghi|phap lenh)")


def signer_answer(doc: DocRef) -> Found:
    """Who signed a document, quoting its signature block."""
    signer = doc.directive.signer
    if not signer.name:
        return Found(say.NO_SIGNER.format(doc=doc.name), [Pick(doc, "", "", part=say.SIGNATURE)],
                     found=False, quote=False)  # fmt: skip
    lines = [line.strip() for line in signer.title.splitlines() if line.strip()]
    authority = getattr(signer, "authority", "")
    if authority and not lines[:-1]:
        lines = [*(x.strip() for x in authority.splitlines() if x.strip()), *lines]
    title = ", ".join(lines)
    template = say.SIGNED_BY if title else say.SIGNED_BY_NO_TITLE
    lead = template.format(doc=doc.name, name=signer.name, title=title)
    block = f"{title} — {signer.name}" if title else signer.name
    return Found(lead, [Pick(doc, "", block, part=say.SIGNATURE)], quote=True)


def recipients_answer(doc: DocRef) -> Found:
    """Who a document is sent to, as listed under "Kính gửi" and "Nơi nhận"."""
    recipients = doc.directive.recipients
    if not recipients:
        pick = Pick(doc, "", "", part=say.RECIPIENTS_PART)
        return Found(say.NO_RECIPIENTS.format(doc=doc.name), [pick], found=False, quote=False)
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


def basis_answer(library: Library, doc: DocRef, intent: Intent) -> Found | None:
    """The documents doc implements or is based on that fit the question ("thực hiện quyết
    định nào của Thủ tướng": a QĐ whose issuer is TTg), quoting where it says so."""
    own = doc.directive.number_key or ""
    refs = [r for r in doc.directive.references if r.key != own]
    known = {r.key for r in refs}
    refs += [r for r in _basis_lines(doc) if r.key not in known and r.key != own]
    if not refs:
        return None
    scored = sorted(
        ((_fit(r, intent, _printed_type(doc, r)), i, r) for i, r in enumerate(refs)),
        key=lambda t: (-t[0], t[1]),
    )
    top = scored[0][0]
    if top <= 0:
        return None
    chosen = [r for score, _, r in scored if score == top][:MAX_BASIS]
    names = ", ".join(_ref_name(r) for r in chosen)
    lead = say.BASIS_LEAD.format(doc=doc.name, refs=names)
    picks = [citing_passage(doc, r.number) for r in chosen]
    return Found(lead, picks[:1], picks[1:])


def _fit(ref: Reference, intent: Intent, printed: str = "") -> float:
    """How well a cited document fits the question: its type (its code's, else the type
    printed before its number), its issuer, its relation."""
    folded = without_refs(intent.folded)
    score = 1.0 if ref.relation in STRONG else 0.2
    kinds = {
        code
        for name, code in TYPE_NAME_TO_CODE
        for m in _TYPE_AFTER.finditer(folded)
        if m.group(1) == name
    }
    ref_type = _SAME_TYPE.get(ref.doc_type or "", ref.doc_type or "") or printed
    if kinds:
        if ref_type in kinds or ("CV" in kinds and not ref_type):
            score += 2.0
        else:
            return 0.0
    issuers = {code for name, code in ISSUER_NAMES if re.search(rf"\b{name}\b", folded)}
    words = set(syllables(folded))
    issuer = fold(ref.issuer or "")
    if issuers or any(w in words for w in _issuer_words(issuer)):
        if (ref.issuer or "") in issuers or any(w in words for w in _issuer_words(issuer)):
            score += 1.5
        elif issuers:
            score -= 0.8
    return score


def _basis_lines(doc: DocRef) -> list[Reference]:
    """The numbers of the lines before the first section ("Căn cứ …", "Thực hiện …"),
    for a text whose header the parser could not read: the basis is printed there."""
    found: dict[str, Reference] = {}
    for passage in doc.doc.passages:
        if passage.part != HEAD:
            break
        strong = bool(_BASIS_OPENING.match(fold(passage.text)))
        for match in find_numbers(passage.text):
            key = number_key(match.number)
            relation = "implements" if strong else "mentions"
            ref = Reference(match.number.display(), key, match.number.doc_type,
                            match.number.issuer, match.issued, relation)  # fmt: skip
            if key not in found or strong:
                found[key] = ref
    return list(found.values())


def _printed_type(doc: DocRef, ref: Reference) -> str:
    """The type printed before a number whose code names none ("Chương trình phối hợp số
    12/CTPH-…", "Quy chế phối hợp số 03/QCPH-…"): "" when its code says it or none is."""
    if ref.doc_type:
        return ""
    key = fold(ref.number).replace(" ", "")
    for passage in doc.doc.passages:
        folded = fold(passage.text)
        at = folded.replace(" ", "").find(key)
        if at < 0:
            continue
        # The spaceless offset back to the folded text: count the characters kept.
        kept, cut = 0, len(folded)
        for i, c in enumerate(folded):
            if kept == at:
                cut = i
                break
            kept += c != " "
        match = _TYPE_BEFORE.search(folded[max(0, cut - _BEFORE_CHARS) : cut].rstrip(" :"))
        return dict(TYPE_NAME_TO_CODE).get(match.group(1), "") if match else ""
    return ""


def _issuer_words(issuer: str) -> list[str]:
    """The parts of an issuer code a user types ("BNV-TCBC" → "bnv", "tcbc")."""
    return [w for w in re.split(r"[-/\s]+", issuer) if len(w) > 2]


def _ref_name(ref: Reference) -> str:
    """ "2437/QĐ-TTg ngày 10/11/2025" (its type is in the quote: a Party "QĐ" is a Quyết
    định or a Quy định)."""
    when = f" ngày {format_date(ref.date)}" if ref.date else ""
    return f"{ref.number}{when}"


def citing_passage(doc: DocRef, number: str) -> Pick:
    """The sentence of doc that names number, and where it is."""
    key = fold(number).replace(" ", "")
    digits = "".join(c for c in number.split("/")[0].split("-")[0] if c.isdigit())
    for passage in doc.doc.passages:
        if digits not in passage.text:
            continue  # folding every paragraph costs more than this look
        folded = fold(passage.text).replace(" ", "")
        if key in folded:
            part = {HEAD: say.PREAMBLE, TAIL: say.CLOSING}.get(passage.part, "")
            return Pick(
                doc, passage.path, _sentence_with(passage.text, number), label=doc.name, part=part
            )
    return Pick(doc, "", trim(doc.directive.title), label=doc.name, part=say.PREAMBLE)


def _sentence_with(text: str, number: str) -> str:
    """The sentence of text naming number, cut around it."""
    key = fold(number).replace(" ", "")
    for sentence in re.split(r"(?<=[.;])\s+", text):
        if key in fold(sentence).replace(" ", ""):
            return quote(sentence, around=number)
    return quote(text, around=number)
