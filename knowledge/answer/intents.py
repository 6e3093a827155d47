"""What a question asks for, read from the whole question, and the words it narrows with.

Every kind has cue phrases with a weight; the kind with the most weight wins, so one
word never decides alone: "ngày nào" asks for an issue date only beside "ban hành"/"ký"
or a bare document reference ("kế hoạch 89 ngày nào?"); elsewhere it asks when
something happens ("tựu trường ngày nào?"). The topic is the question without its
question words and cues, for retrieval; places, ordinals, years and document types the
question names narrow the candidates (knowledge.answer.narrow).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from knowledge.answer.wording import read, spelled
from knowledge.vi.textnorm import fold

DEADLINE, MONTH, UNIT, SIGNER = "deadline", "month", "unit", "signer"
RECIPIENTS, IMPLEMENTING, REQUIRES, GENERIC = "recipients", "implementing", "requires", "generic"
ISSUED, PERIOD = "issued", "period"  # "kế hoạch 89 ngày nào?"; "quý 2/2024 có hạn gì?"
BASIS, EFFECTIVE, DURATION = "basis", "effective", "duration"  # "thực hiện QĐ nào?"; ...
TODAY, WEEK, UPCOMING = "today", "week", "upcoming"  # spans of a PERIOD question

# Every pattern runs on the folded question (no marks, đ→d, lower case, single spaces).
# "ký", not the "kỳ" of "thường kỳ", "định kỳ", "học kỳ", "nhiệm kỳ", "kỳ họp" (folded alike).
_KY = (
    r"(?<!thuong )(?<!dinh )(?<!hoc )(?<!nhiem )(?<!thoi )(?<!moi )(?<!cuoi )(?<!giua )"
    # "kỷ niệm", "kỷ luật", "kỹ năng" … fold to the same "ky": they are no signing.
    r"(?:ky|ki|kys|kyd|kis)(?! hop\b)(?! (?:niem|luat|yeu|nguyen|thuat|nang|luong|cuong)\b)"
)
_SIGNER = re.compile(
    rf"\b(?:ai|nguoi nao|do ai|ong nao|ba nao|dong chi nao) (?:da )?{_KY}\b"
    rf"|\bnguoi {_KY}\b|\b{_KY} (?:boi|la) ai\b|\bai (?:la )?nguoi {_KY}\b|\bchu ky cua ai\b"
)
_RECIPIENTS = re.compile(
    r"\bgui (?:cho |den |toi )?(?:ai|nhung ai|cac ai|nhung (?:truong|don vi|noi|co quan) nao)\b"
    r"|\bnoi nhan\b|\bkinh gui\b|\bgui (?:cho|den) (?:nhung )?(?:dau|don vi nao)\b"
)
_DOC_WORD = (
    r"(?:van ban|ke hoach|huong dan|chuong trinh|cong van|quyet dinh|ket luan|nghi quyet"
    r"|chi thi|thong bao|thong tri|quy dinh|nghi dinh|thong tu|luat|de an|phuong an|qd|kh|cv)"
)
_WHICH = r"(?:nao|so may|so nao|so bao nhieu|gi)"
# Who implements X: "văn bản nào thực hiện 77-KH/TU?", "kế hoạch nào triển khai NQ 118?".
_IMPLEMENTING = re.compile(
    rf"\b(?:{_DOC_WORD} )?nao\b.{{0,30}}\b(?:thuc hien|trien khai|cu the hoa)\b"
    r"|\b(?:thuc hien|trien khai|cu the hoa)\b.{0,40}\b(?:bang|qua|boi) (?:van ban|ke hoach) nao\b"
    r"|\bduoc trien khai boi\b"
)
# What X implements: "thực hiện quyết định nào", "căn cứ nghị quyết nào", "hướng dẫn quy
# định số mấy", "theo công văn nào", "triển khai kết luận số mấy".
_BASIS = re.compile(
    rf"\b(?:thuc hien|trien khai|can cu(?: vao)?|cu the hoa|huong dan|theo|de thuc hien)"
    rf"(?: \w+){{0,2}} {_DOC_WORD}(?: \w+){{0,4}}? {_WHICH}\b"
    rf"|\bcan cu (?:vao )?(?:dau|gi|nhung gi)\b|\b(?:dua|can cu) tren {_DOC_WORD} nao\b"
)
# "tháng 5/2024", "thang 5 nam 2024", "trong tháng 5"
_MONTH = re.compile(r"\bthang (\d{1,2})(?:\s*(?:/|-|\.|nam)\s*(\d{4}))?\b")
_QUARTER = re.compile(r"\bquy (\d)(?:\s*(?:/|-|\.|nam)\s*(\d{4}))?\b")
# A year on its own ("năm 2023"), not one end of a span ("2024-2025", "2026 - 2031").
_YEAR = re.compile(r"(?<![\d/-])(?<!\d - )(20\d\d)(?!\s?[-/]\s?\d)")
_SPANS = (
    (TODAY, re.compile(r"\bhom nay\b")),
    (WEEK, re.compile(r"\btuan (?:nay|toi|sau)\b")),
    (UPCOMING, re.compile(r"\bsap toi\b|\bsap den\b|\bgan day\b|\bsap (?:het )?han\b")),
)
# "ban hành ngày nào", "ký ngày nào", "ngày ban hành": when a document was issued.
_ISSUED = re.compile(
    rf"\bngay ban hanh\b|\bngay {_KY}\b|\b(?:ban hanh|{_KY}|ra doi) (?:vao |tu )?"
    r"(?:ngay|khi nao|luc nao|bao gio|nam nao|hom nao|thoi gian nao)\b"
)
_WHEN = re.compile(
    r"\bngay nao\b|\bngay may\b|\bngay bao nhieu\b|\bkhi nao\b|\bbao gio\b|(?<!phu )\bluc nao\b"
    r"|\bthoi diem nao\b|\bthoi gian nao\b|\b(?:thang|quy|nam) (?:may|nao)\b"
    r"|\bden (?:khi nao|bao gio|luc nao)\b|\bmay gio\b"  # "mấy giờ": a time of day
)
# Words that make "ngày nào" ask for a deadline ("nộp ngày nào?"), not an issue date.
_DUE_WORDS = re.compile(
    r"\bhan\b|\bcham nhat\b|\bnop\b|\bgui\b|\bphai\b|\bbao cao\b|\bhoan thanh\b|\bxong\b"
    r"|\btruoc (?:khi nao|luc nao|bao gio|thoi diem nao)\b"
)
# "hạn" but not "hạn chế", "quyền hạn", "gia hạn"; "thời hạn" is fine.
_DEADLINE = re.compile(
    r"(?<!quyen )(?<!gia )(?<!qua )(?<!tre )\bhan\b(?! che)|\bcham nhat\b|\bhan chot\b|\bthoi han\b"
    r"|\btruoc ngay (?:nao|may|bao nhieu)\b|\bhoan thanh (?:truoc|trong|vao|khi|luc)\b"
    r"|\bthoi gian (?:hoan thanh|thuc hien|nop|gui)\b|\bxong (?:truoc|khi|luc|vao)\b"
    r"|\bkeo dai (?:den|toi)\b"
)
# A meeting asked about ("họp", "cuộc họp", "hội nghị"): its day is an event's, not a duty's.
_MEETING = re.compile(r"\b(?:hop|hoi nghi)\b")
_EFFECTIVE = re.compile(r"\bhieu luc\b|\bap dung (?:tu|ke tu) (?:khi|ngay|luc|bao)")
_DURATION = re.compile(
    r"\bbao lau\b|\b(?:bao nhieu|may) (?:ngay|thang|nam|tuan)\b|\bbao nhieu gio\b|\bmay lan\b"
    r"|\bbao nhieu lan\b|\bthoi han bao nhieu\b"
)
_UNIT_CUE = re.compile(
    r"\b(?:phai|can|co|duoc giao|duoc phan cong|duoc de nghi|duoc yeu cau)? ?"
    r"(?:lam (?:gi|j|ji|nhung gi|nhung viec gi)|nhiem vu (?:gi|nhung gi|nao)|trach nhiem gi"
    r"|phu trach (?:gi|viec gi|nhung gi)"
    r"|duoc giao (?:gi|nhung gi|(?:nhung )?(?:viec|nhiem vu|cong viec) (?:gi|nao))"
    r"|duoc phan cap(?: quyet dinh| thuc hien)? (?:gi|nhung gi|viec gi|nhung viec gi))\b"
)
# "nhiệm vụ của Sở Y tế là gì", "trách nhiệm của Phòng GD&ĐT trong kế hoạch … là gì": the
# unit is named after "của", the question words come last.
_OWN_DUTIES = re.compile(
    r"\b(?:nhiem vu|trach nhiem|cong viec|phan viec)"
    r"(?: (?:va|,) (?:nhiem vu|trach nhiem|quyen han))?(?: cu the)? cua (.+?) "
    r"(?:la gi|la nhung gi|gom (?:nhung )?gi|co nhung gi|the nao|ra sao|nhu the nao|la j)\b"
)
_REQUIRES = re.compile(
    r"\b(?:yeu cau|de ra|quy dinh|noi dung|huong dan|chi dao) (?:gi|nhung gi|ra sao|the nao)\b"
    r"|\bnoi dung (?:chinh|chu yeu)\b|\bco (?:nhung )?noi dung gi\b"
)
# "có phải … không", "có … ko": the answer is the passage that says yes or no.
_YES_NO = re.compile(r"\bco (?:phai )?.{2,80}\b(?:khong|ko|k|hong|chua)$")
# Question words and polite fillers carry no topic. Only words that fold to nothing else
# are removed: "đâu"/"đầu", "không"/"không gian", "thế"/"tập thể" fold alike.
_FILLERS = re.compile(
    r"\b(?:nhu the nao|the nao|ra sao|thi sao|la sao|la gi|cho (?:toi|minh|em) (?:biet|hoi)"
    r"|xin hoi|vui long"
    r"|gi|j|ai|nao|vay|nhe|oi|nhi)\b|\b(?:khong|ko|k|hong|chua|a|ha)$"
    # "trong kế hoạch này", "của văn bản trên": the document being read, no topic.
    rf"|\b(?:trong|cua|theo|tai|o) {_DOC_WORD} (?:nay|tren|do)\b"
)
_NAMED_DOC = re.compile(rf"^.*?\b(?:{_DOC_WORD}|[a-z]{{2,4}}) ?\d[\w/-]*")
_UNIT_TAIL = frozenset(("thi", "se", "can", "phai", "co", "duoc"))
_UNIT_LEAD = frozenset(("giao", "de", "nghi", "yeu", "cau", "cho", "cua"))
# Cue words removed from the topic of each kind (the rest says what the question is about).
_CUES = {
    SIGNER: re.compile(rf"{_SIGNER.pattern}|\b{_KY}\b"),
    ISSUED: re.compile(rf"{_ISSUED.pattern}|\bngay nao\b|\bban hanh\b"),
    DEADLINE: re.compile(
        r"\bhan(?: chot)?\b(?! che)|\btruoc ngay (?:nao|may|bao nhieu)\b|\bngay (?:nao|may)\b"
        r"|\bkhi nao\b|\bbao gio\b|\bluc nao\b|\bthoi diem nao\b|\bthoi gian nao\b"
        r"|\b(?:truoc |vao |luc )?may gio\b"
    ),
    EFFECTIVE: re.compile(r"\bco hieu luc\b|\b(?:tu|ke tu) (?:khi nao|ngay nao|bao gio|luc nao)\b"),
    DURATION: re.compile(r"\b(?:trong )?(?:thoi han )?bao lau(?: mot lan)?\b"),
    BASIS: _BASIS,  # "thực hiện kết luận nào" is in every document: not a topic
}


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
    yes_no: bool = False  # "có phải … không?"
    due: bool = False  # a deadline question asks of a duty (else of when something happens)


def detect(question: str) -> Intent:
    """Read what a question asks for (see the module docstring)."""
    folded = read(question)
    kind = _kind(folded)
    if kind in (MONTH, PERIOD):
        dated = _dated(folded)
        if dated is not None:
            return dated
        kind = DEADLINE
    intent = Intent(kind, folded, yes_no=bool(_YES_NO.search(folded)))
    if kind == UNIT:
        unit, rest = _unit_phrase(folded)
        intent.unit = spelled(unit)
        intent.topic = _topic(rest)
        return intent
    year = _YEAR.search(folded)
    intent.year = int(year.group(1)) if year and kind == DEADLINE else None
    # "hạn", "nộp", "phải xong": a duty's deadline; "tựu trường ngày nào": an event's date.
    # "Ban Thường vụ họp nghe báo cáo … ngày nào": the day of a meeting, whatever it hears.
    duty = _DUE_WORDS.search(folded) and not _MEETING.search(folded)
    intent.due = kind == DEADLINE and bool(_DEADLINE.search(folded) or duty)
    cues = _CUES.get(kind)
    rest = cues.sub(" ", folded) if cues is not None else folded
    if kind in (RECIPIENTS, REQUIRES):
        rest = (_RECIPIENTS if kind == RECIPIENTS else _REQUIRES).sub(" ", rest)
    intent.topic = _topic(rest)
    return intent


def _kind(folded: str) -> str:
    """The kind with the strongest cues; ties go to the one listed first."""
    scores = {
        SIGNER: 3.0 * bool(_SIGNER.search(folded)),
        RECIPIENTS: 3.0 * bool(_RECIPIENTS.search(folded)),
        IMPLEMENTING: 3.0 * bool(_IMPLEMENTING.search(folded)),
        BASIS: 2.8 * bool(_BASIS.search(folded)),
        EFFECTIVE: 3.0 * bool(_EFFECTIVE.search(folded)),
        ISSUED: _issued(folded),
        DURATION: 2.5 * bool(_DURATION.search(folded)),
        MONTH: _dated_weight(folded),
        DEADLINE: _due_weight(folded),
        UNIT: 1.5 * bool(_unit_phrase(folded)[0]),
        REQUIRES: 1.2 * bool(_REQUIRES.search(folded)),
    }
    best = max(scores, key=lambda k: scores[k])
    if scores[best] <= 0:
        return GENERIC
    if best == MONTH and not (_MONTH.search(folded) or _QUARTER.search(folded)):
        return PERIOD
    return best


def _issued(folded: str) -> float:
    """An issue date: "ban hành/ký ngày nào", or "ngày nào" after a bare document reference."""
    if _ISSUED.search(folded):
        return 3.2 if not _DUE_WORDS.search(folded) else 1.0
    if not re.search(r"\bngay (?:nao|bao nhieu|may)\b", folded) or _DUE_WORDS.search(folded):
        return 0.0
    rest = _topic(re.sub(r"\bngay (?:nao|bao nhieu|may)\b", " ", folded))
    words = [w for w in rest.split() if not w.isdigit()]
    # Only a type and a number, or a number and its issuer: "kế hoạch 89", "89 kh tu".
    return 2.5 if len(words) <= 3 and re.search(r"\d", rest) else 0.0


def _due_weight(folded: str) -> float:
    """A deadline or a date asked for: explicit deadline words weigh more than "khi nào"."""
    weight = 2.0 * bool(_DEADLINE.search(folded)) + 1.5 * bool(_WHEN.search(folded))
    return weight + 0.5 * bool(_asks_due(folded))


def _dated_weight(folded: str) -> float:
    """What is due in a named month, quarter or span ("tháng 5/2024 có hạn gì?")."""
    if not (_DEADLINE.search(folded) or _asks_due(folded) or re.search(r"\bhan gi\b", folded)):
        return 0.0
    if _DURATION.search(folded):
        return 0.0
    if any(p.search(folded) for _, p in _SPANS) or _MONTH.search(folded) or _QUARTER.search(folded):
        return 2.6
    return 0.0


def without_date_cues(question: str) -> str:
    """The question folded, without "ngày nào"-like cues ("kế hoạch 89 ngày nào" → "ke hoach 89").

    Number reading takes "89 ngày" for a quantity; without the cue the number stands out.
    """
    folded = " ".join(fold(question).replace("?", " ").split())
    cues = rf"{_ISSUED.pattern}|\bngay (?:nao|bao nhieu|may)\b"
    return " ".join(re.sub(cues, " ", folded).split())


def _dated(folded: str) -> Intent | None:
    """A question about what is due in a month, a quarter or a span of days."""
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
    return bool(re.search(r"\b(?:phai )?(?:nop|gui|bao cao) (?:gi|nhung gi)\b", folded))


def _unit_phrase(folded: str) -> tuple[str, str]:
    """The words before "phải làm gì"/"có nhiệm vụ gì" when they name someone, and the rest."""
    match = _UNIT_CUE.search(folded)
    if match is None:
        return _owner_phrase(folded)
    head = _NAMED_DOC.sub(" ", folded[: match.start()]).split()
    while head and head[-1] in _UNIT_TAIL:
        head.pop()  # "Ban Tổ chức thì phải làm gì": the words before the cue only
    while head and head[0] in _UNIT_LEAD:
        head.pop(0)  # "KL 212 giao đảng ủy Chính phủ …": the unit after the verb
    # A unit needs at least two words ("ban tuyen giao"); "toi phai lam gi" is not one.
    if len(head) < 2:
        return "", ""
    return " ".join(head), folded[match.end() :]


def _owner_phrase(folded: str) -> tuple[str, str]:
    """The unit of "nhiệm vụ của <unit> [trong …] là gì", and the rest ("trong kế hoạch …")."""
    match = _OWN_DUTIES.search(folded)
    if match is None:
        return "", ""
    unit, _, rest = match.group(1).partition(" trong ")
    words = unit.split()
    # "nhiệm vụ của kế hoạch là gì" names a document, not someone.
    if len(words) < 2 or re.match(rf"{_DOC_WORD}\b", unit):
        return "", ""
    return unit, rest


def _topic(folded: str) -> str:
    """The question without question words and fillers."""
    return " ".join(_FILLERS.sub(" ", folded).split())
