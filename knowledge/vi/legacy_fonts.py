"""Vietnamese text encodings: decoding .txt bytes, and the pre-Unicode fonts (TCVN3, VNI).

Word files and text exported from .VnTime (TCVN3) or VNI-Times fonts carry bytes that look
like Latin-1 once read as Unicode: "Uû ban nh©n d©n" is TCVN3 for "Uỷ ban nhân dân", and
"Uyû ban nhaân daân" is the same in VNI. We detect them by counting characters that only
such text has, and convert with the tables below.
"""

from __future__ import annotations

import codecs
import contextlib
import re
import unicodedata
from dataclasses import dataclass

# TCVN 5712:1993 (VN3, the ".Vn" fonts): one byte per letter, lower case only for toned
# letters (upper case toned letters come from a separate ".VnXxxH" font using the same bytes).
_TCVN3_PAIRS = (
    "\xa1Ă \xa2Â \xa3Ê \xa4Ô \xa5Ơ \xa6Ư \xa7Đ \xa8ă \xa9â \xaaê \xabô \xacơ \xadư \xaeđ "
    "\xb5à \xb6ả \xb7ã \xb8á \xb9ạ \xbbằ \xbcẳ \xbdẵ \xbeắ \xc6ặ \xc7ầ \xc8ẩ \xc9ẫ \xcaấ "
    "\xcbậ \xccè \xceẻ \xcfẽ \xd0é \xd1ẹ \xd2ề \xd3ể \xd4ễ \xd5ế \xd6ệ \xd7ì \xd8ỉ \xdcĩ "
    "\xddí \xdeị \xdfò \xe1ỏ \xe2õ \xe3ó \xe4ọ \xe5ồ \xe6ổ \xe7ỗ \xe8ố \xe9ộ \xeaờ \xebở "
    "\xecỡ \xedớ \xeeợ \xefù \xf1ủ \xf2ũ \xf3ú \xf4ụ \xf5ừ \xf6ử \xf7ữ \xf8ứ \xf9ự \xfaỳ "
    "\xfbỷ \xfcỹ \xfdý \xfeỵ"
)
TCVN3_TO_UNICODE: dict[str, str] = {pair[0]: pair[1] for pair in _TCVN3_PAIRS.split()}

# Latin-1 letters that Unicode Vietnamese uses too; every other Latin-1 letter in a
# Vietnamese text is a sign of a legacy font. «, », · and ° are punctuation in real files.
_VIET_LATIN1 = frozenset("àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ«»·°")

# VNI-Windows: a base letter followed by a modifier byte (upper case modifiers after upper
# case vowels), plus a few single-byte letters.
_VNI_TONES = {"ù": "\u0301", "ø": "\u0300", "û": "\u0309", "õ": "\u0303", "ï": "\u0323"}
_VNI_HAT = {"â": "", "á": "\u0301", "à": "\u0300", "å": "\u0309", "ã": "\u0303", "ä": "\u0323"}
_VNI_BREVE = {"ê": "", "é": "\u0301", "è": "\u0300", "ú": "\u0309", "ü": "\u0303", "ë": "\u0323"}
_VNI_SINGLE = {
    "ñ": "đ", "Ñ": "Đ", "ô": "ơ", "Ô": "Ơ", "ö": "ư", "Ö": "Ư",
    "í": "í", "ì": "ì", "æ": "ỉ", "ó": "ĩ", "ò": "ị", "Í": "Í", "Ì": "Ì", "Æ": "Ỉ",
    "Ó": "Ĩ", "Ò": "Ị", "î": "ỵ", "Î": "Ỵ",
}  # fmt: skip
_VNI_MODS = "".join(_VNI_TONES) + "".join(_VNI_HAT) + "".join(_VNI_BREVE)
_LEGACY_ODD = (
    frozenset(TCVN3_TO_UNICODE) | frozenset(_VNI_MODS + _VNI_MODS.upper()) | frozenset(_VNI_SINGLE)
) - _VIET_LATIN1
_VNI_SEQ = re.compile(
    rf"([aeouyAEOUY]|[ôöÔÖ])([{_VNI_MODS}{_VNI_MODS.upper()}])"
    rf"|([ñÑôÔöÖíìæóòÍÌÆÓÒîÎ])"
)
# Letters only Unicode Vietnamese has (ă đ ĩ ũ ơ ư and the Latin Extended Additional block).
_VIET_UNICODE = re.compile("[\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01a0\u01a1"
                           "\u01af\u01b0\u1ea0-\u1ef9\u0300\u0301\u0303\u0309\u0323]")  # fmt: skip


