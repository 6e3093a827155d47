"""Approving proposed deadlines, one or several at once: nothing is scheduled unapproved.

A date already past is refused with the reason unless the office confirms it; a date on a
day off is approved as given, with the previous working day offered in the answer.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

from core.messages import Button, Reply
from handlers import approval_texts as A
from handlers import deadline_texts as T
from handlers.approval_branches import branch_picker, settled
from handlers.audit_watch import watch_deadline
from handlers.context import Context, Request
from handlers.deadlines import (
    DEFAULT_DUE_TIME,
    approved_text,
    move_deadline,
    split_branches,
    split_due,
)
from handlers.ids import MAX_ID, parse_id
from handlers.proposal_dates import check_due, example_day
from knowledge.vi.textnorm import fold
from storage.models.org import Deadline
from storage.repos import assignments
from storage.repos import deadlines as repo
from storage.repos.org import branches_by_codes

# "/duyet 12,13,15", "/duyet 12-15", "duyệt #3 và #5": several proposals by number.
_MANY = re.compile(r"^#?[0-9]+(?:\s*(?:,|;|-|–|\bva\b)\s*#?[0-9]+)+$")
_ALL = {"tatca", "tat ca", "all", "het", "tat ca de xuat"}
_CONFIRM = re.compile(r"\s*\b(xac nhan|van duyet|dong y)\s*$")
# Typed without the slash: "duyệt 1,3,5", "duyệt tất cả", "bỏ qua 4".
_TYPED = re.compile(r"^(duyet|bo qua)\s+(.+)$")


def _ids(text: str) -> list[int]:
    """Proposal numbers from "12,13,15", a range "12-15", or both (at most 200)."""
    ids: list[int] = []
    for part in re.split(r"\s*(?:,|;|\bva\b)\s*", fold(text)):
        numbers = [int(n) for n in re.findall(r"[0-9]+", part)]
        if len(numbers) == 2 and re.search(r"[-–]", part):
            low, high = sorted(numbers)
            ids += range(low, min(high, low + 199) + 1)
        else:
            ids += numbers
    return [i for i in dict.fromkeys(ids) if 0 < i <= MAX_ID][:200]


def _is_day(text: str) -> bool:
    """A yyyymmdd date a button may carry (a forged one is no date)."""
    if not re.fullmatch(r"[0-9]{8}", text):
        return False
    try:
        datetime.strptime(text, "%Y%m%d")
    except ValueError:  # 20241399
        return False
    return True


def _local_due(ctx: Context, text: str) -> datetime:
    """A yyyymmdd date from a button, at the default hour."""
    day = datetime.strptime(text, "%Y%m%d").date()
    return datetime.combine(day, DEFAULT_DUE_TIME, tzinfo=ctx.tz).astimezone(UTC)


def approve(
    req: Request,
    deadline_id: int,
    due_at: datetime | None = None,
    codes: list[str] | None = None,
    choose_branches: bool = False,
    force: bool = False,
) -> Reply:
    """Approve a proposal (optionally with a new date and chosen branches); the answer.
    What changed is recorded in the audit log as the sender's doing."""
    with watch_deadline(req, deadline_id):
        return _approve(req.ctx, deadline_id, due_at, codes, choose_branches, force)


def _approve(
    ctx: Context,
    deadline_id: int,
    due_at: datetime | None,
    codes: list[str] | None,
    choose_branches: bool,
    force: bool,
) -> Reply:
    row = repo.get_deadline(ctx.db, deadline_id)
    if row is None:
        return Reply(T.UNKNOWN_DEADLINE.format(id=deadline_id))
    if row.status != "proposed":
        return Reply(settled(ctx, row))
    changes: dict[str, object] = {} if due_at is None else {"due_at": due_at}
    if choose_branches:
        unknown = branches_by_codes(ctx.db, codes)[1] if codes is not None else []
        if unknown:
            return Reply(T.UNKNOWN_CODES.format(codes=", ".join(unknown)))
        changes["all_branches"] = codes is None
        changes["branch_codes"] = ",".join(c.upper() for c in codes) if codes else None
    check = check_due(ctx, row, due_at)
    if check.day is None or (check.past and not force):
        repo.update_deadline(ctx.db, deadline_id, **changes)
        return _not_yet(ctx, row, due_at)
    now = ctx.clock.now()
    row = repo.update_deadline(ctx.db, deadline_id, status="approved", approved_at=now, **changes)
    assert row is not None
    assignments.ensure_assignments(ctx.db, row, now, ctx.tz)
    text = approved_text(ctx, row)
    if check.past:
        text += A.APPROVED_PAST_NOTE
    elif check.day_off and check.previous:
        text += A.APPROVED_DAY_OFF_NOTE.format(
            day=f"{check.day:%d/%m/%Y}", name=check.day_off, id=row.id,
            previous=f"{check.previous:%d/%m/%Y}",
        )  # fmt: skip
    return Reply(text)


