"""Rendering a neutral Reply as Telegram sendMessage calls: HTML, keyboards, 4,096 limit.

Also the other things the bot shows besides messages: the command menus, and taking a
keyboard off a message whose button was pressed.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeChat,
    BotCommandScopeDefault,
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
)
from telegram.constants import MessageLimit, ParseMode
from telegram.error import TelegramError

from bot.channels.text import split_text
from core.messages import Button, Reply

log = logging.getLogger(__name__)

MAX_TEXT = int(MessageLimit.MAX_TEXT_LENGTH)  # 4096, counted after entity parsing
MAX_CALLBACK_BYTES = 64
MAX_BUTTON_LABEL = 64  # Telegram shows long labels cut anyway; keep the row readable
# Presses that only open a next step (ask for a date, show the branch list, open one
# proposal of a list, page on) and change nothing: the card or list keeps its buttons for
# after that step. Every other press settles something, so its keyboard goes, and a second
# tap by mistake is impossible.
KEEP_KEYBOARD = frozenset({"apdate", "apbr", "apv", "apls"})


@dataclass(frozen=True)
class Outgoing:
    """One sendMessage call: the escaped text and, on the last part, the keyboard."""

    text: str
    reply_markup: InlineKeyboardMarkup | None = None

    def kwargs(self) -> dict[str, Any]:
        """Keyword arguments for Bot.send_message (besides chat_id)."""
        kwargs: dict[str, Any] = {"text": self.text, "parse_mode": ParseMode.HTML}
        if self.reply_markup is not None:
            kwargs["reply_markup"] = self.reply_markup
        return kwargs


def render(reply: Reply, limit: int = MAX_TEXT) -> list[Outgoing]:
    """The messages a reply becomes: split on paragraphs, escaped, buttons on the last."""
    # Split the plain text: Telegram counts the limit on the text after parsing the HTML,
    # so "&amp;" counts as one character and escaping must come after splitting.
    parts = split_text(reply.text, limit)
    if not parts and (reply.buttons or not reply.file_path):
        parts = ["…"]  # Telegram refuses an empty message; buttons need a message to sit on
    markup = keyboard(reply.buttons)
    messages = [Outgoing(html.escape(part, quote=False)) for part in parts]
    if messages and markup is not None:
        messages[-1] = Outgoing(messages[-1].text, markup)
    return messages


def keyboard(rows: tuple[tuple[Button, ...], ...]) -> InlineKeyboardMarkup | None:
    """Buttons as an inline keyboard (None without buttons)."""
    grid = [[inline_button(b) for b in row] for row in rows if row]
    return InlineKeyboardMarkup(grid) if grid else None


def inline_button(button: Button) -> InlineKeyboardButton:
    """One inline button; its callback data must fit Telegram's 64 bytes."""
    size = len(button.data.encode("utf-8"))
    if not button.data or size > MAX_CALLBACK_BYTES:
        # A programming error in a handler: failing loudly beats a button that does nothing.
        raise ValueError(f"callback data must be 1-64 bytes, got {size}: {button.data[:80]!r}")
    label = button.label
    if len(label) > MAX_BUTTON_LABEL:  # cut on a word boundary: never "Báo cáo sơ k…"
        label = label[: MAX_BUTTON_LABEL - 1].rsplit(" ", 1)[0].rstrip(" ,;:-") + "…"
    return InlineKeyboardButton(label, callback_data=button.data)


def command_menu(commands: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Commands Telegram accepts in a menu: lowercase a-z0-9_ names, 1-256 char descriptions."""
    menu = []
    for name, description in commands:
        valid = 1 <= len(name) <= 32 and all(c.islower() or c.isdigit() or c == "_" for c in name)
        if valid and name.isascii() and description.strip():
            menu.append((name, description.strip()[:256]))
    return menu


async def set_menus(
    bot: Bot, menu: Callable[[str], list[tuple[str, str]]], admins: list[int]
) -> None:
    """The member menu for everyone, the admin menu in each admin chat; failures only logged."""
    # Self-hosted or test Bot API servers may lack setMyCommands: the bot works without menus.
    scopes: list[tuple[str, BotCommandScopeDefault | BotCommandScopeChat]] = [
        ("secretary", BotCommandScopeDefault())
    ]
    scopes += [("admin", BotCommandScopeChat(chat_id)) for chat_id in admins]
    for role, scope in scopes:
        commands = [BotCommand(n, d) for n, d in command_menu(menu(role))]
        try:
            await bot.set_my_commands(commands, scope=scope)
        except TelegramError as exc:
            log.warning("telegram: setMyCommands (%s) failed, menu not set: %s", role, exc)
            return


async def set_chat_menu(
    bot: Bot, chat_id: int | str, commands: list[tuple[str, str]] | None
) -> bool:
    """One chat's own menu, or (None) back to the default menu; a failure is only logged."""
    scope = BotCommandScopeChat(chat_id)
    try:
        if commands is None:
            await bot.delete_my_commands(scope=scope)
        else:
            menu = [BotCommand(n, d) for n, d in command_menu(commands)]
            await bot.set_my_commands(menu, scope=scope)
    except TelegramError as exc:
        log.warning("telegram: menu of chat %s not updated: %s", chat_id, exc)
        return False
    return True


def keeps_keyboard(data: str) -> bool:
    """Whether the message keeps its buttons after a press with this callback data."""
    return data.split(":", 1)[0] in KEEP_KEYBOARD


async def clear_keyboard(bot: Bot, query: CallbackQuery) -> bool:
    """Take the buttons off the pressed message; a failure (message too old) is only logged."""
    # editMessageReplyMarkup without reply_markup removes the keyboard. (PTB would send an
    # empty InlineKeyboardMarkup as "{}", which is not the documented way.)
    message = query.message
    try:
        if query.inline_message_id is not None:
            await bot.edit_message_reply_markup(inline_message_id=query.inline_message_id)
        elif message is not None:
            await bot.edit_message_reply_markup(
                chat_id=message.chat.id, message_id=message.message_id
            )
    except TelegramError as exc:
        log.info("telegram: keyboard not removed (ignored): %s", exc)
        return False
    return True
