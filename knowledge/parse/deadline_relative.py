"""Relative and open terms: "chậm nhất 03 ngày kể từ ...", "báo cáo ngay", "sau khi ...".

Unspecified, the phrase kept: "chậm nhất 03 ngày kể từ ...", "trong (thời hạn) 30 ngày
(làm việc) kể từ ...", "chậm nhất 02 ngày sau khi ...", "ít nhất 60 ngày làm việc trước
...", "báo cáo ngay". A term of legal effect ("có hiệu lực sau 10 ngày kể từ ngày ký") is
no duty. In a time cell "Sau khi ..." needs no duty. A duty tied to an event ("báo cáo
... trước khi tổ chức", "báo cáo ... khi sơ kết năm học", "Ngay sau khi có kết luận, ...
gửi về ...") and a span from a day to an event ("Từ 24/5/2027 đến trước ngày thi") are
relative too. A report of results asked for with no term at all, or a span that ends at
an event, is an open term; a report heard ("Sau khi nghe báo cáo kết quả ...", "họp nghe
... báo cáo kết quả"), one the text is ("Trên đây là báo cáo kết quả ...") or one a cited
document is about ("Thực hiện Công văn số ... về báo cáo kết quả ...") asks for nothing.
An activity tied to a holiday ("trao quà ... trước kỳ nghỉ Tết") is relative; "cũng trong
thời hạn này" is the term said before it (same_terms).
"""

from __future__ import annotations

import re

