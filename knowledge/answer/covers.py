"""Whether a dated sentence is of what a "when" question names, not of another thing.

"Lịch nghỉ hè của giáo viên bắt đầu từ ngày nào?" names what it asks the time of: the
head of the phrase after "lịch", "kế hoạch", "tổ chức" ("nghỉ hè"); "chi bộ sinh hoạt
thường kỳ tháng 5 ngày nào?" names a month. A document of the same school year holds
most of the other words and many dates; its best dated sentence ("Tổ chức kiểm tra an
toàn trường học từ ngày 01/5 …", the meeting of tháng 3) answers another question. The
sentence answering must print the head (itself, its heading, its label or the title of
its document), and fall in the month named; else the documents do not say. What a
question asks the time in ("tháng mấy", "từ ngày nào đến ngày nào") is read here too.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from knowledge.answer.subjects import subjects
from knowledge.answer.weights import term_set
from knowledge.answer.when import has_time
from knowledge.answer.wording import may_be_syllable, shortened, spelled
from knowledge.vi.textnorm import fold

HEAD = 2  # words of a subject that name its head ("nghỉ Tết" of "nghỉ Tết Nguyên đán")
# The event a question asks the time of, after "tổ chức" ("tổ chức hội thảo giáo viên").
_EVENT_LEAD = re.compile(r"\bto chuc\s+")
# "tháng 5" named, not asked ("tháng mấy") nor a length ("6 tháng"), nor one end of a span.
_MONTH = re.compile(r"(?<!\d )(?<!tu )(?<!den )\bthang (\d{1,2})\b(?! (?:den|toi)\b)")
_CLAUSE = re.compile(r";|\.\s+(?=[A-ZĐÀ-Ỹ])")  # not "TP. Hà Nội": a capital follows too
# A month a sentence states: "tháng 5", "02/5/2027", "ngày 2-5".
_EVERY_MONTH = re.compile(r"\b(?:hằng|hàng|mỗi) tháng\b", re.IGNORECASE)
_STATED_MONTH = r"\btháng\s+0?{m}\b|\b\d{{1,2}}\s*[/.-]\s*0?{m}\b"
# "từ ngày nào đến ngày nào", "trong khoảng thời gian nào", "kéo dài bao lâu": a window.
WINDOW_ASKED = re.compile(
    r"\btu (?:ngay|thang|khi|luc|bao gio) (?:nao|may)\b|\bden (?:ngay|thang) nao\b"
    r"|\bkhoang thoi gian nao\b|\bthoi gian nao\b|\bbao lau\b"
)
# A window stated: "từ ngày 01 tháng 12 đến ngày 20 tháng 12", "Từ 12/4 đến 16/4/2027".
_WINDOW = re.compile(r"\btừ(?: ngày)?\s+\d{1,2}\b.{0,40}?\bđến(?: hết)?(?: ngày)?\s+\d", re.I)
ASKS_GRAIN = re.compile(rf"\b(?:thang|quy|nam) (?:may|nao)\b|{WINDOW_ASKED.pattern}")
_GRAIN_PATTERNS = (
    (WINDOW_ASKED, _WINDOW),
    (re.compile(r"\bthang may\b"), re.compile(r"\btháng\s+\d", re.I)),
    (re.compile(r"\bthang nao\b"), re.compile(r"\btháng\s+\d", re.I)),
    (re.compile(r"\bquy may\b"), re.compile(r"\bquý\s+(?:\d|[IVX]+\b)", re.I)),
    (re.compile(r"\bquy nao\b"), re.compile(r"\bquý\s+(?:\d|[IVX]+\b)", re.I)),
    (re.compile(r"\bnam may\b"), re.compile(r"\bnăm\s+(?:19|20)\d\d", re.I)),
    (re.compile(r"\bnam nao\b"), re.compile(r"\bnăm\s+(?:19|20)\d\d", re.I)),
)


@dataclass
class Asked:
    """What a "when" question names: the heads of its subjects (each with its other
    reading: the lead word and the first word, "lịch trực" of "lịch trực Tết"), the month."""

    heads: list[tuple[str, ...]]
    month: int | None = None

    def __bool__(self) -> bool:
        return bool(self.heads) or self.month is not None


def asked_of(folded: str, known: Callable[[str], bool] = bool) -> Asked:
    """The heads and the month a folded question names ("lich nghi he cua giao vien" →
    heads ["nghi he"]); a head with a word no document uses (`known`: the library's
    words) and no syllable reads is a slip or a private abbreviation ("attgt"), never
    asked for."""
    heads = [_readings(folded, p) for p in subjects(folded)]
    heads += [(" ".join(p.split()[:HEAD]),) for p in subjects(folded, _EVENT_LEAD)]
    heads = [h for h in dict.fromkeys(heads) if all(_asked_word(w, known) for w in h[0].split())]
    match = _MONTH.search(folded)
    month = int(match.group(1)) if match and 1 <= int(match.group(1)) <= 12 else None
    return Asked(heads, month)


def _asked_word(word: str, known: Callable[[str], bool]) -> bool:
    """A word a head may hold: one the documents use, or a Vietnamese syllable they do not
    ("bóng" of "giải bóng đá": nothing here speaks of it); a word no syllable reads
    ("attgt", "thnag") is a slip or a private abbreviation."""
    return known(word) or may_be_syllable(word)


def _readings(folded: str, phrase: str) -> tuple[str, ...]:
    """The head of a subject after "lịch", "kỳ thi" …, and the word before it with its
    first word: "lịch trực Tết" read as "trực Tết" or as "lịch trực" (a compound a
    document may print instead)."""
    words = phrase.split()
    before = folded[: folded.find(phrase)].split()
    head = " ".join(words[:HEAD])
    return (head, f"{before[-1]} {words[0]}") if before else (head,)


def _prints(have: frozenset[str], readings: tuple[str, ...]) -> bool:
    """Whether a text's terms hold one reading of a head, as typed, spelled or shortened."""
    forms = {f for r in readings for f in (r, spelled(r), shortened(r))}
    return any(f in have for f in forms)


