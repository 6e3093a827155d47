"""When a sentence says something is due, and how an answer says it.

A sentence states a time when it gives a date, a month, a quarter, a recurrence or a
time limit; the date of a document it cites, or of its own header, is no such time. A
deadline is said by its kind: a day, a window from day to day, this year's day of a
yearly duty, a month or a quarter ("trong quý I/2026"), or its words as printed.
"""

from __future__ import annotations

import re

from knowledge.answer import phrases as say
from knowledge.answer.passages import format_date, quote, trim
from knowledge.model import Deadline
from knowledge.search.places import places_in
from knowledge.vi.textnorm import fold

DEADLINE_QUOTE = 240  # characters of the quoted deadline sentence
LABEL_CHARS = 90  # a task named in a deadline list
# A date, a month, a quarter, a year, a period or a time limit stated in a sentence.
HAS_TIME = re.compile(
    r"\d{1,2}\s*/\s*\d{1,2}|\bngày\s+\d|\btháng\s+(?:\d|[IVX]+\b)|\bquý\s+(?:\d|[IVX]+\b)"
    r"|\b(?:trong|hết|cuối|đầu|đến|vào|từ)\s+năm\s+(?:19|20)\d\d"
    r"|\b(?:hằng|hàng|mỗi)\s+(?:ngày|tuần|tháng|quý|năm)\b|\bđịnh kỳ"
    r"|\bchậm nhất\b|\bthời hạn\b|\bkể từ\b|(?<!giáo dục )\bthường xuyên\b|\d\s*giờ"
    r"|\bđến (?:hết|khi)\b",
    re.IGNORECASE,
)
# A label cut before its date keeps the word that led to it ("Lần thứ hai trong").
_TRAILING = re.compile(r"\s+(?:trong|vào|trước|từ|đến|hạn|chậm nhất)\s*$", re.IGNORECASE)
_CITY = re.compile(r"^(?:tp\.?|thanh pho|tinh)\s")
_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
# Labels that say when, not what (folded).
_TIME_LABELS = frozenset(
    ("thoi han", "thoi gian", "thoi gian hoan thanh", "thoi gian thuc hien", "trong", "han")
    + ("thoi han hoan thanh", "thoi han thuc hien", "tien do", "hoan thanh")
)
_DAY = r"ngày\s+\d{1,2}(?:\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{2,4}|\s+tháng\s+\d{1,2}\s+năm\s+\d{4})"
_CITED_DATE = re.compile(rf"\d[\w.]*[/-][\w/.&-]*\s*,?\s*{_DAY}", re.IGNORECASE)
# "Hà Nội, ngày 21 tháng 11 năm 2025": a header's place and date, wherever a lost line
# break glued it ("V/v đề xuất biên chế … Hà Nội, ngày …").
# A basis line ("Căn cứ Luật Giáo dục ngày 14/6/2019; …") or a law with its date: cited.
_BASIS_DATE = re.compile(
    rf"\bCăn cứ\b[^;]*|\b(?:Luật|Bộ luật|Pháp lệnh|Hiến pháp)\s[^;,]{{0,100}}?{_DAY}", re.IGNORECASE
)
# "Căn cứ Nghị quyết của Chi bộ tại cuộc họp … ngày 28 tháng 11 năm 2026": within a basis
# line, the day of a meeting is when it met, not a cited document's date.
_MEETING_DAY = re.compile(
    rf"\b(?:cuộc họp|phiên họp|kỳ họp|buổi họp|hội nghị)\b[^;]{{0,80}}?{_DAY}", re.IGNORECASE
)
_PLACE_DATE = re.compile(rf"(?:^|\s)(?:[A-ZĐÀ-Ỹ][\wÀ-ỹ.]*\s?){{1,4}},\s*{_DAY}")


def has_time(text: str) -> bool:
    """Whether a sentence states a date, a period or a time limit; the date of a document
    it cites ("Hướng dẫn số 08/HD-MTTQ ngày 15/9/2025") or of its own header does not."""
    text = _BASIS_DATE.sub(" ", _CITED_DATE.sub(" ", text))
    return bool(HAS_TIME.search(_PLACE_DATE.sub(" ", text)))


def meeting_day(text: str) -> bool:
    """Whether a sentence gives the day of a meeting ("… tại cuộc họp ngày 28/11/2026"),
    in a basis line too: what a question about when a meeting was held asks for."""
    return has_time(text) or bool(_MEETING_DAY.search(text))


