"""Verify benchmarks/blind/gold.json: JSON loads, files exist, every fact and deadline text
occurs in its document (diacritics and case folded, whitespace collapsed), counts printed.

    python3 benchmarks/blind/check_gold.py      # exit 1 on any error
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
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
DUE = re.compile(r"^(\d{4}-\d{2}-\d{2}|\d{4}-\d{2}|\d{4}-Q[1-4]|recurring|unspecified)$")
RECURRENCES = (None, "monthly", "quarterly", "6-monthly", "yearly")
KINDS = {"deadline", "signer", "unit_tasks", "implements", "issued", "requires", "recipients"}
KINDS |= {"other", "none"}


def fold(text: str) -> str:
    """Diacritics removed, Đ→D, lower case, whitespace collapsed."""
    text = text.replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFD", text)
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    return " ".join(text.lower().split())


def pieces(text: str) -> list[str]:
    """The parts of a labelled phrase between its '...' omission marks."""
    return [p.strip() for p in text.split("...") if p.strip()]


def check_doc(name: str, doc: dict[str, Any], text: str) -> list[str]:
    """Errors of one document's labels."""
    errors = [f"{name}: keys {sorted(set(doc) ^ DOC_KEYS)}"] if set(doc) != DOC_KEYS else []
    for field in ("number", "signer"):
        if doc[field] and fold(doc[field]) not in text:
            errors.append(f"{name}: {field} {doc[field]!r} not in text")
    for number in doc["implements"]:
        if fold(number) not in text.replace(" ", ""):
            errors.append(f"{name}: implements {number!r} not in text")
    for item in doc["deadlines"]:
        if set(item) != DEADLINE_KEYS:
            errors.append(f"{name}: deadline keys {sorted(item)}")
        if not DUE.match(item["due"]):
            errors.append(f"{name}: bad due {item['due']!r}")
        if item["recurrence"] not in RECURRENCES:
            errors.append(f"{name}: bad recurrence {item['recurrence']!r}")
        if item["recurrence"] is not None and item["due"] != "recurring":
            errors.append(f"{name}: recurrence without 'recurring' due: {item['text']!r}")
        missing = [p for p in pieces(item["text"]) if fold(p) not in text]
        errors += [f"{name}: deadline text not found: {p!r}" for p in missing]
    return errors


def check_questions(gold: dict[str, Any], texts: dict[str, str]) -> list[str]:
    """Errors of the questions: kind, file, facts present in the document."""
    errors = []
    for q in gold["questions"]:
        if q["kind"] not in KINDS:
            errors.append(f"bad kind {q['kind']!r}: {q['q']}")
        if q["no_diacritics"] != q["q"].isascii():
            errors.append(f"no_diacritics wrong: {q['q']}")
        if q["kind"] == "none":
            if q["fact"]:
                errors.append(f"'none' question with facts: {q['q']}")
            continue
        if q["file"] not in texts:
            errors.append(f"question file missing: {q['file']}")
            continue
        missing = [f for f in q["fact"] if fold(f) not in texts[q["file"]]]
        errors += [f"fact not found in {q['file']}: {f!r}" for f in missing]
    return errors


def due_kind(due: str) -> str:
    """day / month / quarter for a dated due, else the word itself."""
    if due in ("recurring", "unspecified"):
        return due
    return "quarter" if "Q" in due else "day" if len(due) == 10 else "month"


def counts(gold: dict[str, Any]) -> list[str]:
    """Lines of figures about the set."""
    docs, qs = gold["docs"], gold["questions"]
    sizes = sorted(len((HERE / "docs" / n).read_text(encoding="utf-8")) for n in docs)
    kinds = Counter(due_kind(i["due"]) for d in docs.values() for i in d["deadlines"])
    no_deadline = sum(not d["deadlines"] for d in docs.values())
    return [
        f"docs={len(docs)} chars={sum(sizes)} shortest={sizes[0]} longest={sizes[-1]} "
        f"median={(sizes[(len(sizes) - 1) // 2] + sizes[len(sizes) // 2]) // 2}",
        f"deadlines={sum(kinds.values())} {dict(sorted(kinds.items()))} docs_without={no_deadline}",
        f"questions={len(qs)} (no_diacritics={sum(q['no_diacritics'] for q in qs)}, "
        f"typo={sum(q['typo'] for q in qs)}) kinds={dict(Counter(q['kind'] for q in qs))}",
        f"lookups={len(gold['lookups'])} "
        f"doc_types={dict(Counter(d['doc_type'] for d in docs.values()))}",
    ]


def main() -> int:
    """Run every check; print figures and errors; 1 when anything is wrong."""
    gold = json.loads((HERE / "gold.json").read_text(encoding="utf-8"))
    errors: list[str] = []
    texts: dict[str, str] = {}
    for name in gold["docs"]:
        path = HERE / "docs" / name
        if path.exists():
            texts[name] = fold(path.read_text(encoding="utf-8"))
        else:
            errors.append(f"missing doc file {name}")
    extra = {p.name for p in (HERE / "docs").glob("*.txt")} - set(gold["docs"])
    errors += [f"doc file without gold entry: {n}" for n in sorted(extra)]
    for name, doc in gold["docs"].items():
        errors += check_doc(name, doc, texts.get(name, ""))
    errors += check_questions(gold, texts)
    per_doc = Counter(q["file"] for q in gold["questions"] if q["kind"] != "none")
    per_lookup = Counter(item["file"] for item in gold["lookups"])
    for name in gold["docs"]:
        if not 6 <= per_doc[name] <= 8:
            errors.append(f"{name}: {per_doc[name]} questions (want 6-8)")
        if per_lookup[name] < 2:
            errors.append(f"{name}: {per_lookup[name]} lookups (want 2)")
    lost = [x["file"] for x in gold["lookups"] if x["file"] not in texts]
    errors += [f"lookup file missing: {name}" for name in lost]
    print("\n".join(counts(gold)))
    if errors:
        print("ERRORS:\n  " + "\n  ".join(errors))
        return 1
    print("all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
