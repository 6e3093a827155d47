"""Confirmations: «đã nộp» by reply, button, file or bare text (with a pick list); undo."""

from __future__ import annotations

import re
from datetime import timedelta

from rapidfuzz import fuzz

from core.messages import Button, Reply
from handlers import deadline_texts as T
from handlers.audit_watch import watch_assignment
from handlers.context import Request
from handlers.ids import parse_id
from knowledge.vi.textnorm import fold
from storage.repos import assignments
from storage.repos import deadlines as repo
from storage.repos.assignments import AssignmentView
from storage.repos.members import branch_chats
from storage.repos.messages import ref_of_message

# Folded phrases that mean "we sent it"; matched fuzzily after dropping polite fillers.
DONE_PHRASES = (
    "da nop", "nop roi", "da nop roi", "da nop xong", "nop xong", "da gui", "gui roi",
    "da gui roi", "gui xong", "xong", "xong roi", "da xong", "da nop bao cao",
    "da gui bao cao", "da bao cao", "bao cao roi", "da hoan thanh", "hoan thanh", "done",
)  # fmt: skip
UNDO_PHRASES = ("huy", "huy bo", "hoan tac", "huy xac nhan", "undo")
# "chưa nộp", "không gửi được", "đã nộp chưa?" must never count as a confirmation.
_NEGATIONS = {"chua", "khong", "ko", "k", "chang", "khg"}
_FILLERS = {"em", "toi", "minh", "anh", "chi", "bo", "a", "nhe", "nha", "oi", "vang", "ok", "oke"}
_ABBREVIATIONS = {"r": "roi", "dc": "duoc", "bc": "bao cao"}
_WORD_MATCH = 75
_JOINED_MATCH = 90
_MAX_WORDS = 8
PICK_WINDOW = timedelta(hours=1)


def _core(text: str) -> tuple[str, int | None] | None:
    """The folded words without fillers and a trailing list number; None for a question."""
    if "?" in text:
        return None
    words = [_ABBREVIATIONS.get(w, w) for w in re.findall(r"[0-9a-z]+", fold(text))]
    if not words or len(words) > _MAX_WORDS or _NEGATIONS & set(words):
        return None
    number = int(words.pop()) if words[-1].isdigit() and len(words) > 1 else None
    core = " ".join(w for w in words if w not in _FILLERS)
    return core, number


def _matches(core: str, phrases: tuple[str, ...]) -> bool:
    """Word by word (a typo per word is fine, "hạn nộp" is not "đã nộp"), or run together."""
    words = core.split()
    for phrase in phrases:
        expected = phrase.split()
        if len(words) == len(expected) and all(
            fuzz.ratio(a, b) >= _WORD_MATCH for a, b in zip(words, expected, strict=True)
        ):
            return True
        if fuzz.ratio(core.replace(" ", ""), phrase.replace(" ", "")) >= _JOINED_MATCH:
            return True
    return False


def parse_done(text: str) -> tuple[bool, int | None]:
    """Whether a message says "submitted", and the list number typed after it ("đã nộp 2")."""
    parsed = _core(text)
    if parsed is None or not _matches(parsed[0], DONE_PHRASES):
        return False, None
    return True, parsed[1]


def is_undo(text: str) -> bool:
    """Whether a message asks to undo the last confirmation ("hủy", "hoàn tác")."""
    parsed = _core(text)
    return parsed is not None and parsed[1] is None and _matches(parsed[0], UNDO_PHRASES)


def confirm(req: Request, assignment_id: int, via: str) -> list[Reply]:
    """Mark one assignment of the caller's branch submitted (or late) and say so with the date."""
    view = assignments.assignment_view(req.ctx.db, assignment_id)
    if view is None or view.deadline_status != "approved":
        return [Reply(T.UNKNOWN_ASSIGNMENT)]
    assert req.caller is not None
    if view.branch_id != req.caller.branch_id and not req.caller.is_admin:
        return [Reply(T.NOT_YOURS)]
    title = T.with_period(view.deadline_title, view.period)
    if view.state == "exempt":
        return [Reply(T.ALREADY_EXEMPT.format(branch=view.branch_name, title=title))]
    now = req.ctx.clock.now()
    with watch_assignment(req, assignment_id):
        changed = assignments.submit(req.ctx.db, assignment_id, req.caller.member_id, now, via)
    view = assignments.assignment_view(req.ctx.db, assignment_id) or view
    at = T.when(view.submitted_at or now, req.ctx.tz)
    if not changed:  # pressed twice, or another member of the branch was quicker
        return [Reply(T.ALREADY_DONE.format(title=title, branch=view.branch_name, at=at))]
    state = T.STATE_VI[view.state]
    if view.state == "late":
        state += T.CONFIRMED_LATE_NOTE.format(due=T.when(view.due_at, req.ctx.tz))
    text = T.CONFIRMED.format(branch=view.branch_name, title=title, at=at, state=state)
    reply = Reply(
        f"{text}\n{T.UNDO_HINT}",
        buttons=((Button(T.UNDO_BUTTON, f"undo:{assignment_id}"),),),
        ref=f"assignment:{assignment_id}",
        kind="confirmation",
    )
    if view.branch_id == req.caller.branch_id:
        return [reply]
    told = T.RECORDED_FOR_BRANCH.format(branch=view.branch_name, title=title, at=at, state=state)
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
        return [Reply(T.UNDO_NOTHING)]
    view = assignments.assignment_view(req.ctx.db, assignment_id)
    if view is None or (view.branch_id != caller.branch_id and not caller.is_admin):
        return [Reply(T.NOT_YOURS if view else T.UNKNOWN_ASSIGNMENT)]
    if view.state not in ("submitted", "late"):
        return [Reply(T.UNDO_NOTHING)]
    with watch_assignment(req, assignment_id):
        undone = assignments.undo(req.ctx.db, assignment_id, now)
    if not undone:
        return [Reply(T.UNDO_TOO_LATE)]
    title = T.with_period(view.deadline_title, view.period)
    reply = Reply(T.UNDONE.format(title=title, branch=view.branch_name))
    if view.branch_id == caller.branch_id:
        return [reply]
    told = T.UNDONE_FOR_BRANCH.format(title=title, branch=view.branch_name)
    return [reply, *_tell_branch(req, view, told)]


