"""What a handler gets: the services it may use and the request it answers."""

from __future__ import annotations

import weakref
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from datetime import timedelta
from zoneinfo import ZoneInfo

from core.clock import Clock
from core.messages import Incoming
from core.settings import Settings
from knowledge.search.library import Library
from storage.db import Database
from storage.repos.departments import default_department_id, document_ids
from storage.repos.library import LibraryService


@dataclass
class Caller:
    """The registered member a message comes from."""

    member_id: int | None
    role: str  # secretary | deputy | admin
    branch_id: int | None = None
    branch_code: str | None = None
    branch_name: str | None = None
    display_name: str = ""
    department_id: int | None = None

    @property
    def is_admin(self) -> bool:
        """Office staff."""
        return self.role == "admin"


@dataclass
class Context:
    """Long-lived services shared by every handler."""

    db: Database
    clock: Clock
    settings: Settings
    library: LibraryService  # the search index, rebuilt when documents change
    # Moves a simulated clock on and runs the scheduler over the skipped time, returning
    # how many messages went out (`danvan chat --now`, for /tua); None on the real clock.
    advance: Callable[[timedelta], Awaitable[int]] | None = None

    @property
    def tz(self) -> ZoneInfo:
        """The office's timezone."""
        return ZoneInfo(self.settings.timezone)


def scoped_context(ctx: Context, caller: Caller | None) -> Context:
    """The context a caller's handlers see: the database of the caller's department.

    An unregistered chat (only /start and /help) sees no department's rows but its invite's;
    an ADMIN_CHAT_IDS chat bound to no member acts for the default department.
    """
    if caller is None:
        return ctx
    department = caller.department_id
    if department is None:
        department = default_department_id(ctx.db, ctx.settings.default_department)
    return replace(ctx, db=ctx.db.scoped(department))


def department_library(ctx: Context) -> Library:
    """The search index as the context's department sees it (the whole one unscoped)."""
    library = ctx.library.get()
    department = ctx.db.department_id
    if department is None:
        return library
    # Kept per index: a department's documents change only with an ingest or a deletion,
    # and those make a new index; so a question costs no query for the department's ids.
    views = _VIEWS.setdefault(library, {})
    if department not in views:
        views[department] = library.within(document_ids(ctx.db))
    return views[department]


_VIEWS: weakref.WeakKeyDictionary[Library, dict[int, Library]] = weakref.WeakKeyDictionary()


@dataclass
class Request:
    """One incoming message with its sender and the command arguments."""

    msg: Incoming
    caller: Caller | None
    ctx: Context
    command: str | None = None
    args: str = ""

    @property
    def is_admin(self) -> bool:
        """Whether the sender is office staff."""
        return self.caller is not None and self.caller.is_admin

    @property
    def text(self) -> str:
        """The message text, stripped."""
        return self.msg.text.strip()
