"""The web console in tests: a browser-like client on its routes, logged in through /web."""

from __future__ import annotations

import re

import httpx
from starlette.applications import Starlette

from bot.app import App
from bot.web.console.routes import console_routes
from tests.support import Person

LINK = re.compile(r"https?://\S+(/web/dang-nhap/\S+)")
CSRF = re.compile(r'name="csrf" value="([^"]+)"')


def client(app: App) -> httpx.AsyncClient:
    """A client speaking to the console's routes in this event loop (cookies kept)."""
    web = Starlette(routes=console_routes(app.ctx))
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=web), base_url="http://bot")


async def login_link(person: Person) -> str:
    """The path of the one-time link /web gives this person (fails when none is given)."""
    (reply,) = await person.send("/web")
    found = LINK.search(reply)
    assert found, reply
    return found.group(1)


async def log_in(browser: httpx.AsyncClient, person: Person) -> httpx.Response:
    """Open the link /web gave, press «Đăng nhập»; the board it lands on."""
    path = await login_link(person)
    assert (await browser.get(path)).status_code == 200
    pressed = await browser.post(path)
    assert pressed.status_code == 303, pressed.text
    return await browser.get(pressed.headers["location"])


def csrf_of(page: httpx.Response) -> str:
    """The CSRF token a page's forms carry."""
    found = CSRF.search(page.text)
    assert found, page.text[:500]
    return found.group(1)
