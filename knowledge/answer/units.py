"""A unit's tasks: "Ban Tuyên giáo phải làm gì?" lists what every document assigns to it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from rapidfuzz import fuzz

from knowledge.answer import phrases as say
from knowledge.answer.found import Found, Pick
from knowledge.answer.intents import Intent
from knowledge.answer.passages import sentences, terms, trim
from knowledge.answer.targets import DocRef
from knowledge.search.places import places_in
from knowledge.vi.textnorm import fold, syllables

UNIT_MATCH = 85  # token-set similarity (0-100) for "ban tuyen giao" ~ "Ban Tuyên giáo Đảng ủy"
UNIT_COVER = 0.75  # part of the words asked that a unit's name must hold
TASK_QUOTE = 220  # characters per quoted task in a unit's list
UNIT_WORDS = 10  # a unit named at the start of a sentence is at most this long
MAX_GROUPS = 6  # document sections listed for one unit
MAX_TASKS = 6  # tasks quoted from one section
HEAD_CHARS = 60  # enough of a sentence to see whether it opens with a unit
LEAD_IN_WORDS = 24  # "Các cấp ủy của đảng bộ, chi bộ cơ sở toàn ngành giáo dục và đào tạo:"
# "- Cơ quan thực hiện: …", "Đơn vị chủ trì: …": a line saying who does the task above it.
_ROLE_LINE = re.compile(
    r"^[-+•*]?\s*(?:Cơ quan|Đơn vị)\s+(?:thực hiện|chủ trì|thực hiện chính)[^:]{0,20}:", re.I
)
# "- Nội dung: …", "Nội dung thực hiện: …": the task a role line belongs to.
_CONTENT_LINE = re.compile(r"^[-+•*]?\s*(?:Nội dung|Nhiệm vụ|Hoạt động)\b[^:]{0,30}:", re.I)
# Verbs that end the unit at the start of a sentence (folded).
_VERBS = frozenset(
    ("to chuc", "thuc hien", "xay dung", "chu tri", "phoi hop", "kiem tra", "tang cuong")
    + ("trien khai", "co trach nhiem", "chi dao", "bao cao", "nghien cuu", "quan triet")
    + ("tham muu", "huong dan", "theo doi", "dam bao", "gui", "lanh dao", "phu trach")
    + ("da", "se", "can", "phai", "de nghi", "yeu cau", "chu dong", "xay")
)
# Unit names that are common nouns, written in lower case after "của" (folded).
_COMMON_HEADS = tuple(
    f"{head} "
    for head in (
        "cac", "cap uy", "thu truong", "hieu truong", "nhung", "moi", "toan the", "chi bo",
        "dang vien", "can bo", "to chuc", "dang bo", "giao vien",
    )
)  # fmt: skip
# How sentences that assign work to a unit begin (folded).
_UNIT_HEADS = tuple(
    f"{head} "
    for head in (
        "ban", "phong", "van phong", "uy ban", "cong doan", "so giao duc", "doan",
        "chi bo", "dang uy", "dang bo", "thu truong", "hieu truong", "cap uy", "cac cap uy",
        "cac co so", "cac chi bo", "cac dang bo", "cac don vi", "cac truong",
    )
)  # fmt: skip


_HEAD_FIRST = frozenset(head.split()[0] for head in _UNIT_HEADS)


@dataclass
class _UnitGroup:
    doc: DocRef
    path: str
    unit: str
    texts: list[str]
    label: str = ""
    parsed: bool = True  # from the parser's tasks or unit sections, not a sentence guess
    score: float = 0.0
    closeness: float = 0.0

    def __post_init__(self) -> None:
        self.label = self.label or self.unit


def unit_answer(intent: Intent, scope: list[DocRef]) -> Found | None:
    """The tasks of the unit named in the question: every document's, newest first."""
    groups = [g for d in scope for g in _unit_groups(d)]
    asked = _asked_unit(intent, groups)
    for g in groups:
        name = " ".join(syllables(g.unit))
        g.score = fuzz.token_set_ratio(asked, name) if _covers(name, asked) else 0
        # Among names that all contain the words asked, one that starts with them is
        # meant ("sở giáo dục" is "Sở Giáo dục và Đào tạo", not "các cơ sở giáo dục").
        g.closeness = fuzz.ratio(asked, name) + (100 if name.startswith(asked) else 0)
    fitting = [g for g in groups if g.score >= UNIT_MATCH]
    if not fitting:
        return None
    best = max(fitting, key=lambda g: (g.score, g.closeness, g.parsed))
    # The unit meant: groups naming it as well as the best does; parsed tasks before guesses.
    chosen = [g for g in fitting if (g.score, g.closeness) == (best.score, best.closeness)]
    chosen = [g for g in chosen if g.parsed] or chosen
    wanted = terms(intent.topic)
    # Words beyond the unit ("… với đoàn thể") pick the documents; else the newest first.
    chosen.sort(key=lambda g: (-_overlap(g, wanted), -_when(g.doc).toordinal()))
    picks = [_pick(g, intent.topic) for g in chosen[:MAX_GROUPS]]
    blocks = [say.UNIT_LEAD.format(unit=display_unit(best.unit))]
    blocks += [f"{p.cite}:\n{_bullets(p)}" for p in picks]
    # Only a few others are shown: the rest are never quoted, so never trimmed.
    taken = {id(g) for g in chosen}
    rest = [g for g in fitting if id(g) not in taken][: 2 * MAX_GROUPS]
    others = [_pick(g, intent.topic) for g in rest]
    found = Found("\n\n".join(blocks), picks, _distinct(picks, others), quote=False)
    found.listed = True
    return found


