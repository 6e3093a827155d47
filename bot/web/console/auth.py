"""Who is at the browser: the login link, the session cookie, the role, the CSRF token.

A link /web sent opens a confirmation page; pressing its button (a POST, which chat apps'
link previews never send) spends the link and sets the session cookie. Every page and
action then reads the session, finds the chat's member and checks that it is an admin,
so a member who lost the role is refused on the next click; every POST carries the
session's CSRF token.
"""

from __future__ import annotations

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
from handlers.context import Caller, Context, scoped_context
from knowledge.parse.readers import ReadError, check_size
from storage.repos.members import find_caller
from storage.repos.web_sessions import (
    WebUser,
    create_session,
    end_session,
    find_session,
    redeem_login,
)

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

    def admin_of(self, user: WebUser) -> Caller | None:
        """The chat's member when it is an admin now (read again on every request)."""
        row = find_caller(self.ctx.db, user.channel, user.chat_id, self.ctx.settings.admin_chats)
        if row is None or row.role != "admin":
            return None
        return Caller(row.member_id, row.role, row.branch_id, row.branch_code, row.branch_name,
                      row.display_name, row.department_id)  # fmt: skip

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
        user: WebUser = request.state.user
        caller: Caller = request.state.caller
        msg = Incoming("web", f"{user.channel}:{user.chat_id}", text=args,
                       display_name=caller.display_name, attachment=attachment,
                       callback_data=callback)  # fmt: skip
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
        now = self.ctx.clock.now()
        user = redeem_login(self.ctx.db, request.path_params["token"], now)
        if user is None or self.admin_of(user) is None:
            return page(request, "message.html", 403, title="Liên kết không dùng được",
                        text=BAD_LINK)  # fmt: skip
        token, _ = create_session(self.ctx.db, user, now, timedelta(hours=SESSION_HOURS))
        response = RedirectResponse("/web/", status_code=303)
        response.set_cookie(COOKIE, token, max_age=SESSION_HOURS * 3600, path="/web",
                            httponly=True, secure=self.secure(), samesite="lax")  # fmt: skip
        return response

    async def logout(self, request: Request) -> Response:
        """End this browser's session (the form must carry its CSRF token)."""
        token = request.cookies.get(COOKIE, "")
        user = find_session(self.ctx.db, token, self.ctx.clock.now())
        if user is not None:
            form = await request.form(max_fields=MAX_FORM_FIELDS)
            if not _csrf_sent(form, user):
                return page(request, "message.html", 403, title="Biểu mẫu hết hạn", text=BAD_CSRF)
            end_session(self.ctx.db, token)
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
