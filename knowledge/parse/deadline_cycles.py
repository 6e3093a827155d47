"""Recurring duties and relative terms: "hằng tháng", "định kỳ", "chậm nhất 03 ngày kể từ ...".

- Recurring: "(định kỳ) hằng / hàng / mỗi tháng, quý, 6 tháng, năm" (a list gives one
  duty per period) after a duty in its clause (a report or a file: "báo cáo", "gửi",
  "cập nhật", "bàn giao" ...), or opening its clause before one ("Định kỳ 6 tháng báo cáo
  ..."), or setting a quota ("mỗi quý có ít nhất 04 tin, bài");
  "định kỳ 6 tháng". "định kỳ" before such a verb without a period is recurring with the
  period not stated ("định kỳ báo cáo ... theo quy định"). "hằng tuần" is recurring with
  no recurrence (the model's cycles are monthly at most), labelled "Báo cáo hằng tuần". A
  time cell that only lists cycles ("6 tháng, năm") needs no "hằng".
- A day in a cycle: "(trước) ngày 20 hằng tháng"; "ngày 15 của tháng trước đó / tháng cuối
  quý"; "tuần cuối của tháng thứ 3 trong quý" (quarterly, no day); "Báo cáo tháng gửi
  trước ngày 20" (a day alone, the clause's report naming the cycle).
- Relative or open terms, unspecified with the phrase kept: "chậm nhất 03 ngày kể từ
  ...", "trong (thời hạn) 30 ngày (làm việc) kể từ ...", "chậm nhất 02 ngày sau khi ...",
  "ít nhất 60 ngày làm việc trước ...", "báo cáo ngay". A term of legal effect ("có hiệu
  lực sau 10 ngày kể từ ngày ký") is no duty. In a time cell "Sau khi ..." needs no duty.
"""

from __future__ import annotations

import re

from knowledge.parse.deadline_hits import NOT_AFTER_LETTER, OPT, SP, DeadlineHit, has_duty
from knowledge.vi.dates import clause_end, clause_start

