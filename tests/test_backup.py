"""`danvan backup` and `danvan restore`: a live SQLite database copied and put back safely."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.backups import backup_folder, next_run, run_once
from bot.cli import main
from core.settings import Settings
from storage.backup import BackupError, backup, check_backup, restore
from storage.db import Database
from storage.runlock import using
from tests.support import local

BRANCH_SQL = "INSERT INTO branches (code, name, active, created_at) VALUES (?, ?, 1, ?)"


@pytest.fixture
def live(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A danvan SQLite database (the CLI's DATABASE_URL) with one branch."""
    url = f"sqlite:///{tmp_path / 'data' / 'danvan.db'}"
    db = Database(url)
    db.upgrade()
    db.dispose()
    monkeypatch.setenv("DATABASE_URL", url)
    add_branches(url, ["A1"])
    yield url


def add_branches(url: str, codes: list[str]) -> None:
    """Branch rows written by another connection, as the bot or the CLI would."""
    with sqlite3.connect(url.removeprefix("sqlite:///"), timeout=30) as conn:
        for code in codes:
            conn.execute(BRANCH_SQL, (code, f"Chi bộ {code}", "2026-11-24 09:00:00"))
    conn.close()


def codes(path: Path) -> set[str]:
    """The branch codes in a database file."""
    with sqlite3.connect(path) as conn:
        rows = {r[0] for r in conn.execute("SELECT code FROM branches")}
    conn.close()
    return rows


def integrity(path: Path) -> str:
    """PRAGMA integrity_check of a database file."""
    with sqlite3.connect(path) as conn:
        result = str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    conn.close()
    return result


def test_a_backup_taken_while_a_writer_is_busy_restores_every_committed_row(
    live: str, tmp_path: Path
) -> None:
    path = Path(live.removeprefix("sqlite:///"))
    committed: list[str] = []
    stop = threading.Event()

    def writer() -> None:  # the bot at work: one small transaction after another
        conn = sqlite3.connect(path, timeout=30)
        n = 0
        while not stop.is_set():
            n += 1
            with conn:
                conn.execute(BRANCH_SQL, (f"W{n}", "Chi bộ đang ghi", "2026-11-24 09:00:00"))
            committed.append(f"W{n}")
        conn.close()

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        while len(committed) < 200:
            stop.wait(0.001)
        before = set(committed)
        result = backup(live, tmp_path / "saved" / "copy.db")
    finally:
        stop.set()
        thread.join()
    saved = codes(result.path)
    assert integrity(result.path) == "ok" and result.revision == check_backup(result.path)
    # A snapshot: everything committed before it began, nothing half-written after.
    assert before | {"A1"} <= saved <= set(committed) | {"A1"}
    # Put it back into a fresh database: every row of the snapshot is there, intact.
    target = f"sqlite:///{tmp_path / 'restored' / 'danvan.db'}"
    restore(target, result.path)
    restored = Path(target.removeprefix("sqlite:///"))
    assert integrity(restored) == "ok" and codes(restored) == saved


def test_cli_backup_then_restore_keeps_the_replaced_database(
    live: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["backup", str(tmp_path / "sao-luu.db")]) == 0
    out = capsys.readouterr().out
    assert "Đã sao lưu vào" in out and "kiểm tra toàn vẹn" in out
    add_branches(live, ["B2"])  # written after the backup: gone after the restore
    assert main(["restore", str(tmp_path / "sao-luu.db")]) == 0
    out = capsys.readouterr().out
    assert "Đã khôi phục" in out and "được giữ lại ở" in out
    database = Path(live.removeprefix("sqlite:///"))
    assert codes(database) == {"A1"}
    [kept] = database.parent.glob("danvan.db.before-restore-*")
    assert codes(kept) == {"A1", "B2"}


