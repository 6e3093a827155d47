"""`danvan ingest` and `danvan parse` through bot.cli.main."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from bot.cli import main
from knowledge.vi import legacy_fonts
from tests.support import SEEDS
from tests.support_readers import directive_docx, make_pdf


@pytest.fixture(autouse=True)
def _database(database_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The commands store into the test database (PostgreSQL in that pass)."""
    monkeypatch.setenv("DATABASE_URL", database_url)


@pytest.fixture
def library(tmp_path: Path) -> Path:
    """A folder with the seed texts, a Word directive and a scanned PDF."""
    folder = tmp_path / "vanban"
    shutil.copytree(SEEDS, folder / "seeds")
    (folder / "34-HD.docx").write_bytes(directive_docx())
    return folder


def test_ingest_json_then_again_is_a_no_op(
    library: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["ingest", str(library), "--json"]) == 0
    out, err = capsys.readouterr()
    report = json.loads(out)
    assert len(report["ingested"]) == 6 and report["skipped"] == report["errors"] == []
    first = report["ingested"][0]
    assert first["file"] == "34-HD.docx" and first["number"] == "34-HD/ĐU"
    assert "công tác dân vận năm 2024" in first["title"].lower()
    assert isinstance(first["id"], int)
    assert "105-CV/ĐU" in [item["number"] for item in report["ingested"]]
    lines = err.splitlines()
    assert lines[0].startswith("[1/6] 34-HD.docx: đã nạp 34-HD/ĐU — Thực hiện công tác dân vận")
    assert lines[-1].startswith("Đã nạp 6, bỏ qua 0, lỗi 0.")

    assert main(["ingest", str(library), "--json"]) == 0
    again = json.loads(capsys.readouterr().out)
    assert again["ingested"] == [] and len(again["skipped"]) == 6
    assert again["skipped"][0] == {"file": "34-HD.docx", "reason": "đã có"}


def test_ingest_with_a_bad_file_exits_1(library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (library / "scan.pdf").write_bytes(make_pdf(None))
    assert main(["ingest", str(library / "34-HD.docx"), str(library / "scan.pdf")]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("[1/2] 34-HD.docx: đã nạp 34-HD/ĐU")
    assert out[1] == (
        "[2/2] scan.pdf: LỖI: PDF không có lớp chữ (bản scan), cần OCR trước khi nạp."
    )
    assert out[2].startswith("Đã nạp 1, bỏ qua 0, lỗi 1.")


def test_ingest_json_lists_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "khong-co.docx"
    assert main(["ingest", str(missing), "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["errors"] == [
        {"file": "khong-co.docx", "error": "khong-co.docx: không tìm thấy tệp hoặc thư mục."}
    ]


def test_parse_json_prints_the_directive(library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", str(library / "34-HD.docx"), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["number"] == "34-HD/ĐU"
    assert data["date"] == "2024-04-15"
    assert [s["path"] for s in data["sections"]] == ["I", "II"]
    assert data["deadlines"][0]["due"] == "2024-05-10"
    assert set(data) >= {"doc_type", "issuer", "title", "references", "tasks", "recipients"}


def test_parse_without_json_is_a_readable_summary(
    library: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["parse", str(library / "34-HD.docx")]) == 0
    out = capsys.readouterr().out
    assert "Số: 34-HD/ĐU (Hướng dẫn, ĐẢNG ỦY SỞ GIÁO DỤC VÀ ĐÀO TẠO)" in out
    assert "Ngày: 15/04/2024" in out
    assert "10/05/2024 [II]: Các chi bộ gửi báo cáo" in out


def test_parse_does_not_store(library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["parse", str(library / "34-HD.docx"), "--json"])
    capsys.readouterr()
    main(["ingest", str(library / "34-HD.docx"), "--json"])
    assert len(json.loads(capsys.readouterr().out)["ingested"]) == 1


def test_parse_bad_file_prints_the_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scan = tmp_path / "34-HD.pdf"
    scan.write_bytes(make_pdf(None))
    assert main(["parse", str(scan), "--json"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.strip() == "34-HD.pdf: PDF không có lớp chữ (bản scan), cần OCR trước khi nạp."


def test_parse_converts_tcvn3_and_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "Số 12-KH/ĐU\nkế hoạch\ntổ chức hội nghị học tập nghị quyết của đảng ủy"
    path = tmp_path / "cu.txt"
    path.write_bytes(legacy_fonts.unicode_to_tcvn3(text).encode("latin-1"))
    assert main(["parse", str(path), "--json"]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out)["number"] == "12-KH/ĐU"
    assert "cu.txt: Đã chuyển chữ từ bảng mã TCVN3" in err
