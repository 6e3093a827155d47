"""Helpers shared by the CLI commands."""

from __future__ import annotations

import getpass
import json
import os
import sys
from dataclasses import replace
from typing import Any

from bot.app import App, build_app
from core.settings import Settings, load_settings
from storage.repos.departments import department_by_code


def settings() -> Settings:
    """Load the settings (SettingsError names the bad key)."""
    return load_settings()


class UnknownDepartment(Exception):
    """--department names no department (`danvan department list` shows them)."""


# The department of the running command (its --department, else DEFAULT_DEPARTMENT); None
# for the commands that serve every department (run, simulate, backup, db).
_department: list[str | None] = [None]


def choose_department(code: str | None) -> None:
    """Set the department the next open_app sees (main() calls it for every command)."""
    _department[0] = code


def open_app(migrate: bool = True) -> App:
    """Settings plus an app with the database upgraded, seeing the chosen department."""
    loaded = settings()
    app = build_app(loaded, migrate=migrate)
    chosen = _department[0]
    if chosen is None:
        return app
    found = department_by_code(app.db, chosen or loaded.default_department)
    if found is None:
        app.db.dispose()
        raise UnknownDepartment(chosen or loaded.default_department)
    app.db = app.db.scoped(found.id)
    app.ctx = replace(app.ctx, db=app.db)
    return app


def print_json(data: Any) -> None:
    """Print JSON with Vietnamese kept readable."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, default=str) + "\n")


def cli_actor() -> str:
    """Who the audit log names for a CLI command: "cli:<login name>"."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # a container user without a passwd entry
        user = f"uid{os.getuid()}" if hasattr(os, "getuid") else "?"
    return f"cli:{user}"
