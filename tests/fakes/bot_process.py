"""`python -m bot run` as a real subprocess against the fake Bot API, and people chatting to it."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.fakes.telegram_server import FakeTelegram

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "123:ABC"


def bot_env(fake: FakeTelegram, tmp: Path, **extra: str) -> dict[str, str]:
    """The environment of a bot process talking to the fake server, on its own database."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "ZALO_"))}
    env.update(
        TELEGRAM_BOT_TOKEN=TOKEN,
        TELEGRAM_API_BASE_URL=fake.base_url,
        TELEGRAM_BOT_USERNAME="danvan_test_bot",
        DATABASE_URL=f"sqlite:///{tmp / 'e2e.db'}",
        SAMPLES_DIR=str(tmp / "no-samples"),
        ADMIN_CHAT_IDS="200",
        LOG_LEVEL="DEBUG",  # the most verbose logs are where a leaked token would show
        PYTHONUNBUFFERED="1",
        HTTP_PORT="0",  # any free port: tests run side by side (web_url() finds it)
    )
    env.update(extra)
    return env


@dataclass
class BotProcess:
    """A running `python -m bot run`; its output goes to a log file (pipes could fill)."""

    fake: FakeTelegram
    env: dict[str, str]
    log_path: Path
    proc: subprocess.Popen[bytes] | None = None

    def start(self, ready: str = "deleteWebhook", timeout: float = 30.0) -> BotProcess:
        """Start and wait until it polls (deleteWebhook) or set its webhook (setWebhook)."""
        log = self.log_path.open("wb")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "bot", "run"],
            cwd=self.log_path.parent,  # no stray .env from the repository
            env={**self.env, "PYTHONPATH": str(ROOT)},
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        log.close()
        self.wait(lambda: self.fake.calls_to(ready), timeout)
        return self

    def wait(self, predicate: Any, timeout: float = 15.0) -> Any:
        """Wait for predicate, failing at once (with the log) if the process died."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc is not None and self.proc.poll() is not None:
                raise AssertionError(f"bot exited with {self.proc.returncode}:\n{self.log()}")
            try:
                return self.fake.wait_for(predicate, timeout=0.5)
            except TimeoutError:
                continue
        raise AssertionError(f"timed out; bot log tail:\n{self.log()[-4000:]}")

    def stop(self, timeout: float = 20.0) -> int:
        """SIGTERM and wait; returns the exit code."""
        assert self.proc is not None
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
                raise AssertionError(f"bot ignored SIGTERM:\n{self.log()[-4000:]}") from None
        return self.proc.returncode

    def log(self) -> str:
        """Everything the process printed or logged."""
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def web_url(self, timeout: float = 15.0) -> str:
        """The base URL of the bot's web server, as its log announced it."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = re.search(r"web: listening on (http://[\w.:\[\]-]+)", self.log())
            if found:
                return found.group(1)
            if self.proc is not None and self.proc.poll() is not None:
                break
            time.sleep(0.05)
        raise AssertionError(f"no web server in the log:\n{self.log()[-3000:]}")


@dataclass
class Person:
    """Someone in a private chat with the bot process, through its fake Telegram or Zalo server.

    The same shape as tests.support.Person (send with reply_to, press, inbox), over a real
    process: each call blocks until the answers have arrived.
    """

    bot: BotProcess
    chat_id: int | str
    name: str = ""

    @property
    def fake(self) -> Any:
        """The fake server the bot talks to (a FakeTelegram or a FakeZalo)."""
        return self.bot.fake

    def send(self, text: str, reply_to: int | None = None, until: str = "") -> list[str]:
        """Send a text (optionally replying to a message id, on Telegram); the bot's answers.

        `until` waits for an answer containing it: other messages (a notice to the admins)
        may arrive first, and the delivery layer paces a chat to one message a second.
        """
        if isinstance(self.fake, FakeTelegram):
            update = self.fake.text(int(self.chat_id), text, reply_to)
        else:  # Zalo: text only, no reply-to
            update = self.fake.message(str(self.chat_id), "text", text, self.name)
        return self._exchange(update, until=until)

    def press(self, data: str, message_id: int, until: str = "") -> list[str]:
        """Press a button of a message (Telegram); the bot's answers."""
        update = self.fake.press(int(self.chat_id), message_id, data)
        return self._exchange(update, until=until)

    def upload(self, name: str, content: bytes, until: str = "") -> list[str]:
        """Send a document (Telegram); the bot's answers (the report, then the deadline cards)."""
        file_id = self.fake.add_file(content)
        update = self.fake.document(int(self.chat_id), file_id, name, len(content))
        return self._exchange(update, settle=1.2, until=until)

    def inbox(self) -> list[str]:
        """Every text the bot sent to this chat."""
        if isinstance(self.fake, FakeTelegram):
            return [m.get("text", "") for m in self.messages()]
        texts: list[str] = self.fake.texts(str(self.chat_id))
        return texts

    def messages(self) -> list[dict[str, Any]]:
        """Every message the bot sent to this chat, as Bot API Message objects (Telegram)."""
        sent: list[dict[str, Any]] = self.fake.sent_messages(self.chat_id)
        return sent

    def wait_for(self, words: str, timeout: float = 15.0) -> str:
        """Wait for a message containing words (e.g. a reminder); that message."""
        found: str = self.bot.wait(
            lambda: next((t for t in self.inbox() if words in t), None), timeout
        )
        return found

    def wait_for_button(self, prefix: str, timeout: float = 15.0) -> dict[str, Any]:
        """Wait for a message with a button whose data starts with prefix (Telegram)."""

        def found() -> dict[str, Any] | None:
            return next((m for m in self.messages() if f'"{prefix}' in json.dumps(m)), None)

        message: dict[str, Any] = self.bot.wait(found, timeout)
        return message

    def _exchange(self, update: dict[str, Any], settle: float = 0.4, until: str = "") -> list[str]:
        before = len(self.inbox())
        self.fake.enqueue(update)
        self.bot.wait(lambda: any(until in t for t in self.inbox()[before:]))
        # More answers may follow the first (a long answer in parts, approval cards).
        count = len(self.inbox())
        while True:
            time.sleep(settle)
            if len(self.inbox()) == count:
                break
            count = len(self.inbox())
        return self.inbox()[before:]


# ---- Zalo ---------------------------------------------------------------------------------
def zalo_env(fake: Any, tmp: Path, **extra: str) -> dict[str, str]:
    """The environment of a bot process talking to a fake Zalo server (no Telegram)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "ZALO_"))}
    env.update(
        ZALO_BOT_TOKEN=fake.token,
        ZALO_API_BASE_URL=fake.base_url,
        DATABASE_URL=f"sqlite:///{tmp / 'zalo.db'}",
        SAMPLES_DIR=str(tmp / "no-samples"),
        LOG_LEVEL="DEBUG",  # the most verbose logs are where a leaked token would show
        PYTHONUNBUFFERED="1",
        HTTP_PORT="0",  # any free port: tests run side by side (web_url() finds it)
    )
    env.update(extra)
    return env
