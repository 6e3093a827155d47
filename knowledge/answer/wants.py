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
from knowledge.answer.wording import expand
from knowledge.search.library import Library
from knowledge.search.tokens import syllables
from knowledge.vi.textnorm import fold

STATING_DOCS = 5  # documents of the ranking read for one stating what is asked
STATING_CLOSE = 0.5  # of them, those ranked at least this part of the first's score
STATED_COVER = 0.5  # part of the question's weight the stating sentence must hold
YES_NO_BONUS = 1.0  # part of the best fit a sentence saying yes or no of what is asked gains
YES_NO_HELD = 0.5  # part of the words asked a sentence saying yes without "được" holds
STATED_MARGIN = 0.1  # a later document's stating sentence must hold this much more of it

# "đơn vị nào chủ trì", "ai phối hợp", "chủ trì là sở nào": the role asked about.
_ROLE = re.compile(
    r"\b(?:nao|ai)\b(?: \w+){0,2} (chu tri|phoi hop|theo doi|tong hop|huong dan)\b"
    r"|\b(chu tri|phoi hop)\b(?: \w+){0,2} (?:la )?(?:\w+ )?(?:nao|ai)\b"
)
# "bao nhiêu điểm", "mấy người": an amount of something asked (folded).
_AMOUNT = re.compile(r"\b(?:bao nhieu|may) (diem|nguoi|xa|lop|truong|don vi|dong|phan tram|%)")
# "bao nhiêu tiền", "mức thưởng … bao nhiêu", "phụ cấp … bao nhiêu": a sum of money (folded).
_MONEY_ASK = re.compile(
    r"\bbao nhieu (?:tien|ty|trieu|nghin|ngan|dong)\b"
    r"|\b(?:muc (?:thuong|ho tro|chi|phu cap|dong)|phu cap|kinh phi|tri gia)\b.*\bbao nhieu\b"
)
# A sum stated: "500.000 đồng", "3,5 tỷ", "hai triệu đồng", "01 ngày lương" (folded).
_MONEY = re.compile(r"\b(?:dong|trieu|ty|nghin|ngan|vnd|luong co so|ngay luong)\b")
# "bao nhiêu <anything but a time>", "mấy <…>": a count asked (folded).
# Folded, "mấy" is "máy" too: "bộ máy", "máy tính", "máy móc" ask no count.
_COUNT_ASK = re.compile(
    r"\b(?:bao nhieu|(?<!\bbo )may) "
    r"(?!ngay|thang|nam|tuan|gio|phut|lan|giay|tinh|moc|chu|in|anh|chieu|lanh|phat|quay)\w+"
)
# A number in a folded sentence, with the word after it.
_NUMBER = re.compile(r"(?<![\w.,/])(\d+(?:[.,/]\d+)*)\s*(%|[a-z]+)?")
# A table row's own number ("12 | Chỉ đạo …"): a place in the table, no count.
_ROW_NUMBER = re.compile(r"^\s*\d+\s*\|")
_LABEL_BEFORE = re.compile(r"\b(?:ngay|thang|nam|quy|so|muc|dieu|khoan|diem|lan thu|tuan)\s*$")
_DATE_WORDS = frozenset(("thang", "nam", "gio", "h", "phut", "ngay", "quy"))
# "bao lâu một lần", "mấy lần", "định kỳ thế nào": how often (folded).
_HOW_OFTEN = re.compile(
    r"\bbao lau (?:mot|1) lan\b|\b(?:may|bao nhieu) lan\b"
    r"|\bdinh ky (?:the nao|ra sao|nhu the nao|bao lau)\b"
)
# A frequency stated: "mỗi quý một lần", "hằng tháng", "03 tháng một lần", "định kỳ".
_OFTEN = re.compile(
    r"\b(?:mỗi|hằng|hàng)\s+(?:ngày|tuần|tháng|quý|năm|học kỳ|kỳ)\b"
    r"|\b(?:một|hai|ba|\d+)\s+lần\b|\bđịnh kỳ\b",
    re.IGNORECASE,
)
# "số điện thoại", "sđt", "hotline": a phone number asked (folded).
_PHONE_ASK = re.compile(r"\bdien thoai\b|\bsdt\b|\bhotline\b|\bduong day nong (?:so|la)\b")
_PHONE = re.compile(r"(?<!\d)(?:\(?0\d{2,3}\)?[ .]?\d{3,4}[ .]?\d{3,4}|1[89]00[ .]?\d{3,4})(?!\d)")
# "tỷ lệ … bao nhiêu", "bao nhiêu phần trăm": a percentage asked (folded).
_RATIO_ASK = re.compile(
    r"\bt[yi] le\b.*\b(?:bao nhieu|la gi|dat (?:muc )?(?:nao|bao nhieu|the nao)|ra sao|the nao)\b"
    r"|\bbao nhieu (?:phan tram|%)"
)
_PERCENT = re.compile(r"\d[\d.,]*\s*%|\bphần trăm\b", re.IGNORECASE)
# The part of a yes/no question between "có (phải)" and "không" (folded): what is asked.
_YES_NO_PART = re.compile(r"\bco (?:phai |duoc )?(.+?) (?:duoc )?(?:khong|ko|k|hong|chua)$")
# What says yes or no: "không thu tiền", "không nhận qua thư điện tử", "được …".
_POLARITY = re.compile(r"\b(?:không|chưa|được|cấm|miễn|bắt buộc)\b", re.IGNORECASE)
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
# "kiến nghị gì", "đề xuất những gì", "đề nghị Sở điều gì" (folded): what a report asks for.
_PROPOSAL_ASK = re.compile(r"\b(kien nghi|de xuat|de nghi)\b(?: \w+){0,3} (?:gi|nao)\b")
# The kind a heading gives its lines, the nearest heading's last such word deciding: under
# "ĐỀ XUẤT, KIẾN NGHỊ VÀ NHIỆM VỤ" / "2. Nhiệm vụ trước mắt, đề nghị các chi bộ …" the lines
# are requests made downwards, not what the report proposes upwards (folded).
_PART_KINDS = re.compile(
    r"\b(kien nghi|de xuat|de nghi|nhiem vu|giai phap|ket qua|phuong huong|to chuc thuc hien)\b"
)
# What a question naming one of these asks for: "kiến nghị" is no request to the units.
_PROPOSAL_FAMILY = {
    "kien nghi": ("kien nghi", "de xuat"),
    "de xuat": ("kien nghi", "de xuat"),
    "de nghi": ("kien nghi", "de xuat", "de nghi"),
}
# "nộp bằng hình thức nào", "gửi qua cách nào", "phương thức gì" (folded): the means asked.
_MEANS_ASK = re.compile(r"\b(?:hinh thuc|phuong thuc|cach) (?:nao|gi)\b|\bbang cach nao\b")
# A sentence stating a means: "bằng tiền mặt", "chuyển khoản", "qua phần mềm", "trực tuyến".
_MEANS = re.compile(
    r"\b(?:bằng|qua)\s+(?!đó\b|này\b)\w+|\bchuyển khoản\b|\btrực (?:tuyến|tiếp)\b"
    r"|\bhình thức\b|\bphương thức\b",
    re.IGNORECASE,
)
# "đề nghị kết nạp những ai", "có những khẩu hiệu nào", "gồm những gì" (folded): a list.
_LIST_ASK = re.compile(
    r"\bnhung (?:ai|gi)\b|\bnhung \w+(?: \w+){0,3} (?:nao|gi)\b|\bgom (?:nhung )?(?:gi|ai|nao)\b"
)
# A length of time or a frequency stated in a sentence ("ít nhất 60 ngày làm việc").
_DURATION = re.compile(
    r"\b\d+\s*(?:ngày|tháng|năm|tuần|giờ|phút|lần)\b|\b(?:hằng|hàng|mỗi)\s+(?:ngày|tuần|tháng|quý|năm)"
    r"|\bđịnh kỳ\b|\btối đa\b|\bít nhất\b|\bchậm nhất\b|\btrong thời hạn\b|\bthường xuyên\b",
    re.IGNORECASE,
)


