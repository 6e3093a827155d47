"""Recipients, signer and issuer: the parts around the sections.

- Recipients: the lines of "Kính gửi:" (under the title) and of "Nơi nhận:" (also
  misspelt "Noi nhận:"), in that order, each without its bullet and trailing ",;." and
  with its own words otherwise ("Ban Dân vận Thành ủy (để báo cáo)").
- Signer: right after the "Nơi nhận" list (or right before it, when the two cells of the
  table row come out the other way round; without one, the first block followed by the
  end of the text, footnotes or an attached document): the signature block
  (knowledge.parse.signature).
  A recipient cut by its cell continues on a line without a bullet, in capitals too when
  it ends as an item does (",", ";") or the next item's bullet follows.
  Whatever follows the name (footnotes, an annex, the plan a decision issues) is the tail
  (knowledge.parse.attachments).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from knowledge.model import Signer
from knowledge.parse.paragraphs import head_fold
from knowledge.parse.signature import find_signature, signature_at, signature_ending_at
from knowledge.vi.casing import is_caps

_BULLET = re.compile(r"^[-+•●▪◦*]\s*")
_CELL_WIDTH = 60  # a recipient wrapped inside the "Nơi nhận" cell continues in a short line
_RECIPIENTS_START = ("noi nhan", "kinh gui")


@dataclass
class Trailer:
    """Where the body ends, where what follows the signature starts, and what it holds."""

    body_end: int
    tail_start: int  # attached documents and footnotes start here (len(texts) when none)
    recipients: list[str] = field(default_factory=list)
    signer: Signer = field(default_factory=Signer)


def recipient(line: str) -> str:
    """One recipient as printed, without bullet and trailing punctuation."""
    return _BULLET.sub("", line.strip()).strip().rstrip(",;.").strip()


def take_recipients(texts: list[str], start: int) -> tuple[list[str], int]:
    """The list opened by "Nơi nhận:"/"Kính gửi:" at start; returns it and the index after."""
    head = texts[start].split(":", 1)
    found = [recipient(head[1])] if len(head) > 1 and recipient(head[1]) else []
    printed = head[1] if found else ""  # the last recipient as printed, to join its rest to
    open_item = len(head) > 1 and not head[1].rstrip().endswith((",", ";", "."))
    index = start + 1
    while index < len(texts):
        line = texts[index]
        if is_recipients_start(line):
            break  # another list opens
        bullet = _BULLET.match(line) is not None
        wrapped = not bullet and not line.endswith(":") and _item_rest(texts, index)
        # Capitals without a bullet are no recipient of their own: the rest of one, even
        # after a comma ("- Trưởng phòng: THVX, NC," / "THCBKSTTHC;").
        if found and (open_item or is_caps(line)) and wrapped and len(line) <= _CELL_WIDTH:
            printed = f"{printed} {line}"  # a recipient wrapped in its cell
            found[-1] = recipient(printed)
        elif bullet or _short_item(line):
            if recipient(line):
                found.append(recipient(line))
                printed = line
        else:
            break
        open_item = not line.endswith((",", ";", "."))
        index += 1
    return found, index


def _item_rest(texts: list[str], index: int) -> bool:
    """Whether the line at index may be the rest of a recipient cut by its cell: not in
    capitals, or in capitals but no signature title ("NN&MT, GD&ĐT;" ends as an item
    does; "TP" is followed by the next item's bullet)."""
    line = texts[index]
    if not is_caps(line):
        return True
    following = texts[index + 1] if index + 1 < len(texts) else ""
    return line.endswith((",", ";")) or _BULLET.match(following) is not None


def _short_item(line: str) -> bool:
    return len(line) < 100 and line.endswith((";", ",")) and not is_caps(line)


def is_recipients_start(text: str) -> bool:
    """True for "Nơi nhận:", "Noi nhận:" or "Kính gửi:"."""
    return head_fold(text).startswith(_RECIPIENTS_START)


def _is_trailer_start(text: str) -> bool:
    """True for the "Nơi nhận:" that opens the list, not for a sentence about it."""
    return head_fold(text).startswith("noi nhan") and (":" in text[:12] or len(text) <= 10)


def parse_trailer(texts: list[str], lo: int, ends: Callable[[int], bool]) -> Trailer:
    """Recipients ("Nơi nhận") and signer after the body (from index lo on).

    ends(index) tells whether the text after a signature block may follow one: the end,
    footnotes or an attached document.
    """
    starts = [i for i in range(lo, len(texts)) if _is_trailer_start(texts[i])]
    scanned = lo
    for start in starts:
        if start < scanned:
            continue  # inside the list before: each paragraph is read once
        recipients, after = take_recipients(texts, start)
        scanned = after
        found = signature_at(texts, after)
        if found is not None:
            return Trailer(start, found.end, recipients, found.signer)
        # The signature printed before "Nơi nhận" (the two cells of one table row).
        found = signature_ending_at(texts, lo, start)
        if found is not None:
            return Trailer(found.start, after, recipients, found.signer)
    if starts:
        recipients, after = take_recipients(texts, starts[-1])
        return Trailer(starts[-1], after, recipients)
    found = find_signature(texts, lo, ends)
    if found is None:
        return Trailer(len(texts), len(texts))
    return Trailer(found.start, found.end, [], found.signer)