_ITEM = rf"(?:ca{SP}nam|nua{SP}nam|(?:6|sau){SP}thang|thang|quy|nam|tuan)(?![\w])"
_ITEMS = rf"{_ITEM}(?:{OPT}(?:,{OPT}(?:va{SP})?|va{SP}){_ITEM}){{0,4}}"
# A time cell that only lists cycles: "6 tháng, năm", "Quý, năm".
_BARE_CYCLES = re.compile(
    rf"^[\s\-+•]*(?P<list>{_ITEM}(?:{OPT}(?:,{OPT}(?:va{SP})?|va{SP}){_ITEM}){{1,4}})[\s.;]*$",
    re.IGNORECASE,
)
_RECURRING = re.compile(
    rf"{NOT_AFTER_LETTER}(?:dinh{SP}ky{SP}(?:hang{SP}|moi{SP})?|hang{SP}|moi{SP})"
    rf"(?P<list>{_ITEMS})(?:{SP}(?P<y>(?:19|20)\d\d)(?!\d))?",
    re.IGNORECASE,
)
_PERIODIC = re.compile(
    rf"{NOT_AFTER_LETTER}(?:dinh{SP}ky(?:{SP}(?:tien{SP}hanh|thuc{SP}hien|tong{SP}hop,?))?"
    rf"{SP}(?:bao{SP}cao|gui|cap{SP}nhat)|bao{SP}cao{SP}dinh{SP}ky)(?![\w])",
    re.IGNORECASE,
)
_QUOTA = re.compile(rf"(?:{SP}\w+){{0,3}}{SP}(?:it{SP}nhat|toi{SP}thieu){SP}\d", re.IGNORECASE)
_MONTHLY_DAY = re.compile(
    rf"{NOT_AFTER_LETTER}ngay{SP}(?P<d>\d{{1,2}}){SP}(?:(?:hang|moi){SP}thang"
    rf"|(?:cua{SP})?thang{SP}(?P<rel>truoc(?:{SP}do)?|lien{SP}truoc|cuoi{SP}quy|dau{SP}quy))(?![\w])",
    re.IGNORECASE,
)
_QUARTER_WEEK = re.compile(
    rf"{NOT_AFTER_LETTER}tuan{SP}(?:cuoi|dau|thu{SP}\d){SP}(?:cua{SP})?thang{SP}"
    rf"(?:thu{SP})?(?:\d|ba|cuoi){SP}(?:trong|cua){SP}quy(?![\w])",
    re.IGNORECASE,
)
_NUMBER = r"(?:\d{1,3}|mot|hai|ba|bon|nam|bay|muoi)"
_EVENT = r"(?:[ \t\u00a0]{1,3}[^\s,;.():]{1,20}){0,10}"  # up to ten words, within the clause
_RELATIVE = re.compile(
    rf"{NOT_AFTER_LETTER}(?:(?:cham|muon){SP}nhat(?:{SP}la)?|khong{SP}qua|trong{SP}vong"
    rf"|trong(?:{SP}thoi{SP}(?:han|gian))?(?:{SP}(?:cham|muon){SP}nhat)?|sau)"
    rf"{SP}{_NUMBER}{SP}(?:ngay|thang|tuan|gio)(?:{SP}lam{SP}viec)?"
    rf"(?P<rel>,?{SP}(?:ke{SP}tu|tinh{SP}tu|sau(?:{SP}khi)?|truoc(?:{SP}khi)?))"
    rf"{_EVENT}",  # the event it counts from: "kể từ ngày nhận bài chấm"
    re.IGNORECASE,
)
_AT_LEAST = re.compile(
    rf"{NOT_AFTER_LETTER}(?:it{SP}nhat|toi{SP}thieu){SP}{_NUMBER}{SP}(?:ngay|thang|tuan)"
    rf"(?:{SP}lam{SP}viec)?(?![\w])",
    re.IGNORECASE,
)
_AT_ONCE = re.compile(
    rf"{NOT_AFTER_LETTER}(?:bao{SP}cao|thong{SP}bao){SP}ngay(?!{SP}(?:sau|khi|tu|tai|trong|\d))"
    rf"(?![\w])",
    re.IGNORECASE,
)
_EFFECT = re.compile(rf"co{SP}hieu{SP}luc", re.IGNORECASE)
# "trợ cấp hằng tháng" is how a benefit is paid, not a duty that recurs.
_BENEFIT = re.compile(
    rf"(?<![\w])(?:tro{SP}cap|phu{SP}cap|(?:tien{SP})?luong(?:{SP}huu)?|sinh{SP}hoat{SP}phi"
    rf"|thu{SP}nhap|hoc{SP}bong|thu{SP}lao|chi{SP}tra){SP}$",
    re.IGNORECASE,
)
# "01 lần/quý", "2 lần/năm", "mỗi quý 01 lần", "6 tháng/lần", "3 tháng một lần".
_TIMES_PER = re.compile(
    rf"{NOT_AFTER_LETTER}(?:(?:\d{{1,2}}|mot|hai|ba){SP}lan{OPT}(?:/|trong|moi|mot|tren){OPT}"
    rf"(?P<per>thang|quy|nam)|(?:moi|hang){SP}(?P<each>thang|quy|nam){SP}(?:\d{{1,2}}|mot|hai)"
    rf"{SP}lan|(?P<months>\d{{1,2}}|ba|sau){SP}thang{OPT}(?:/|mot){OPT}lan)(?![\w])",
    re.IGNORECASE,
)
# "ít nhất sau 30 ngày kể từ ...", "sau ít nhất 7 ngày": the earliest time, no term.
_EARLIEST = re.compile(rf"(?:it{SP}nhat|toi{SP}thieu|khong{SP}som{SP}hon){OPT}$", re.IGNORECASE)
# "báo cáo ... sau khi có kết quả": a duty counted from an event, no day given.
_AFTER_EVENT = re.compile(rf"{NOT_AFTER_LETTER}(?:ngay{SP})?sau{SP}khi{_EVENT}", re.IGNORECASE)
# A duty to report results with no term at all ("kết quả thực hiện báo cáo về Công an tỉnh",
# "báo cáo Lãnh đạo Bộ kết quả thực hiện"), and an open span that ends at an event ("từ
# ngày ban hành Kế hoạch đến khi tổ chức thành công Đại hội"): a human sets the day.
_OPEN_TERM = re.compile(
    rf"{NOT_AFTER_LETTER}(?:(?:bao{SP}cao|gui)(?:{SP}ve)?(?:{SP}[^\s,;.()]+){{0,6}}{SP}ket{SP}qua"
    rf"{SP}(?:thuc{SP}hien|trien{SP}khai)|ket{SP}qua{SP}(?:thuc{SP}hien|trien{SP}khai)"
    rf"(?:{SP}[^\s,;.()]+){{0,3}}{SP}(?:bao{SP}cao|gui){SP}ve"
    rf"|tu{SP}(?:ngay{SP}(?:ban{SP}hanh|ky)|nay)(?:{SP}[^\s,;.()\d]+){{0,4}}{SP}den{SP}"
    rf"(?:khi|het){SP}[^\s\d])",
    re.IGNORECASE,
)
_AS_COPY = re.compile(rf"(?:de|dinh{SP}ky(?:{SP}tong{SP}hop,?)?){SP}$", re.IGNORECASE)
_PER_CYCLE = {"thang": "monthly", "quy": "quarterly", "nam": "yearly"}
_MONTHS_CYCLE = {"1": "monthly", "3": "quarterly", "ba": "quarterly", "6": "half-yearly"}
_CYCLE_WORDS = frozenset(
    ("định", "kỳ", "hằng", "hàng", "mỗi", "tháng", "quý", "năm", "cả", "nửa", "sáu", "và", "tuần")
)
_PERIOD_LABEL = {"monthly": "tháng", "quarterly": "quý", "half-yearly": "6 tháng", "yearly": "năm"}
# "Báo cáo tháng gửi trước ngày 20": a day of the month the clause's report names.
_DAY_ONLY = re.compile(
    rf"{NOT_AFTER_LETTER}(?:truoc|cham{SP}nhat|muon{SP}nhat|khong{SP}qua|han{SP}chot)"
    rf"(?:{SP}(?:la|vao))?{SP}ngay{SP}(?P<d>\d{{1,2}})(?![\d/-]|[.]\d|{SP}(?:thang|hang|moi|cua)(?![\w]))",
    re.IGNORECASE,
)
_REPORT_CYCLE = re.compile(
    rf"(?<![\w])(?:bao{SP}cao|hang|moi|dinh{SP}ky(?:{SP}hang)?){SP}(?P<c>thang|quy)(?![\w]|{SP}\d)",
    re.IGNORECASE,
)


