"""Realistic outputs (`Emulator(realistic=True)`): answers shaped like the model's, for tests of
what the app does with them (region edits, issue 12).

Each output is image 1, as the service received it (decoded), stretched to the output size
(about 1 MP at the last image's aspect, or exactly `size`), with an edit of its own and a small
tag, then drifted as the model drifts what it was not asked to change:

1. the edit: inside a centred ellipse covering EDIT_SHARE of the image, the colours rotated
   (R, G, B -> B, R, G) and blended half-way with the colour of (seed, index), so every output
   differs inside it and a grey input changes too;
2. the tag: a small "EMULATED" label in the top-left corner (nothing across the image: an
   alignment needs the context around a region);
3. the drift: `services.region_edit.drift.apply_drift` with a fixed `Drift`, or with one drawn
   from (seed, output index) for "random", so the same request drifts the same way.

The drift each output got is kept (`RealisticRenderer.drifts`); the service records it in the
request log and in the answer's `output.emulator_drifts`.

Unlike the rest of the emulator this needs numpy and OpenCV (through region_edit.drift, whose
parameters are the truth the tests compare against); it is imported only in this mode.
"""

from __future__ import annotations

import io
import math
from dataclasses import asdict
from typing import Any

import numpy as np
from PIL import Image, ImageDraw

from services.region_edit.drift import Drift, apply_drift, random_drift

from .render import font, tint_colour

EDIT_SHARE = 0.20  # of the output's area, inside the edit ellipse
_SEMI_AXIS = math.sqrt(EDIT_SHARE / math.pi)  # of the width / height: pi * a * b = share
TAG_TEXT = "EMULATED"
_TAG_FILL, _TAG_TEXT = (0, 0, 0), (255, 214, 10)
_PNG_LEVEL = 1

DriftSpec = Drift | str | None  # None: no drift; "random": drawn per (seed, index)


def check_drift(drift: object) -> DriftSpec:
    """The drift setting, checked: None, "random" or a Drift."""
    if drift is None or drift == "random" or isinstance(drift, Drift):
        return drift  # type: ignore[return-value]
    raise ValueError(f'drift must be None, "random" or a Drift, not {drift!r}')


def parse_drift(text: str) -> DriftSpec:
    """The command line's --drift: "none", "random", or fields such as
    "zoom=1.02,shift=0.01:-0.005,angle=0.5,gain=1.05:1:0.95,offset=4:0:-3"."""
    text = text.strip()
    if text.lower() in ("", "none"):
        return None
    if text.lower() == "random":
        return "random"
    fields: dict[str, Any] = {}
    for part in text.split(","):
        name, eq, value = part.partition("=")
        name = name.strip()
        if not eq or name not in ("zoom", "shift", "angle", "gain", "offset"):
            raise ValueError(f"not a drift field: {part!r} (zoom, shift, angle, gain, offset)")
        numbers = tuple(float(v) for v in value.split(":"))
        wanted = {"zoom": 1, "angle": 1, "shift": 2, "gain": 3, "offset": 3}[name]
        if len(numbers) != wanted:
            raise ValueError(f"{name} takes {wanted} number(s) separated by ':'")
        fields[name] = numbers[0] if wanted == 1 else numbers
    return Drift(**fields)


def drift_for(spec: DriftSpec, seed: int, index: int) -> Drift | None:
    """The drift output `index` of a request with `seed` gets."""
    if spec is None:
        return None
    drift = random_drift(np.random.default_rng([seed, index])) if spec == "random" else spec
    assert isinstance(drift, Drift)
    # Plain floats (random_drift's are numpy's), so the record reads the same as JSON.
    return Drift(
        zoom=float(drift.zoom),
        shift=(float(drift.shift[0]), float(drift.shift[1])),
        angle=float(drift.angle),
        gain=(float(drift.gain[0]), float(drift.gain[1]), float(drift.gain[2])),
        offset=(float(drift.offset[0]), float(drift.offset[1]), float(drift.offset[2])),
    )


def drift_record(drift: Drift | None) -> dict[str, Any] | None:
    """A drift as recorded: Drift(**record) gives it back."""
    return None if drift is None else asdict(drift)


def edit_ellipse(size: tuple[int, int]) -> tuple[float, float, float, float]:
    """(centre x, centre y, semi-axis x, semi-axis y) of the edit, in output pixels."""
    width, height = size
    return width / 2, height / 2, _SEMI_AXIS * width, _SEMI_AXIS * height


def edit_mask(size: tuple[int, int]) -> Image.Image:
    """The edit's ellipse as an "L" image (255 inside)."""
    cx, cy, rx, ry = edit_ellipse(size)
    mask = Image.new("L", size, 0)
    ImageDraw.Draw(mask).ellipse((cx - rx, cy - ry, cx + rx, cy + ry), fill=255)
    return mask


def tag_box(size: tuple[int, int]) -> tuple[int, int, int, int]:
    """(left, top, right, bottom) of the tag, before any drift."""
    left, top, right, bottom = _tag_font(size).getbbox(TAG_TEXT)
    pad = _tag_pad(size)
    return 0, 0, math.ceil(right - left) + 2 * pad, math.ceil(bottom - top) + 2 * pad


def _tag_font(size: tuple[int, int]):
    return font(max(10, min(size) // 48))


def _tag_pad(size: tuple[int, int]) -> int:
    return max(2, min(size) // 200)


def undrifted(image: Image.Image, size: tuple[int, int], seed: int, index: int) -> Image.Image:
    """Output `index` before its drift: image 1 at `size`, edited and tagged."""
    base = image.convert("RGB").resize(size, Image.Resampling.LANCZOS)
    r, g, b = base.split()
    colour = Image.new("RGB", size, tint_colour(seed, index))
    edited = Image.blend(Image.merge("RGB", (b, r, g)), colour, 0.5)
    base.paste(edited, (0, 0), edit_mask(size))
    draw = ImageDraw.Draw(base)
    box = tag_box(size)
    draw.rectangle((box[0], box[1], box[2] - 1, box[3] - 1), fill=_TAG_FILL)
    face, pad = _tag_font(size), _tag_pad(size)
    left, top, _, _ = face.getbbox(TAG_TEXT)
    draw.text((pad - left, pad - top), TAG_TEXT, font=face, fill=_TAG_TEXT)
    return base


class RealisticRenderer:
    """`png(index)` as `render.Renderer` has it; `drifts[index]` is the drift output `index`
    got (None: none), known before any output is rendered."""

    def __init__(
        self, image: Image.Image, size: tuple[int, int], *, seed: int, n: int, drift: DriftSpec
    ) -> None:
        self.image, self.size, self.seed = image, size, seed
        self.drifts: list[Drift | None] = [drift_for(drift, seed, i) for i in range(n)]

    def output(self, index: int) -> Image.Image:
        image = undrifted(self.image, self.size, self.seed, index)
        drift = self.drifts[index]
        return image if drift is None else apply_drift(image, drift)

    def png(self, index: int) -> bytes:
        out = io.BytesIO()
        self.output(index).save(out, format="PNG", compress_level=_PNG_LEVEL)
        return out.getvalue()

    def record(self) -> dict[str, Any]:
        """What the request log keeps about this mode's outputs."""
        cx, cy, rx, ry = edit_ellipse(self.size)
        return {
            "size": list(self.size),
            "edit_ellipse": [cx, cy, rx, ry],
            "tag_box": list(tag_box(self.size)),
            "drifts": [drift_record(d) for d in self.drifts],
        }
