"""Recurring duties: "hằng tháng", "định kỳ", "ngày 20 hằng tháng", "tuần cuối quý".

- Recurring: "(định kỳ) hằng / hàng / mỗi tháng, quý, 6 tháng, năm" (a list gives one
  duty per period; "6 tháng, năm" is one report twice a year) after a duty in its clause
  (a report or a file: "báo cáo", "gửi", "cập nhật", "bàn giao" ...), or opening its
  clause before one ("Định kỳ 6 tháng báo cáo ..."), or setting a quota ("mỗi quý có ít
  nhất 04 tin, bài", "dự ít nhất 02 chi bộ mỗi quý"), or naming a plan made or followed
  each period ("thành kế hoạch công tác hằng tháng", "theo kế hoạch kiểm tra hằng năm").
  "định kỳ" before such a verb without a period is recurring with the period not stated
  ("định kỳ báo cáo ... theo quy định"). "hằng tuần" and "theo / mỗi học kỳ" are recurring
  with no recurrence (the model's cycles are monthly at most), labelled by their clause.
  A time cell that only lists cycles ("6 tháng, năm") needs no "hằng". A clause opened by
  "Định kỳ hằng quý" and a verb is a duty whatever the verb ("Định kỳ hằng quý thông báo
  ..."); a member's dues are one ("đóng đảng phí hằng tháng").
- How often: "01 lần/quý", "6 tháng/lần" recur; several times a period ("ít nhất 02 lần
  trong năm", "mỗi năm 02 lần") is a count, a cycle only when a report is due ("báo cáo
  ... 02 lần/năm") or the clause says "định kỳ". "trước mỗi kỳ nghỉ lễ, Tết", "sau mỗi
  đợt kiểm tra": recurring, no period named.
- A day in a cycle: "(trước) ngày 20 hằng tháng"; "ngày 15 của tháng trước đó / tháng cuối
  quý"; "tuần cuối của tháng thứ 3 trong quý", "tuần cuối quý" (quarterly, no day); "Báo
  cáo tháng gửi trước ngày 20" (a day alone, the clause's report naming the cycle). The
  span a figure covers ("Số liệu tính từ ngày 20 tháng trước ...") is no term.
Relative and open terms are in deadline_relative.py.
"""

from __future__ import annotations

import re

from knowledge.parse.deadline_hits import NOT_AFTER_LETTER, OPT, SP, DeadlineHit, has_duty
from knowledge.vi.dates import clause_start

