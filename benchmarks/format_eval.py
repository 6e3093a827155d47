"""Quality on the real documents when they arrive as Word or PDF files instead of .txt.

    .venv/bin/python benchmarks/format_eval.py [--corpus DIR] [--seeds DIR]
        [--formats txt,docx,pdf] [--keep DIR] [--details DIR] [--out PATH]

Each document of the real corpus (../shared/corpus/real, gold.json) is laid out as an
office does (benchmarks/format_layout.py) and written as
- docx: a Word file (header table, body paragraphs, data tables, closing table);
- pdf: an A4 PDF set with reportlab (justified, indented, page numbers, running header);
- lo_pdf: the .docx converted by LibreOffice (`--convert-to pdf`), only when `soffice`
  or `libreoffice` is on the PATH (CI does without it).
The files go to a temporary corpus (docs/ and a gold.json whose file names are the new
ones), scored by benchmarks/real_eval.py's evaluate, exactly as the .txt baseline is.
Prints one JSON object per format (parse, deadlines, lookup, ask figures) and writes them
all to benchmarks/results/format_eval.json (or --out). --keep writes the generated files
there for inspection; --details writes each format's per-item outcomes.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import real_eval  # noqa: E402
from format_layout import split_layout  # noqa: E402
from format_write import write_docx, write_pdf  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "format_eval.json"
OFFICE = shutil.which("soffice") or shutil.which("libreoffice")
FORMATS = ("txt", "docx", "pdf", *(("lo_pdf",) if OFFICE else ()))
EXTENSION = {"docx": ".docx", "pdf": ".pdf", "lo_pdf": ".pdf"}


def convert(source: Path, fmt: str, target_dir: Path) -> Path:
    """Write one .txt document in the format; returns the new file."""
    layout = split_layout(source.read_text(encoding="utf-8"))
    target = target_dir / (source.stem + EXTENSION[fmt])
    if fmt == "pdf":
        write_pdf(layout, target)
        return target
    docx = target if fmt == "docx" else target_dir / "lo" / (source.stem + ".docx")
    docx.parent.mkdir(exist_ok=True)
    write_docx(layout, docx)
    if fmt == "lo_pdf":
        command = [str(OFFICE), "--headless", "--convert-to", "pdf", "--outdir", str(target_dir)]
        subprocess.run([*command, str(docx)], check=True, capture_output=True, timeout=300)
    return target


def renamed(gold: dict[str, Any], names: dict[str, str]) -> dict[str, Any]:
    """gold.json with every file name mapped to the converted file's."""
    out = dict(gold)
    out["docs"] = {names[name]: doc for name, doc in gold["docs"].items()}
    for key in ("lookups", "questions"):
        out[key] = [
            {**item, "file": names.get(item.get("file") or "", item.get("file"))}
            for item in gold[key]
        ]
    return out


def build_corpus(corpus: Path, fmt: str, target: Path) -> Path:
    """A corpus directory of the converted documents and their gold.json."""
    gold = json.loads((corpus / "gold.json").read_text(encoding="utf-8"))
    docs = target / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    names = {name: convert(corpus / "docs" / name, fmt, docs).name for name in gold["docs"]}
    text = json.dumps(renamed(gold, names), ensure_ascii=False, indent=1)
    (target / "gold.json").write_text(text, encoding="utf-8")
    return target


def figures(result: dict[str, Any]) -> dict[str, Any]:
    """The figures compared across formats."""
    parse, deadlines = result["parse"], result["deadlines"]
    ask, lookup = result["ask"], result["lookup"]
    fields = {f: parse[f] for f in real_eval.FIELDS}
    return {
        "parse": {"all_fields": parse["all_fields"], "mean_field": parse["mean_field"], **fields},
        "deadlines": {
            "recall": deadlines["recall"],
            "precision": deadlines["precision"],
            "text_only_recall": deadlines["text_only"]["recall"],
        },
        "lookup": {"hit@1": lookup["hit@1"], "hit@3": lookup["hit@3"]},
        "ask": {k: ask[k] for k in ("hit@1", "hit@3", "fact_stated", "false_not_found")},
        "ingest": result["ingest"],
    }


def run_format(fmt: str, args: argparse.Namespace, scratch: Path) -> dict[str, Any]:
    """Convert (unless txt), evaluate, and return the figures with the time taken."""
    start = time.monotonic()
    corpus = args.corpus
    if fmt != "txt":
        real_eval.log(f"[{fmt}] writing the documents ...")
        target = (args.keep / fmt) if args.keep else scratch / fmt
        corpus = build_corpus(args.corpus, fmt, target)
    made = time.monotonic() - start
    result, details = real_eval.evaluate(corpus, args.seeds, with_baseline=fmt == "txt")
    if args.details:
        args.details.mkdir(parents=True, exist_ok=True)
        path = args.details / f"format_eval_{fmt}.json"
        path.write_text(json.dumps(details, ensure_ascii=False, indent=1), encoding="utf-8")
    out = figures(result)
    if "baseline_bm25s" in result:
        out["baseline_bm25s"] = result["baseline_bm25s"]
    out["seconds"] = {"convert": round(made, 1), "total": round(time.monotonic() - start, 1)}
    return out


def main() -> None:
    """Run every format, print and write the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "real")
    parser.add_argument("--seeds", type=Path, default=ROOT.parent / "shared" / "corpus" / "seeds")
    parser.add_argument("--formats", default=",".join(FORMATS), help="comma-separated formats")
    parser.add_argument("--keep", type=Path, help="write the generated files here")
    parser.add_argument("--details", type=Path, help="write per-item outcomes to this folder")
    parser.add_argument("--out", type=Path, default=RESULTS, help="where the JSON result goes")
    args = parser.parse_args()
    args.corpus, args.seeds = args.corpus.absolute(), args.seeds.absolute()
    formats = [f for f in args.formats.split(",") if f]
    unknown = set(formats) - {"txt", "docx", "pdf", "lo_pdf"}
    if unknown or ("lo_pdf" in formats and not OFFICE):
        raise SystemExit(f"formats not available here: {sorted(unknown) or ['lo_pdf']}")
    result: dict[str, Any] = {"corpus": os.path.relpath(args.corpus, ROOT), "formats": {}}
    with tempfile.TemporaryDirectory(prefix="format_eval_") as tmp:
        for fmt in formats:
            result["formats"][fmt] = run_format(fmt, args, Path(tmp))
    text = json.dumps(result, ensure_ascii=False, indent=2)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text + "\n", encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
