"""Tables of document type codes and issuers, and their canonical spellings."""

from __future__ import annotations

import re
import unicodedata

from knowledge.model import DocNumber
from knowledge.vi.textnorm import fold

# Canonical type code → Vietnamese name. Case is part of the code (CTr, QĐi, TTr).
TYPE_NAMES: dict[str, str] = {
    "NQ": "Nghị quyết",
    "QĐ": "Quyết định",
    "QĐi": "Quy định",
    "QyĐ": "Quy định",
    "CT": "Chỉ thị",
    "KL": "Kết luận",
    "QC": "Quy chế",
    "TB": "Thông báo",
    "HD": "Hướng dẫn",
    "CTr": "Chương trình",
    "KH": "Kế hoạch",
    "PA": "Phương án",
    "ĐA": "Đề án",
    "BC": "Báo cáo",
    "TTr": "Tờ trình",
    "CV": "Công văn",
    "TT": "Thông tư",
    "NĐ": "Nghị định",
    "TTLT": "Thông tư liên tịch",
    "CĐ": "Công điện",
    "GM": "Giấy mời",
    "TC": "Thông cáo",
    "BB": "Biên bản",
    "HĐ": "Hợp đồng",
    "GUQ": "Giấy ủy quyền",
    "GGT": "Giấy giới thiệu",
}

# The same code names another type in Party documents (DOMAIN.md).
PARTY_TYPE_NAMES: dict[str, str] = {"TT": "Thông tri", "QĐ": "Quyết định"}

# Folded code → canonical. Đ typed as D is the usual error, so "qd" → "QĐ"; "hd" stays
# HD (Hướng dẫn) because HĐ (Hợp đồng) is rare and only kept when typed with Đ.
_TYPE_BY_FOLD: dict[str, str] = {fold(code): code for code in TYPE_NAMES if code != "HĐ"}

# Spelled-out type names (folded) → code; longer names first so "thông báo kết luận"
# wins over "thông báo" and "thông tư liên tịch" over "thông tư".
_NAME_TO_TYPE: list[tuple[str, str]] = sorted(
    [
        ("nghi quyet", "NQ"),
        ("quyet dinh", "QĐ"),
        ("quy dinh", "QĐ"),
        ("chi thi", "CT"),
        ("ket luan", "KL"),
        ("quy che", "QC"),
        ("thong bao ket luan", "TB"),
        ("thong bao", "TB"),
        ("huong dan", "HD"),
        ("chuong trinh", "CTr"),
        ("ke hoach", "KH"),
        ("phuong an", "PA"),
        ("de an", "ĐA"),
        ("bao cao", "BC"),
        ("to trinh", "TTr"),
        ("cong van", "CV"),
        ("thong tu lien tich", "TTLT"),
        ("thong tu", "TT"),
        ("thong tri", "TT"),
        ("nghi dinh", "NĐ"),
        ("cong dien", "CĐ"),
        ("giay moi", "GM"),
        ("thong cao", "TC"),
        ("bien ban", "BB"),
    ],
    key=lambda pair: -len(pair[0]),
)
TYPE_NAME_TO_CODE: tuple[tuple[str, str], ...] = tuple(_NAME_TO_TYPE)
TYPE_NAME_PHRASES: tuple[str, ...] = tuple(name for name, _ in _NAME_TO_TYPE)

# Folded issuer → canonical. Party issuers first, then State ones.
PARTY_ISSUERS: dict[str, str] = {
    "tw": "TW",
    "tu": "TU",
    "hu": "HU",
    "qu": "QU",
    "du": "ĐU",
    "duk": "ĐUK",
    "bdvtu": "BDVTU",
    "btgtu": "BTGTU",
    "btctu": "BTCTU",
    "ubkttu": "UBKTTU",
    "vptu": "VPTU",
    "bdvtw": "BDVTW",
    "btgtw": "BTGTW",
    "btctw": "BTCTW",
    "ubkttw": "UBKTTW",
    "vptw": "VPTW",
    "bcd": "BCĐ",
    "bcdtp": "BCĐTP",
}
STATE_ISSUERS: dict[str, str] = {
    "ubnd": "UBND",
    "hdnd": "HĐND",
    "cp": "CP",
    "ttg": "TTg",
    "bgddt": "BGDĐT",
    "sgddt": "SGDĐT",
    "pgddt": "PGDĐT",
    "bnv": "BNV",
    "btc": "BTC",
    "byt": "BYT",
    "bca": "BCA",
    "bqp": "BQP",
    "bldtbxh": "BLĐTBXH",
    "vpcp": "VPCP",
    "ubtvqh": "UBTVQH",
    "ctn": "CTN",
}
_QH = re.compile(r"qh(\d{0,2})")
# Spelled-out issuers (folded) that users type after a number: "kế hoạch 89 của thành ủy".
ISSUER_NAMES: tuple[tuple[str, str], ...] = (
    ("ban dan van thanh uy", "BDVTU"),
    ("ban tuyen giao thanh uy", "BTGTU"),
    ("uy ban nhan dan", "UBND"),
    ("hoi dong nhan dan", "HĐND"),
    ("bo giao duc va dao tao", "BGDĐT"),
    ("thanh uy", "TU"),
    ("tinh uy", "TU"),
    ("dang uy", "ĐU"),
    ("huyen uy", "HU"),
    ("quan uy", "QU"),
    ("trung uong", "TW"),
    ("bo chinh tri", "TW"),
    ("ban bi thu", "TW"),
    ("chinh phu", "CP"),
    ("thu tuong", "TTg"),
    ("quoc hoi", "QH"),
)
# Indexed by first word, longest phrase first ("ban dan van thanh uy" before "thanh uy").
ISSUER_PHRASES: dict[str, list[tuple[tuple[str, ...], str]]] = {}
for _name, _code in ISSUER_NAMES:
    ISSUER_PHRASES.setdefault(_name.split()[0], []).append((tuple(_name.split()), _code))
