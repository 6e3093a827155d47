"""Lookup replies: one line per directive, cited-only ones marked, ambiguous ones listed."""

from __future__ import annotations

import re

from knowledge.answer import phrases as say
from knowledge.answer.passages import doc_name, format_date, short_title
from knowledge.search.library import Library
from knowledge.search.lookup import LookupMatch, LookupResult
from knowledge.vi.docnumbers import number_key, parse_number
from knowledge.vi.textnorm import fold

# Issuer codes as a reader knows them, for when no citing text names the issuer.
ISSUER_NAMES = {
    "TW": "Trung ương",
    "TU": "Thành ủy",
    "HU": "Huyện ủy",
    "QU": "Quận ủy",
    "ĐU": "Đảng ủy",
    "BDVTU": "Ban Dân vận Thành ủy",
    "BTGTU": "Ban Tuyên giáo Thành ủy",
    "BTCTU": "Ban Tổ chức Thành ủy",
    "BCĐTP": "Ban Chỉ đạo Thành phố",
    "CP": "Chính phủ",
    "TTg": "Thủ tướng Chính phủ",
    "BGDĐT": "Bộ Giáo dục và Đào tạo",
    "UBND": "Ủy ban nhân dân",
    "HĐND": "Hội đồng nhân dân",
}
# "89-KH/TU ngày 24 tháng 12 năm 2021 của Ban Thường vụ Thành ủy về ..." → the issuer.
_OF_ISSUER = re.compile(
    r"^[^.;:]{0,45}?\bcủa ([^,.;:()“”\"]{3,60}?)(?= về | khóa | khoá | và (?!Đào)|[,.;:(]|$)"
)
TITLE_WORDS = 18
MAX_READ = 8  # citing documents read for the issuer's name


def format_lookup(result: LookupResult, library: Library | None = None) -> str:
    """The reply to a lookup: the documents found, or the candidates when ambiguous."""
    if not result.matches:
        return say.LOOKUP_NONE.format(query=short_title(result.query.strip(), 12))
    if result.ambiguous:
        return _candidates(result, library)
    first, *rest = result.matches
    blocks = [entry(first, library)]
    if rest:
        others = [f"• {describe(m, library)}" for m in rest[:2]]
        blocks.append("\n".join([say.LOOKUP_OTHERS, *others]))
    return "\n\n".join(blocks)


def format_missing(result: LookupResult, library: Library, number: str) -> str:
    """Nothing has the number as typed: say so, then the documents that bear the number."""
    none = say.LOOKUP_NONE.format(query=short_title(result.query.strip(), 12))
    same = library.lookup(f"số {number}", limit=3)
    if not same.matches:
        return none
    head = say.LOOKUP_NONE_TYPED.format(query=short_title(result.query.strip(), 12))
    lines = [f"• {entry(m, library)}" for m in same.matches]
    return "\n".join([head, say.LOOKUP_SAME_NUMBER.format(number=number), *lines])


def _candidates(result: LookupResult, library: Library | None) -> str:
    """A numbered list of equally good candidates and how to narrow the query."""
    by_title = result.how == "title"
    query = short_title(result.query.strip(), 12)
    head = say.LOOKUP_AMBIGUOUS_TITLE if by_title else say.LOOKUP_AMBIGUOUS
    lines = [head.format(query=query)]
    lines += [f"{i}. {describe(m, library)}" for i, m in enumerate(result.matches, 1)]
    example = next((m.number for m in result.matches if m.number), None) or "34-HD/ĐU"
    hint = say.LOOKUP_MORE_WORDS if by_title else say.LOOKUP_TYPE_FULL
    return "\n".join([*lines, "", hint.format(example=example)])


def describe(match: LookupMatch, library: Library | None = None) -> str:
    """One line: type, number, date and issuer ("Kế hoạch 89-KH/TU ngày 24/12/2021 của …")."""
    parts = [match.doc_type_name or say.DOCUMENT]
    if match.number:
        parts.append(match.number)
    elif match.title:
        parts.append(short_title(_lower_first(match.title), TITLE_WORDS))
    if match.date:
        parts.append(f"ngày {format_date(match.date)}")
    issuer = issuer_name(match, library)
    if issuer:
        parts.append(f"của {issuer}")
    return " ".join(parts)


def entry(match: LookupMatch, library: Library | None = None) -> str:
    """The full reply block for one match: description, title, file or cited-only note."""
    if not match.ingested:
        return cited_line(library, match)
    lines = [describe(match, library)]
    if match.number and match.title:
        lines.append(short_title(match.title, 40))
    if match.file:
        lines.append(say.LOOKUP_FILE.format(file=match.file))
    return "\n".join(lines)


def cited_line(library: Library | None, match: LookupMatch) -> str:
    """ "Kế hoạch 89-KH/TU ngày 24/12/2021 của … — chưa có toàn văn; được triển khai bởi …"."""
    text = say.CITED_ONLY.format(doc=describe(match, library))
    implementing = _implementing_names(library, match)
    if implementing:
        return f"{text}; {say.IMPLEMENTED_BY.format(docs=', '.join(implementing))}"
    citing = _citing_names(library, match)
    if citing:
        return f"{text}; {say.CITED_BY.format(docs=', '.join(citing[:3]))}"
    return text


def issuer_name(match: LookupMatch, library: Library | None) -> str:
    """The issuer as the citing text names it, else the name of its code, else the code."""
    phrase = _issuer_from_citing_text(match, library)
    if phrase:
        return phrase
    return ISSUER_NAMES.get(match.issuer, match.issuer)


def _issuer_from_citing_text(match: LookupMatch, library: Library | None) -> str:
    parsed = parse_number(match.number or "")
    if library is None or parsed is None or match.ingested:
        return ""
    # Reading a directive costs a database read: a much-cited number reads a few only.
    for doc in library.citing(number_key(parsed))[:MAX_READ]:
        # The stored library keeps titles and sections but drops the whole text (and with
        # it the preamble); use the text when a caller built the library with it.
        d = doc.directive
        for text in (d.title, d.text) if d.text else (d.title, *(s.text for s in d.sections)):
            at = _find_number(text, match.number or "")
            if at < 0:
                continue
            found = _OF_ISSUER.search(text[at : at + 160].split("\n", 1)[0])
            if found:
                return found.group(1).strip()
    return ""


def _find_number(text: str, number: str) -> int:
    """Where number is printed in text, tolerating spaces around separators and Đ→D."""
    folded, key = fold(text), fold(number)
    at = folded.find(key)
    return at + len(key) if at >= 0 else -1


def _citing_names(library: Library | None, match: LookupMatch) -> list[str]:
    """Names of the documents citing match: number, else type and title (else the file)."""
    parsed = parse_number(match.number or "")
    if library is not None and parsed is not None:
        docs = library.citing(number_key(parsed))
        if docs:
            return [doc_name(d.number, d.doc_type_name, d.title) for d in docs]
    return [number or file for number, file in match.cited_by]


def _implementing_names(library: Library | None, match: LookupMatch) -> list[str]:
    parsed = parse_number(match.number or "")
    if library is None or parsed is None:
        return []
    docs = library.implementing(number_key(parsed))
    return [doc_name(d.number, d.doc_type_name, d.title) for d in docs]


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[1:2].islower() else text
