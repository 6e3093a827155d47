"""Approving the deadlines found in an ingested document."""

from __future__ import annotations

from handlers.router import Router


def register(router: Router) -> None:
    """Add this module's routes to the router."""