from knowledge.parse.deadline_events import ACTIVITY
from knowledge.parse.deadline_hits import NOT_AFTER_LETTER, OPT, SP, DeadlineHit, has_duty
from knowledge.vi.dates import clause_end, clause_start

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
_EARLIEST = re.compile(rf"(?:it{SP}nhat|toi{SP}thieu|khong{SP}som{SP}hon){OPT}$", re.IGNORECASE)
# "báo cáo ... sau khi có kết quả": a duty counted from an event, no day given.
# "Sau khi nghe ... báo cáo": a report heard at a meeting, no duty.
_AFTER_EVENT = re.compile(
    rf"{NOT_AFTER_LETTER}(?:ngay{SP})?sau{SP}khi(?!{SP}nghe(?![\w])){_EVENT}", re.IGNORECASE
)
# "trao quà ... trước kỳ nghỉ Tết", "báo cáo ... sau dịp nghỉ lễ": an activity tied to a
# holiday of the calendar ("trước mỗi kỳ nghỉ" recurs: deadline_cycles).
_AT_BREAK = re.compile(
    rf"{NOT_AFTER_LETTER}(?:truoc|sau){SP}(?:(?:ky|dip|dot){SP})?nghi{SP}(?:le|tet|he)(?![\w])"
    rf"(?:{SP}[^\s,;.()]+){{0,2}}",
    re.IGNORECASE,
)
# A time cell that is only "Trước Tết Nguyên đán Đinh Mùi", "Sau Tết": the calendar's day.
_CELL_HOLIDAY = re.compile(
    rf"^[\s\-+•*]*(?:truoc|sau|trong)(?:{SP}(?:ky|dip|dot))?{SP}tet(?![\w])"
    rf"(?:{SP}[^\s\d,;.()]+){{0,4}}(?=[\s.;]*$)",
    re.IGNORECASE,
)
# "cũng trong thời hạn này", "trong thời hạn nêu trên": the term said just before, again.
_SAME_TERM = re.compile(
    rf"{NOT_AFTER_LETTER}(?:(?:cung{SP})?(?:trong|theo){SP}(?:cung{SP})?|cung{SP})thoi{SP}han"
    rf"{SP}(?:nay|tren|neu{SP}tren|noi{SP}tren|da{SP}neu|do)(?![\w])",
    re.IGNORECASE,
)
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
# A line opening with the name of a report, and the words that would send it somewhere.
_NAMED_REPORT = re.compile(
    rf"^[\s\-+•*]*(?:[a-z0-9]{{1,2}}[.)]{OPT})?bao{SP}cao{SP}ket{SP}qua", re.IGNORECASE
)
_SENT = re.compile(r"(?<![\w])(?:gui|nop|trinh|ve|cho|len|den)(?![\w])", re.IGNORECASE)
# "báo cáo ... trước khi tổ chức", "báo cáo ... khi sơ kết năm học": a duty tied to an
# event; "khi" inside "sau khi / kể từ khi / đến khi" is read by the rules above.
# A bare "khi" needs an event of the work's calendar after it ("khi sơ kết năm học", "khi
# có kết luận"): "xem xét khi đánh giá thi đua" says how, "khi cần thiết" on demand.
# "(trước khi ...)" in brackets qualifies a noun.
_MILESTONE = (
    r"(?:so ket|tong ket|ket thuc|hoan thanh|xay ra|phat sinh|co (?:ket qua|ket luan|quyet dinh"
    r"|thong bao|van ban|huong dan|thay doi)|thay doi)(?![\w])"
)
_AT_EVENT = re.compile(
    rf"(?<![\w(])(?<!sau )(?<!tu )(?<!den )(?:truoc{SP}khi|khi(?={SP}{_MILESTONE}))"
    rf"(?:{SP}[^\s,;.():\d]{{1,20}}){{1,10}}",
    re.IGNORECASE,
)
# "Từ 24/5/2027 đến trước ngày thi", "từ ngày 01/3 đến khi kết thúc": the end is an event.
_TO_EVENT = re.compile(
    rf"{NOT_AFTER_LETTER}tu{SP}(?:ngay{SP})?\d{{1,2}}[/.-]\d{{1,2}}(?:[/.-](?:19|20)\d\d)?{SP}"
    rf"den{SP}(?:truoc{SP})?(?:khi|ngay){SP}(?=[^\W\d])[^\s,;.()]+(?:{SP}[^\s,;.()\d]+){{0,6}}",
    re.IGNORECASE,
)
# "phải được trình ngay sau khi nhận", "chuyển ... trong ngày", "trình trong buổi sáng ngày
# làm việc tiếp theo", "gửi về ... theo thời gian Đảng ủy hướng dẫn": the work's own verb
# then a term a human sets (a day of the calendar after "trong ngày" is a day: not here;
# "chương trình", "quy trình", "tờ trình" are things, not the verb "trình").
_HANDLED = (
    r"(?:(?<!chuong )(?<!quy )(?<!to )(?<!lo )(?<!cong )(?<!qua )trinh|chuyen|xu{SP}ly|gui|nop"
    r"|bao{SP}cao|tiep{SP}nhan|phat{SP}hanh|giai{SP}quyet)"
).replace("{SP}", SP)
_PROMPT_TERM = re.compile(
    rf"{NOT_AFTER_LETTER}{_HANDLED}(?:{SP}[^\W\d_]+){{0,10}}?{SP}"
    rf"(?P<term>ngay{SP}sau{SP}khi{_EVENT}"
    rf"|trong{SP}(?:buoi{SP}(?:sang|chieu){SP})?ngay"
    rf"(?:{SP}lam{SP}viec{SP}(?:tiep{SP}theo|ke{SP}tiep))?(?={OPT}(?:[,;.)]|$))"
    rf"|theo{SP}(?:thoi{SP}(?:gian|han)|lich)(?:{SP}[^\W\d_]+){{0,5}}?{SP}"
    rf"(?:huong{SP}dan|quy{SP}dinh|yeu{SP}cau|thong{SP}bao)(?![\w]))",
    re.IGNORECASE,
)
# "Sau khi nghe báo cáo kết quả ...", "Trên đây là báo cáo ...": a report heard or given.
_HEARD = re.compile(r"(?<![\w])nghe(?![\w])", re.IGNORECASE)
_IS_REPORT = re.compile(rf"(?<![\w])la{SP}$", re.IGNORECASE)
_OPENING_REACH = 200  # "Ngay sau khi ..., <subject> ... gửi về ...": the duty of the clause
_AS_COPY = re.compile(rf"(?:de|dinh{SP}ky(?:{SP}tong{SP}hop,?)?){SP}$", re.IGNORECASE)