_SEGMENT = re.compile(r"[ \t\u00a0]{0,3}[-\u2010-\u2015\u2212][ \t\u00a0]{0,3}")


def _flat_table() -> dict[int, str]:
    table: dict[int, str] = {ord("Đ"): "D", ord("đ"): "d"}
    for start, end in ((0x00C0, 0x0250), (0x1E00, 0x1F00)):
        for code in range(start, end):
            ch = chr(code)
            base = "".join(
                c for c in unicodedata.normalize("NFD", ch) if unicodedata.category(c) != "Mn"
            )
            if len(base) == 1 and base != ch:
                table[code] = base
    return table


# str.translate runs in C: flat() is called on every sentence by three grammars.
_FLAT = _flat_table()


def flat(text: str) -> str:
    """Same-length copy of text without tone marks (Đ→D, case kept): offsets stay valid."""
    return text.translate(_FLAT)


def canonical_type(code: str) -> str | None:
    """Canonical type code for a typed code ("qd" → "QĐ", "HĐ" stays), None if unknown."""
    code = code.strip()
    if code in TYPE_NAMES:
        return code
    return _TYPE_BY_FOLD.get(fold(code))


def type_from_name(text: str) -> str | None:
    """Type code named at the start of text ("kế hoạch", "ke hoach", "KẾ HOẠCH" → "KH")."""
    folded = " ".join(fold(text).split())
    for name, code in _NAME_TO_TYPE:
        if folded == name or folded.startswith(name + " "):
            return code if _spelled_as(text, name) else None
    return None


def _spelled_as(text: str, name: str) -> bool:
    """A name printed with its marks must be that name: "PHƯỜNG AN KHÁNH" is no "phương án"."""
    words = unicodedata.normalize("NFC", text).lower().split()
    printed = _PRINTED.get(name, name).split()
    # A word typed without marks ("ke hoạch") matches on its folded form alone.
    return all(w.isascii() or w == p for w, p in zip(words, printed, strict=False))


# How each spelled-out type name is printed (lower case), for the check above.
_PRINTED: dict[str, str] = {
    "nghi quyet": "nghị quyết",
    "quyet dinh": "quyết định",
    "quy dinh": "quy định",
    "chi thi": "chỉ thị",
    "ket luan": "kết luận",
    "quy che": "quy chế",
    "thong bao ket luan": "thông báo kết luận",
    "thong bao": "thông báo",
    "huong dan": "hướng dẫn",
    "chuong trinh": "chương trình",
    "ke hoach": "kế hoạch",
    "phuong an": "phương án",
    "de an": "đề án",
    "bao cao": "báo cáo",
    "to trinh": "tờ trình",
    "cong van": "công văn",
    "thong tu lien tich": "thông tư liên tịch",
    "thong tu": "thông tư",
    "thong tri": "thông tri",
    "nghi dinh": "nghị định",
    "cong dien": "công điện",
    "giay moi": "giấy mời",
    "thong cao": "thông cáo",
    "bien ban": "biên bản",
}


def type_name(code: str, family: str = "state") -> str:
    """Vietnamese name of a type code; TT is Thông tri in Party documents."""
    if family == "party" and code in PARTY_TYPE_NAMES:
        return PARTY_TYPE_NAMES[code]
    return TYPE_NAMES.get(code, code)


def _raw_tw(segment: str) -> str:
    # "TƯ" (Trung ương) folds to "tu" like Thành ủy: read the Ư before folding.
    return re.sub("TƯ$|Tư$", "TW", unicodedata.normalize("NFC", segment))


