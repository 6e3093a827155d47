"""Confirmations: «đã nộp» by reply, button, file, bare text, list number or report name; undo.

A typed number picks from the latest list shown in that chat (kept in the database with
the sent message, so any process serving the office reads the same list); a list older
than PICK_WINDOW is not used, and a fresh one is shown instead.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from core.messages import Button, Reply
from handlers import confirm_texts as C
from handlers import deadline_texts as T
from handlers.audit_watch import watch_assignment
from handlers.confirm_words import is_ack, is_roi, is_undo, match_titles, parse_done
from handlers.context import Request
from handlers.ids import parse_id
from storage.repos import assignments
from storage.repos import deadlines as repo
from storage.repos.assignments import AssignmentView
from storage.repos.members import branch_chats
from storage.repos.messages import ref_of_message

# A list is used for typed numbers during the working day it was shown (the morning
# message at 08:00 is answered in the afternoon); the next day it may no longer be the
# list in view, so its numbers are refused and a fresh list is shown.
PICK_WINDOW = timedelta(hours=10)
LABEL_CHARS = 48  # a button label Telegram shows whole on a phone


def confirm(req: Request, assignment_id: int, via: str) -> list[Reply]:
    """Mark one assignment of the caller's branch submitted (or late) and say so with the date."""
    view = assignments.assignment_view(req.ctx.db, assignment_id)
    if view is None or view.deadline_status != "approved":
        return [Reply(C.UNKNOWN_ASSIGNMENT)]
    assert req.caller is not None
    if view.branch_id != req.caller.branch_id and not req.caller.is_admin:
        return [Reply(C.NOT_YOURS)]
    title = T.with_period(view.deadline_title, view.period)
    if view.state == "exempt":
        return [Reply(C.ALREADY_EXEMPT.format(branch=view.branch_name, title=title))]
    now = req.ctx.clock.now()
    with watch_assignment(req, assignment_id):
        changed = assignments.submit(req.ctx.db, assignment_id, req.caller.member_id, now, via)
    view = assignments.assignment_view(req.ctx.db, assignment_id) or view
    at = T.when(view.submitted_at or now, req.ctx.tz)
    if not changed:  # pressed twice, or another member of the branch was quicker
        state = f", {T.STATE_VI[view.state]}" if view.state in ("submitted", "late") else ""
        done = C.ALREADY_DONE.format(title=title, branch=view.branch_name, at=at, state=state)
        return [Reply(done)]
    state = T.STATE_VI[view.state]
    if view.state == "late":
        state += C.CONFIRMED_LATE_NOTE.format(due=T.when(view.due_at, req.ctx.tz))
    text = C.CONFIRMED.format(branch=view.branch_name, title=title, at=at, state=state)
    reply = Reply(
        f"{text}\n{C.UNDO_HINT}",
        buttons=((Button(C.UNDO_BUTTON, f"undo:{assignment_id}"),),),
        ref=f"assignment:{assignment_id}",
        kind="confirmation",
    )
    if view.branch_id == req.caller.branch_id:
        return [reply]
    told = C.RECORDED_FOR_BRANCH.format(branch=view.branch_name, title=title, at=at, state=state)
    return [reply, *_tell_branch(req, view, told)]


def _tell_branch(req: Request, view: AssignmentView, text: str) -> list[Reply]:
    """The office acted for a branch (a report that came on paper): its chats are told."""
    chats = branch_chats(req.ctx.db, view.branch_id)
    return [Reply(text, to=chat, kind="notice") for chat in chats if chat != req.msg.chat]


