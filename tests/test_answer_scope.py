"""Questions about every document read a bounded few, and answer as reading all would."""

from __future__ import annotations

from datetime import date

import pytest

from knowledge.answer import lookups
from knowledge.answer import scope as answer_scope
from knowledge.answer.ask import answer_question
from knowledge.model import Deadline, Directive, Reference, Section, Task
from knowledge.search.library import Library
from knowledge.search.library_doc import LibraryDoc

TODAY = date(2024, 5, 2)
DOCS = 60
UNITS = ("Ban Tổ chức Đảng ủy", "Ban Tuyên giáo Đảng ủy", "Văn phòng Đảng ủy")


class CountingSource:
    """Directives held in memory, noting which documents are read (storage caches repeats)."""

    def __init__(self) -> None:
        self.directives: dict[int, Directive] = {}
        self.read: set[int] = set()

    @property
    def reads(self) -> int:
        """How many distinct directives were read since the last reset."""
        return len(self.read)

    def reset(self) -> None:
        """Start counting again."""
        self.read = set()

    def load(self, doc_id: int) -> Directive | None:
        """The directive, noted."""
        self.read.add(doc_id)
        return self.directives.get(doc_id)


def _plan(i: int) -> Directive:
    """Plan i: a year from 2014 on, a six-month report (a Q2 window every fifth), a task."""
    year, unit = 2014 + i % 12, UNITS[i % 3]
    due = None if i % 5 == 0 else date(year, 6, 1 + i % 28)
    text = f"Các chi bộ gửi báo cáo 6 tháng năm {year} về {unit}."
    return Directive(
        number=f"{i}-KH/ĐU", number_key=f"{i}-kh/du", doc_type="KH", doc_type_name="Kế hoạch",
        issuer="ĐU", date=date(year, 1, 1 + i % 28), year=year, title=f"Kế hoạch {i} năm {year}",
        sections=[Section("1", "Báo cáo", text), Section("2", unit, f"Rà soát đảng viên {i}.",
                                                         unit=unit)],
        references=[Reference("77-KH/TU", "77-kh/tu", "KH", "TU", date(2014, 1, 5), "implements")],
        tasks=[Task(unit, "2", f"Rà soát đảng viên {i}.")],
        deadlines=[Deadline(text, "1", due, label="Báo cáo 6 tháng",
                            period=None if due else f"{year}-Q2")],
    )  # fmt: skip


@pytest.fixture(scope="module")
def counted() -> tuple[Library, CountingSource]:
    """DOCS plans whose directives are read through a counting source."""
    source = CountingSource()
    docs = []
    for i in range(1, DOCS + 1):
        d = source.directives[i] = _plan(i)
        docs.append(
            LibraryDoc(i, f"kh{i}.txt", d.number, d.number_key, "KH", d.doc_type_name, "ĐU",
                       d.date, d.year, d.title, source=source, references=d.references)
        )  # fmt: skip
    return Library.build(docs), source


QUESTIONS = [
    "hạn nộp báo cáo 6 tháng?",
    "han nop bao cao 6 thang nam 2019",
    "tháng 6/2020 có hạn gì?",
    "tháng 6/2030 có hạn gì?",
    "quý 2/2014 có hạn gì?",
    "Ban Tổ chức phải làm gì?",
    "Văn phòng Đảng ủy phải làm gì?",
    "hạn nộp báo cáo 6 tháng của 77-KH/TU?",
]


@pytest.mark.parametrize("question", QUESTIONS)
def test_reads_are_bounded_and_the_answer_is_the_exhaustive_one(
    counted: tuple[Library, CountingSource], question: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    library, source = counted
    source.reset()
    bounded = answer_question(library, question, TODAY)
    # A few more: the other candidates, and the citing texts that name a cited issuer.
    assert source.reads <= answer_scope.MAX_READ + lookups.MAX_READ
    reads = source.reads
    monkeypatch.setattr(answer_scope, "MAX_READ", 10 * DOCS)  # reads every document it may
    source.reset()
    exhaustive = answer_question(library, question, TODAY)
    assert source.reads >= reads
    assert bounded.found == exhaustive.found
    assert bounded.text.split("\n")[0] == exhaustive.text.split("\n")[0]
    if "tháng 6/" in question or "quý" in question or "phải làm gì" in question:
        assert bounded.text == exhaustive.text  # dated deadlines and units: the same list


def test_a_much_implemented_directive_names_a_few_and_counts_the_rest(
    counted: tuple[Library, CountingSource],
) -> None:
    library, source = counted
    source.reset()
    answer = answer_question(library, "văn bản nào thực hiện 77-KH/TU?", TODAY)
    assert f"và {DOCS - 20} văn bản khác" in answer.text
    assert source.reads <= 3 + 2  # the quoted three, and the directive of a lookup at most
