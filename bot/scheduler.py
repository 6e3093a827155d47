"""Reminders: the database is the truth, APScheduler is the clock."""

from __future__ import annotations

from bot.app import App


class ReminderScheduler:
    """Wakes the process when reminders are due."""

    def __init__(self, app: App) -> None:
        self.app = app

    def shutdown(self) -> None:
        """Stop the scheduler."""


def start_scheduler(app: App) -> ReminderScheduler:
    """Start the reminder scheduler for a running app."""
    return ReminderScheduler(app)
