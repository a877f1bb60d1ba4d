"""The contact sheet: a labelled PNG of a run's grid (layout.py), headers in the reader's
language. Noto Sans CJK draws Chinese and Japanese headers (Debian's fonts-noto-cjk);
without it, Pillow's own font draws what it can."""

from __future__ import annotations

import functools
import glob
import os
import tempfile
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont, ImageOps

from services.messages import Message, render

from .layout import Grid, grid
from .types import Cell, RunView

THUMB = 256  # each cell's box, square
PAD = 8
TITLE_H = 44
HEADER_H = 40
ROW_HEADER_W = 240
FONT_PX = 18
NOTE_PX = 14  # the instruction under its row's header
NOTE_LINES = 8

_BACK = (250, 250, 250)
_INK = (30, 30, 30)
_MUTED = (120, 120, 120)
_FAILED = (255, 226, 226)
_FAILED_INK = (180, 20, 20)
_EMPTY = (232, 232, 232)
_WINNER = (20, 150, 60)
# Faces of Noto Sans CJK's collection: the reader's own glyph forms (JP 0, SC 2).
_FACE = {"ja": 0, "zh-CN": 2}


def sheet_size(rows: int, columns: int) -> tuple[int, int]:
    """The sheet's width and height for a grid of rows x columns."""
    return (
        ROW_HEADER_W + columns * (THUMB + PAD) + PAD,
        TITLE_H + HEADER_H + rows * (THUMB + PAD) + PAD,
    )


@functools.cache
def _cjk_font_path() -> str | None:
    found = sorted(glob.glob("/usr/share/fonts/**/NotoSansCJK-Regular.ttc", recursive=True))
    found += sorted(glob.glob("/usr/share/fonts/**/*CJK*.tt[cf]", recursive=True))
    return found[0] if found else None


@functools.cache
def font(lang: str, size: int = FONT_PX) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    path = _cjk_font_path()
    if path:
        try:
            return ImageFont.truetype(path, size, index=_FACE.get(lang, 0))
        except OSError:
            pass
    return ImageFont.load_default(size)


def _fit(draw: ImageDraw.ImageDraw, text: str, width: int, face) -> str:
    """The text, cut with an ellipsis to fit the width."""
    if draw.textlength(text, font=face) <= width:
        return text
    while text and draw.textlength(text + "…", font=face) > width:
        text = text[:-1]
    return text + "…"


def _wrapped(draw, text: str, width: int, face, lines: int) -> list[str]:
    """The text in at most `lines` lines of the width (by character: CJK has no spaces),
    the last cut with an ellipsis."""
    out: list[str] = []
    rest = " ".join(text.split())[: lines * 60]  # more than the lines can hold: cut early
    while rest and len(out) < lines:
        take = len(rest)
        while take > 1 and draw.textlength(rest[:take], font=face) > width:
            take -= 1
        if take < len(rest) and " " in rest[:take]:  # break at a space when there is one
            take = rest[:take].rindex(" ") + 1
        out.append(rest[:take].strip())
        rest = rest[take:].lstrip()
    if rest and out:
        out[-1] = _fit(draw, out[-1] + "…", width, face)
    return out


def write_sheet(view: RunView, lang: str, folder: Path) -> Path:
    layout = grid(view)
    image = render_sheet(view, layout, lang)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"contact-sheet-{lang}.png"
    fd, tmp = tempfile.mkstemp(dir=folder, suffix=".png.tmp")
    os.close(fd)
    try:
        image.save(tmp, format="PNG")
        os.replace(tmp, target)
    finally:
        Path(tmp).unlink(missing_ok=True)
    return target


