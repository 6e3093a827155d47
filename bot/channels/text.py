"""Splitting long texts at a channel's limit, on paragraph boundaries where possible."""

from __future__ import annotations


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