def missing(asked: Asked, text: str, naming: str, days: list[date], monthly: bool = False) -> str:
    """What of the question a dated sentence leaves out: a head neither it nor `naming`
    (its heading, label, document title) prints, or the month named (none of its `days`
    or words in it; a `monthly` duty is of every month); "" when it holds all."""
    have = term_set(f"{naming} {text}")
    for readings in asked.heads:
        if not _prints(have, readings):
            return readings[0]
    if asked.month is not None and not (monthly or _in_month(asked.month, text, days)):
        return f"thang {asked.month}"
    return ""


def dates_asked(asked: Asked, text: str) -> bool:
    """Whether one clause of a sentence prints every head and states a time, in the month
    named: the time is of what was asked ("… sau kỳ nghỉ Tết; … Ngày 20/02, lễ dâng
    hương …" times the ceremony, not the holiday)."""
    for clause in _CLAUSE.split(text):
        have = term_set(clause)
        if not has_time(clause) or not all(_prints(have, r) for r in asked.heads):
            continue
        if asked.month is None or _in_month(asked.month, clause, []):
            return True
    return False


def _in_month(month: int, text: str, days: list[date]) -> bool:
    """Whether a sentence is of a month: a day of it, or the month in its words."""
    if any(d.month == month for d in days) or _EVERY_MONTH.search(text):
        return True
    return bool(re.search(_STATED_MONTH.format(m=month), text, re.IGNORECASE))


def grain_of(question: str, text: str) -> bool:
    """Whether a text states what a question's "tháng mấy", "quý nào", "năm nào" asks."""
    for asked, pattern in _GRAIN_PATTERNS:
        if asked.search(question):
            return bool(pattern.search(text))
    return False


# The cycle a folded question names ("báo cáo hằng tháng"), or asks ("bao lâu 1 lần").
_CYCLES = (
    ("monthly", re.compile(r"\b(?:hang|moi) thang\b")),
    ("quarterly", re.compile(r"\b(?:hang|moi) quy\b")),
    ("half-yearly", re.compile(r"(?<!ngay )\b(?:6|sau) thang\b(?! \d)|\bnua nam\b")),
    ("yearly", re.compile(r"\b(?:hang|moi) nam\b")),
    ("recurring", re.compile(r"\bbao lau (?:1|mot) lan\b|\bmay lan\b|\bdinh ky\b")),
)
_ANY_CYCLE = re.compile(r"\b(?:hang|moi) (?:thang|quy|nam)\b|\bdinh ky\b")


def cycle_asked(folded: str) -> str | None:
    """The recurrence a folded question names ("monthly" of "hang thang"), "recurring"
    when it asks how often ("bao lau 1 lan", "may lan"); None when it names none."""
    return next((name for name, pattern in _CYCLES if pattern.search(folded)), None)


def of_cycle(cycle: str, recurrence: str | None, text: str) -> bool:
    """Whether a deadline (its `recurrence`, its sentence) is of the cycle asked."""
    if cycle == "recurring":
        return recurrence is not None or bool(_ANY_CYCLE.search(fold(text)))
    pattern = dict(_CYCLES)[cycle]
    return recurrence == cycle or bool(pattern.search(fold(text)))


_DATE_YEAR = re.compile(r"\btháng\s+\d{1,2},?\s+năm\s+\d{4}", re.IGNORECASE)
_TITLE_YEAR = re.compile(r"\bnăm ((?:19|20)\d\d)\b(?!\s*[-–]\s*\d)", re.IGNORECASE)


def other_year(title: str, text: str, year: int) -> bool:
    """Whether a document's title names the work of a year ("… năm 2026") not the one
    asked, nor does the deadline's sentence (a date's year, "tháng 01 năm 2027", aside)."""
    years = {int(y) for y in _TITLE_YEAR.findall(title)}
    named = re.search(rf"\bnăm {year}\b", _DATE_YEAR.sub(" ", text), re.IGNORECASE)
    return bool(years) and year not in years and not named


# The body a report goes to: "gửi Ban Tuyên giáo Đảng ủy Sở", "nộp hồ sơ về Văn phòng …".
_RECIPIENT = re.compile(
    r"\b(?:gui|nop)(?:(?: \w+){0,3}? (?:ve|len|cho|toi))? ((?:ban|so|phong|van phong"
    r"|uy ban|dang uy|tinh uy|huyen uy|thanh uy|chi uy|cong doan|mat tran)\b"
    r"(?: (?!(?:truoc|cham|han|khi|ngay|vao|trong|la|thi|nao|may|bao|de|va)\b)\w+)*)"
)
RECIPIENT_WORDS = 3  # "ban tuyen giao" of "ban tuyen giao dang uy so" names the body


def recipient_asked(folded: str) -> str:
    """The body a folded question sends to ("ban tuyen giao" of "gui ban tuyen giao dang
    uy so truoc ngay may"), its first words; "" when it names none."""
    match = _RECIPIENT.search(folded)
    words = match.group(1).split()[:RECIPIENT_WORDS] if match else []
    return " ".join(words) if len(words) > 1 else ""  # "về Sở" alone: "cơ sở" prints it


def holds_recipient(recipient: str, text: str) -> bool:
    """Whether a sentence names the body asked (any when none is asked)."""
    return not recipient or bool(re.search(rf"\b{recipient}\b", fold(text)))
