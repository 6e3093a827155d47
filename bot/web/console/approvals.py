"""Approvals: the proposals found in documents, decided one or many at a time.

Every decision goes through the chat's own functions (`handlers.approval.approve`,
`discard`, and `on_button` for the buttons its answers carry: the suggested day, «Vẫn
duyệt» for a date already past), so the rules, texts and audit entries are the chat's.
The list is paged (PER_PAGE a page) and may be narrowed to one document; the form carries
both, so a decision lands back on the same page of the same list.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from urllib.parse import urlencode

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import Response

from bot.web.console.auth import Console
from bot.web.console.pages import page
from core.messages import Reply
from handlers.approval import approve, discard, on_button
from handlers.context import Context
from handlers.deadlines import DEFAULT_DUE_TIME
from handlers.ids import parse_id
from handlers.proposals import due_words
from storage.models.org import Deadline
from storage.repos import deadlines as repo

# The buttons of an approval's answer that mean the same here (others need the chat).
WEB_BUTTONS = ("ap", "apok", "apsug", "apx")
PER_PAGE = 50  # proposals on one page: a document's worth, and a page a phone still scrolls


@dataclass(frozen=True)
class Listing:
    """Which part of the proposals a page shows: one document's (or all) and which page."""

    document: str  # a document id, "" for every document
    page: int  # from 1
    pages: int
    total: int
    documents: list[tuple[str, str]]  # (id, "number (count)") of documents with proposals

    def link(self, page: int) -> str:
        """The address of another page of this list."""
        query = {"vanban": self.document} if self.document else {}
        return "/web/duyet?" + urlencode({**query, "trang": page})

    @property
    def first(self) -> int:
        """The position of the page's first proposal (from 1)."""
        return (self.page - 1) * PER_PAGE + 1


@dataclass(frozen=True)
class Outcome:
    """One answer of the approval functions, with the buttons the page can offer."""

    text: str
    buttons: tuple[tuple[str, str], ...]  # (label, callback data)


def _outcome(reply: Reply) -> Outcome:
    buttons = tuple((b.label, b.data) for row in reply.buttons for b in row
                    if b.data.split(":", 1)[0] in WEB_BUTTONS)  # fmt: skip
    return Outcome(reply.text, buttons)


def _local_day(ctx: Context, row: Deadline) -> str:
    return f"{row.due_at.astimezone(ctx.tz):%Y-%m-%d}" if row.due_at else ""


async def approvals_page(console: Console, request: Request) -> Response:
    """The proposals waiting, each with its sentence, section, date and branches."""
    return _render(console, request, [])


def _render(console: Console, request: Request, outcomes: list[Outcome]) -> Response:
    ctx = console.context(request)
    listing = _listing(ctx, request)
    document = int(listing.document) if listing.document else None
    rows = repo.proposals(ctx.db, document, offset=listing.first - 1, limit=PER_PAGE)
    waiting = [(p, due_words(ctx, p.deadline), _local_day(ctx, p.deadline)) for p in rows]
    return page(request, "approvals.html", waiting=waiting, outcomes=outcomes, listing=listing)


def _listing(ctx: Context, request: Request) -> Listing:
    """The list asked for (query string, or the form's hidden fields), the page clamped to
    the pages there are now (a decision may have emptied the last one)."""
    form = getattr(request.state, "form", None)
    asked = form if form is not None else request.query_params
    counts = repo.proposal_counts(ctx.db)
    documents = [(str(d), f"{name} ({n})") for d, name, n in counts if d is not None]
    document = str(asked.get("vanban", ""))
    if document not in dict(documents):
        document = ""
    total = sum(n for d, _, n in counts if not document or str(d) == document)
    pages = max(1, -(-total // PER_PAGE))
    typed = str(asked.get("trang", ""))
    number = int(typed) if typed.isascii() and typed.isdigit() else 1
    return Listing(document, min(max(number, 1), pages), pages, total, documents)


async def decide(console: Console, request: Request) -> Response:
    """A POST of the approvals form: one row's button, the chosen rows, or an answer's button."""
    form: FormData = request.state.form
    outcomes: list[Outcome] = []
    pressed = str(form.get("nut", ""))
    if pressed.split(":", 1)[0] in WEB_BUTTONS:
        req = console.acting(request, callback=pressed)
        outcomes = [_outcome(r) for r in await on_button(req)]
    else:
        verb, _, one = str(form.get("mot", "")).partition(":")
        if not verb:
            verb = str(form.get("hanh_dong", ""))
        ids = [parse_id(one)] if one else [parse_id(str(v)) for v in form.getlist("chon")]
        for deadline_id in [i for i in ids if i is not None]:
            outcomes.append(_decide_one(console, request, form, verb, deadline_id))
        if not outcomes:
            outcomes = [Outcome("Đồng chí chưa chọn đề xuất nào.", ())]
    return _render(console, request, outcomes)


def _decide_one(
    console: Console, request: Request, form: FormData, verb: str, deadline_id: int
) -> Outcome:
    req = console.acting(request)
    if verb == "boqua":
        return Outcome(discard(req, deadline_id), ())
    row = repo.get_deadline(console.context(request).db, deadline_id)
    due = _due(console.context(request), row, str(form.get(f"ngay_{deadline_id}", "")))
    codes, chose = _branches(row, str(form.get(f"chibo_{deadline_id}", "")))
    return _outcome(approve(req, deadline_id, due, codes, chose))


def _due(ctx: Context, row: Deadline | None, typed: str) -> datetime | None:
    """The date the office set, when it differs from the proposal's (None: as proposed)."""
    try:
        day = date.fromisoformat(typed.strip())
    except ValueError:
        return None
    if row is not None and row.due_at is not None and _local_day(ctx, row) == typed.strip():
        return None
    return datetime.combine(day, DEFAULT_DUE_TIME, tzinfo=ctx.tz).astimezone(UTC)


def _branches(row: Deadline | None, typed: str) -> tuple[list[str] | None, bool]:
    """(codes or None for all, whether the office changed them) from "A1, B2" or ""."""
    codes = [c.strip().upper() for c in typed.replace(";", ",").split(",") if c.strip()]
    before = [] if row is None or row.all_branches else (row.branch_codes or "").split(",")
    if codes == [c for c in before if c]:
        return None, False
    return (codes or None), True
