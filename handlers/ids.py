"""Ids typed or pressed by users: ASCII digits within the database's integer range.

"/duyet ١٢" (Arabic-Indic digits) is not #12, and "/duyet 99999999999999999999" does not
reach the database (SQLite and PostgreSQL refuse integers past 2**63 - 1 with an error).
"""

from __future__ import annotations

MAX_ID = 2**63 - 1  # SQLite's INTEGER, PostgreSQL's BIGINT: no row has a larger id


def parse_id(text: str) -> int | None:
    """ "12" or "#12" → 12; anything else (other scripts' digits, 0, a 30-digit number) → None."""
    text = text.strip().removeprefix("#")
    if not (text.isascii() and text.isdigit()):
        return None
    value = int(text)
    return value if 0 < value <= MAX_ID else None
