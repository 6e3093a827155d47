"""Turning a Telegram Update into the neutral Incoming the handlers understand."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from telegram import Bot, CallbackQuery, Document, Message, Update, User

from core.messages import Attachment, Incoming

CHANNEL = "telegram"

Fetcher = Callable[[Document], Callable[[], Awaitable[bytes]]]


class FileTooLarge(Exception):
    """A downloaded file is over the upload limit."""


def to_incoming(update: Update, fetcher: Fetcher) -> Incoming | None:
    """The Incoming for a message or a button press; None for updates we do not handle."""
    if update.callback_query is not None:
        return _from_callback(update.callback_query)
    message = update.message
    if message is None:
        return None  # edits, channel posts, joins: nothing to answer
    return _from_message(message, fetcher)


def _from_message(message: Message, fetcher: Fetcher) -> Incoming:
    reply_to = message.reply_to_message
    document = message.document
    attachment = None
    if document is not None:
        attachment = Attachment(
            name=document.file_name or "tệp không tên",
            size=document.file_size,
            fetch=fetcher(document),
            mime=document.mime_type,
        )
    return Incoming(
        channel=CHANNEL,
        chat_id=str(message.chat.id),
        user_id=_user_id(message.from_user, message.chat.id),
        # A document's caption plays the part of its text ("báo cáo quý 2", a reply note).
        text=message.text or message.caption or "",
        message_id=str(message.message_id),
        reply_to_message_id=str(reply_to.message_id) if reply_to is not None else None,
        attachment=attachment,
        display_name=_display_name(message.from_user),
    )


def _from_callback(query: CallbackQuery) -> Incoming | None:
    if not query.data:
        return None  # a game button: no data for us
    chat_id = query.message.chat.id if query.message is not None else query.from_user.id
    return Incoming(
        channel=CHANNEL,
        chat_id=str(chat_id),
        user_id=str(query.from_user.id),
        callback_data=query.data,
        display_name=_display_name(query.from_user),
    )


def _user_id(user: User | None, chat_id: int) -> str:
    return str(user.id) if user is not None else str(chat_id)


def _display_name(user: User | None) -> str:
    return user.full_name if user is not None else ""


def file_fetcher(bot: Bot, max_bytes: int) -> Fetcher:
    """A Fetcher downloading documents through getFile, refusing files over max_bytes."""

    def for_document(document: Document) -> Callable[[], Awaitable[bytes]]:
        async def fetch() -> bytes:
            if document.file_size is not None and document.file_size > max_bytes:
                raise FileTooLarge(f"{document.file_size} bytes > {max_bytes}")
            file = await bot.get_file(document.file_id)
            data = bytes(await file.download_as_bytearray())
            if len(data) > max_bytes:  # file_size is optional in the Bot API; check the bytes
                raise FileTooLarge(f"{len(data)} bytes > {max_bytes}")
            return data

        return fetch

    return for_document


def is_command(msg: Incoming) -> bool:
    """Whether a message is a /command (no typing indicator for those: they answer fast)."""
    return msg.text.lstrip().startswith("/")
