"""The bot's one web application: webhooks, /healthz, /metrics, and room for the office pages.

Routes, in order (the first that matches answers):
1. each channel's webhook at the path of its public URL (POST; the secret header is
   checked before the body is read, bodies over MAX_BODY are refused);
2. /healthz and /metrics, for Docker, systemd, a monitor and Prometheus;
3. `pages`: the office web console mounts its routes here (issue 17).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence

from prometheus_client import CONTENT_TYPE_LATEST
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from bot.channels.webhook import Webhook
from bot.metrics import Metrics
from bot.web.health import Health

log = logging.getLogger(__name__)

MAX_BODY = 1024 * 1024  # an update is a few kilobytes; refuse anything absurd

Endpoint = Callable[[Request], Awaitable[Response]]


class PathClash(ValueError):
    """Two webhooks want the same path."""


def build_web(
    health: Health,
    metrics: Metrics,
    webhooks: Sequence[Webhook] = (),
    pages: Sequence[BaseRoute] = (),
) -> Starlette:
    """The ASGI application serving the webhooks, /healthz, /metrics and `pages`."""
    routes: list[BaseRoute] = []
    taken = {"/healthz", "/metrics"}
    for hook in webhooks:
        if hook.path in taken:
            raise PathClash(hook.path)
        taken.add(hook.path)
        routes.append(Route(hook.path, _webhook_endpoint(hook, metrics), methods=["POST"]))
    routes.append(Route("/healthz", _health_endpoint(health), methods=["GET"]))
    routes.append(Route("/metrics", _metrics_endpoint(metrics), methods=["GET"]))
    routes.extend(pages)
    # The status board is 1.4 MB of repetitive HTML at 300 × 50; compressed it is 50 KB.
    return Starlette(routes=routes, middleware=[Middleware(GZipMiddleware, minimum_size=2048)])


def _webhook_endpoint(hook: Webhook, metrics: Metrics) -> Endpoint:
    async def endpoint(request: Request) -> Response:
        status = await _webhook_status(hook, request)
        metrics.webhook_requests.labels(hook.channel, str(status)).inc()
        return JSONResponse({"ok": status == 200}, status_code=status)

    return endpoint


async def _webhook_status(hook: Webhook, request: Request) -> int:
    """The status for one webhook POST; an authorized, readable body goes to the channel."""
    if not hook.authorized(request.headers):
        return 403  # before reading the body: a stranger cannot make us read megabytes
    body = await read_capped(request, MAX_BODY)
    if body is None:
        return 413
    try:
        return await hook.receive(body)
    except Exception:  # a bug of ours: the platform should retry, and we want the traceback
        log.exception("%s: webhook body could not be handled", hook.channel)
        return 500


async def read_capped(request: Request, limit: int) -> bytes | None:
    """The request body, or None when it is longer than limit (chunked bodies included)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        return None
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            return None
    return bytes(body)


def _health_endpoint(health: Health) -> Endpoint:
    async def endpoint(request: Request) -> Response:
        healthy, body = await health.report()
        return JSONResponse(body, status_code=200 if healthy else 503)

    return endpoint


def _metrics_endpoint(metrics: Metrics) -> Endpoint:
    async def endpoint(request: Request) -> Response:
        # Reminder counts come from the database: off the event loop.
        content = await asyncio.to_thread(metrics.exposition)
        return Response(content, media_type=CONTENT_TYPE_LATEST)

    return endpoint