def quote_of(deadline: Deadline) -> str:
    """The deadline's sentence, trimmed around its date."""
    return quote(deadline.text, deadline.label, DEADLINE_QUOTE)


def describe(deadline: Deadline, shown: str = "") -> str:
    """ "Báo cáo 6 tháng: hạn 10/05/2024", or its period, its recurrence, or "chưa rõ ngày"
    (`shown`: the sentence quoted, with the task a line saying only when belongs to)."""
    label = deadline.label
    if shown and fold(label).rstrip(": ") in _TIME_LABELS:
        # "Thời hạn: trước ngày 15/4/2026" says when, not what: the task says what.
        label = trim(shown, "", LABEL_CHARS).rstrip(".;:")
    if _only_place(label):
        # "TP. Hà Nội trước ngày …": the address the report goes to, not what is due.
        label = ""
    if not label or fold(label).startswith("thuc hien"):
        # "Thực hiện trong quý 2/2024" says when, not what: name the task instead.
        label = trim(clause_of(deadline, deadline.text).strip(), "", LABEL_CHARS).rstrip(".;")
        label = label[:1].upper() + label[1:]
    label = _TRAILING.sub("", label) or label  # "Lần thứ hai trong: trong quý III/2026"
    kind = deadline.value_kind()
    start, end = deadline.period_start, deadline.period_end
    if kind == "day" and start is not None and end is not None and start < end:
        window = say.WINDOW.format(start=format_date(start), end=format_date(end))
        return say.DEADLINE_PERIOD.format(label=label, period=window)
    extra = say.RECURRENCE.get(deadline.recurrence or "", "")
    if deadline.due is not None:
        # "báo cáo 6 tháng (ngày 10/5)": this year's day, said to come back every year.
        form = say.EVENT_LEAD if fold(deadline.phrase).startswith("vao ") else say.DEADLINE_LEAD
        lead = form.format(label=label, due=format_date(deadline.due)).rstrip(".")
        return f"{lead} ({extra})" if extra else lead
    period = _period_words(deadline.period or "") if kind != "recurring" else ""
    if period:
        return say.DEADLINE_PERIOD.format(label=label, period=period)
    if extra and deadline.day:
        when = f"{deadline.day}/{deadline.month}" if deadline.month else str(deadline.day)
        return say.DEADLINE_RECURRING.format(label=label, every=extra, day=when)
    if kind == "recurring" and not extra:  # "định kỳ báo cáo": no cycle to name
        if re.search(r"\b(?:tuan|hoc ky)\b", fold(deadline.phrase)):  # a cycle the model lacks
            return say.RECURRING_NAMED.format(label=label, cycle=deadline.phrase.strip().lower())
        return say.RECURRING_OPEN.format(label=label)
    phrase = deadline.phrase
    if not extra and phrase and fold(phrase) not in fold(label):
        return say.DEADLINE_AS_WRITTEN.format(label=label, phrase=phrase)
    return say.DEADLINE_OPEN.format(label=label, period=f", {extra}" if extra else "").rstrip(".")


def clause_of(deadline: Deadline, text: str) -> str:
    """The clause of a sentence that states this deadline's date: one sentence often sets
    several ("xây dựng kế hoạch trước ngày 28/2; báo cáo kết quả trước ngày 10/11")."""
    parts = [p for p in text.split(";") if p.strip()]  # not at ". ": "TP. Hà Nội"
    phrase = deadline.phrase.lower()
    if len(parts) < 2 or not phrase:
        return text
    return next((p for p in parts if phrase in p.lower()), text)


def _only_place(label: str) -> bool:
    """Whether a label is only a province or city name ("Hà Nội", "TP. Hồ Chí Minh")."""
    folded = " ".join(_CITY.sub(" ", fold(label)).split())
    return bool(folded) and places_in(folded) == [folded]


def _period_words(period: str) -> str:
    """ "2025-12" → "trong tháng 12/2025", "2026-Q1" → "trong quý I/2026", "2025" → the year."""
    if re.fullmatch(r"\d{4}-Q[1-4]", period):
        year, quarter = period.split("-Q")
        return f"trong quý {_ROMAN[int(quarter)]}/{year}"
    if re.fullmatch(r"\d{4}-\d{2}", period):
        year, month = period.split("-")
        return f"trong tháng {int(month)}/{year}"
    if re.fullmatch(r"\d{4}", period):
        return f"trong năm {period}"
    return ""
