"""The office's own calendar: declared days off and make-up working days (owner: reminders)."""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Field, SQLModel


class OfficeDay(SQLModel, table=True):
    """A day the office declares off, or declares a working day (a make-up Saturday).

    Public holidays come from the `holidays` package; a row here overrides them and the
    weekend for its date, so there is at most one row a day.
    """

    __tablename__ = "office_days"

    day: date = Field(primary_key=True)
    name: str
    kind: str  # office (a declared day off) | workday (a declared working day)
    created_at: datetime
