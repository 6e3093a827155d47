"""Reading and parsing run in a child process: an overrun costs a refusal, never the bot."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from handlers.ingest_worker import (
    CRASHED,
    Budget,
    Job,
    ParseFailed,
    ParseWorker,
    memory_message,
    timeout_message,
)
from knowledge.model import Directive
from knowledge.parse.directive import parse_text
from knowledge.parse.limits import Limits
from knowledge.parse.readers import ReadError

TEXT = "Số 34-HD/ĐU\nHƯỚNG DẪN\nCác chi bộ báo cáo trước ngày 10/5/2024.\n".encode()
BUDGET = Budget(seconds=30, memory_mb=1024)


# The parsers below run in the child, which imports them by name: module level only.
def whoami(text: str, file_name: str = "") -> Directive:
    """Says which process parsed."""
    return Directive(title=str(os.getpid()), text=text)


def spin(text: str, file_name: str = "") -> Directive:
    """Never returns (a pathological input meeting a slow rule)."""
    while True:
        pass


def hog(text: str, file_name: str = "") -> Directive:
    """Asks for far more memory than the budget."""
    return Directive(text=str(len(bytearray(4 * 1024**3))))


def die(text: str, file_name: str = "") -> Directive:
    """The process vanishes (a crash in a C extension)."""
    os._exit(3)


def buggy(text: str, file_name: str = "") -> Directive:
    """A parser bug."""
    raise ValueError("bug")


@pytest.fixture(scope="module")
def worker() -> Iterator[ParseWorker]:
    """One worker for the module, as the app has one."""
    made = ParseWorker()
    yield made
    made.close()


def job(parse: object, name: str = "34-HD.txt") -> Job:
    """A job for the small directive above."""
    return Job(name, TEXT, None, Limits(), parse)  # type: ignore[arg-type]


def test_the_real_parser_runs_in_one_reused_child(worker: ParseWorker) -> None:
    parsed = worker(job(parse_text), BUDGET)
    assert parsed.directive.number == "34-HD/ĐU"
    assert parsed.result.format == "txt"
    first = worker(job(whoami), BUDGET).directive.title
    assert first != str(os.getpid())
    assert worker(job(whoami), BUDGET).directive.title == first


def test_an_overrun_is_killed_and_the_next_file_gets_a_new_child(worker: ParseWorker) -> None:
    before = worker(job(whoami), BUDGET).directive.title
    short = Budget(seconds=0.5, memory_mb=1024)
    with pytest.raises(ReadError) as info:
        worker(job(spin, "vong-lap.txt"), short)
    assert str(info.value) == f"vong-lap.txt: {timeout_message(short)}"
    assert info.value.message.startswith("đọc và phân tích tệp quá 0,5 giây (PARSE_TIMEOUT")
    after = worker(job(whoami), BUDGET).directive.title
    assert after != before


def test_running_out_of_memory_is_a_refusal(worker: ParseWorker) -> None:
    small = Budget(seconds=30, memory_mb=512)
    with pytest.raises(ReadError) as info:
        worker(job(hog, "phinh.txt"), small)
    assert info.value.message == memory_message(small)
    assert "cần hơn 512 MB bộ nhớ (PARSE_MEMORY_MB)" in info.value.message


def test_a_vanished_child_is_a_refusal(worker: ParseWorker) -> None:
    with pytest.raises(ReadError) as info:
        worker(job(die, "sap.txt"), BUDGET)
    assert info.value.message == CRASHED
    assert worker(job(parse_text), BUDGET).directive.number == "34-HD/ĐU"


def test_a_parser_bug_is_reported_by_its_type(worker: ParseWorker) -> None:
    with pytest.raises(ParseFailed, match="ValueError"):
        worker(job(buggy), BUDGET)


def test_a_bad_file_is_refused_by_the_reader_in_the_child(worker: ParseWorker) -> None:
    with pytest.raises(ReadError) as info:
        worker(Job("rong.txt", b"  ", None, Limits(), parse_text), BUDGET)
    assert str(info.value) == "rong.txt: tệp rỗng, không có nội dung."
