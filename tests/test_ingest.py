"""Ingest: idempotent by content hash, replaces changed files, one transaction per file."""

from __future__ import annotations

import re
import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.exc import OperationalError
from sqlmodel import select

from bot.app import App
from core.messages import Reply
from handlers.context import Context
from handlers.ingest import IngestReport, Steps, ingest_bytes, ingest_paths, library_is_empty
from knowledge.model import Deadline, Directive, Reference, Section
from storage.models.documents import Citation, Document
from storage.models.documents import Section as SectionRow
from storage.models.org import Deadline as DeadlineRow
from storage.repos import documents as repo
from storage.repos.audit import entries as audit_entries

HD34 = """Số 34-HD/ĐU
HƯỚNG DẪN
triển khai thực hiện Kế hoạch số 89-KH/TU về công tác dân vận
I. MỤC ĐÍCH
Nâng cao nhận thức.
II. NHIỆM VỤ
Các chi bộ báo cáo trước ngày 10/5/2024.
"""
KH89 = """Số 89-KH/TU
KẾ HOẠCH
tăng cường công tác dân vận năm 2024
I. YÊU CẦU
Thực hiện nghiêm túc.
"""


def tiny_parse(text: str, file_name: str = "") -> Directive:
    """A stand-in parser: number after "Số", title from the next lines, Roman sections."""
    lines = [line for line in text.splitlines() if line.strip()]
    number = re.search(r"Số\s+(\S+)", text)
    sections = [
        Section(path=m.group(1), heading=m.group(2), text=m.group(2))
        for m in re.finditer(r"^([IVX]+)\. (.+)$", text, re.M)
    ]
    deadlines = [
        Deadline(text=m.group(0), section="II", due=date(int(m[3]), int(m[2]), int(m[1])))
        for m in re.finditer(r"trước ngày (\d+)/(\d+)/(\d{4})", text)
    ]
    refs = [Reference(number=n, key=n.lower()) for n in re.findall(r"số (\d+-KH/TU)", text)]
    return Directive(
        number=number.group(1) if number else None,
        number_key=number.group(1).lower() if number else None,
        title=" ".join(lines[1:3]) if len(lines) > 2 else "",
        sections=sections,
        references=refs,
        deadlines=deadlines,
        text=text,
    )


# Ingest with the stand-in parser; the real proposals (a test below swaps them too).
STEPS = Steps(parse=tiny_parse)


