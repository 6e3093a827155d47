"""Provinces and cities a question may name ("kế hoạch dân số Cần Thơ", "qd 254 son la").

Folded names of the provinces and centrally governed cities, those of before the 2025
merger too (documents of earlier years still name them), with the ways people type them.
A place named in a question narrows the documents to those whose header names it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from knowledge.vi.places import PLACES

# Words after which a place name is not a place: "Hà Nội" in "Đại học Quốc gia Hà Nội" is.
_NOT_AFTER = ("duong", "pho", "phuong")


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    spellings = {s: name for name, more in PLACES.items() for s in (name, *more)}
    alternatives = "|".join(sorted(map(re.escape, spellings), key=len, reverse=True))
    return re.compile(rf"\b(?:tinh |thanh pho |tp |tp\. )?({alternatives})\b")


@lru_cache(maxsize=1)
def _canonical() -> dict[str, str]:
    return {s: name for name, more in PLACES.items() for s in (name, *more)}


def places_in(folded: str) -> list[str]:
    """The places a folded question names, as canonical folded names, in order."""
    found: list[str] = []
    for match in _pattern().finditer(folded):
        before = folded[: match.start()].split()[-1:] or [""]
        if before[0] in _NOT_AFTER:
            continue
        name = _canonical()[match.group(1)]
        if name not in found:
            found.append(name)
    return found


def spellings(name: str) -> tuple[str, ...]:
    """How documents print a place, folded: its name and the short forms used in headers."""
    if name == "ho chi minh":
        return ("ho chi minh", "hcm")
    return (name,)
