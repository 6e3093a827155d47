"""Units responsible for tasks, and the tasks listed under them.

A numbered heading names a unit when its heading (the part before ":" if any) starts
with an organisation word ("Văn phòng", "Ủy ban Kiểm tra", "Ban", "Công đoàn", "Phòng",
"Các cơ sở giáo dục", ...), has at most ten words and no ",", ";" or ".": "3. Ban
Tuyên giáo Đảng ủy", "1. Phòng Giáo dục và Đào tạo: Xây dựng ..."; under "Tổ chức thực
hiện" any short name before ":" is one ("3. Tổ Khảo thí: ra đề ..."). Under a unit heading
each bullet or paragraph is one task; the text after "Unit:" on the heading line is a
task too. Sub-sections inherit the unit of their parent.
A heading that is a sentence whose subject is a unit followed by a verb ("2. Sở Giáo
dục và Đào tạo chỉ đạo ...", "1. Các chi bộ tổ chức ...") gives its section that unit:
its bullets are the unit's tasks, or, with none, the heading sentence itself is.
In a section without a unit:
- an addressee line ("Các cấp ủy của đảng bộ, chi bộ cơ sở toàn ngành ...:", or a
  sentence ending "... đề nghị các đảng bộ, chi bộ cơ sở:") makes the bullets after it
  tasks of that unit (its scope words "toàn ngành ..." dropped);
- a paragraph or bullet that starts with a unit followed by a verb ("Thủ trưởng các cơ
  quan, đơn vị tổ chức xây dựng ...") is a task of that unit.
The unit is stored as printed at the start of the text ("Các cơ sở giáo dục").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from knowledge.model import Task
from knowledge.parse.paragraphs import head_fold, sentences
from knowledge.parse.sections import Block, heading_marker

UNIT_MAX_WORDS = 12  # "Sở Tài chính - Cơ quan thường trực Ban Chỉ đạo" is ten
LEAD_MAX_WORDS = 20  # "Ban Chỉ đạo thực hiện quy chế dân chủ ở cơ sở của các cơ quan, ..."
# Folded first words of organisation names (after an optional "các").
_UNIT_HEADS = (
    "van phong", "uy ban", "ban ", "cong doan", "phong ", "so ", "doan thanh nien",
    "hoi ", "co so giao duc", "truong", "chi bo", "dang bo", "cap uy", "thu truong",
    "hieu truong", "mat tran", "don vi", "bch ", "ubkt", "trung tam",
)  # fmt: skip
ASSIGNED_MAX_WORDS = 8  # "Phó Hiệu trưởng phụ trách chuyên môn", "Giáo viên chủ nhiệm lớp 12"
# Sections whose items say who does what: "Tổ chức thực hiện", "Phân công nhiệm vụ" (folded).
_ASSIGNING = re.compile(r"\bto chuc thuc hien\b|\bphan cong\b|\btrach nhiem thuc hien\b")
_BULLET = re.compile(r"^[-+•●▪◦*]\s*")
_HOLDER = re.compile(r"^(?:trach nhiem|nhiem vu)(?: cu the)? cua (?:cac )?")
# Verbs that end the subject of a task sentence (folded, matched as whole words).
_VERB_RE = re.compile(
    r"(?<![\w])(?:to chuc|tang cuong|chi dao|chu tri|tong hop|xay dung|thuong xuyen"
    r"|co trach nhiem|thuc hien|phoi hop|trien khai|quan triet|theo doi|huong dan|kiem tra"
    r"|bao cao|chu dong|phai|can|tham muu|ra soat|tiep tuc|nghien cuu|day manh|gui|lanh dao"
    r"|cap nhat|bien soan|van dong|khan truong|nghiem tuc)(?![\w])"
)
# "tổ chức" is a noun in "các tổ chức Đảng", "tổ chức đảng", "tổ chức đoàn thể".
_NOUN_AFTER = re.compile(r" (?:dang|doan|co so|bo may|chinh tri)(?![\w])")
_SCOPE = re.compile(r"\s+(?:toàn ngành|trên địa bàn|trong toàn)\b.*$", re.IGNORECASE)
_ASK = re.compile(r"(?<![\w])(?:de nghi|yeu cau)\s+")
_FOLD_SIZE = 400
_CITES = re.compile(r"(?<![\w])(?:so \d|ngay \d)")
_LEAD_INS = ("can cu", "de ", "nhan duoc", "tren co so")
LABEL_MAX = 90
LABEL_MIN = 30
LABEL_REACH = 400
_NEW_SUBJECT = re.compile(r",\s+(?=[A-ZĐ])")
_DUTY = re.compile(r"^(?:có trách nhiệm|chịu trách nhiệm|phải|cần)\s+", re.IGNORECASE)
_GENERIC = re.compile(
    r"(?:(?:theo doi|tham muu|to chuc|phoi hop|chu tri|thuc hien|huong dan)[ ,]+)+"
    r"(?=bao cao|so ket|tong ket|xay dung)"
)


@dataclass
class Item:
    """A paragraph of a section (the heading without its marker), its unit and task text."""

    text: str
    unit: str | None
    task: str = ""


def _starts_with_unit(folded: str) -> bool:
    if folded.startswith("cac "):
        folded = folded[4:]
    # "Sơ kết" folds to "so ket": not "Sở"; "Trường hợp" (in case) is no school.
    return folded.startswith(_UNIT_HEADS) and not folded.startswith(("so ket", "truong hop"))


def unit_name(heading: str) -> str | None:
    """The unit a heading names ("Văn phòng Đảng ủy Sở"), or None when it is not a unit.

    A comma may list the places of one body ("Ủy ban nhân dân các phường, xã, đặc khu")
    when no verb follows the organisation word; ";", "." or a verb make it a sentence.
    """
    name = heading.split("(", 1)[0].strip()  # "(bao gồm cả ...)" is an aside
    words = [w for w in name.split() if any(ch.isalnum() for ch in w)]
    if not name or len(words) > UNIT_MAX_WORDS or re.search(r"[;.…]", name):
        return None
    folded = head_fold(name, _FOLD_SIZE)
    holder = _HOLDER.match(folded)
    if holder is not None:
        # "Trách nhiệm của đối tượng thực hiện kiểm kê": the heading names who holds it.
        return name[holder.end() :].strip(" :") or None
    if "," in name and _VERB_RE.search(folded):
        return None
    return name if _starts_with_unit(folded) else None


def lead_unit(text: str) -> str | None:
    """The unit that is the subject of a task sentence ("Các chi bộ" in "Các chi bộ tổ chức")."""
    text = _BULLET.sub("", text).strip()
    folded = head_fold(text, _FOLD_SIZE)
    if not _starts_with_unit(folded):
        return None
    start = 4 if folded.startswith("cac ") else 0
    start = folded.index(" ", start) + 1 if " " in folded[start:] else len(folded)
    if folded.startswith("ban chi dao"):
        # "Ban Chỉ đạo thực hiện ... của các cơ quan, đơn vị" is named up to its "của".
        of = folded.find(" cua ", 0, 160)
        start = of + 5 if of > 0 else len("ban chi dao ")
    for verb in _VERB_RE.finditer(folded, start):
        at = verb.start()
        if verb.group() == "to chuc" and (
            folded[:at].endswith("cac ") or _NOUN_AFTER.match(folded, verb.end())
        ):
            continue
        unit = text[:at].strip(" ,")
        if len(unit.split()) > LEAD_MAX_WORDS or re.search(r"[;:.()“”\"]", unit):
            return None
        if _CITES.search(folded, 0, at):
            return None  # "Đảng ủy Sở ... đã có Kế hoạch số 38-KH/ĐU ngày ..." is no unit
        return unit or None
    return None


def addressee(text: str) -> str | None:
    """The unit an addressee line ending in ":" names, or None."""
    if not text.rstrip().endswith(":"):
        return None
    body = text.rstrip().rstrip(":").strip()
    body = re.split(r":\s|\.\s", body)[-1]  # a heading joined before it in a PDF
    asked = list(_ASK.finditer(head_fold(body, len(body))))
    if asked:
        body = body[asked[-1].end() :]
        body = body[:1].upper() + body[1:]
    elif lead_unit(body) is not None:
        return None  # a sentence with a verb, not a name
    body = _SCOPE.sub("", body).strip(" ,")
    if not body or len(body.split()) > LEAD_MAX_WORDS or re.search(r"[;.()]", body):
        return None
    return body if _starts_with_unit(head_fold(body)) else None


def assign_units(blocks: list[Block]) -> None:
    """Set each section's unit from its heading, or from the nearest enclosing unit."""
    stack: list[tuple[int, str | None, str]] = []
    for block in blocks:
        section = block.section
        while stack and stack[-1][0] >= section.level:
            stack.pop()
        own = unit_name(section.heading) or lead_unit(_heading_rest(block))
        if own is None and stack and _ASSIGNING.search(head_fold(stack[-1][2])):
            own = _named_before_colon(_heading_rest(block))
        inherited = stack[-1][1] if stack else None
        section.unit = own or inherited
        stack.append((section.level, section.unit, section.heading))


