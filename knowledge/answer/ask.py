"""Answers a question from the library: the fact first, then the quote, then the citation.

Structured questions (signer, recipients, implementing documents, deadlines, a month's
deadlines, a unit's tasks) read the parser's output; anything else, and anything the
structure cannot answer, goes to BM25 retrieval over sections. Nothing is invented: when
no passage fits, the answer says so and suggests what can be asked.
"""

from __future__ import annotations

from datetime import date

from knowledge.answer import intents
from knowledge.answer import phrases as say
from knowledge.answer import scope as bounds
from knowledge.answer.deadlines import deadline_answer
from knowledge.answer.facts import implementing_answer, recipients_answer, signer_answer
from knowledge.answer.found import Answer, Found, Pick, dedupe
from knowledge.answer.issued import issued_answer
from knowledge.answer.lookups import cited_line
from knowledge.answer.passages import best_passage, sentence_case, sentences, terms, trim
from knowledge.answer.periods import period_answer
from knowledge.answer.targets import DocRef, Named, implementing_docs, named_documents, ref_of
from knowledge.answer.units import unit_answer
from knowledge.model import Section
from knowledge.search.library import Library
from knowledge.vi.number_query import parse_query
from knowledge.vi.textnorm import syllables

MAX_QUESTION = 1000  # longer messages are cut: a question is never that long
SEARCH_K = 6  # sections retrieved: one answer and a few other candidates
TITLE_SURE = 0.75  # lookup score from which a title in a question names that document
REQUIRES_ITEMS = 6  # top-level requirements listed for "X yêu cầu gì?"
# Words of a "what does X require" question that are not its topic.
_DOC_WORDS = frozenset(
    ("van", "ban", "ke", "hoach", "huong", "dan", "cong", "chuong", "trinh", "nghi", "quyet")
    + ("so", "yeu", "cau", "de", "ra", "quy", "dinh", "ve", "can", "phai", "thuc", "hien")
)


def answer_question(library: Library, question: str, today: date | None = None) -> Answer:
    """Answer a Vietnamese question (with or without diacritics) from the library."""
    if library.is_empty:
        return Answer(say.EMPTY_LIBRARY)
    text = " ".join(question.split())[:MAX_QUESTION]
    if not syllables(text):
        return Answer(say.NOTHING_TO_ASK)
    intent = intents.detect(text)
    named = named_documents(library, text)
    found = _structured(library, intent, named, today) or _retrieve(library, intent, named)
    return found.render()


def _structured(
    library: Library, intent: intents.Intent, named: Named, today: date | None
) -> Found | None:
    """Answers built from the parsed structure; None hands the question to retrieval."""
    kind = intent.kind
    if kind == intents.ISSUED:
        return issued_answer(library, named)
    if kind in (intents.MONTH, intents.PERIOD):
        return period_answer(library, intent, today)
    if kind == intents.IMPLEMENTING and named.cited:
        return implementing_answer(library, named.cited[0].number or "")
    if kind == intents.IMPLEMENTING and named.docs and named.docs[0].doc.number:
        return implementing_answer(library, named.docs[0].doc.number or "")
    if kind in (intents.SIGNER, intents.RECIPIENTS):
        return _about_document(library, intent, named)
    scope = _scope(library, named, intent)
    if kind == intents.DEADLINE:
        scope = scope or bounds.deadline_scope(library, intent, today)
        return deadline_answer(library, intent, scope, today)
    if kind == intents.UNIT:
        return unit_answer(intent, scope or bounds.unit_scope(library, intent))
    if kind == intents.REQUIRES:
        scope = scope or _by_title(library, intent.topic)
        if scope and not _content_words(intent, scope[0]):
            return _with_cited(library, named, _requirements(scope[0]))
    return None


def _by_title(library: Library, topic: str) -> list[DocRef]:
    """The stored document a question names by its title ("chương trình dân vận 2024")."""
    result = library.lookup(topic, limit=1)
    if result.how != "title" or result.ambiguous or not result.matches:
        return []
    match = result.matches[0]
    doc = library.doc(match.doc_id) if match.doc_id is not None else None
    return [ref_of(doc)] if doc is not None and match.score >= TITLE_SURE else []