def want_of(intent: Intent) -> Want | None:
    """What a sentence answering this kind of question states."""
    folded = intent.folded
    if _HOW_OFTEN.search(folded):
        # "bao lâu một lần?": "mỗi quý một lần", not "trong vòng 07 ngày".
        return lambda text: bool(_OFTEN.search(text))
    if _PHONE_ASK.search(folded):
        return lambda text: bool(_PHONE.search(text))
    if _RATIO_ASK.search(folded):
        # "tỷ lệ … là bao nhiêu?": the sentence stating a percentage.
        return lambda text: bool(_PERCENT.search(text))
    if intent.kind == DURATION:
        return lambda text: bool(_DURATION.search(text))
    if intent.kind == DEADLINE:
        return has_time
    proposal = _PROPOSAL_ASK.search(folded)
    if proposal is not None:
        # "trường kiến nghị Sở điều gì?": the lines of its KIẾN NGHỊ section, not a remark
        # elsewhere that someone "kiến nghị 03 nội dung".
        return _InSection(_PROPOSAL_FAMILY[proposal.group(1)])
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
    if _MONEY_ASK.search(folded):
        # "hỗ trợ mỗi học sinh bao nhiêu tiền?": a sentence stating a sum, not a date.
        return lambda text: bool(_MONEY.search(fold(text))) and states_count(text)
    amount = _AMOUNT.search(intent.folded)
    if amount is not None:
        # "bao nhiêu điểm?": a sentence stating a number of them ("từ 95 điểm trở lên").
        stated = re.compile(rf"\d[\d.,]*\s*{amount.group(1)}\b")
        return lambda text: bool(stated.search(fold(text)))
    if _COUNT_ASK.search(intent.folded):
        # "bao nhiêu đảng viên có mặt?", "có mấy thành viên?": a count ("có mặt: 25 đồng
        # chí"), whatever the word it counts is printed with.
        return states_count
    if _MEANS_ASK.search(folded):
        # "đảng phí nộp bằng hình thức nào?": the sentence saying how ("chuyển khoản").
        return lambda text: bool(_MEANS.search(text))
    if _LIST_ASK.search(folded):
        # "đề nghị kết nạp những ai?": the line announcing the list ("… sau:") or its
        # heading, quoted with its items.
        return _Listing()
    if intent.yes_no:
        # "có phải đóng tiền không?", "nộp qua mail được không?": the sentence saying
        # "không thu tiền …", "không nhận qua thư điện tử" answers yes or no: it says
        # yes or no, and of what is asked (the words between "có" and "không").
        return _YesOrNo(_asked_of(folded))
    return None