@dataclass(frozen=True)
class Detection:
    """What the text looks like: 'unicode', 'tcvn3', 'vni' or 'mixed'."""

    kind: str
    legacy_hits: int
    unicode_hits: int


def detect(text: str) -> Detection:
    """Guess whether text is Unicode Vietnamese or TCVN3/VNI read as Latin-1.

    'unreadable' means legacy letters whose conversion does not give Vietnamese words.
    """
    unicode_hits = len(_VIET_UNICODE.findall(text))
    hits = sum(1 for ch in text if ch in _LEGACY_ODD)
    if hits < 3:
        return Detection("unicode", hits, unicode_hits)
    ratio = hits / (hits + unicode_hits)
    if ratio >= 0.9:
        return Detection(_best_font(text), hits, unicode_hits)
    if ratio >= 0.3 and hits >= 10:
        return Detection("mixed", hits, unicode_hits)
    return Detection("unicode", hits, unicode_hits)


def _best_font(text: str) -> str:
    """The legacy font whose conversion gives the most real syllables (TCVN3 on a tie)."""
    sample = text[:20000]
    scores = {kind: plausibility(convert(sample, kind)) for kind in ("tcvn3", "vni")}
    best = max(scores, key=lambda kind: (scores[kind], kind == "tcvn3"))
    return best if scores[best] >= 0.6 else "unreadable"


# Vowel clusters of Vietnamese syllables (without tone marks).
_NUCLEI_TEXT = (
    "a ă â e ê i o ô ơ u ư y ai ao au ay âu ây eo êu ia iê iu oa oă oe oi ôi ơi oo ua uâ "
    "ue uê ui uô uơ uy ưa ưi ưu ươ yê iêu yêu oai oay oao oeo uây uôi ươi ươu uya uyê uyu"
)
_NUCLEI = sorted(_NUCLEI_TEXT.split(), key=len, reverse=True)
_SYLLABLE = re.compile(
    r"^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?"
    rf"(?:{'|'.join(_NUCLEI)})(?:ch|ng|nh|[cmnpt])?$"
)
_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")
_PUNCTUATION = ".,;:!?()[]\"'“”‘’«»-–…/*"


_LETTERS = frozenset("bcdđghklmnpqrstvx") | {
    unicodedata.normalize("NFC", vowel + tone)
    for vowel in "aăâeêioôơuưy"
    for tone in ("", *_TONE_MARKS)
}


def is_syllable(word: str) -> bool:
    """Whether a word is a well-formed Vietnamese syllable (one tone at most)."""
    lower = unicodedata.normalize("NFC", word.lower())
    if not all(ch in _LETTERS for ch in lower):
        return False  # "ñ" would otherwise pass as n + tilde
    marks = unicodedata.normalize("NFD", lower)
    if sum(1 for ch in marks if ch in _TONE_MARKS) > 1:
        return False
    bare = unicodedata.normalize("NFC", "".join(ch for ch in marks if ch not in _TONE_MARKS))
    return bool(_SYLLABLE.match(bare))


def plausibility(text: str) -> float:
    """The share of words with non-ASCII letters that are real Vietnamese syllables."""
    words = [w.strip(_PUNCTUATION) for w in text.split()]
    words = [w for w in words if w and not w.isascii()]
    if not words:
        return 1.0
    return sum(1 for w in words if is_syllable(w)) / len(words)


def to_unicode(text: str) -> tuple[str, str]:
    """Convert text typed in a legacy font; returns (text, 'unicode' | 'tcvn3' | 'vni').

    Raises TextDecodeError (a Vietnamese message) when it cannot be converted reliably.
    """
    kind = detect(text).kind
    if kind == "mixed":
        raise TextDecodeError(
            "văn bản lẫn chữ phông cũ (TCVN3/VNI) với chữ Unicode, không chuyển tự động được; "
            + _UNIKEY
        )
    if kind == "unreadable":
        raise TextDecodeError(
            "văn bản gõ bằng phông chữ cũ (TCVN3/VNI) nhưng không nhận ra chắc chắn bảng mã để "
            "chuyển; " + _UNIKEY
        )
    return convert(text, kind), kind


