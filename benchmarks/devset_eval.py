"""Quality on the development set: hit@1 and hit@3 for questions and lookups.

Ours is `answer_question` and `Library.lookup` over the five seed documents; the baseline
is plain bm25s with its default tokenizer over the same sections. A question hits when a
source among the first k has the expected file and section (file only when the expected
section is null); a lookup hits when a match among the first k has the expected number
(or the expected file for title lookups). The baseline only finds sections, so its lookup
hit is the expected file.

    python benchmarks/devset_eval.py      # prints the table, writes results/devset.json
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

import bm25s  # noqa: E402

from knowledge.answer.ask import answer_question  # noqa: E402
from knowledge.model import Section  # noqa: E402
from knowledge.parse.directive import parse_text  # noqa: E402
from knowledge.search.library import Library  # noqa: E402
from knowledge.search.library_doc import LibraryDoc  # noqa: E402
from knowledge.vi.textnorm import fold  # noqa: E402

SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"
DEVSET = ROOT / "tests" / "devset"
RESULTS = ROOT / "benchmarks" / "results" / "devset.json"
TODAY = date(2024, 5, 2)  # the dialog tests' clock: "hạn nộp báo cáo 6 tháng" means 2024
Found = list[tuple[str, str | None]]  # (file, section or number) in rank order


@dataclass
class Score:
    """Hits at 1 and 3 over n items, and the items missed at 1."""

    n: int = 0
    hit1: int = 0
    hit3: int = 0
    missed: list[str] | None = None

    def rates(self) -> dict[str, Any]:
        """The JSON form: counts and rates."""
        return {
            "n": self.n,
            "hit@1": round(self.hit1 / self.n, 4) if self.n else 0.0,
            "hit@3": round(self.hit3 / self.n, 4) if self.n else 0.0,
        }


def load(name: str) -> list[dict[str, Any]]:
    """One dev-set file as a list of labelled items."""
    lines = (DEVSET / name).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def seed_library() -> Library:
    """The library built from the seed documents, as ingest would store them."""
    files = sorted(SEEDS.glob("*.txt"))
    docs = [
        LibraryDoc.from_directive(i, p.name, parse_text(p.read_text(encoding="utf-8"), p.name))
        for i, p in enumerate(files, 1)
    ]
    return Library.build(docs)


def section_text(section: Section) -> str:
    """A section as the baseline indexes it: its heading, then its text."""
    if section.heading and not section.text.startswith(section.heading):
        return f"{section.heading}\n{section.text}"
    return section.text or section.heading


def _key(number: str | None) -> str:
    return fold(number or "").replace(" ", "")


def _hit(item: dict[str, Any], found: Found, lookup: bool) -> tuple[bool, bool]:
    def ok(file: str, second: str | None) -> bool:
        """Whether one found (file, section or number) is the labelled one."""
        if lookup and item.get("number") and second is not None:
            return _key(second) == _key(item["number"])
        if file != item["file"]:
            return False
        return lookup or item["section"] is None or second == item["section"]

    flags = [ok(f, s) for f, s in found[:3]]
    return bool(flags[:1] and flags[0]), any(flags)


def _score(items: list[dict[str, Any]], run: Callable[[str], Found], lookup: bool) -> Score:
    score = Score(missed=[])
    for item in items:
        at1, at3 = _hit(item, run(item["q"]), lookup)
        score.n += 1
        score.hit1 += at1
        score.hit3 += at3
        if not at1 and score.missed is not None:
            score.missed.append(item["q"])
    return score


def ours(library: Library) -> tuple[Callable[[str], Found], Callable[[str], Found]]:
    """Question and lookup runners for our answer_question and Library.lookup."""

    def ask(q: str) -> Found:
        """The sources of our answer, in order."""
        return [(s.file, s.section) for s in answer_question(library, q, TODAY).sources]

    def look(q: str) -> Found:
        """The matches of our lookup, in order (cited-only ones by their citing file)."""
        return [(m.file or _citing_file(m.cited_by), m.number) for m in library.lookup(q).matches]

    return ask, look


def _citing_file(cited_by: list[tuple[str | None, str]]) -> str:
    return cited_by[0][1] if cited_by else ""


def baseline(library: Library) -> Callable[[str], Found]:
    """Plain bm25s, default tokenizer, over the same sections; returns (file, section)."""
    rows = [(d.file, s.path, section_text(s)) for d in library.docs for s in d.directive.sections]
    retriever = bm25s.BM25()
    retriever.index(bm25s.tokenize([r[2] for r in rows], show_progress=False), show_progress=False)
    vocab = retriever.vocab_dict

    def run(q: str) -> Found:
        """The top three sections by plain bm25s."""
        tokens = bm25s.tokenize([q], return_ids=False, show_progress=False)[0]
        known = [t for t in tokens if t in vocab]
        if not known:
            return []
        ids, _ = retriever.retrieve([known], k=3, show_progress=False)
        return [(rows[i][0], rows[i][1]) for i in ids[0].tolist()]

    return run


def evaluate() -> dict[str, Any]:
    """Every figure of the report, with the items ours missed at 1."""
    library = seed_library()
    questions, lookups = load("questions.jsonl"), load("lookups.jsonl")
    ask, look = ours(library)
    base = baseline(library)
    scores = {
        "ours": {
            "questions": _score(questions, ask, False),
            "lookups": _score(lookups, look, True),
        },
        "baseline": {
            "questions": _score(questions, base, False),
            "lookups": _score(lookups, base, True),
        },
    }
    result: dict[str, Any] = {
        name: {kind: s.rates() for kind, s in parts.items()} for name, parts in scores.items()
    }
    result["missed"] = {kind: s.missed for kind, s in scores["ours"].items()}
    result["ours_by_note"] = {
        kind: _by_note(items, run, kind == "lookups")
        for kind, items, run in (("questions", questions, ask), ("lookups", lookups, look))
    }
    return result


def _by_note(
    items: list[dict[str, Any]], run: Callable[[str], Found], lookup: bool
) -> dict[str, Any]:
    """Hit rates per kind of wording (accented, unaccented, misspelt, paraphrase)."""
    notes = sorted({item["note"] for item in items})
    return {
        note: _score([i for i in items if i["note"] == note], run, lookup).rates() for note in notes
    }


def table(result: dict[str, Any]) -> str:
    """The figures as a small text table."""
    lines = [f"{'':10}{'kind':11}{'n':>4}{'hit@1':>8}{'hit@3':>8}"]
    for name in ("ours", "baseline"):
        for kind in ("questions", "lookups"):
            r = result[name][kind]
            lines.append(f"{name:10}{kind:11}{r['n']:>4}{r['hit@1']:>8.3f}{r['hit@3']:>8.3f}")
    return "\n".join(lines)


def main() -> None:
    """Print the table and the misses; write results/devset.json."""
    result = evaluate()
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    print(table(result))
    for kind, missed in result["missed"].items():
        for q in missed:
            print(f"missed {kind}: {q}")


if __name__ == "__main__":
    main()
