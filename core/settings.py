"""All settings in one typed class, read from the environment and .env."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import time
from pathlib import Path
from urllib.parse import urlparse
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, ValidationError, ValidationInfo, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

# Keys older versions read and this one ignores: a leftover one is worth a warning.
RETIRED = {
    "TELEGRAM_WEBHOOK_LISTEN": "HTTP_HOST",
    "TELEGRAM_WEBHOOK_PORT": "HTTP_PORT",
    "ZALO_WEBHOOK_LISTEN": "HTTP_HOST",
    "ZALO_WEBHOOK_PORT": "HTTP_PORT",
}
# Paths the bot's web server answers itself: a webhook cannot take them.
RESERVED_PATHS = ("/healthz", "/metrics")
ZALO_SECRET_MIN, ZALO_SECRET_MAX = 8, 256  # setWebhook's secret_token, as documented
_HOURS = re.compile(r"^\s*([01]?\d|2[0-3]):([0-5]\d)\s*-\s*([01]?\d|2[0-3]):([0-5]\d)\s*$")
_CLOCK = re.compile(r"^\s*([01]?\d|2[0-3]):([0-5]\d)\s*$")


_OPTIONAL = (
    "telegram_bot_token",
    "telegram_bot_username",
    "telegram_webhook_url",
    "telegram_webhook_secret",
    "zalo_bot_token",
    "zalo_webhook_url",
    "zalo_webhook_secret",
    "zalo_bot_name",
    "public_url",
)


class SettingsError(Exception):
    """A setting has a bad value; the message names the key in one line."""


class Settings(BaseSettings):
    """danvan's configuration (see .env.example for every key)."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    database_url: str = "sqlite:///data/danvan.db"
    database_busy_timeout_seconds: float = Field(default=10.0, ge=0)
    telegram_bot_token: SecretStr | None = None
    telegram_api_base_url: str = "https://api.telegram.org/bot"
    telegram_bot_username: str | None = None
    telegram_webhook_url: str | None = None
    telegram_webhook_secret: SecretStr | None = None
    zalo_bot_token: SecretStr | None = None
    zalo_api_base_url: str = "https://bot-api.zaloplatforms.com/bot"
    zalo_webhook_secret: SecretStr | None = None
    zalo_webhook_url: str | None = None
    # The bot's name as members see it in Zalo: groups deliver "@<name> ..." texts.
    zalo_bot_name: str | None = None
    # Messages the Zalo plan allows a month (the free plan: 3,000); 0: no limit of ours.
    zalo_monthly_limit: int = Field(default=3000, ge=0)
    # The one web server (webhooks, /healthz, /metrics); port 0 picks a free one (tests).
    http_host: str = "127.0.0.1"
    http_port: int = Field(default=8080, ge=0, le=65535)
    # Where the office opens the web console (the /web links); None: http://HTTP_HOST:HTTP_PORT.
    public_url: str | None = None
    timezone: str = "Asia/Ho_Chi_Minh"
    quiet_hours: str = "21:00-07:00"
    reminder_days: str = "7,3,1,0"
    reminder_time: str = "08:00"
    digest_time: str = "07:30"
    # How "Còn 3 ngày" counts: calendar days, or working days (weekends and holidays skipped).
    days_left_count: str = "calendar"
    # A recurring deadline's next period is assigned (and announced) this many days ahead.
    recurrence_lead_days: int = Field(default=30, ge=1, le=366)
    admin_chat_ids: str = ""
    # The department (its code) of ADMIN_CHAT_IDS chats bound to no member, and of CLI
    # commands given no --department; migration 0017 puts existing data in "mac-dinh".
    default_department: str = "mac-dinh"
    rate_limit_per_second: float = Field(default=30.0, gt=0)
    # Flood control: messages one chat may send in a minute (a chat that is not a member:
    # the second; office staff, who approve deadlines in batches: the third); over it, one
    # slow-down notice and the rest dropped (bot/flood.py).
    flood_messages_per_minute: int = Field(default=20, gt=0)
    flood_stranger_per_minute: int = Field(default=5, gt=0)
    flood_office_per_minute: int = Field(default=60, gt=0)
    # Threads answering messages (the handlers' database work runs there, off the loop).
    handler_threads: int = Field(default=8, ge=1, le=64)
    # How long a process's claim on a reminder (or the day's digest) stands unless renewed:
    # it renews while it lives, so a crashed process's rows go out again within a minute.
    reminder_lease_seconds: float = Field(default=30.0, ge=1, le=600)
    # Several processes on PostgreSQL: how often a standby asks whether it may poll now.
    polling_retry_seconds: float = Field(default=10.0, gt=0, le=60)
    max_upload_mb: float = Field(default=20.0, gt=0)
    invite_ttl_hours: int = Field(default=72, gt=0)
    # What one file may unpack to and cost (knowledge.parse.limits, handlers.ingest_worker).
    docx_max_unpacked_mb: float = Field(default=50.0, gt=0)
    docx_max_entries: int = Field(default=1000, gt=0)
    docx_max_ratio: float = Field(default=100.0, gt=1)
    pdf_max_pages: int = Field(default=500, gt=0)
    txt_max_mb: float = Field(default=5.0, gt=0)
    max_text_lines: int = Field(default=20_000, gt=0)
    parse_timeout_seconds: float = Field(default=60.0, gt=0)
    parse_memory_mb: int = Field(default=1024, ge=256)
    # Distinct deadlines one document may propose (handlers.proposals; repeats merged first).
    max_deadlines_per_document: int = Field(default=50, gt=0)
    export_dir: str = "data/exports"
    samples_dir: str = "samples"
    log_level: str = "INFO"
    log_format: str = "text"  # text or json (one JSON object a line)
    backup_dir: str = ""  # empty: a "backups" folder beside the SQLite file
    backup_keep: int = Field(default=7, ge=0)  # 0: no scheduled backup
    backup_time: str = "02:30"
    health_overdue_minutes: int = Field(default=15, gt=0)

    @field_validator("timezone")
    @classmethod
    def _check_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"múi giờ không tồn tại: {value!r}") from exc
        return value

    @field_validator(*_OPTIONAL, mode="before")
    @classmethod
    def _blank_is_unset(cls, value: object) -> object:
        # .env.example ships "ZALO_BOT_TOKEN=": an empty line means "not configured".
        if isinstance(value, str) and not value.strip():
            return None
        return value

    @field_validator("telegram_webhook_url", "zalo_webhook_url")
    @classmethod
    def _check_webhook_path(cls, value: str | None, info: ValidationInfo) -> str | None:
        # Both webhooks and /healthz share one web server: each needs a path of its own.
        if value is None:
            return value
        path = webhook_path(value)
        if path in RESERVED_PATHS:
            raise ValueError(f"đường dẫn {path} đã dành cho máy chủ web của bot")
        telegram = info.data.get("telegram_webhook_url")
        if info.field_name == "zalo_webhook_url" and telegram and webhook_path(telegram) == path:
            raise ValueError(f"trùng đường dẫn {path} với TELEGRAM_WEBHOOK_URL")
        return value

    @field_validator("zalo_webhook_secret")
    @classmethod
    def _check_zalo_secret(cls, value: SecretStr | None) -> SecretStr | None:
        # Zalo's setWebhook refuses a secret_token outside 8-256 characters.
        if value is not None:
            problem = zalo_secret_problem(value.get_secret_value())
            if problem:
                raise ValueError(problem)
        return value

    @field_validator("public_url")
    @classmethod
    def _check_public_url(cls, value: str | None) -> str | None:
        if value is not None and urlparse(value.strip()).scheme not in ("http", "https"):
            raise ValueError(f"cần địa chỉ bắt đầu bằng http:// hoặc https://, nhận {value!r}")
        return value

    @field_validator("quiet_hours")
    @classmethod
    def _check_quiet_hours(cls, value: str) -> str:
        if value.strip() and not _HOURS.match(value):
            raise ValueError(f"cần dạng HH:MM-HH:MM, nhận được {value!r}")
        return value

    @field_validator("log_format")
    @classmethod
    def _check_log_format(cls, value: str) -> str:
        value = value.strip().lower()
        if value not in ("text", "json"):
            raise ValueError(f"cần text hoặc json, nhận được {value!r}")
        return value

    @field_validator("reminder_time", "digest_time", "backup_time")
    @classmethod
    def _check_clock(cls, value: str) -> str:
        if not _CLOCK.match(value):
            raise ValueError(f"cần dạng HH:MM, nhận được {value!r}")
        return value

    @field_validator("days_left_count")
    @classmethod
    def _check_count(cls, value: str) -> str:
        value = value.strip().lower()
        if value not in ("calendar", "working"):
            raise ValueError(
                f"cần calendar (ngày lịch) hoặc working (ngày làm việc), nhận {value!r}"
            )
        return value

    @field_validator("reminder_days")
    @classmethod
    def _check_days(cls, value: str) -> str:
        parts = [p.strip() for p in value.split(",") if p.strip()]
        if not parts or not all(p.isdigit() and int(p) <= 365 for p in parts):
            raise ValueError(f"cần danh sách số ngày, ví dụ 7,3,1,0; nhận được {value!r}")
        return value

    @field_validator("database_url")
    @classmethod
    def _check_database_url(cls, value: str) -> str:
        try:
            url = make_url(value)
        except ArgumentError as exc:
            raise ValueError(f"không đọc được địa chỉ cơ sở dữ liệu {value!r}") from exc
        if url.get_backend_name() not in {"sqlite", "postgresql"}:
            raise ValueError(f"chỉ hỗ trợ sqlite hoặc postgresql, nhận được {value!r}")
        return value

    @property
    def quiet_window(self) -> tuple[time, time] | None:
        """Quiet hours as (start, end), or None when disabled."""
        match = _HOURS.match(self.quiet_hours)
        if not match:
            return None
        h1, m1, h2, m2 = (int(g) for g in match.groups())
        return time(h1, m1), time(h2, m2)

    @property
    def reminder_offsets(self) -> list[int]:
        """Days before the due date to remind, largest first."""
        return sorted({int(p) for p in self.reminder_days.split(",") if p.strip()}, reverse=True)

    @property
    def admin_chats(self) -> set[str]:
        """Admin chats as 'channel:chat_id'; a bare id means Telegram."""
        chats = {p.strip() for p in self.admin_chat_ids.split(",") if p.strip()}
        return {c if ":" in c else f"telegram:{c}" for c in chats}

    @property
    def web_base_url(self) -> str:
        """The web console's address without a trailing slash (PUBLIC_URL or host:port)."""
        if self.public_url:
            return self.public_url.strip().rstrip("/")
        return f"http://{self.http_host}:{self.http_port}"

    @property
    def max_upload_bytes(self) -> int:
        """The upload and ingest size limit in bytes."""
        return int(self.max_upload_mb * 1024 * 1024)


