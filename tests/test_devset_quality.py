"""The development set: well-formed, and our answers above the floors and the baseline."""

from __future__ import annotations

import importlib.util
import json
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from tests.support import SEEDS

ROOT = Path(__file__).resolve().parents[1]
NOTES = {"accented", "unaccented", "misspelt", "paraphrase"}


def _eval_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("devset_eval", ROOT / "benchmarks/devset_eval.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["devset_eval"] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def result() -> dict[str, Any]:
    """Every figure of the evaluation (about a second)."""
    return _eval_module().evaluate()


def _items(name: str) -> list[dict[str, Any]]:
    lines = (ROOT / "tests" / "devset" / name).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def test_devset_is_large_enough_and_labelled() -> None:
    questions, lookups = _items("questions.jsonl"), _items("lookups.jsonl")
    assert len(questions) >= 60 and len(lookups) >= 40
    seeds = {p.name for p in SEEDS.glob("*.txt")}
    for item in questions + lookups:
        assert item["file"] in seeds and item["note"] in NOTES and item["q"].strip()
    assert all("number" in item and item["section"] is None for item in lookups)
    for items in (questions, lookups):
        assert set(Counter(i["note"] for i in items)) >= {"accented", "unaccented", "misspelt"}


def test_lookup_floor(result: dict[str, Any]) -> None:
    assert result["ours"]["lookups"]["hit@1"] >= 0.95


def test_question_floor(result: dict[str, Any]) -> None:
    assert result["ours"]["questions"]["hit@1"] >= 0.85


def test_ours_beats_plain_bm25s(result: dict[str, Any]) -> None:
    for kind in ("questions", "lookups"):
        ours, base = result["ours"][kind], result["baseline"][kind]
        assert ours["hit@1"] > base["hit@1"] and ours["hit@3"] > base["hit@3"]
