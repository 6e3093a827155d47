"""Recipients, signer and issuer: the parts around the sections.

- Recipients: the lines of "Kính gửi:" (under the title) and of "Nơi nhận:" (also
  misspelt "Noi nhận:"), in that order, each without its bullet and trailing ",;." and
  with its own words otherwise ("Ban Dân vận Thành ủy (để báo cáo)").
- Signer: after the "Nơi nhận" list (or, without one, at the end of the text) a block of
  capital lines (the title, "T/M BAN THƯỜNG VỤ" / "PHÓ BÍ THƯ THƯỜNG TRỰC", joined with
  a line break, bold markers removed) and the signer's name as its last line, without a
  note in brackets ("Lê Minh Châu (mẫu)", "Nguyễn Văn A (đã ký)"); note lines such as
  "(Đã ký)", "Đã ký" or "(ký tên, đóng dấu)" are skipped.
- Issuer of a document without a number: the subject of the preamble's issuing clause
  ("Phòng Giáo dục và Đào tạo huyện xây dựng Kế hoạch ..."), as the code of the committee
  when it is one ("Đảng ủy Sở ..." → "ĐU").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from knowledge.model import Signer
from knowledge.parse.paragraphs import head_fold, is_caps

_BULLET = re.compile(r"^[-+•●▪◦*]\s*")
_CELL_WIDTH = 60  # a recipient wrapped inside the "Nơi nhận" cell continues in a short line
_RECIPIENTS_START = ("noi nhan", "kinh gui")
_NAME_WORD = re.compile(r"[^\W\d_][^\W\d_.]*")
_SIGN_NOTES = ("(da ky", "(ky ", "(ky,", "da ky", "ky ten", "(ky)")
# A note before or after the name: a wrapped PDF may join "(Đã ký)" to the name line.
_NAME_NOTE = re.compile(r"^\s*\([^()]{0,40}\)\s*|\s*\([^()]{0,40}\)\s*$")
_ISSUING_VERBS = (
    "xay dung",
    "huong dan",
    "xac dinh",
    "yeu cau",
    "ban hanh",
    "de nghi",
    "thong bao",
    "trien khai",
    "chi dao",
)
_ISSUER_HEADS = (
    "dang uy",
    "thanh uy",
    "huyen uy",
    "quan uy",
    "ban ",
    "phong ",
    "so ",
    "uy ban",
    "hoi dong",
    "thu tuong",
    "chu tich",
    "bo ",
    "cong doan",
    "doan ",
    "chi bo",
    "dang bo",
    "truong ",
    "trung tam",
    "chinh phu",
    "quoc hoi",
    "bo chinh tri",
    "ban bi thu",
)
_COMMITTEE_CODES = {"dang uy": "ĐU", "thanh uy": "TU", "huyen uy": "HU", "quan uy": "QU"}
_CLAUSE = re.compile(r"[,;.:]\s*")


@dataclass
class Trailer:
    """Where the body ends, and what the trailer holds."""

    body_end: int
    recipients: list[str] = field(default_factory=list)
    signer: Signer = field(default_factory=Signer)


def recipient(line: str) -> str:
    """One recipient as printed, without bullet and trailing punctuation."""
    return _BULLET.sub("", line.strip()).strip().rstrip(",;.").strip()


def take_recipients(texts: list[str], start: int) -> tuple[list[str], int]:
    """The list opened by "Nơi nhận:"/"Kính gửi:" at start; returns it and the index after."""
    head = texts[start].split(":", 1)
    found = [recipient(head[1])] if len(head) > 1 and recipient(head[1]) else []
    open_item = len(head) > 1 and not head[1].rstrip().endswith((",", ";", "."))
    index = start + 1
    while index < len(texts):
        line = texts[index]
        bullet = _BULLET.match(line) is not None
        if found and open_item and not bullet and not is_caps(line) and len(line) <= _CELL_WIDTH:
            found[-1] = recipient(f"{found[-1]} {line}")  # a recipient wrapped in its cell
        elif bullet or _short_item(line):
            if recipient(line):
                found.append(recipient(line))
        else:
            break
        open_item = not line.endswith((",", ";", "."))
        index += 1
    return found, index


def _short_item(line: str) -> bool:
    return len(line) < 100 and line.endswith((";", ",")) and not is_caps(line)


def is_recipients_start(text: str) -> bool:
    """True for "Nơi nhận:", "Noi nhận:" or "Kính gửi:"."""
    return head_fold(text).startswith(_RECIPIENTS_START)


def _name_like(text: str) -> bool:
    words = text.split()
    if not 2 <= len(words) <= 6 or len(text) > 50:
        return False
    return all(_NAME_WORD.fullmatch(w) and w[0].isupper() for w in words)


def _is_note(text: str) -> bool:
    """True for notes inside a signature block such as "(Đã ký)", not for a name after one."""
    rest = _NAME_NOTE.sub("", text).strip()
    return head_fold(text).startswith(_SIGN_NOTES) and (not rest or head_fold(rest) == "da ky")


def signature_at_end(texts: list[str], lo: int) -> tuple[int, Signer] | None:
    """The signature block ending texts (not before lo): start index and signer."""
    kept = [i for i in range(max(lo, len(texts) - 12), len(texts)) if not _is_note(texts[i])]
    name = signer_name(texts[kept[-1]]) if kept else ""
    if not _name_like(name):
        return None
    position = len(kept) - 1
    while position > 0 and _title_line(texts[kept[position - 1]]):
        position -= 1
    if position == len(kept) - 1:
        return None
    title = "\n".join(texts[i] for i in kept[position:-1])
    return kept[position], Signer(name=name, title=title)


def signer_name(line: str) -> str:
    """The name on a signature's last line, without a bracketed note ("(mẫu)", "(đã ký)")."""
    return _NAME_NOTE.sub("", line).strip()


def _title_line(text: str) -> bool:
    return is_caps(text) and len(text) <= 60


def _is_trailer_start(text: str) -> bool:
    """True for the "Nơi nhận:" that opens the list, not for a sentence about it."""
    return head_fold(text).startswith("noi nhan") and (":" in text[:12] or len(text) <= 10)


def parse_trailer(texts: list[str], lo: int) -> Trailer:
    """Recipients ("Nơi nhận") and signer at the end of the text, from index lo on."""
    starts = [i for i in range(lo, len(texts)) if _is_trailer_start(texts[i])]
    if not starts:
        found = signature_at_end(texts, lo)
        if found is None:
            return Trailer(body_end=len(texts))
        return Trailer(body_end=found[0], signer=found[1])
    start = starts[-1]
    recipients, after = take_recipients(texts, start)
    found = signature_at_end(texts, after)
    if found is None:  # the signature printed before "Nơi nhận" (side-by-side layout)
        found = signature_at_end(texts[:start], lo)
        body_end = min(start, found[0]) if found else start
    else:
        body_end = start
    return Trailer(body_end, recipients, found[1] if found else Signer())


def issuer_from_preamble(preamble: list[str]) -> str:
    """The issuing body named in the preamble, as a committee code or as printed."""
    for para in preamble:
        for clause in _CLAUSE.split(para):
            name = _issuer_of(clause.strip())
            if name:
                return name
    return ""


def _issuer_of(clause: str) -> str:
    folded = head_fold(clause, 200)
    if not folded.startswith(_ISSUER_HEADS):
        return ""
    for verb in _ISSUING_VERBS:
        at = folded.find(" " + verb + " ")
        if 0 < at <= 80:
            for head, code in _COMMITTEE_CODES.items():
                if folded.startswith(head):
                    return code
            return clause[:at].strip()
    return ""
