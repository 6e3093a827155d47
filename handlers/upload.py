"""Admins sending a .docx/.pdf/.txt file to ingest."""

from __future__ import annotations

from handlers.router import Router


def register(router: Router) -> None:
    """Add this module's routes to the router."""