_UNIKEY = "hãy chuyển sang Unicode (Unikey: Công cụ chuyển mã) rồi gửi lại."


def tcvn3_to_unicode(text: str) -> str:
    """Convert TCVN3 (ABC) text read as Latin-1 to NFC Unicode."""
    return unicodedata.normalize("NFC", "".join(TCVN3_TO_UNICODE.get(ch, ch) for ch in text))


def unicode_to_tcvn3(text: str) -> str:
    """The inverse of tcvn3_to_unicode for lower case toned letters (used to build tests)."""
    inverse = {v: k for k, v in TCVN3_TO_UNICODE.items()}
    return "".join(inverse.get(ch, ch) for ch in unicodedata.normalize("NFC", text))


def _vni_letter(match: re.Match[str]) -> str:
    if match.group(3):
        return _VNI_SINGLE[match.group(3)]
    base, mod = match.group(1), match.group(2).lower()
    if base in "ôöÔÖ":
        base = _VNI_SINGLE[base]
    if mod in _VNI_TONES:
        return base + _VNI_TONES[mod]
    if mod in _VNI_HAT and base.lower() in "aeo":
        return base + "\u0302" + _VNI_HAT[mod]
    if mod in _VNI_BREVE and base.lower() == "a":
        return base + "\u0306" + _VNI_BREVE[mod]
    # Not a VNI pair (e.g. "eé"): leave it as it is rather than guess.
    return match.group(0)


def vni_to_unicode(text: str) -> str:
    """Convert VNI-Windows text read as Latin-1 to NFC Unicode."""
    return unicodedata.normalize("NFC", _VNI_SEQ.sub(_vni_letter, text))


def convert(text: str, kind: str) -> str:
    """Convert text detected as 'tcvn3' or 'vni'; anything else is returned unchanged."""
    if kind == "tcvn3":
        return tcvn3_to_unicode(text)
    if kind == "vni":
        return vni_to_unicode(text)
    return text


class TextDecodeError(ValueError):
    """Bytes that are not text in any encoding we know; str() is a Vietnamese message."""


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode a .txt file's bytes; returns (text, encoding), TCVN3/VNI already converted."""
    if data.startswith(codecs.BOM_UTF8):
        return _decode(data[3:], "utf-8"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode(data, "utf-16"), "utf-16"
    guess = _utf16_guess(data)
    if guess:
        return _decode(data, guess), guess
    if b"\x00" in data:
        raise TextDecodeError("tệp không phải văn bản thuần (có dữ liệu nhị phân).")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    return _decode_single_byte(data)


def _decode_single_byte(data: bytes) -> tuple[str, str]:
    """Windows-1258, TCVN3 or VNI: whichever reading gives the most Vietnamese syllables."""
    latin = data.decode("latin-1")
    readings = {"tcvn3": tcvn3_to_unicode(latin), "vni": vni_to_unicode(latin)}
    with contextlib.suppress(UnicodeDecodeError):  # bytes undefined in cp1258: not cp1258
        readings["cp1258"] = unicodedata.normalize("NFC", data.decode("cp1258"))
    order = ("cp1258", "tcvn3", "vni")  # the more common encoding wins a tie
    scores = {k: (plausibility(v[:20000]), -order.index(k)) for k, v in readings.items()}
    best = max(scores, key=lambda k: scores[k])
    if scores[best][0] < 0.5 and "cp1258" not in readings:
        raise TextDecodeError("không nhận ra bảng mã của tệp; hãy lưu lại dạng Unicode (UTF-8).")
    return readings[best], best


def looks_textual(data: bytes) -> bool:
    """Whether bytes look like text (no NUL bytes, or UTF-16)."""
    sample = data[:4096]
    return b"\x00" not in sample or _utf16_guess(sample) is not None


def _utf16_guess(data: bytes) -> str | None:
    """utf-16-le/be when every other byte of a BOM-less text is mostly zero."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even_zeros = sample[0::2].count(0) / len(sample[0::2])
    odd_zeros = sample[1::2].count(0) / len(sample[1::2])
    if odd_zeros > 0.3 and even_zeros < 0.05:
        return "utf-16-le"
    if even_zeros > 0.3 and odd_zeros < 0.05:
        return "utf-16-be"
    return None


def _decode(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise TextDecodeError(
            f"tệp {encoding.upper()} bị lỗi mã hóa (có thể bị cắt dở); hãy lưu lại tệp."
        ) from None
