"""Killed at any statement, ingest loses nothing: re-runs end where one clean run ends.

The kill is a BaseException raised from the database engine before the k-th statement
(nothing in ingest catches it, the open transaction rolls back as it would when the
process dies); the "next process" is a new app on the same file. One test kills runs
once, at random statements spread over a clean run; another kills runs several times in a
row at random statements, as an operator retrying would (fixed seeds).
"""

from __future__ import annotations

import random
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, func
from sqlmodel import select

from bot.app import build_app
from core.clock import FakeClock
from core.settings import Settings
from handlers.approval import approve
from handlers.ingest import Steps, ingest_paths
from handlers.ingest_worker import in_process
from storage.models.audit import AuditEntry
from storage.models.documents import Citation, Document, Section
from storage.models.org import Deadline
from tests.support import local

STEPS = Steps(run=in_process)  # the real parser and proposals; the kill hook sees this process
SINGLES = 16  # runs killed once, at a random statement of each sixteenth of the run
SEQUENCES = 10  # runs killed two to four times in a row, at random statements
SEED = 20240502

OLD_A = """Số 21-KH/ĐU
KẾ HOẠCH
sơ kết công tác kiểm tra, giám sát 6 tháng đầu năm 2024
I. MỤC ĐÍCH, YÊU CẦU
Đánh giá đúng kết quả thực hiện nhiệm vụ kiểm tra, giám sát.
II. TỔ CHỨC THỰC HIỆN
1. Các chi bộ gửi báo cáo sơ kết về Ủy ban Kiểm tra Đảng ủy trước ngày 15/6/2024.
"""
NEW_A = OLD_A + "2. Các chi bộ gửi danh sách đảng viên được kiểm tra trước ngày 30/6/2024.\n"
B = """Số 07-HD/ĐU
HƯỚNG DẪN
tổ chức sinh hoạt chuyên đề năm 2024 theo Kế hoạch số 21-KH/ĐU
I. NỘI DUNG
Các chi bộ tổ chức sinh hoạt chuyên đề trong quý III năm 2024.
II. CHẾ ĐỘ BÁO CÁO
Các chi bộ báo cáo kết quả về Văn phòng Đảng ủy trước ngày 20/9/2024.
Các chi bộ báo cáo kết quả về Văn phòng Đảng ủy trước ngày 20/9/2024.
"""
C = """Số 112-CV/ĐU
V/v rà soát, cập nhật danh sách cấp ủy viên
Kính gửi: Các chi bộ trực thuộc.
Đề nghị các chi bộ rà soát, cập nhật danh sách cấp ủy viên, gửi về Ban Tổ chức Đảng ủy \
chậm nhất ngày 05/7/2024 để tổng hợp.
"""


class Killed(BaseException):
    """The process dies before the statement: nothing catches it, nothing after it runs."""


class KillSwitch:
    """Counts the statements an engine executes; kills the process before the k-th."""

    def __init__(self, at: int | None) -> None:
        self.at = at
        self.count = 0

    def __call__(self, *args: Any) -> None:
        """SQLAlchemy's before_cursor_execute hook."""
        self.count += 1
        if self.count == self.at:
            raise Killed


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated database where the old version of a.txt is ingested and its deadline
    approved (so the run under test replaces a document that has a schedule)."""
    folder = tmp_path_factory.mktemp("template")
    app = build_app(settings_for(folder / "base.db"), clock=clock())
    old = folder / "old" / "a.txt"
    old.parent.mkdir()
    old.write_text(OLD_A, encoding="utf-8")
    ingest_paths(app.ctx, [old], steps=STEPS)
    with app.db.session() as session:
        (deadline_id,) = session.exec(select(Deadline.id)).all()
    assert "Đã duyệt" in approve(app.ctx, deadline_id)
    app.db.dispose()
    return folder / "base.db"


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The files of the run under test: a.txt's new version, b.txt, c.txt."""
    root = tmp_path_factory.mktemp("docs")
    for name, text in (("a.txt", NEW_A), ("b.txt", B), ("c.txt", C)):
        (root / name).write_text(text, encoding="utf-8")
    return root


def settings_for(path: Path) -> Settings:
    """Settings on one database file, no samples."""
    return Settings(
        database_url=f"sqlite:///{path}", samples_dir=str(path.parent / "none"), _env_file=None
    )  # type: ignore[call-arg]


def clock() -> FakeClock:
    """The same instant for every run, so rows compare equal."""
    return FakeClock(local(2024, 5, 2, 9, 0))


