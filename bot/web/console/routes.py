"""The console's routes, mounted on the bot's web server (`bot.web.app.build_web(pages=...)`).

Every page and action but the login link and the static files goes through
`Console.guard`: a session, an admin behind it (read again each time), a CSRF token on POST.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from bot.web.console import approvals, documents, people, status
from bot.web.console.auth import Console
from bot.web.console.pages import static
from handlers.context import Context

Page = Callable[[Console, Request], Awaitable[Response]]

# (path, methods, endpoint): the pages an admin reaches; tests walk this table.
PAGES: tuple[tuple[str, tuple[str, ...], Page], ...] = (
    ("/web/", ("GET",), status.board_page),
    ("/web/bang.png", ("GET",), status.board_png),
    ("/web/bang.xlsx", ("GET",), status.board_xlsx),
    ("/web/bang-day-du.xlsx", ("GET",), status.full_xlsx),
    ("/web/duyet", ("GET",), approvals.approvals_page),
    ("/web/duyet", ("POST",), approvals.decide),
    ("/web/vanban", ("GET",), documents.library_page),
    ("/web/vanban", ("POST",), documents.upload),
    ("/web/vanban/{doc_id:int}", ("GET",), documents.document_page),
    ("/web/nguoi", ("GET",), people.people_page),
    ("/web/nguoi", ("POST",), people.make_invite),
    ("/web/nhatky", ("GET",), people.log_page),
)


def _bind(console: Console, endpoint: Page) -> Callable[[Request], Awaitable[Response]]:
    async def bound(request: Request) -> Response:
        return await endpoint(console, request)

    return console.guard(bound)


async def _to_board(request: Request) -> Response:
    return RedirectResponse("/web/", status_code=307)


def console_routes(ctx: Context) -> list[BaseRoute]:
    """The routes of the web console over the handlers' context."""
    console = Console(ctx)
    routes: list[BaseRoute] = [
        Route("/web", _to_board, methods=["GET"]),
        Route("/web/tep/{name}", static, methods=["GET"]),
        Route("/web/dang-nhap/{token}", console.login_page, methods=["GET"]),
        Route("/web/dang-nhap/{token}", console.login, methods=["POST"]),
        Route("/web/dang-xuat", console.logout, methods=["POST"]),
    ]
    routes += [Route(path, _bind(console, fn), methods=list(m)) for path, m, fn in PAGES]
    return routes
