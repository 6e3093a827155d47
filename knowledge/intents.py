"""What a question asks for: a deadline, a unit's tasks, the signer, the recipients..."""

from __future__ import annotations

import re
from dataclasses import dataclass

from knowledge.textnorm import fold

DEADLINE, MONTH, UNIT, SIGNER = "deadline", "month", "unit", "signer"
RECIPIENTS, IMPLEMENTING, REQUIRES, GENERIC = "recipients", "implementing", "requires", "generic"

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
    month = _month(folded)
    if month is not None and (_DEADLINE.search(folded) or _asks_due(folded)):
        return Intent(MONTH, folded, month=month[0], year=month[1], topic=_topic(folded))
    if _DEADLINE.search(folded):
        return Intent(DEADLINE, folded, topic=_topic(_DEADLINE.sub(" ", folded)))
    unit, rest = _unit_phrase(folded)
    if unit:
        return Intent(UNIT, folded, unit=unit, topic=_topic(rest))
    if _REQUIRES.search(folded):
        return Intent(REQUIRES, folded, topic=_topic(_REQUIRES.sub(" ", folded)))
    return Intent(GENERIC, folded, topic=_topic(folded))


def _month(folded: str) -> tuple[int, int | None] | None:
    match = _MONTH.search(folded)
    if match is None:
        return None
    month = int(match.group(1))
    if not 1 <= month <= 12:
        return None
    # "báo cáo 6 tháng" puts the number before "tháng": that is a period, not a month.
    return month, int(match.group(2)) if match.group(2) else None


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
