"""Lookup on the five seed documents, parsed by the real parser (the issue's examples)."""

from __future__ import annotations

import pytest

from knowledge.model import Directive, Reference, Section
from knowledge.parse.directive import parse_text
from knowledge.search.library import Library
from knowledge.search.library_doc import LibraryDoc
from tests.support import SEEDS
from tests.support_answers import library as answers_library

HD34, CTR2024, KH_THU_DUC, CV105, KH118 = (
    "000_f74942306add2ba5.txt",
    "001_24b97a9a8ae84375.txt",
    "002_0c8db8813ae77d4b.txt",
    "003_c3a739d8247e4504.txt",
    "004_0c190002a228be20.txt",
)


@pytest.fixture(scope="module")
def seeds() -> Library:
    """The seed library, ids 1..5 in file order."""
    paths = sorted(SEEDS.glob("*.txt"))
    return Library.build(
        [
            LibraryDoc.from_directive(i, p.name, parse_text(p.read_text(encoding="utf-8"), p.name))
            for i, p in enumerate(paths, 1)
        ]
    )


@pytest.mark.parametrize(
    ("query", "number", "file"),
    [
        ("89-KH/TU", "89-KH/TU", None),
        ("89/KH-TU", "89-KH/TU", None),  # wrong separators
        ("kh 89", "89-KH/TU", None),
        ("ke hoach 89", "89-KH/TU", None),
        ("34-HD/ĐU", "34-HD/ĐU", HD34),
        ("Số 34 -HD/ĐU", "34-HD/ĐU", HD34),
        ("34 hd du", "34-HD/ĐU", HD34),
        ("huong dan 34", "34-HD/ĐU", HD34),
        ("hướng dẫn số 34", "34-HD/ĐU", HD34),
        ("cong van 105", "105-CV/ĐU", CV105),
        ("105 - CV/ĐU", "105-CV/ĐU", CV105),
        ("nghi quyet 118", "118/NQ-HĐND", None),
        ("nghị quyết 98/2023/QH15", "98/2023/QH15", None),
        ("nghị định 30 năm 2020", "30/2020/NĐ-CP", None),
        ("chỉ thị 30", "30-CT/TW", None),
    ],
)
def test_numbers_typed_every_way(seeds: Library, query: str, number: str, file: str | None) -> None:
    result = seeds.lookup(query)
    assert not result.ambiguous, result
    top = result.matches[0]
    assert (top.number, top.file, top.ingested) == (number, file, file is not None)


@pytest.mark.parametrize(
    ("query", "file"),
    [
        ("chương trình dân vận 2024", CTR2024),
        ("chuong trinh cong tac dan van nam 2024", CTR2024),
        ("chuong trinh dan vam 2024", CTR2024),  # misspelt
        ("kế hoạch thủ đức 2023", KH_THU_DUC),
        ("ke hoach dan van chinh quyen thu duc", KH_THU_DUC),
        ("kế hoạch chất vấn hội đồng nhân dân", KH118),
    ],
)
def test_titles_with_or_without_diacritics(seeds: Library, query: str, file: str) -> None:
    result = seeds.lookup(query)
    assert result.how == "title" and not result.ambiguous
    assert result.matches[0].file == file


def test_cited_only_plan_names_who_implements_it(seeds: Library) -> None:
    top = seeds.lookup("kh 89").matches[0]
    assert top.ingested is False and top.file is None and top.doc_id is None
    assert top.cited_by == [("34-HD/ĐU", HD34)]
    assert top.issuer == "TU" and top.date is not None and top.date.isoformat() == "2021-12-24"
    assert [d.file for d in seeds.implementing("89-kh/tu")] == [HD34]


def test_cited_only_resolution_is_cited_by_an_unnumbered_plan(seeds: Library) -> None:
    top = seeds.lookup("nghi quyet 118").matches[0]
    assert top.cited_by == [(None, KH118)]
    assert top.doc_type_name == "Nghị quyết"


@pytest.mark.parametrize(
    ("query", "numbers"),
    [("30", {"30-CT/TW", "30/2020/NĐ-CP"}), ("105", {"105-CV/ĐU", "105/NQ-CP"})],
)
def test_bare_numbers_list_the_candidates(seeds: Library, query: str, numbers: set[str]) -> None:
    result = seeds.lookup(query)
    assert result.ambiguous
    assert {m.number for m in result.matches} == numbers
    assert all(m.doc_type_name and m.issuer for m in result.matches)
    if query == "105":
        assert result.matches[0].ingested  # the one with full text comes first


def test_limit_and_json_shape(seeds: Library) -> None:
    result = seeds.lookup("kế hoạch", limit=2)
    assert len(result.matches) <= 2
    data = seeds.lookup("kh 89").matches[0].to_json()
    assert {"number", "title", "file", "ingested", "cited_by", "score"} <= data.keys()
    assert data["cited_by"] == [{"number": "34-HD/ĐU", "file": HD34}]


def test_nothing_found_is_an_empty_result(seeds: Library) -> None:
    assert seeds.lookup("quyết định 4242").matches == []
    assert seeds.lookup("xyzzy plugh").matches == []


@pytest.fixture(scope="module")
def invented() -> Library:
    """The invented directives of tests/support_answers.py."""
    return answers_library()


