"""Hostile files: how fast and how cheaply ingest refuses them.

    python -m benchmarks.hostile_bench [--backstop] [--out benchmarks/results/hostile.json]

Builds its own files (nothing is downloaded): .docx "zip bombs" that inflate to 30 MB and
300 MB (about 150 KB and 1.2 MB on the wire, streamed so the builder never holds them),
a 50,000-line .txt, and for comparison an honest 40-page directive with photos. Each case
runs in a fresh process, so its figures are its own:
- `refusal_s`: the `ingest_paths` call alone (the app is built and migrated beforehand);
- `peak_rss_mb`: that process's high-water mark (interpreter and imports included), and
  `worker_rss_mb`: the parse child's, when one was started;
- `cli_wall_s` and `cli_peak_rss_mb`: `danvan ingest --json FILE` as a black box on an
  existing database, interpreter start-up and imports included.
With --backstop, the 30 MB bomb is also sent with the zip limits switched off, to time
the second line of defence (the parse child's memory and time budget).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any

DEFAULT_OUT = Path(__file__).parent / "results" / "hostile.json"
PARAGRAPH = (
    "<w:p><w:r><w:t>Các chi bộ báo cáo kết quả thực hiện về Văn phòng Đảng ủy "
    "trước ngày 10/5/2024.</w:t></w:r></w:p>"
).encode()
MB = 1024 * 1024
_WRAPPER = """
import json, resource, subprocess, sys, time
started = time.perf_counter()
code = subprocess.run(sys.argv[1:], capture_output=True).returncode
wall = time.perf_counter() - started
print(json.dumps([wall, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, code]))
"""


def build_docx(path: Path, body_bytes: int, photo_bytes: int = 0, paragraphs: int = 0) -> None:
    """A real .docx (python-docx's template) whose body repeats a paragraph up to
    body_bytes, streamed into the zip; optional photos (incompressible) and real paragraphs."""
    from docx import Document

    seed = Document()
    for i in range(paragraphs):
        seed.add_paragraph(
            f"{i + 1}. Các chi bộ, đảng bộ cơ sở tổ chức quán triệt, triển khai nhiệm vụ "
            f"số {i + 1} và gửi báo cáo kết quả về Văn phòng Đảng ủy trước ngày "
            f"{i % 28 + 1}/{i % 12 + 1}/2024."
        )
    buffer = io.BytesIO()
    seed.save(buffer)
    with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename != "word/document.xml" or not body_bytes:
                out.writestr(info.filename, data)
                continue
            head, _, tail = data.partition(b"<w:body>")
            with out.open("word/document.xml", "w") as part:
                part.write(head + b"<w:body>")
                block = PARAGRAPH * (64 * 1024 // len(PARAGRAPH))
                for _ in range(body_bytes // len(block)):
                    part.write(block)
                part.write(tail)
        if photo_bytes:
            out.writestr("word/media/image1.jpeg", random.Random(7).randbytes(photo_bytes))


def build_txt(path: Path, lines: int) -> None:
    """A plain-text plan with one deadline a line."""
    head = "Số 12-KH/ĐU\nKẾ HOẠCH\nthực hiện công tác năm 2024\nI. NHIỆM VỤ\n"
    body = "".join(
        f"Các chi bộ báo cáo kết quả đợt {i} về Văn phòng Đảng ủy trước ngày "
        f"{i % 28 + 1}/{i % 12 + 1}/2024.\n"
        for i in range(lines)
    )
    path.write_text(head + body, encoding="utf-8")


def measure(path: Path, database: Path, overrides: dict[str, Any]) -> dict[str, Any]:
    """In this (fresh) process: build the app, time one ingest of the file."""
    from bot.app import build_app
    from core.settings import Settings
    from handlers.ingest import ingest_paths
    from handlers.ingest_worker import WORKER

    settings = Settings(
        database_url=f"sqlite:///{database}",
        samples_dir=str(database.parent / "none"),
        _env_file=None,
        **overrides,
    )  # type: ignore[call-arg]
    app = build_app(settings)
    started = time.perf_counter()
    report = ingest_paths(app.ctx, [path])
    elapsed = time.perf_counter() - started
    WORKER.close()
    app.db.dispose()
    errors = report.errors
    return {
        "refusal_s": round(elapsed, 3),
        "peak_rss_mb": round(_maxrss(resource.RUSAGE_SELF), 1),
        "worker_rss_mb": round(_maxrss(resource.RUSAGE_CHILDREN), 1),
        "outcome": errors[0]["error"] if errors else f"ingested ({len(report.ingested)})",
    }


def _maxrss(who: int) -> float:
    """ru_maxrss in MB (Linux reports kilobytes)."""
    return resource.getrusage(who).ru_maxrss / 1024


def run_case(path: Path, overrides: dict[str, Any], folder: Path) -> dict[str, Any]:
    """One case: measured in a fresh process, then through the CLI as a black box."""
    database = folder / f"{path.stem}-{len(overrides)}.db"
    child = subprocess.run(
        [sys.executable, "-m", "benchmarks.hostile_bench", "--measure", str(path), str(database),
         json.dumps(overrides)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    result = json.loads(child.stdout.strip().splitlines()[-1])
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{folder / 'cli.db'}"}
    env.update({key.upper(): str(value) for key, value in overrides.items()})
    # A wrapper whose only child is the CLI: its RUSAGE_CHILDREN peak is the CLI's (or the
    # CLI's parse child's, whichever is larger), not an earlier case's.
    wrapper = subprocess.run(
        [sys.executable, "-c", _WRAPPER, sys.executable, "-m", "bot", "ingest", "--json",
         str(path)],
        capture_output=True, text=True, env=env, cwd=folder, check=True,
    )  # fmt: skip
    wall, peak, code = json.loads(wrapper.stdout.strip().splitlines()[-1])
    result.update(cli_wall_s=round(wall, 2), cli_peak_rss_mb=round(peak, 1), cli_exit=code)
    return result


def main() -> None:
    """Build the files, run every case, write the JSON."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--backstop", action="store_true")
    parser.add_argument("--measure", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        path, database, overrides = args.measure
        print(json.dumps(measure(Path(path), Path(database), json.loads(overrides))))
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files = {
            "docx_bomb_300mb": folder / "bom300.docx",
            "docx_bomb_30mb": folder / "bom30.docx",
            "txt_50000_lines": folder / "dai.txt",
            "honest_docx_40_pages_with_photos": folder / "ke-hoach.docx",
        }
        build_docx(files["docx_bomb_300mb"], 300 * MB)
        build_docx(files["docx_bomb_30mb"], 30 * MB)
        build_txt(files["txt_50000_lines"], 50_000)
        build_docx(files["honest_docx_40_pages_with_photos"], 0, 3 * MB, paragraphs=400)
        # The CLI's database exists before the first case: no case pays for the migrations.
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{folder / 'cli.db'}"}
        subprocess.run([sys.executable, "-m", "bot", "db", "upgrade"], env=env, check=True,
                       capture_output=True, cwd=folder)  # fmt: skip
        # What any CLI command costs before it does anything: start-up, imports, a no-op
        # `db upgrade`; the cases' cli_wall_s include it.
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "bot", "db", "upgrade"], env=env, check=True,
                       capture_output=True, cwd=folder)  # fmt: skip
        startup = round(time.perf_counter() - started, 2)
        cases: dict[str, Any] = {}
        for name, path in files.items():
            cases[name] = {
                "file_kb": round(path.stat().st_size / 1024),
                **run_case(path, {}, folder),
            }
            print(name, cases[name], file=sys.stderr)
        if args.backstop:
            off = {"docx_max_ratio": 1e9, "docx_max_unpacked_mb": 1e6}
            result = run_case(files["docx_bomb_30mb"], off, folder)
            cases["docx_bomb_30mb_zip_limits_off"] = result
            print("backstop", result, file=sys.stderr)
    out = {
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count()},
        "cli_startup_s": startup,
        "cases": cases,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(out, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(out, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
