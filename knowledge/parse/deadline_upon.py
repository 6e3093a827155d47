"""Terms tied to an occasion rather than a day: unspecified, the phrase kept.

- "báo cáo nhanh ngay khi sự việc xảy ra", "trao tặng sách ngay khi có danh sách":
  at once when something happens;
- "niêm yết công khai danh sách sau khi kết thúc Tháng cao điểm": after an event ends, when
  an action stands before it (deadline_relative reads "sau khi" after a duty to report;
  "sau khi" of rules and procedures, "trước, trong và sau khi", asks nothing);
- "hoàn thành trước khai giảng năm học ...", "kiểm tra các bể bơi trước mùa hè năm 2027",
  "tặng quà ... trước Tết Nguyên đán", "ký cam kết ... trước kỳ nghỉ": before a time of
  the school or calendar year;
- "gửi kết quả ... cùng với báo cáo tổng kết năm": with a periodic report.
Each needs an action or a duty in its clause; a clause that tells the past ("đã báo cáo
ngay khi ..."), a definition ("kinh phí còn lại sau khi kết thúc năm ngân sách") or a
validity ("có hiệu lực ngay khi ký") asks nothing.
"""

from __future__ import annotations

import re

from knowledge.parse.deadline_events import ACTIVITY
from knowledge.parse.deadline_hits import NOT_AFTER_LETTER, SP, DeadlineHit, has_duty
from knowledge.vi.dates import clause_end, clause_start

_WORDS = r"(?:[ \t\u00a0]{1,3}[^\s,;.():]{1,20}){1,10}"  # the occasion, within the clause
_UPON = re.compile(
    rf"{NOT_AFTER_LETTER}(?P<at_once>ngay{SP}khi){_WORDS}"
    rf"|(?<!va )(?<!trong )(?<!, ){NOT_AFTER_LETTER}sau{SP}khi{SP}ket{SP}thuc{_WORDS}"
    rf"|{NOT_AFTER_LETTER}(?:truoc|sau){SP}(?:(?:le|ngay|dip){SP})?(?:khai{SP}giang|be{SP}giang"
    rf"|mua{SP}he)(?![\w])(?:{SP}nam(?:{SP}hoc)?{SP}\d{{4}}(?:{SP}?-{SP}?\d{{4}})?)?"
    # "trước Tết": a duty done by then; "sau Tết" mostly tells a situation ("đi học sau Tết").
    rf"|{NOT_AFTER_LETTER}truoc{SP}(?:(?:dip|ky){SP})?(?:tet(?:{SP}nguyen{SP}dan)?|ky{SP}nghi)(?![\w])"
    rf"|{NOT_AFTER_LETTER}cung{SP}voi{SP}bao{SP}cao{SP}(?:so{SP}ket|tong{SP}ket)"
    rf"(?:{SP}[^\s,;.():]{{1,20}}){{0,3}}",
    re.IGNORECASE,
)
# Actions of a plan besides the duties and events deadline_hits and deadline_events know.
_ACTION = re.compile(
    r"(?<![\w])(?:thong bao|niem yet|cong khai|xu ly|thuc hien|ky cam ket|trao tang|ra soat"
    r"|hoan thanh|cap nhat|dang tai|phoi hop|huong dan)(?![\w])",
    re.IGNORECASE,
)
_PAST = re.compile(r"(?<![\w])(?:đã|vừa|từng)(?![\w])", re.IGNORECASE)
_PAST_FLAT = re.compile(r"(?<![\w])(?:da|vua|tung)(?![\w])", re.IGNORECASE)
_EFFECT = re.compile(rf"co{SP}hieu{SP}luc", re.IGNORECASE)


def upon(plain: str, sentence: str) -> list[DeadlineHit]:
    """Occasions a duty or an action of the clause is tied to: unspecified terms."""
    if _EFFECT.search(plain):
        return []
    hits: list[DeadlineHit] = []
    for match in _UPON.finditer(plain):
        start = clause_start(plain, match.start(), 0)
        if _told_as_past(sentence, plain, start, match.start()):
            continue
        before = plain[start : match.start()]
        after = plain[match.end() : clause_end(plain, match.end(), len(plain))]
        if _acts(sentence[start : match.start()], before) or (
            match.group("at_once") and _acts(after, after)  # "Ngay khi ..., <duty>"
        ):
            hits.append(DeadlineHit(None, None, None, "", True, "relative", *match.span()))
    return hits


def _acts(printed: str, plain: str) -> bool:
    """A duty (as printed), an activity or an action of a plan in the text."""
    return has_duty(printed) or bool(ACTIVITY.search(plain) or _ACTION.search(plain))


def _told_as_past(sentence: str, plain: str, start: int, end: int) -> bool:
    """ "đã báo cáo ngay khi ...": read with marks, since flat "da" is also "đa"."""
    if sentence.isascii():
        return _PAST_FLAT.search(plain, start, end) is not None
    return _PAST.search(sentence, start, end) is not None