class _YesOrNo:
    """A sentence saying yes or no ("không", "được") of the words asked: in a yes/no
    question it is the answer even when another shares more of its subject ("Học sinh
    tham gia câu lạc bộ phải có đơn" against "… không thu tiền của học sinh")."""

    bonus = YES_NO_BONUS

    def __init__(self, asked: set[str]) -> None:
        self.asked = asked

    def __call__(self, text: str) -> bool:
        # "Sở Y tế: định kỳ tổng hợp, báo cáo Ủy ban nhân dân thành phố" says yes without
        # a "được": holding most of what is asked says it too.
        held = len(self.asked & set(syllables(text)))
        if held and _POLARITY.search(text):
            return True
        return held >= YES_NO_HELD * len(self.asked) and bool(self.asked)


class _Listing:
    """A line announcing a list ("… đối với 03 quần chúng ưu tú sau:") or a heading with
    lines under it: what a question asking "những ai", "những … nào" wants quoted."""

    lists = True

    def __call__(self, text: str) -> bool:
        return text.rstrip().endswith(":")


class _InSection:
    """A sentence under a heading of this kind ("KIẾN NGHỊ"): what the question asks for
    is the body of that section, whatever words its lines share with the question."""

    bonus = YES_NO_BONUS

    def __init__(self, family: tuple[str, ...]) -> None:
        self.family = family

    def __call__(self, text: str) -> bool:
        return False  # only its place says so: see within()

    def within(self, context: str) -> bool:
        """Whether the nearest heading above a sentence that gives it a kind gives the
        kind asked."""
        kinds = _PART_KINDS.findall(fold(context))
        return bool(kinds) and kinds[-1] in self.family


