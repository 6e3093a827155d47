"""Property tests: the number and date grammars never raise and stay fast on any text."""

from __future__ import annotations

from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from knowledge.parse.deadlines import find_deadlines
from knowledge.vi.dates import infer_year
from knowledge.vi.docnumbers import find_bare_references, find_numbers, number_key, parse_number
from knowledge.vi.number_query import parse_query
from knowledge.vi.written_dates import find_dates, find_raw_dates, parse_date

_CHARS = "0123456789/-–.,:;() \n\tabcdghiknmnoqrstuvxyĐđàáạảãâấầăắêếềôốồơớưứữìíọộợủụýKHTUQNDCVBGWP"
_WORDS = [
    "Số", "số", "34", "09", "2024", "2021", "10", "5", "-", " - ", "/", "HD", "ĐU", "DU", "KH",
    "TU", "TƯ", "UBND", "NĐ", "CP", "QH15", "CTr", "BCĐTP", "ngày", "tháng", "năm", "quý",
    "trước", "chậm nhất", "hạn chót", "báo cáo", "6 tháng", "hàng", "định kỳ", "và", ",", "(",
    ")", "Kế hoạch", "Quy định", "Thông báo kết luận", "kh", "ke hoach", "II", "IV", " ", "\n",
]  # fmt: skip
_ADVERSARIAL = [
    "1/", "-", "1-", "1 - ", "ngày 1/", "quý 1, ", "hàng tháng, ", "a", "1", "KH-", "1/KH-",
    "1-KH/TU-", "1/2020/", "trước ngày ", "(ngày 10/5) báo cáo ", "1 tháng 2 năm ", "Số 1 ",
    "Kế hoạch số ", "ke hoach 1 ", "A-", "1/A", "1-A/B-C-D", "định kỳ báo cáo ", "1 /", "đ",
]  # fmt: skip

texts = st.one_of(
    st.text(alphabet=_CHARS, max_size=300),
    st.lists(st.sampled_from(_WORDS), max_size=40).map("".join),
    st.lists(st.sampled_from(_WORDS), max_size=40).map(" ".join),
    st.text(max_size=200),
)
adversarial = st.tuples(st.sampled_from(_ADVERSARIAL), st.integers(1000, 10_000)).map(
    lambda pair: (pair[0] * (pair[1] // len(pair[0]) + 1))[: pair[1]]
)
_FAST = settings(
    max_examples=150,
    deadline=timedelta(milliseconds=1000),
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
_LONG = settings(
    max_examples=40,
    deadline=timedelta(milliseconds=2000),
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _check_numbers(text: str) -> None:
    previous_end = 0
    for match in find_numbers(text):
        assert previous_end <= match.start < match.end <= len(text)
        previous_end = match.end
        number = match.number
        assert number.family in ("party", "state", "legal")
        assert number.number.isdigit()
        # The found span parses on its own to the same number (raw may be normalised).
        alone = parse_number(text[match.start : match.end])
        assert alone is not None
        assert (alone.display(), alone.family) == (number.display(), number.family)
        again = parse_number(number.display())
        assert again is not None and number_key(again) == number_key(number)


def _check_query(text: str) -> None:
    query = parse_query(text)
    if query is not None:
        assert query.number.isdigit()
        assert query.number == (query.number.lstrip("0") or "0")
        number = parse_number(text)
        if number is not None:
            assert query.score(number) == 1.0


def _check_dates(text: str) -> None:
    for match in find_dates(text, default_year=2024):
        assert 0 <= match.start < match.end <= len(text)
        assert 1900 <= match.date.year <= 2100
    parse_date(text)
    infer_year(text, fallback=True)


def _check_deadlines(text: str) -> None:
    days = {(raw.day, raw.month) for raw in find_raw_dates(text)}
    for hit in find_deadlines(text, 2024):
        assert hit.kind in ("deadline", "window", "recurring", "periodic")
        assert hit.recurrence in (None, "monthly", "quarterly", "half-yearly", "yearly")
        assert hit.label
        if hit.due is not None:
            assert not hit.unspecified
            # Never invent a day: the due day is written in the text.
            assert (hit.due.day, hit.due.month) in days or f"{hit.due.day}/" in text
        else:
            assert hit.kind != "deadline" or hit.unspecified


@_FAST
@given(texts)
def test_grammars_never_raise(text: str) -> None:
    _check_numbers(text)
    _check_query(text)
    _check_dates(text)
    _check_deadlines(text)
    find_bare_references(text)


@_LONG
@given(adversarial)
def test_grammars_stay_linear_on_hostile_input(text: str) -> None:
    find_numbers(text)
    find_bare_references(text)
    parse_query(text)
    find_dates(text, default_year=2024)
    find_deadlines(text, 2024)
    infer_year(text, fallback=True)


@_FAST
@given(st.integers(1, 99999), st.sampled_from(["KH", "HD", "CTr", "QĐ", "NQ", "CV"]),
       st.sampled_from(["TU", "ĐU", "TW", "BDVTU", "BCĐTP"]))  # fmt: skip
def test_party_numbers_round_trip(num: int, kind: str, issuer: str) -> None:
    for written in (
        f"{num}-{kind}/{issuer}",
        f"Số {num} - {kind}/{issuer}",
        f"{num}/{kind}-{issuer}",
    ):
        number = parse_number(written)
        assert number is not None
        assert (number.number, number.doc_type, number.issuer) == (str(num), kind, issuer)
        assert number.family == "party"
        query = parse_query(f"{kind.lower()} {num}")
        assert query is not None and query.score(number) == 1.0
