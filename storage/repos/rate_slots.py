"""Send pacing shared by every bot process: reserve the next free slot of a pace."""

from __future__ import annotations

from sqlalchemy import text

from storage.db import Database

_RESERVE = (
    "INSERT INTO rate_slots (key, next_at) VALUES (:key, :first) "
    "ON CONFLICT (key) DO UPDATE SET next_at = {later}(rate_slots.next_at, :now) + :interval "
    "RETURNING next_at"
)


def reserve_slot(db: Database, key: str, now: float, interval: float) -> float:
    """Take the next free instant (>= now) of this pace and return it; one statement, so
    two processes reserving at once get two slots `interval` apart."""
    later = "GREATEST" if db.engine.dialect.name == "postgresql" else "MAX"
    params = {"key": key, "first": now + interval, "now": now, "interval": interval}
    with db.engine.begin() as conn:
        next_at = conn.execute(text(_RESERVE.format(later=later)), params).scalar_one()
    return float(next_at) - interval