def _not_yet(ctx: Context, row: Deadline, due_at: datetime | None) -> Reply:
    """Why a proposal is not approved yet: no day, or a day already past."""
    check = check_due(ctx, row, due_at)
    if check.day is None and check.suggested is not None:
        day = f"{check.suggested:%d/%m/%Y}"
        text = A.NEEDS_DATE_SUGGESTED.format(
            id=row.id, title=row.title, period=T.period_vi(row.period or ""), day=day
        )
        button = Button(
            A.SUGGESTED_BUTTON.format(day=day), f"apsug:{row.id}:{check.suggested:%Y%m%d}"
        )
        return Reply(text, buttons=((button,),))
    if check.day is None:
        return Reply(A.NEEDS_DATE.format(id=row.id, title=row.title, example=example_day(ctx)))
    due = T.when(due_at or row.due_at or ctx.clock.now(), ctx.tz)
    text = A.PAST_REFUSED.format(
        id=row.id, title=row.title, due=due, days=check.past_days, force=A.FORCE_BUTTON
    )
    buttons = (
        (Button(A.DATE_BUTTON, f"apdate:{row.id}"), Button(A.DISCARD_BUTTON, f"apx:{row.id}")),
        (Button(A.FORCE_BUTTON, f"apok:{row.id}"),),
    )
    return Reply(text, buttons=buttons)


def approve_many(req: Request, ids: list[int]) -> Reply:
    """Approve several proposals as proposed; those needing a decision are listed apart."""
    ctx = req.ctx
    done, skipped = [], []
    for deadline_id in ids:
        row = repo.get_deadline(ctx.db, deadline_id)
        reason = _skip_reason(ctx, row, deadline_id)
        if reason:
            line = A.BULK_SKIP_LINE if row else A.BULK_SKIP_UNKNOWN
            skipped.append(
                line.format(id=deadline_id, title=row.title if row else "", reason=reason)
            )
            continue
        approve(req, deadline_id)
        approved = repo.get_deadline(ctx.db, deadline_id)
        assert approved is not None
        done.append(approved_text(ctx, approved, lead=False))
    lines = [A.BULK_DONE.format(count=len(done)), *done] if done else [A.BULK_NONE]
    if skipped:
        lines += ["", A.BULK_SKIPPED.format(count=len(skipped)), *skipped]
    return Reply("\n".join(lines))


def _skip_reason(ctx: Context, row: Deadline | None, deadline_id: int) -> str:
    """Why a bulk approval leaves this proposal to the admin ("" when it can go)."""
    if row is None:
        return A.SKIP_UNKNOWN
    if row.status != "proposed":
        return A.SKIP_SETTLED
    check = check_due(ctx, row)
    if check.day is None and check.suggested is not None:
        return A.SKIP_SUGGESTED.format(id=deadline_id, day=f"{check.suggested:%d/%m/%Y}")
    if check.day is None:
        return A.SKIP_NO_DATE.format(id=deadline_id)
    return A.SKIP_PAST.format(id=deadline_id, day=f"{check.day:%d/%m/%Y}") if check.past else ""


def discard(req: Request, deadline_id: int) -> str:
    """Discard a proposal so it is never scheduled (recorded in the audit log)."""
    row = repo.get_deadline(req.ctx.db, deadline_id)
    if row is None:
        return T.UNKNOWN_DEADLINE.format(id=deadline_id)
    if row.status == "approved":
        return settled(req.ctx, row)
    with watch_deadline(req, deadline_id):
        repo.update_deadline(req.ctx.db, deadline_id, status="discarded")
    return A.DISCARDED.format(id=deadline_id, title=row.title)


def _id_and_rest(args: str) -> tuple[int | None, str]:
    head, _, rest = args.strip().partition(" ")
    found = parse_id(head)
    return (found, rest.strip()) if found is not None else (None, args)


