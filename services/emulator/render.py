"""Drawing the emulated outputs: visibly fake, reflecting the inputs, deterministic.

Each output is the input images side by side (fitted into the canvas), tinted and framed in
a colour derived from (seed, index), with the instruction in a translucent box and a solid
band reading "EMULATED | model | seed | i/n". Nothing random or time-dependent is drawn, so
the same request gives the same PNG bytes.
"""

from __future__ import annotations

import colorsys
import hashlib
import io
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont

_BACKGROUND = (34, 34, 40)
_BAND = (255, 214, 10)  # a loud yellow: nobody should mistake an output for a real edit
_PNG_LEVEL = 1  # fast: the emulator's outputs are short-lived test artefacts

Font = ImageFont.FreeTypeFont | ImageFont.ImageFont


@lru_cache(maxsize=32)
def font(size: int) -> Font:
    try:
        return ImageFont.load_default(size=size)
    except (ImportError, OSError, TypeError):  # Pillow built without FreeType
        return ImageFont.load_default()


def tint_colour(seed: int, index: int) -> tuple[int, int, int]:
    digest = hashlib.sha256(f"{seed}:{index}".encode()).digest()
    hue = int.from_bytes(digest[:2], "big") / 65536
    r, g, b = colorsys.hsv_to_rgb(hue, 0.7, 0.95)
    return round(r * 255), round(g * 255), round(b * 255)


def wrap(text: str, face: Font, max_width: float) -> list[str]:
    """Greedy word wrap; words wider than a line (or CJK runs) are split by character."""
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        line = ""
        for word in paragraph.split(" "):
            candidate = f"{line} {word}" if line else word
            if face.getlength(candidate) <= max_width:
                line = candidate
                continue
            if line:
                lines.append(line)
            line = ""
            for char in word:
                if line and face.getlength(line + char) > max_width:
                    lines.append(line)
                    line = ""
                line += char
        lines.append(line)
    return lines


class Renderer:
    """Builds the shared composition once; `png(index)` adds what differs per output."""

    def __init__(
        self,
        images: list[Image.Image],
        size: tuple[int, int],
        *,
        text: str,
        negative_prompt: str,
        model: str,
        seed: int,
        n: int,
        watermark: bool,
    ) -> None:
        self.size = size
        self.model, self.seed, self.n, self.watermark = model, seed, n, watermark
        self.band_height = max(24, size[1] // 16)
        self.margin = max(8, min(size) // 48)
        self.base = self._compose(images)
        self.box, self.box_xy = self._text_box(text, negative_prompt)

    def _compose(self, images: list[Image.Image]) -> Image.Image:
        width, height = self.size
        canvas = Image.new("RGB", self.size, _BACKGROUND)
        gap = max(4, width // 128)
        cell_w = (width - gap * (len(images) + 1)) / len(images)
        cell_h = height - self.band_height - 2 * gap
        for i, image in enumerate(images):
            scale = min(cell_w / image.width, cell_h / image.height)
            fitted = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
            resized = image.resize(fitted, Image.Resampling.BILINEAR, reducing_gap=2.0)
            x = round(gap + i * (cell_w + gap) + (cell_w - fitted[0]) / 2)
            y = round(gap + (cell_h - fitted[1]) / 2)
            canvas.paste(resized, (x, y))
        return canvas

    def _text_box(self, text: str, negative: str) -> tuple[Image.Image, tuple[int, int]]:
        width, height = self.size
        face = font(max(12, min(width, height) // 40))
        line_h = round(face.size * 1.3) if isinstance(face, ImageFont.FreeTypeFont) else 14
        pad = self.margin
        inner = width - 4 * pad
        lines = wrap(f"Edit: {text}", face, inner)
        if negative.strip():
            lines += wrap(f"Avoid: {negative}", face, inner)
        max_lines = max(1, int((height - self.band_height) * 0.45 - 2 * pad) // line_h)
        if len(lines) > max_lines:
            lines = lines[: max_lines - 1] + ["..."]
        box = Image.new("RGBA", (width - 2 * pad, len(lines) * line_h + 2 * pad), (0, 0, 0, 150))
        draw = ImageDraw.Draw(box)
        for i, line in enumerate(lines):
            draw.text((pad, pad + i * line_h), line, font=face, fill=(255, 255, 255, 255))
        return box, (pad, pad)

    def png(self, index: int) -> bytes:
        width, height = self.size
        colour = tint_colour(self.seed, index)
        image = Image.blend(self.base, Image.new("RGB", self.size, colour), 0.2)
        image.paste(self.box, self.box_xy, self.box)
        draw = ImageDraw.Draw(image)
        frame = max(3, min(width, height) // 128)
        band_top = height - self.band_height
        draw.rectangle((0, 0, width - 1, band_top - 1), outline=colour, width=frame)
        draw.rectangle((0, band_top, width, height), fill=_BAND)
        swatch = self.band_height - 8
        draw.rectangle((4, band_top + 4, 4 + swatch, band_top + 4 + swatch), fill=colour)
        face = font(max(10, self.band_height * 11 // 20))
        label = f"EMULATED | {self.model} | seed {self.seed} | {index + 1}/{self.n}"
        draw.text((swatch + 12, band_top + self.band_height / 2), label, font=face,
                  fill=(0, 0, 0), anchor="lm")  # fmt: skip
        if self.watermark:
            mark = font(max(12, min(width, height) // 32))
            xy = (width - self.margin, band_top - self.margin)
            draw.text(xy, "Qwen-Image", font=mark, fill=(255, 255, 255), anchor="rd",
                      stroke_width=2, stroke_fill=(0, 0, 0))  # fmt: skip
        out = io.BytesIO()
        image.save(out, format="PNG", compress_level=_PNG_LEVEL)
        return out.getvalue()
