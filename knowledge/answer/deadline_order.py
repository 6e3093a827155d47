"""Which of the candidate deadlines a question means first: within a document, of those
fitting about as well as its best, the cycle asked, then the most precise; across the
documents that fit about as well, those sent to the body asked, then the nearest ahead."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from knowledge.answer.covers import holds_recipient, of_cycle
from knowledge.answer.extract import Spot
from knowledge.answer.targets import DocRef
from knowledge.model import Deadline

CLOSE_FIT = 0.8  # a deadline fitting 80% as well as the best one is as likely meant
# Words that set a deadline or a window, not merely mention a date.
DUE = re.compile(
    r"\btrước ngày|\bchậm nhất|\bhạn (?:chót|nộp|cuối)|\bhoàn thành (?:trước|trong|xong)"
    r"|\btừ ngày \d+.{0,40}\bđến ngày|\bđến (?:hết|ngày)\b|\btrong (?:tháng|quý|năm) \d"
    r"|\btrong thời hạn|\bkể từ ngày",
    re.IGNORECASE,
)


@dataclass
class Candidate:
    """A deadline of a document, or a dated sentence of it, and how well it fits."""

    doc: DocRef
    deadline: Deadline | None
    score: float = 0.0
    spot: Spot | None = None
    shown: str = ""  # the sentence quoted, with the task it times when it only says when
    own: float = 0.0  # the fit of its own clause and label (beside its sentence's others)
    fit: float = 0.0  # how much of the question its sentence holds, nothing else added

    @property
    def text(self) -> str:
        """The sentence that states it."""
        if self.shown:
            return self.shown
        if self.deadline is not None:
            return self.deadline.text
        return self.spot.text if self.spot else ""

    @property
    def path(self) -> str:
        """The section it is in."""
        if self.deadline is not None:
            return self.deadline.section
        return self.spot.path if self.spot else ""


def ordered(
    candidates: list[Candidate],
    today: date | None,
    due: bool,
    cycle: str | None = None,
    to: str = "",
) -> list[Candidate]:
    """The one meant first. Within a document, of the deadlines that fit about as well as
    its best, one of the `cycle` asked ("hằng tháng"), the most precise (a day before a
    month, a month before "định kỳ"), then the better fit. The documents' choices that
    fit about as well as the best one are equals (the plans of several years): those sent
    to the body asked (`to`) first, the nearest ahead first, then the latest past one; of
    an event's day, only those whose sentence holds about as much of the question."""
    top = max(c.score for c in candidates)
    by_doc: dict[int, list[Candidate]] = {}
    for c in sorted(candidates, key=lambda c: -c.score):
        by_doc.setdefault(c.doc.id, []).append(c)
    firsts = []
    for found in by_doc.values():
        close = [c for c in found if c.score >= CLOSE_FIT * found[0].score]
        firsts.append(min(close, key=lambda c: (not _of(cycle, c), precision(c, due), -c.score)))
    equals = [c for c in firsts if c.score >= CLOSE_FIT * top]
    if not due:
        # When an event is: the sentences of equals hold as much of the question; another
        # document's event fitting by its document's words ("tổ chức") comes after.
        most = max(c.fit for c in equals)
        equals = [c for c in equals if c.fit >= CLOSE_FIT * most]
    # A duty sent to another body than the one asked ("gửi Ban Tuyên giáo …") comes after.
    equals.sort(key=lambda c: (not holds_recipient(to, c.text), *when(c, today), -c.score))
    chosen = {id(c) for c in equals}
    return equals + sorted((c for c in candidates if id(c) not in chosen), key=lambda c: -c.score)


def _of(cycle: str | None, c: Candidate) -> bool:
    """Whether a candidate is of the cycle asked (any when none is asked)."""
    if cycle is None:
        return True
    return of_cycle(cycle, c.deadline.recurrence if c.deadline else None, c.text)


# A term tied to an occasion: "trước ngày khai giảng …", "trước Tết", "ngay sau khi …".
_OCCASION = re.compile(
    r"\btrước (?:ngày |kỳ |dịp )?(?:khai giảng|bế giảng|tết|lễ|đại hội|hội nghị|kỳ họp)\b"
    r"|\bngay sau khi\b",
    re.IGNORECASE,
)


def precision(c: Candidate, due: bool) -> int:
    """How precisely a candidate says when: a day 0, a month 1, a quarter 2, a year 3,
    a recurrence without a day 4, nothing but words 5; an occasion's term ("trước ngày
    khai giảng") and a dated sentence setting a day ("trước ngày …") count as a day; one
    only mentioning a date counts as words when a duty's deadline is asked, as a day when
    the question asks when something happens."""
    if c.deadline is None:  # a sentence setting a day ("trước ngày …"), else a mention
        return 0 if not due or DUE.search(c.text) else 5
    d = c.deadline
    if d.due is not None or _OCCASION.search(d.phrase or d.text):
        return 0  # "trước ngày khai giảng năm học …" says when as a day does
    return {"month": 1, "quarter": 2, "year": 3, "recurring": 4}.get(d.value_kind(), 5)


def due_in_year(c: Candidate, year: int) -> bool:
    """Due in that year, or in a period of it ("2024-Q2", "2024"); a sentence naming it."""
    deadline = c.deadline
    if deadline is None:
        return str(year) in c.text
    # "Hội nghị tổng kết công tác năm 2026 … vào tuần thứ hai của tháng 01/2027": the year
    # asked names the work reviewed, which the sentence names too.
    if re.search(rf"\bnăm {year}\b", deadline.text, re.IGNORECASE):
        return True
    if deadline.due is not None:
        return deadline.due.year == year
    return (deadline.period or "").startswith(str(year))


def when(c: Candidate, today: date | None) -> tuple[int, int]:
    """Sort key: upcoming deadlines nearest first, then past ones latest first, undated last
    (a month or a quarter counts by its last day)."""
    due = (c.deadline.due or c.deadline.period_end) if c.deadline is not None else None
    if due is None:
        return (2, 0)
    if today is not None and due >= today:
        return (0, (due - today).days)
    return (1, -due.toordinal())
