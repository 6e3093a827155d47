"""Invented whole documents (tests/fixtures/invented) scored against their gold labels.

The labels follow shared/corpus/real/gold.json. A parsed deadline matches a gold one
when their values are equal (day, month, quarter, recurring with its cycle, unspecified)
and they share a run of words; each is used once.
"""

from __future__ import annotations

import json
import re
import unicodedata
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

from knowledge.model import Deadline, Directive
from knowledge.parse.directive import parse_text

HERE = Path(__file__).parent / "fixtures" / "invented"
GOLD: dict[str, dict[str, Any]] = json.loads((HERE / "gold.json").read_text("utf-8"))["docs"]
FLOOR = 0.9  # recall and precision over all invented documents


def _fold(text: str) -> str:
    text = text.replace("Đ", "D").replace("đ", "d")
    text = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in text if unicodedata.category(ch) != "Mn").lower()


def _pairs(text: str) -> set[str]:
    return {f"{a} {b}" for a, b in pairwise(re.findall(r"\w+", _fold(text)))}


def _value(deadline: Deadline) -> tuple[str, str | None]:
    json_form = deadline.to_json()
    if json_form["recurrence"]:
        return ("recurring", json_form["recurrence"])
    due = json_form["due"]
    if isinstance(due, str) and re.match(r"^\d{4}-(?:\d{2}(?:-\d{2})?|Q[1-4])$", due):
        return ("dated", due)
    return ("unspecified", None)


def _gold_value(item: dict[str, Any]) -> tuple[str, str | None]:
    if item["due"] == "recurring":
        return ("recurring", item["recurrence"])
    return ("unspecified", None) if item["due"] == "unspecified" else ("dated", item["due"])


def _matches(gold: list[dict[str, Any]], parsed: list[Deadline]) -> int:
    used: set[int] = set()
    for item in gold:
        for index, deadline in enumerate(parsed):
            if index in used or _value(deadline) != _gold_value(item):
                continue
            pieces = [p for p in item["text"].split("...") if p.strip()]
            if any(_pairs(p) & _pairs(deadline.text) for p in pieces):
                used.add(index)
                break
    return len(used)


PARSED: dict[str, Directive] = {}


def _parsed(name: str) -> Directive:
    if name not in PARSED:
        PARSED[name] = parse_text((HERE / "docs" / name).read_text("utf-8"), name)
    return PARSED[name]


@pytest.mark.parametrize("name", sorted(GOLD))
def test_the_header_signer_and_bases_of_an_invented_document(name: str) -> None:
    gold, got = GOLD[name], _parsed(name)
    assert got.number == gold["number"]
    assert got.doc_type == gold["doc_type"]
    assert str(got.date) == gold["date"]
    assert got.signer.name == gold["signer"]
    assert _fold(got.signer.title).split()[-2:] == _fold(gold["signer_title"]).split()[-2:]
    assert re.findall(r"\w+", _fold(got.issuer)) == re.findall(r"\w+", _fold(gold["issuer"]))
    bases = {r.number for r in got.references if r.relation in ("implements", "based_on")}
    assert bases == set(gold["implements"])


def test_deadlines_of_the_invented_documents() -> None:
    found = n_gold = n_parsed = 0
    for name, gold in GOLD.items():
        deadlines = _parsed(name).deadlines
        found += _matches(gold["deadlines"], deadlines)
        n_gold, n_parsed = n_gold + len(gold["deadlines"]), n_parsed + len(deadlines)
    assert found / n_gold >= FLOOR
    assert found / n_parsed >= FLOOR


def test_a_report_keeps_its_plans_and_drops_what_was_done() -> None:
    deadlines = _parsed("bc_chibo_thpt_quy1_2026.txt").deadlines
    assert [str(d.due) for d in deadlines] == ["2026-05-19", "2026-06-15"]
