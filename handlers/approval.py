"""Approving the deadlines found in an ingested document: nothing is scheduled unapproved."""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import UTC, datetime, tzinfo

from core.messages import Button, Reply
from handlers import deadline_texts as T
from handlers.audit_watch import watch_deadline
from handlers.context import Context, Request
from handlers.deadlines import (
    DEFAULT_DUE_TIME,
    approved_text,
    move_deadline,
    split_branches,
    split_due,
)
from handlers.ids import parse_id
from knowledge.model import Deadline as ParsedDeadline
from knowledge.model import Directive
from storage.models.org import Deadline
from storage.repos import assignments
from storage.repos import deadlines as repo
from storage.repos.documents import get_document
from storage.repos.org import branches_by_codes, list_branches

_TITLE_CHARS = 90


# Where the task ends and the deadline wording begins: "..., gửi về Văn phòng trước ngày ...".
_TAIL = re.compile(
    r"(;|\s+gửi về|\s+gửi các|,?\s+trước ngày|,?\s+hạn chót|,?\s+chậm nhất|\s*\(ngày).*$",
    re.S,
)
_SUBJECT = re.compile(r"^các chi bộ(,? đảng bộ cơ sở)?\s+", re.I)


def _title(found: ParsedDeadline, shared: bool) -> str:
    """What the task is, from its sentence; the parser's label when one sentence holds several."""
    text = " ".join(found.text.split())
    if shared and found.label:
        return found.label
    text = _SUBJECT.sub("", _TAIL.sub("", text)).strip(" .,:")
    if not text:
        return found.label or " ".join(found.text.split())[:_TITLE_CHARS]
    text = text[0].upper() + text[1:]
    if len(text) <= _TITLE_CHARS:
        return text
    return text[:_TITLE_CHARS].rsplit(" ", 1)[0] + "…"


def _due(found: ParsedDeadline, tz: tzinfo) -> datetime | None:
    if found.due is None:
        return None
    local = datetime.combine(found.due, DEFAULT_DUE_TIME, tzinfo=tz)
    return local.astimezone(UTC)