def canonical_issuer_segment(segment: str) -> str:
    """Canonical spelling of one issuer segment ("DU" → "ĐU", "ubnd" → "UBND", "VX" kept)."""
    segment = _raw_tw(segment.strip())
    folded = fold(segment)
    if folded in PARTY_ISSUERS:
        return PARTY_ISSUERS[folded]
    if folded in STATE_ISSUERS:
        return STATE_ISSUERS[folded]
    qh = _QH.fullmatch(folded)
    if qh:
        return "QH" + qh.group(1)
    if folded.startswith("bcd"):
        return "BCĐ" + _as_written(segment[3:])
    return _as_written(segment)


def _as_written(code: str) -> str:
    # Unknown codes keep their printed case ("GDTrH"); only all-lower typing is raised.
    return code.upper() if code.islower() else code


def canonical_issuer(issuer: str) -> str:
    """Canonical spelling of an issuer with its sub-units ("UBND-VX", "BGDĐT-BNV")."""
    parts = [p for p in re.split(r"\s*-\s*", issuer.strip()) if p]
    return "-".join(canonical_issuer_segment(p) for p in parts)


def is_party_issuer(issuer: str) -> bool:
    """True for Party bodies (TW, TU, ĐU, BDVTU, BCĐ...), False for State ones."""
    first = fold(_raw_tw(issuer.split("-")[0].strip()))
    if first in PARTY_ISSUERS:
        return True
    if first in STATE_ISSUERS or _QH.fullmatch(first):
        return False
    # Party bodies end in the committee they belong to (…TU, …TW, …HU, …QU, …ĐU).
    return first.startswith("bcd") or first.endswith(("tu", "tw", "hu", "qu", "du"))


def is_known_issuer(code: str) -> bool:
    """True when code is a listed issuer in any spelling (folded)."""
    folded = fold(_raw_tw(code.strip()))
    return folded in PARTY_ISSUERS or folded in STATE_ISSUERS or bool(_QH.fullmatch(folded))


def _split(chain: str) -> list[str]:
    return [part for part in _SEGMENT.split(chain.strip()) if part]


def _code_ok(code: str) -> bool:
    # A code is accepted in any case when known, otherwise only when it starts upper case
    # and has two letters or more, so that words and class names ("lớp 10-A/B") are not
    # read as symbols.
    known = canonical_type(code) is not None or is_known_issuer(code)
    return known or (len(code) >= 2 and code[:1].isupper())


def build_party(raw: str, num: str, kind: str, issuer: str) -> DocNumber | None:
    """DocNumber from "num-KIND/ISSUER" parts; a State issuer makes it State (swapped)."""
    parts = _split(issuer)
    if not parts or not all(_code_ok(p) for p in (kind, *parts)):
        return None
    doc_type = canonical_type(kind) or _as_written(kind)
    issuer_c = canonical_issuer("-".join(parts))
    family = "party" if is_party_issuer(issuer_c) or not is_known_issuer(parts[0]) else "state"
    if family == "party" and doc_type == "HĐ":
        doc_type = "HD"  # the Party issues no Hợp đồng: "HĐ" is Hướng dẫn typed with Đ
    return DocNumber(raw=raw, number=num, doc_type=doc_type, issuer=issuer_c, family=family)


def build_state(raw: str, num: str, first: str, issuer: str) -> DocNumber | None:
    """DocNumber from "num/FIRST-ISSUER" parts: a typed number, or a công văn without type."""
    parts = _split(issuer)
    if not parts or not all(_code_ok(p) for p in (first, *parts)):
        return None
    doc_type = canonical_type(first)
    if doc_type is None or is_known_issuer(first):
        # A State công văn has no type: "123/UBND-VX" is issuer UBND, unit VX.
        if not first[:1].isupper() and not is_known_issuer(first):
            return None
        return DocNumber(raw, num, "", canonical_issuer("-".join([first, *parts])), None, "state")
    issuer_c = canonical_issuer("-".join(parts))
    family = "party" if is_party_issuer(issuer_c) else "state"
    return DocNumber(raw=raw, number=num, doc_type=doc_type, issuer=issuer_c, family=family)


def build_legal(raw: str, num: str, year: str, chain: str) -> DocNumber | None:
    """DocNumber from "num/year/TYPE-ISSUER" or "num/year/QH15" parts."""
    parts = _split(chain)
    if not parts or not all(_code_ok(p) for p in parts):
        return None
    first = canonical_issuer(parts[0])
    if len(parts) == 1:
        # Laws and National Assembly resolutions: "57/2022/QH15" has no type code.
        doc_type = canonical_type(parts[0])
        if doc_type is not None:
            return None
        return DocNumber(raw, num, "", first, int(year), "legal")
    doc_type = canonical_type(parts[0]) or _as_written(parts[0])
    return DocNumber(raw, num, doc_type, canonical_issuer("-".join(parts[1:])), int(year), "legal")
