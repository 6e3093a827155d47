"""Who issued a directive: the header's issuing-body lines, else the body's issuing clause.

- Header: the lines in capitals above the national title ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT
  NAM", "ĐẢNG CỘNG SẢN VIỆT NAM") and the number, as printed. A line that starts with an
  organisation word ("BAN", "SỞ", "ĐẢNG ỦY", ...) starts a body of its own, joined with
  " - " (a Party header names the committee, then its organ: "BAN CHẤP HÀNH TRUNG ƯƠNG -
  BAN TỔ CHỨC"); any other line continues the name it follows ("ỦY BAN NHÂN DÂN" / "TỈNH
  NGHỆ AN" → "ỦY BAN NHÂN DÂN TỈNH NGHỆ AN"). Dash runs and stars at a line's end are rules
  of the layout, not words. The Youth Union prints "ĐOÀN TNCS HỒ CHÍ MINH" in the national
  title's cell: a title, no issuer. A local Party header keeps its superior line as
  printed ("ĐẢNG BỘ TỈNH X" / "ĐẢNG ỦY SỞ Y" → "ĐẢNG BỘ TỈNH X - ĐẢNG ỦY SỞ Y"): the lines
  above the rule are the issuer's printed name.
- Type, for a text without a header: what it calls itself ("Trên đây là Kế hoạch …"), else
  its verb ("… báo cáo như sau:" a báo cáo, "… kính trình …" a tờ trình).
- Body, for a text without a header: the subject of the issuing clause, an organisation
  name followed by an issuing verb ("Sở Nội vụ đề nghị ...", "..., Ban chỉ đạo của Chính
  phủ về ... (sau đây viết là ...) yêu cầu ..."), at the start of a sentence or after ", ",
  as printed, without its bracketed aside; a person's title before it is dropped
  ("Chủ tịch Ủy ban nhân dân Thành phố có ý kiến" → "Ủy ban nhân dân Thành phố", "Hiệu
  trưởng Trường THCS X" → "Trường THCS X"; "Trưởng phòng X" → "Phòng X"), and a
  Party committee's standing organ ("Ban Thường vụ", "Thường trực", "Ban Chấp hành" before
  "Đảng ủy …", "Huyện ủy", ...) acts in the committee's name: the issuer is the committee,
  whose code the number carries ("…-CV/ĐU"). Other boards ("Ban Thường trực Ủy ban
  MTTQ", "Ban Chấp hành Đoàn") issue in their own name. A generic subject ("Nhà trường
  xây dựng …", "Chi bộ đề nghị …") is the organisation of its kind the text names
  specifically ("… của Trường THPT X"), else no issuer (issuer_self.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from knowledge.parse.issuer_self import keeps_bare, named_body, self_heads
from knowledge.vi.docnumbers import find_numbers
from knowledge.vi.doctypes import flat, type_from_name
from knowledge.vi.written_dates import find_raw_dates

_RULE_END = re.compile(r"[\s\-–—_=*.]*[-–—_=*]{3,}[\s\-–—_=*.]*$|\s+\*$")
_NATIONAL = ("cong hoa xa hoi chu nghia viet nam", "dang cong san viet nam")
# The Youth Union prints its own name where others print the national title.
_YOUTH_TITLE = (
    "doan tncs ho chi minh",
    "doan thanh nien cong san ho chi minh",
    "doi tntp ho chi minh",
    "doi thieu nien tien phong ho chi minh",
)
# The right cell's title that a copy joined to the left cell's line ("ĐẢNG BỘ TỈNH X ĐẢNG
# CỘNG SẢN VIỆT NAM", then maybe the next left line); not the Central Committee's full name
# ("BAN CHẤP HÀNH TRUNG ƯƠNG ĐẢNG CỘNG SẢN VIỆT NAM").
_TITLE_INSIDE = re.compile(
    r"\s(?:cong hoa xa hoi chu nghia viet nam|(?<!trung uong )dang cong san viet nam"
    r"|doan (?:tncs|thanh nien cong san) ho chi minh"
    r"|doi (?:tntp|thieu nien tien phong) ho chi minh"
    r"|doc lap\s*-\s*tu do\s*-\s*hanh phuc)(?![\w])",
    re.IGNORECASE,
)
_MOTTO = ("doc lap - tu do - hanh phuc", "doc lap-tu do-hanh phuc", "doc lap tu do hanh phuc")
# Folded first words of an organisation (in a header line or a sentence).
_ORG_HEADS = (
    "ban ",
    "bo ",
    "so ",
    "phong ",
    "cuc ",
    "vu ",
    "uy ban",
    "ubnd",
    "hoi dong",
    "dang uy",
    "dang bo",
    "chi bo",
    "thanh uy",
    "tinh uy",
    "huyen uy",
    "quan uy",
    "thi uy",
    "van phong",
    "truong ",
    "cong doan",
    "doan ",
    "mat tran",
    "trung tam",
    "hoc vien",
    "tong cuc",
    "chinh phu",
    "quoc hoi",
    "toa an",
    "vien ",
    "hoi ",
    "lien doan",
    "lien doi",
    "chi doan",
    "chi hoi",
    "chi uy",
    "bch ",
    "cdcs ",
    "thanh doan",
    "tinh doan",
    "huyen doan",
    "quan doan",
    "thu vien",
)
# A person's title before the body they lead; a head of a board or office keeps the
# board's word ("Trưởng ban Tuyên giáo ..." → "Ban Tuyên giáo ...").
_PERSON_TITLES = re.compile(
    r"^(?:(?:pho )?(?:chu tich|bi thu|giam doc|hieu truong|chu nhiem|chanh van phong)"
    r"|bo truong|thu truong|thu tuong|(?:pho )?truong(?= (?:ban|phong) ))\s+(?=\S)",
)
# A Party committee's standing organs act in its name: the document is the committee's
# ("Ban Thường vụ Đảng ủy Sở ... đề nghị" in a "…-CV/ĐU"; signed "TL. BAN THƯỜNG VỤ").
_ACTING_ORGAN = re.compile(
    r"^(?:ban thuong vu|thuong truc|ban chap hanh)\s+"
    r"(?=(?:dang uy|thanh uy|tinh uy|huyen uy|quan uy|thi uy)\b)"
)
_ORGAN_LINE = re.compile(r"^(?:ban thuong vu|thuong truc|ban thuong truc)\s*$")
_ISSUING_VERB = re.compile(
    r"\s(?:xay dung|huong dan|xac dinh|yeu cau|ban hanh|de nghi|thong bao|trien khai|chi dao"
    r"|co y kien|ket luan|giao nhiem vu|kinh trinh|bao cao(?= nhu sau| ket qua| tinh hinh))(?![\w])"
)
# A text without a header names its own kind: "Trên đây là Kế hoạch …", "… báo cáo như sau".
_SELF_NAMED = re.compile(r"\btren day la (.{3,60})")
_KIND_VERBS = (
    (re.compile(r"\b(?:bao cao nhu sau|xin bao cao|kinh bao cao)\b"), "BC"),
    (re.compile(r"\bkinh trinh\b"), "TTr"),
)
_STARTS = re.compile(r"^|[.;:,]\s+")
_ASIDE = re.compile(r"\s*\([^()]{0,200}\)")
NAME_MAX_WORDS = 30  # "Ban chỉ đạo của Chính phủ về sắp xếp ... 02 cấp" is 24
_COMMITTEES = {
    "dang uy": "ĐU",
    "thanh uy": "TU",
    "tinh uy": "TU",
    "huyen uy": "HU",
    "quan uy": "QU",
    "thi uy": "TU",
}


def strip_rules(line: str) -> str:
    """A header line without the dash run or star the layout draws after it."""
    return _RULE_END.sub("", line).strip()


def is_national(text: str) -> bool:
    """True for the national title or motto lines (also merged on one line)."""
    folded = " ".join(flat(strip_rules(text)).lower().split())
    plain = folded.strip(" .")
    return folded.startswith(_NATIONAL) or plain in _MOTTO or plain in _YOUTH_TITLE


def wrapped_national(line: str, following: str) -> bool:
    """True when the national title is cut over two lines, as in a narrow header cell
    ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA" / "VIỆT NAM"): the second line is then no issuer."""
    folded = " ".join(flat(strip_rules(line)).lower().split())
    whole = folded.startswith(_NATIONAL)
    return not whole and len(folded) > 8 and is_national(f"{line} {following}")


