"""Documents cited by a directive, with their dates and how this document relates to them.

Relation rule: in the title and in each sentence of the preamble (text before the first
section), the first number cited is
- "based_on" when the words before it contain "Căn cứ";
- "implements" when they contain "thực hiện" or "triển khai"
  ("Thực hiện Hướng dẫn số 10-HD/BDVTU ...", "Tổ chức thực hiện Nghị quyết số 118 ...");
every other citation "mentions" (numbers inside the cited document's own title, "... về
tiếp tục thực hiện Kết luận số 62-KL/TW", are mentions). A document cited several times
is listed once, at its first citation, with the strongest relation (implements >
based_on > mentions) and the first date printed with it. The document's own number is
not a reference.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from knowledge.model import Reference
from knowledge.parse.paragraphs import head_fold, sentences
from knowledge.vi.docnumbers import NumberMatch, find_numbers, number_key

_STRENGTH = {"mentions": 0, "based_on": 1, "implements": 2}
_ABOUT = re.compile(r"\bvề\s+", re.IGNORECASE)
_ABOUT_WITHIN = 120  # "về" must follow the number, its date and issuer this closely
_TITLE_MAX = 200
_TITLE_END = re.compile(r"[;:(\n]|\.\s|\.$")
# A title ending in these words goes on with the citation that follows.
_NESTING = ("thực hiện", "triển khai", "về")
_NESTING_WORDS = 5  # "tiếp tục thực hiện <citation>": a longer lead-in is a clause of its own
_TRAILING = {"theo", "và", "của", "tại", "với", "cùng"}


@dataclass
class Segment:
    """A stretch of text where citations are looked for."""

    text: str
    section: str
    basis: bool  # title or preamble: the first citation may be implemented or based on


def segments(title: str, preamble: list[str], body: list[tuple[str, str]]) -> list[Segment]:
    """The title, each preamble sentence (basis segments) and every body paragraph."""
    found = [Segment(title, "", True)] if title else []
    for para in preamble:
        found.extend(Segment(sentence, "", True) for sentence in sentences(para))
    found.extend(Segment(text, path, False) for text, path in body)
    return found


def _relation(segment: Segment, match: NumberMatch, first: bool) -> str:
    if not (segment.basis and first):
        return "mentions"
    before = head_fold(segment.text, match.start)
    if "can cu" in before:
        return "based_on"
    if "thuc hien" in before or "trien khai" in before:
        return "implements"
    return "mentions"


def _cited_title(text: str, matches: list[NumberMatch], index: int) -> str:
    """The cited document's title printed after "về", up to the clause end.

    A citation the title itself names ("về triển khai thực hiện Kế hoạch số 89-KH/TU ...")
    stays inside the title.
    """
    start = matches[index].end
    about = _ABOUT.search(text, start, min(start + _ABOUT_WITHIN, _stop(matches, index, text)))
    if about is None:
        return ""
    while True:
        piece = text[about.end() : _stop(matches, index, text)]
        end = _TITLE_END.search(piece)
        if end is not None:
            piece = piece[: end.start()]
            break
        lead_in = piece.rstrip()
        if index + 1 >= len(matches) or not lead_in.endswith(_NESTING):
            break
        if len(lead_in.split()) > _NESTING_WORDS:
            break
        index += 1
    words = piece.strip().rstrip(",").split()
    while words and words[-1].lower() in _TRAILING:
        words.pop()
    title = " ".join(words)
    if len(title) > _TITLE_MAX:
        title = title[:_TITLE_MAX].rsplit(" ", 1)[0] + "…"
    return title


def _stop(matches: list[NumberMatch], index: int, text: str) -> int:
    """Where the citation at index ends: the next citation's type word, or the text end."""
    if index + 1 >= len(matches):
        return len(text)
    following = matches[index + 1]
    return following.word_start if following.word_start is not None else following.start


def _merge(known: Reference, relation: str, match: NumberMatch, title: str) -> None:
    if _STRENGTH[relation] > _STRENGTH[known.relation]:
        known.relation = relation
    known.date = known.date or match.issued
    known.title = known.title or title


def find_references(found: list[Segment], own_key: str | None) -> list[Reference]:
    """Every cited document once, in order of first citation."""
    refs: dict[str, Reference] = {}
    for segment in found:
        matches = find_numbers(segment.text)
        for index, match in enumerate(matches):
            number = match.number
            if number_key(number) == own_key:
                continue
            relation = _relation(segment, match, index == 0)
            title = _cited_title(segment.text, matches, index)
            if number_key(number) in refs:
                _merge(refs[number_key(number)], relation, match, title)
                continue
            refs[number_key(number)] = Reference(
                number=number.display(),
                key=number_key(number),
                doc_type=number.doc_type or None,
                issuer=number.issuer or None,
                date=match.issued,
                relation=relation,
                title=title,
                section=segment.section,
            )
    return list(refs.values())


_SPAN_END = re.compile(r"[;:(\n]|\.\s|\.$|,\s+(?=[A-ZĐ])")


def cited_spans(text: str) -> list[tuple[int, int]]:
    """Where each citation with its title ("Kế hoạch số 12-KH/TU ... về ...") runs in text.

    The title runs from "về" to the clause end or a ", " before a capital (a new subject);
    a period named inside it ("... trong quý 2/2025") belongs to the cited document.
    """
    spans: list[tuple[int, int]] = []
    for match in find_numbers(text):
        about = _ABOUT.search(text, match.end, min(len(text), match.end + _ABOUT_WITHIN))
        if about is None:
            continue
        end = _SPAN_END.search(text, about.end())
        spans.append((match.start, end.start() if end else len(text)))
    return spans


def latest_year(refs: list[Reference]) -> int | None:
    """The latest year among cited documents' dates (a document is not older than them)."""
    years = [ref.date.year for ref in refs if ref.date is not None]
    return max(years) if years else None
