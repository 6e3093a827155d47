"""Rendering the console's pages: Jinja2 templates and static files from this package.

Everything a page needs is served from here (no CDN, no build step: the office's machine
may be offline). Every answer forbids caching and framing and sends no referrer, so a
login link in the address bar never leaves the browser.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, Response

from handlers.deadline_texts import REPORT_ORDER, STATE_VI
from handlers.reports.colours import STATE_COLOURS

HERE = Path(__file__).resolve().parent
STATIC = HERE / "static"
NAV = (
    ("/web/", "Tình hình"),
    ("/web/duyet", "Duyệt hạn"),
    ("/web/vanban", "Văn bản"),
    ("/web/nguoi", "Chi bộ và thành viên"),
    ("/web/nhatky", "Nhật ký"),
)
HEADERS = {
    "Cache-Control": "no-store",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "form-action 'self'; frame-ancestors 'none'"
    ),
}
_STATIC_TYPES = {".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8"}

_env = Environment(
    loader=FileSystemLoader(HERE / "templates"),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)
_env.globals.update(nav=NAV, state_vi=STATE_VI, report_order=REPORT_ORDER)


def page(request: Request, template: str, status: int = 200, **values: Any) -> HTMLResponse:
    """A page of the console, with the navigation and the session's CSRF token."""
    user = getattr(request.state, "user", None)
    html = _env.get_template(template).render(
        path=request.url.path,
        csrf=user.csrf if user else "",
        caller=getattr(request.state, "caller", None),
        **values,
    )
    return HTMLResponse(html, status_code=status, headers=HEADERS)


def render_text(template: str, **values: Any) -> str:
    """A template rendered outside a request (the benchmark measures the board this way)."""
    return _env.get_template(template).render(path="/web/", csrf="", caller=None, **values)


def state_css() -> str:
    """The state colours as CSS classes, from the one table the workbook and picture use."""
    return "".join(
        f".s-{state}{{background:#{fill};color:#{ink}}}"
        for state, (fill, ink) in STATE_COLOURS.items()
    )


async def static(request: Request) -> Response:
    """A file of the package's static folder (the console's CSS and its small script)."""
    name = request.path_params["name"]
    if name == "states.css":  # generated: the colours live in handlers.reports.colours
        return Response(state_css(), media_type=_STATIC_TYPES[".css"])
    path = STATIC / name
    if "/" in name or path.suffix not in _STATIC_TYPES or not path.is_file():
        return Response("Không có tệp này.", status_code=404, media_type="text/plain")
    return FileResponse(path, media_type=_STATIC_TYPES[path.suffix],
                        headers={"Cache-Control": "max-age=3600"})  # fmt: skip
