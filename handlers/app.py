"""Builds the router with every handler module, in routing order."""

from __future__ import annotations

from handlers import approval, basic, confirm, deadlines, lookup, org, upload
from handlers.context import Context
from handlers.router import Router

# Order matters for free text: each module's text routes carry their own priority,
# but registration order decides ties and command overrides.
MODULES = (basic, org, confirm, deadlines, approval, upload, lookup)


def build_router(ctx: Context) -> Router:
    """A router with every handler module registered."""
    router = Router(ctx)
    for module in MODULES:
        module.register(router)
    return router
