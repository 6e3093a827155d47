"""Documents cited by a directive, with their dates and how this document relates to them.

Relation rule: a basis is the title, or a sentence of the opening that opens with "Căn
cứ", "Thực hiện" or "Triển khai" (after a bullet and at most a word or two: "Tổ chức
thực hiện ..."); a "thực hiện" deep inside a narrative sentence ("Sau 8 năm triển khai
thực hiện Nghị quyết số 21-NQ/TW, ...") is no basis. The opening is the preamble (text
before the first section) up to its issuing clause ("…, Sở … hướng dẫn … như sau:") or a
lettered part heading ("A. NHIỆM VỤ CHUNG"); what follows them is body.
A body item (paragraph) that opens with the task of carrying a document out ("- Triển khai Kế
hoạch số 47-KH/ĐU …", "Tiếp tục thực hiện Chỉ thị số …") is a basis too.
Every document the basis lists is
- "based_on" when the words before its first number contain "Căn cứ";
- "implements" when they contain "thực hiện" or "triển khai".
The basis lists a document when it is the first number, or when only a list separator
stands between the previous number's citation and it: ";", ",", "và", "hoặc", or "bởi"
("Luật số 64/2025/QH15 được sửa đổi, bổ sung bởi Luật số 87/2025/QH15"), or "và <source>
tại" ("... và hướng dẫn của Bộ Nội vụ tại Công văn số ..."), or the guidance's own verb
("Hướng dẫn số 01-HD/TW ... hướng dẫn Quy định số 24-QĐ/TW": what a guidance guides is
carried out with it), unless a "về" title stands between. A number after other words
is inside the previous one's title ("... về tiếp tục thực hiện Kết luận số 62-KL/TW") and,
like every other citation, "mentions"; after such a mention only a citation with its own
date ("và Công văn số 88/PGDĐT-VP ngày 12/01/2026 ...") starts a new item. After ";" an
item opens with its type or basis word ("; Theo đề nghị của ... tại Tờ trình số ..." is a
proposal, no basis). A document cited several times
is listed once, at its first citation, with the strongest relation (implements >
based_on > mentions) and the first date printed with it. The document's own number is
not a reference.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from knowledge.model import Reference
from knowledge.parse.paragraphs import head_fold, sentences
from knowledge.vi.casing import is_caps
from knowledge.vi.docnumbers import NumberMatch, find_numbers, number_key
from knowledge.vi.doctypes import TYPE_NAME_PHRASES, flat

_STRENGTH = {"mentions": 0, "based_on": 1, "implements": 2}
_ABOUT = re.compile(r"\bvề\s+", re.IGNORECASE)
_ABOUT_FOLDED = re.compile(r"(?<![\w])ve\s")
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
    title: bool = False  # the document's title: a basis whatever its first words


def segments(title: str, preamble: list[str], body: list[tuple[str, str]]) -> list[Segment]:
    """The title, each sentence of the opening (basis segments) and every body paragraph.

    The opening is the preamble up to its issuing clause ("…, Sở Giáo dục và Đào tạo
    hướng dẫn … như sau:"); a lettered part heading ("A. NHIỆM VỤ CHUNG") ends it too.
    What the preamble holds after it is body: its citations are mentions.
    """
    found = [Segment(title, "", True, True)] if title else []
    opening = True
    for index, para in enumerate(preamble):
        opening = opening and not _part_heading(para)
        if not opening:
            body = [(p, "") for p in preamble[index:]] + body
            break
        found.extend(Segment(sentence, "", True) for sentence in sentences(para))
        opening = not _issuing_clause(para)
    for text, path in body:
        found.append(Segment(text, path, False))
        # An item that is itself the carrying out of a document ("- Triển khai Kế hoạch số
        # 47-KH/ĐU ...") names what this text implements, wherever the item stands.
        if _TASK_BASIS.match(head_fold(text, _OPENER_REACH)):
            found.append(Segment(sentences(text)[0], path, True))
    return found


_PART_MARK = re.compile(r"[A-ZĐ][.)]\s+(?=\S)")
_AS_FOLLOWS = re.compile(r"(?<![\w])nhu sau\s*:?\s*$")


def _part_heading(para: str) -> bool:
    """ "A. NHIỆM VỤ CHUNG": a lettered part above the roman sections, in capitals."""
    mark = _PART_MARK.match(para)
    return mark is not None and len(para) <= _HEADING_MAX and is_caps(para[mark.end() :])


def _issuing_clause(para: str) -> bool:
    """A paragraph that ends the opening: it issues the text "… như sau:", unless it only
    announces a list of bases ("Căn cứ các văn bản như sau:")."""
    folded = flat(para[-40:]).lower()
    if _AS_FOLLOWS.search(folded) is None:
        return False
    return not _OPENER.match(head_fold(para, _OPENER_REACH)) or bool(find_numbers(para))


_TASK_BASIS = re.compile(
    r"^[\s\-+•*]*(?:tiep tuc\s+)?(?:trien khai|thuc hien)\s+(?:"
    + "|".join(TYPE_NAME_PHRASES)
    + r")\s+so(?![\w])"
)


_OPENER = re.compile(r"^[\s\-+•*]*(?:[^\W\d_]+\s+){0,2}?(?:can cu|thuc hien|trien khai)(?![\w])")
_LISTED = re.compile(r"(?:[;,]|(?<![\w])(?:va|hoac|boi))\s*$")
# "... và hướng dẫn của Bộ Nội vụ tại Công văn số ...": another basis, named by its source.
_LISTED_BY_SOURCE = re.compile(r"(?<![\w])va\s+(?:(?!ve\s)[^\W\d_]+\s+){1,10}?(?:tai|theo)\s*$")
# After ";" a listed item opens with its type ("; Thông tư số ...", "; Luật Cơ yếu số ...")
# or its basis word; "; Theo đề nghị của Sở ... tại Tờ trình số ..." is a proposal.
_ITEM_OPENING = re.compile(
    r"^[\s\-+•*]*(?:(?:tiep tuc\s+)?(?:thuc hien|trien khai)|can cu|luat|van ban|"
    + "|".join(TYPE_NAME_PHRASES)
    + r")(?![\w])"
)
# "Hướng dẫn số 01-HD/TW ... hướng dẫn (thi hành) Quy định số 24-QĐ/TW": carrying out a
# guidance carries out what it guides, the guided document is a basis too.
_GUIDED = re.compile(r"(?<![\w])huong dan(?:\s+(?:thi hanh|thuc hien))?\s*$")
_GENERIC_WORD = re.compile(r"(?:van ban|vb)\s+(?:so\s*:?\s*)?$")
_OPENER_REACH = 40
_HEADING_MAX = 120


def _basis_relation(segment: Segment, match: NumberMatch) -> str:
    """The relation the basis gives its listed documents ("Căn cứ" or "Thực hiện")."""
    before = head_fold(segment.text, match.start)
    if "can cu" in before:
        return "based_on"
    if "thuc hien" in before or "trien khai" in before:
        return "implements"
    return "mentions"


def _is_basis(segment: Segment) -> bool:
    """The title, or a preamble sentence that opens with its basis words."""
    if not segment.basis:
        return False
    return segment.title or _OPENER.match(head_fold(segment.text, _OPENER_REACH)) is not None


def _item_start(text: str, match: NumberMatch) -> int | None:
    """Where the citation's type word starts ("Văn bản số 9151" counts too), or None."""
    if match.word_start is not None:
        return match.word_start
    before = head_fold(text[max(0, match.start - 16) : match.start], 16)
    generic = _GENERIC_WORD.search(before)
    return match.start - (len(before) - generic.start()) if generic else None


def _listed(text: str, previous: NumberMatch, match: NumberMatch, chained: bool) -> bool:
    """Whether the basis lists this citation after the previous one (see the module doc)."""
    start = _item_start(text, match)
    gap = head_fold(text[previous.end : start or match.start], len(text))
    if ";" in gap:
        item = gap.rsplit(";", 1)[1]
        return _ITEM_OPENING.match(item) is not None or not item.strip()
    if start is None:
        return False
    if not chained and match.issued is None:
        return False  # "về triển khai Nghị quyết số 15 và Chỉ thị số 3": still the title
    if _GUIDED.search(gap) and not _ABOUT_FOLDED.search(gap):
        return True
    return _LISTED.search(gap) is not None or _LISTED_BY_SOURCE.search(gap) is not None


def _relations(segment: Segment, matches: list[NumberMatch]) -> list[str]:
    """The relation of each citation of a segment, in order."""
    if not matches or not _is_basis(segment):
        return ["mentions"] * len(matches)
    relation = _basis_relation(segment, matches[0])
    found = [relation]
    for previous, match in zip(matches, matches[1:], strict=False):
        listed = _listed(segment.text, previous, match, found[-1] != "mentions")
        found.append(relation if listed else "mentions")
    return found


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
        relations = _relations(segment, matches)
        for index, match in enumerate(matches):
            number = match.number
            if number_key(number) == own_key:
                continue
            relation = relations[index]
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
