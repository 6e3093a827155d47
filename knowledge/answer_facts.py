"""Answers read from the parsed structure: signer, recipients, implementing documents, units."""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz

from knowledge import answer_phrases as say
from knowledge.answer_model import Found, Pick, dedupe
from knowledge.intents import Intent
from knowledge.passages import sentences, terms, trim
from knowledge.search import Library
from knowledge.targets import DocRef, implementing_docs
from knowledge.textnorm import fold, syllables

UNIT_MATCH = 85  # token-set similarity (0-100) for "ban tuyen giao" ~ "Ban Tuyên giáo Đảng ủy"
TASK_QUOTE = 220  # characters per quoted task in a unit's list
UNIT_WORDS = 10  # a unit named at the start of a sentence is at most this long
LEAD_IN_WORDS = 24  # "Các cấp ủy của đảng bộ, chi bộ cơ sở toàn ngành giáo dục và đào tạo:"
# Verbs that end the unit at the start of a sentence (folded).
_VERBS = frozenset(
    ("to chuc", "thuc hien", "xay dung", "chu tri", "phoi hop", "kiem tra", "tang cuong")
    + ("trien khai", "co trach nhiem", "chi dao", "bao cao", "nghien cuu", "quan triet")
    + ("tham muu", "huong dan", "theo doi", "dam bao", "gui", "lanh dao", "phu trach")
    + ("da", "se", "can", "phai", "de nghi", "yeu cau", "chu dong", "xay")
)
# How sentences that assign work to a unit begin (folded).
_UNIT_HEADS = tuple(
    f"{head} "
    for head in (
        "ban", "phong", "van phong", "uy ban", "cong doan", "so giao duc", "doan",
        "chi bo", "dang uy", "dang bo", "thu truong", "hieu truong", "cap uy", "cac cap uy",
        "cac co so", "cac chi bo", "cac dang bo", "cac don vi", "cac truong",
    )
)  # fmt: skip


def signer_answer(doc: DocRef) -> Found:
    """Who signed a document, quoting its signature block."""
    signer = doc.directive.signer
    if not signer.name:
        return Found(say.NO_SIGNER.format(doc=doc.name), found=False)
    title = ", ".join(line.strip() for line in signer.title.splitlines() if line.strip())
    template = say.SIGNED_BY if title else say.SIGNED_BY_NO_TITLE
    lead = template.format(doc=doc.name, name=signer.name, title=title)
    block = f"{title} — {signer.name}" if title else signer.name
    return Found(lead, [Pick(doc, "", block, part=say.SIGNATURE)], quote=True)


def recipients_answer(doc: DocRef) -> Found:
    """Who a document is sent to, as listed under "Kính gửi" and "Nơi nhận"."""
    recipients = doc.directive.recipients
    if not recipients:
        return Found(say.NO_RECIPIENTS.format(doc=doc.name), found=False)
    lines = [say.SENT_TO.format(doc=doc.name), *(f"• {r}" for r in recipients)]
    pick = Pick(doc, "", "; ".join(recipients), part=say.RECIPIENTS_PART)
    return Found("\n".join(lines), [pick], quote=False)


def implementing_answer(library: Library, number: str) -> Found:
    """Which stored documents implement (or cite) a document, quoting where they say so."""
    docs = implementing_docs(library, number)
    if not docs:
        return Found(say.NO_IMPLEMENTING.format(number=number), found=False)
    names = ", ".join(d.name for d in docs)
    lead = say.IMPLEMENTING_LEAD.format(number=number, docs=names)
    picks = [_citing_passage(d, number) for d in docs]
    return Found(lead, picks[:1], picks[1:])


def _citing_passage(doc: DocRef, number: str) -> Pick:
    """The sentence of doc that names number, and the section it is in."""
    key = fold(number)
    for ref in doc.directive.references:
        if fold(ref.number) == key:
            section = doc.section(ref.section) if ref.section else None
            text = section.text if section else doc.directive.title
            part = "" if section else say.PREAMBLE
            return Pick(doc, ref.section, _sentence_with(text, key), label=doc.name, part=part)
    return Pick(doc, "", trim(doc.directive.title), label=doc.name, part=say.PREAMBLE)


def _sentence_with(text: str, key: str) -> str:
    for sentence in sentences(text):
        if key in fold(sentence):
            return trim(sentence, key)
    return trim(text, key)


@dataclass
class _UnitGroup:
    doc: DocRef
    path: str
    unit: str
    texts: list[str]
    score: float = 0.0
    closeness: float = 0.0
    label: str = ""

    def __post_init__(self) -> None:
        self.label = self.label or self.unit


def unit_answer(intent: Intent, scope: list[DocRef]) -> Found | None:
    """The tasks of the unit named in the question, grouped by document and section."""
    groups = [g for d in scope for g in _unit_groups(d)]
    for g in groups:
        name = " ".join(syllables(g.unit))
        g.score = fuzz.token_set_ratio(intent.unit, name)
        # Among names that all contain the words asked, one that starts with them is
        # meant ("sở giáo dục" is "Sở Giáo dục và Đào tạo", not "các cơ sở giáo dục").
        g.closeness = fuzz.ratio(intent.unit, name) + (100 if name.startswith(intent.unit) else 0)
    wanted = terms(intent.topic)
    fitting = [g for g in groups if g.score >= UNIT_MATCH]
    if not fitting:
        return None
    fitting.sort(key=lambda g: (-g.score, -g.closeness, -_overlap(g, wanted)))
    best = fitting[0]
    quotes = [trim(t, intent.topic, TASK_QUOTE) for t in best.texts]
    main = Pick(best.doc, best.path, "\n".join(f"– «{q}»" for q in quotes))
    lead = say.UNIT_LEAD.format(unit=best.unit)
    others = [Pick(g.doc, g.path, "", label=g.label) for g in fitting[1:]]
    return Found(f"{lead}\n{main.excerpt}", [main], dedupe([main, *others])[1:], quote=False)


def _overlap(group: _UnitGroup, wanted: set[str]) -> int:
    return len(wanted & terms(" ".join(group.texts)))


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
            found.append(_UnitGroup(doc, section.path, _lower_common(unit), tasks, label=label))
    return found


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


def _lower_common(unit: str) -> str:
    """ "Các cấp ủy …" reads "Nhiệm vụ của các cấp ủy …"; names keep their capital."""
    return unit[:1].lower() + unit[1:] if fold(unit).startswith(("cac ", "cap ")) else unit
