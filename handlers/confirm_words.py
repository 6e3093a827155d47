"""Reading a confirmation: «đã nộp», «đã nộp 2», «đã nộp báo cáo nhanh», «rồi», «hủy».

Pure word work on folded text (no marks, đ→d), so secretaries may type without diacritics
and with a typo per word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from knowledge.vi.textnorm import fold, normalize

# Folded phrases that mean "we sent it"; matched fuzzily after dropping polite fillers.
DONE_PHRASES = (
    "da nop", "nop roi", "da nop roi", "da nop xong", "nop xong", "da gui", "gui roi",
    "da gui roi", "gui xong", "xong", "xong roi", "da xong", "da nop bao cao",
    "da gui bao cao", "da bao cao", "bao cao roi", "da hoan thanh", "hoan thanh", "done",
)  # fmt: skip
# Phrases that may open "đã nộp <tên báo cáo>", shortest first.
DONE_OPENERS = (
    "da nop", "da gui", "nop roi", "gui roi", "nop xong", "gui xong", "da bao cao",
    "da hoan thanh", "hoan thanh", "da nop xong", "da gui xong",
)  # fmt: skip
UNDO_PHRASES = ("huy", "huy bo", "hoan tac", "huy xac nhan", "undo")
# "rồi" says "done" only in reply to a reminder; alone it answers nothing in particular.
ROI_PHRASES = ("roi", "roi a", "roi nhe", "da roi", "r")
# Short acknowledgements that are never a question about a document.
ACK_PHRASES = (
    "ok", "oke", "okay", "vang", "da", "u", "uh", "uhm", "cam on", "cam on nhieu", "thanks",
    "thank you", "da nhan", "nhan duoc", "da nhan duoc", "duoc", "dong y", "vang a", "da vang",
)  # fmt: skip
# "chưa nộp", "không gửi được", "đã nộp chưa?" must never count as a confirmation.
_NEGATIONS = {"chua", "khong", "ko", "k", "chang", "khg"}
_FILLERS = {"em", "toi", "minh", "anh", "chi", "bo", "a", "nhe", "nha", "oi", "vang", "ok", "oke"}
_TRAILING = {"roi", "xong", "a", "nhe", "nha", "r", "ak"}
_ABBREVIATIONS = {"r": "roi", "dc": "duoc", "bc": "bao cao", "ko": "khong"}
_POLITE_START = re.compile(r"^(dạ|vâng|thưa|ạ)\b[\s,.!]*", re.I)
_POLITE_ENDS = {"a", "nhe", "nha", "ak", "oi", "nhieu", "ban", "bot"}
# Words most report titles share: they barely tell one report from another.
_GENERIC = {
    "bao", "cao", "ket", "qua", "thuc", "hien", "cong", "tac", "ve", "cua", "va", "cac",
    "viec", "ke", "hoach", "nop", "gui", "chi", "bo", "dang", "tinh", "hinh",
}  # fmt: skip
_TITLE_MATCH = 0.8  # share of the (weighted) query found in a title
_WORD_IN_TITLE = 80  # a query word counts as found at this fuzz.ratio (one typo in 5 letters)
_TIE = 0.05  # titles this close to the best are all offered
_WORD_MATCH = 75
_JOINED_MATCH = 90
_MAX_WORDS = 8  # a bare confirmation is short
_MAX_TITLE_WORDS = 24  # "đã nộp báo cáo kết quả thực hiện ... quý 2"


@dataclass(frozen=True)
class Done:
    """A message that says "submitted": with a list number, or with the report's name."""

    number: int | None = None
    title: str = ""  # folded words naming the report, "" when none


def _words(text: str) -> list[str] | None:
    """Folded words with abbreviations expanded; None for a question or a negation."""
    if "?" in text:
        return None
    words: list[str] = []
    text = _POLITE_START.sub("", normalize(text))  # "Dạ," folds like "đã": drop it first
    for word in re.findall(r"[0-9a-z]+", fold(text)):
        words += _ABBREVIATIONS.get(word, word).split()
    if not words or _NEGATIONS & set(words):
        return None
    return words


