"""Confirmations: đã nộp by reply, button or file; undo."""

from __future__ import annotations

from handlers.router import Router


def register(router: Router) -> None:
    """Add this module's routes to the router."""
