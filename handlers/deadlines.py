"""Deadline commands for secretaries (/viec) and admins (/tinhhinh, /hanmoi, /doihan, /mien)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, time, tzinfo

from core.messages import Button, Reply
from handlers import deadline_texts as T
from handlers.audit import note
from handlers.audit_watch import deadline_snapshot, watch_deadline
from handlers.context import Context, Request
from handlers.ids import parse_id
from handlers.quota import zalo_quota_line
from handlers.reminders.plan import replan
from handlers.status import deadline_status, find_deadlines, overview
from knowledge.vi.textnorm import fold, normalize
from storage.models.org import Deadline
from storage.repos import assignments
from storage.repos import deadlines as repo
from storage.repos.assignments import AssignmentView, Moved
from storage.repos.members import branch_by_code, branch_chats
from storage.repos.org import branches_by_codes

# A date given without a time of day means 17:00 local: the end of office hours,
# which is when reports "before the 10th" are actually collected.
DEFAULT_DUE_TIME = time(17, 0)
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2}))?$")
_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{4}))?(?:\s+(\d{1,2})(?:[:h](\d{2})?)?)?$")
_DUE_PREFIX = re.compile(
    r"^\s*(\d{4}-\d{1,2}-\d{1,2}(?:[T ]\d{1,2}:\d{2})?|\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{4})?"
    r"(?:\s+\d{1,2}[:h]\d{2})?)(?:\s+|$)"
)
_BRANCHES = re.compile(r"\bchi\s*bo\s+([A-Za-z0-9_,\s-]+)$")
_RECURRENCE_WORDS = {
    "hang thang": "monthly",
    "hang quy": "quarterly",
    "hang nam": "yearly",
    "6 thang mot lan": "half-yearly",
}


def parse_due(text: str, tz: tzinfo, now: datetime) -> datetime | None:
    """A due instant (aware UTC) from '2024-05-10[T16:00]' or '10/5[/2024] [16:00]'."""
    text = text.strip()
    iso, dmy = _ISO.match(text), _DMY.match(text)
    if iso:
        year, month, day_, hour, minute = iso.groups()
    elif dmy:
        day_, month, year, hour, minute = dmy.groups()
        year = year or str(now.astimezone(tz).year)
    else:
        return None
    at = time(int(hour), int(minute or 0)) if hour else DEFAULT_DUE_TIME
    try:
        local = datetime(int(year), int(month), int(day_), at.hour, at.minute, tzinfo=tz)
    except ValueError:
        return None
    return local.astimezone(UTC)


def split_due(args: str, tz: tzinfo, now: datetime) -> tuple[datetime | None, str]:
    """A leading date (and time) of the arguments, and the rest."""
    match = _DUE_PREFIX.match(args)
    if not match:
        return None, args.strip()
    return parse_due(match.group(1), tz, now), args[match.end() :].strip()


def split_branches(text: str) -> tuple[str, list[str] | None]:
    """Cut a trailing 'chibo A1,B2' (None: all branches; 'tatca' also means all)."""
    text = normalize(text)  # fold keeps the length of normalised text, so indexes carry over
    match = _BRANCHES.search(fold(text))
    if not match:
        return text.strip(), None
    codes = [c for c in re.split(r"[,\s]+", match.group(1).upper()) if c]
    rest = text[: match.start()].strip()
    return rest, None if codes in (["TATCA"], ["ALL"]) else codes


def split_recurrence(text: str) -> tuple[str, str | None]:
    """Cut a trailing cadence ('hằng tháng', 'hàng quý', ...)."""
    text = normalize(text)
    folded = fold(text)
    for words, recurrence in _RECURRENCE_WORDS.items():
        if folded.endswith(words):
            return text[: len(text) - len(words)].strip(), recurrence
    return text.strip(), None


@dataclass
class Created:
    """A deadline made approved, with how many assignments it got; or the unknown codes."""

    deadline: Deadline | None
    assignments: int = 0
    unknown_codes: list[str] | None = None


def create_approved(
    ctx: Context,
    title: str,
    due_at: datetime,
    codes: list[str] | None = None,
    recurrence: str | None = None,
    document_id: int | None = None,
) -> Created:
    """Create an approved deadline and its assignments (one per branch x period)."""
    if codes is not None:
        _, unknown = branches_by_codes(ctx.db, codes)
        if unknown:
            return Created(None, 0, unknown)
    now = ctx.clock.now()
    deadline = repo.add_deadline(
        ctx.db,
        Deadline(
            document_id=document_id,
            title=title,
            due_at=due_at,
            recurrence=recurrence,
            status="approved",
            all_branches=codes is None,
            branch_codes=",".join(c.upper() for c in codes) if codes else None,
            created_at=now,
            approved_at=now,
        ),
    )
    return Created(deadline, assignments.ensure_assignments(ctx.db, deadline, now, ctx.tz))


async def tasks_command(req: Request) -> list[Reply]:
    """/viec: the caller's branch's open items, overdue first, numbered for «đã nộp N»."""
    caller = req.caller
    if caller is None or caller.branch_id is None:
        return [Reply(T.TASKS_NO_BRANCH)]
    now, tz = req.ctx.clock.now(), req.ctx.tz
    views = assignments.assignment_views(req.ctx.db, branch_id=caller.branch_id, states=["pending"])
    branch = caller.branch_name or caller.branch_code or ""
    if not views:
        return [Reply(T.TASKS_EMPTY.format(branch=branch))]
    lines = [T.TASKS_HEADER.format(branch=branch)]
    numbered = list(enumerate(views, 1))  # by due instant, so the overdue ones come first
    for label, overdue in ((T.TASKS_OVERDUE, True), (T.TASKS_UPCOMING, False)):
        group = [(n, v) for n, v in numbered if (v.effective(now) == "overdue") == overdue]
        if group:
            lines += ["", label] + [_task_line(n, v, now, tz) for n, v in group]
    lines += ["", T.TASKS_FOOTER]
    # The ref makes «đã nộp 2» pick exactly the item numbered 2 here (handlers.confirm).
    ref = "pick:" + ",".join(str(v.assignment_id) for v in views)
    return [Reply("\n".join(lines), ref=ref, kind="pick")]


def _task_line(n: int, view: AssignmentView, now: datetime, tz: tzinfo) -> str:
    title = T.with_period(view.deadline_title, view.period)
    return T.TASKS_LINE.format(
        n=n, title=title, due=T.when(view.due_at, tz), left=T.days_left(view.due_at, now, tz)
    )


async def new_deadline_command(req: Request) -> list[Reply]:
    """/hanmoi DATE Title [chibo A1,B2] [hằng tháng]: an admin adds a manual deadline."""
    due, rest = split_due(req.args, req.ctx.tz, req.ctx.clock.now())
    # "chibo A1" and "hằng quý" may come in either order at the end.
    # The cadence is cut first: the branch codes pattern would swallow "A1 hằng tháng".
    rest, recurrence = split_recurrence(rest)
    title, codes = split_branches(rest)
    if recurrence is None:
        title, recurrence = split_recurrence(title)
    if due is None or not title:
        return [Reply(T.NEW_USAGE)]
    made = create_approved(req.ctx, title, due, codes, recurrence)
    if made.deadline is None:
        return [Reply(T.UNKNOWN_CODES.format(codes=", ".join(made.unknown_codes or [])))]
    added = made.deadline.id or 0
    note(req, "deadline_added", f"deadline:{added}", after=deadline_snapshot(req, added))
    return [Reply(approved_text(req.ctx, made.deadline))]


def approved_text(ctx: Context, deadline: Deadline, lead: bool = True) -> str:
    """'Đã duyệt #3 “...”, hạn ...: giao cho 5 chi bộ, 8 kỳ.' (plus a note if no branches);
    without the lead words for a line of a bulk approval."""
    assert deadline.id is not None and deadline.due_at is not None
    views = assignments.assignment_views(ctx.db, deadline_id=deadline.id)
    branches = len({v.branch_id for v in views})
    periods = len({v.period for v in views})
    cadence = T.RECURRENCE_VI.get(deadline.recurrence or "", "")
    text = (T.APPROVED if lead else T.APPROVED_LINE).format(
        id=deadline.id,
        title=deadline.title,
        due=T.when(deadline.due_at, ctx.tz),
        recurrence=f", {cadence}" if cadence else "",
        branches=branches,
        periods=T.APPROVED_PERIODS.format(count=periods) if periods > 1 else "",
    )
    return text + (T.APPROVED_NO_BRANCHES if not views else "")


async def exempt_command(req: Request) -> list[Reply]:
    """/mien DEADLINE_ID CODE: an admin exempts a branch from a deadline."""
    parts = req.args.split()
    deadline_id = parse_id(parts[0]) if len(parts) == 2 else None
    if deadline_id is None:
        return [Reply(T.EXEMPT_USAGE)]
    deadline = repo.get_deadline(req.ctx.db, deadline_id)
    branch = branch_by_code(req.ctx.db, parts[1])
    if deadline is None:
        return [Reply(T.UNKNOWN_DEADLINE.format(id=deadline_id))]
    if branch is None or branch.id is None:
        return [Reply(T.UNKNOWN_CODES.format(codes=parts[1].upper()))]
    with watch_deadline(req, deadline_id):
        exempted = assignments.set_exempt(req.ctx.db, deadline_id, branch.id)
    if not exempted:
        return [Reply(T.EXEMPT_NOTHING.format(branch=branch.name, id=deadline_id))]
    return [Reply(T.EXEMPTED.format(title=deadline.title, branch=branch.name))]


def move_deadline(ctx: Context, deadline_id: int, due_at: datetime) -> list[Reply]:
    """Move an approved deadline's open assignments (current period) and tell the branches."""
    deadline = repo.get_deadline(ctx.db, deadline_id)
    if deadline is None or deadline.id is None:
        return [Reply(T.UNKNOWN_DEADLINE.format(id=deadline_id))]
    if deadline.status != "approved":
        return [Reply(T.MOVE_NOT_APPROVED.format(id=deadline_id))]
    if due_at <= ctx.clock.now():
        return [Reply(T.MOVE_PAST.format(due=T.when(due_at, ctx.tz)))]
    period = assignments.open_period(ctx.db, deadline.id)
    if period is None:
        return [Reply(T.MOVE_NOTHING.format(id=deadline.id, title=deadline.title))]
    views = assignments.assignment_views(ctx.db, deadline_id=deadline.id)
    old = [v for v in views if v.period == period]
    moved = assignments.move_due(ctx.db, deadline.id, period, due_at)
    if not deadline.recurrence:  # a recurring deadline's first date sets every period's day
        repo.update_deadline(ctx.db, deadline.id, due_at=due_at)
    # Assignments whose old ladder had started get the new date's ladder (no new notice).
    replan(ctx.db, moved.replan, due_at, ctx.clock.now(), ctx.settings, bool(period))
    title = T.with_period(deadline.title, period)
    text = T.MOVED.format(id=deadline.id, title=title, due=T.when(due_at, ctx.tz))
    text += T.MOVED_COUNT.format(count=len(moved.assignment_ids))
    kept = len(old) - len(moved.assignment_ids)
    text += T.MOVED_KEPT.format(count=kept) if kept else ""
    return [Reply(text), *_moved_notices(ctx, old, moved, due_at)]


