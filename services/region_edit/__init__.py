"""Region edits: paint a part of image 1, get the model's edit back stitched into the
full-resolution original, every other pixel untouched (issue 12).

The stages around the backend call, each a plain function (no gradio, no dashscope):
    plan(image_size, mask)        where to crop, the size to ask for, the feather  (crop.py)
    crop_input(image, plan)       the crop to send as image 1
    ... the backend edits the crop ...
    stitch(original, output, plan) resize, align, colour-match, blend            (align.py,
                                                                                  blend.py)
drift.py describes what the model does to what it was not asked to change, so the emulator can
do it too and tests know the truth.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import cv2
import numpy as np
from PIL import Image

from services.messages import Translatable, msg
from services.region_edit.align import Alignment, align_output
from services.region_edit.blend import compose, feather_alpha, heatmap
from services.region_edit.crop import (
    EmptyMaskError,
    MaskShapeError,
    MaskSizeError,
    MaskTooLargeError,
    MaskTooSmallError,
    RegionError,
    RegionPlan,
    plan,
)
from services.region_edit.drift import Drift, apply_drift, random_drift

__all__ = [
    "Alignment",
    "Drift",
    "EmptyMaskError",
    "MaskShapeError",
    "MaskSizeError",
    "MaskTooLargeError",
    "MaskTooSmallError",
    "RegionError",
    "RegionPlan",
    "Stitched",
    "apply_drift",
    "crop_input",
    "plan",
    "random_drift",
    "stitch",
    "stitch_all",
]


@dataclass(frozen=True)
class Stitched:
    pixels: np.ndarray  # the original's size: the edit inside, the original's pixels outside
    original: np.ndarray = field(repr=False)
    box: tuple[int, int, int, int]
    raw: Image.Image  # the model's output as it came
    alignment: Alignment
    warnings: list[str] = field(default_factory=list)  # things a person should know

    @property
    def image(self) -> Image.Image:
        return Image.fromarray(self.pixels, "RGB")

    @property
    def heatmap(self) -> Image.Image:
        """What changed (the whole frame, <= 1600 px): made when asked, not for every output."""
        return Image.fromarray(heatmap(self.original, self.pixels, self.box), "RGB")


def _rgb(image: Image.Image | np.ndarray) -> np.ndarray:
    if isinstance(image, Image.Image):
        return np.asarray(image if image.mode == "RGB" else image.convert("RGB"))
    return np.ascontiguousarray(image[..., :3])


def crop_input(image: Image.Image, plan: RegionPlan) -> Image.Image:
    """The part of image 1 to send (at its own resolution: the service scales it)."""
    if image.size != plan.image_size:
        raise MaskSizeError(
            msg(
                "error.region.image_size",
                image=f"{image.size[0]}x{image.size[1]}",
                painted=f"{plan.image_size[0]}x{plan.image_size[1]}",
            ),
            msg("hint.region.paint_again_here"),
        )
    return image.crop(plan.box)


def stitch(original: Image.Image | np.ndarray, output: Image.Image, plan: RegionPlan) -> Stitched:
    """One model output put back into the original: scaled to the crop, aligned on the context
    ring, colour-matched there, and blended with the feathered mask."""
    full = _rgb(original)
    if (full.shape[1], full.shape[0]) != plan.image_size:
        raise MaskSizeError(
            msg("error.region.original_changed"), msg("hint.region.paint_again_here")
        )
    left, top, right, bottom = plan.box
    crop = full[top:bottom, left:right]
    width, height = plan.crop_size
    raw = _rgb(output)
    # INTER_AREA when shrinking (no aliasing), cubic when enlarging (the usual case).
    shrinking = raw.shape[1] > width
    scaled = cv2.resize(
        raw, (width, height), interpolation=cv2.INTER_AREA if shrinking else cv2.INTER_CUBIC
    )
    warnings = []
    if abs(raw.shape[1] / raw.shape[0] - width / height) > 0.05 * width / height:
        warnings.append(Translatable(msg("warning.region.stretched")))
    aligned, alignment, more = align_output(
        crop, scaled, plan.mask, plan.feather, plan.outside_distance
    )
    warnings += more
    alpha = feather_alpha(plan.mask, plan.feather, plan.outside_distance)
    result = compose(full, aligned, alpha, plan.box)
    return Stitched(result, full, plan.box, output, alignment, warnings)


def stitch_all(
    original: Image.Image | np.ndarray, outputs: list[Image.Image], plan: RegionPlan
) -> list[Stitched]:
    """Every output of one edit; the original is read into an array once."""
    full = _rgb(original)
    return [stitch(full, output, plan) for output in outputs]