def write(folder: Path, name: str, text: str) -> Path:
    """Write a UTF-8 text file."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def rows(app: App, model: Any) -> list[Any]:
    """Every row of a table, oldest first (PostgreSQL returns rows in no set order)."""
    with app.db.session() as session:
        return list(session.exec(select(model).order_by(model.id)))


def deadline_row(ctx: Context, document_id: int | None) -> DeadlineRow:
    """A deadline row tied to a document, as the approval work stores them."""
    return DeadlineRow(document_id=document_id, title="Báo cáo", created_at=ctx.clock.now())


def run(app: App, *paths: Path, steps: Steps = STEPS) -> tuple[IngestReport, list[str]]:
    """Ingest and collect the progress lines."""
    lines: list[str] = []
    report = ingest_paths(app.ctx, list(paths), progress=lines.append, steps=steps)
    return report, lines


def test_folder_ingest_stores_documents_sections_and_citations(app: App, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    write(docs, "a/34-HD.txt", HD34)
    write(docs, "b.txt", KH89)
    write(docs, "ghi-chu.md", "không phải văn bản")
    write(docs, "~$khoa.txt", "tệp khóa của Word")
    assert library_is_empty(app.db)
    report, lines = run(app, docs)
    assert lines == [
        "[1/2] 34-HD.txt: đã nạp 34-HD/ĐU — HƯỚNG DẪN triển khai thực hiện Kế hoạch số 89-KH/TU "
        "về công… (2 mục, 1 hạn)",
        "[2/2] b.txt: đã nạp 89-KH/TU — KẾ HOẠCH tăng cường công tác dân vận năm 2024 "
        "(1 mục, 0 hạn)",
        "Đã nạp 2, bỏ qua 0, lỗi 0. Có 1 hạn đề xuất chờ Văn phòng duyệt.",
    ]
    assert [item["number"] for item in report.ingested] == ["34-HD/ĐU", "89-KH/TU"]
    assert not library_is_empty(app.db)
    hd = next(d for d in rows(app, Document) if d.file == "34-HD.txt")
    assert hd.number_key == "34-hd/đu" and '"number": "34-HD/ĐU"' in hd.parsed
    assert [s.path for s in repo.sections_of(app.db, hd.id)] == ["I", "II"]
    assert [c.number for c in repo.citations_of(app.db, hd.id)] == ["89-KH/TU"]


def test_same_file_twice_is_skipped(app: App, tmp_path: Path) -> None:
    path = write(tmp_path, "34-HD.txt", HD34)
    run(app, path)
    report, lines = run(app, path)
    assert lines == ["[1/1] 34-HD.txt: bỏ qua (đã có)", "Đã nạp 0, bỏ qua 1, lỗi 0."]
    assert report.skipped == [{"file": "34-HD.txt", "reason": "đã có"}]
    assert len(rows(app, Document)) == 1


def test_same_content_under_another_name_is_skipped(app: App, tmp_path: Path) -> None:
    run(app, write(tmp_path, "34-HD.txt", HD34))
    _, lines = run(app, write(tmp_path, "ban-sao.txt", HD34))
    assert lines[0] == "[1/1] ban-sao.txt: bỏ qua (trùng nội dung với 34-HD.txt)"


def test_changed_file_replaces_the_old_version(app: App, tmp_path: Path) -> None:
    path = write(tmp_path, "34-HD.txt", HD34)
    run(app, path)
    old = rows(app, Document)[0]
    with app.db.session() as session:
        session.add(
            DeadlineRow(document_id=old.id, title="Báo cáo", created_at=app.ctx.clock.now())
        )
    path.write_text(HD34 + "III. TỔ CHỨC THỰC HIỆN\nGiao Văn phòng.\n", encoding="utf-8")
    report, lines = run(app, path)
    assert lines[0].startswith("[1/1] 34-HD.txt: đã nạp lại (thay bản cũ) 34-HD/ĐU")
    assert report.ingested[0]["replaced"] is True
    (document,) = rows(app, Document)
    assert document.id != old.id and document.content_hash != old.content_hash
    assert [s.path for s in rows(app, SectionRow)] == ["I", "II", "III"]
    assert rows(app, DeadlineRow)[0].document_id is None  # kept, detached from the old version


def test_failure_while_storing_leaves_nothing(
    app: App, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path, "34-HD.txt", HD34)
    run(app, path)

    original, failures = repo._add_citations, [RuntimeError("disk full")]

    def broken(*args: Any) -> None:
        if failures:
            raise failures.pop()
        original(*args)

    # Fails after the new document and its sections were added, before the old one goes.
    monkeypatch.setattr(repo, "_add_citations", broken)
    path.write_text(HD34 + "Bổ sung.\n", encoding="utf-8")
    report, lines = run(app, path, write(tmp_path, "moi.txt", KH89.replace("89", "90")))
    assert lines[0] == (
        "[1/2] 34-HD.txt: LỖI: lỗi khi phân tích hoặc lưu (RuntimeError), chưa lưu gì."
    )
    assert report.errors == [
        {
            "file": "34-HD.txt",
            "error": "34-HD.txt: lỗi khi phân tích hoặc lưu (RuntimeError), chưa lưu gì.",
        }
    ]
    assert [item["file"] for item in report.ingested] == ["moi.txt"]
    # The old version of 34-HD.txt is intact; nothing of the failed attempt was stored.
    document, _ = rows(app, Document)
    assert document.text == HD34.strip("\n")
    assert [s.path for s in repo.sections_of(app.db, document.id)] == ["I", "II"]
    assert len(rows(app, Citation)) == 1


def picky(text: str, file_name: str = "") -> Directive:
    """A parser with a bug that shows on one file (module level: the child process runs it)."""
    if file_name == "a.txt":
        raise ValueError("bad")
    return tiny_parse(text, file_name)


def test_parser_failure_is_listed_and_the_run_continues(app: App, tmp_path: Path) -> None:
    files = write(tmp_path, "a.txt", HD34), write(tmp_path, "b.txt", KH89)
    report, lines = run(app, *files, steps=Steps(parse=picky))
    assert lines[0] == "[1/2] a.txt: LỖI: lỗi khi phân tích (ValueError), chưa lưu gì."
    assert lines[-1] == "Đã nạp 1, bỏ qua 0, lỗi 1."
    assert [d.file for d in rows(app, Document)] == ["b.txt"]


def test_bad_files_are_errors_naming_the_file(app: App, tmp_path: Path) -> None:
    empty = tmp_path / "rong.txt"
    empty.write_bytes(b"")
    report, lines = run(app, empty, tmp_path / "khong-co.pdf", write(tmp_path, "x.xlsx", "x"))
    assert lines[:3] == [
        "[1/3] rong.txt: LỖI: tệp rỗng, không có nội dung.",
        "[2/3] khong-co.pdf: LỖI: không tìm thấy tệp hoặc thư mục.",
        "[3/3] x.xlsx: LỖI: định dạng .xlsx không được hỗ trợ; chỉ nhận tệp .txt, .docx hoặc .pdf.",
    ]
    assert [e["error"] for e in report.errors][0] == "rong.txt: tệp rỗng, không có nội dung."
    assert rows(app, Document) == []


def test_size_limit_from_settings(app: App, tmp_path: Path) -> None:
    app.ctx.settings.max_upload_mb = 0.0001  # about 100 bytes
    _, lines = run(app, write(tmp_path, "lon.txt", HD34 * 3))
    assert lines[0].startswith("[1/1] lon.txt: LỖI: tệp dung lượng")
    assert "vượt giới hạn" in lines[0]


def test_library_service_is_told_and_deadlines_are_proposed(app: App, tmp_path: Path) -> None:
    calls: list[int] = []

    class Library:
        def invalidate(self) -> None:
            calls.append(-1)

    def propose(ctx: Context, document_id: int) -> list[Reply]:
        calls.append(document_id)
        with ctx.db.session() as session:
            session.add(
                DeadlineRow(document_id=document_id, title="Báo cáo", created_at=ctx.clock.now())
            )
        return [Reply("Đề xuất hạn: Báo cáo, 10/5/2024")]

    app.ctx.library = Library()  # type: ignore[assignment]
    steps = Steps(parse=tiny_parse, propose=propose)
    report, lines = run(app, write(tmp_path, "34-HD.txt", HD34), steps=steps)
    document_id = report.ingested[0]["id"]
    assert calls == [document_id, -1]
    assert report.ingested[0]["proposed"] == 1
    assert lines[-1] == "Đã nạp 1, bỏ qua 0, lỗi 0. Có 1 hạn đề xuất chờ Văn phòng duyệt."
    outcome = ingest_bytes(app.ctx, "89-KH.txt", KH89.encode(), steps=steps)
    assert outcome.replies == [Reply("Đề xuất hạn: Báo cáo, 10/5/2024")]


def test_ingest_bytes_reports_read_errors_without_storing(app: App) -> None:
    outcome = ingest_bytes(app.ctx, "34-HD.pdf", b"%PDF-1.4 cut", steps=STEPS)
    assert outcome.status == "error"
    assert outcome.reason.startswith("tệp PDF không đầy đủ")
    assert library_is_empty(app.db)


class Killed(BaseException):
    """The process dies here: no handler catches it, nothing after it runs."""


def killed_while_proposing(ctx: Context, document_id: int) -> list[Reply]:
    """The process is killed after the document is stored, before any proposal."""
    raise Killed


def test_a_kill_before_the_proposals_is_completed_by_the_next_run(app: App, tmp_path: Path) -> None:
    path = write(tmp_path, "34-HD.txt", HD34)
    with pytest.raises(Killed):
        run(app, path, steps=Steps(parse=tiny_parse, propose=killed_while_proposing))
    (stored,) = rows(app, Document)
    assert stored.stage == "proposing" and rows(app, DeadlineRow) == []
    report, lines = run(app, path)
    assert lines[0] == (
        "[1/1] 34-HD.txt: đã hoàn tất lần nạp trước bị gián đoạn: 34-HD/ĐU — HƯỚNG DẪN triển "
        "khai thực hiện Kế hoạch số 89-KH/TU về công… (2 mục, 1 hạn)"
    )
    assert report.ingested[0]["resumed"] is True and report.ingested[0]["proposed"] == 1
    assert [d.source_text for d in rows(app, DeadlineRow)] == ["trước ngày 10/5/2024"]
    assert rows(app, Document)[0].stage == "done"
    _, lines = run(app, path)
    assert lines[0] == "[1/1] 34-HD.txt: bỏ qua (đã có)"


def failing_propose(ctx: Context, document_id: int) -> list[Reply]:
    """Proposing fails (a bug in the proposals): the document stays to be completed."""
    raise RuntimeError("bug")


def test_failed_proposals_are_tried_again_by_the_next_run(app: App, tmp_path: Path) -> None:
    path = write(tmp_path, "34-HD.txt", HD34)
    report, _ = run(app, path, steps=Steps(parse=tiny_parse, propose=failing_propose))
    assert report.ingested[0]["proposed"] == 0
    assert rows(app, Document)[0].stage == "proposing"
    report, _ = run(app, path)
    assert report.ingested[0]["resumed"] is True and report.ingested[0]["proposed"] == 1


def repetitive_parse(text: str, file_name: str = "") -> Directive:
    """The same sentence five times, then three other deadlines."""
    directive = tiny_parse(text, file_name)
    same = Deadline(text="Các chi bộ báo cáo trước ngày 10/5/2024.", section="II")
    others = [
        Deadline(text=f"Các chi bộ gửi danh sách đợt {i} trước ngày {i}/6/2024.", section="II")
        for i in (1, 2, 3)
    ]
    directive.deadlines = [same] * 5 + others
    return directive


def test_identical_deadlines_merge_and_a_document_proposes_at_most_the_limit(
    app: App, tmp_path: Path
) -> None:
    app.ctx.settings.max_deadlines_per_document = 3
    report, lines = run(app, write(tmp_path, "34-HD.txt", HD34), steps=Steps(repetitive_parse))
    assert lines[0].endswith("(2 mục, 8 hạn)")  # as the parser found them
    assert report.ingested[0]["warnings"] == [
        "Văn bản có 4 hạn nộp khác nhau; chỉ đề xuất 3 hạn đầu tiên (giới hạn "
        "MAX_DEADLINES_PER_DOCUMENT). Hạn khác, nếu cần, đồng chí thêm bằng /hanmoi."
    ]
    assert report.ingested[0]["proposed"] == 3
    assert len(rows(app, DeadlineRow)) == 3


def test_an_upload_keeps_only_the_base_name(app: App) -> None:
    outcome = ingest_bytes(app.ctx, "../../etc/..\\34-HD.txt", HD34.encode(), steps=STEPS)
    assert outcome.file == "34-HD.txt"
    assert [d.file for d in rows(app, Document)] == ["34-HD.txt"]


def test_the_ingest_is_recorded_with_its_document(app: App, tmp_path: Path) -> None:
    run(app, write(tmp_path, "34-HD.txt", HD34), steps=Steps(parse=tiny_parse))
    ingest_paths(app.ctx, [write(tmp_path, "b.txt", KH89)], steps=STEPS, actor="cli:hoa")
    log = [(e.actor, e.action, e.target, e.after) for e in audit_entries(app.db)]
    assert log == [
        (
            "hệ thống",
            "ingested",
            "document:34-HD.txt",
            {
                "file": "34-HD.txt",
                "number": "34-HD/ĐU",
                "title": "HƯỚNG DẪN triển khai thực hiện Kế hoạch số 89-KH/TU về công tác dân vận",
            },
        ),
        (
            "cli:hoa",
            "ingested",
            "document:b.txt",
            {
                "file": "b.txt",
                "number": "89-KH/TU",
                "title": "KẾ HOẠCH tăng cường công tác dân vận năm 2024",
            },
        ),
    ]


def locked_propose(ctx: Context, document_id: int) -> list[Reply]:
    """Another process holds the write lock past the busy timeout."""
    raise OperationalError("INSERT", {}, sqlite3.OperationalError("database is locked"))


def test_a_busy_database_stops_the_run_without_a_traceback(
    app: App, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    files = write(tmp_path, "a.txt", HD34), write(tmp_path, "b.txt", KH89)
    with pytest.raises(OperationalError):
        run(app, *files, steps=Steps(parse=tiny_parse, propose=locked_propose))
    assert [d.file for d in rows(app, Document)] == ["a.txt"]  # stored, proposals to come
    assert not [r for r in caplog.records if r.exc_info]
