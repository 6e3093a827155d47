"""Times a sentence tells rather than sets: past work, results of a period, norms, previews.

- Past work: a clause whose verb is in the past ("các chi bộ đã tổ chức ...", "Chi bộ đã
  lãnh đạo ... sau kỳ nghỉ Tết") and asks nothing ("phải", "đề nghị", "chậm nhất" ...);
  a sentence that opens with the day of the account ("Ngày 12/3/2027, Ban Thường vụ họp
  ...") tells what happened that day: only a marked term ("trước ngày ...") in it is kept.
- The period of results: "đánh giá kết quả công tác quý I", "nghe báo cáo kết quả công tác
  tháng 3" name the period reported on, not a term (a preposition between, "kết quả tại
  Hội nghị quý I", makes the period the meeting's).
- Norms of service or of a person's conduct: "phòng đọc mở cửa ít nhất 03 buổi mỗi
  tuần", "Đối với đảng viên: ... tham gia ít nhất 01 buổi lao động trong năm" (a yearless
  year) are standards, not terms to chase.
- Forecasts: "Theo dự báo ..., từ cuối tháng 12 đến hết tháng 02 ... có khả năng ..." tells
  when the weather may come, not a term, unless the sentence asks something.
- Previews: a date the issuer will confirm later ("Sở sẽ có kế hoạch riêng", "lịch cụ
  thể sẽ thông báo sau") is no term yet; a marked term in the sentence is kept ("thể lệ
  sẽ có văn bản riêng" promises the rules, not the date: the date stands).
Patterns run on flat() text; the past tense is read with its marks ("đã", flat "da" is
also "đa").
"""

from __future__ import annotations

import re

from knowledge.parse.deadline_hits import SP, DeadlineHit
from knowledge.vi.dates import clause_end, clause_start

_PAST = re.compile(
    r"(?<![\w])(?:đã|vừa)(?![\w])(?!\s+(?:được\s+)?(?:giao|phê duyệt|ban hành|đề ra))",
    re.IGNORECASE,
)
_OPENING_TIME = re.compile(r"[ \t]*,")  # "Trong quý I năm 2027, các chi bộ đã ..."
_ASKS = re.compile(
    r"(?<![\w])(?:phải|cần|đề nghị|yêu cầu|chậm nhất|hạn|tiếp tục|sẽ|giao|khẩn trương"
    r"|chỉ đạo|kịp thời)(?![\w])",
    re.IGNORECASE,
)
# "Ngày 12/3/2027, ...", "Sáng ngày 12 tháng 3 năm 2027, ...": the day of an account.
_DATED_ACCOUNT = re.compile(
    rf"^[\s\-+•*]*(?:(?:sang|chieu|toi){SP})?ngay{SP}\d{{1,2}}"
    rf"(?:[/.-]\d{{1,2}}[/.-]\d{{4}}|{SP}thang{SP}\d{{1,2}}{SP}nam{SP}\d{{4}}),",
    re.IGNORECASE,
)
_MARKED = re.compile(r"(?:truoc|cham nhat|han|hoan thanh|xong)(?![\w])", re.IGNORECASE)
# "kết quả công tác xây dựng Đảng quý I": words between, no preposition, then the period.
_RESULTS_OF = re.compile(
    rf"(?<![\w])ket{SP}qua(?:{SP}(?!(?:tai|ve|cho|trong|vao|truoc|den|gui|nop)(?![\w]))"
    rf"[^\W\d_]+){{0,8}}{SP}$",
    re.IGNORECASE,
)
_BARE_PERIOD = re.compile(r"^(?:quy|thang|nam|6 thang|hoc ky)(?![\w])", re.IGNORECASE)
# "mở cửa ít nhất 03 buổi mỗi tuần": the hours a service is open.
_SERVICE = re.compile(
    rf"(?<![\w])(?:mo{SP}cua|phuc{SP}vu|truc)(?:{SP}[^\W\d_]+){{0,3}}{SP}"
    rf"(?:it{SP}nhat|toi{SP}thieu){SP}\d+{SP}[^\W\d_]+{SP}$",
    re.IGNORECASE,
)
_QUOTA = re.compile(rf"(?<![\w])(?:it{SP}nhat|toi{SP}thieu){SP}\d+(?![\d])", re.IGNORECASE)
# "Đối với đảng viên ...", "Mỗi giáo viên ...": a standard for each person.
_PERSONS = (
    r"(?:dang{SP}vien|can{SP}bo|giao{SP}vien|cong{SP}chuc|vien{SP}chuc|nguoi{SP}lao{SP}dong"
    r"|hoc{SP}sinh|doan{SP}vien|hoi{SP}vien|nhan{SP}vien)"
).replace("{SP}", SP)
_FOR_PERSONS = re.compile(
    rf"^[\s\-+•*]*(?:doi{SP}voi{SP}(?:cac{SP}|moi{SP})?|moi{SP}){_PERSONS}(?![\w])", re.IGNORECASE
)
_PREVIEW = re.compile(
    rf"(?<![\w])se{SP}(?:co{SP}ke{SP}hoach{SP}rieng|thong{SP}bao{SP}(?:cu{SP}the{SP})?sau)(?![\w])",
    re.IGNORECASE,
)