def _named_before_colon(line: str) -> str | None:
    """ "Tổ Khảo thí: ra đề, …", "Giáo viên chủ nhiệm lớp 12: theo dõi …": under "Tổ
    chức thực hiện" or "Phân công", a short name before ":" is who does what follows."""
    name, colon, rest = line.partition(":")
    name = name.strip()
    words = name.split()
    if not colon or not rest.strip() or not words or len(words) > ASSIGNED_MAX_WORDS:
        return None
    if not name[:1].isupper() or re.search(r"[,;.()“”\"]|\d{3}", name):
        return None
    return None if _VERB_RE.search(head_fold(name, _FOLD_SIZE)) else name


def _heading_rest(block: Block) -> str:
    marker = heading_marker(block.paras[0])
    return marker.rest if marker else block.paras[0]


def subject_unit(sentence: str) -> str | None:
    """The unit a sentence names as its subject, after a lead-in ("Căn cứ Kế hoạch này, ...")."""
    folded = head_fold(sentence, 20)
    if folded.startswith(_LEAD_INS) and ", " in sentence[:120]:
        sentence = sentence.split(", ", 1)[1]
    return lead_unit(sentence)


def task_label(text: str, pos: int) -> str:
    """What the task whose deadline starts at pos asks for, at most LABEL_MAX characters.

    The clause before the deadline, without bracketed asides, its subject ("Thủ trưởng
    các đơn vị có trách nhiệm"), a lead-in ("Căn cứ Kế hoạch này,") or generic verbs
    before the report it names ("Theo dõi, tham mưu thực hiện báo cáo ...").
    """
    text = text[max(0, pos - LABEL_REACH) : pos]  # bounded: a sentence may hold many hits
    head = text[: _unclosed(text, len(text))]
    head = _BULLET.sub("", re.sub(r"\([^()]{0,300}\)", " ", head))
    clause = re.split(r"[;:]|\.\s", head.strip(" .,;:-–"))[-1].strip()
    if head_fold(clause, 20).startswith(_LEAD_INS) and ", " in clause[:120]:
        clause = clause.split(", ", 1)[1]
    turns = list(_NEW_SUBJECT.finditer(clause))
    if turns and lead_unit(clause[turns[-1].end() :]):
        clause = clause[turns[-1].end() :]  # "..., Thủ trưởng các đơn vị xây dựng ..."
    subject = lead_unit(clause)
    if subject:
        clause = _DUTY.sub("", clause[len(subject) :].strip())
    generic = _GENERIC.match(head_fold(clause, 80))
    clause = " ".join(clause[generic.end() if generic else 0 :].split())
    if len(clause) > LABEL_MAX:
        # Cut at a comma when that keeps a phrase: a word cut can split "chương | trình".
        comma = clause.rfind(", ", 0, LABEL_MAX)
        end = comma if comma >= LABEL_MIN else clause.rfind(" ", 0, LABEL_MAX + 1)
        clause = clause[:end].rstrip(" ,;-–")
    return clause[:1].upper() + clause[1:]