def _scope(library: Library, named: Named, intent: intents.Intent) -> list[DocRef]:
    """The documents a question is about: named ones, or those implementing a cited one."""
    docs = list(named.docs)
    for match in named.cited:
        found = implementing_docs(library, match.number or "", bounds.MAX_READ)
        docs += [d for d in found if d not in docs]
    return docs[: max(len(named.docs), bounds.MAX_READ)]


def _about_document(library: Library, intent: intents.Intent, named: Named) -> Found | None:
    """Signer or recipients of the document the question names, else the best retrieved."""
    doc = named.docs[0] if named.docs else None
    if doc is None and named.cited:
        doc = _implementing_meant(library, intent, named)
        if doc is None:
            return Found(cited_line(library, named.cited[0]) + ".", found=False)
    if doc is None:
        hits = library.search_sections(intent.topic or intent.folded, k=1)
        if not hits:
            return None
        doc = ref_of(hits[0].doc)
    if intent.kind == intents.SIGNER:
        return _with_cited(library, named, signer_answer(doc))
    return _with_cited(library, named, recipients_answer(doc))


def _implementing_meant(library: Library, intent: intents.Intent, named: Named) -> DocRef | None:
    """The stored document meant by a cited number: "kế hoạch 118" is the plan for NQ 118.

    Only when the question says so: by "thực hiện", or by typing the plan's type.
    """
    implementing = _scope(library, Named(cited=named.cited[:1]), intent)
    typed = parse_query(intents.without_date_cues(intent.folded))
    kind = typed.doc_type if typed is not None else None
    if kind and kind != named.cited[0].doc_type:
        same = [d for d in implementing if d.doc.doc_type == kind]
        return same[0] if same else None
    return implementing[0] if implementing and "thuc hien" in intent.folded else None


def _content_words(intent: intents.Intent, doc: DocRef) -> list[str]:
    """Topic words beyond the document's own name and number ("về tuyên truyền")."""
    skip = _DOC_WORDS | set(syllables(f"{doc.name} {doc.directive.title}"))
    return [w for w in syllables(intent.topic) if w not in skip and not w.isdigit()]


def _requirements(doc: DocRef) -> Found:
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


def _with_cited(library: Library, named: Named, found: Found) -> Found:
    """Say first that a named directive has no full text, when the answer comes from another."""
    if named.cited and not named.docs:
        found.lead = "\n\n".join(
            p for p in (cited_line(library, named.cited[0]) + ".", found.lead) if p
        )
    return found


def relevant(query: str, text: str) -> bool:
    """Whether a passage shares enough with the question to be quoted as its answer.

    BM25 always ranks something first; a passage is an answer only if it shares a pair
    of adjacent syllables with the question ("vành đai", "báo cáo"), or, for a question
    of one word, that word. Shared single syllables alone ("nay", "bao") are chance.
    """
    words = syllables(query)
    have = terms(text)
    if len(words) == 1:
        return words[0] in have
    pairs = {p for p in terms(query) if " " in p}
    return bool(pairs & have)


def _asks_more(intent: intents.Intent) -> bool:
    """Whether a question has words beyond a document's type and number ("kh 118")."""
    words = syllables(intent.topic)
    return any(w not in _DOC_WORDS and not w.isdigit() and len(w) > 2 for w in words)


def _retrieve(library: Library, intent: intents.Intent, named: Named) -> Found:
    """BM25 over sections (within the named documents, if any), quoting the best passage."""
    scope = _scope(library, named, intent)
    ids = {d.id for d in scope} or None
    query = intent.topic or intent.folded
    hits = library.search_sections(query, k=SEARCH_K, doc_ids=ids)
    hits = [h for h in hits if relevant(query, h.section.text)]
    if not hits and named.cited and not named.docs and not _asks_more(intent):
        # "kh 118" names a cited directive and nothing else: its card is the answer.
        return Found(cited_line(library, named.cited[0]) + ".", found=False)
    if not hits:
        return _with_cited(library, named, Found(f"{say.NOT_FOUND}\n\n{say.SUGGEST}", found=False))
    picks = []
    for hit in hits:
        doc = ref_of(hit.doc)
        excerpt = best_passage(hit.section.text, query)
        picks.append(Pick(doc, hit.section.path, excerpt, label=trim(hit.section.heading, "", 120)))
    picks = dedupe(picks)
    # The quoted passage is the fact here: it comes first, with its citation.
    return _with_cited(library, named, Found("", picks[:1], picks[1:]))
