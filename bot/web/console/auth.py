"""Who is at the browser: the login link, the session cookie, the role, the CSRF token.

A link /web sent opens a confirmation page; pressing its button (a POST, which chat apps'
link previews never send) spends the link and sets the session cookie. Every page and
action then reads the session, finds the chat's member and checks that it is an admin,
so a member who lost the role is refused on the next click; every POST carries the
session's CSRF token. Logins, refused links and logouts go to the audit log, under the
chat the link was made for; a token that was never issued is logged (application log)
but not audited, so guessing tokens cannot fill the office's append-only log.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Awaitable, Callable
from datetime import timedelta
from functools import wraps

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from bot.offloop import HandlerThreads
from bot.web.console.pages import page
from core.messages import Attachment, Incoming
from handlers import context as handlers_context
from handlers.audit import note
from handlers.context import Caller, Context, scoped_context
from knowledge.parse.readers import ReadError, check_size
from storage.repos.members import find_caller
from storage.repos.web_sessions import (
    Redeemed,
    WebUser,
    create_session,
    end_session,
    find_session,
    redeem_login,
)

log = logging.getLogger(__name__)

COOKIE = "danvan_web"
SESSION_HOURS = 12
FORM_OVERHEAD = 64 * 1024  # a form's other fields and multipart boundaries around the file
MAX_FORM_FIELDS = 2000  # the approvals form: a date and branches per proposal

Endpoint = Callable[[Request], Awaitable[Response]]

NEED_LOGIN = (
    "Đồng chí cần đăng nhập: gửi lệnh /web cho bot để nhận liên kết đăng nhập "
    "(dùng một lần, trong 10 phút)."
)
NOT_ADMIN = "Trang này chỉ dành cho cán bộ Văn phòng Đảng ủy."
BAD_LINK = (
    "Liên kết đăng nhập đã được dùng hoặc đã hết hạn. Đồng chí gửi lại lệnh /web cho bot "
    "để nhận liên kết mới."
)
LOGGED_OUT = "Đồng chí đã đăng xuất. Gửi /web cho bot khi cần vào lại."
BAD_CSRF = "Biểu mẫu đã cũ hoặc không phải từ trang của bot. Đồng chí tải lại trang rồi làm lại."


class Console:
    """The services every console page uses: the handlers' context, and threads to run
    the pages on (their database work, a board of 15,000 cells, must not hold up the
    webhooks and health checks that share the event loop)."""

    def __init__(self, ctx: Context, threads: HandlerThreads | None = None) -> None:
        self.ctx = ctx
        self.threads = threads or HandlerThreads()

    def secure(self) -> bool:
        """Whether the cookie may travel over HTTPS only (PUBLIC_URL is https)."""
        return self.ctx.settings.web_base_url.startswith("https://")

    def caller_of(self, user: WebUser) -> Caller | None:
        """The chat's member, whatever its role (None: not a member)."""
        row = find_caller(self.ctx.db, user.channel, user.chat_id, self.ctx.settings.admin_chats)
        if row is None:
            return None
        return Caller(row.member_id, row.role, row.branch_id, row.branch_code, row.branch_name,
                      row.display_name, row.department_id)  # fmt: skip

    def admin_of(self, user: WebUser) -> Caller | None:
        """The chat's member when it is an admin now (read again on every request)."""
        caller = self.caller_of(user)
        return caller if caller is not None and caller.role == "admin" else None

    def context(self, request: Request) -> Context:
        """The handlers' context for this admin: their department's data only."""
        return scoped_context(self.ctx, request.state.caller)

    def acting(
        self,
        request: Request,
        args: str = "",
        attachment: Attachment | None = None,
        callback: str | None = None,
    ) -> handlers_context.Request:
        """The handlers' Request for what this admin does here: the audit log names them
        with "web:" before their chat, so the office sees the change came from the console."""
        return self.acting_as(request.state.user, request.state.caller, args, attachment,
                              callback)  # fmt: skip

    def acting_as(
        self,
        user: WebUser,
        caller: Caller | None,
        args: str = "",
        attachment: Attachment | None = None,
        callback: str | None = None,
    ) -> handlers_context.Request:
        """The handlers' Request of a console chat's member (None: not a member)."""
        msg = Incoming("web", f"{user.channel}:{user.chat_id}", text=args,
                       display_name=caller.display_name if caller else "",
                       attachment=attachment, callback_data=callback)  # fmt: skip
        ctx = scoped_context(self.ctx, caller)
        return handlers_context.Request(msg=msg, caller=caller, ctx=ctx, args=args)

    def guard(self, endpoint: Endpoint) -> Endpoint:
        """An endpoint for admins only; POSTs must carry the session's CSRF token."""

        @wraps(endpoint)
        async def guarded(request: Request) -> Response:
            too_big = _too_big(request, self.ctx.settings.max_upload_bytes)
            if too_big:  # refused before a byte of the body is read
                return page(request, "message.html", 413, title="Tệp quá lớn", text=too_big)
            # The body is read here, on the server's loop that owns the connection; the
            # session, the role and the page itself then run on a worker thread.
            if request.method == "POST":
                request.state.form = await request.form(max_fields=MAX_FORM_FIELDS)
            try:
                return await self.threads.run(lambda: checked(request))
            finally:
                form = getattr(request.state, "form", None)
                if form is not None:  # an uploaded file's temporary copy goes now
                    await form.close()

        async def checked(request: Request) -> Response:
            user = find_session(self.ctx.db, request.cookies.get(COOKIE, ""), self.ctx.clock.now())
            if user is None:
                return page(request, "message.html", 401, title="Cần đăng nhập", text=NEED_LOGIN)
            caller = self.admin_of(user)
            if caller is None:
                return page(request, "message.html", 403, title="Không có quyền", text=NOT_ADMIN)
            request.state.user, request.state.caller = user, caller
            if request.method == "POST" and not _csrf_sent(request.state.form, user):
                return page(request, "message.html", 403, title="Biểu mẫu hết hạn", text=BAD_CSRF)
            return await endpoint(request)

        return guarded

    async def login_page(self, request: Request) -> Response:
        """GET of a login link: a button to log in (the link is spent only by pressing it)."""
        return page(request, "login.html", token=request.path_params["token"])

    async def login(self, request: Request) -> Response:
        """POST of a login link: spend it, open a session, land on the status board."""
        token = request.path_params["token"]
        return await self.threads.run(lambda: self._login(request, token))

    async def _login(self, request: Request, token: str) -> Response:
        now = self.ctx.clock.now()
        redeemed = redeem_login(self.ctx.db, token, now)
        user = redeemed.user
        caller = self.admin_of(user) if user is not None else None
        if user is None or caller is None:
            self._refused(redeemed)
            return page(request, "message.html", 403, title="Liên kết không dùng được",
                        text=BAD_LINK)  # fmt: skip
        session_token, _ = create_session(self.ctx.db, user, now, timedelta(hours=SESSION_HOURS))
        note(self.acting_as(user, caller), "web_login", "")
        response = RedirectResponse("/web/", status_code=303)
        response.set_cookie(COOKIE, session_token, max_age=SESSION_HOURS * 3600, path="/web",
                            httponly=True, secure=self.secure(), samesite="lax")  # fmt: skip
        return response

    def _refused(self, redeemed: Redeemed) -> None:
        """Record a refused link under the chat it was made for (never-issued tokens: logged)."""
        owner = redeemed.owner
        if owner is None:
            log.warning("web console: a login token that was never issued was pressed")
            return
        reason = redeemed.refused or "not_admin"  # a link still good, for a chat now no admin
        note(self.acting_as(owner, self.caller_of(owner)), "web_login_refused", "",
             after={"reason": reason})  # fmt: skip

    async def logout(self, request: Request) -> Response:
        """End this browser's session (the form must carry its CSRF token)."""
        if not request.cookies.get(COOKIE) or _too_big(request, 0):  # no body worth reading
            return await self.threads.run(lambda: self._logout(request, FormData()))
        form = await request.form(max_fields=MAX_FORM_FIELDS)  # read here, on the server's loop
        try:
            return await self.threads.run(lambda: self._logout(request, form))
        finally:
            await form.close()

    async def _logout(self, request: Request, form: FormData) -> Response:
        token = request.cookies.get(COOKIE, "")
        user = find_session(self.ctx.db, token, self.ctx.clock.now())
        if user is not None:
            if not _csrf_sent(form, user):
                return page(request, "message.html", 403, title="Biểu mẫu hết hạn", text=BAD_CSRF)
            end_session(self.ctx.db, token)
            note(self.acting_as(user, self.caller_of(user)), "web_logout", "")
        response = page(request, "message.html", title="Đã đăng xuất", text=LOGGED_OUT)
        response.delete_cookie(COOKIE, path="/web")
        return response


def _too_big(request: Request, max_bytes: int) -> str:
    """The chat's size refusal when a POST declares more than an upload may be ("" if not)."""
    declared = request.headers.get("content-length", "")
    if request.method != "POST" or not declared.isdigit():
        return ""
    try:
        check_size("Tệp tải lên", int(declared) - FORM_OVERHEAD, max_bytes)
    except ReadError as exc:
        return str(exc)
    return ""


def _csrf_sent(form: FormData, user: WebUser) -> bool:
    """Whether a POSTed form carries this session's CSRF token."""
    sent = form.get("csrf")
    return isinstance(sent, str) and secrets.compare_digest(sent, user.csrf)
