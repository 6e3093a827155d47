"""Words that announce a term's day, and what may stand between them and the day.

"trước", "chậm nhất (là)", "muộn nhất", "hạn chót", "hạn cuối", "không quá", "không muộn
hơn", "thời hạn", "hạn nộp / gửi"; "Hạn chót nhận bài dự thi là ..." (the term named, then
its day); "Đến hết ngày 31/12/2026, ..." unless it closes a window ("từ ... đến hết ngày")
or a count ("tính đến hết ngày"). Between marker and day: "đến (hết)", a time of day, a
weekday ("trước 16h00, thứ Sáu, ngày ..."). A marker in a clause about how long a text
holds ("có hiệu lực / có giá trị / được áp dụng đến hết ngày ...") sets no duty.
Patterns run on flat() text.
"""

from __future__ import annotations

import re

from knowledge.parse.deadline_hits import CLOCK, NOT_AFTER_LETTER, OPT, SP, WEEKDAY
from knowledge.vi.dates import clause_start

_MARKER = re.compile(
    rf"{NOT_AFTER_LETTER}(?:truoc|cham{SP}nhat|muon{SP}nhat|han{SP}chot|han{SP}cuoi|khong{SP}qua"
    rf"|khong{SP}(?:muon|tre|cham){SP}hon"
    rf"|thoi{SP}han(?:{SP}cuoi)?|han(?:{SP}(?:nop|gui))?)(?:{SP}(?:la|vao))?[ \t\u00a0:,]{{1,4}}",
    re.IGNORECASE,
)
# "Hạn chót nhận bài dự thi là ...", "Thời hạn nộp hồ sơ: ...": the term named, then its day.
_NAMED_TERM = re.compile(
    rf"{NOT_AFTER_LETTER}(?:han{SP}(?:chot|cuoi|nop|gui)|thoi{SP}han)(?:{SP}[^\W\d_]+){{1,6}}?"
    rf"(?:{SP}la{OPT}:?|{OPT}:)[ \t\u00a0]{{1,3}}",
    re.IGNORECASE,
)
# Between the marker and the day: "chậm nhất đến (hết) ngày", "trước 16h00 (thứ Sáu,) ngày".
_LEAD_IN = re.compile(
    rf"(?:den(?:{SP}het)?{SP})?(?:(?:luc{SP})?{CLOCK}[ \t\u00a0,]{{1,4}})?"
    rf"(?:{WEEKDAY}[ \t\u00a0,]{{1,4}})?",
    re.IGNORECASE,
)
# "Đến hết ngày 31/12/2026, các chi bộ phải ...": the end of a term, unless it closes a
# window ("từ ngày ... đến hết ngày ...", read by ranges) or a count ("tính đến hết ngày").
_UNTIL_END = re.compile(rf"(?<![\w])den{SP}het{SP}(?=ngay{SP}\d)", re.IGNORECASE)
_UNTIL_OPENED = re.compile(r"(?<![\w])(?:tu|tinh)(?![\w])", re.IGNORECASE)
# "có hiệu lực / có giá trị / được áp dụng đến hết ngày ...": how long a text holds, no duty.
_VALIDITY = re.compile(
    rf"(?<![\w])(?:co{SP}(?:hieu{SP}luc|gia{SP}tri)|hieu{SP}luc{SP}thi{SP}hanh|duoc{SP}ap{SP}dung)"
    rf"(?![\w])",
    re.IGNORECASE,
)


def markers(plain: str) -> list[re.Match[str]]:
    """The markers of terms, without those of a text's validity ("có hiệu lực đến hết")."""
    found = [*_MARKER.finditer(plain), *_NAMED_TERM.finditer(plain)]
    found += [m for m in _UNTIL_END.finditer(plain) if not _in_clause(_UNTIL_OPENED, plain, m)]
    if _VALIDITY.search(plain):  # rare: look at each marker's clause only then
        found = [m for m in found if not _in_clause(_VALIDITY, plain, m)]
    return sorted(found, key=_start)


def _in_clause(pattern: re.Pattern[str], plain: str, match: re.Match[str]) -> bool:
    """pattern occurs in the clause before match."""
    return pattern.search(plain, clause_start(plain, match.start(), 0), match.start()) is not None


def lead_in(plain: str, pos: int) -> int:
    """Where the day starts after a marker that ends at pos."""
    return _LEAD_IN.match(plain, pos).end()  # type: ignore[union-attr]


def _start(match: re.Match[str]) -> int:
    return match.start()
