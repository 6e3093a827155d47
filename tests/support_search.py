"""Comparing two libraries by everything the answer path reads from them."""

from __future__ import annotations

from datetime import date
from typing import Any

from bot.app import App
from handlers.ingest import ingest_paths
from knowledge.search.library import Library
from tests.support import SEEDS

QUESTIONS = ["hạn nộp báo cáo", "Ban Tuyên giáo phải làm gì", "89-KH/TU triển khai thế nào"]


def ingest_seeds(app: App) -> None:
    """Ingest every seed directive (.txt) into the app's library."""
    ingest_paths(app.ctx, sorted(SEEDS.glob("*.txt")))


def library_answers(library: Library) -> list[Any]:
    """Everything the answer path reads, in comparable form."""
    found: list[Any] = [sorted(d.id for d in library.docs)]
    for q in QUESTIONS:
        found.append([(h.doc.id, h.path, h.row, round(h.score, 4)) for h in library.search(q, 8)])
        found.append([(m.number, m.title) for m in library.lookup(q).matches])
        found.append([(d.id, round(s, 4)) for d, s in library.rank_docs(q, 5)])
    found.append([d.id for d in library.docs_with_unit("Ban Tuyên giáo")])
    found.append(
        [d.id for d in library.docs_with_deadlines_between(date(2020, 1, 1), date(2030, 1, 1))]
    )
    for d in library.docs:
        if d.number_key:
            found.append([x.id for x in library.implementing(d.number_key)])
            found.append([x.id for x in library.citing(d.number_key)])
    return found