def undo(req: Request, assignment_id: int | None) -> list[Reply]:
    """Put a submission back to pending within 24 hours (the latest one when no id is given)."""
    caller = req.caller
    assert caller is not None
    now = req.ctx.clock.now()
    if assignment_id is None and caller.branch_id is not None:
        assignment_id = assignments.latest_submission(req.ctx.db, caller.branch_id, now)
    if assignment_id is None:
        return [Reply(C.UNDO_NOTHING)]
    view = assignments.assignment_view(req.ctx.db, assignment_id)
    if view is None or (view.branch_id != caller.branch_id and not caller.is_admin):
        return [Reply(C.NOT_YOURS if view else C.UNKNOWN_ASSIGNMENT)]
    if view.state not in ("submitted", "late"):
        return [Reply(C.UNDO_NOTHING)]
    with watch_assignment(req, assignment_id):
        undone = assignments.undo(req.ctx.db, assignment_id, now)
    if not undone:
        return [Reply(C.UNDO_TOO_LATE)]
    title = T.with_period(view.deadline_title, view.period)
    reply = Reply(C.UNDONE.format(title=title, branch=view.branch_name))
    if view.branch_id == caller.branch_id:
        return [reply]
    told = C.UNDONE_FOR_BRANCH.format(title=title, branch=view.branch_name)
    return [reply, *_tell_branch(req, view, told)]


def _open_items(req: Request) -> list[AssignmentView]:
    assert req.caller is not None
    return assignments.assignment_views(
        req.ctx.db, branch_id=req.caller.branch_id, states=["pending"]
    )


def _branch(req: Request) -> str:
    assert req.caller is not None
    return req.caller.branch_name or req.caller.branch_code or ""


def pick_list(req: Request, items: list[AssignmentView], header: str = "") -> Reply:
    """A numbered list of open items with a button each (typed: «đã nộp 2»)."""
    tz = req.ctx.tz
    lines = [header or C.PICK_HEADER.format(branch=items[0].branch_name, count=len(items))]
    for n, view in enumerate(items, 1):
        title = T.with_period(view.deadline_title, view.period)
        lines.append(C.PICK_LINE.format(n=n, title=title, due=T.day(view.due_at, tz)))
    lines.append(C.PICK_FOOTER)
    buttons = tuple(
        (Button(T.short(f"{n}. {T.with_period(v.deadline_title, v.period)}", LABEL_CHARS),
                f"done:{v.assignment_id}"),)
        for n, v in enumerate(items, 1)
    )  # fmt: skip
    ref = "pick:" + ",".join(str(v.assignment_id) for v in items)
    return Reply("\n".join(lines), buttons=buttons, ref=ref, kind="pick")


def _picked(req: Request, number: int, replied_ref: str | None) -> list[Reply]:
    """Item `number` of the list this message answers, or of the latest list in this chat."""
    shown_at: datetime | None = None
    ref = replied_ref if replied_ref and replied_ref.startswith("pick:") else None
    if ref is None:
        latest = repo.latest_list(req.ctx.db, req.msg.channel, req.msg.chat_id, "pick:")
        if latest is None:
            return [Reply(C.PICK_NONE.format(n=number))]
        ref, shown_at = latest
    if shown_at is not None and shown_at < req.ctx.clock.now() - PICK_WINDOW:
        stale = Reply(C.PICK_STALE.format(n=number, at=T.when(shown_at, req.ctx.tz)))
        items = _open_items(req)
        fresh = (
            pick_list(req, items) if items else Reply(C.NOTHING_PENDING.format(branch=_branch(req)))
        )
        return [stale, fresh]
    ids = [int(x) for x in ref.removeprefix("pick:").split(",") if x.isdigit()]
    if not 1 <= number <= len(ids):
        return [Reply(C.PICK_BAD.format(n=number))]
    return confirm(req, ids[number - 1], "text")


def _by_title(req: Request, query: str) -> list[Reply]:
    """«đã nộp báo cáo nhanh»: the open item whose title the words name."""
    items = _open_items(req)
    titles = [f"{v.deadline_title} {T.period_vi(v.period)}" for v in items]
    found = match_titles(query, titles)
    if len(found) == 1:
        return confirm(req, items[found[0]].assignment_id, "text")
    if found:
        header = C.PICK_HEADER_MATCHES.format(count=len(found), query=query)
        return [pick_list(req, [items[i] for i in sorted(found)], header)]  # by due date
    if not items:
        return [Reply(C.NO_MATCH_EMPTY.format(query=query, branch=_branch(req)))]
    header = C.NO_MATCH.format(query=query, branch=_branch(req))
    return [pick_list(req, items, header)]


def _ref_id(ref: str | None, kind: str) -> int | None:
    if ref and ref.startswith(kind + ":") and ref.split(":", 1)[1].isdigit():
        return int(ref.split(":", 1)[1])
    return None