def _asked_unit(intent: Intent, groups: list[_UnitGroup]) -> str:
    """The unit asked about; "thi" after it is its last word when a unit is so named
    ("Tổ Khảo thí làm gì?"), else the "thì" of the question ("Ban Tổ chức thì làm gì?")."""
    asked = _unit_words(intent.unit)
    longer = f"{asked} thi"
    if f" {intent.unit} thi " not in f" {intent.folded} ":
        return asked
    named = (" ".join(syllables(g.unit)) for g in groups)
    return longer if any(f" {longer} " in f" {name} " for name in named) else asked


def _unit_words(unit: str) -> str:
    """The unit asked about without the place it is in ("sở giáo dục Cần Thơ")."""
    for place in places_in(unit):
        unit = unit.replace(place, " ")
    return " ".join(unit.split())


def _covers(name: str, asked: str) -> bool:
    """Whether a unit's name holds most of the words asked: "Ban" alone is not "Cục Bản
    quyền tác giả", though every word of it is among them."""
    words = set(asked.split())
    shared = words & set(name.split())
    return len(shared) >= UNIT_COVER * len(words) and (len(shared) >= 2 or len(words) == 1)


def _pick(group: _UnitGroup, topic: str) -> Pick:
    """One document section's tasks for the unit, one line each."""
    texts = [with_content(group.doc, t) for t in group.texts[:MAX_TASKS]]
    quotes = [trim(t, topic, TASK_QUOTE) for t in texts]
    return Pick(group.doc, group.path, "\n".join(quotes), label=group.label)


def with_content(doc: DocRef, text: str) -> str:
    """A line that only says who ("- Cơ quan thực hiện: Sở Y tế chủ trì …") with the
    task it belongs to: the "Nội dung: …" line just before it in the document."""
    rows = doc.doc.passages
    for row, passage in enumerate(rows[1:], 1):
        if text in passage.text and _ROLE_LINE.match(passage.text):
            before = rows[row - 1].text
            return f"{before.lstrip('-+•* ')} {text}" if _CONTENT_LINE.match(before) else text
    return text


def _bullets(pick: Pick) -> str:
    return "\n".join(f"– “{line}”" for line in pick.excerpt.splitlines())


def _distinct(picks: list[Pick], others: list[Pick]) -> list[Pick]:
    seen = {(p.doc.id, p.path) for p in picks}
    kept = []
    for pick in others:
        if (pick.doc.id, pick.path) not in seen:
            seen.add((pick.doc.id, pick.path))
            kept.append(pick)
    return kept


def _when(doc: DocRef) -> date:
    """A document's date for ordering: its header date, else 1 January of its year."""
    d = doc.directive
    return d.date or (date(d.year, 1, 1) if d.year else date.min)


