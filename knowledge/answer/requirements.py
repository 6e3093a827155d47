"""What a document requires, asked without a topic: "Kế hoạch 89 yêu cầu gì?"."""

from __future__ import annotations

from knowledge.answer import phrases as say
from knowledge.answer.found import Found, Pick
from knowledge.answer.intents import Intent
from knowledge.answer.passages import sentences, trim
from knowledge.answer.targets import DocRef
from knowledge.model import Section
from knowledge.vi.casing import sentence_case
from knowledge.vi.textnorm import syllables

REQUIRES_ITEMS = 6  # top-level requirements listed for "X yêu cầu gì?"
# Words of a "what does X require" question that are not its topic.
_DOC_WORDS = frozenset(
    ("van", "ban", "ke", "hoach", "huong", "dan", "cong", "chuong", "trinh", "nghi", "quyet")
    + ("so", "yeu", "cau", "de", "ra", "quy", "dinh", "ve", "can", "phai", "thuc", "hien")
)


def wants_requirements(intent: Intent, doc: DocRef) -> bool:
    """Whether the question asks what the document requires as a whole (no topic words
    beyond its own name and number: "về tuyên truyền" asks about one part)."""
    skip = _DOC_WORDS | set(syllables(f"{doc.name} {doc.directive.title}"))
    return not [w for w in syllables(intent.topic) if w not in skip and not w.isdigit()]


def requirements_answer(doc: DocRef) -> Found:
    """What a document requires: its top-level sections, each with its first sentence."""
    top = [s for s in doc.directive.sections if s.level == 1] or doc.directive.sections
    picks = []
    for section in top[:REQUIRES_ITEMS]:
        label = sentence_case(section.heading)
        picks.append(Pick(doc, section.path, _substance(doc, section), label=label))
    lines = [say.REQUIRES_LEAD.format(doc=doc.name)]
    lines += [f"{p.path}. {trim(p.label, '', 160)}" for p in picks]
    return Found("\n".join(lines), picks[:1], picks[1:], quote=True)


def _substance(doc: DocRef, section: Section) -> str:
    """The first sentence of substance in a section, or in its subsections.

    A section that is only a heading ("I. NHIỆM VỤ TRỌNG TÂM") says it in its first child.
    """
    for candidate in [
        section,
        *(s for s in doc.directive.sections if s.path.startswith(f"{section.path}.")),
    ]:
        body = [b for b in sentences(candidate.text) if len(b) > 3 and b != candidate.heading]
        if body:
            first = trim(body[0], "", 200)
            return f"{first[:-1]}…" if first.endswith(":") else first
    return section.heading
