"""Helpers shared by the CLI commands."""

from __future__ import annotations

import json
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
