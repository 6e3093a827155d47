"""Deadlines found in a document become proposals; the office sees them as lists and cards.

After an ingest the admin gets one summary card per document (never one message per
deadline); /dexuat lists every proposal waiting, a page at a time; a proposal's own card
shows its sentence, notes on its date, and the buttons that decide it.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, tzinfo

from core.messages import Button, Reply
from handlers import approval_texts as A
from handlers import deadline_texts as T
from handlers.context import Context, Request
from handlers.deadlines import DEFAULT_DUE_TIME
from handlers.ids import parse_id
from handlers.proposal_dates import DueCheck, check_due, example_day
from handlers.proposal_titles import task_name
from knowledge.model import Deadline as ParsedDeadline
from knowledge.model import Directive
from storage.models.org import Deadline
from storage.repos import deadlines as repo
from storage.repos.deadlines import Proposal
from storage.repos.documents import get_document

SUMMARY_SHOWN = 5  # proposals named on a document's card; "Xem tất cả" pages through the rest
PAGE_SIZE = 10  # proposals per /dexuat page: one screen on a phone
LABEL_CHARS = 48  # a button label Telegram shows whole on a phone


def _due(found: ParsedDeadline, tz: tzinfo) -> datetime | None:
    if found.due is None:
        return None
    return datetime.combine(found.due, DEFAULT_DUE_TIME, tzinfo=tz).astimezone(UTC)


def _distinct(found: list[ParsedDeadline]) -> list[ParsedDeadline]:
    """The deadlines without repeats: the same sentence with the same date is one proposal."""
    seen: dict[tuple[object, ...], ParsedDeadline] = {}
    for item in found:
        key = (" ".join(item.text.split()), item.due, item.recurrence, item.period, item.label)
        seen.setdefault(key, item)
    return list(seen.values())


def _proposal_row(ctx: Context, document_id: int, found: ParsedDeadline, shared: bool) -> Deadline:
    """The stored proposal for a parsed deadline, created once per document sentence."""
    name = task_name(found.text, found.label, found.unit)
    row = Deadline(
        document_id=document_id,
        title=found.label if shared and found.label else name.title,
        section=found.section,
        unit=name.who or None,
        source_text=found.text,
        due_at=_due(found, ctx.tz),
        recurrence=found.recurrence,
        period=found.period,
        status="proposed",
        created_at=ctx.clock.now(),
    )
    twin = repo.find_proposed_twin(ctx.db, row)
    if twin is not None:
        return twin
    detached = repo.find_detached_twin(ctx.db, row)
    if detached is not None and detached.id is not None:
        # Approved for an older version of this file: the same sentence keeps its schedule.
        return repo.update_deadline(ctx.db, detached.id, document_id=document_id) or detached
    return repo.add_deadline(ctx.db, row)


def kept_deadlines(
    ctx: Context, found: list[ParsedDeadline]
) -> tuple[list[ParsedDeadline], list[str]]:
    """The deadlines a document proposes (repeats merged, at most MAX_DEADLINES_PER_DOCUMENT,
    the one cap on a document's proposals) and the notes saying what was merged or left."""
    distinct = _distinct(found)
    cap = ctx.settings.max_deadlines_per_document
    notes = [A.DOC_CAPPED.format(found=len(distinct), cap=cap)] if len(distinct) > cap else []
    notes += [A.DOC_MERGED] if len(distinct) < len(found) else []
    return distinct[:cap], notes


def capped_notes(ctx: Context, found: list[ParsedDeadline]) -> list[str]:
    """The note of a document with more distinct deadlines than it may propose (or none)."""
    return [note for note in kept_deadlines(ctx, found)[1] if note != A.DOC_MERGED]


def propose_deadlines(ctx: Context, document_id: int) -> list[Reply]:
    """Store a document's deadlines as proposals (at most the configured number, repeats
    merged); the admin's one summary card, or nothing when none waits.

    The replies carry no `to`: the caller (ingest) sends them to the uploading admin.
    """
    doc = get_document(ctx.db, document_id)
    if doc is None:
        return []
    found = Directive.from_dict(json.loads(doc.parsed or "{}")).deadlines
    kept, notes = kept_deadlines(ctx, found)
    repo.discard_detached(ctx.db, [f.text for f in kept])
    for item in kept:
        shared = sum(1 for other in kept if other.text == item.text) > 1
        _proposal_row(ctx, document_id, item, shared)
    card = summary_card(ctx, document_id, notes)
    return [card] if card is not None else []


def summary_card(ctx: Context, document_id: int, notes: list[str] | None = None) -> Reply | None:
    """A document's proposals: count, the first few, approve all, see all."""
    waiting = repo.proposals(ctx.db, document_id=document_id)
    if not waiting:
        return None
    shown = waiting[:SUMMARY_SHOWN]
    lines = [A.DOC_SUMMARY.format(doc=waiting[0].document, count=len(waiting))]
    lines += [proposal_line(ctx, p.deadline) for p in shown]
    if len(waiting) > len(shown):
        lines.append(A.LIST_MORE.format(count=len(waiting) - len(shown)))
    lines += [*(notes or []), "", A.LIST_FOOTER]
    buttons = [_view_button(p.deadline) for p in shown]
    last = [Button(A.APPROVE_ALL_BUTTON, f"apall:d{document_id}")]
    if len(waiting) > len(shown):
        last.append(Button(A.SEE_ALL_BUTTON, f"apls:d{document_id}:1"))
    buttons.append(tuple(last))
    return Reply("\n".join(lines), buttons=tuple(buttons), ref=f"document:{document_id}",
                 kind="proposal")  # fmt: skip


def list_page(ctx: Context, scope: str, page: int) -> Reply:
    """A page of the proposals waiting: all of them (scope "a") or one document's ("d12")."""
    document_id = parse_id(scope[1:]) if scope.startswith("d") else None
    waiting = repo.proposals(ctx.db, document_id=document_id)
    if not waiting:
        return Reply(A.LIST_EMPTY)
    pages = (len(waiting) + PAGE_SIZE - 1) // PAGE_SIZE
    page = min(max(page, 1), pages)
    shown = waiting[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    marker = A.LIST_PAGE.format(page=page, pages=pages) if pages > 1 else ""
    lines = [A.LIST_HEADER.format(count=len(waiting), page=marker)]
    lines += [_list_line(ctx, p, document_id is None) for p in shown]
    lines += ["", A.LIST_FOOTER]
    buttons = [_view_button(p.deadline) for p in shown]
    upto = max(p.deadline.id or 0 for p in waiting)
    last = [Button(A.APPROVE_ALL_BUTTON, f"apall:{scope if document_id else f'a{upto}'}")]
    if page < pages:
        last.append(Button(A.NEXT_PAGE_BUTTON, f"apls:{scope}:{page + 1}"))
    buttons.append(tuple(last))
    return Reply("\n".join(lines), buttons=tuple(buttons), kind="proposal")


def _list_line(ctx: Context, proposal: Proposal, with_document: bool) -> str:
    line = proposal_line(ctx, proposal.deadline)
    return (
        line + A.LIST_FROM.format(doc=proposal.document)
        if with_document and proposal.document
        else line
    )


def _view_button(row: Deadline) -> tuple[Button, ...]:
    return (Button(T.short(f"#{row.id} {row.title}", LABEL_CHARS), f"apv:{row.id}"),)


def proposal_line(ctx: Context, row: Deadline) -> str:
    """'#12 Báo cáo sơ kết 6 tháng — Các chi bộ — hạn 10/05/2024' with notes on the date."""
    who = f" — {row.unit}" if row.unit else ""
    return A.LIST_LINE.format(id=row.id, title=row.title, who=who, due=due_words(ctx, row))


def due_words(ctx: Context, row: Deadline) -> str:
    """'hạn 10/05/2024 (đã qua)', 'chưa rõ ngày (tháng 12/2025; gợi ý 31/12/2025)', ..."""
    check = check_due(ctx, row)
    cadence = T.RECURRENCE_VI.get(row.recurrence or "", "")
    if check.day is None:
        notes = [cadence or T.period_vi(row.period or "")]
        if check.suggested:
            notes.append(A.SUGGESTED.format(day=f"{check.suggested:%d/%m/%Y}"))
        inside = "; ".join(n for n in notes if n)
        return A.DUE_NONE + (f" ({inside})" if inside else "")
    text = A.DUE_ON.format(day=f"{check.day:%d/%m/%Y}") + (f", {cadence}" if cadence else "")
    if check.past:
        return text + A.DUE_PAST
    return text + (A.DUE_DAY_OFF.format(name=check.day_off) if check.day_off else "")


def proposal_card(ctx: Context, row: Deadline, doc_name: str) -> Reply:
    """One proposal: its sentence, what and who, the date with its notes, and the buttons."""
    check = check_due(ctx, row)
    cadence = T.RECURRENCE_VI.get(row.recurrence or "", "")
    text = A.PROPOSAL.format(
        id=row.id,
        doc=doc_name or "nhập tay",
        section=f" (mục {row.section})" if row.section else "",
        sentence=" ".join(row.source_text.split()),
        title=row.title,
        who=A.PROPOSAL_WHO.format(unit=row.unit) if row.unit else "",
        due=T.when(row.due_at, ctx.tz) if row.due_at else T.NO_DATE,
        recurrence=f" ({cadence})" if cadence else "",
        branches=T.ALL_BRANCHES if row.all_branches else (row.branch_codes or ""),
    )
    text += _date_notes(ctx, row, check)
    text += A.PROPOSAL_TYPED.format(id=row.id, example=example_day(ctx))
    return Reply(text, buttons=_card_buttons(row, check), ref=f"deadline:{row.id}", kind="proposal")


def _date_notes(ctx: Context, row: Deadline, check: DueCheck) -> str:
    if check.past:
        return A.PAST_NOTE.format(days=check.past_days)
    if check.day is not None and check.day_off and check.previous:
        previous = f"{check.previous:%d/%m/%Y}"
        return A.DAY_OFF_NOTE.format(
            day=f"{check.day:%d/%m/%Y}", name=check.day_off, previous=previous, id=row.id
        )
    if check.suggested is not None:
        period = T.period_vi(row.period or "")
        return A.SUGGESTION_NOTE.format(period=period, day=f"{check.suggested:%d/%m/%Y}")
    return ""


def _card_buttons(row: Deadline, check: DueCheck) -> tuple[tuple[Button, ...], ...]:
    rows: list[tuple[Button, ...]] = [
        (Button(A.APPROVE_BUTTON, f"ap:{row.id}"), Button(A.DATE_BUTTON, f"apdate:{row.id}")),
        (Button(A.BRANCHES_BUTTON, f"apbr:{row.id}"), Button(A.DISCARD_BUTTON, f"apx:{row.id}")),
    ]
    other = check.suggested or (check.previous if check.day_off and not check.past else None)
    if other is not None:
        label = A.SUGGESTED_BUTTON if check.suggested else A.PREVIOUS_DAY_BUTTON
        rows.append(
            (Button(label.format(day=f"{other:%d/%m/%Y}"), f"apsug:{row.id}:{other:%Y%m%d}"),)
        )
    if check.past:
        rows.append((Button(A.FORCE_BUTTON, f"apok:{row.id}"),))
    return tuple(rows)


def card_of(ctx: Context, deadline_id: int) -> Reply:
    """The card of one proposal by id (the «#12 …» buttons of a list)."""
    row = repo.get_deadline(ctx.db, deadline_id)
    if row is None:
        return Reply(T.UNKNOWN_DEADLINE.format(id=deadline_id))
    doc = get_document(ctx.db, row.document_id) if row.document_id else None
    return proposal_card(ctx, row, (doc.number or doc.title or doc.file) if doc else "")


async def list_command(req: Request) -> list[Reply]:
    """/dexuat [trang]: the proposals waiting for approval, a page at a time."""
    page = parse_id(req.args) or 1
    return [list_page(req.ctx, "a", page)]


async def on_list_button(req: Request) -> list[Reply]:
    """apls:SCOPE:PAGE pages through proposals; apv:ID opens one proposal's card."""
    parts = (req.msg.callback_data or "").split(":")
    found = parse_id(parts[-1]) if len(parts) > 1 else None
    if parts[0] == "apv" and len(parts) == 2 and found is not None:
        return [card_of(req.ctx, found)]
    if parts[0] == "apls" and len(parts) == 3 and found is not None:
        return [list_page(req.ctx, parts[1], found)]
    return [Reply(A.APPROVE_USAGE)]
