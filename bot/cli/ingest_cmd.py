"""`danvan ingest` and `danvan parse`."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from bot.cli.common import cli_actor, open_app, print_json, settings
from knowledge.model import Directive
from knowledge.parse.directive import parse_text
from knowledge.parse.readers import ReadError, check_size
from knowledge.vi.periods import when_text

_RELATIONS = {"implements": "triển khai", "based_on": "căn cứ", "mentions": "nhắc đến"}


def register(sub: argparse._SubParsersAction) -> None:
    """Add this module's subcommands."""
    ingest = sub.add_parser(
        "ingest", help="nạp tệp .txt/.docx/.pdf hoặc thư mục vào thư viện văn bản"
    )
    ingest.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    ingest.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
    ingest.set_defaults(func=run_ingest)
    parse = sub.add_parser("parse", help="phân tích một tệp văn bản, không lưu")
    parse.add_argument("file", type=Path, metavar="FILE")
    parse.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
    parse.set_defaults(func=run_parse)


def run_ingest(args: argparse.Namespace) -> int:
    """Ingest the paths; progress on stdout (stderr with --json); 1 when a file failed."""
    from handlers.ingest import ingest_paths

    stream = sys.stderr if args.json else sys.stdout
    app = open_app()
    try:
        report = ingest_paths(
            app.ctx, args.paths, progress=lambda line: print(line, file=stream), actor=cli_actor()
        )
    finally:
        app.db.dispose()
    if args.json:
        print_json(report.to_json())
    return 1 if report.errors else 0


def run_parse(args: argparse.Namespace) -> int:
    """Read and parse one file without storing it (under the same limits and budget)."""
    from handlers.ingest_worker import WORKER, Job, budget_of, limits_of

    path: Path = args.file
    config = settings()
    try:
        if not path.is_file():
            raise ReadError(path.name, "không tìm thấy tệp.")
        check_size(path.name, path.stat().st_size, config.max_upload_bytes)
        job = Job(
            path.name, path.read_bytes(), config.max_upload_bytes, limits_of(config), parse_text
        )
        parsed = WORKER(job, budget_of(config))
    except ReadError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    finally:
        WORKER.close()
    for warning in parsed.result.warnings:
        print(f"{path.name}: {warning}", file=sys.stderr)
    directive = parsed.directive
    if args.json:
        print_json(directive.to_json())
    else:
        print("\n".join(describe(directive, path.name)))
    return 0


def describe(d: Directive, file_name: str) -> list[str]:
    """A readable Vietnamese summary of a parsed directive."""
    kind = ", ".join(part for part in (d.doc_type_name or d.doc_type, d.issuer) if part)
    lines = [
        f"Tệp: {file_name}",
        f"Số: {d.number or 'không rõ'}" + (f" ({kind})" if kind else ""),
        f"Ngày: {_date(d.date)}",
        f"Trích yếu: {d.title or 'không rõ'}",
        f"Các mục ({len(d.sections)}):",
    ]
    lines += [f"  {s.path}. {s.heading}" for s in d.sections]
    lines.append(f"Văn bản dẫn chiếu ({len(d.references)}):")
    lines += [
        f"  {r.number}"
        + (f" ngày {_date(r.date)}" if r.date else "")
        + f" ({_RELATIONS.get(r.relation, r.relation)})"
        for r in d.references
    ]
    lines.append(f"Nhiệm vụ ({len(d.tasks)}):")
    lines += [f"  [{t.section}] {t.unit}: {_short(t.text)}" for t in d.tasks]
    lines.append(f"Hạn ({len(d.deadlines)}):")
    lines += [f"  {when_text(x)} [{x.section}]: {_short(x.text)}" for x in d.deadlines]
    if d.recipients:
        lines.append("Nơi nhận: " + "; ".join(d.recipients))
    signer = " — ".join(" ".join(p.split()) for p in (d.signer.title, d.signer.name) if p)
    if signer:
        lines.append(f"Người ký: {signer}")
    return lines


def _date(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else "chưa rõ ngày"


def _short(text: str, limit: int = 100) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "…"