def _starts_body(line: str) -> bool:
    return flat(line).lower().startswith(_ORG_HEADS)


def cut_title(line: str) -> list[str]:
    """A header line's pieces around the national title (or motto) a copy joined into it."""
    pieces: list[str] = []
    rest = line
    while (inside := _TITLE_INSIDE.search(flat(rest))) is not None:
        pieces.append(rest[: inside.start()].strip())
        rest = rest[inside.end() :].strip(" .")
    return [p for p in [*pieces, rest.strip()] if p] if pieces else [line]


def header_issuer(lines: list[str]) -> str:
    """The issuing body from the header's capital lines, as printed, bodies joined by " - "."""
    bodies: list[str] = []
    for line in (strip_rules(x) for x in lines):
        if not line:
            continue
        if bodies and not _starts_body(line):
            bodies[-1] = f"{bodies[-1]} {line}"
        elif bodies and _ORGAN_LINE.match(flat(line).lower()) and committee_code(bodies[-1]):
            continue  # "ĐẢNG ỦY SỞ X" / "BAN THƯỜNG VỤ": the committee's own organ
        else:
            bodies.append(acting_committee(line))
    return " - ".join(bodies)


def body_issuer(paragraphs: list[str], places: list[str] | None = None, signer: str = "") -> str:
    """The organisation that issues the text, named in its issuing clause, or "".

    A generic subject ("Nhà trường", "Chi bộ", "Sở") is the organisation of its kind that
    places (default: paragraphs) name specifically (issuer_self.py), else no issuer.
    """
    for para in paragraphs:
        for name in _issuing_subjects(para):
            heads = self_heads(name, signer)
            if heads is None:
                return name
            named = named_body(heads, places if places is not None else paragraphs)
            if named or keeps_bare(name):
                return named or name
    return ""


