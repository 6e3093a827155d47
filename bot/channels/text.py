"""Plain-text helpers shared by channels: splitting at a limit, buttons as numbered options."""

from __future__ import annotations

from core.messages import Button


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


def render_options(buttons: tuple[tuple[Button, ...], ...], first: int = 1) -> str:
    """Buttons as numbered options from first, for channels without buttons (console, Zalo)."""
    flat = [b for row in buttons for b in row]
    # A label that already carries its number (a numbered pick list) is not numbered twice.
    return "\n".join(f"  [{i}] {b.label.removeprefix(f'{i}. ')}" for i, b in enumerate(flat, first))


def typed_number(text: str, max_digits: int = 9) -> str | None:
    """The ASCII digits of a message that is only a number ("2", " 12 "), else None."""
    text = text.strip()
    # ASCII only: str.isdigit() also accepts "²" or "١", which int() refuses or misreads.
    if 0 < len(text) <= max_digits and text.isascii() and text.isdigit():
        return text
    return None
