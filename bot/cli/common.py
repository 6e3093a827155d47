"""Helpers shared by the CLI commands."""

from __future__ import annotations

import getpass
import json
import os
import sys
from typing import Any

from bot.app import App, build_app
from core.settings import Settings, load_settings


def settings() -> Settings:
    """Load the settings (SettingsError names the bad key)."""
    return load_settings()


def open_app(migrate: bool = True) -> App:
    """Settings plus an app with the database upgraded."""
    return build_app(settings(), migrate=migrate)


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