def recurrence_of(item: str) -> str | None:
    """The recurrence an item of a cycle names ("6 tháng" → half-yearly); a week has no
    name in the model (its reminders are monthly at most): None."""
    words = item.lower().split()
    if words[-1] == "tuan":
        return None
    if words[-1] == "quy":
        return "quarterly"
    if words[0] in ("6", "sau", "nua"):
        return "half-yearly"  # "6 tháng", "sáu tháng", "nửa năm"
    return "monthly" if words[-1] == "thang" else "yearly"


def _a_duty(sentence: str, plain: str, match: re.Match[str]) -> bool:
    """The cycle is when a duty recurs: the duty comes before it in its clause ("báo cáo
    ... hằng tháng"), or the cycle opens the clause ("Định kỳ 6 tháng báo cáo ..."), or it
    sets a quota ("mỗi quý có ít nhất 04 tin"). "kết quả đánh giá hằng năm ... để tổng hợp"
    and "đánh giá hàng năm" describe, they do not ask."""
    start = clause_start(plain, match.start(), 0)
    before = sentence[start : match.start()]
    if has_duty(before) or _QUOTA.match(plain, match.end()):
        return True
    opening = not before.strip(" -+•*,:") or before.rstrip().endswith(",")
    return opening and has_duty(sentence[match.end() : match.end() + 80])