_ITEM = rf"(?:ca{SP}nam|nua{SP}nam|(?:6|sau){SP}thang|thang|quy|nam|tuan|ngay)(?![\w])"
_ITEMS = rf"{_ITEM}(?:{OPT}(?:,{OPT}(?:va{SP})?|va{SP})(?:(?:hang|moi){SP})?{_ITEM}){{0,4}}"
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
    rf"{NOT_AFTER_LETTER}tuan{SP}(?:cuoi|dau|thu{SP}\d){SP}(?:cua{SP})?(?:thang{SP}"
    rf"(?:thu{SP})?(?:\d|ba|cuoi){SP}(?:trong|cua){SP})?(?:moi{SP})?quy(?![\w])",
    re.IGNORECASE,
)
# "ít nhất 02 chi bộ mỗi quý": a quota before its cycle.
_QUOTA_BEFORE = re.compile(
    rf"(?<![\w])(?:it{SP}nhat|toi{SP}thieu){SP}\d{{1,3}}(?:{SP}[^\W\d_]+){{0,4}}{OPT}$",
    re.IGNORECASE,
)
# "vào ngày làm việc cuối cùng hằng tháng", "ngày đầu tiên của mỗi quý": the day of
# each period the work is done on.
_DAY_OF_CYCLE = re.compile(
    rf"(?<![\w])ngay(?:{SP}lam{SP}viec)?{SP}(?:cuoi(?:{SP}cung)?|dau(?:{SP}tien)?)"
    rf"(?:{SP}cua)?{OPT}$",
    re.IGNORECASE,
)
# "hằng ngày trước 15 giờ", "hằng tuần, chậm nhất 16h00 thứ Sáu": the hour of each day.
_HOUR_NEXT = re.compile(
    rf",?{SP}(?:truoc|cham{SP}nhat|vao{SP}luc|luc|vao){SP}\d{{1,2}}{OPT}(?:gio|h)(?![^\W\d_])",
    re.IGNORECASE,
)
_TIMES_WORD = re.compile(r"(?<![\w])lan\s*$", re.IGNORECASE)
# "Trên cơ sở kết quả đánh giá … định kỳ hằng năm": the cycle of a thing named (flat).
_NAMES_A_THING = re.compile(r"(?<![\w])(?:ket qua|tren co so|can cu)(?![\w])", re.IGNORECASE)
_CLOSING_WORDS = 4  # words after "định kỳ hằng …" still closing its clause ("hoặc đột xuất")
_OPENS_CYCLE = re.compile(rf"dinh{SP}ky{SP}", re.IGNORECASE)
_VERB_NEXT = re.compile(rf"{SP}[^\W\d_]", re.IGNORECASE)
# "kế hoạch công tác hằng tháng", "theo kế hoạch thanh tra, kiểm tra hằng năm": a plan
# made (or followed) for each period is a duty that recurs; "cụ thể hóa bằng ... chương
# trình công tác hàng năm" names a means.
_PLAN_BEFORE = re.compile(
    rf"(?<![\w])(?:thanh|theo|xay{SP}dung|ban{SP}hanh|lap){SP}(?:ke{SP}hoach|chuong{SP}trinh)(?:{OPT},?{OPT}[^\W\d_]+){{0,5}}{OPT}$",
    re.IGNORECASE,
)
# "báo cáo kết quả ... theo học kỳ", "mỗi học kỳ": a school term's cycle, not in the model.
_TERMLY = re.compile(
    rf"{NOT_AFTER_LETTER}(?:theo|hang|moi){SP}hoc{SP}ky(?!{SP}(?:i|ii|1|2)(?![\w]))(?![\w])",
    re.IGNORECASE,
)
# "Số liệu tính từ ngày 20 tháng trước ...": the span a figure covers, not a term.
_COUNT_FROM = re.compile(rf"(?<![\w])tu{OPT}$", re.IGNORECASE)
# "trợ cấp hằng tháng" is how a benefit is paid, not a duty that recurs.
_BENEFIT = re.compile(
    rf"(?<![\w])(?:tro{SP}cap|phu{SP}cap|(?:tien{SP})?luong(?:{SP}huu)?|sinh{SP}hoat{SP}phi"
    rf"|thu{SP}nhap|hoc{SP}bong|thu{SP}lao|chi{SP}tra){SP}$",
    re.IGNORECASE,
)
# "01 lần/quý", "2 lần/năm", "mỗi quý 01 lần", "6 tháng/lần", "3 tháng một lần".
_TIMES_PER = re.compile(
    rf"{NOT_AFTER_LETTER}(?:(?P<n>\d{{1,2}}|mot|hai|ba){SP}lan{OPT}(?:/|trong|moi|mot|tren){OPT}"
    rf"(?P<per>thang|quy|nam)|(?:moi|hang){SP}(?P<each>thang|quy|nam){SP}(?P<n2>\d{{1,2}}|mot|hai)"
    rf"{SP}lan|(?P<months>\d{{1,2}}|ba|sau){SP}thang{OPT}(?:/|mot){OPT}lan)(?![\w])",
    re.IGNORECASE,
)
_ONCE = ("1", "01", "mot")
# "trước mỗi kỳ nghỉ lễ, Tết", "sau mỗi đợt kiểm tra": a duty of each occasion of the
# calendar, no period ("sau mỗi lần thi thử" counts times, as "02 lần/năm" does).
_EACH_OCCASION = re.compile(
    rf"{NOT_AFTER_LETTER}(?:truoc|sau|trong|vao)(?:{SP}khi)?{SP}moi{SP}(?:ky|dot|dip)"
    rf"(?!{SP}(?:i|ii|1|2)(?![\w]))(?:{SP}[^\s\d,;.()]+){{1,3}}",
    re.IGNORECASE,
)
_EACH_PRINTED = re.compile(r"(?<![\w])mỗi(?![\w])", re.IGNORECASE)
# "ít nhất sau 30 ngày kể từ ...", "sau ít nhất 7 ngày": the earliest time, no term.
_PER_CYCLE = {"thang": "monthly", "quy": "quarterly", "nam": "yearly"}
_MONTHS_CYCLE = {"1": "monthly", "3": "quarterly", "ba": "quarterly", "6": "half-yearly"}
_CYCLE_WORDS = frozenset(
    (
        "định",
        "kỳ",
        "hằng",
        "hàng",
        "mỗi",
        "tháng",
        "quý",
        "năm",
        "cả",
        "nửa",
        "sáu",
        "và",
        "tuần",
        "ngày",
    )
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
    if words[-1] in ("tuan", "ngay"):
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
    if _DAY_OF_CYCLE.search(plain, max(start, match.start() - 50), match.start()):
        return True  # "rà soát ... vào ngày làm việc cuối cùng hằng tháng"
    if _HOUR_NEXT.match(plain, match.end()):
        return True  # "... hằng ngày trước 15 giờ"
    named = _NAMES_A_THING.search(plain, start, match.start())
    if _OPENS_CYCLE.match(plain, match.start()) and before.strip(" -+•*,:") and not named:
        # "duy trì sinh hoạt chi bộ định kỳ hằng tháng": "định kỳ" closing the clause says
        # the work recurs; "kết quả đánh giá định kỳ hằng năm là căn cứ …" names a thing.
        rest = re.split(r"[,;.:]", plain[match.end() :], maxsplit=1)[0].split()
        return len(rest) <= _CLOSING_WORDS and "la" not in rest
    reach = max(start, match.start() - 60)
    quota = _QUOTA_BEFORE.search(plain, reach, match.start())
    if quota and not _TIMES_WORD.search(quota.group()):
        return True  # "dự ít nhất 02 chi bộ mỗi quý"; "ít nhất 02 lần mỗi tháng" is how often
    if _opens_with_verb(plain, before, match):
        return True
    if _PLAN_BEFORE.search(plain, reach, match.start()):
        return True
    opening = not before.strip(" -+•*,:") or before.rstrip().endswith(",")
    return opening and has_duty(sentence[match.end() : match.end() + 80])


def _opens_with_verb(plain: str, before: str, match: re.Match[str]) -> bool:
    """ "Định kỳ hằng quý thông báo danh sách ...": the verb right after it is the duty
    ("Định kỳ hằng năm, ban thường vụ ... có trách nhiệm ..." names who, not a duty)."""
    if before.strip(" -+•*,:") or not _OPENS_CYCLE.match(plain, match.start()):
        return False
    return _VERB_NEXT.match(plain, match.end()) is not None


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
        for cycle in _cycles(match.group("list")):
            label = f"Báo cáo {_PERIOD_LABEL[cycle]}" if cycle else ""  # "hằng tuần": its clause
            hits.append(DeadlineHit(None, cycle, year, label, True, "recurring", *span))
    for match in _TERMLY.finditer(plain):
        if bare or _a_duty(sentence, plain, match):
            hits.append(DeadlineHit(None, None, None, "", True, "recurring", *match.span()))
    return hits


def _cycles(listed: str) -> list[str | None]:
    """The cycles a list names; "6 tháng, năm" is one report twice a year (the year's
    report closes the second half), as the labels read "định kỳ 6 tháng, hàng năm"."""
    items = re.split(
        r"\s*,\s*(?:va\s+)?(?:hang\s+|moi\s+)?|\s+va\s+(?:hang\s+|moi\s+)?", listed.strip()
    )
    found = [recurrence_of(item) for item in items]
    if "half-yearly" in found:
        found = [c for c in found if c != "yearly"]
    return list(dict.fromkeys(found))


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
        if _counted(plain, match.start()):
            continue  # "Số liệu tính từ ngày 20 tháng trước đến ngày 19 ..."
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


def _counted(plain: str, pos: int) -> bool:
    """The day opens the span a figure covers ("tính từ ngày 20 tháng trước"), no duty."""
    if _COUNT_FROM.search(plain, max(0, pos - 8), pos) is None:
        return False
    return not has_duty(plain[clause_start(plain, pos, 0) : pos])


def _cycle_named(plain: str) -> str | None:
    """The cycle the sentence names for "ngày 15 của tháng trước đó" (monthly, quarterly)."""
    lower = plain.lower()
    if re.search(r"(?:hang|moi|dinh ky)\s+quy", lower):
        return "quarterly"
    if re.search(r"(?:hang|moi|dinh ky)\s+thang", lower):
        return "monthly"
    return None


def times_per(plain: str) -> list[DeadlineHit]:
    """ "kiểm tra 01 lần/quý", "6 tháng/lần": a duty that recurs, its day not stated."""
    hits: list[DeadlineHit] = []
    for match in _TIMES_PER.finditer(plain):
        if _a_count(plain, match):
            continue
        per = (match.group("per") or match.group("each") or "").lower()
        months = (match.group("months") or "").lower().lstrip("0")
        cycle = _PER_CYCLE.get(per) or _MONTHS_CYCLE.get(months or "x")
        if cycle is None:
            continue
        hits.append(DeadlineHit(None, cycle, None, "", True, "recurring", *match.span()))
    return hits


def _a_count(plain: str, match: re.Match[str]) -> bool:
    """ "ít nhất 02 lần trong năm": how often, not a cycle, unless a report or file is due
    ("báo cáo ... 02 lần/năm") or the clause says "định kỳ"; once a period is a cycle."""
    count = (match.group("n") or match.group("n2") or "").lower()
    if not count or count in _ONCE:
        return False
    before = plain[clause_start(plain, match.start(), 0) : match.start()]
    return not has_duty(before) and "dinh ky" not in before.lower()


def each_occasion(plain: str, sentence: str) -> list[DeadlineHit]:
    """ "nhắc nhở ... trước mỗi kỳ nghỉ lễ, Tết": recurring, with no period to name."""
    hits: list[DeadlineHit] = []
    for match in _EACH_OCCASION.finditer(plain):
        printed = sentence[match.start() : match.end()]
        if printed.isascii() or _EACH_PRINTED.search(printed):
            hits.append(DeadlineHit(None, None, None, "", True, "recurring", *match.span()))
    return hits