def _all_waiting(ctx: Context) -> list[int]:
    return [p.deadline.id for p in repo.proposals(ctx.db) if p.deadline.id is not None]


async def approve_command(req: Request) -> list[Reply]:
    """/duyet SỐ [NGÀY [GIỜ]] [chibo A1,B2] [xác nhận], /duyet 1,3,5 or /duyet tatca."""
    args = req.args.strip()
    if fold(args) in _ALL:
        return [approve_many(req, _all_waiting(req.ctx))]
    if _MANY.match(fold(args)):
        ids = _ids(args)
        return [approve_many(req, ids) if ids else Reply(A.APPROVE_USAGE)]
    deadline_id, rest = _id_and_rest(args)
    if deadline_id is None:
        return [Reply(A.APPROVE_USAGE)]
    force = bool(_CONFIRM.search(fold(rest)))
    rest = rest[: _CONFIRM.search(fold(rest)).start()] if force else rest  # type: ignore[union-attr]
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
            return [Reply(A.BRANCHES_FIXED.format(id=deadline_id, title=row.title))]
        assert due is not None
        with watch_deadline(req, deadline_id):
            return move_deadline(req.ctx, deadline_id, due)  # "Sửa ngày" after approval
    return [approve(req, deadline_id, due, codes, chose, force)]


async def discard_command(req: Request) -> list[Reply]:
    """/boqua SỐ or /boqua 1,3,5: discard proposals."""
    args = req.args.strip()
    ids = _ids(args) if _MANY.match(fold(args)) else [_id_and_rest(args)[0]]
    if None in ids or not ids:
        return [Reply(A.APPROVE_USAGE)]
    return [Reply("\n".join(discard(req, i) for i in ids if i is not None))]


async def on_text(req: Request) -> list[Reply] | None:
    """Typed without the slash: "duyệt 1,3,5", "duyệt tất cả", "bỏ qua 4"."""
    match = _TYPED.match(" ".join(fold(req.text).split()))
    if req.msg.attachment is not None or match is None:
        return None
    verb, tail = match.groups()
    if verb == "duyet" and tail in _ALL:
        return [approve_many(req, _all_waiting(req.ctx))]
    if not (_MANY.match(tail) or parse_id(tail) is not None):
        return None
    ids = _ids(tail)
    if not ids:  # numbers past any id
        return [Reply(A.APPROVE_USAGE)]
    if verb == "bo qua":
        return [Reply("\n".join(discard(req, i) for i in ids))]
    return [approve_many(req, ids) if len(ids) > 1 else approve(req, ids[0])]


def _button_id(data: str) -> int | None:
    parts = data.split(":")
    return parse_id(parts[1]) if len(parts) > 1 else None


async def on_button(req: Request) -> list[Reply]:
    """A proposal's buttons: Duyệt, Sửa ngày, Chọn chi bộ, Bỏ qua, the suggested day, force."""
    data = req.msg.callback_data or ""
    prefix = data.split(":", 1)[0]
    if prefix == "apall":
        return [approve_many(req, _bulk_ids(req.ctx, data.split(":", 1)[-1]))]
    deadline_id = _button_id(data)
    if deadline_id is None:
        return [Reply(A.APPROVE_USAGE)]
    if prefix == "ap":
        return [approve(req, deadline_id)]
    if prefix == "apok":
        return [approve(req, deadline_id, force=True)]
    if prefix == "apsug":  # a forged day is no day
        day = data.split(":")[-1]
        if not _is_day(day):
            return [Reply(A.APPROVE_USAGE)]
        return [approve(req, deadline_id, _local_due(req.ctx, day))]
    if prefix == "apx":
        return [Reply(discard(req, deadline_id))]
    if prefix == "apdate":
        return [Reply(A.ASK_DATE.format(id=deadline_id, example=example_day(req.ctx)))]
    return [branch_picker(req.ctx, deadline_id)]  # apbr


def _bulk_ids(ctx: Context, scope: str) -> list[int]:
    """apall:d12 approves document 12's proposals; apall:a40 those listed (ids up to 40)."""
    number = parse_id(scope[1:])
    if number is not None and scope[:1] in ("d", "a"):
        key = "document_id" if scope[0] == "d" else "upto"
        return [p.deadline.id for p in repo.proposals(ctx.db, **{key: number}) if p.deadline.id]
    return []