def test_a_text_without_a_header_is_found_by_its_words(invented: Library) -> None:
    result = invented.lookup("kế hoạch ngày hội đại đoàn kết xã phú hòa")
    assert result.matches and result.matches[0].file == "kh_mttq_phuhoa.txt"


def test_words_that_fit_nothing_find_nothing(invented: Library) -> None:
    assert invented.lookup("<script>alert(1)</script>").matches == []
    assert invented.lookup("giá vàng sjc hôm nay").matches == []


def test_a_full_text_comes_before_the_directive_it_only_cites(invented: Library) -> None:
    """Title words with the number of a directive the library only cites: the plan
    implementing it is what the member has, so it comes first, the citation after."""
    result = invented.lookup("tổ chức hội thi giáo viên quyết định 1203")
    files = [m.file for m in result.matches]
    assert files[0] in ("kh415_bacninh_hoithi.txt", "kh88_langson_hoithi.txt")
    assert None in files[1:]  # the cited decision is still listed
    bare = invented.lookup("quyết định 1203")
    assert bare.matches[0].file is None and bare.matches[0].number == "1203/QĐ-BGDĐT"


def test_the_place_named_breaks_a_tie_between_equal_numbers() -> None:
    texts = {
        "hn.txt": "ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HÀ NỘI\nSố: 308/KH-UBND\nHà Nội, ngày 17 tháng 11 "
        "năm 2025\nKẾ HOẠCH\nChuyển đổi số\nI. NHIỆM VỤ\n1. Số hóa hồ sơ.",
        "ct.txt": "ỦY BAN NHÂN DÂN\nTHÀNH PHỐ CẦN THƠ\nSố: 308/KH-UBND\nCần Thơ, ngày 17 tháng 11 "
        "năm 2025\nKẾ HOẠCH\nChuyển đổi số\nI. NHIỆM VỤ\n1. Số hóa hồ sơ.",
    }
    docs = [
        LibraryDoc.from_directive(i, name, parse_text(text, name))
        for i, (name, text) in enumerate(texts.items(), 1)
    ]
    library = Library.build(docs)
    assert library.lookup("kh 308").ambiguous
    for query, file in (("kh 308 ubnd ha noi", "hn.txt"), ("kh 308 can tho", "ct.txt")):
        result = library.lookup(query)
        assert result.matches[0].file == file and not result.ambiguous


def test_a_number_printed_only_in_an_annex_caption_finds_its_document() -> None:
    text = (
        "Kính gửi: Các trường cao đẳng trực thuộc\nBộ đề nghị các trường báo cáo tuyển sinh.\n"
        "1. Nội dung\nBáo cáo số liệu tuyển sinh năm 2025.\nPHỤ LỤC\n"
        "(Kèm theo Công văn số 7123/BVHTTDL-ĐT ngày 02/12/2025 của Bộ Văn hóa, Thể thao và Du lịch)"
    )
    library = Library.build([LibraryDoc.from_directive(1, "cv.txt", parse_text(text, "cv.txt"))])
    for query in ("cv 7123 bvhttdl", "công văn 7123"):
        result = library.lookup(query)
        assert [m.file for m in result.matches] == ["cv.txt"], query
    assert library.lookup("công văn 7124").matches == []


def test_a_document_without_its_number_is_found_by_its_file_name() -> None:
    """A reply pasted from its body only ("Kính gửi: …"), saved as the office names its
    files: "cv 5120 ubnd vx" finds it; another number, or a number within a longer one,
    does not."""
    text = (
        "Kính gửi: Các phòng, ban thuộc Ủy ban nhân dân huyện\n"
        "Ủy ban nhân dân huyện đề nghị các phòng, ban tổ chức kiểm điểm tập thể lãnh đạo.\n"
        "1. Thời gian\nHoàn thành trước ngày 20/12/2025.\n"
    )
    name = "CV 5120-UBND-VX kiem diem.txt"
    library = Library.build([LibraryDoc.from_directive(1, name, parse_text(text, name))])
    for query in ("cv 5120 ubnd vx", "công văn 5120"):
        assert [m.file for m in library.lookup(query).matches] == [name], query
    assert library.lookup("công văn 512").matches == []
    assert library.lookup("công văn 51200").matches == []


def test_a_number_in_a_header_the_parser_missed_is_the_documents_own() -> None:
    """The header printed "Số: 986/QĐ-UBND" but was not read: the number, seen as a
    citation of the document by itself, still finds it."""
    directive = Directive(
        title="Kế hoạch thời gian năm học",
        text="ỦY BAN NHÂN DÂN TỈNH TUYÊN QUANG ---- Độc lập - Tự do - Hạnh phúc ----\n"
        "Số: 986/QĐ-UBND\nQUYẾT ĐỊNH\nBan hành kế hoạch thời gian năm học\n"
        "Điều 1. Ban hành kế hoạch.",
        sections=[Section("Điều 1", "Ban hành kế hoạch", "Điều 1. Ban hành kế hoạch.")],
        references=[Reference("986/QĐ-UBND", "986/qd-ubnd", "QĐ", "UBND")],
    )
    library = Library.build([LibraryDoc.from_directive(1, "qd986.txt", directive)])
    result = library.lookup("qd 986 tuyen quang")
    assert result.matches[0].file == "qd986.txt" and result.matches[0].ingested
