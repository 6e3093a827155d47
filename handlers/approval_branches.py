"""Choosing the branches of a proposal before approving it: a toggle button per branch."""

from __future__ import annotations

from core.messages import Button, Reply
from handlers import approval_texts as A
from handlers import deadline_texts as T
from handlers.context import Context, Request
from handlers.ids import parse_id
from handlers.proposal_dates import example_day
from storage.models.org import Deadline
from storage.repos import deadlines as repo
from storage.repos.org import branches_by_codes, list_branches


def settled(ctx: Context, row: Deadline) -> str:
    """Why an approved or discarded deadline can no longer be approved as proposed."""
    if row.status == "approved":
        return A.ALREADY_APPROVED.format(id=row.id, title=row.title, example=example_day(ctx))
    return A.ALREADY_DISCARDED.format(id=row.id, title=row.title)


def branch_picker(ctx: Context, deadline_id: int) -> Reply:
    """The branch list of a proposal with a toggle button per branch (typed: /duyet ID chibo)."""
    row = repo.get_deadline(ctx.db, deadline_id)
    if row is None:
        return Reply(T.UNKNOWN_DEADLINE.format(id=deadline_id))
    chosen = set() if row.all_branches else set((row.branch_codes or "").split(","))
    branches = list_branches(ctx.db)
    lines = [f"• {b.code} — {b.name}" for b in branches]
    text = A.ASK_BRANCHES.format(id=deadline_id, branches="\n".join(lines)).rstrip()
    text += "\n" + A.CHOSEN.format(branches=", ".join(sorted(chosen)) or T.ALL_BRANCHES)
    buttons: list[tuple[Button, ...]] = [
        (Button(("✓ " if b.code in chosen else "") + b.code, f"apb:{deadline_id}:{b.code}"),)
        for b in branches
    ]
    buttons.append(
        (
            Button(T.ALL_BRANCHES.capitalize(), f"apb:{deadline_id}:*"),
            Button(A.APPROVE_BUTTON, f"ap:{deadline_id}"),
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
        return [Reply(settled(req.ctx, row))]
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