def _as_written(sentence: str, match: re.Match[str]) -> bool:
    """Flat text makes "đổi mới quy trình" look like "mỗi quý": check the printed letters."""
    printed = sentence[match.start() : match.end()].lower()
    if printed.isascii():
        return True  # typed without marks: nothing to tell them apart
    words = re.findall(r"[^\W\d_]+", printed)
    return all(w in _CYCLE_WORDS for w in words)


def recurring(plain: str, sentence: str, bare: bool = False) -> list[DeadlineHit]:
    """ "hằng tháng, quý và cả năm 2022": one recurring duty per period named; in a time
    value ("Thời gian: Hằng năm") the cycle needs no duty beside it."""
    hits: list[DeadlineHit] = []
    found = list(_RECURRING.finditer(plain))
    if bare and not found:
        found = list(_BARE_CYCLES.finditer(plain))
    for match in found:
        if not _as_written(sentence, match) or _benefit(plain, match.start()):
            continue
        if not bare and not _a_duty(sentence, plain, match):
            continue
        year, span = match.groupdict().get("y"), match.span()
        for item in re.split(r"\s*,\s*(?:va\s+)?|\s+va\s+", match.group("list").strip()):
            cycle = recurrence_of(item)
            label = f"Báo cáo {_PERIOD_LABEL[cycle]}" if cycle else "Báo cáo hằng tuần"
            hits.append(DeadlineHit(None, cycle, year, label, True, "recurring", *span))
    return hits


def _benefit(plain: str, pos: int) -> bool:
    """A benefit's name right before pos; the look-back is bounded (linear on long text)."""
    return _BENEFIT.search(plain, max(0, pos - 40), pos) is not None


def periodic(plain: str) -> list[DeadlineHit]:
    """ "định kỳ báo cáo ...": recurring, the period not stated."""
    return [
        DeadlineHit(None, None, None, "Báo cáo định kỳ", True, "periodic", *m.span())
        for m in _PERIODIC.finditer(plain)
    ]


def cycle_days(plain: str) -> list[DeadlineHit]:
    """A day in a cycle: "ngày 25 hằng tháng", "ngày 15 của tháng cuối quý"."""
    hits: list[DeadlineHit] = []
    for match in _MONTHLY_DAY.finditer(plain):
        day = int(match.group("d"))
        if not 1 <= day <= 31:
            continue
        rel = (match.group("rel") or "").lower()
        cycle = "quarterly" if "quy" in rel else _cycle_named(plain) if rel else "monthly"
        hits.append(DeadlineHit(None, cycle, None, "", False, "recurring", *match.span(), day))
    for match in _QUARTER_WEEK.finditer(plain):
        hits.append(DeadlineHit(None, "quarterly", None, "", True, "recurring", *match.span()))
    for match in _DAY_ONLY.finditer(plain):
        named = _REPORT_CYCLE.search(plain, clause_start(plain, match.start(), 0), match.start())
        if named is not None and 1 <= int(match.group("d")) <= 31:
            cycle = "quarterly" if named.group("c").lower() == "quy" else "monthly"
            day = int(match.group("d"))
            hits.append(DeadlineHit(None, cycle, None, "", False, "recurring", *match.span(), day))
    return hits


