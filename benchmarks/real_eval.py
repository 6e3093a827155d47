"""Quality on the real-document dev set (../shared/corpus/real), driving the CLI as a black box.

    .venv/bin/python benchmarks/real_eval.py [--corpus DIR] [--seeds DIR] [--details PATH]
        [--out PATH]

Everything runs through `python -m bot` in a throwaway database (DATABASE_URL in a temp dir,
SAMPLES_DIR an empty dir), after `ingest --json` of the corpus docs plus the seeds as
distractors. Prints one JSON object and writes it to benchmarks/results/real_eval.json (or --out).

Rules (all text is *folded*: diacritics removed, Đ→D, lower case, whitespace collapsed):
* parse, one `parse FILE --json` per document, field by field against gold.json:
  number — folded, spaces removed, equal; date — equal ISO date; signer — folded words of
  `signer.name` equal the gold name; doc_type — folded code equal (QĐ = QD); a null gold is
  matched only by null/empty output. issuer — the folded words of the output equal the gold
  issuer (or the gold with its "(…)" labeller addition removed), or the output is a run of the
  gold's words covering ≥ half of them (a header cut by a line wrap), or contains the gold
  with ≤ 2 extra words, or shares ≥ 80% of the larger word set, or its part after the last
  " - " (a two-line header "SUPERIOR - BODY") equals the gold body. Abbreviations are not
  expanded: "UBND" for "ỦY BAN NHÂN DÂN TỈNH NGHỆ AN" is wrong (it loses the province).
  implements — the set of normalised numbers of `references` whose relation is `implements`
  or `based_on` equals the gold set; precision/recall of these numbers are reported too.
  "all fields" = the six fields right in one document; mean_field = mean of the six rates.
* deadlines — a parsed deadline's value: `recurrence` non-null (or due/kind "recurring") →
  recurring; else `due` (or `period`) of the form YYYY-MM-DD / YYYY-MM / YYYY-Qn → day / month
  / quarter; anything else, null included → unspecified. A gold deadline is found when a
  parsed deadline of the same document, not already matched, has an equal value (a gold
  recurrence of null accepts any recurrence; gold "6-monthly" = CLI "half-yearly") and their
  texts overlap: the adjacent folded word pairs they share are ≥ 50% of the pairs of the
  shorter text (the gold phrase, cut at "...", or the parsed sentence), ≥ 30% when the gold has
  a date/month/quarter and only one parsed deadline has it. Pairs are taken best overlap first.
  Recall = found / gold (also by kind); precision = matched parsed / all parsed, over every
  document (spurious deadlines in documents with no gold ones count). `text_only` repeats the
  match without the value check: how many deadline clauses were located at all.
  `issue_style` is the issue's measure, many-to-one: recall = gold items that some parsed
  deadline states with an equal value and an overlapping text (one parsed sentence may
  state several gold items: "trong Quý I ... trong Quý II" is two gold items, one
  sentence); precision = parsed deadlines whose text overlaps some gold item of their
  document, value ignored (a real deadline the gold does not list counts as wrong in both
  measures).
* lookup — `lookup --batch --json`; hit@k when `matches[i].file` equals the gold file, i < k.
* ask — `ask --batch --json` (default "today"); hit@k by `sources[i].file`; "states the fact"
  when a gold fact, folded, occurs in the folded answer; `fact_any_date_form` also reads
  "05 tháng 12 năm 2025" and "05/12/2025" as the same date. Also by question kind.
  A question of kind "none" (or with no facts) has no answer in the documents: it counts as
  right (hit@1, hit@3, fact) only when the answer's first paragraph says so ("chưa thấy",
  "không có nội dung", "không nêu", … folded); `false_not_found` is the part of the other
  questions answered that way. The baseline is scored on the answerable questions only.
* baseline — bm25s over paragraphs (non-empty lines, the corpus's paragraph unit) of all
  documents, tokens = folded syllables; the files of the ranked paragraphs, deduplicated in
  order, give hit@1/hit@3; "states the fact" checks the top paragraph.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import bm25s

sys.path.insert(0, str(Path(__file__).resolve().parent))
import real_eval_match as rules  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "real_eval.json"
FIELDS = ("number", "date", "signer", "doc_type", "issuer", "implements")
WORKERS = 4  # parse runs are one process each; four keep two cores busy


def log(message: str) -> None:
    """Progress on stderr."""
    print(message, file=sys.stderr, flush=True)


def rate(hits: int, n: int) -> float:
    """hits / n, rounded, 0 for no items."""
    return round(hits / n, 4) if n else 0.0


class Cli:
    """`python -m bot` in a throwaway database, run from a scratch directory."""

    def __init__(self, scratch: Path) -> None:
        """Environment for a fresh SQLite file and no samples."""
        (scratch / "samples").mkdir()
        self.cwd = scratch  # no stray .env is read from the worktree
        self.env = dict(os.environ, PYTHONPATH=str(ROOT), SAMPLES_DIR=str(scratch / "samples"))
        self.env["DATABASE_URL"] = f"sqlite:///{scratch / 'x.db'}"

    def run(self, *args: str) -> str:
        """Stdout of one command; a failure stops the evaluation."""
        cmd = [sys.executable, "-m", "bot", *args]
        done = subprocess.run(cmd, cwd=self.cwd, env=self.env, capture_output=True, text=True)
        if done.returncode != 0:
            raise SystemExit(f"{' '.join(args[:2])} failed ({done.returncode}): {done.stderr}")
        return done.stdout

    def batch(self, command: str, queries: list[str]) -> list[dict[str, Any]]:
        """One JSON object per query, in order."""
        path = self.cwd / f"{command}.txt"
        path.write_text("\n".join(" ".join(q.split()) for q in queries) + "\n", encoding="utf-8")
        lines = self.run(command, "--batch", str(path), "--json").splitlines()
        rows = [json.loads(line) for line in lines if line.strip()]
        if len(rows) != len(queries):
            raise SystemExit(f"{command}: {len(rows)} answers for {len(queries)} queries")
        return rows


def score_parse(gold: dict[str, Any], parsed: dict[str, Any]) -> tuple[dict[str, Any], list]:
    """Per-field accuracy, all-fields rate, implements P/R; failed fields as details."""
    right: Counter[str] = Counter()
    failures: list[dict[str, Any]] = []
    all_right = tp = n_got = n_gold = 0
    for name, doc in gold.items():
        fields = rules.parse_fields(doc, parsed[name])
        right.update(f for f in FIELDS if fields[f][0])
        all_right += all(ok for ok, _ in fields.values())
        failures += [
            {"file": name, "field": f, "expected": doc[f], "got": got}
            for f, (ok, got) in fields.items()
            if not ok
        ]
        got_impl = rules.implements_of(parsed[name])
        gold_impl = {rules.norm_number(n) for n in doc["implements"]}
        tp += len(got_impl & gold_impl)
        n_got, n_gold = n_got + len(got_impl), n_gold + len(gold_impl)
    summary = {f: rate(right[f], len(gold)) for f in FIELDS}
    summary.update(n=len(gold), all_fields=rate(all_right, len(gold)))
    summary["mean_field"] = round(sum(summary[f] for f in FIELDS) / len(FIELDS), 4)
    summary["implements_precision"] = rate(tp, n_got)
    summary["implements_recall"] = rate(tp, n_gold)
    return summary, failures


def score_deadlines(gold: dict[str, Any], parsed: dict[str, Any]) -> tuple[dict[str, Any], list]:
    """Recall overall and by kind, precision over all parsed deadlines; every item as detail."""
    found: Counter[str] = Counter()
    found_many: Counter[str] = Counter()
    total: Counter[str] = Counter()
    details: list[dict[str, Any]] = []
    n_parsed = n_matched = n_on_gold = 0
    for name, doc in gold.items():
        got = parsed[name].get("deadlines") or []
        pairs = rules.match_deadlines(doc["deadlines"], got)
        n_parsed, n_matched = n_parsed + len(got), n_matched + len(pairs)
        many = rules.gold_found_many(doc["deadlines"], got)
        n_on_gold += len(rules.parsed_on_gold(doc["deadlines"], got))
        for gi, g in enumerate(doc["deadlines"]):
            kind = rules.gold_value(g)[0]
            total[kind] += 1
            found_many[kind] += gi in many
            pi, score = pairs.get(gi, (None, 0.0))
            found[kind] += pi is not None
            item = {"file": name, "gold": g["text"], "due": g["due"], "kind": kind}
            item.update(recurrence=g["recurrence"], matched=pi is not None, overlap=score)
            item["parsed"] = got[pi]["text"] if pi is not None else None
            details.append(item)
        used = {pi for pi, _ in pairs.values()}
        details += [
            {"file": name, "unmatched_parsed": p.get("text"), "value": rules.parsed_value(p), **p}
            for pi, p in enumerate(got)
            if pi not in used
        ]
    summary: dict[str, Any] = {"gold": sum(total.values()), "parsed": n_parsed}
    summary.update(recall=rate(sum(found.values()), sum(total.values())))
    summary.update(precision=rate(n_matched, n_parsed))
    located = sum(
        len(rules.match_deadlines(d["deadlines"], parsed[n].get("deadlines") or [], False))
        for n, d in gold.items()
    )
    summary["text_only"] = {
        "recall": rate(located, summary["gold"]),
        "precision": rate(located, n_parsed),
    }
    summary["recall_by_kind"] = {
        k: {"n": total[k], "recall": rate(found[k], total[k])} for k in sorted(total)
    }
    summary["issue_style"] = {
        "recall": rate(sum(found_many.values()), summary["gold"]),
        "precision": rate(n_on_gold, n_parsed),
        "recall_by_kind": {k: rate(found_many[k], total[k]) for k in sorted(total)},
    }
    return summary, details


def summarise(items: list[dict[str, Any]], keys: tuple[str, ...]) -> dict[str, Any]:
    """Rates of boolean keys over items, overall and by question kind when there is one."""
    out = rates(items, keys)
    kinds = sorted({i["kind"] for i in items if "kind" in i})
    if kinds:
        out["by_kind"] = {k: rates([i for i in items if i["kind"] == k], keys) for k in kinds}
    return out


def rates(items: list[dict[str, Any]], keys: tuple[str, ...]) -> dict[str, Any]:
    """n and the rate of each boolean key."""
    return {"n": len(items)} | {k: rate(sum(i[k] for i in items), len(items)) for k in keys}


def score_lookups(lookups: list[dict[str, Any]], rows: list[dict[str, Any]]) -> list[dict]:
    """Each lookup with its found files and hits."""
    items = []
    for item, row in zip(lookups, rows, strict=True):
        files = [m.get("file") or "" for m in row["matches"]]
        at1, at3 = rules.hits(files, item["file"])
        items.append(
            {"q": item["q"], "file": item["file"], "found": files[:3], "hit@1": at1, "hit@3": at3}
        )
    return items


def score_questions(questions: list[dict[str, Any]], rows: list[dict[str, Any]]) -> list[dict]:
    """Each question with our answer, sources and outcome."""
    items = []
    for q, row in zip(questions, rows, strict=True):
        files = list(dict.fromkeys(s.get("file") or "" for s in row["sources"]))
        said_none = rules.says_not_found(row["answer"])
        if rules.is_none(q):  # right only when the answer says that no document answers
            at1 = at3 = fact = fact_any = said_none
        else:
            at1, at3 = rules.hits(files, q["file"])
            fact = rules.states_fact(row["answer"], q["fact"])
            fact_any = rules.states_fact(row["answer"], q["fact"], True)
        items.append(
            {
                "q": q["q"],
                "kind": "none" if rules.is_none(q) else q["kind"],
                "file": q.get("file"),
                "fact": q.get("fact") or [],
                "hit@1": at1,
                "hit@3": at3,
                "fact_stated": fact,
                "fact_any_date_form": fact_any,
                "false_not_found": said_none and not rules.is_none(q),
                "answer": row["answer"],
                "sources": [(s.get("file"), s.get("section")) for s in row["sources"]],
            }
        )
    return items


def baseline(files: list[Path], questions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Plain bm25s over folded-syllable paragraphs: per question, hits and top-paragraph fact."""
    rows = [(p.name, line) for p in files for line in p.read_text(encoding="utf-8").splitlines()]
    rows = [(name, line) for name, line in rows if line.strip()]
    retriever = bm25s.BM25()
    retriever.index([rules.words(line) for _, line in rows], show_progress=False)
    vocab = retriever.vocab_dict
    items = []
    for q in questions:
        known = [w for w in rules.words(q["q"]) if w in vocab]
        ids: list[int] = []
        if known:
            found, _ = retriever.retrieve([known], k=min(60, len(rows)), show_progress=False)
            ids = found[0].tolist()
        ranked = list(dict.fromkeys(rows[i][0] for i in ids))
        at1, at3 = rules.hits(ranked, q["file"])
        top = rows[ids[0]][1] if ids else ""
        fact = rules.states_fact(top, q["fact"])
        items.append(
            {"q": q["q"], "kind": q["kind"], "hit@1": at1, "hit@3": at3, "fact_stated": fact}
        )
    return items