def _overlap(group: _UnitGroup, wanted: set[str]) -> int:
    return len(wanted & terms(" ".join(group.texts)))


def display_unit(unit: str) -> str:
    """ "Các cơ sở giáo dục" reads "của các cơ sở giáo dục"; names keep their capital."""
    return unit[:1].lower() + unit[1:] if fold(unit).startswith(_COMMON_HEADS) else unit


def _unit_groups(doc: DocRef) -> list[_UnitGroup]:
    """Tasks by (unit, section); sections with a unit; sentences that open with a unit."""
    groups: dict[tuple[str, str], _UnitGroup] = {}
    for task in doc.directive.tasks:
        key = (task.unit, task.section)
        groups.setdefault(key, _UnitGroup(doc, task.section, task.unit, [])).texts.append(task.text)
    for section in doc.directive.sections:
        if section.unit and (section.unit, section.path) not in groups:
            body = [s for s in sentences(section.text)[1:]] or [section.text]
            groups[(section.unit, section.path)] = _UnitGroup(doc, section.path, section.unit, body)
    return list(groups.values()) + _sentence_units(doc, groups)


def _sentence_units(doc: DocRef, known: dict[tuple[str, str], _UnitGroup]) -> list[_UnitGroup]:
    """Sentences that open with a unit name the unit too.

    "Ban Tuyên giáo, Dân vận Đảng ủy tổ chức kiểm tra…" assigns one task; a lead-in such
    as "Các cấp ủy của đảng bộ, chi bộ cơ sở toàn ngành…:" assigns the bullets after it.
    """
    found = []
    taken = {path for _, path in known}
    for section in doc.directive.sections:
        if section.path in taken:
            continue
        parts = sentences(section.text)
        for index, sentence in enumerate(parts):
            if not _may_open_with_unit(sentence):
                continue
            folded = " ".join(syllables(sentence))
            if not folded.startswith(_UNIT_HEADS) or len(folded.split()) < 4:
                continue
            heading = " ".join(syllables(section.heading)) == folded
            if sentence.endswith(":") and index + 1 < len(parts):
                unit, tasks = _subject(sentence, LEAD_IN_WORDS), parts[index + 1 :]
            elif heading and index + 1 < len(parts):
                # "2. Sở Giáo dục và Đào tạo chỉ đạo …" heads the bullets that follow.
                unit, tasks = _subject(sentence), parts[index + 1 :]
            else:
                unit, tasks = _subject(sentence), [sentence]
            label = trim(sentence, "", 120)
            group = _UnitGroup(doc, section.path, unit, tasks, label=label, parsed=False)
            found.append(group)
    return found


def _may_open_with_unit(sentence: str) -> bool:
    """A cheap first look: folding every sentence whole is most of a unit answer's cost."""
    first = _first_syllable(sentence.split(None, 1)[0]) if sentence else ""
    if first and first not in _HEAD_FIRST:
        return False
    return " ".join(syllables(sentence[:HEAD_CHARS])).startswith(_UNIT_HEADS)


@lru_cache(maxsize=4096)
def _first_syllable(word: str) -> str:
    """The folded first syllable of a word ("Ban," → "ban"); "" for punctuation."""
    found = syllables(word)
    return found[0] if found else ""


def _subject(sentence: str, limit: int = UNIT_WORDS) -> str:
    """The unit a sentence opens with: its words up to the first verb ("tổ chức", "chủ trì")."""
    words = sentence.rstrip(":").split()
    folded = [fold(w).strip(",;:.") for w in words[: limit + 1]]
    for i in range(1, min(len(words), limit)):
        if words[i][:1].isupper():
            continue  # "Ban Chỉ đạo", "Ủy ban Kiểm tra": a capital marks a name, not a verb
        pair = " ".join(folded[i : i + 2])
        if pair == "to chuc" and (folded[i - 1] in ("cac", "nhung") or words[i - 1][-1] == ","):
            continue  # "các tổ chức đảng", "cấp ủy, tổ chức đảng" are nouns
        if folded[i] in _VERBS or pair in _VERBS:
            return " ".join(words[:i]).rstrip(",;:")
    return " ".join(words[:limit]).rstrip(",;:")