def _cycle_named(plain: str) -> str | None:
    """The cycle the sentence names for "ngày 15 của tháng trước đó" (monthly, quarterly)."""
    lower = plain.lower()
    if re.search(r"(?:hang|moi|dinh ky)\s+quy", lower):
        return "quarterly"
    if re.search(r"(?:hang|moi|dinh ky)\s+thang", lower):
        return "monthly"
    return None


def relative(plain: str, bare: bool = False) -> list[DeadlineHit]:
    """Terms counted from an event, or open ones: unspecified, the phrase kept. In a time
    value ("Thời gian: Sau khi có hướng dẫn") "sau khi ..." needs no duty beside it."""
    if _EFFECT.search(plain):
        return []
    spans = [m.span() for m in _RELATIVE.finditer(plain) if not _earliest(plain, m)]
    spans += [m.span() for m in _AT_ONCE.finditer(plain)]
    events = _AFTER_EVENT.finditer(plain)
    spans += [m.span() for m in events if bare or _duty_after_event(plain, m)]
    for match in _AT_LEAST.finditer(plain):
        reach = max(0, match.start() - 80)
        before = plain[reach : match.start()].lower()
        after = re.match(rf"{SP}(?:truoc|sau){_EVENT}", plain[match.end() :], re.IGNORECASE)
        if after and after.group().strip().lower().startswith("sau"):
            continue  # "ít nhất 10 ngày sau khi ...": not before then, no term
        if after:
            spans.append((match.start(), match.end() + after.end()))
        elif "truoc" in before:  # "trước ngày hết hiệu lực ... ít nhất 60 ngày làm việc"
            spans.append((reach + before.rindex("truoc"), match.end()))
    hits: list[DeadlineHit] = []
    for start, end in sorted(spans):
        if not hits or start >= hits[-1].end:
            hits.append(DeadlineHit(None, None, None, "", True, "relative", start, end))
    return hits


def _earliest(plain: str, match: re.Match[str]) -> bool:
    """ "ít nhất sau 30 ngày kể từ ...": a wait before acting, not a term to meet."""
    return _EARLIEST.search(plain, max(0, match.start() - 16), match.start()) is not None


def _duty_after_event(plain: str, match: re.Match[str]) -> bool:
    """ "báo cáo ... sau khi có kết quả" (the duty before it, in its clause), or "Sau khi
    kết thúc đợt thi đua, các đơn vị báo cáo ..." (the clause opens with it)."""
    start = clause_start(plain, match.start(), 0)
    if has_duty(plain[start : match.start()]):
        return True
    opening = not plain[start : match.start()].strip(" -+•*,:")
    return opening and has_duty(plain[match.end() : match.end() + 60])


def times_per(plain: str) -> list[DeadlineHit]:
    """ "kiểm tra 01 lần/quý", "6 tháng/lần": a duty that recurs, its day not stated."""
    hits: list[DeadlineHit] = []
    for match in _TIMES_PER.finditer(plain):
        per = (match.group("per") or match.group("each") or "").lower()
        months = (match.group("months") or "").lower().lstrip("0")
        cycle = _PER_CYCLE.get(per) or _MONTHS_CYCLE.get(months or "x")
        if cycle is None:
            continue
        hits.append(DeadlineHit(None, cycle, None, "", True, "recurring", *match.span()))
    return hits


def open_terms(plain: str) -> list[DeadlineHit]:
    """A report of results asked for without a term, or a span that ends at an event."""
    hits: list[DeadlineHit] = []
    for match in _OPEN_TERM.finditer(plain):
        if _AS_COPY.search(plain, max(0, match.start() - 24), match.start()):
            continue  # "(để báo cáo)" on a copy; "định kỳ báo cáo" is a cycle
        end = clause_end(plain, match.end(), len(plain))
        end = len(plain[:end].rstrip(" ./"))  # "... kết quả thực hiện./" ends at its words
        hits.append(DeadlineHit(None, None, None, "", True, "relative", match.start(), end))
    return hits[:1]