def _matches(core: str, phrases: tuple[str, ...]) -> bool:
    """Word by word (a typo per word is fine, "hạn nộp" is not "đã nộp"), or run together."""
    words = core.split()
    for phrase in phrases:
        expected = phrase.split()
        if len(words) == len(expected) and all(
            fuzz.ratio(a, b) >= _WORD_MATCH for a, b in zip(words, expected, strict=True)
        ):
            return True
        if len(words) > 1 and fuzz.ratio("".join(words), phrase.replace(" ", "")) >= _JOINED_MATCH:
            return True
        if len(words) == 1 and fuzz.ratio(core, phrase.replace(" ", "")) >= _JOINED_MATCH:
            return True
    return False


def parse_done(text: str) -> Done | None:
    """Whether a message says "submitted", with the list number or the report name after it."""
    words = _words(text)
    if words is None or len(words) > _MAX_TITLE_WORDS:
        return None
    core = [w for w in words if w not in _FILLERS]
    # A list number is one or two ASCII digits (another script's digits are no number).
    last = core[-1] if len(core) > 1 else ""
    number = int(core.pop()) if last.isascii() and last.isdigit() and len(last) <= 2 else None
    if core and len(words) <= _MAX_WORDS and _matches(" ".join(core), DONE_PHRASES):
        return Done(number)
    for size in range(1, min(4, len(core))):
        if _matches(" ".join(core[:size]), DONE_OPENERS):
            rest = core[size:] + ([str(number)] if number is not None else [])
            while rest and rest[-1] in _TRAILING:
                rest.pop()
            return Done(None, " ".join(rest)) if rest else Done(number)
    return None


def is_undo(text: str) -> bool:
    """Whether a message asks to undo the last confirmation ("hủy", "hoàn tác")."""
    words = _words(text)
    if words is None or len(words) > _MAX_WORDS:
        return False
    core = " ".join(w for w in words if w not in _FILLERS)
    return bool(core) and _matches(core, UNDO_PHRASES)


def is_roi(text: str) -> bool:
    """Just "rồi" (with polite words): done, if it answers a reminder."""
    core = " ".join(fold(text).replace("?", " ? ").split())
    return "?" not in core and core.strip(" .!") in ROI_PHRASES


def is_ack(text: str) -> bool:
    """A short acknowledgement ("ok", "vâng ạ", "cảm ơn"): not a question about documents."""
    words = re.findall(r"[0-9a-z]+", fold(text))
    while len(words) > 1 and words[-1] in _POLITE_ENDS:
        words.pop()
    return "?" not in text and " ".join(words) in ACK_PHRASES


def match_titles(query: str, titles: list[str]) -> list[int]:
    """Indexes of the titles that "đã nộp <query>" names, best first; [] when none fits.

    Each folded query word is looked for in the title (a typo allowed); words every report
    title shares ("báo cáo", "kết quả") count for little, so "báo cáo nhanh" picks the
    quick report, not every report.
    """
    wanted = query.split()
    if not wanted or all(w in _GENERIC for w in wanted):
        return []
    scored = []
    for index, title in enumerate(titles):
        words = re.findall(r"[0-9a-z]+", fold(title))
        score = _coverage(wanted, words)
        if score >= _TITLE_MATCH:
            scored.append((score, index))
    if not scored:
        return []
    best = max(score for score, _ in scored)
    return [i for score, i in sorted(scored, reverse=True) if score >= best - _TIE]


def _coverage(wanted: list[str], words: list[str]) -> float:
    """How much of the query the title holds, weighted: 0..1."""
    total = found = 0.0
    for word in wanted:
        weight = 0.25 if word in _GENERIC else 1.0
        best = max((fuzz.ratio(word, w) for w in words), default=0.0)
        total += weight
        found += weight * (best / 100 if best >= _WORD_IN_TITLE else 0.0)
    return found / total if total else 0.0