def _asked_of(folded: str) -> set[str]:
    """The content words a yes/no question asks of ("dong", "tien" of "… có phải đóng
    tiền không"), with what an abbreviation there stands for ("mail": "thư điện tử")."""
    match = _YES_NO_PART.search(folded)
    words = syllables(expand(match.group(1), lambda _: False)) if match else []
    return {w for w in words if w not in STOP and len(w) > 1}


def asks_amount(intent: Intent) -> bool:
    """Whether a question asks for an amount (a count, a sum, a percentage): only a
    sentence stating one answers it."""
    folded = intent.folded
    if intent.kind in (DURATION, DEADLINE) or _HOW_OFTEN.search(folded):
        return False
    if re.search(r"\bthu (?:may|bao nhieu)\b", folded):  # "năm thứ mấy": an ordinal
        return False
    asks = (_MONEY_ASK, _RATIO_ASK, _AMOUNT, _COUNT_ASK)
    return any(p.search(folded) for p in asks)


def states_count(text: str) -> bool:
    """Whether a sentence states a count ("05 thành viên", "có mặt: 25 đồng chí", "98,2%"),
    not a date ("ngày 02 tháng 12", "15/4/2026"), an hour or a numbered article."""
    folded = _ROW_NUMBER.sub("", fold(text))
    for match in _NUMBER.finditer(folded):
        before = folded[max(0, match.start() - 8) : match.start()]
        after = match.group(2) or ""
        if _LABEL_BEFORE.search(before) or after in _DATE_WORDS or match.group(1).count("/") > 1:
            continue
        if _not_a_count(folded, match):
            continue
        return True
    return False


def _not_a_count(folded: str, match: re.Match[str]) -> bool:
    """A year ("năm học 2026 - 2027") or a document's number ("115/KH-THCS"): no count."""
    number = match.group(1)
    if len(number) == 4 and number.isdigit() and 1900 <= int(number) <= 2100:
        return True
    return folded[match.end(1) : match.end(1) + 1] in ("/", "-") and "/" not in number


def stating(library: Library, ranked: list[Ranked], query: str, want: Want | None) -> list[Ranked]:
    """The ranking with, first, the close document whose sentence stating what is asked
    holds most of the question (and a good part of it); unchanged when none does, or
    the first holds as much as any."""
    if want is None or len(ranked) < 2:
        return ranked
    top = ranked[0].score
    best, best_held = -1, 0.0
    for i, r in enumerate(ranked[:STATING_DOCS]):
        if i and r.score < STATING_CLOSE * top:
            break
        held = _stated_part(library, r.doc, query, want)
        if held >= STATED_COVER and held > best_held + STATED_MARGIN * (best >= 0):
            best, best_held = i, held
    if best < 0:
        return ranked
    ranked[best].states = True
    return [ranked[best], *ranked[:best], *ranked[best + 1 :]] if best else ranked


def _stated_part(library: Library, doc: DocRef, query: str, want: Want) -> float:
    """The part of the question held by the document's best sentence stating what it
    asks (with the document's title and the headings above it); 0 when none states it."""
    spots = best_spots(library, doc, query, want, limit=1, require=True)
    if not spots:
        return 0.0
    wanted = Wanted(library, query)
    if wanted.total <= 0:
        return 0.0
    d, spot = doc.doc, spots[0]
    held = wanted.score(f"{d.title} {d.issuer} {spot.passage.context} {spot.text}")
    return held / wanted.total


def _then_words(folded: str) -> str:
    """The action a conditional question asks about ("bao cao" of "nếu … thì báo cáo thế
    nào"); "" when it asks none ("… thì sao?", "… thì làm gì?")."""
    match = _THEN.search(folded)
    if match is None:
        return ""
    words = syllables(_THEN_FILLERS.sub(" ", match.group(1)))
    words = [w for w in words if w not in STOP and len(w) > 1]
    return " ".join(words)