def relative(plain: str, sentence: str, bare: bool = False) -> list[DeadlineHit]:
    """Terms counted from an event, or open ones: unspecified, the phrase kept. In a time
    value ("Thời gian: Sau khi có hướng dẫn") "sau khi ..." needs no duty beside it."""
    if _EFFECT.search(plain):
        return []
    spans = [m.span() for m in _RELATIVE.finditer(plain) if not _earliest(plain, m)]
    spans += [m.span() for m in _AT_ONCE.finditer(plain)]
    events = _AFTER_EVENT.finditer(plain)
    spans += [m.span() for m in events if bare or _duty_after_event(plain, m)]
    at_event = [m for m in _AT_EVENT.finditer(plain) if _printed_khi(sentence, m)]
    # "báo cáo ngay ... khi có vụ việc": the event tells when the term already said runs.
    said = {clause_start(plain, a, 0) for a, _ in spans}
    at_event = [m for m in at_event if clause_start(plain, m.start(), 0) not in said]
    spans += [m.span() for m in at_event if _duty_before(plain, m.start())]
    spans += [m.span() for m in _TO_EVENT.finditer(plain)]
    if bare:
        spans += [m.span() for m in _CELL_HOLIDAY.finditer(plain)]
    spans += [m.span("term") for m in _PROMPT_TERM.finditer(plain)]
    spans += [m.span() for m in _AT_BREAK.finditer(plain) if _break_held(sentence, plain, m)]
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


def _break_held(sentence: str, plain: str, match: re.Match[str]) -> bool:
    """A holiday ("nghỉ", not "nghị") an activity or a duty of the clause is tied to."""
    if not (sentence.isascii() or "nghỉ" in sentence[match.start() : match.end()].lower()):
        return False
    before = plain[clause_start(plain, match.start(), 0) : match.start()]
    return ACTIVITY.search(before) is not None or _duty_before(plain, match.start())


def _earliest(plain: str, match: re.Match[str]) -> bool:
    """ "ít nhất sau 30 ngày kể từ ...": a wait before acting, not a term to meet."""
    return _EARLIEST.search(plain, max(0, match.start() - 16), match.start()) is not None


def _duty_after_event(plain: str, match: re.Match[str]) -> bool:
    """ "báo cáo ... sau khi có kết quả" (the duty before it, in its clause), or "Sau khi
    kết thúc đợt thi đua, các đơn vị báo cáo ..." (the clause opens with it)."""
    if _duty_before(plain, match.start()):
        return True
    start = clause_start(plain, match.start(), 0)
    opening = not plain[start : match.start()].strip(" -+•*,:")
    end = clause_end(plain, match.end(), match.end() + _OPENING_REACH)
    return opening and has_duty(plain[match.end() : end])


def _printed_khi(sentence: str, match: re.Match[str]) -> bool:
    """Flat text makes "khí thế" look like "khi thế": the word must be printed "khi"."""
    words = sentence[match.start() : match.end()].lower().split()
    return "khi" in words[:2]


def _duty_before(plain: str, pos: int) -> bool:
    """A duty earlier in the clause, not one heard ("họp nghe ... báo cáo")."""
    before = plain[clause_start(plain, pos, 0) : pos]
    return has_duty(before) and not _HEARD.search(before)


def open_terms(plain: str) -> list[DeadlineHit]:
    """A report of results asked for without a term, or a span that ends at an event."""
    hits: list[DeadlineHit] = []
    for match in _OPEN_TERM.finditer(plain):
        if _AS_COPY.search(plain, max(0, match.start() - 24), match.start()):
            continue  # "(để báo cáo)" on a copy; "định kỳ báo cáo" is a cycle
        if _not_asked(plain, match.start()) or _report_named(plain, match.start()):
            continue
        end = clause_end(plain, match.end(), len(plain))
        end = len(plain[:end].rstrip(" ./"))  # "... kết quả thực hiện./" ends at its words
        hits.append(DeadlineHit(None, None, None, "", True, "relative", match.start(), end))
    return hits[:1]


def _report_named(plain: str, pos: int) -> bool:
    """A line that only names a report ("- Báo cáo kết quả thực hiện nhiệm vụ năm 2026."),
    an item of a meeting's contents: no one to send it to, nothing to do with it."""
    opening = _NAMED_REPORT.match(plain)
    if opening is None or opening.end() <= pos:
        return False
    return _SENT.search(plain, pos) is None


def _not_asked(plain: str, pos: int) -> bool:
    """A report heard ("Sau khi nghe báo cáo ...") or given ("Trên đây là báo cáo ...")."""
    before = plain[clause_start(plain, pos, 0) : pos]
    return _HEARD.search(before) is not None or _IS_REPORT.search(before) is not None


def same_terms(plain: str) -> list[DeadlineHit]:
    """ "gửi văn bản ... cũng trong thời hạn này": the term of the passage said before; kind
    "same" until deadlines or the passage's reader gives it that term's due."""
    return [
        DeadlineHit(None, None, None, "", True, "same", *m.span())
        for m in _SAME_TERM.finditer(plain)
    ]
