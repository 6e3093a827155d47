"""What a sentence answering a question must state, and the document that states it.

A question asking for an amount ("bao nhiêu xã"), a length of time, who leads ("đơn vị
nào chủ trì"), where a report goes ("gửi về đâu") or what to do when something happens
("nếu … thì báo cáo thế nào") is answered by a sentence stating that. Passage search
ranks documents by the words they share with the question; a document whose sentences
never state what is asked is not the one to quote when a close one does.
"""

from __future__ import annotations

import re

from knowledge.answer.choose import Ranked
from knowledge.answer.extract import Want, best_spots
from knowledge.answer.held import STOP
from knowledge.answer.intents import DEADLINE, DURATION, Intent
from knowledge.answer.targets import DocRef
from knowledge.answer.weights import Wanted
from knowledge.answer.when import has_time
from knowledge.search.library import Library
from knowledge.search.tokens import syllables
from knowledge.vi.textnorm import fold

STATING_DOCS = 5  # documents of the ranking read for one stating what is asked
STATING_CLOSE = 0.5  # of them, those ranked at least this part of the first's score
STATED_COVER = 0.5  # part of the question's weight the stating sentence must hold

# "đơn vị nào chủ trì", "ai phối hợp", "chủ trì là sở nào": the role asked about.
_ROLE = re.compile(
    r"\b(?:nao|ai)\b(?: \w+){0,2} (chu tri|phoi hop|theo doi|tong hop|huong dan)\b"
    r"|\b(chu tri|phoi hop)\b(?: \w+){0,2} (?:la )?(?:\w+ )?(?:nao|ai)\b"
)
# "bao nhiêu điểm", "mấy người": an amount of something asked (folded).
_AMOUNT = re.compile(r"\b(?:bao nhieu|may) (diem|nguoi|xa|lop|truong|don vi|dong|phan tram|%)")
# "gửi về đâu", "nộp ở đâu", "gửi về địa chỉ nào": where a report or a file goes (folded).
_WHERE = re.compile(
    r"\b(?:gui|nop|chuyen)\b(?: \w+){0,2} (?:(?:ve |den |tai |o |qua )?dau|(?:ve |den )?dia chi)\b"
    r"|\bdia chi nao\b"
)
# A sentence saying where it goes: "gửi về Sở …", "nộp qua hộp thư …", an address or e-mail.
_DESTINATION = re.compile(
    r"\b(?:gui|nop|chuyen)(?: \w+){0,4}? (?:ve|den|qua|toi)\b|\bdia chi\b|\bemail\b|@"
    r"|\bthu dien tu\b|\bdau moi\b"
)
# "nếu … thì báo cáo thế nào": what to do when something happens is after "thì" (folded).
_THEN = re.compile(r"\bneu\b.+?\bthi\b (.+)$")
_THEN_FILLERS = re.compile(r"\b(?:the nao|ra sao|sao|nhu the nao|gi|nao|ai|o dau|dau)\b")
# A length of time or a frequency stated in a sentence ("ít nhất 60 ngày làm việc").
_DURATION = re.compile(
    r"\b\d+\s*(?:ngày|tháng|năm|tuần|giờ|phút|lần)\b|\b(?:hằng|hàng|mỗi)\s+(?:ngày|tuần|tháng|quý|năm)"
    r"|\bđịnh kỳ\b|\btối đa\b|\bít nhất\b|\bchậm nhất\b|\btrong thời hạn\b|\bthường xuyên\b",
    re.IGNORECASE,
)


def want_of(intent: Intent) -> Want | None:
    """What a sentence answering this kind of question states."""
    if intent.kind == DURATION:
        return lambda text: bool(_DURATION.search(text))
    if intent.kind == DEADLINE:
        return has_time
    if _WHERE.search(intent.folded):
        return lambda text: bool(_DESTINATION.search(fold(text)))
    then = _then_words(intent.folded)
    if then:
        # "nếu xảy ra lộ, mất bí mật thì báo cáo thế nào?": a sentence saying to report.
        return lambda text: then in " ".join(syllables(text))
    role = _ROLE.search(intent.folded)
    if role is not None:
        # "đơn vị nào chủ trì?": the sentence naming who leads ("Đơn vị chủ trì: …").
        verb = role.group(1) or role.group(2)
        return lambda text: verb in fold(text)
    amount = _AMOUNT.search(intent.folded)
    if amount is not None:
        # "bao nhiêu điểm?": a sentence stating a number of them ("từ 95 điểm trở lên").
        stated = re.compile(rf"\d[\d.,]*\s*{amount.group(1)}\b")
        return lambda text: bool(stated.search(fold(text)))
    return None


def stating(library: Library, ranked: list[Ranked], query: str, want: Want | None) -> list[Ranked]:
    """The ranking with, first, the best of its close documents that states what is asked
    (its best sentence for the question states it and holds a good part of the question);
    unchanged when the first does or none does."""
    if want is None or len(ranked) < 2:
        return ranked
    top = ranked[0].score
    for i, r in enumerate(ranked[:STATING_DOCS]):
        if i and r.score < STATING_CLOSE * top:
            break
        if _states(library, r.doc, query, want):
            return ranked if i == 0 else [r, *ranked[:i], *ranked[i + 1 :]]
    return ranked


def _states(library: Library, doc: DocRef, query: str, want: Want) -> bool:
    """Whether a document has a sentence for the question that states what it asks."""
    spots = best_spots(library, doc, query, want, limit=1, require=True)
    if not spots:
        return False
    wanted = Wanted(library, query)
    d, spot = doc.doc, spots[0]
    held = wanted.score(f"{d.title} {d.issuer} {spot.passage.context} {spot.text}")
    return held >= STATED_COVER * wanted.total


def _then_words(folded: str) -> str:
    """The action a conditional question asks about ("bao cao" of "nếu … thì báo cáo thế
    nào"); "" when it asks none ("… thì sao?", "… thì làm gì?")."""
    match = _THEN.search(folded)
    if match is None:
        return ""
    words = syllables(_THEN_FILLERS.sub(" ", match.group(1)))
    words = [w for w in words if w not in STOP and len(w) > 1]
    return " ".join(words)
