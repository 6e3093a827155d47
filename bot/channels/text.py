"""Plain-text helpers shared by channels: splitting at a limit, buttons as numbered options."""

from __future__ import annotations

from bot.channels.base import Button


def split_text(text: str, limit: int) -> list[str]:
    """Split text into parts of at most limit characters, preferring paragraph breaks."""
    if limit <= 0:
        raise ValueError("limit must be positive")
    text = text.strip()
    if len(text) <= limit:
        return [text] if text else []
    parts: list[str] = []
    current = ""
    for paragraph in text.split("\n\n"):
        candidate = f"{current}\n\n{paragraph}" if current else paragraph
        if len(candidate) <= limit:
            current = candidate
            continue
        if current:
            parts.append(current)
        current = ""
        for piece in _split_long(paragraph, limit):
            candidate = f"{current}\n{piece}" if current else piece
            if len(candidate) <= limit:
                current = candidate
            else:
                parts.append(current)
                current = piece
    if current:
        parts.append(current)
    return [p.strip() for p in parts if p.strip()]


def _split_long(paragraph: str, limit: int) -> list[str]:
    """Lines first, then words, then hard cuts for a paragraph over the limit."""
    pieces: list[str] = []
    for line in paragraph.split("\n"):
        while len(line) > limit:
            cut = line.rfind(" ", 0, limit)
            cut = cut if cut > limit // 2 else limit
            pieces.append(line[:cut].rstrip())
            line = line[cut:].lstrip()
        pieces.append(line)
    return pieces


def render_options(buttons: tuple[tuple[Button, ...], ...]) -> str:
    """Buttons as numbered options, for channels without buttons (the console, Zalo)."""
    flat = [b for row in buttons for b in row]
    # A label that already carries its number (a numbered pick list) is not numbered twice.
    return "\n".join(f"  [{i}] {b.label.removeprefix(f'{i}. ')}" for i, b in enumerate(flat, 1))


def option_data(buttons: list[Button], text: str) -> str | None:
    """The callback data of the option a bare number picks ("2"), or None for other text."""
    text = text.strip()
    if text.isdigit() and 1 <= int(text) <= len(buttons):
        return buttons[int(text) - 1].data
    return None
