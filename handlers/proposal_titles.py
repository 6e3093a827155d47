"""A short task title (what) and its doer (who) from the sentence a deadline was found in.

Directives state a duty in one long sentence: "Căn cứ Kế hoạch này, Thủ trưởng các đơn vị
xây dựng kế hoạch ... và gửi về Văn phòng Đảng ủy trước ngày 30/11/2025." The office reads
a list of such proposals, so each gets "Xây dựng kế hoạch ..." with "Thủ trưởng các đơn vị"
as the doer; the deadline words themselves are shown apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from handlers.deadline_texts import short
from knowledge.vi.textnorm import fold, normalize

TITLE_CHARS = 70  # a list line stays on one or two phone lines

# Framing clauses before the duty: "Căn cứ Kế hoạch này,", "Để triển khai hiệu quả ...,".
_FRAMING = re.compile(
    r"^(can cu|tren co so|de(?! nghi| xuat)|nham|theo(?! doi)|sau khi|dong thoi|ngoai ra"
    r"|trong do|tiep theo"
    r"|(thuc hien|trien khai|quan triet) (ke hoach|huong dan|cong van|chi thi|nghi quyet"
    r"|quyet dinh|chuong trinh|thong bao|ket luan|van ban|y kien|chi dao|so)\b)\b[^,]*,\s*"
)
_CADENCE = re.compile(r"^(dinh ky|hang thang|hang quy|hang nam)\s+")
# A time label heading the duty: "Quý IV năm 2026: chuyển đổi số …", "Tháng 12/2025: …".
_WHEN_LABEL = re.compile(r"^(quy|thang|nam|tuan|dot|giai doan)\b[^:]{0,24}:\s*")
# Unit names that contain a duty verb: "Ủy ban Kiểm tra", "Ban Tổ chức", "Ban Chỉ đạo".
_UNIT_BEFORE = ("ban ", "uy ban ")
_NUMBERING = re.compile(r"^\s*(?:[-+•*–]|\(?[0-9a-zđ]{1,3}[.)]|[IVX]{1,4}\.)\s+", re.I)
# Words that open the duty itself; the words before them name who does it.
_VERBS = (
    "bao cao", "gui", "nop", "xay dung", "to chuc", "trien khai", "thuc hien", "hoan thanh",
    "ra soat", "tong hop", "dang ky", "chi dao", "tham muu", "phoi hop", "kiem tra", "danh gia",
    "lap", "ban hanh", "cap nhat", "chuan bi", "quan triet", "tuyen truyen", "huong dan",
    "de xuat", "tien hanh", "thanh lap", "pho bien", "so ket", "tong ket", "trinh", "bo sung",
    "xem xet", "tham dinh", "cong khai", "gioi thieu", "lua chon", "cu", "rut kinh nghiem",
    "ky cam ket", "hoc tap", "nghien cuu", "thong ke", "dieu chinh", "chu tri",
)  # fmt: skip
_VERB = re.compile(r"\b(" + "|".join(_VERBS) + r")\b")
# Who can open a sentence: units, leaders, the branches.
_DOERS = re.compile(
    r"^(de nghi |yeu cau |giao )?(thu truong|cac |cap uy|bi thu|van phong|ban |uy ban|dang uy"
    r"|chi bo|dang bo|cong doan|doan |lanh dao|dong chi|hieu truong|giam doc|phong |to )"
)
_ASKING = re.compile(r"^(de nghi|yeu cau|giao)\s+", re.I)
# Where the duty ends and the deadline words begin.
_TAIL = re.compile(
    r"(;|\s+gửi về|\s+gửi các|\s+về (Văn phòng|Ban|Đảng ủy|Ủy ban)|,?\s+(trước|chậm nhất|"
    r"hạn chót|hạn cuối|xong trước|hoàn thành trước|vào|trong)\s+(ngày|tháng|quý|năm|thời)|"
    r",?\s+thời (gian|hạn)|\s*\((ngày|trước|hạn|chậm)|,?\s+(hằng|hàng|định kỳ)\s).*$",
    re.S | re.I,
)
_DANGLING = re.compile(r"[\s,]+(và|rồi|để|đồng thời|kèm theo|gửi|nộp|hoàn thành|xong)$", re.I)
_DATE = re.compile(r"\d{1,2}\s*[/-]\s*\d{1,2}|ngày \d|tháng \d|quý [IV1-4]|hạn", re.I)


@dataclass(frozen=True)
class TaskName:
    """What is to be done, and who is to do it ("" when the sentence does not say)."""

    title: str
    who: str


def task_name(sentence: str, label: str = "", unit: str | None = None) -> TaskName:
    """The short title and the doer of the duty a deadline sentence states."""
    clause = _duty_clause(normalize(" ".join(sentence.split())))
    clause = _strip_framing(clause)
    who, what = _split_doer(clause)
    what = _TAIL.sub("", what).strip(" .,:;-–")
    what = _DANGLING.sub("", what)
    if len(what.split()) < 2:  # "Gửi về Văn phòng trước ngày …" leaves a bare verb
        what = label or what or clause
    title = what[0].upper() + what[1:] if what else ""
    if unit and who and fold(unit) in fold(who):  # the parser's "Ủy ban" is "Ủy ban Kiểm tra …"
        unit = who
    return TaskName(short_title(title), unit or who)


def short_title(text: str, limit: int = TITLE_CHARS) -> str:
    """A title cut on a word boundary, with an ellipsis when cut."""
    return short(text, limit)


def _duty_clause(text: str) -> str:
    """The sentence of a paragraph that carries the deadline (the first, when none does)."""
    sentences = [s for s in re.split(r"(?<=[.;!])\s+|\n+", text) if s.strip()]
    dated = [s for s in sentences if _DATE.search(s)]
    return (dated or sentences or [text])[0]


def _strip_framing(text: str) -> str:
    """Drop numbering and "Căn cứ ...," style openings (folding keeps character positions)."""
    text = _NUMBERING.sub("", text)
    for _ in range(3):  # "Căn cứ ..., để ..., các chi bộ ..."
        match = _FRAMING.match(fold(text))
        if match is None or match.end() >= len(text):
            break
        text = text[match.end() :]
    for pattern in (_WHEN_LABEL, _CADENCE):  # both are shown apart, with the date
        match = pattern.match(fold(text))
        text = text[match.end() :] if match and match.end() < len(text) else text
    return text


def _split_doer(text: str) -> tuple[str, str]:
    """(who, what): the words before the first duty verb, when they name a doer."""
    folded = fold(text)
    match = next(
        (m for m in _VERB.finditer(folded) if not folded[: m.start()].endswith(_UNIT_BEFORE)),
        None,
    )
    if match is None or match.start() == 0 or not _DOERS.match(folded):
        return "", _drop_asking(text)
    who = _drop_asking(text[: match.start()]).strip(" ,:")
    who = re.sub(r",?\s+(đảng bộ cơ sở|đảng bộ bộ phận)$", "", who, flags=re.I)
    who = re.sub(r"\s+(có trách nhiệm|chịu trách nhiệm|khẩn trương|tiếp tục|chủ động)$", "", who)
    return (who[0].upper() + who[1:]) if who else "", text[match.start() :]


def _drop_asking(text: str) -> str:
    """Without a leading "Đề nghị", "Yêu cầu" or "Giao"."""
    match = _ASKING.match(fold(text))
    return text[match.end() :] if match else text
