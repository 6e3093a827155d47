"""One colour per state, the same in the workbook and on the board picture.

The office reads green as done on time, amber as late, red as overdue, blue as still in
time and grey as exempt (the conditional-formatting colours Excel users already know).
"""

from __future__ import annotations

# state -> (fill, text), as RRGGBB
STATE_COLOURS = {
    "submitted": ("C6EFCE", "006100"),
    "late": ("FFEB9C", "9C5700"),
    "overdue": ("FFC7CE", "9C0006"),
    "pending": ("DDEBF7", "1F4E78"),
    "exempt": ("E7E6E6", "595959"),
}
NONE_COLOURS = ("FFFFFF", "808080")  # a branch without this deadline
HEADER_FILL = "D9D9D9"


def rgb(hex_colour: str) -> tuple[int, int, int]:
    """'C6EFCE' as (198, 239, 206)."""
    return int(hex_colour[0:2], 16), int(hex_colour[2:4], 16), int(hex_colour[4:6], 16)
