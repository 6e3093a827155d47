"""The status board as a picture: branches × deadlines, each cell coloured by its state.

Drawn with Pillow in DejaVu Sans, which has every Vietnamese letter (Pillow's own default
font shows boxes for them). Without the font the board is drawn without diacritics and the
caller is told so (`Board.note`).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from handlers.deadline_texts import REPORT_ORDER, STATE_VI
from handlers.reports.colours import HEADER_FILL, NONE_COLOURS, STATE_COLOURS, rgb
from knowledge.vi.textnorm import strip_marks

FONT_DIRS = (
    "/usr/share/fonts/truetype/dejavu",  # Debian, Ubuntu: fonts-dejavu-core
    "/usr/share/fonts/dejavu",  # Fedora, Alpine
    "/usr/share/fonts/TTF",  # Arch
)
NO_FONT_NOTE = (
    "Máy chủ chưa có phông chữ DejaVu Sans nên ảnh viết không dấu; cài gói fonts-dejavu-core "
    "để có chữ có dấu."
)
# Layout in pixels: fixed, so the picture's size follows from the rows and columns alone.
PAD, TITLE_H, HEAD_H, CELL_W, CELL_H, LABEL_W, LINE_H, MIN_W = 16, 40, 46, 104, 30, 280, 24, 720


@dataclass(frozen=True)
class Column:
    """One deadline (its current period) on the board."""

    label: str  # "#12"
    due: str  # "10/05"
    legend: str  # "#12 Báo cáo sơ kết 6 tháng — hạn 10/05/2024"


@dataclass(frozen=True)
class Board:
    """What the picture shows: a title, the columns, one row of states per branch."""

    title: str
    columns: Sequence[Column]
    rows: Sequence[tuple[str, Sequence[str | None]]]  # branch label, a state per column


def board_size(rows: int, columns: int) -> tuple[int, int]:
    """The picture's width and height for so many branches and deadlines."""
    width = max(MIN_W, 2 * PAD + LABEL_W + columns * CELL_W)
    height = PAD + TITLE_H + HEAD_H + rows * CELL_H + PAD + (columns + 1) * LINE_H + PAD
    return width, height


def find_font(dirs: Sequence[str] = FONT_DIRS) -> Path | None:
    """DejaVu Sans, where the system keeps it."""
    return next(
        (Path(d) / "DejaVuSans.ttf" for d in dirs if (Path(d) / "DejaVuSans.ttf").is_file()), None
    )


class _Pen:
    """Text in DejaVu Sans, or in Pillow's font without diacritics when DejaVu is missing."""

    def __init__(self, font: Path | None) -> None:
        self.plain = font is None
        bold = font.with_name("DejaVuSans-Bold.ttf") if font else None
        self.small = self._load(font, 13)
        self.body = self._load(font, 14)
        self.bold = self._load(bold if bold and bold.is_file() else font, 17)

    @staticmethod
    def _load(path: Path | None, size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
        return ImageFont.truetype(str(path), size) if path else ImageFont.load_default(size)

    def text(self, value: str) -> str:
        """The text as this pen can write it."""
        return strip_marks(value) if self.plain else value

    def fit(self, draw: ImageDraw.ImageDraw, value: str, font: object, width: int) -> str:
        """The text cut (with …) to fit a width."""
        value = self.text(value)
        while value and draw.textlength(value, font=font) > width:  # type: ignore[arg-type]
            value = value[:-2].rstrip() + "…"
        return value


def render_png(board: Board, font: Path | None) -> bytes:
    """The board as PNG bytes."""
    width, height = board_size(len(board.rows), len(board.columns))
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    pen = _Pen(font)
    draw.text(
        (PAD, PAD + 8),
        pen.fit(draw, board.title, pen.bold, width - 2 * PAD),
        font=pen.bold,
        fill="black",
    )
    top = PAD + TITLE_H
    _header(draw, pen, board.columns, top)
    for i, (label, states) in enumerate(board.rows):
        y = top + HEAD_H + i * CELL_H
        draw.text(
            (PAD + 4, y + CELL_H / 2),
            pen.fit(draw, label, pen.body, LABEL_W - 8),
            font=pen.body,
            fill="black",
            anchor="lm",
        )
        for j, state in enumerate(states):
            _cell(draw, pen, PAD + LABEL_W + j * CELL_W, y, state)
    _legend(draw, pen, board.columns, top + HEAD_H + len(board.rows) * CELL_H + PAD, width)
    out = io.BytesIO()
    image.save(out, "PNG", compress_level=6)
    return out.getvalue()


def _header(draw: ImageDraw.ImageDraw, pen: _Pen, columns: Sequence[Column], top: int) -> None:
    draw.rectangle(
        [PAD, top, PAD + LABEL_W + len(columns) * CELL_W - 1, top + HEAD_H - 2],
        fill=rgb(HEADER_FILL),
    )
    draw.text(
        (PAD + 4, top + HEAD_H / 2), pen.text("Chi bộ"), font=pen.bold, fill="black", anchor="lm"
    )
    for j, column in enumerate(columns):
        x = PAD + LABEL_W + j * CELL_W + CELL_W / 2
        draw.text((x, top + 14), column.label, font=pen.bold, fill="black", anchor="mm")
        draw.text(
            (x, top + 33), pen.text(f"hạn {column.due}"), font=pen.small, fill="black", anchor="mm"
        )


def _cell(draw: ImageDraw.ImageDraw, pen: _Pen, x: int, y: int, state: str | None) -> None:
    fill, ink = STATE_COLOURS.get(state or "", NONE_COLOURS)
    draw.rectangle(
        [x + 1, y + 1, x + CELL_W - 2, y + CELL_H - 2], fill=rgb(fill), outline=rgb("BFBFBF")
    )
    word = STATE_VI[state] if state else "—"
    draw.text(
        (x + CELL_W / 2, y + CELL_H / 2), pen.text(word), font=pen.body, fill=rgb(ink), anchor="mm"
    )


def _legend(
    draw: ImageDraw.ImageDraw, pen: _Pen, columns: Sequence[Column], top: int, width: int
) -> None:
    for i, column in enumerate(columns):
        text = pen.fit(draw, column.legend, pen.body, width - 2 * PAD)
        draw.text(
            (PAD, top + i * LINE_H + LINE_H / 2), text, font=pen.body, fill="black", anchor="lm"
        )
    y, x = top + len(columns) * LINE_H, PAD
    for state in REPORT_ORDER:
        fill, ink = STATE_COLOURS[state]
        draw.rectangle([x, y + 5, x + 14, y + 19], fill=rgb(fill), outline=rgb(ink))
        word = pen.text(STATE_VI[state])
        draw.text((x + 20, y + LINE_H / 2), word, font=pen.body, fill="black", anchor="lm")
        x += 34 + int(draw.textlength(word, font=pen.body))


def board_title(now: datetime, tz: tzinfo) -> str:
    """'Tình hình nộp báo cáo lúc 09:00 ngày 02/05/2024'."""
    local = now.astimezone(tz)
    return f"Tình hình nộp báo cáo lúc {local:%H:%M} ngày {local:%d/%m/%Y}"
