"""What a question asks for: a deadline, a unit's tasks, the signer, the recipients..."""

from __future__ import annotations

import re
from dataclasses import dataclass

from knowledge.vi.textnorm import fold

DEADLINE, MONTH, UNIT, SIGNER = "deadline", "month", "unit", "signer"
RECIPIENTS, IMPLEMENTING, REQUIRES, GENERIC = "recipients", "implementing", "requires", "generic"
ISSUED, PERIOD = "issued", "period"  # "kế hoạch 89 ngày nào?"; "quý 2/2024 có hạn gì?"
TODAY, WEEK, UPCOMING = "today", "week", "upcoming"  # spans of a PERIOD question

# Every pattern runs on the folded question (no marks, đ→d, lower case, single spaces).
_SIGNER = re.compile(r"\b(ai|nguoi nao|nguoi|do ai) (da )?(ky|ki)\b|\bky boi ai\b|\bnguoi ky\b")
_RECIPIENTS = re.compile(
    r"\bgui (cho |den |toi )?(ai|nhung ai|cac ai|nhung (truong|don vi|noi|co quan) nao)\b"
    r"|\bnoi nhan\b|\bkinh gui\b|\bgui (cho|den) (nhung )?(dau|don vi nao)\b"
)
_IMPLEMENTING = re.compile(
    r"\b(van ban|ke hoach|huong dan|chuong trinh|cong van)? ?nao\b.{0,30}"
    r"\b(thuc hien|trien khai|cu the hoa)\b"
    r"|\b(thuc hien|trien khai|cu the hoa)\b.{0,40}\b(bang|qua|boi) (van ban|ke hoach) nao\b"
    r"|\bduoc trien khai boi\b"
)
# "tháng 5/2024", "thang 5 nam 2024", "trong tháng 5"
_MONTH = re.compile(r"\bthang (\d{1,2})(?:\s*(?:/|-|\.|nam)\s*(\d{4}))?\b")
_QUARTER = re.compile(r"\bquy (\d)(?:\s*(?:/|-|\.|nam)\s*(\d{4}))?\b")
_YEAR = re.compile(r"\b(20\d\d)\b")
_SPANS = (
    (TODAY, re.compile(r"\bhom nay\b")),
    (WEEK, re.compile(r"\btuan (nay|toi|sau)\b")),
    (UPCOMING, re.compile(r"\bsap toi\b|\bsap den\b|\bgan day\b|\bsap (het )?han\b")),
)
# "ban hành ngày nào", "ký ngày nào", "ngày bao nhiêu": when a document was issued.
_ISSUED = re.compile(
    r"\bngay nao\b|\bngay bao nhieu\b|\bngay ban hanh\b|\bngay ky\b"
    r"|\b(ban hanh|ky|ki|ra doi) (vao |tu )?(ngay|khi nao|luc nao|bao gio|nam nao|hom nao)\b"
)
# Words that make "ngày nào" ask for a deadline ("nộp ngày nào?"), not an issue date.
_DUE_WORDS = re.compile(r"\bhan\b|\bcham nhat\b|\bnop\b|\bgui\b|\bphai\b|\bbao cao\b")
# "hạn" but not "hạn chế", "quyền hạn", "thời hạn" is fine.
_DEADLINE = re.compile(
    r"(?<!quyen )\bhan\b(?! che)|\bkhi nao\b|\bbao gio\b|\bngay nao\b|\bluc nao\b"
    r"|\bcham nhat\b|\bthoi diem nao\b|\bhan chot\b|\bthoi gian nao\b"
)
_UNIT_CUE = re.compile(
    r"\b(phai|can|co|duoc giao|duoc phan cong)? ?"
    r"(lam (gi|j|ji|nhung gi|nhung viec gi)|nhiem vu( gi| nhung gi| nao)?|trach nhiem( gi)?"
    r"|phu trach (gi|viec gi|nhung gi)|duoc giao (gi|nhung gi|viec gi))\b"
)
_REQUIRES = re.compile(
    r"\b(yeu cau|de ra|quy dinh|noi dung|huong dan|chi dao) (gi|nhung gi|ra sao|the nao)\b"
    r"|\bnoi dung (chinh|chu yeu)\b|\bco (nhung )?noi dung gi\b"
)
# Question words and polite fillers carry no topic. Only words that fold to nothing else
# are removed: "đâu"/"đầu", "không"/"không gian", "thế"/"tập thể" fold alike.
_FILLERS = re.compile(
    r"\b(nhu the nao|the nao|ra sao|la gi|cho (toi|minh|em) (biet|hoi)|xin hoi|vui long"
    r"|gi|j|ai|nao|vay|a|nhe|oi|ha)\b"
)


