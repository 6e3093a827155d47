"""Sanity checks for a corpus's gold labels (benchmarks/blind, benchmarks/blind2, or any
directory laid out as shared/corpus/real); prints counts, exits 1 on any error.

    python3 benchmarks/check_gold.py benchmarks/blind2

Checks: gold.json loads; every labelled file exists and every file is labelled; keys and value
formats follow shared/corpus/real/README.md; the number, signer, every implemented number, every
deadline phrase (each part between "...") and every question fact occurs in its document, compared
folded (diacritics and case removed, Đ→D, whitespace collapsed; numbers also with spaces removed).
Only verifies labels: it never reads the product's code or output.
"""

from __future__ import annotations

import json
import re
import statistics
import sys
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any

DOC_KEYS = {
    "source",
    "number",
    "doc_type",
    "doc_type_name",
    "issuer",
    "date",
    "signer",
    "signer_title",
    "implements",
    "deadlines",
    "units",
}
DEADLINE_KEYS = {"text", "due", "recurrence", "unit", "what"}
QUESTION_KEYS = {"q", "file", "fact", "kind", "no_diacritics", "typo"}
KINDS = {
    "deadline",
    "signer",
    "unit_tasks",
    "implements",
    "issued",
    "requires",
    "recipients",
    "other",
    "none",
}
RECURRENCES = {None, "monthly", "quarterly", "6-monthly", "yearly"}
DUE = re.compile(r"^(\d{4}-\d{2}-\d{2}|\d{4}-\d{2}|\d{4}-Q[1-4]|recurring|unspecified)$")


def fold(text: str) -> str:
    """Diacritics and case removed, Đ→D, whitespace collapsed."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(c for c in text if unicodedata.category(c) != "Mn")
    return re.sub(r"\s+", " ", text).lower().strip()


def squeeze(text: str) -> str:
    """Folded with every space removed: printed numbers carry stray spaces ("30 -TB/ĐU")."""
    return fold(text).replace(" ", "")


def due_kind(due: str) -> str:
    """The shape of a gold `due`: day, month, quarter, recurring or unspecified."""
    if due in ("recurring", "unspecified"):
        return due
    if "Q" in due:
        return "quarter"
    return "day" if len(due) == 10 else "month"


def in_order(phrase: str, text: str) -> bool:
    """Whether the parts of a phrase split at "..." occur in the text, in that order."""
    pos = 0
    for part in (fold(p) for p in phrase.split("...")):
        if not part:
            continue
        found = text.find(part, pos)
        if found < 0:
            return False
        pos = found + len(part)
    return True


def check_doc(name: str, doc: dict[str, Any], text: str, errors: list[str]) -> None:
    """Field formats and occurrence in the text of one document's labels."""
    if set(doc) != DOC_KEYS:
        errors.append(f"{name}: keys differ by {sorted(set(doc) ^ DOC_KEYS)}")
        return
    if doc["date"] is not None and not re.match(r"^\d{4}-\d{2}-\d{2}$", doc["date"]):
        errors.append(f"{name}: bad date {doc['date']}")
    if doc["number"] and squeeze(doc["number"]) not in text.replace(" ", ""):
        errors.append(f"{name}: number {doc['number']} not in text")
    if doc["signer"] and fold(doc["signer"]) not in text:
        errors.append(f"{name}: signer {doc['signer']} not in text")
    if doc["signer_title"] and fold(doc["signer_title"]) not in text:
        errors.append(f"{name}: signer_title {doc['signer_title']} not in text")
    for number in doc["implements"]:
        if squeeze(number) not in text.replace(" ", ""):
            errors.append(f"{name}: implemented number {number} not in text")
    for unit in doc["units"]:
        if fold(unit) not in text:
            errors.append(f"{name}: unit {unit!r} not in text")
    for item in doc["deadlines"]:
        check_deadline(name, item, text, errors)


def check_deadline(name: str, item: dict[str, Any], text: str, errors: list[str]) -> None:
    """Keys, value format and text occurrence of one gold deadline."""
    if set(item) != DEADLINE_KEYS:
        errors.append(f"{name}: deadline keys differ by {sorted(set(item) ^ DEADLINE_KEYS)}")
        return
    if not DUE.match(item["due"]):
        errors.append(f"{name}: bad due {item['due']}")
    if item["recurrence"] not in RECURRENCES:
        errors.append(f"{name}: bad recurrence {item['recurrence']}")
    if item["recurrence"] and item["due"] != "recurring":
        errors.append(f"{name}: recurrence set on a non-recurring deadline {item['text']!r}")
    if not in_order(item["text"], text):
        errors.append(f"{name}: deadline text not in document: {item['text']!r}")


