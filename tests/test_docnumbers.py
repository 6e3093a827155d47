"""Document numbers: parsing each family, finding them in text, and what users type."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest

from knowledge.model import DocNumber
from knowledge.vi.docnumbers import find_bare_references, find_numbers, number_key, parse_number
from knowledge.vi.doctypes import TYPE_NAMES, type_from_name, type_name
from knowledge.vi.number_query import NumberQuery, parse_query
from tests.support import SEEDS


@pytest.mark.parametrize(
    ("text", "display", "family"),
    [
        ("34 -HD/ĐU", "34-HD/ĐU", "party"),
        ("Số 34 -HD/ĐU", "34-HD/ĐU", "party"),
        ("Số: 34-HD/ĐU", "34-HD/ĐU", "party"),
        ("Số:34-HD/ĐU", "34-HD/ĐU", "party"),
        ("số34-HĐ/ĐU", "34-HD/ĐU", "party"),
        ("105 - CV/ĐU", "105-CV/ĐU", "party"),
        ("89/KH-TU", "89-KH/TU", "party"),
        ("5056/KH-UBND", "5056/KH-UBND", "state"),
        ("Số: 210/KH-UBND", "210/KH-UBND", "state"),
        ("123/UBND-VX", "123/UBND-VX", "state"),
        ("30/2020/NĐ-CP", "30/2020/NĐ-CP", "legal"),
        ("11/2020/TT-BGDĐT", "11/2020/TT-BGDĐT", "legal"),
        ("09-CTr/BCĐTP", "09-CTr/BCĐTP", "party"),
        ("34-HD/DU", "34-HD/ĐU", "party"),
        ("34-hd/du", "34-HD/ĐU", "party"),
        ("1847/QĐ-TTg", "1847/QĐ-TTg", "state"),
        ("1847/QD-TTG", "1847/QĐ-TTg", "state"),
        ("118/NQ-HĐND", "118/NQ-HĐND", "state"),
        ("118/NQ-HDND", "118/NQ-HĐND", "state"),
        ("160-TB/TƯ", "160-TB/TW", "party"),
        ("489-QĐ/TU", "489-QĐ/TU", "party"),
        ("489 – QĐ / TU", "489-QĐ/TU", "party"),
        ("5056-KH/UBND", "5056/KH-UBND", "state"),
        ("Công văn số 2345/BGDĐT-GDTrH", "2345/BGDĐT-GDTrH", "state"),
        ("01/2015/TTLT-BGDĐT-BNV", "01/2015/TTLT-BGDĐT-BNV", "legal"),
        ("Luật số 43/2019/QH14", "43/2019/QH14", "legal"),
        ("12/2021/QĐ-UBND", "12/2021/QĐ-UBND", "legal"),
        ("Số 12/HD-BTGTU", "12-HD/BTGTU", "party"),
    ],
)
def test_parse_number_families_and_messy_forms(text: str, display: str, family: str) -> None:
    number = parse_number(text)
    assert number is not None
    assert number.display() == display
    assert number.family == family


def test_parse_number_parts() -> None:
    assert parse_number("Số 34 -HD/ĐU") == DocNumber("34 -HD/ĐU", "34", "HD", "ĐU")
    legal = parse_number("30/2020/NĐ-CP")
    assert legal is not None
    assert (legal.number, legal.doc_type, legal.issuer, legal.year) == ("30", "NĐ", "CP", 2020)
    cong_van = parse_number("123/UBND-VX")
    assert cong_van is not None
    assert (cong_van.doc_type, cong_van.issuer) == ("", "UBND-VX")


def test_national_assembly_number_has_issuer_and_year_but_no_type() -> None:
    number = parse_number("57/2022/QH15")
    assert number is not None
    assert (number.number, number.doc_type, number.issuer, number.year) == ("57", "", "QH15", 2022)
    assert number.family == "legal"


def test_keys_ignore_case_marks_and_leading_zeros() -> None:
    numbers = [parse_number(t) for t in ("34-HD/ĐU", "34 -hd/du", "034-HD/DU", "34/HD-ĐU")]
    keys = {number_key(n) for n in numbers}  # type: ignore[arg-type]
    assert keys == {"34-hd/du"}


@pytest.mark.parametrize(
    "text",
    [
        "24/12/2021",
        "ngày 24 tháng 12 năm 2021",
        "(30/4/1975 - 30/4/2025)",
        "giai đoạn 2021-2030",
        "2022 - 2027",
        "COVID-19",
        "Tel: 0903939550",
        "email: ttdung.tpthuduc@tphcm.gov.vn",
        "quý 2, 3/2024",
        "kinh tế - xã hội",
        "Trường TH-THCS Tân Trung",
        "NTPhuong.02",
        "lớp 10-a/b",
        "lớp 10-A/B",
        "",
    ],
)
def test_no_false_numbers(text: str) -> None:
    assert find_numbers(text) == []
    assert parse_number(text) is None


def test_find_numbers_spans_type_words_and_dates() -> None:
    text = "theo Chỉ thị 33/CT-TTg ngày 26 tháng 11 năm 2021 và Quy định 1043-QĐ/TU ngày 21/9/2004"
    found = find_numbers(text)
    assert [text[m.start : m.end] for m in found] == ["33/CT-TTg", "1043-QĐ/TU"]
    assert [m.type_word for m in found] == ["Chỉ thị", "Quy định"]
    assert [m.word_type for m in found] == ["CT", "QĐ"]
    assert [m.issued for m in found] == [date(2021, 11, 26), date(2004, 9, 21)]
    first = found[0]
    assert first.word_start is not None and text[first.word_start :].startswith("Chỉ thị 33")


def test_type_word_with_so_and_comma_date() -> None:
    text = "tiếp tục thực hiện Nghị quyết số 25-NQ/TW, ngày 03/6/2013 của Ban Chấp hành"
    (match,) = find_numbers(text)
    assert match.type_word == "Nghị quyết"
    assert match.issued == date(2013, 6, 3)
    assert match.number.display() == "25-NQ/TW"


def test_long_type_word_wins() -> None:
    text = "thực hiện Thông báo kết luận số 160-TB/TW ngày 15 tháng 01 năm 2020"
    (match,) = find_numbers(text)
    assert match.type_word == "Thông báo kết luận"
    assert match.word_type == "TB"


# Every number in each seed, in order, as printed canonically (built by reading the seeds).
SEED_NUMBERS: dict[str, list[str]] = {
    "000": ["34-HD/ĐU", "89-KH/TU", "10-HD/BDVTU", "89-KH/TU", "84/KH-UBND", "89-KH/TU",
            "33/CT-TTg", "04/CT-UBND", "246/KH-UBND", "11/NQ-CP", "128/NQ-CP", "38-KH/ĐU",
            "89-KH/TU"],
    "001": ["09-CTr/BCĐTP", "98/2023/QH15", "25-NQ/TW", "102-KL/TW", "158-TB/TW", "102-KL/TW",
            "30-CT/TW", "1043-QĐ/TU", "37-CT/TW", "1374-QĐ/TU", "01-KL/TW", "05-CT/TW",
            "205-QĐ/TW"],
    "002": ["210/KH-UBND", "14-KL/TW", "124-KH/TU", "3815/KH-UBND", "57/2022/QH15", "105/NQ-CP",
            "57/2022/QH15", "18-CT/TU", "1847/QĐ-TTg", "11/2020/TT-BGDĐT", "30/2020/NĐ-CP",
            "1451/QĐ-UBND"],
    "003": ["105-CV/ĐU", "160-TB/TW", "62-KL/TW", "153-CV/TU", "160-TB/TW", "62-KL/TW",
            "160-TB/TW", "62-KL/TW", "489-QĐ/TU", "935-QĐ/TU", "936-QĐ/TU", "994-QĐ/TU",
            "160-TB/TW", "62-KL/TW"],
    "004": ["118/NQ-HĐND", "118/NQ-HĐND", "5056/KH-UBND", "118/NQ-HĐND", "118/NQ-HĐND",
            "60/2021/NĐ-CP"],
}  # fmt: skip


def _seed(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("prefix", sorted(SEED_NUMBERS))
def test_every_number_in_each_seed(prefix: str) -> None:
    text = _seed(prefix)
    found = find_numbers(text)
    assert [m.number.display() for m in found] == SEED_NUMBERS[prefix]
    for match in found:
        assert parse_number(text[match.start : match.end]) == match.number


def test_seed_reference_dates_and_words() -> None:
    found = find_numbers(_seed("003"))
    decisions = [(m.number.display(), m.type_word, m.issued) for m in found if m.word_type == "QĐ"]
    assert decisions[1] == ("935-QĐ/TU", "Quyết định", date(2017, 4, 28))
    assert decisions[3] == ("994-QĐ/TU", "Quyết định", date(2017, 5, 25))


def test_seeds_have_no_bare_references() -> None:
    for prefix in SEED_NUMBERS:
        assert find_bare_references(_seed(prefix)) == []


def test_bare_references() -> None:
    text = (
        "Căn cứ Kế hoạch số 210 của Ủy ban và Nghị định 30 năm 2020; "
        "kế hoạch 5 năm; Quyết định số 935-QĐ/TU"
    )
    found = find_bare_references(text)
    assert [(b.number, b.doc_type, b.year) for b in found] == [
        ("210", "KH", None),
        ("30", "NĐ", 2020),
    ]
    assert [b.type_word for b in found] == ["Kế hoạch", "Nghị định"]
    assert find_bare_references("Kết luận số 01-KL/TW của Bộ Chính trị") == []
    assert find_bare_references("Kế hoạch 2024 của chi bộ") == []
    assert [b.number for b in find_bare_references("Kế hoạch số 2024 của chi bộ")] == ["2024"]
    assert find_bare_references("Kế hoạch số 89-KH/TU của Ban Thường vụ Thành ủy") == []


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("kế hoạch", "KH"),
        ("ke hoach", "KH"),
        ("KẾ HOẠCH", "KH"),
        ("Thông báo kết luận", "TB"),
        ("thông báo", "TB"),
        ("quy định", "QĐ"),
        ("Quyết định", "QĐ"),
        ("CHƯƠNG TRÌNH CÔNG TÁC DÂN VẬN NĂM 2024", "CTr"),
        ("hướng dẫn", "HD"),
        ("Nghị định", "NĐ"),
        ("thông tư liên tịch", "TTLT"),
        ("công văn", "CV"),
        ("chào bạn", None),
        ("", None),
    ],
)
def test_type_from_name(text: str, code: str | None) -> None:
    assert type_from_name(text) == code


def test_type_names() -> None:
    for code in ("KH", "HD", "CTr", "CV", "NQ", "QĐ", "CT", "KL", "TB", "TT", "NĐ"):
        assert type_from_name(TYPE_NAMES[code]) == code
    assert type_name("TT", "party") == "Thông tri"
    assert type_name("TT", "legal") == "Thông tư"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("kh 89", NumberQuery("89", "KH")),
        ("KH89", NumberQuery("89", "KH")),
        ("ke hoach 89 tu", NumberQuery("89", "KH", "TU")),
        ("kế hoạch 89", NumberQuery("89", "KH")),
        ("34 hd du", NumberQuery("34", "HD", "ĐU")),
        ("huong dan 34", NumberQuery("34", "HD")),
        ("cong van 105", NumberQuery("105", "CV")),
        ("nghi quyet 118", NumberQuery("118", "NQ")),
        ("QD 935", NumberQuery("935", "QĐ")),
        ("nghị định 30 năm 2020", NumberQuery("30", "NĐ", year=2020)),
        ("34/HD-DU", NumberQuery("34", "HD", "ĐU")),
        ("89-KH/TU", NumberQuery("89", "KH", "TU")),
        ("chỉ thị 33", NumberQuery("33", "CT")),
        ("30/2020/NĐ-CP", NumberQuery("30", "NĐ", "CP", 2020)),
        ("số 09", NumberQuery("9")),
        ("kế hoạch 89 của thành ủy", NumberQuery("89", "KH", "TU")),
        ("Kế hoạch 89 yêu cầu gì?", NumberQuery("89", "KH")),
        ("kh tu 89", NumberQuery("89", "KH", "TU")),
        ("30/2020", NumberQuery("30", year=2020)),
        ("nghị quyết 57/2022", NumberQuery("57", "NQ", year=2022)),
        ("han nop bao cao 6 thang cua ke hoach 89?", NumberQuery("89", "KH")),
    ],
)
def test_parse_query(text: str, expected: NumberQuery) -> None:
    assert parse_query(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Ban Tuyên giáo phải làm gì?",
        "han nop bao cao 6 thang?",
        "báo cáo quý 2",
        "kế hoạch 5 năm",
        "",
    ],
)
def test_parse_query_none_for_plain_questions(text: str) -> None:
    assert parse_query(text) is None


def test_query_score() -> None:
    kh89 = DocNumber("89-KH/TU", "89", "KH", "TU")
    assert NumberQuery("89", "KH").score(kh89) == 1.0
    assert NumberQuery("89", "KH", "TU").score(kh89) == 1.0
    assert NumberQuery("89", "HD").score(kh89) == 0.0
    assert NumberQuery("89", "KH", "ĐU").score(kh89) == 0.0
    assert NumberQuery("90", "KH").score(kh89) == 0.0
    assert NumberQuery("89").score(kh89) == 1.0
    dated = NumberQuery("89", "KH", year=2021)
    assert dated.score(kh89, 2021) == 1.0
    assert 0 < dated.score(kh89, 2019) < dated.score(kh89) < 1.0


def test_query_score_legal_and_cong_van() -> None:
    decree = parse_number("30/2020/NĐ-CP")
    assert decree is not None
    assert NumberQuery("30", "NĐ", year=2020).score(decree) == 1.0
    assert NumberQuery("30", "NĐ", year=2021).score(decree) == 0.0
    resolution = parse_number("57/2022/QH15")
    assert resolution is not None
    assert NumberQuery("57", issuer="QH").score(resolution) == 1.0
    cong_van = parse_number("123/UBND-VX")
    assert cong_van is not None
    assert NumberQuery("123", "CV", "UBND").score(cong_van) == 1.0
    assert NumberQuery("9", "CTr").score(parse_number("09-CTr/BCĐTP")) == 1.0  # type: ignore[arg-type]


def test_decomposed_input_is_read_like_composed() -> None:
    decomposed = unicodedata.normalize("NFD", "Kế hoạch số 89-KH/TƯ")
    number = parse_number(decomposed)
    assert number is not None and number.display() == "89-KH/TW"
    assert parse_query(unicodedata.normalize("NFD", "kế hoạch 89")) == NumberQuery("89", "KH")


def test_a_date_question_after_a_number_is_still_a_number_query() -> None:
    query = parse_query("kế hoạch 89 ngày nào?")
    assert query is not None and (query.number, query.doc_type) == ("89", "KH")
    assert parse_query("kế hoạch 5 ngày") is None  # a quantity, not plan number 5