async def on_text(req: Request) -> list[Reply] | None:
    """The text route: confirmations, undo, a picked number, «rồi»; None for anything else."""
    if req.caller is None:
        return None
    msg = req.msg
    ref = None
    if msg.reply_to_message_id:
        ref = ref_of_message(req.ctx.db, msg.channel, msg.chat_id, msg.reply_to_message_id)
    replied = _ref_id(ref, "assignment")
    if msg.attachment is not None:
        return (
            confirm(req, replied, "file") if replied is not None and req.caller.branch_id else None
        )
    if is_ack(req.text) or (is_roi(req.text) and replied is None and req.caller.branch_id is None):
        return [Reply(C.ACK)]
    if req.caller.branch_id is None:
        return _on_behalf(req, replied) if req.caller.is_admin else None
    if is_undo(req.text):
        return undo(req, replied)
    if is_roi(req.text):
        if replied is not None:
            return confirm(req, replied, "reply")
        return _from_list(req, ref) if _is_list(ref) else _acknowledged(req)
    if req.text.isascii() and req.text.isdigit() and len(req.text) <= 2:
        return _picked(req, int(req.text), ref)
    return _on_done(req, ref, replied)


def _on_done(req: Request, ref: str | None, replied: int | None) -> list[Reply] | None:
    done = parse_done(req.text)
    if done is None:
        return None
    if replied is not None:  # an explicit reply to a reminder names its item
        return confirm(req, replied, "reply")
    if done.number is not None:
        return _picked(req, done.number, ref)
    if done.title:
        return _by_title(req, done.title)
    return _from_list(req, ref) if _is_list(ref) else _bare_done(req)


def _is_list(ref: str | None) -> bool:
    return bool(ref and ref.startswith("pick:"))


def _from_list(req: Request, ref: str | None) -> list[Reply]:
    """«đã nộp» in reply to a list (the morning message): which of its items still open."""
    ids = [int(x) for x in (ref or "").removeprefix("pick:").split(",") if x.isdigit()]
    items = [v for v in _open_items(req) if v.assignment_id in ids]
    if len(items) == 1:
        return confirm(req, items[0].assignment_id, "reply")
    if not items:
        return [Reply(C.NOTHING_PENDING.format(branch=_branch(req)))]
    return [pick_list(req, sorted(items, key=lambda v: ids.index(v.assignment_id)))]


def _acknowledged(req: Request) -> list[Reply]:
    """«rồi» in reply to nothing: which item, if any is open (never a document question)."""
    items = _open_items(req)
    if not items:
        return [Reply(C.ACK_NOTHING.format(branch=_branch(req)))]
    return [pick_list(req, items, C.PICK_HEADER_ACK.format(branch=_branch(req), count=len(items)))]


def _on_behalf(req: Request, replied: int | None) -> list[Reply] | None:
    """An admin answering an overdue notice «đã nộp» (a report that came on paper) or «hủy»."""
    if replied is None:
        return None
    if is_undo(req.text):
        return undo(req, replied)
    done = is_roi(req.text) or parse_done(req.text) is not None
    return confirm(req, replied, "admin") if done else None


def _bare_done(req: Request) -> list[Reply]:
    """«đã nộp» in reply to nothing: the only open item, or a list to pick from."""
    items = _open_items(req)
    if not items:
        return [Reply(C.NOTHING_PENDING.format(branch=_branch(req)))]
    if len(items) == 1:
        return confirm(req, items[0].assignment_id, "text")
    return [pick_list(req, items)]


async def on_button(req: Request) -> list[Reply]:
    """The «Đã nộp» (done:ID) and «Hoàn tác» (undo:ID) buttons."""
    prefix, _, tail = (req.msg.callback_data or "").partition(":")
    if req.caller is None or (req.caller.branch_id is None and not req.caller.is_admin):
        return [Reply(C.NO_BRANCH)]
    assignment_id = parse_id(tail)
    if assignment_id is None:
        return [Reply(C.UNKNOWN_ASSIGNMENT)]
    if prefix == "undo":
        return undo(req, assignment_id)
    return confirm(req, assignment_id, "button")