def check_questions(g: dict[str, Any], texts: dict[str, str], errors: list[str]) -> Counter:
    """Every question well formed and its facts in its document; questions per file."""
    per_doc: Counter = Counter()
    for q in g["questions"]:
        if set(q) != QUESTION_KEYS:
            errors.append(f"question keys differ: {q.get('q')!r}")
            continue
        if q["kind"] not in KINDS:
            errors.append(f"bad kind {q['kind']} in {q['q']!r}")
        if q["kind"] == "none":
            if q["file"] is not None or q["fact"]:
                errors.append(f"'none' question with a file or facts: {q['q']!r}")
            continue
        if q["file"] not in texts:
            errors.append(f"question file missing: {q['file']} ({q['q']!r})")
            continue
        per_doc[q["file"]] += 1
        # A question on a document with no facts asks what it does not say: real_eval
        # scores it as a "none" question (the answer must say the document sets none).
        for fact in q["fact"]:
            if fold(fact) not in texts[q["file"]]:
                errors.append(f"fact not found in {q['file']}: {fact!r}")
    return per_doc


def report(g: dict[str, Any], sizes: list[int]) -> None:
    """Print the counts the README quotes."""
    docs, qs = g["docs"], g["questions"]
    deadlines = [d for doc in docs.values() for d in doc["deadlines"]]
    print(
        f"docs={len(docs)} chars={sum(sizes)} (min {min(sizes)}, "
        f"median {statistics.median(sizes):.0f}, max {max(sizes)})"
    )
    print(f"doc_types: {dict(Counter(d['doc_type'] for d in docs.values()))}")
    by_kind = Counter(due_kind(d["due"]) for d in deadlines)
    print(f"deadlines={len(deadlines)} by kind: {dict(by_kind)}")
    print(f"recurrence: {dict(Counter(d['recurrence'] for d in deadlines if d['recurrence']))}")
    no_dl = [n for n, d in docs.items() if not d["deadlines"]]
    print(f"documents without deadlines: {no_dl}")
    nd = sum(q["no_diacritics"] for q in qs)
    typo = sum(q["typo"] for q in qs)
    print(f"questions={len(qs)} (no_diacritics={nd}, typo={typo})")
    print(f"question kinds: {dict(Counter(q['kind'] for q in qs))}")
    print(f"lookups={len(g['lookups'])}")


def main() -> int:
    """Run every check on the corpus named by argv[1]; 0 when all pass, 1 otherwise."""
    if len(sys.argv) != 2:
        print("usage: python3 benchmarks/check_gold.py CORPUS_DIR", file=sys.stderr)
        return 2
    corpus = Path(sys.argv[1])
    g = json.loads((corpus / "gold.json").read_text(encoding="utf-8"))
    errors: list[str] = []
    texts: dict[str, str] = {}
    sizes: list[int] = []
    for name in g["docs"]:
        path = corpus / "docs" / name
        if not path.exists():
            errors.append(f"missing doc file {name}")
            continue
        raw = path.read_text(encoding="utf-8")
        sizes.append(len(raw))
        texts[name] = fold(raw)
    for path in sorted((corpus / "docs").iterdir()):
        if path.name not in g["docs"]:
            errors.append(f"doc file without gold entry: {path.name}")
    for name, doc in g["docs"].items():
        check_doc(name, doc, texts.get(name, ""), errors)
    per_doc = check_questions(g, texts, errors)
    per_lookup = Counter(item["file"] for item in g["lookups"])
    for item in g["lookups"]:
        if item["file"] not in texts:
            errors.append(f"lookup file missing: {item['file']}")
    for name in g["docs"]:
        if per_doc[name] < 3:
            errors.append(f"{name}: only {per_doc[name]} questions")
        if per_lookup[name] < 2:
            errors.append(f"{name}: only {per_lookup[name]} lookups")
    report(g, sizes or [0])
    if errors:
        print("ERRORS:")
        for error in errors:
            print(" ", error)
        return 1
    print("all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