def test_backup_into_a_folder_names_the_file_by_time(live: str, tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    result = backup(live, folder)
    assert result.path.parent == folder and result.path.name.startswith("danvan-")
    assert codes(result.path) == {"A1"}


def test_restore_is_refused_while_the_bot_runs(
    live: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["backup", str(tmp_path / "b.db")]) == 0
    add_branches(live, ["B2"])
    with using(live):  # what `danvan run` holds while it runs
        assert main(["restore", str(tmp_path / "b.db")]) == 1
    assert "Bot đang chạy" in capsys.readouterr().err
    assert codes(Path(live.removeprefix("sqlite:///"))) == {"A1", "B2"}
    assert main(["restore", str(tmp_path / "b.db")]) == 0  # once it stopped


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda p: _text_file(p), "không phải tệp cơ sở dữ liệu"),
        (lambda p: None, "không có tệp"),
        (lambda p: _plain_sqlite(p), "không phải bản sao lưu của danvan"),
        (lambda p: _future_schema(p), "phiên bản danvan này không biết"),
        (lambda p: _damaged(p), "bị hỏng"),
    ],
)
def test_restore_checks_the_file_first_and_leaves_the_database_alone(
    live: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], make: object, words: str
) -> None:
    candidate = tmp_path / "candidate.db"
    make(candidate)  # type: ignore[operator]
    assert main(["restore", str(candidate)]) == 1
    assert words in capsys.readouterr().err
    database = Path(live.removeprefix("sqlite:///"))
    assert codes(database) == {"A1"} and not list(database.parent.glob("*before-restore*"))


def test_postgresql_is_pointed_to_pg_dump(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql://danvan@127.0.0.1:5432/danvan")
    assert main(["backup", str(tmp_path / "x.db")]) == 1
    assert "pg_dump" in capsys.readouterr().err
    assert main(["restore", str(tmp_path / "x.db")]) == 1
    assert "pg_dump và pg_restore" in capsys.readouterr().err


def test_the_daily_backup_keeps_the_newest_copies(live: str, tmp_path: Path) -> None:
    settings = Settings(database_url=live, backup_keep=3, _env_file=None)  # type: ignore[call-arg]
    folder = backup_folder(settings)
    assert folder == tmp_path / "data" / "backups"
    for day in range(1, 6):
        run_once(settings, folder, datetime(2026, 11, day, 19, 30, tzinfo=UTC))
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["danvan-20261104-023000.db", "danvan-20261105-023000.db",
                     "danvan-20261106-023000.db"]  # fmt: skip
    assert all(codes(folder / n) == {"A1"} for n in names)


def test_when_the_daily_backup_runs_and_where_it_goes(tmp_path: Path) -> None:
    def settings(**extra: object) -> Settings:
        return Settings(_env_file=None, **extra)  # type: ignore[call-arg, arg-type]

    plain = settings()
    assert next_run(local(2026, 11, 24, 1, 0), plain) == local(2026, 11, 24, 2, 30)
    assert next_run(local(2026, 11, 24, 2, 30), plain) == local(2026, 11, 25, 2, 30)
    assert next_run(local(2026, 11, 24, 23, 0), settings(backup_time="23:15")) == local(
        2026, 11, 24, 23, 15
    )
    assert backup_folder(plain) == Path("data/backups")
    assert backup_folder(settings(backup_dir="/srv/sao-luu")) == Path("/srv/sao-luu")
    assert backup_folder(settings(backup_keep=0)) is None
    assert backup_folder(settings(database_url="postgresql://x@h/db")) is None


def test_a_backup_onto_the_live_file_itself_is_refused(live: str) -> None:
    with pytest.raises(BackupError, match="không được trùng"):
        backup(live, Path(live.removeprefix("sqlite:///")))


def _text_file(path: Path) -> None:
    path.write_text("Báo cáo sơ kết 6 tháng đầu năm\n", encoding="utf-8")


def _plain_sqlite(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE danh_sach (ten TEXT)")
    conn.close()


def _future_schema(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE alembic_version (version_num TEXT)")
        conn.execute("INSERT INTO alembic_version VALUES ('9999_from_the_future')")
    conn.close()


def _damaged(path: Path) -> None:
    url = f"sqlite:///{path.with_name('whole.db')}"
    db = Database(url)
    db.upgrade()
    db.dispose()
    backup(url, path)
    data = bytearray(path.read_bytes())
    # Scribble over the b-tree header and cell pointers of every page after the third (the
    # space further in is unused on some pages, whichever tables the schema has).
    for offset in range(4096 * 3, len(data), 4096):
        data[offset + 8 : offset + 48] = b"\xff" * 40
    path.write_bytes(bytes(data))
