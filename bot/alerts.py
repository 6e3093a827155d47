"""Error alerts to the admins: one short message, at most once per ten minutes.

A failing handler already answers the user with an apology (the router does that);
this tells the office that something broke, without flooding their chat when the
same fault repeats on every message.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from bot.app import App
from bot.channels.base import ChatRef, Incoming, Reply

log = logging.getLogger(__name__)

ALERT_INTERVAL = timedelta(minutes=10)
ALERT_TEXT = (
    "⚠️ danvan gặp lỗi khi xử lý tin nhắn{where}: {kind}.\n"
    "Người dùng đã nhận lời xin lỗi; chi tiết nằm trong nhật ký của bot. "
    "Các lỗi tiếp theo trong 10 phút tới sẽ không được báo lại."
)


class ErrorAlerts:
    """Tells the admin chats about errors, throttled to one alert per interval."""

    def __init__(self, app: App, interval: timedelta = ALERT_INTERVAL) -> None:
        self.app = app
        self.interval = interval
        self.last_sent: datetime | None = None
        self.suppressed = 0

    async def on_error(self, msg: Incoming | None, exc: BaseException) -> None:
        """Alert the admins about exc unless an alert went out within the interval."""
        now = self.app.ctx.clock.now()
        if self.last_sent is not None and now - self.last_sent < self.interval:
            self.suppressed += 1
            log.info("error alert suppressed (%d since the last one)", self.suppressed)
            return
        self.last_sent, self.suppressed = now, 0
        reply = Reply(alert_text(msg, exc), kind="alert")
        for chat in self.admin_chats():
            await self._send(chat, reply)

    def admin_chats(self) -> list[ChatRef]:
        """The admin chats on channels this process can send to."""
        chats = []
        for entry in sorted(self.app.settings.admin_chats):
            channel, _, chat_id = entry.partition(":")
            if channel in self.app.channels:
                chats.append(ChatRef(channel, chat_id))
        return chats

    async def _send(self, chat: ChatRef, reply: Reply) -> None:
        try:
            await self.app.delivery.deliver(chat, reply)
        except Exception:  # an alert must never raise into the code reporting an error
            log.warning("could not alert admin chat %s:%s", chat.channel, chat.chat_id)


def alert_text(msg: Incoming | None, exc: BaseException) -> str:
    """The alert in Vietnamese: where it happened and the kind of error, no content."""
    where = f" từ {msg.channel}:{msg.chat_id}" if msg is not None else ""
    # The exception's type only: its message may quote a document or a URL.
    return ALERT_TEXT.format(where=where, kind=type(exc).__name__)


def install_alerts(app: App) -> ErrorAlerts:
    """Create the alerts for an app and hook them into the router."""
    alerts = ErrorAlerts(app)
    app.router.on_error = alerts.on_error
    return alerts
