"""The signature block: title lines, notes and the signer's name.

- Title lines are in capitals or opened by TM., T/M, KT., K/T, TL., Q. ("TM. ỦY BAN NHÂN
  DÂN" / "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH"); the title is the last, the authority the lines
  above it (joined with a line break). A title line of one word is the rest of the line
  above, cut by a narrow cell ("PHÓ TRƯỞNG BAN THƯỜNG" / "TRỰC"): titles have two words or
  more.
- The name ends the block, in any case ("Lê Minh Châu", "NGUYỄN VĂN AN", "NGUYỄN Văn An",
  "Nguyen Van An"), without a note in brackets ("Lê Minh Châu (mẫu)"); a name in capitals
  is told from a title by its words (knowledge.vi.person_names) and given in its natural
  case ("Nguyễn Văn An"). A name in capitals whose surname is not a common one is still a
  name when nothing of the block follows it.
- Notes ("(Đã ký)", "Đã ký", "(đã ký và đóng dấu)", "(Ký, đóng dấu)", "(Đóng dấu)") and
  empty cells are skipped.
- Signatures side by side in a table row read row by row ("T/M BAN CHẤP HÀNH | T/M ỦY
  BAN KIỂM TRA" / "BÍ THƯ | CHỦ NHIỆM" / "Nguyễn Văn An | Trần Thị Hà"): the first cell's
  is the issuing body's; a preparer's cell ("NGƯỜI LẬP BIỂU") is passed over for the head
  who signs beside it. Two blocks one after another: the first, or the head's under a
  preparer's. Two blocks a PDF joined line by line ("T/M BAN CHẤP HÀNH T/M ỦY BAN KIỂM
  TRA" / "BÍ THƯ CHỦ NHIỆM" / "Nguyễn Văn An Trần Thị Hà"): the left one, when its name
  can be told from the other (person_names.left_name); authority lines of one block a
  PDF joined ("TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH") stay as they are.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from knowledge.model import Signer
from knowledge.parse.attachments import opens_tail
from knowledge.parse.paragraphs import head_fold
from knowledge.vi.casing import is_caps
from knowledge.vi.person_names import (
    NAME_WORD,
    is_person_name,
    left_name,
    left_title,
    natural_case,
)

_SIGN_NOTES = (
    "(da ky",
    "(ky ",
    "(ky,",
    "da ky",
    "ky ten",
    "(ky)",
    "(dong dau",
    "[da ky",
    "/da ky",
    "(chu ky",
)
# A note before or after the name: a wrapped PDF may join "(Đã ký)" to the name line.
_NAME_NOTE = re.compile(r"^\s*[(\[][^()\[\]]{0,40}[)\]]\s*|\s*[(\[][^()\[\]]{0,40}[)\]]\s*$")
# Signature prefixes: on behalf of (TM., T/M), for (KT., K/T), by order of (TL.), acting (Q.).
_AUTHORITY = re.compile(r"^(?:T\.?M\.|T/M|K\.?T\.|K/T|TL\.|T/L|Q\.|TUQ\.)\s*", re.IGNORECASE)
_SECOND_AUTHORITY = re.compile(r"(?<=\S)\s+(?:T\.?M\.|T/M|K\.?T\.|K/T|TL\.|T/L)\s*")
_PREPARERS = ("nguoi lap", "nguoi viet", "nguoi tong hop")
_CELLS = "|"
TITLE_LINE_MAX = 60
SIGNATURE_MAX_LINES = 8  # titles, notes ("(Đã ký)", "(Ký, đóng dấu)") and the name


@dataclass
class Signature:
    """A signature block: where it starts and ends (exclusive) in the paragraphs, and who."""

    start: int
    end: int
    signer: Signer


def _name_like(text: str) -> bool:
    words = text.split()
    if not 2 <= len(words) <= 6 or len(text) > 50:
        return False
    return all(NAME_WORD.fullmatch(w) and w[0].isupper() for w in words)


def is_note(text: str) -> bool:
    """True for notes inside a signature block such as "(Đã ký)", not for a name after one."""
    rest = _NAME_NOTE.sub("", text).strip()
    return head_fold(text).startswith(_SIGN_NOTES) and (not rest or head_fold(rest) == "da ky")


def signer_name(line: str) -> str:
    """The name on a signature's last line, without a bracketed note ("(mẫu)", "(đã ký)")."""
    return _NAME_NOTE.sub("", line).strip()


def title_line(text: str) -> bool:
    """True for a line of a signature's titles: capitals or a TM./KT./TL. prefix, no name."""
    first = _cell(text, 0) if _CELLS in text else text
    if len(first) > TITLE_LINE_MAX or is_person_name(signer_name(first)):
        return False
    return is_caps(first) or _AUTHORITY.match(first) is not None


def _cell(text: str, column: int) -> str:
    """The column's cell of a table row (the line itself when it is no row)."""
    if _CELLS not in text:
        return text.strip()
    cells = [c.strip() for c in text.split(_CELLS)]
    return cells[column] if column < len(cells) else ""


