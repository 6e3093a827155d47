"""Reading and parsing a file in a child process, under a time and a memory budget.

A hostile or pathological file (a zip bomb the limits missed, a PDF whose streams inflate
without end, a parser corner case) must cost one refusal, not the bot: the child runs
with an address-space limit and is killed when it overruns its time. One child serves
file after file and is replaced only after such a kill, so a folder of a thousand files
starts one process, not a thousand.
"""

from __future__ import annotations

import logging
import multiprocessing
import signal
import threading
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any, Protocol

from core.settings import Settings
from knowledge.model import Directive
from knowledge.parse.limits import MB, Limits
from knowledge.parse.readers import ReadError, ReadResult, read_bytes

log = logging.getLogger(__name__)


class Parse(Protocol):
    """Text in, a Directive out (knowledge.parse.directive.parse_text)."""

    def __call__(self, text: str, file_name: str = "") -> Directive:
        """Parse a document's text."""
        ...


@dataclass(frozen=True)
class Job:
    """One file to read and parse; `parse` must be a module-level function (it is pickled)."""

    name: str
    data: bytes
    max_bytes: int | None
    limits: Limits
    parse: Parse


@dataclass(frozen=True)
class Budget:
    """What reading and parsing one file may take."""

    seconds: float
    memory_mb: int


@dataclass(frozen=True)
class Parsed:
    """A file read and parsed."""

    result: ReadResult
    directive: Directive


class ParseFailed(Exception):
    """The parser raised (not the file's fault as far as we know); str() is the error type."""


class Runner(Protocol):
    """Runs a job: in a child process under the budget, or in this process (tests)."""

    def __call__(self, job: Job, budget: Budget) -> Parsed:
        """Read and parse the job's file; raises ReadError or ParseFailed."""
        ...


def limits_of(settings: Settings) -> Limits:
    """The file limits the settings ask for."""
    return Limits(
        docx_unpacked_bytes=int(settings.docx_max_unpacked_mb * MB),
        docx_entries=settings.docx_max_entries,
        docx_ratio=settings.docx_max_ratio,
        pdf_pages=settings.pdf_max_pages,
        txt_bytes=int(settings.txt_max_mb * MB),
        text_lines=settings.max_text_lines,
        deadlines=settings.max_deadlines_per_document,
    )


def budget_of(settings: Settings) -> Budget:
    """The time and memory one file may take, from the settings."""
    return Budget(settings.parse_timeout_seconds, settings.parse_memory_mb)


def read_and_parse(job: Job) -> Parsed:
    """Read and parse a job's file in this process."""
    result = read_bytes(job.data, job.name, job.max_bytes, job.limits)
    return Parsed(result, job.parse(result.text, file_name=job.name))


def in_process(job: Job, budget: Budget) -> Parsed:
    """A Runner without a child process or budget (for tests with local parsers)."""
    try:
        return read_and_parse(job)
    except ReadError:
        raise
    except Exception as exc:
        raise ParseFailed(type(exc).__name__) from exc


def _number(n: float) -> str:
    """1024 → "1.024", 0.5 → "0,5": numbers as Vietnamese writes them."""
    if n != int(n):
        return f"{n:.1f}".replace(".", ",")
    return f"{n:,.0f}".replace(",", ".")


def timeout_message(budget: Budget) -> str:
    """Why a file that overran its time was refused."""
    return (
        f"đọc và phân tích tệp quá {_number(budget.seconds)} giây (PARSE_TIMEOUT_SECONDS) nên "
        "đã dừng; tệp quá phức tạp hoặc bị lỗi, hãy kiểm tra lại hoặc tách nhỏ rồi gửi."
    )


def memory_message(budget: Budget) -> str:
    """Why a file that needed too much memory was refused."""
    return (
        f"đọc và phân tích tệp cần hơn {_number(budget.memory_mb)} MB bộ nhớ (PARSE_MEMORY_MB) "
        "nên đã dừng; tệp quá lớn hoặc bị lỗi, hãy kiểm tra lại hoặc tách nhỏ rồi gửi."
    )


CRASHED = "trình đọc tệp dừng đột ngột khi đọc tệp này; tệp có thể bị hỏng, hãy kiểm tra lại."


class ParseWorker:
    """A Runner: one child process at a time, replaced after a kill; thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._process: BaseProcess | None = None
        self._conn: Connection | None = None
        self._memory_mb = 0

    def __call__(self, job: Job, budget: Budget) -> Parsed:
        """Read and parse in the child; ReadError when the file overruns the budget."""
        with self._lock:
            conn = self._ready(budget.memory_mb)
            try:
                conn.send(job)
                answered = conn.poll(budget.seconds)
            except OSError:  # the child is gone: count it as a crash below
                answered = True
            if not answered:
                self.close()
                raise ReadError(job.name, timeout_message(budget))
            try:
                kind, payload = conn.recv()
            except (EOFError, OSError):
                self.close()
                raise ReadError(job.name, CRASHED) from None
        return _settle(job, budget, kind, payload, self)

    def _ready(self, memory_mb: int) -> Connection:
        if self._conn is not None and self._memory_mb != memory_mb:
            self.close()  # the memory limit is set once per child
        if self._conn is None or self._process is None or not self._process.is_alive():
            self.close()
            # spawn: a fresh interpreter, never a fork of a process that runs threads.
            context = multiprocessing.get_context("spawn")
            parent, child = context.Pipe()
            process = context.Process(
                target=_serve, args=(child, memory_mb), name="danvan-parse", daemon=True
            )
            process.start()
            child.close()
            self._process, self._conn, self._memory_mb = process, parent, memory_mb
        assert self._conn is not None
        return self._conn

    def close(self) -> None:
        """Stop the child (killed if it is busy); the next job starts a new one."""
        if self._conn is not None:
            self._conn.close()
        if self._process is not None:
            if self._process.is_alive():
                self._process.kill()
            self._process.join()
            self._process.close()
        self._process, self._conn = None, None


def _settle(job: Job, budget: Budget, kind: str, payload: Any, worker: ParseWorker) -> Parsed:
    """The child's answer as a result or the matching exception."""
    if kind == "ok":
        assert isinstance(payload, Parsed)
        return payload
    if kind == "refused":
        raise ReadError(job.name, str(payload))
    if kind == "memory":
        worker.close()  # a process that ran out of memory may be in a bad state
        raise ReadError(job.name, memory_message(budget))
    raise ParseFailed(str(payload))


def _serve(conn: Connection, memory_mb: int) -> None:
    """The child: answer jobs until the parent closes the pipe."""
    # Ctrl-C reaches the whole process group; the parent decides what stops.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _limit_memory(memory_mb)
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        conn.send(_attempt(job))


def _attempt(job: Job) -> tuple[str, object]:
    try:
        return "ok", read_and_parse(job)
    except ReadError as exc:
        return "refused", exc.message
    except MemoryError:
        return "memory", None
    except Exception as exc:  # the parser's bug: the parent reports it, the child goes on
        log.exception("parsing %s failed", job.name)
        return "failed", type(exc).__name__


def _limit_memory(memory_mb: int) -> None:
    """Cap the child's address space, so a runaway allocation is a MemoryError, not a crash."""
    try:
        import resource
    except ImportError:  # not on Windows: the time budget still holds
        return
    wanted = memory_mb * MB
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        wanted = min(wanted, hard)
    resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))


WORKER = ParseWorker()  # the process-wide child; the default Runner of handlers.ingest.Steps