# "Theo dự báo của Đài Khí tượng, từ cuối tháng 12 ... có khả năng xuất hiện ...": the
# time of a forecast event, not a term.
_FORECAST = re.compile(
    rf"(?<![\w])(?:theo|du{SP}kien{SP}theo){SP}(?:[^\W\d_]+{SP}){{0,3}}du{SP}bao(?![\w])",
    re.IGNORECASE,
)


def untold(sentence: str, plain: str, hits: list[DeadlineHit]) -> list[DeadlineHit]:
    """The hits whose time is set, not told (past, reported on, a norm, a preview)."""
    if not hits:
        return hits
    whole = _PREVIEW.search(plain) is not None or _DATED_ACCOUNT.match(plain) is not None
    forecast = _forecast_at(sentence, plain)
    return [
        h
        for h in hits
        if _MARKED.match(plain, h.start)
        or not _told(sentence, plain, h, whole or h.start > forecast)
    ]


def _told(sentence: str, plain: str, hit: DeadlineHit, whole: bool) -> bool:
    if whole:
        return True  # "Sở sẽ có kế hoạch riêng", "Ngày 12/3/2027, Ban Thường vụ họp ..."
    return _past(sentence, plain, hit) or _results_of(plain, hit) or _norm(plain, hit)


def _forecast_at(sentence: str, plain: str) -> int:
    """Where a forecast that asks nothing of anyone opens ("Theo dự báo ..., từ cuối tháng
    12 ..."): the times after it are the weather's; past the end when there is none."""
    match = _FORECAST.search(plain)
    if match is None or _ASKS.search(sentence) is not None:
        return len(plain)
    return match.start()


def _past(sentence: str, plain: str, hit: DeadlineHit) -> bool:
    """The hit's clause tells work done ("Chi bộ đã tổ chức ... trong tháng 3", "Trong quý
    I, các chi bộ đã ...") and asks nothing. After the hit, "đã" is the clause's tense only
    when the hit opens it ("Trong quý I,"): "... nộp hồ sơ tại trường đã trúng tuyển" after a
    timetable's window tells which school, not when."""
    start = clause_start(plain, hit.start, 0)
    end = clause_end(plain, hit.end, len(plain))
    opening = _OPENING_TIME.match(plain, hit.end) is not None
    if not _PAST.search(sentence[start : end if opening else hit.start]):
        return False
    return _ASKS.search(sentence[start:end]) is None


def _results_of(plain: str, hit: DeadlineHit) -> bool:
    """ "đánh giá kết quả công tác quý I": the period the results are of."""
    if hit.kind != "window" or not hit.period or not _BARE_PERIOD.match(plain[hit.start :]):
        return False
    return _RESULTS_OF.search(plain, max(0, hit.start - 80), hit.start) is not None


def _norm(plain: str, hit: DeadlineHit) -> bool:
    """A service's hours ("mở cửa ít nhất 03 buổi mỗi tuần") or a person's yearly
    standard ("Đối với đảng viên: ... ít nhất 01 buổi ... trong năm")."""
    if hit.kind in ("recurring", "periodic") and _SERVICE.search(
        plain, max(0, hit.start - 60), hit.start
    ):
        return True
    if plain[hit.start : hit.end].lower() != "trong nam" or not _FOR_PERSONS.match(plain):
        return False
    start = clause_start(plain, hit.start, 0)
    return _QUOTA.search(plain, max(start, hit.start - 80), hit.start) is not None
