"""Recording a change by watching it: the state before, the state after, the action named
from the difference. A handler wraps the call that changes a deadline or an assignment:

    with watch_deadline(req, deadline_id):
        text = approve(req.ctx, deadline_id, due)

and nothing is recorded when nothing changed (a refusal, a second press). The entry is
written right after the change, in its own transaction: the handlers' repositories each
commit on their own, so one shared transaction is not available to them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from handlers.audit import note
from handlers.context import Request
from storage.repos import assignments
from storage.repos import deadlines as deadline_repo

Snapshot = dict[str, Any] | None
# Shown after a change besides what changed, so a line of the log reads on its own.
DEADLINE_CONTEXT = ("title", "due")
ASSIGNMENT_CONTEXT = ("due", "period")


def deadline_snapshot(req: Request, deadline_id: int) -> Snapshot:
    """What the log keeps of a deadline: status, due instant, branches, title, and of its
    assignments the due instants still open and the branches exempted."""
    row = deadline_repo.get_deadline(req.ctx.db, deadline_id)
    if row is None:
        return None
    views = assignments.assignment_views(req.ctx.db, deadline_id=deadline_id)
    due = _iso(req, row.due_at)
    dues = sorted(
        {v.due_at.astimezone(req.ctx.tz).isoformat() for v in views if v.state == "pending"}
    )
    return {
        "title": row.title,
        "status": row.status,
        "due": due,
        "branches": "all" if row.all_branches else (row.branch_codes or ""),
        # Only where they differ from the deadline's own date (a period moved alone).
        "open_dues": dues if dues not in ([], [due]) else None,
        "exempt": sorted(v.branch_code for v in views if v.state == "exempt"),
    }


def _iso(req: Request, instant: datetime | None) -> str | None:
    return instant.astimezone(req.ctx.tz).isoformat() if instant else None


def assignment_snapshot(req: Request, assignment_id: int) -> Snapshot:
    """What the log keeps of one branch's assignment: state, submission, due instant."""
    view = assignments.assignment_view(req.ctx.db, assignment_id)
    if view is None:
        return None
    return {
        "state": view.state,
        "submitted_at": _iso(req, view.submitted_at),
        "due": _iso(req, view.due_at),
        "period": view.period or None,
        "target": f"deadline:{view.deadline_id}/{view.branch_code}",
    }


def deadline_action(before: dict[str, Any], after: dict[str, Any]) -> str:
    """approved, discarded, exempted, date_changed, or deadline_changed (branches, title)."""
    if before["status"] != after["status"]:
        return {"approved": "approved", "discarded": "discarded"}.get(
            after["status"], "deadline_changed"
        )
    if set(after["exempt"]) - set(before["exempt"]):
        return "exempted"
    if (before["due"], before["open_dues"]) != (after["due"], after["open_dues"]):
        return "date_changed"
    return "deadline_changed"


def assignment_action(before: dict[str, Any], after: dict[str, Any]) -> str:
    """confirmed, undone, exempted, date_changed or assignment_changed."""
    done = ("submitted", "late")
    if after["state"] in done and before["state"] not in done:
        return "confirmed"
    if before["state"] in done and after["state"] not in done:
        return "undone"
    if after["state"] == "exempt" and before["state"] != "exempt":
        return "exempted"
    return "date_changed" if before["due"] != after["due"] else "assignment_changed"


@contextmanager
def watch_deadline(req: Request, deadline_id: int) -> Iterator[None]:
    """Record what the block changes in a deadline (nothing if nothing changed)."""
    target = f"deadline:{deadline_id}"
    with _watch(req, target, deadline_action, deadline_snapshot, deadline_id, DEADLINE_CONTEXT):
        yield


@contextmanager
def watch_assignment(req: Request, assignment_id: int) -> Iterator[None]:
    """Record what the block changes in one branch's assignment."""
    snap = assignment_snapshot
    target = (snap(req, assignment_id) or {}).get("target", f"assignment:{assignment_id}")
    with _watch(req, target, assignment_action, snap, assignment_id, ASSIGNMENT_CONTEXT):
        yield


@contextmanager
def _watch(
    req: Request,
    target: str,
    action: Callable[[dict[str, Any], dict[str, Any]], str],
    snapshot: Callable[[Request, int], Snapshot],
    row_id: int,
    context: tuple[str, ...],
) -> Iterator[None]:
    before = snapshot(req, row_id)
    yield
    after = snapshot(req, row_id)
    if before is None or after is None or before == after:
        return
    changed = [key for key, value in before.items() if after.get(key) != value]
    old = {key: before[key] for key in changed}
    new = {key: after[key] for key in after if key in changed or key in context}
    note(req, action(before, after), target, before=old, after=new)