def retired_keys(environ: Mapping[str, str], env_file: Path = Path(".env")) -> dict[str, str]:
    """Retired keys set in the environment or the .env file, with the key that replaced each."""
    names = set(environ)
    if env_file.is_file():
        lines = env_file.read_text(encoding="utf-8", errors="replace").splitlines()
        names |= {line.split("=", 1)[0].strip() for line in lines if "=" in line}
    return {old: new for old, new in RETIRED.items() if old in names}


def zalo_secret_problem(secret: str) -> str | None:
    """Why Zalo would refuse a webhook secret (it wants 8 to 256 characters), or None."""
    if ZALO_SECRET_MIN <= len(secret) <= ZALO_SECRET_MAX:
        return None
    return (
        f"Zalo cần khóa bí mật webhook dài từ {ZALO_SECRET_MIN} đến {ZALO_SECRET_MAX} "
        f"ký tự, khóa đang đặt có {len(secret)} ký tự"
    )


def webhook_path(url: str) -> str:
    """The path of a public webhook URL, which the reverse proxy forwards unchanged."""
    return "/" + urlparse(url).path.strip("/")


def clock_time(value: str) -> time:
    """Parse an HH:MM setting that has already been validated."""
    hours, minutes = value.strip().split(":")
    return time(int(hours), int(minutes))


def load_settings(**overrides: object) -> Settings:
    """Read the settings, turning a validation error into a one-line SettingsError."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        error = exc.errors()[0]
        key = str(error["loc"][0]).upper() if error["loc"] else "?"
        message = str(error["msg"]).removeprefix("Value error, ")
        raise SettingsError(f"Cấu hình sai ở {key}: {message}") from None