def _open_items(req: Request) -> list[AssignmentView]:
    assert req.caller is not None
    return assignments.assignment_views(
        req.ctx.db, branch_id=req.caller.branch_id, states=["pending"]
    )


def pick_list(req: Request, items: list[AssignmentView]) -> list[Reply]:
    """Several open items: a numbered list with a button each (typed: «đã nộp 2»)."""
    tz = req.ctx.tz
    branch = items[0].branch_name
    lines = [T.PICK_HEADER.format(branch=branch, count=len(items))]
    for n, view in enumerate(items, 1):
        title = T.with_period(view.deadline_title, view.period)
        lines.append(T.PICK_LINE.format(n=n, title=title, due=T.day(view.due_at, tz)))
    lines.append(T.PICK_FOOTER)
    buttons = tuple(
        (
            Button(
                f"{n}. {T.with_period(v.deadline_title, v.period)}"[:60], f"done:{v.assignment_id}"
            ),
        )
        for n, v in enumerate(items, 1)
    )
    ref = "pick:" + ",".join(str(v.assignment_id) for v in items)
    return [Reply("\n".join(lines), buttons=buttons, ref=ref, kind="pick")]


def _picked(req: Request, number: int, pick_ref: str | None) -> list[Reply]:
    """Item `number` of the list last shown in this chat (or of the current open items)."""
    if pick_ref:
        ids = [int(x) for x in pick_ref.removeprefix("pick:").split(",") if x.isdigit()]
    else:
        ids = [v.assignment_id for v in _open_items(req)]
    if not 1 <= number <= len(ids):
        return [Reply(T.PICK_BAD.format(n=number))]
    return confirm(req, ids[number - 1], "text")


def _last_pick(req: Request) -> str | None:
    since = req.ctx.clock.now() - PICK_WINDOW
    return repo.latest_ref(req.ctx.db, req.msg.channel, req.msg.chat_id, "pick:", since)


def _ref_id(ref: str | None, kind: str) -> int | None:
    if ref and ref.startswith(kind + ":") and ref.split(":", 1)[1].isdigit():
        return int(ref.split(":", 1)[1])
    return None


async def on_text(req: Request) -> list[Reply] | None:
    """The text route: confirmations, undo, a number picked from the list; None otherwise."""
    if req.caller is None:
        return None
    msg = req.msg
    ref = None
    if msg.reply_to_message_id:
        ref = ref_of_message(req.ctx.db, msg.channel, msg.chat_id, msg.reply_to_message_id)
    replied = _ref_id(ref, "assignment")
    if req.caller.branch_id is None:
        return _on_behalf(req, replied) if req.caller.is_admin else None
    if msg.attachment is not None:
        return confirm(req, replied, "file") if replied is not None else None
    if is_undo(req.text):
        return undo(req, replied)
    if req.text.isdigit() and len(req.text) <= 2:
        pick = ref if ref and ref.startswith("pick:") else _last_pick(req)
        return _picked(req, int(req.text), pick) if pick else None
    done, number = parse_done(req.text)
    if not done:
        return None
    if replied is not None:
        return confirm(req, replied, "reply")
    if number is not None:
        return _picked(req, number, ref if ref and ref.startswith("pick:") else _last_pick(req))
    return _bare_done(req)


def _on_behalf(req: Request, replied: int | None) -> list[Reply] | None:
    """An admin answering an overdue notice «đã nộp» (a report that came on paper) or «hủy»."""
    if replied is None:
        return None
    if is_undo(req.text):
        return undo(req, replied)
    return confirm(req, replied, "admin") if parse_done(req.text)[0] else None


def _bare_done(req: Request) -> list[Reply]:
    """«đã nộp» in reply to nothing: the only open item, or a list to pick from."""
    items = _open_items(req)
    if not items:
        assert req.caller is not None
        branch = req.caller.branch_name or req.caller.branch_code or ""
        return [Reply(T.NOTHING_PENDING.format(branch=branch))]
    if len(items) == 1:
        return confirm(req, items[0].assignment_id, "text")
    return pick_list(req, items)


async def on_button(req: Request) -> list[Reply]:
    """The «Đã nộp» (done:ID) and «Hoàn tác» (undo:ID) buttons."""
    prefix, _, tail = (req.msg.callback_data or "").partition(":")
    if req.caller is None or (req.caller.branch_id is None and not req.caller.is_admin):
        return [Reply(T.NO_BRANCH)]
    assignment_id = parse_id(tail)
    if assignment_id is None:
        return [Reply(T.UNKNOWN_ASSIGNMENT)]
    if prefix == "undo":
        return undo(req, assignment_id)
    return confirm(req, assignment_id, "button")
