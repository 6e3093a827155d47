"""Settings: defaults, parsing, and one-line errors that name the bad key."""

from __future__ import annotations

from datetime import time
from pathlib import Path

import pytest

from bot.cli import main
from core.settings import SettingsError, load_settings


def test_defaults() -> None:
    settings = load_settings(_env_file=None)
    assert settings.database_url == "sqlite:///data/danvan.db"
    assert settings.timezone == "Asia/Ho_Chi_Minh"
    assert settings.quiet_window == (time(21, 0), time(7, 0))
    assert settings.reminder_offsets == [7, 3, 1, 0]
    assert settings.telegram_bot_token is None


def test_token_is_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123:SECRET")
    settings = load_settings(_env_file=None)
    assert settings.telegram_bot_token is not None
    assert "SECRET" not in repr(settings)
    assert settings.telegram_bot_token.get_secret_value() == "123:SECRET"


def test_the_example_env_file_configures_no_platform(
    tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """.env.example leaves every token empty: that is "not configured", not a token ""."""
    example = Path(__file__).resolve().parents[1] / ".env.example"
    settings = load_settings(_env_file=str(example))
    assert settings.telegram_bot_token is None and settings.zalo_bot_token is None
    assert settings.zalo_webhook_secret is None and settings.telegram_webhook_url is None
    assert settings.quiet_window == (time(21, 0), time(7, 0))
    monkeypatch.setenv("QUIET_HOURS", "")  # empty still means "no quiet hours" here
    assert load_settings(_env_file=None).quiet_window is None


def test_admin_chats_default_to_telegram(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ADMIN_CHAT_IDS", "111, zalo:abc ,222")
    assert load_settings(_env_file=None).admin_chats == {
        "telegram:111",
        "telegram:222",
        "zalo:abc",
    }


def test_env_file_is_read(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / ".env").write_text("QUIET_HOURS=22:30-06:00\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert load_settings().quiet_window == (time(22, 30), time(6, 0))


@pytest.mark.parametrize(
    ("key", "value", "words"),
    [
        ("TIMEZONE", "Mars/Olympus", "múi giờ không tồn tại"),
        ("QUIET_HOURS", "9pm-7am", "HH:MM-HH:MM"),
        ("QUIET_HOURS", "25:00-07:00", "HH:MM-HH:MM"),
        ("DATABASE_URL", "not a url", "cơ sở dữ liệu"),
        ("DATABASE_URL", "mysql://x@y/z", "sqlite hoặc postgresql"),
        ("REMINDER_DAYS", "7,ba,1", "số ngày"),
        ("RATE_LIMIT_PER_SECOND", "-1", "greater than 0"),
    ],
)
def test_bad_value_names_the_key(
    monkeypatch: pytest.MonkeyPatch, key: str, value: str, words: str
) -> None:
    monkeypatch.setenv(key, value)
    with pytest.raises(SettingsError) as info:
        load_settings(_env_file=None)
    message = str(info.value)
    assert key in message and words in message
    assert "\n" not in message


def test_cli_stops_with_one_line(monkeypatch: pytest.MonkeyPatch, capsys) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("TIMEZONE", "Asia/Nowhere")
    assert main(["db", "upgrade"]) == 2
    err = capsys.readouterr().err.strip()
    assert err == "Cấu hình sai ở TIMEZONE: múi giờ không tồn tại: 'Asia/Nowhere'"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (
            {"telegram_webhook_url": "https://bot.truong.vn/hook",
             "zalo_webhook_url": "https://bot.truong.vn/hook/"},
            "Cấu hình sai ở ZALO_WEBHOOK_URL: trùng đường dẫn /hook với TELEGRAM_WEBHOOK_URL",
        ),
        (
            {"telegram_webhook_url": "https://bot.truong.vn/healthz"},
            "Cấu hình sai ở TELEGRAM_WEBHOOK_URL: đường dẫn /healthz đã dành cho máy chủ web",
        ),
    ],
)  # fmt: skip
def test_webhooks_need_paths_of_their_own(overrides: dict[str, str], message: str) -> None:
    with pytest.raises(SettingsError, match=message):
        load_settings(_env_file=None, **overrides)
    tg, zalo = "https://bot.truong.vn/tg/a1", "https://bot.truong.vn/zalo/b2"
    assert load_settings(_env_file=None, telegram_webhook_url=tg, zalo_webhook_url=zalo)


def test_retired_webhook_ports_are_named_with_their_successor(tmp_path: Path) -> None:
    from core.settings import retired_keys

    env_file = tmp_path / ".env"
    env_file.write_text("TELEGRAM_BOT_TOKEN=\nZALO_WEBHOOK_PORT=8444\n", encoding="utf-8")
    found = retired_keys({"TELEGRAM_WEBHOOK_LISTEN": "0.0.0.0"}, env_file)
    assert found == {"TELEGRAM_WEBHOOK_LISTEN": "HTTP_HOST", "ZALO_WEBHOOK_PORT": "HTTP_PORT"}
    assert retired_keys({}, tmp_path / "missing.env") == {}