def evaluate(
    corpus: Path, seeds: Path, with_baseline: bool = True
) -> tuple[dict[str, Any], dict[str, Any]]:
    """All figures and the per-item details (the bm25s baseline reads .txt documents only)."""
    gold = json.loads((corpus / "gold.json").read_text(encoding="utf-8"))
    docs = [corpus / "docs" / name for name in gold["docs"]]
    distractors = sorted(seeds.glob("*.txt"))
    with tempfile.TemporaryDirectory(prefix="real_eval_") as tmp:
        cli = Cli(Path(tmp))
        log(f"ingesting {len(docs)} documents and {len(distractors)} seeds ...")
        report = json.loads(cli.run("ingest", "--json", *map(str, docs + distractors)))
        log(f"parsing {len(docs)} documents ...")
        with ThreadPoolExecutor(WORKERS) as pool:
            outs = pool.map(lambda p: json.loads(cli.run("parse", str(p), "--json")), docs)
            parsed = dict(zip(gold["docs"], outs, strict=True))
        log(f"{len(gold['lookups'])} lookups, {len(gold['questions'])} questions ...")
        looked = cli.batch("lookup", [x["q"] for x in gold["lookups"]])
        asked = cli.batch("ask", [x["q"] for x in gold["questions"]])
    parse_summary, parse_failures = score_parse(gold["docs"], parsed)
    deadline_summary, deadline_items = score_deadlines(gold["docs"], parsed)
    lookups = score_lookups(gold["lookups"], looked)
    questions = score_questions(gold["questions"], asked)
    result = {
        "corpus": os.path.relpath(corpus, ROOT),
        "documents": len(docs),
        "distractors": len(distractors),
        "ingest": {k: len(report.get(k, [])) for k in ("ingested", "skipped", "errors")},
        "parse": parse_summary,
        "deadlines": deadline_summary,
        "lookup": summarise(lookups, ("hit@1", "hit@3")),
        "ask": summarise(
            questions, ("hit@1", "hit@3", "fact_stated", "fact_any_date_form", "false_not_found")
        ),
    }
    if with_baseline:
        log("bm25s baseline ...")
        answerable = [q for q in gold["questions"] if not rules.is_none(q)]
        base = baseline(docs + distractors, answerable)
        result["baseline_bm25s"] = summarise(base, ("hit@1", "hit@3", "fact_stated"))
    details = {
        "parse_failures": parse_failures,
        "deadlines": deadline_items,
        "lookups": lookups,
        "questions": questions,
    }
    return result, details


def main() -> None:
    """Run, print the figures, write results (and details when asked)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "real")
    parser.add_argument("--seeds", type=Path, default=ROOT.parent / "shared" / "corpus" / "seeds")
    parser.add_argument("--details", type=Path, help="write per-item outcomes here (JSON)")
    parser.add_argument("--out", type=Path, default=RESULTS, help="where the JSON result goes")
    args = parser.parse_args()
    result, details = evaluate(args.corpus.absolute(), args.seeds.absolute())
    text = json.dumps(result, ensure_ascii=False, indent=2)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text + "\n", encoding="utf-8")
    if args.details:
        args.details.write_text(json.dumps(details, ensure_ascii=False, indent=1), encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
