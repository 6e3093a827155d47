"""Provinces and cities a question may name ("kế hoạch dân số Cần Thơ", "qd 254 son la").

Folded names of the provinces and centrally governed cities, those of before the 2025
merger too (documents of earlier years still name them), with the ways people type them.
A place named in a question narrows the documents to those whose header names it.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Folded canonical name: other spellings typed for it (folded).
PLACES: dict[str, tuple[str, ...]] = {
    "ha noi": (),
    "ho chi minh": ("tphcm", "tp hcm", "hcm", "sai gon", "tp ho chi minh"),
    "hai phong": (),
    "da nang": (),
    "can tho": (),
    "hue": ("thua thien hue",),
    "an giang": (),
    "bac ninh": (),
    "ca mau": (),
    "cao bang": (),
    "dak lak": ("daklak", "dac lac", "dak lac"),
    "dien bien": (),
    "dong nai": (),
    "dong thap": (),
    "gia lai": (),
    "ha tinh": (),
    "hung yen": (),
    "khanh hoa": (),
    "lai chau": (),
    "lam dong": (),
    "lang son": (),
    "lao cai": (),
    "nghe an": (),
    "ninh binh": (),
    "phu tho": (),
    "quang ngai": (),
    "quang ninh": (),
    "quang tri": (),
    "son la": (),
    "tay ninh": (),
    "thai nguyen": (),
    "thanh hoa": (),
    "tuyen quang": (),
    "vinh long": (),
    "ha giang": (),
    "yen bai": (),
    "bac kan": ("bac can",),
    "hoa binh": (),
    "vinh phuc": (),
    "bac giang": (),
    "hai duong": (),
    "thai binh": (),
    "nam dinh": (),
    "ha nam": (),
    "quang binh": (),
    "quang nam": (),
    "kon tum": ("kontum",),
    "binh dinh": (),
    "phu yen": (),
    "ninh thuan": (),
    "binh thuan": (),
    "dak nong": ("daknong",),
    "binh phuoc": (),
    "binh duong": (),
    "ba ria vung tau": ("vung tau", "brvt"),
    "long an": (),
    "tien giang": (),
    "ben tre": (),
    "tra vinh": (),
    "hau giang": (),
    "soc trang": (),
    "bac lieu": (),
    "kien giang": (),
}
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
