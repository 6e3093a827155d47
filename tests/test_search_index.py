"""The library index on small synthetic libraries: tokens, BM25, catalogue, bad input."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from knowledge.model import Directive, Reference, Section
from knowledge.search import index_store
from knowledge.search.library import Library
from knowledge.search.library_doc import LibraryDoc
from knowledge.search.tokens import Vocabulary
from knowledge.vi.textnorm import syllables

BAD_INPUT = [
    "",
    "   ",
    "?!.,;:-–—…",
    "😀🎉👍",
    "'; DROP TABLE documents; --",
    "<script>alert(1)</script> **đậm** _nghiêng_ [liên kết](http://x)",
    "kế hoạch " * 1_200,  # about 10,000 characters
    "x" * 10_000,
    "\x00\x01\x02",
]


def ref(number: str, key: str, relation: str = "mentions", when: date | None = None) -> Reference:
    """A citation as the parser reports it."""
    return Reference(number=number, key=key, relation=relation, date=when, title="")


def directive(
    number: str | None,
    key: str | None,
    title: str,
    *sections: str,
    refs: tuple[Reference, ...] = (),
    doc_type: str = "KH",
) -> Directive:
    """A directive with numbered sections holding the given texts."""
    return Directive(
        number=number,
        number_key=key,
        doc_type=doc_type,
        doc_type_name="Kế hoạch",
        issuer="ĐU",
        date=date(2023, 3, 1),
        year=2023,
        title=title,
        sections=[Section(path=str(i), heading="", text=t) for i, t in enumerate(sections, 1)],
        references=list(refs),
    )


def library(*directives: Directive) -> Library:
    """A library of these directives with ids 1, 2, ..."""
    return Library.build(
        [LibraryDoc.from_directive(i, f"doc{i}.txt", d) for i, d in enumerate(directives, 1)]
    )


@pytest.fixture(scope="module")
def small() -> Library:
    """Three documents: two plans and a guide implementing a cited-only plan."""
    return library(
        directive(
            "12-KH/ĐU",
            "12-kh/du",
            "Kế hoạch chuyển đổi số năm 2023",
            "Ứng dụng công nghệ thông tin trong quản lý hồ sơ đảng viên.",
            "Báo cáo kết quả trước ngày 31 tháng 3 năm 2023.",
        ),
        directive(
            "13-KH/ĐU",
            "13-kh/du",
            "Kế hoạch an toàn trường học",
            "Phòng, chống bạo lực học đường trong nhà trường.",
            "Cáo bạch báo chí về an toàn giao thông.",
        ),
        directive(
            "34-HD/ĐU",
            "34-hd/du",
            "Hướng dẫn thực hiện Kế hoạch 89-KH/TU",
            "Ban Tuyên giáo Đảng ủy tổ chức quán triệt Kế hoạch 89-KH/TU.",
            refs=(
                ref("89-KH/TU", "89-kh/tu", "implements", date(2021, 12, 24)),
                ref("12-KH/ĐU", "12-kh/du"),
            ),
            doc_type="HD",
        ),
    )


def test_passage_search_finds_words_without_diacritics(small: Library) -> None:
    hits = small.search("bao luc hoc duong")
    assert hits and hits[0].doc.number == "13-KH/ĐU" and hits[0].path == "1"


def test_syllable_pairs_rank_the_phrase_above_the_same_words_apart(small: Library) -> None:
    hits = small.search("báo cáo", k=2)
    assert [h.doc.number for h in hits] == ["12-KH/ĐU", "13-KH/ĐU"]
    assert hits[0].score > hits[1].score


def test_document_number_in_the_question_restricts_to_that_document(small: Library) -> None:
    hits = small.search("12-KH/ĐU yêu cầu báo cáo gì", k=5)
    assert hits and {h.doc.number for h in hits} == {"12-KH/ĐU"}


def test_doc_ids_restrict_the_search(small: Library) -> None:
    hits = small.search("an toàn", k=10, doc_ids={2})
    assert hits and {h.doc.id for h in hits} == {2}
    assert small.search("học đường", doc_ids={1}) == []


def test_k_limits_and_unknown_words_give_nothing(small: Library) -> None:
    assert len(small.search("kế hoạch", k=1)) == 1
    assert small.search("zzzqqq xyzzy") == []


def test_titles_and_the_text_outside_sections_are_searched() -> None:
    """The header, the basis lines and what follows the signature are rows too."""
    text = (
        "ĐẢNG BỘ SỞ GIÁO DỤC\nSố 21-KH/ĐU\nKẾ HOẠCH\nTổ chức hội thi giáo viên dạy giỏi\n"
        "Căn cứ Chỉ thị số 05-CT/TU của Ban Thường vụ Thành ủy;\n"
        "1. Nội dung\nCác chi bộ đăng ký dự thi.\n"
        "Nơi nhận:\n- Các chi bộ.\nT/M BAN THƯỜNG VỤ\nBÍ THƯ\nLê Văn Tám\n"
        "PHỤ LỤC\nMẫu phiếu đăng ký dự thi của giáo viên vùng cao"
    )
    plan = directive("21-KH/ĐU", "21-kh/du", "Tổ chức hội thi giáo viên dạy giỏi", "x")
    plan.text, plan.sections = (
        text,
        [Section("1", "Nội dung", "1. Nội dung\nCác chi bộ đăng ký dự thi.")],
    )
    lib = library(plan)
    head = lib.search("hội thi giáo viên dạy giỏi", k=1)[0]
    assert (head.path, head.passage.part) == ("", "head")
    tail = lib.search("phiếu đăng ký giáo viên vùng cao", k=1)[0]
    assert tail.passage.part == "tail" and tail.passage.text.startswith("Mẫu phiếu")
    body = lib.search("chi bo dang ky du thi", k=1)[0]
    assert (body.path, body.passage.context) == ("1", "Nội dung")
    assert lib.docs_naming("Lê Văn Tám", ("tail",)) == {1}
    assert lib.docs_naming("Lê Văn Tám") == set()  # not in the header


def test_documents_rank_by_their_best_passage(small: Library) -> None:
    ranked = small.rank_docs("bạo lực học đường an toàn giao thông")
    assert [d.number for d, _ in ranked][:1] == ["13-KH/ĐU"]
    assert small.rank_docs("zzzqqq") == []
    assert [d.id for d, _ in small.rank_docs("báo cáo", doc_ids={2})] == [2]


def test_cited_only_directive_is_a_lookup_result(small: Library) -> None:
    result = small.lookup("89-KH/TU")
    assert result.how == "key" and not result.ambiguous
    match = result.matches[0]
    assert (match.number, match.file, match.ingested) == ("89-KH/TU", None, False)
    assert match.cited_by == [("34-HD/ĐU", "doc3.txt")]
    assert match.date == date(2021, 12, 24)


def test_citation_of_an_ingested_document_attaches_to_it(small: Library) -> None:
    match = small.lookup("12-KH/ĐU").matches[0]
    assert match.ingested and match.file == "doc1.txt"
    assert match.cited_by == [("34-HD/ĐU", "doc3.txt")]


def test_implementing_and_citing(small: Library) -> None:
    assert [d.number for d in small.implementing("89-kh/tu")] == ["34-HD/ĐU"]
    assert small.implementing("12-kh/du") == []  # only mentioned
    assert [d.number for d in small.citing("12-kh/du")] == ["34-HD/ĐU"]


def test_same_number_of_two_years_is_ambiguous() -> None:
    old = ref("89-KH/TU", "89-kh/tu", when=date(2016, 1, 5))
    new = ref("89-KH/TU", "89-kh/tu", when=date(2021, 12, 24))
    lib = library(
        directive(None, None, "Kế hoạch A", "Nội dung.", refs=(old,)),
        directive(None, None, "Kế hoạch B", "Nội dung.", refs=(new,)),
    )
    result = lib.lookup("kh 89")
    assert result.ambiguous
    assert [m.date for m in result.matches] == [date(2021, 12, 24), date(2016, 1, 5)]


def test_doc_and_is_empty(small: Library) -> None:
    doc = small.doc(2)
    assert doc is not None and doc.number == "13-KH/ĐU"
    assert small.doc(99) is None
    assert not small.is_empty and library().is_empty


@pytest.mark.parametrize("text", BAD_INPUT)
def test_bad_input_gives_empty_results_without_error(small: Library, text: str) -> None:
    assert small.lookup(text).matches == [] or text.startswith("kế hoạch")
    small.search(text)  # must not raise
    small.rank_docs(text)


@pytest.mark.parametrize("text", BAD_INPUT)
def test_empty_library_answers_every_input(text: str) -> None:
    empty = library()
    assert empty.lookup(text).matches == []
    assert empty.search(text) == [] and empty.rank_docs(text) == []


class _Rows:
    """A DirectiveSource that counts reads and can lose a row."""

    def __init__(self, directives: dict[int, Directive]) -> None:
        self.directives = directives
        self.reads = 0

    def load(self, doc_id: int) -> Directive | None:
        self.reads += 1
        return self.directives.get(doc_id)


def test_directive_is_read_on_demand_and_a_vanished_row_is_skipped() -> None:
    parsed = directive("5-KH/ĐU", "5-kh/du", "Kế hoạch thi đua", "Phong trào thi đua dạy tốt.")
    rows = _Rows({7: parsed})
    doc = LibraryDoc(
        7,
        "a.txt",
        "5-KH/ĐU",
        "5-kh/du",
        "KH",
        "Kế hoạch",
        "ĐU",
        None,
        2023,
        "Kế hoạch thi đua",
        source=rows,
    )
    from knowledge.search.library_doc import DocInput

    # The rows of a directive without its text: its title, then its sections' lines.
    lib = Library.build_from([DocInput(doc, ["Kế hoạch thi đua", "Phong trào thi đua dạy tốt."])])
    assert rows.reads == 0
    assert lib.search("phong trào dạy tốt")[0].passage.text == "Phong trào thi đua dạy tốt."
    del rows.directives[7]
    assert lib.search("phong trào dạy tốt") == []


_ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxyAĐÊƠƯáàảãạấầẩẫậéèẻẽẹíìỉĩịóòỏõọúùủũụýỳỷỹỵ0123456789"


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet=_ALPHABET + " -/.,;“”–…\n", max_size=60), max_size=5))
def test_fast_tokens_equal_the_reference_fold(texts: list[str]) -> None:
    vocab = Vocabulary()
    flat, counts = vocab.encode_many(texts)
    names = {i: w for w, i in vocab.ids.items()}
    start = 0
    for text, count in zip(texts, counts.tolist(), strict=True):
        assert [names[int(i)] for i in flat[start : start + count]] == syllables(text)
        start += count


def test_fast_tokens_fold_decomposed_text() -> None:
    import unicodedata

    text = unicodedata.normalize("NFD", "Quyết định số 489 của Thành ủy, “Dân vận khéo”")
    vocab = Vocabulary()
    flat, _ = vocab.encode_many([text])
    names = {i: w for w, i in vocab.ids.items()}
    assert [names[int(i)] for i in flat] == syllables(text)


def test_documents_with_deadlines_in_a_period_and_units() -> None:
    from knowledge.model import Deadline, Task

    plan = directive("7-KH/ĐU", "7-kh/du", "Kế hoạch A", "Nội dung.")
    plan.deadlines = [Deadline("trước ngày 31/3/2023", "1", date(2023, 3, 31))]
    plan.tasks = [Task("Ban Tuyên giáo Đảng ủy", "1", "Tổ chức quán triệt.")]
    programme = directive("8-CTr/ĐU", "8-ctr/du", "Chương trình B", "Nội dung.")
    programme.deadlines = [
        Deadline("báo cáo 6 tháng (ngày 10/5)", "1", date(2023, 5, 10), recurrence="yearly")
    ]
    lib = library(plan, programme)
    march = lib.docs_with_deadlines_between(date(2023, 3, 1), date(2023, 3, 31))
    assert [d.number for d in march] == ["7-KH/ĐU", "8-CTr/ĐU"]  # then the recurring one
    exact = lib.docs_with_deadlines_between(date(2023, 5, 1), date(2023, 5, 31), recurring=False)
    assert [d.number for d in exact] == ["8-CTr/ĐU"]
    assert [d.number for d in lib.docs_with_unit("ban tuyen giao")] == ["7-KH/ĐU"]
    assert lib.docs_with_unit("Công đoàn") == [] and lib.docs_with_unit("  ") == []


def test_search_within_the_sections_of_a_unit() -> None:
    plan = directive(
        "9-KH/ĐU",
        "9-kh/du",
        "Kế hoạch C",
        "Chung: tuyên truyền nghị quyết.",
        "Tổ chức quán triệt nghị quyết.",
        "Kiểm tra việc thực hiện.",
    )
    plan.sections[1].unit = "Ban Tuyên giáo Đảng ủy"
    plan.sections[2].unit = "Ủy ban Kiểm tra Đảng ủy"
    lib = library(plan)
    hits = lib.search("ban tuyen giao phai lam gi", unit="ban tuyên giáo")
    assert [h.path for h in hits] == ["2"]
    assert lib.search("nghị quyết", unit="Văn phòng") == []


def test_remap_after_save_keeps_results(small: Library, tmp_path: Path) -> None:
    """A saved library's arrays swapped for their mapped copies answer the same."""
    questions = ["bao cao ket qua", "Kế hoạch thi đua", "ban tuyen giao"]
    before = [[(h.path, h.score) for h in small.search(q)] for q in questions]
    assert any(before)
    found = small.lookup("ke hoach").matches
    index_store.save(small, tmp_path, "k")
    assert not index_store.remap(small, tmp_path, "other")
    assert index_store.remap(small, tmp_path, "k")
    assert isinstance(small.passages.rows, np.memmap)
    after = [[(h.path, h.score) for h in small.search(q)] for q in questions]
    assert after == before
    assert small.lookup("ke hoach").matches == found


def test_words_and_pairs_a_document_holds_are_read_from_the_postings(small: Library) -> None:
    held = small.held_terms(["bao luc", "hoc duong", "chuyen doi", "bao cao", "luc hoc"], 2)
    assert held == {"bao luc", "hoc duong", "luc hoc"}  # "bạo lực học đường", side by side
    assert small.held_terms(["chuyen doi", "cong nghe"], 1) == {"chuyen doi", "cong nghe"}
    assert small.held_terms(["bao luc"], 99) == set()  # no such document


def test_a_pair_weighs_its_own_rarity(small: Library) -> None:
    assert small.pair_idf("bao", "luc") > 0  # one passage holds "bạo lực"
    assert small.pair_idf("luc", "bao") == 0.0  # none holds it the other way round
    assert small.pair_idf("khong", "co") == 0.0  # nor words no document uses