def render_sheet(view: RunView, layout: Grid, lang: str) -> Image.Image:
    rows, columns = len(layout.rows), len(layout.columns)
    sheet = Image.new("RGB", sheet_size(rows, columns), _BACK)
    draw = ImageDraw.Draw(sheet)
    face, big = font(lang), font(lang, FONT_PX + 4)
    counts = view.counts()
    name = view.name or render(Message("experiment.sheet.untitled"), lang)
    title = render(
        Message(
            "experiment.sheet.title",
            {"name": name, "done": counts["done"], "total": len(view.cells)},
        ),
        lang,
    )
    draw.text((PAD, PAD), _fit(draw, title, sheet.width - 2 * PAD, big), fill=_INK, font=big)
    small = font(lang, NOTE_PX)
    for c, header in enumerate(layout.columns):
        x = ROW_HEADER_W + PAD + c * (THUMB + PAD)
        text = _fit(draw, layout.header(header, lang), THUMB, face)
        note = layout.column_notes[c] if c < len(layout.column_notes) else ""
        if note:  # the instruction beside its number, on one line
            text = _fit(draw, f"{text}  {note}", THUMB, face)
        draw.text((x, TITLE_H + 8), text, fill=_INK, font=face)
    for r, header in enumerate(layout.rows):
        y = TITLE_H + HEADER_H + r * (THUMB + PAD)
        width = ROW_HEADER_W - 2 * PAD
        text = _fit(draw, layout.header(header, lang), width, face)
        draw.text((PAD, y + 8), text, fill=_INK, font=face)
        note = layout.row_notes[r] if r < len(layout.row_notes) else ""
        for k, line in enumerate(_wrapped(draw, note, width, small, NOTE_LINES)):
            draw.text((PAD, y + 16 + FONT_PX + k * (NOTE_PX + 4)), line, fill=_MUTED, font=small)
        for c, cell in enumerate(layout.cells[r]):
            x = ROW_HEADER_W + PAD + c * (THUMB + PAD)
            _draw_cell(sheet, draw, cell, (x, y), lang, face)
    return sheet


def _draw_cell(sheet: Image.Image, draw, cell: Cell | None, at, lang: str, face) -> None:
    x, y = at
    box = (x, y, x + THUMB - 1, y + THUMB - 1)
    shown = _thumbnail(cell.outputs[0]) if cell is not None and cell.outputs else None
    if shown is not None:
        draw.rectangle(box, fill=_EMPTY)
        sheet.paste(shown, (x + (THUMB - shown.width) // 2, y + (THUMB - shown.height) // 2))
        if cell is not None and len(cell.outputs) > 1:
            draw.text((x + 6, y + 4), f"+{len(cell.outputs) - 1}", fill=_INK, font=face)
    if cell is None:
        draw.rectangle(box, fill=_EMPTY)
    elif cell.status == "failed":
        if shown is None:
            draw.rectangle(box, fill=_FAILED)
        draw.rectangle(box, outline=_FAILED_INK, width=4)
        _centred(draw, render(Message("experiment.sheet.failed"), lang), box, _FAILED_INK, face)
    elif shown is None:
        draw.rectangle(box, fill=_EMPTY)
        word = "waiting" if cell.status == "done" else cell.status  # done, file gone: "?"
        said = render(Message(f"experiment.sheet.{word}"), lang) if cell.status != "done" else "?"
        _centred(draw, said, box, _MUTED, face)
    if cell is not None and cell.winner:
        draw.rectangle(box, outline=_WINNER, width=6)


def _centred(draw, text: str, box, fill, face) -> None:
    x0, y0, x1, y1 = box
    width = draw.textlength(text, font=face)
    draw.text(((x0 + x1 - width) / 2, (y0 + y1 - FONT_PX) / 2), text, fill=fill, font=face)


def _thumbnail(path: Path) -> Image.Image | None:
    """The output scaled into the cell's box, or None if it is gone or unreadable."""
    try:
        with Image.open(path) as opened:
            opened.draft("RGB", (THUMB, THUMB))
            return ImageOps.contain(opened.convert("RGB"), (THUMB, THUMB))
    except (OSError, ValueError, Image.DecompressionBombError):
        return None
