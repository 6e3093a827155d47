"""The sentence of a document that answers a question, quoted as printed.

Within one document, the passages BM25 ranks best are cut into sentences, and each
sentence is scored by the question's words it holds, each weighted by how rare it is in
the library (idf: "kiểm kê" says more than "báo cáo"), pairs of adjacent words counting
extra; the headings above a passage count for part. A question asking for a date, a
duration or an entry into force prefers the sentences that state one. A heading is never
the answer on its own: the body under it is quoted with it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from knowledge.answer.targets import DocRef
from knowledge.answer.weights import Wanted, wanted_in
from knowledge.answer.wording import expansions, shortened
from knowledge.search.library import Library
from knowledge.search.passages import BODY, CELL, HEAD, Passage
from knowledge.search.tokens import syllables

CONTEXT_WEIGHT = 0.4  # the headings above a sentence count for this part
WANT_BONUS = 0.35  # a sentence stating what is asked (a date…) gains this part of the best fit
PASSAGES = 8  # passages of a document whose sentences are scored
REQUIRED_MORE = 1  # times more passages read when only sentences stating a fact will do
SUBJECT_WORDS = 10  # a clause ending in ";" this short is a list of who does the next one
BODY_CHARS = 600  # a heading is quoted with this much of the body under it
LIST_BODY = 1500  # and a list asked for ("gồm những gì") with this much: its items
_SENTENCE_END = re.compile(r"(?<=[.;!?])\s+(?=[-•+*\"“(A-ZÀ-Ỹ0-9])|\n+")
_ABBREVIATIONS = ("TP.", "Tp.", "TS.", "ThS.", "PGS.", "GS.", "Q.", "P.", "KT.", "TM.", "TL.")
_MARKER = re.compile(r"^(?:[IVXL]+|\d+(?:\.\d+)*|[a-zđ])[.)]\s*")  # "II. ", "1.2. ", "a) "
# Words of the sections every plan has: naming them does not say which lines are meant.
_SECTION_WORDS = frozenset(
    ["to", "chuc", "thuc", "hien", "nhiem", "vu", "giai", "phap", "noi", "dung", "trien", "khai"]
)
NAMED_PART = 1.5  # a section whose heading the question names (its heading and its lines)
# "Thời gian hoàn thành:", "Thời hạn thực hiện:", "Tiến độ:", "Hạn nộp:" opening a line.
_TIME_LINE = re.compile(r"^[-+•*]?\s*(?:Thời gian|Thời hạn|Tiến độ|Hạn)\b[^:.;]{0,40}:", re.I)
Want = Callable[[str], bool]


@dataclass
class Spot:
    """A sentence of a document chosen to answer, with where it is."""

    doc: DocRef
    passage: Passage
    row: int  # the passage's position in the document
    text: str  # the sentence, with the body under it when it is a heading
    score: float

    @property
    def path(self) -> str:
        """The section path ("" outside the sections)."""
        return self.passage.path


def time_line(text: str) -> bool:
    """A line that only says when ("Thời gian hoàn thành: Trước ngày 15/4/2026."): it
    belongs to the task written just before it."""
    return bool(_TIME_LINE.match(text))


def split_sentences(text: str) -> list[str]:
    """Sentences and bullets of a paragraph ("TP. Hồ Chí Minh", "1. Mục đích" are not cut)."""
    parts: list[str] = []
    for piece in _SENTENCE_END.split(text):
        piece = piece.strip()
        if not piece:
            continue
        last = parts[-1] if parts else ""
        if last and (last.endswith(_ABBREVIATIONS) or _MARKER.fullmatch(last) or _subject(last)):
            parts[-1] = f"{parts[-1]} {piece}"
        else:
            parts.append(piece)
    return parts


def _subject(piece: str) -> bool:
    """A short clause cut at ";" that only names who ("Ban Xây dựng Đảng đảng ủy xã,
    phường; Ban Tuyên giáo … lập danh sách …"): the verb after the list is its own too."""
    return piece.endswith(";") and len(_MARKER.sub("", piece).split()) <= SUBJECT_WORDS


def best_spots(
    library: Library,
    doc: DocRef,
    query: str,
    want: Want | None = None,
    limit: int = 1,
    require: bool = False,
) -> list[Spot]:
    """The sentences of doc that best answer the query, best first (with `require`, only
    those stating what `want` looks for)."""
    wanted = wanted_in(library, doc, query)
    # A sought fact (a date) may sit in a passage holding few of the question's words
    # ("1. Thời gian thực hiện: Đợt thi đua … đến khi …"): more passages are read for it.
    k = PASSAGES * (1 + REQUIRED_MORE * require)
    also = [*expansions(query), *(set(syllables(shortened(query))) - set(syllables(query)))]
    hits = library.search(" ".join([query, *also]), k=k, doc_ids={doc.id})
    rows = doc.doc.passages
    seen: set[int] = set()
    spots: list[Spot] = []
    for hit in hits:
        for row in _around(hit.row, rows, want):
            if row in seen:
                continue
            seen.add(row)
            spots += _scored(doc, rows, row, wanted, want)
    if not spots:
        return []
    for spot in spots:  # quoted without its list marker: the citation says where it is
        spot.text = _MARKER.sub("", spot.text.lstrip("-•+* ")) or spot.text
    top = max(s.score for s in spots)
    if want is not None:
        bonus = getattr(want, "bonus", WANT_BONUS)  # a yes/no question's says more
        for spot in spots:
            spot.score += bonus * top * _meets(want, spot)
        if require:
            spots = [s for s in spots if _meets(want, s)]
    spots.sort(key=lambda s: (-s.score, s.row))
    if getattr(want, "lists", False):  # a list asked for: its items, all of them
        return [_with_items(_with_body(s, rows, LIST_BODY)) for s in spots[:limit]]
    return [_with_body(s, rows) for s in spots[:limit]]


def _meets(want: Want, spot: Spot) -> bool:
    """Whether a sentence states what is asked, or stands where it is stated (a want
    with `within` reads the headings above it: the lines under "KIẾN NGHỊ")."""
    within = getattr(want, "within", None)
    if within is not None and spot.passage.context and within(spot.passage.context):
        return True
    if getattr(want, "lists", False) and is_heading(spot):
        return True  # "IV. KHẨU HIỆU TUYÊN TRUYỀN" over its items
    return want(spot.text)


def _around(row: int, rows: list[Passage], want: Want | None) -> list[int]:
    """The passage hit, and for a sought fact (a date…) the next one too: "Đợt 2:" is
    often followed by its dates on the next line."""
    if want is None or row + 1 >= len(rows):
        return [row]
    return [row, row + 1]


def _scored(
    doc: DocRef, rows: list[Passage], row: int, wanted: Wanted, want: Want | None
) -> list[Spot]:
    passage = rows[row]
    context = passage.context
    if time_line(passage.text) and row > 0:
        # The line says when; the task it times is the paragraph before it.
        text = f"{rows[row - 1].text} {passage.text}"
        return [Spot(doc, passage, row, text, wanted.score_within(text, context, CONTEXT_WEIGHT))]
    # A table row means what its columns are called: "Dữ liệu tổ chức đảng | Ban Tổ chức
    # Trung ương" answers "cơ quan chủ quản …?" through its header row.
    header = table_header(rows, row)
    found = []
    before = ""
    # "Mục đích của kế hoạch …?", "an toàn thông tin do đơn vị nào chủ trì?": the section
    # whose heading the question names is the part it asks about, heading and lines.
    named = NAMED_PART if _in_named(rows, row, wanted) else 1.0
    for sentence in split_sentences(passage.text):
        text = f"{before} {sentence}" if before and time_line(sentence) else sentence
        before = sentence
        scored = f"{text}\n{header}" if header else text
        score = wanted.score_within(scored, context, CONTEXT_WEIGHT) * named
        if score > 0:
            found.append(Spot(doc, passage, row, text, score))
    return found


def _in_named(rows: list[Passage], row: int, wanted: Wanted) -> bool:
    """Whether a row opens a section whose heading the question names, or is a line under
    one whose named words weigh in the question ("Tổ chức thực hiện" is named by any
    question saying "thực hiện": its lines are not lifted for that)."""
    path = rows[row].path
    if not path:
        return False
    ancestors = {path, *(path[:i] for i, c in enumerate(path) if c == ".")}
    for at in range(row, -1, -1):
        passage = rows[at]
        if passage.opens and passage.path in ancestors:
            ancestors.discard(passage.path)
            heading = _MARKER.sub("", passage.text)
            if wanted.names(heading) and (at == row or _weighs(wanted, heading)):
                return True
            if not ancestors:
                break
    return False


def _weighs(wanted: Wanted, heading: str) -> bool:
    """Whether the question names a heading by more than the words every plan's standard
    sections share ("Tổ chức thực hiện", "Nhiệm vụ và giải pháp"): "Sở Y tế", "An toàn
    thông tin", "Báo cáo viên cấp tỉnh" say which lines are meant."""
    held = set(syllables(heading)) & wanted.asked
    return bool(held - _SECTION_WORDS)


def table_header(rows: list[Passage], row: int) -> str:
    """The header row of the table a row belongs to ("" for the header itself and for
    any other paragraph): table rows are consecutive paragraphs with cells split by " | "."""
    if CELL not in rows[row].text:
        return ""
    first = row
    while first > 0 and CELL in rows[first - 1].text and rows[first - 1].part == rows[row].part:
        first -= 1
    return rows[first].text if first < row else ""


def with_task(doc: DocRef, sentence: str) -> str:
    """A sentence that only says when, with the task it times (the sentence or paragraph
    before it); any other sentence as it is."""
    if not time_line(sentence):
        return sentence
    rows = doc.doc.passages
    for row, passage in enumerate(rows):
        if sentence not in passage.text:
            continue
        parts = split_sentences(passage.text)
        at = next((i for i, p in enumerate(parts) if sentence in p), 0)
        if at > 0:
            return f"{parts[at - 1]} {sentence}"
        return f"{rows[row - 1].text} {sentence}" if row > 0 else sentence
    return sentence


def is_heading(spot: Spot) -> bool:
    """A heading line: the opening line of a section, short, with no sentence in it."""
    text = spot.text.rstrip(":")
    letters = [c for c in text if c.isalpha()]
    caps = bool(letters) and all(c.isupper() for c in letters)
    opens = spot.passage.opens and spot.passage.text.endswith(spot.text)
    return (caps and len(text) < 200) or (opens and len(text) < 120 and "." not in text[-1:])


def _with_items(spot: Spot) -> Spot:
    """A list item cut at ";" with the items after it in its paragraph ("… gồm: (1) …;
    (2) …; (3) …"): split into sentences, the first item alone looks like the answer."""
    text = spot.passage.text
    at = text.find(spot.text.rstrip(";"))
    if spot.text.endswith(";") and at >= 0:
        spot.text = _MARKER.sub("", text[at:].lstrip("-•+* ")) or spot.text
    return spot


def _with_body(spot: Spot, rows: list[Passage], size: int = BODY_CHARS) -> Spot:
    """A heading (or a line announcing a list, "…như sau:") with what follows it."""
    if not (is_heading(spot) or spot.text.endswith(":")):
        return spot
    body: list[str] = []
    used = 0
    lead_in = spot.text.endswith(":")
    for passage in rows[spot.row + 1 :]:
        # "… đối với 03 quần chúng ưu tú sau:" closing the opening: its list is the body.
        crossing = lead_in and not body and spot.passage.part == HEAD and passage.part == BODY
        if (passage.part != spot.passage.part and not crossing) or used > size:
            break
        if spot.passage.path and not _within(passage.path, spot.passage.path):
            break
        body.append(passage.text)
        used += len(passage.text)
    if not body:
        return spot
    spot.text = " ".join([spot.text, *body])
    return spot


def _within(path: str, parent: str) -> bool:
    return path == parent or path.startswith(f"{parent}.")
