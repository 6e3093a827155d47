"""The deployment files: the Dockerfile lints clean, the image, compose and systemd unit hold
what docs/DEPLOY.md promises, and the container's health probe reads /healthz.

Docker itself is not needed: `.ci/run` builds the image and waits for it to be healthy
when a Docker engine is there (scripts/docker_check.sh). hadolint comes with the test
extra on Linux x86_64; CI sets DANVAN_REQUIRE_HADOLINT=1 so a missing linter fails there.
"""

from __future__ import annotations

import asyncio
import configparser
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot.app import App
from bot.web import probe
from tests.support_web import serving

ROOT = Path(__file__).resolve().parents[1]
DOCKERFILE = (ROOT / "Dockerfile").read_text(encoding="utf-8")


def hadolint() -> str | None:
    """The hadolint binary: next to this Python (the test extra) or on PATH."""
    beside = Path(sys.executable).with_name("hadolint")
    return str(beside) if beside.exists() else shutil.which("hadolint")


def test_hadolint_finds_nothing_to_warn_about() -> None:
    binary = hadolint()
    if binary is None:
        if os.environ.get("DANVAN_REQUIRE_HADOLINT"):
            pytest.fail("hadolint is not installed (pip install -e '.[test]')")
        pytest.skip("hadolint is not installed here")
    result = subprocess.run(
        [binary, "--no-color", "--failure-threshold", "info", "Dockerfile"],
        cwd=ROOT, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr


def instructions() -> list[tuple[str, str]]:
    """The Dockerfile's instructions (continuation lines joined), as (KEYWORD, arguments)."""
    joined = re.sub(r"\\\n\s*", " ", DOCKERFILE)
    lines = [line.strip() for line in joined.splitlines()]
    return [
        (line.split(None, 1)[0].upper(), line.split(None, 1)[1])
        for line in lines
        if line and not line.startswith("#")
    ]


def test_the_image_is_slim_runs_as_a_user_keeps_data_in_a_volume_and_checks_health() -> None:
    steps = instructions()
    base = next(args for key, args in steps if key == "FROM")
    assert base.startswith("python:3.") and "-slim" in base
    user = [args for key, args in steps if key == "USER"]
    assert user and user[-1].split(":")[0] not in ("root", "0")
    assert ("VOLUME", '["/app/data"]') in steps
    assert any(k == "ENV" and "DATABASE_URL=sqlite:////app/data/danvan.db" in a for k, a in steps)
    assert any(k == "ENV" and "HTTP_HOST=0.0.0.0" in a for k, a in steps)
    check = next(args for key, args in steps if key == "HEALTHCHECK")
    assert check.endswith('CMD ["python", "-m", "bot.web.probe"]')
    installs = [a for k, a in steps if k == "RUN" and "pip install" in a]
    assert installs == [installs[0]] and "[test]" not in installs[0]  # the runtime only


def test_compose_runs_the_bot_with_postgresql_from_a_dotenv() -> None:
    compose = (ROOT / "compose.yaml").read_text(encoding="utf-8")
    assert re.search(r"^  db:\n    image: postgres:\d+", compose, re.M)
    assert re.search(r"^  bot:\n    build: \.", compose, re.M)
    assert "env_file: .env" in compose and "condition: service_healthy" in compose
    assert "DATABASE_URL: postgresql://danvan:${POSTGRES_PASSWORD}@db:5432/danvan" in compose
    assert '"127.0.0.1:8080:8080"' in compose and "- data:/app/data" in compose
    assert "POSTGRES_PASSWORD" in (ROOT / ".env.example").read_text(encoding="utf-8")


def test_the_systemd_unit_runs_migrations_then_the_bot_as_its_own_user() -> None:
    unit = configparser.ConfigParser(strict=False, interpolation=None)
    unit.optionxform = str  # type: ignore[assignment,method-assign]
    unit.read(ROOT / "deploy" / "danvan.service", encoding="utf-8")
    service = unit["Service"]
    assert service["ExecStartPre"].endswith("danvan db upgrade")
    assert service["ExecStart"].endswith("danvan run") and service["User"] == "danvan"
    assert service["KillSignal"] == "SIGTERM" and service["ProtectSystem"] == "strict"
    assert service["ReadWritePaths"] == f"{service['WorkingDirectory']}/data"
    assert unit["Install"]["WantedBy"] == "multi-user.target"


def test_the_probe_address_follows_the_settings() -> None:
    assert probe.health_url({}) == "http://127.0.0.1:8080/healthz"
    assert probe.health_url({"HTTP_HOST": "0.0.0.0", "HTTP_PORT": "9000"}).endswith(":9000/healthz")
    assert probe.health_url({"HTTP_HOST": "::1"}) == "http://[::1]:8080/healthz"


async def test_the_probe_exits_0_when_healthy_and_1_naming_what_fails(
    app: App, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    async with serving(app, []) as served:
        monkeypatch.setenv("HTTP_HOST", "0.0.0.0")
        monkeypatch.setenv("HTTP_PORT", str(served.port))
        assert await asyncio.to_thread(probe.main) == 1  # no scheduler runs
        assert "không khỏe: scheduler" in capsys.readouterr().out
        served.health.scheduler = Running(app)
        assert await asyncio.to_thread(probe.main) == 0
    assert await asyncio.to_thread(probe.main) == 1  # nothing listens any more
    assert "không kết nối được" in capsys.readouterr().out


class Running:
    """A scheduler that ticked just now."""

    running = True

    def __init__(self, app: App) -> None:
        self.last_tick = app.ctx.clock.now()
