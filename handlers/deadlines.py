"""Deadline commands for secretaries (/viec) and admins (/tinhhinh, adding deadlines)."""

from __future__ import annotations

from handlers.router import Router


def register(router: Router) -> None:
    """Add this module's routes to the router."""