def process(db_file: Path, folder: Path, kill: KillSwitch) -> bool:
    """One process running `danvan ingest FOLDER`; False when it was killed."""
    app = build_app(settings_for(db_file), clock=clock(), migrate=False)
    event.listen(app.db.engine, "before_cursor_execute", kill)
    try:
        ingest_paths(app.ctx, [folder], steps=STEPS, actor="cli:vanphong")
        return True
    except Killed:
        return False
    finally:
        app.db.dispose()


def snapshot(db_file: Path) -> dict[str, Any]:
    """What the office relies on, independent of ids and of the order rows were written."""
    app = build_app(settings_for(db_file), clock=clock(), migrate=False)
    with app.db.session() as session:
        files = dict(session.exec(select(Document.id, Document.file)).all())
        state = {
            "documents": sorted(
                (d.file, d.content_hash, d.stage, d.number, d.title)
                for d in session.exec(select(Document))
            ),
            "sections": session.exec(select(func.count()).select_from(Section)).one(),
            "citations": session.exec(select(func.count()).select_from(Citation)).one(),
            "deadlines": sorted(
                (files.get(d.document_id), d.title, d.source_text, str(d.due_at), d.status)
                for d in session.exec(select(Deadline))
            ),
            "audit": sorted(
                (e.actor, e.action, e.target) for e in session.exec(select(AuditEntry))
            ),
        }
    app.db.dispose()
    return state


@pytest.fixture(scope="module")
def clean(
    template: Path, folder: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[dict[str, Any], int]]:
    """The state after one uninterrupted run, and how many statements that run executed."""
    db_file = tmp_path_factory.mktemp("clean") / "clean.db"
    shutil.copy(template, db_file)
    counter = KillSwitch(None)
    assert process(db_file, folder, counter)
    yield snapshot(db_file), counter.count


def test_the_clean_run_replaces_a_and_keeps_its_schedule(clean: tuple[dict[str, Any], int]) -> None:
    state, statements = clean
    assert statements > 50
    assert [d[0] for d in state["documents"]] == ["a.txt", "b.txt", "c.txt"]
    assert {d[2] for d in state["documents"]} == {"done"}
    # The new a.txt keeps the approved schedule of its first sentence and proposes the new one.
    assert [(d[0], d[1], d[4]) for d in state["deadlines"]] == [
        ("a.txt", "Gửi báo cáo sơ kết về Ủy ban Kiểm tra Đảng ủy", "approved"),
        ("a.txt", "Gửi danh sách đảng viên được kiểm tra", "proposed"),
        ("b.txt", "Báo cáo kết quả về Văn phòng Đảng ủy", "proposed"),  # twice in b.txt: once
        ("b.txt", "Tổ chức sinh hoạt chuyên đề trong quý III năm 2024", "proposed"),
        ("c.txt", "Đề nghị các chi bộ rà soát, cập nhật danh sách cấp ủy viên", "proposed"),
    ]
    assert [a[1:] for a in state["audit"]].count(("ingested", "document:a.txt")) == 2


def recovers(template: Path, folder: Path, db_file: Path, kills: list[int]) -> int:
    """Copy the template, kill a process at each point in turn, then run to the end;
    returns how many processes were really killed (a point past a run's end kills none)."""
    shutil.copy(template, db_file)
    killed = 0
    for point in kills:
        if process(db_file, folder, KillSwitch(point)):
            break
        killed += 1
    assert process(db_file, folder, KillSwitch(None))  # the run that finishes
    return killed


def test_one_kill_at_random_points_loses_nothing(
    template: Path, folder: Path, clean: tuple[dict[str, Any], int], tmp_path: Path
) -> None:
    expected, statements = clean
    # Spread over the whole run: one point drawn in each sixteenth of its statements.
    step = statements / SINGLES
    points = [int(i * step) + random.Random(SEED + i).randint(1, max(1, int(step))) for i in
              range(SINGLES)]  # fmt: skip
    for point in points:
        db_file = tmp_path / f"point{point}.db"
        assert recovers(template, folder, db_file, [point]) == 1
        assert snapshot(db_file) == expected, f"killed before statement {point}"


def test_kills_in_a_row_at_random_points_lose_nothing(
    template: Path, folder: Path, clean: tuple[dict[str, Any], int], tmp_path: Path
) -> None:
    expected, statements = clean
    rng = random.Random(SEED)
    for case in range(SEQUENCES):
        points = [rng.randint(1, statements) for _ in range(rng.randint(2, 4))]
        killed = recovers(template, folder, tmp_path / f"case{case}.db", points)
        assert snapshot(tmp_path / f"case{case}.db") == expected, f"{points}: {killed} kills"
