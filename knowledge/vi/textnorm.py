"""Vietnamese text normalisation: one canonical display form and one folded search form."""

from __future__ import annotations

import re
import unicodedata

# Tone marks as combining characters (NFD): grave, acute, tilde, hook above, dot below.
_TONES = "\u0300\u0301\u0303\u0309\u0323"
# Old-style "hoà, thuỷ, khoẻ" put the tone on the last vowel of an open syllable; the
# documents and most users write "hòa, thủy, khỏe". Only open syllables (nothing after
# the vowel pair) move, and "qu" is a consonant so "quý" stays.
_OLD_STYLE = re.compile(
    rf"(?<![qQ])([oO])([aAeE])([{_TONES}])(?![\w\u0300-\u036f])"
    rf"|(?<![qQ])([uU])([yY])([{_TONES}])(?![\w\u0300-\u036f])"
)
_DASHES = re.compile("[\u2010\u2011\u2012\u2013\u2014\u2015\u2212]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_ZERO_WIDTH = re.compile("[\u200c\u200d\u2060\ufeff]")


def _move_tone(match: re.Match[str]) -> str:
    if match.group(1):
        return match.group(1) + match.group(3) + match.group(2)
    return match.group(4) + match.group(6) + match.group(5)


def nfc(text: str) -> str:
    """Return the NFC form (Word on macOS and PDF extraction give NFD)."""
    return unicodedata.normalize("NFC", text)


def unify_tone_marks(text: str) -> str:
    """Rewrite old-style tone placement (hoà, uỷ) to the style the documents use (hòa, ủy)."""
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", _OLD_STYLE.sub(_move_tone, decomposed))


def normalize(text: str) -> str:
    """Canonical display text: NFC, one tone style, plain dashes, single spaces per line."""
    text = _ZERO_WIDTH.sub("", text)
    text = unify_tone_marks(text)
    text = _DASHES.sub("-", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))


def strip_marks(text: str) -> str:
    """Remove every diacritic and map Đ/đ to D/d, keeping case."""
    decomposed = unicodedata.normalize("NFD", text)
    bare = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return bare.replace("đ", "d").replace("Đ", "D")


def fold(text: str) -> str:
    """Folded search form: normalised, no marks, Đ→D, lower case."""
    return strip_marks(normalize(text)).lower()


_WORD = re.compile(r"[0-9a-z]+")


def syllables(text: str) -> list[str]:
    """Folded syllables and numbers of a text, keeping one-character ones ("quý 2")."""
    return _WORD.findall(fold(text))
