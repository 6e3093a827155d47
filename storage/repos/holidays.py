"""The office's own days: declared days off and make-up working days (table office_days)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import delete
from sqlmodel import col, select

from storage.db import Database
from storage.models.calendar import OfficeDay

KINDS = ("office", "workday")


def office_days(db: Database, year: int | None = None) -> list[OfficeDay]:
    """Every declared day, by date (only those of one year when given)."""
    stmt = select(OfficeDay).order_by(col(OfficeDay.day))
    if year is not None:
        stmt = stmt.where(
            col(OfficeDay.day) >= date(year, 1, 1), col(OfficeDay.day) <= date(year, 12, 31)
        )
    with db.session() as session:
        return list(session.exec(stmt).all())


def set_office_day(db: Database, day: date, name: str, kind: str, now: datetime) -> bool:
    """Declare a day off (kind office) or a working day (workday); True when the day is new.

    A second declaration for the same date replaces the first: the office changed its mind.
    """
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
    with db.session() as session:
        row = session.get(OfficeDay, day)
        created = row is None
        if row is None:
            row = OfficeDay(day=day, name=name, kind=kind, created_at=now)
        else:
            row.name, row.kind = name, kind
        session.add(row)
    return created


def remove_office_day(db: Database, day: date) -> bool:
    """Withdraw a declaration; False when the date had none."""
    with db.session() as session:
        result = session.execute(delete(OfficeDay).where(col(OfficeDay.day) == day))
    return bool(getattr(result, "rowcount", 0))
