"""Pieces of an answer: the passage trimmed to the point, citations, dates as printed."""

from __future__ import annotations

import re
from datetime import date

from knowledge.model import Directive
from knowledge.vi.casing import sentence_case
from knowledge.vi.textnorm import fold, syllables

QUOTE_LIMIT = 360  # characters of quoted text: enough for a task, short enough to read
_SENTENCE_END = re.compile(r"(?<=[.;:!?])\s+(?=[-•+*\"“A-ZÀ-Ỹ0-9])|\n+")
LIST_LIMIT = 1200  # characters of a list asked for ("gồm những gì"): its items, whole
# Where an item of a list starts: after ";", "." or ":", a marker "(2)", "2.", "b)", "-".
_ITEM = re.compile(r"(?<=[;:.])\s+(?=(?:\(\d{1,2}\)|\d{1,2}[.)]|[a-zđ]\)|[-•+])\s)")
_TITLE_WORDS = 14  # a citation keeps the first words of a long title


def format_date(value: date | None) -> str:
    """A date as Vietnamese documents print it: 10/5/2024."""
    if value is None:
        return ""
    return f"{value.day:02d}/{value.month:02d}/{value.year}"


def sentences(text: str) -> list[str]:
    """Split a section's text into bullets and sentences, dropping empty pieces."""
    pieces = (p.strip().lstrip("-•+* ").strip() for p in _SENTENCE_END.split(text))
    return [p for p in pieces if p]


def terms(text: str) -> set[str]:
    """Folded syllables and adjacent syllable pairs, the units passages are scored on."""
    words = syllables(text)
    return set(words) | {f"{a} {b}" for a, b in zip(words, words[1:], strict=False)}


def _score(sentence: str, wanted: set[str]) -> float:
    got = terms(sentence) & wanted
    # Pairs weigh double: "báo cáo" matters more than "báo" and "cáo" apart.
    return sum(2.0 if " " in t else 1.0 for t in got)