def _moved_notices(
    ctx: Context, views: list[AssignmentView], moved: Moved, due_at: datetime
) -> list[Reply]:
    """The new date, sent to every chat of each branch whose assignment moved."""
    out = []
    for view in (v for v in views if v.assignment_id in moved.assignment_ids):
        text = T.MOVED_BRANCH.format(
            title=T.with_period(view.deadline_title, view.period),
            due=T.when(due_at, ctx.tz),
            old=T.when(view.due_at, ctx.tz),
        )
        button = ((Button(T.DONE_BUTTON, f"done:{view.assignment_id}"),),)
        ref = f"assignment:{view.assignment_id}"  # a reply «đã nộp» to it confirms
        out += [
            Reply(text, buttons=button, to=chat, ref=ref, kind="notice")
            for chat in branch_chats(ctx.db, view.branch_id)
        ]
    return out


async def move_command(req: Request) -> list[Reply]:
    """/doihan ID NGÀY [GIỜ]: move an approved deadline's open assignments to a new date."""
    head, _, rest = req.args.strip().partition(" ")
    deadline_id = parse_id(head)
    if deadline_id is None:
        return [Reply(T.MOVE_USAGE)]
    due, leftover = split_due(rest, req.ctx.tz, req.ctx.clock.now())
    if due is None or leftover:
        return [Reply(T.BAD_DATE.format(text=rest.strip()) if rest.strip() else T.MOVE_USAGE)]
    with watch_deadline(req, deadline_id):
        return move_deadline(req.ctx, deadline_id, due)


async def status_command(req: Request) -> list[Reply]:
    """/tinhhinh [id or words]: counts per state with branch names."""
    if not req.args:
        quota = zalo_quota_line(req.ctx)
        return [Reply(overview(req.ctx) + (f"\n\n{quota}" if quota else ""))]
    found = find_deadlines(req.ctx, req.args)
    if not found:
        return [Reply(T.STATUS_NOT_FOUND.format(query=req.args))]
    if len(found) > 1:
        lines = [T.STATUS_MANY.format(query=req.args)]
        lines += [f"#{d.id} {d.title}" for d in found]
        return [Reply("\n".join(lines))]
    return [Reply(deadline_status(req.ctx, found[0]))]