@dataclass
class Intent:
    """What a question asks for, and the parts of it an answer needs."""

    kind: str
    folded: str
    unit: str = ""  # the unit phrase before "phải làm gì" (folded)
    month: int | None = None
    year: int | None = None
    quarter: int | None = None
    span: str = ""  # TODAY, WEEK or UPCOMING for "hôm nay/tuần này/sắp tới có hạn gì?"
    topic: str = ""  # the rest of the question, for retrieval (folded)


def detect(question: str) -> Intent:
    """Classify a question by its cue words; the first matching intent wins."""
    folded = " ".join(fold(question).replace("?", " ").split())
    if _SIGNER.search(folded):
        return Intent(SIGNER, folded, topic=_topic(_SIGNER.sub(" ", folded)))
    if _RECIPIENTS.search(folded):
        return Intent(RECIPIENTS, folded, topic=_topic(_RECIPIENTS.sub(" ", folded)))
    if _IMPLEMENTING.search(folded):
        return Intent(IMPLEMENTING, folded, topic=_topic(folded))
    if _ISSUED.search(folded) and not _DUE_WORDS.search(folded):
        return Intent(ISSUED, folded, topic=_topic(_ISSUED.sub(" ", folded)))
    dated = _dated(folded)
    if dated is not None:
        return dated
    if _DEADLINE.search(folded):
        year = _YEAR.search(folded)
        topic = _topic(_YEAR.sub(" ", _DEADLINE.sub(" ", folded)).replace(" nam ", " "))
        return Intent(DEADLINE, folded, year=int(year.group(1)) if year else None, topic=topic)
    unit, rest = _unit_phrase(folded)
    if unit:
        return Intent(UNIT, folded, unit=unit, topic=_topic(rest))
    if _REQUIRES.search(folded):
        return Intent(REQUIRES, folded, topic=_topic(_REQUIRES.sub(" ", folded)))
    return Intent(GENERIC, folded, topic=_topic(folded))


def without_date_cues(question: str) -> str:
    """The question folded, without "ngày nào"-like cues ("kế hoạch 89 ngày nào" → "ke hoach 89").

    Number reading takes "89 ngày" for a quantity; without the cue the number stands out.
    """
    folded = " ".join(fold(question).replace("?", " ").split())
    return " ".join(_ISSUED.sub(" ", folded).split())


def _dated(folded: str) -> Intent | None:
    """A question about what is due in a month, a quarter or a span of days."""
    if not (_DEADLINE.search(folded) or _asks_due(folded)):
        return None
    topic = _topic(folded)
    # "báo cáo 6 tháng" puts the number before "tháng": that is a period, not a month.
    for kind, pattern in ((MONTH, _MONTH), (PERIOD, _QUARTER)):
        match = pattern.search(folded)
        if match is not None:
            number, year = int(match.group(1)), match.group(2)
            intent = Intent(kind, folded, year=int(year) if year else None, topic=topic)
            if kind == MONTH:
                intent.month = number  # checked by the answer: "tháng 13" is said to be wrong
            else:
                intent.quarter = number
            return intent
    for span, pattern in _SPANS:
        if pattern.search(folded):
            return Intent(PERIOD, folded, span=span, topic=topic)
    return None


def _asks_due(folded: str) -> bool:
    return bool(re.search(r"\b(phai )?(nop|gui|bao cao) (gi|nhung gi)\b", folded))


def _unit_phrase(folded: str) -> tuple[str, str]:
    """The words before "phải làm gì"/"có nhiệm vụ gì" when they name someone, and the rest."""
    match = _UNIT_CUE.search(folded)
    if match is None:
        return "", ""
    head = folded[: match.start()].strip()
    words = [w for w in head.split() if w not in {"thi", "se", "can", "phai", "co"}]
    # A unit needs at least two words ("ban tuyen giao"); "toi phai lam gi" is not one.
    if len(words) < 2:
        return "", ""
    return " ".join(words), folded[match.end() :]


def _topic(folded: str) -> str:
    """The question without question words and fillers."""
    return " ".join(_FILLERS.sub(" ", folded).split())