def _column(row: str) -> int:
    """The cell of a row of signature titles whose block is the signer's: the first one
    that is no preparer's."""
    cells = [c.strip() for c in row.split(_CELLS)]
    for at, cell in enumerate(cells):
        if cell and not head_fold(cell).startswith(_PREPARERS):
            return at
    return 0


def _ends_block(texts: list[str], index: int, column: int) -> bool:
    """True when nothing of a signature block follows index: no title, no name."""
    while index < len(texts) and (not _cell(texts[index], column) or is_note(texts[index])):
        index += 1
    if index >= len(texts):
        return True
    text = _cell(texts[index], column)
    if opens_tail(text):
        return True  # "PHỤ LỤC", footnotes: what follows a signature
    return not title_line(text) and not _name_like(signer_name(text))


def _is_name(name: str, titles: list[str], texts: list[str], index: int, column: int) -> bool:
    """A line in capitals after the titles that names a person: a common surname, or a
    rarer one and nothing of the block after it."""
    if titles and is_person_name(name):
        return True
    return bool(titles) and is_person_name(name, strict=False) and _ends_block(texts, index, column)


def signature_from(texts: list[str], start: int) -> Signature | None:
    """The block of title lines and a name that starts at start, notes skipped, or None."""
    titles: list[str] = []
    column = _column(texts[start]) if start < len(texts) else 0
    index = start
    while index < len(texts) and index - start < SIGNATURE_MAX_LINES:
        text = _cell(texts[index], column)
        index += 1
        if not text or is_note(text):
            continue
        name = signer_name(text)
        joined = bool(titles) and _SECOND_AUTHORITY.search(titles[0]) is not None
        name = left_name(name) if joined else name  # two blocks a PDF joined line by line
        joined = joined and name != signer_name(text)
        if title_line(text) and not _is_name(name, titles, texts, index, column):
            if titles and len(text.split()) == 1 and not _AUTHORITY.match(text):
                titles[-1] = f"{titles[-1]} {text}"  # "... THƯỜNG" / "TRỰC": a wrapped title
            else:
                titles.append(text)
            continue
        if not titles or not _name_like(name):
            return None
        while index < len(texts) and is_note(_cell(texts[index], column)):
            index += 1
        return Signature(start, index, _left_signer(titles, natural_case(name), joined))
    return None


def _left_signer(titles: list[str], name: str, joined: bool) -> Signer:
    """The signer of the titles and name; of two blocks a PDF joined line by line ("T/M BAN
    CHẤP HÀNH T/M ỦY BAN KIỂM TRA" / "BÍ THƯ CHỦ NHIỆM"), the left one's titles."""
    second = _SECOND_AUTHORITY.search(titles[0])
    if second is None or not joined:  # "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH": one block
        return Signer(name, titles[-1], "\n".join(titles[:-1]))
    first = titles[0][: second.start()].strip()
    if len(titles) == 1:
        return Signer(name, first, "")
    return Signer(name, left_title(titles[-1]), "\n".join([first, *titles[1:-1]]))


def signature_at(texts: list[str], start: int) -> Signature | None:
    """The signature block at start, with a second one right after it (several signers):
    the first's signer, or the head's beside a preparer."""
    found = signature_from(texts, start)
    if found is None or found.end >= len(texts) or opens_tail(texts[found.end]):
        return found
    second = signature_from(texts, found.end)
    if second is None:
        return found
    return Signature(found.start, second.end, _signer_of(found, second))


def signature_ending_at(texts: list[str], lo: int, end: int) -> Signature | None:
    """The signature block whose name is the last paragraph before end (not before lo);
    of two blocks one after another, the first's signer."""
    found = _block_ending_at(texts, lo, end)
    while found is not None:
        before = _block_ending_at(texts, lo, found.start)
        if before is None:
            return found
        found = Signature(before.start, end, _signer_of(before, found))
    return None


def _block_ending_at(texts: list[str], lo: int, end: int) -> Signature | None:
    for start in range(end - 1, max(lo, end - SIGNATURE_MAX_LINES) - 1, -1):
        found = signature_from(texts, start)
        if found is None or found.end != end:
            continue
        if start == lo or not title_line(texts[start - 1]):
            return found
    return None


def find_signature(texts: list[str], lo: int, ends: Callable[[int], bool]) -> Signature | None:
    """The first signature block after lo that ends where ends(index) says the body stops
    (or where a second block starts that does)."""
    for start in range(lo, len(texts)):
        if not title_line(texts[start]) or (start > lo and title_line(texts[start - 1])):
            continue
        found = signature_from(texts, start)
        if found is None:
            continue
        if ends(found.end):
            return found
        second = signature_from(texts, found.end)
        if second is not None and ends(second.end):
            return Signature(found.start, second.end, _signer_of(found, second))
    return None


def _signer_of(first: Signature, second: Signature) -> Signer:
    """Of two blocks one after another, the first's signer, unless the first is a
    preparer's ("NGƯỜI LẬP BIỂU" above "THỦ TRƯỞNG ĐƠN VỊ")."""
    preparer = head_fold(first.signer.title).startswith(_PREPARERS)
    return second.signer if preparer else first.signer