def best_passage(text: str, query: str, limit: int = QUOTE_LIMIT) -> str:
    """The sentence of text closest to the query, with its neighbour when short, trimmed."""
    parts = sentences(text)
    if not parts:
        return ""
    wanted = terms(query)
    scores = [_score(p, wanted) for p in parts]
    best = max(range(len(parts)), key=lambda i: (scores[i], -i))
    chosen = parts[best]
    # A short sentence, or one that announces a list ("… đề nghị các chi bộ:"), needs the
    # sentence after it to say anything.
    if (len(chosen) < limit // 3 or chosen.endswith(":")) and best + 1 < len(parts):
        chosen = f"{chosen} {parts[best + 1]}"
    return trim(chosen, query, limit)


def trim(text: str, query: str = "", limit: int = QUOTE_LIMIT) -> str:
    """Cut text to about limit characters at word boundaries, around the query's words."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    start = _first_hit(text, query)
    # Keep some context before the first hit, but start at a word boundary.
    start = max(0, start - limit // 4)
    if start:
        start = text.find(" ", start) + 1
    end = text.rfind(" ", start, start + limit)
    end = end if end > start else start + limit
    head = "…" if start else ""
    tail = "…" if end < len(text) else ""
    return f"{head}{text[start:end].rstrip(' ,;')}{tail}"


# Dates and numbers a quote must keep whole: "05 tháng 12 năm 2025", "15/4/2026", "3.321".
_WHOLE = re.compile(
    r"\d[\d/.,:-]*(?:\s*(?:tháng|năm|giờ|%)\s*\d*[\d/.,-]*)*"
    r"|(?:quý|tháng|năm)\s+(?:[IVX]+|\d+)(?:\s*(?:/|năm)\s*\d{4})?",
    re.IGNORECASE,
)
# What a quote is cut around: the first date or period it states.
_ANCHOR = re.compile(
    r"(?:trước|chậm nhất|đến|từ|trong|vào|hạn)?\s*(?:ngày\s+)?\d{1,2}\s*(?:/|tháng)\s*\d{1,2}"
    r"|(?:trong|vào|hết|cuối)\s+(?:tháng|quý|năm)\s+(?:[IVX]+|\d+)",
    re.IGNORECASE,
)


def quote(text: str, query: str = "", limit: int = QUOTE_LIMIT, around: str = "") -> str:
    """Text cut to about limit characters around `around` when given, else the date it
    states, else the query's first word; at word boundaries, never inside a date or a
    number."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    anchor = _ANCHOR.search(text)
    at = anchor.start() if anchor else _first_hit(text, query)
    if around:
        found = fold(text).find(fold(around))
        at = found if found >= 0 else at
    start = max(0, at - limit // 3)
    whole = [(m.start(), m.end()) for m in _WHOLE.finditer(text)]
    for lo, hi in whole:
        if lo < start < hi:
            start = lo
    if start:
        start = text.rfind(" ", 0, start) + 1
    end = min(len(text), start + limit)
    for lo, hi in whole:
        if lo < end < hi:
            end = hi
    if end < len(text) and text[end] != " ":
        cut = text.rfind(" ", start, end)
        inside = any(lo < cut < hi for lo, hi in whole)
        end = cut if cut > at and not inside else _word_end(text, end)
    head = "…" if start else ""
    tail = "…" if end < len(text) else ""
    return f"{head}{text[start:end].rstrip(' ,;')}{tail}"


def list_items(text: str) -> tuple[str, list[str]]:
    """The line announcing a list and its items ("Gồm: (1) …; (2) …" → "Gồm:", two)."""
    pieces = _ITEM.split(" ".join(text.split()))
    return pieces[0], pieces[1:]


def quote_list(text: str, query: str = "", limit: int = LIST_LIMIT) -> str:
    """A list quoted whole up to `limit` characters; cut, it keeps whole items and says
    how many the list has ("… (trích 4/6 mục)"), never a list that looks complete."""
    text = " ".join(text.split())
    lead, items = list_items(text)
    if len(text) <= limit or len(items) < 2:
        return text if len(text) <= limit else quote(text, query, limit)
    kept = [lead]
    for item in items:
        if len(" ".join([*kept, item])) > limit and len(kept) > 1:
            break
        kept.append(item)
    shown = len(kept) - 1
    return f"{' '.join(kept).rstrip(' ,;')} … (trích {shown}/{len(items)} mục)"


def _word_end(text: str, at: int) -> int:
    found = text.find(" ", at)
    return found if found >= 0 else len(text)


def _first_hit(text: str, query: str) -> int:
    folded = fold(text)  # same length as text: folding maps one character to one
    positions = [folded.find(f" {w}") for w in syllables(query) if len(w) > 2]
    hits = [p + 1 for p in positions if p >= 0]
    return min(hits) if hits else 0


def short_title(title: str, words: int = _TITLE_WORDS) -> str:
    """The first words of a long title, with an ellipsis when cut."""
    parts = " ".join(title.split()).split(" ")
    if len(parts) <= words:
        return " ".join(parts)
    return " ".join(parts[:words]).rstrip(",;:") + "…"


def doc_name(number: str | None, type_name: str, title: str) -> str:
    """How an answer names a document: its number, else its type and title."""
    if number:
        return number
    title = sentence_case(" ".join(title.split()))
    if not type_name:
        return short_title(title[:1].upper() + title[1:]) if title else "văn bản không số"
    if fold(title).startswith(fold(type_name)):
        return short_title(title[:1].upper() + title[1:])
    return short_title(f"{type_name} {title[:1].lower()}{title[1:]}".strip())


def printed_path(directive: Directive, path: str) -> str:
    """The section as a reader finds it in the paper: a renumbered part shows its printed
    marker and heading ("II (Tổ chức thực hiện)" for the second "II." of a document)."""
    for section in directive.sections:
        if section.path == path and section.printed and section.printed != path:
            heading = sentence_case(" ".join(section.heading.split()))
            return f"{section.printed} ({short_title(heading)})" if heading else section.printed
    return path


def citation(number: str | None, type_name: str, title: str, path: str) -> str:
    """The citation after a quote: "34-HD/ĐU, mục 2"."""
    name = doc_name(number, type_name, title)
    return f"{name}, mục {path}" if path else name