def _unclosed(text: str, pos: int) -> int:
    """Where a bracket still open at pos starts ("... (thực hiện quý 2"), else pos."""
    opened: list[int] = []
    for index, char in enumerate(text[:pos]):
        if char == "(":
            opened.append(index)
        elif char == ")" and opened:
            opened.pop()
    return opened[0] if opened else pos


def task_text(paragraph: str) -> str:
    """A task as printed: bullet marker and trailing ";" or "," removed."""
    return _BULLET.sub("", paragraph).strip().rstrip(";,").strip()


def block_items(block: Block) -> list[Item]:
    """Each paragraph of a section with its unit and, when it is a task, its task text."""
    rest = _heading_rest(block)
    others = block.paras[1:]
    unit = block.section.unit
    if unit is not None and (unit_name(block.section.heading) or rest.startswith(f"{unit}:")):
        # The heading names the unit: only "Unit: text" on its line is a task.
        return [Item(rest, unit, block.inline)] + [Item(p, unit, p) for p in others]
    if unit is not None and lead_unit(rest) == unit:
        # "2. Sở ... chỉ đạo ...": the bullets are the tasks, else the heading sentence.
        head = Item(rest, unit, "" if others else rest)
        return [head] + [Item(p, unit, p) for p in others]
    if unit is not None:
        # A numbered item under a unit heading is itself a task, without its marker.
        return [Item(p, unit, p) for p in [rest, *others]]
    return _loose_items([rest, *others], heading=True)


def _loose_items(paras: list[str], heading: bool) -> list[Item]:
    """Paragraphs of a section without a unit: addressed bullets and unit-led sentences."""
    items: list[Item] = []
    addressed: str | None = None
    for index, para in enumerate(paras):
        bullet = _BULLET.match(para) is not None
        named = addressee(para)
        if named is not None:
            addressed = named
            items.append(Item(para, named))
        elif bullet and addressed:
            items.append(Item(para, addressed, para))
        elif heading and index == 0:
            items.append(Item(para, None))
        else:
            addressed = None
            items.extend(_led_items(para))
    return items


def _led_items(para: str) -> list[Item]:
    """A paragraph as items: from a sentence led by a unit on, that unit's task.

    The unit-led sentence is usually the first; in a PDF a wrap may join it to the
    paragraph before ("... COVID-19. Ban Chỉ đạo ... phải có kế hoạch ...").
    """
    parts = sentences(para)
    for index, sentence in enumerate(parts):
        unit = lead_unit(sentence)
        if unit is None:
            continue
        start = para.find(sentence) if index else 0
        head = [Item(para[:start].strip(), None)] if start > 0 else []
        return [*head, Item(para[start:], unit, para[start:])]
    return [Item(para, None)]


def tasks_of(blocks: list[Block]) -> list[Task]:
    """One task per bullet or paragraph assigned to a unit, in document order."""
    tasks: list[Task] = []
    for block in blocks:
        for item in block_items(block):
            text = task_text(item.task)
            if text and item.unit:
                tasks.append(Task(unit=item.unit, section=block.section.path, text=text))
    return tasks