def _issuing_subjects(para: str) -> Iterator[str]:
    plain = flat(para).lower()
    for verb in _ISSUING_VERB.finditer(plain):
        for start in (m.end() for m in _STARTS.finditer(para, 0, verb.start())):
            if not para[start : start + 1].isupper():
                continue
            name = _name_at(para, start, verb.start())
            if name:
                yield name


def _name_at(para: str, start: int, end: int) -> str:
    """The organisation name para[start:end] as printed, or "" when it is not one."""
    span = _ASIDE.sub("", para[start:end]).strip(" ,")
    folded = _PERSON_TITLES.sub("", flat(span).lower())
    span = acting_committee(span[len(span) - len(folded) :])
    span = span[:1].upper() + span[1:]  # "Trưởng phòng ..." → "Phòng ..."
    folded = flat(span).lower()
    if self_heads(span) is not None:
        return span  # "Nhà trường", "Đơn vị": resolved by the caller
    if not folded.startswith(_ORG_HEADS) or len(span.split()) > NAME_MAX_WORDS:
        return ""
    if re.search(r"[;:.]", span) or find_numbers(span) or find_raw_dates(span):
        return ""
    return span


def acting_committee(name: str) -> str:
    """The Party committee a standing organ acts for ("Ban Thường vụ Đảng ủy Sở X" →
    "Đảng ủy Sở X"); any other name as it is."""
    organ = _ACTING_ORGAN.match(" ".join(flat(name).lower().split()))
    if organ is None:
        return name
    words = len(organ.group(0).split())
    return " ".join(name.split()[words:])


def body_type(paragraphs: list[str]) -> str | None:
    """The type a headerless text gives itself ("Trên đây là báo cáo …" → "BC"), or None."""
    plain = [" ".join(flat(p).lower().split()) for p in paragraphs]
    for text in plain:
        named = _SELF_NAMED.search(text)
        code = type_from_name(named.group(1)) if named else None
        if code:
            return code
    for verb, code in _KIND_VERBS:
        if any(verb.search(text) for text in plain):
            return code
    return None


def body_committee(paragraphs: list[str]) -> str:
    """The Party committee code of the first organisation that issues in the body, or ""."""
    for para in paragraphs:
        for name in _issuing_subjects(para):
            if flat(name).lower().startswith(_ORG_HEADS):
                return committee_code(name)
    return ""


def committee_code(name: str) -> str:
    """The code of a Party committee named at the start of name ("Đảng ủy Sở ..." → "ĐU")."""
    folded = flat(name).lower()
    for head, code in _COMMITTEES.items():
        if folded.startswith(head):
            return code
    return ""
