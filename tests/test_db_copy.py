"""`danvan db copy`: an office moves SQLite → PostgreSQL → SQLite without losing a row."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, text

from bot.app import App
from bot.cli import main
from bot.scheduler import ReminderScheduler
from core.clock import FakeClock
from storage.db import Database
from storage.models.audit import AuditEntry
from storage.models.messages import Reminder
from storage.models.org import Branch
from tests.support_pg import fresh_pg_database
from tests.support_reminders import add_deadline, add_people, make_app, walk
from tests.support_search import ingest_seeds


@pytest.fixture
def office(tmp_path: Path, clock: FakeClock) -> App:
    """An office on SQLite: the seeds, two branches, a deadline (and its document), reminders."""
    app = make_app(tmp_path, clock)
    ingest_seeds(app)
    add_people(app)
    add_deadline(app, clock.now() + timedelta(days=3))
    return app


async def _remind(app: App, clock: FakeClock) -> None:
    await walk(app, ReminderScheduler(app), clock, clock.now() + timedelta(days=4))


def _copy(capsys: pytest.CaptureFixture[str], source: str, target: str, *extra: str) -> Any:
    capsys.readouterr()
    code = main(["db", "copy", "--from", source, "--to", target, *extra])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _counts(url: str) -> dict[str, int]:
    db = Database(url)
    try:
        with db.engine.connect() as conn:
            names = ("documents", "sections", "branches", "reminders", "audit_log", "deadlines")
            return {
                n: int(conn.execute(text(f"SELECT count(*) FROM {n}")).scalar() or 0) for n in names
            }
    finally:
        db.dispose()


async def test_sqlite_to_postgresql_and_back(
    office: App, clock: FakeClock, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    await _remind(office, clock)
    source = office.settings.database_url
    office.db.dispose()
    before = _counts(source)
    assert before["reminders"] and before["audit_log"] and before["documents"] == 6
    with fresh_pg_database() as pg:
        code, out, err = _copy(capsys, source, pg)
        assert code == 0, err
        summary = json.loads(out)
        assert summary["ok"] and summary["tables"]["documents"]["source"] == 6
        assert summary["tables"]["documents"]["sampled"] == 6
        assert "documents: 6/6" in err
        assert _counts(pg) == before
        # The sequences moved past the copied ids: a new row gets a fresh id.
        db = Database(pg)
        try:
            with db.session() as session:
                session.add(Branch(code="MOI", name="Chi bộ mới", created_at=clock.now()))
            with db.engine.connect() as conn:
                top = conn.execute(select(func.max(Branch.id))).scalar()  # type: ignore[arg-type]
                audit = conn.execute(select(func.count()).select_from(AuditEntry)).scalar()
                reminders = conn.execute(select(func.count()).select_from(Reminder)).scalar()
        finally:
            db.dispose()
        assert top == 3 and audit == before["audit_log"] and reminders == before["reminders"]
        back = f"sqlite:///{tmp_path / 'back.db'}"
        code, out, err = _copy(capsys, pg, back)
        assert code == 0, err
        assert json.loads(out)["ok"]
    after = _counts(back)
    assert after == {**before, "branches": before["branches"] + 1}
    # The copy answers as the original did.
    app = make_app(tmp_path / "copy", clock, url=back)
    try:
        assert len(app.ctx.library.get().docs) == 6
    finally:
        app.db.dispose()


def test_a_non_empty_target_is_refused_unless_forced(
    office: App, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = office.settings.database_url
    office.db.dispose()
    target = f"sqlite:///{tmp_path / 'target.db'}"
    assert _copy(capsys, source, target)[0] == 0
    code, out, err = _copy(capsys, source, target)
    assert code == 2 and not out and "--force" in err and "documents" in err
    code, out, err = _copy(capsys, source, target, "--force")
    assert code == 0 and json.loads(out)["ok"], err
    assert _counts(target) == _counts(source)


def test_the_same_database_is_refused(office: App, capsys: pytest.CaptureFixture[str]) -> None:
    url = office.settings.database_url
    code, _, err = _copy(capsys, url, url)
    assert code == 2 and "cùng một" in err


def test_departments_and_their_rows_survive_the_copy(
    office: App, clock: FakeClock, capsys: pytest.CaptureFixture[str]
) -> None:
    from storage.repos.departments import add_department, list_departments
    from storage.repos.org import list_branches
    from tests.support_reminders import new_branch

    other, _ = add_department(office.db, "so-b", "Đảng ủy sở B", clock.now())
    assert other.id is not None
    new_branch(office.db.scoped(other.id), "B1", "Chi bộ B1 của sở B", clock.now())
    source = office.settings.database_url
    office.db.dispose()
    with fresh_pg_database() as pg:
        code, _, err = _copy(capsys, source, pg)
        assert code == 0, err
        db = Database(pg)
        try:
            codes = {r.code: (r.id, r.branches) for r in list_departments(db)}
            assert codes == {"mac-dinh": (1, 2), "so-b": (other.id, 1)}
            assert [b.name for b in list_branches(db.scoped(other.id))] == ["Chi bộ B1 của sở B"]
            assert "Chi bộ B1 của sở B" not in [b.name for b in list_branches(db.scoped(1))]
        finally:
            db.dispose()