def _proposal_row(ctx: Context, document_id: int, found: ParsedDeadline, shared: bool) -> Deadline:
    """The stored proposal for a parsed deadline, created once per document sentence."""
    row = Deadline(
        document_id=document_id,
        title=_title(found, shared),
        section=found.section,
        unit=found.unit,
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


def propose_deadlines(ctx: Context, document_id: int) -> list[Reply]:
    """Store the deadlines parsed from a document as proposals; one message per open one.

    The replies carry no `to`: the caller (ingest) sends them to the uploading admin or
    re-targets them to every admin chat.
    """
    doc = get_document(ctx.db, document_id)
    if doc is None:
        return []
    directive = Directive.from_dict(json.loads(doc.parsed or "{}"))
    doc_name = doc.number or doc.title or doc.file
    replies = []
    sentences = Counter(found.text for found in directive.deadlines)
    # A changed version of a file re-proposes the old version's unapproved sentences.
    repo.discard_detached(ctx.db, list(sentences))
    for found in directive.deadlines:
        row = _proposal_row(ctx, document_id, found, sentences[found.text] > 1)
        if row.status == "proposed":
            replies.append(proposal_message(ctx, row, doc_name))
    return replies


def proposal_message(ctx: Context, row: Deadline, doc_name: str) -> Reply:
    """The admin's card for one proposal: sentence, section, date, buttons and typed commands."""
    cadence = T.RECURRENCE_VI.get(row.recurrence or "", "")
    if row.period and not cadence:
        cadence = T.period_vi(row.period)
    text = T.PROPOSAL.format(
        doc=doc_name,
        section=f" (mục {row.section})" if row.section else "",
        id=row.id,
        sentence=row.source_text,
        due=T.when(row.due_at, ctx.tz) if row.due_at else T.NO_DATE,
        recurrence=f" ({cadence})" if cadence else "",
        branches=T.ALL_BRANCHES if row.all_branches else (row.branch_codes or ""),
    )
    buttons = (
        (Button(T.APPROVE_BUTTON, f"ap:{row.id}"), Button(T.DATE_BUTTON, f"apdate:{row.id}")),
        (Button(T.BRANCHES_BUTTON, f"apbr:{row.id}"), Button(T.DISCARD_BUTTON, f"apx:{row.id}")),
    )
    return Reply(text, buttons=buttons, ref=f"deadline:{row.id}", kind="proposal")


def approve(
    ctx: Context,
    deadline_id: int,
    due_at: datetime | None = None,
    codes: list[str] | None = None,
    choose_branches: bool = False,
) -> str:
    """Approve a proposal (optionally with a new date and chosen branches); the admin's answer."""
    row = repo.get_deadline(ctx.db, deadline_id)
    if row is None:
        return T.UNKNOWN_DEADLINE.format(id=deadline_id)
    if row.status != "proposed":
        return _settled(row)
    changes: dict[str, object] = {}
    if due_at is not None:
        changes["due_at"] = due_at
    if choose_branches:
        if codes is not None:
            unknown = branches_by_codes(ctx.db, codes)[1]
            if unknown:
                return T.UNKNOWN_CODES.format(codes=", ".join(unknown))
        changes["all_branches"] = codes is None
        changes["branch_codes"] = ",".join(c.upper() for c in codes) if codes else None
    if (due_at or row.due_at) is None:
        repo.update_deadline(ctx.db, deadline_id, **changes)
        return T.NEEDS_DATE.format(id=deadline_id)
    now = ctx.clock.now()
    row = repo.update_deadline(ctx.db, deadline_id, status="approved", approved_at=now, **changes)
    assert row is not None
    assignments.ensure_assignments(ctx.db, row, now, ctx.tz)
    return approved_text(ctx, row)


def _settled(row: Deadline) -> str:
    """Why an approved or discarded deadline can no longer be approved as proposed."""
    template = T.ALREADY_APPROVED if row.status == "approved" else T.ALREADY_DISCARDED
    return template.format(id=row.id, title=row.title)


def discard(ctx: Context, deadline_id: int) -> str:
    """Discard a proposal so it is never scheduled."""
    row = repo.get_deadline(ctx.db, deadline_id)
    if row is None:
        return T.UNKNOWN_DEADLINE.format(id=deadline_id)
    if row.status == "approved":
        return T.ALREADY_APPROVED.format(id=deadline_id, title=row.title)
    repo.update_deadline(ctx.db, deadline_id, status="discarded")
    return T.DISCARDED.format(id=deadline_id, title=row.title)


def _id_and_rest(args: str) -> tuple[int | None, str]:
    head, _, rest = args.strip().partition(" ")
    head = head.lstrip("#")
    found = parse_id(head)
    return (found, rest.strip()) if found is not None else (None, args)


async def approve_command(req: Request) -> list[Reply]:
    """/duyet ID [DATE [TIME]] [chibo A1,B2]: approve, change the date, choose branches."""
    deadline_id, rest = _id_and_rest(req.args)
    if deadline_id is None:
        return [Reply(T.APPROVE_USAGE)]
    before = rest
    rest, codes = split_branches(rest)
    chose = rest != before.strip()  # "chibo ..." was given (codes None means all)
    due = None
    if rest:
        due, leftover = split_due(rest, req.ctx.tz, req.ctx.clock.now())
        if due is None or leftover:
            return [Reply(T.BAD_DATE.format(text=rest))]
    row = repo.get_deadline(req.ctx.db, deadline_id)
    if row is not None and row.status == "approved" and (chose or due is not None):
        if chose:
            return [Reply(T.BRANCHES_FIXED.format(id=deadline_id, title=row.title))]
        assert due is not None
        with watch_deadline(req, deadline_id):
            return move_deadline(req.ctx, deadline_id, due)  # "Sửa ngày" after approval
    with watch_deadline(req, deadline_id):
        return [Reply(approve(req.ctx, deadline_id, due, codes, chose))]


async def discard_command(req: Request) -> list[Reply]:
    """/boqua ID: discard a proposal."""
    deadline_id, _ = _id_and_rest(req.args)
    if deadline_id is None:
        return [Reply(T.APPROVE_USAGE)]
    with watch_deadline(req, deadline_id):
        return [Reply(discard(req.ctx, deadline_id))]


def _button_id(req: Request) -> int | None:
    tail = (req.msg.callback_data or "").split(":", 1)[-1]
    return parse_id(tail)


async def on_button(req: Request) -> list[Reply]:
    """The proposal card's buttons: Duyệt, Sửa ngày, Chọn chi bộ, Bỏ qua."""
    prefix = (req.msg.callback_data or "").split(":", 1)[0]
    deadline_id = _button_id(req)
    if deadline_id is None:
        return [Reply(T.APPROVE_USAGE)]
    if prefix in ("ap", "apx"):
        with watch_deadline(req, deadline_id):
            return [Reply((approve if prefix == "ap" else discard)(req.ctx, deadline_id))]
    if prefix == "apdate":
        return [Reply(T.ASK_DATE.format(id=deadline_id))]
    return [branch_picker(req.ctx, deadline_id)]


def branch_picker(ctx: Context, deadline_id: int) -> Reply:
    """The branch list of a proposal with a toggle button per branch (typed: /duyet ID chibo)."""
    row = repo.get_deadline(ctx.db, deadline_id)
    if row is None:
        return Reply(T.UNKNOWN_DEADLINE.format(id=deadline_id))
    chosen = set() if row.all_branches else set((row.branch_codes or "").split(","))
    branches = list_branches(ctx.db)
    lines = [f"• {b.code} — {b.name}" for b in branches]
    text = T.ASK_BRANCHES.format(id=deadline_id, branches="\n".join(lines)).rstrip()
    text += "\n" + T.CHOSEN.format(branches=", ".join(sorted(chosen)) or T.ALL_BRANCHES)
    buttons: list[tuple[Button, ...]] = [
        (Button(("✓ " if b.code in chosen else "") + b.code, f"apb:{deadline_id}:{b.code}"),)
        for b in branches
    ]
    buttons.append(
        (
            Button(T.ALL_BRANCHES.capitalize(), f"apb:{deadline_id}:*"),
            Button(T.APPROVE_BUTTON, f"ap:{deadline_id}"),
        )
    )
    return Reply(text, buttons=tuple(buttons))


async def on_toggle(req: Request) -> list[Reply]:
    """apb:ID:CODE adds or removes a branch of a proposal; apb:ID:* means all branches."""
    _, deadline_id, code = ((req.msg.callback_data or "") + "::").split(":")[:3]
    found = parse_id(deadline_id)
    row = repo.get_deadline(req.ctx.db, found) if found is not None else None
    if row is None or row.id is None:
        return [Reply(T.UNKNOWN_DEADLINE.format(id=deadline_id))]
    if row.status != "proposed":
        return [Reply(_settled(row))]
    if code != "*" and branches_by_codes(req.ctx.db, [code])[1]:  # a forged or stale code
        return [Reply(T.UNKNOWN_CODES.format(codes=code))]
    chosen = set() if row.all_branches else set((row.branch_codes or "").split(",")) - {""}
    chosen = set() if code == "*" else chosen ^ {code}
    repo.update_deadline(
        req.ctx.db,
        row.id,
        all_branches=not chosen,
        branch_codes=",".join(sorted(chosen)) or None,
    )
    return [branch_picker(req.ctx, row.id)]
