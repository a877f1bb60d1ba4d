"""Step 1 of a region edit: from the painted mask, the part of image 1 to send.

The service has no mask parameter and answers at about one megapixel, so instead of sending the
whole photo we send a crop around the painted region: the region's bounding box, grown by a
context margin (the model needs surroundings to match light and perspective), snapped to an
aspect the service handles, clipped to the image. A small region then gains detail: its crop is
worked on at ~1 MP instead of being a small part of a downscaled whole.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property

import cv2
import numpy as np
from PIL import Image

from services.errors import EditorError
from services.messages import msg

DEFAULT_MARGIN = 0.35  # context on each side, as a fraction of the region's width / height
MIN_MARGIN_PX = 32  # ...but never less than this, so a tiny region keeps some surroundings
MIN_RING_PX = 16  # context left outside mask + feather, for alignment and colour matching
MIN_CROP_PX = 64  # a crop side (capped at the image's side)
MAX_ASPECT = 3.0  # the crop's long side over its short side
MIN_MASK_PX = 64  # fewer painted pixels than this is a stray click, not a region
MAX_COVERAGE = 0.9  # a mask over this share of the image is a whole-image edit
FEATHER_SHARE = 0.02  # default feather: this share of the crop's short side...
MIN_FEATHER_PX = 4  # ...and at least this
TARGET_PIXELS = 1024 * 1024  # the service answers at about one megapixel
SIZE_STEP, SIZE_LOW, SIZE_HIGH = 16, 512, 2048  # what `size` accepts, per side

Box = tuple[int, int, int, int]  # left, top, right, bottom (right and bottom exclusive)


class RegionError(EditorError):
    """A painted region that cannot be edited as it is."""

    code = "RegionError"


class EmptyMaskError(RegionError):
    code = "EmptyMask"


class MaskSizeError(RegionError):
    code = "MaskSize"


class MaskTooLargeError(RegionError):
    code = "MaskTooLarge"


class MaskTooSmallError(RegionError):
    code = "MaskTooSmall"


class MaskShapeError(RegionError):
    code = "MaskShape"


@dataclass(frozen=True)
class RegionPlan:
    """What to send and how to put the answer back. `mask` covers the crop box only (the
    painted pixels all lie inside it), which keeps a plan small for a 12 MP photo."""

    image_size: tuple[int, int]  # the original's (width, height)
    box: Box  # the crop, in the original's pixels
    mask: np.ndarray  # bool, the box's (height, width): True = edit
    margin: float
    feather: int  # px at the original's resolution
    request_size: tuple[int, int]  # the `size` to ask for: the crop's aspect at ~1 MP
    coverage: float  # painted share of the whole image

    @property
    def crop_size(self) -> tuple[int, int]:
        left, top, right, bottom = self.box
        return right - left, bottom - top

    @cached_property
    def outside_distance(self) -> np.ndarray:
        """Each crop pixel's distance to the mask (0 inside): the feather and the context ring
        both derive from it, once per plan however many outputs come back."""
        outside = (~self.mask).astype(np.uint8)
        return cv2.distanceTransform(outside, cv2.DIST_L2, cv2.DIST_MASK_PRECISE)

    def full_mask(self) -> np.ndarray:
        """The mask at the original's size (for history and export)."""
        width, height = self.image_size
        full = np.zeros((height, width), bool)
        left, top, right, bottom = self.box
        full[top:bottom, left:right] = self.mask
        return full


def mask_array(mask: Image.Image | np.ndarray, image_size: tuple[int, int]) -> np.ndarray:
    """A painted mask as a bool array (white = edit), checked against image 1's size."""
    if isinstance(mask, Image.Image):
        if mask.size != tuple(image_size):
            raise _size_error(mask.size, image_size)
        array = np.asarray(mask.convert("L")) > 127
    else:
        array = np.asarray(mask)
        if array.ndim == 3:  # an RGB(A) array: any bright channel counts as painted
            array = array[..., :3].max(axis=2)
        if array.ndim != 2:
            raise MaskSizeError(msg("error.region.mask_not_image"), msg("hint.region.paint_again"))
        if (array.shape[1], array.shape[0]) != tuple(image_size):
            raise _size_error((array.shape[1], array.shape[0]), image_size)
        array = array if array.dtype == bool else array > (127 if array.dtype == np.uint8 else 0.5)
    return array


def _size_error(got: tuple[int, int], want: tuple[int, int]) -> MaskSizeError:
    return MaskSizeError(
        msg("error.region.mask_size", mask=f"{got[0]}x{got[1]}", image=f"{want[0]}x{want[1]}"),
        msg("hint.region.mask_size"),
    )


def default_feather(crop_size: tuple[int, int]) -> int:
    return max(MIN_FEATHER_PX, round(FEATHER_SHARE * min(crop_size)))


def request_size(crop_size: tuple[int, int]) -> tuple[int, int]:
    """The crop's aspect at about one megapixel: each side a multiple of 16 in 512..2048."""
    aspect = min(max(crop_size[0] / crop_size[1], 1 / MAX_ASPECT), MAX_ASPECT)
    width = math.sqrt(TARGET_PIXELS * aspect)
    sides = (width, TARGET_PIXELS / width)
    return tuple(  # type: ignore[return-value]
        min(SIZE_HIGH, max(SIZE_LOW, SIZE_STEP * round(side / SIZE_STEP))) for side in sides
    )


def _place(low: float, high: float, length: int, limit: int) -> tuple[int, int]:
    """An interval of `length` centred on [low, high], shifted inward to fit in [0, limit]."""
    start = round((low + high) / 2 - length / 2)
    start = min(max(start, 0), limit - length)
    return start, start + length


def crop_box(
    bbox: Box, image_size: tuple[int, int], margin: float, min_pad: int = MIN_MARGIN_PX
) -> Box:
    """The bounding box grown by the margin, snapped to 1:3..3:1, clipped to the image."""
    width, height = image_size
    left, top, right, bottom = bbox
    pad_x = max(margin * (right - left), min_pad)
    pad_y = max(margin * (bottom - top), min_pad)
    # Grow, then cap each side at the image's (a box never shrinks below the mask's box).
    w = min(width, max(MIN_CROP_PX, math.ceil(right - left + 2 * pad_x)))
    h = min(height, max(MIN_CROP_PX, math.ceil(bottom - top + 2 * pad_y)))
    # Snap the aspect by growing the short side: shrinking would cut into the mask.
    if w > MAX_ASPECT * h:
        h = min(height, math.ceil(w / MAX_ASPECT))
    elif h > MAX_ASPECT * w:
        w = min(width, math.ceil(h / MAX_ASPECT))
    if max(w, h) > MAX_ASPECT * min(w, h) + 1:  # only an image beyond 3:1 itself gets here
        raise MaskShapeError(
            msg("error.region.too_thin", box=f"{w}x{h}", aspect=MAX_ASPECT),
            msg("hint.region.too_thin"),
        )
    x0, x1 = _place(left, right, w, width)
    y0, y1 = _place(top, bottom, h, height)
    return x0, y0, x1, y1


def plan(
    image_size: tuple[int, int],
    mask: Image.Image | np.ndarray,
    margin: float = DEFAULT_MARGIN,
    feather: int | None = None,
) -> RegionPlan:
    """Where to crop image 1 for a region edit, the size to ask for, and the feather."""
    if not 0 <= margin <= 2:
        raise RegionError(msg("error.region.margin", margin=margin), msg("hint.region.margin"))
    if feather is not None and not 0 <= feather <= 512:
        raise RegionError(msg("error.region.feather", feather=feather), msg("hint.region.feather"))
    full = mask_array(mask, image_size)
    painted = int(np.count_nonzero(full))
    if painted == 0:
        raise EmptyMaskError(msg("error.region.empty"), msg("hint.region.empty"))
    if painted < MIN_MASK_PX:
        raise MaskTooSmallError(
            msg("error.region.too_small", pixels=painted), msg("hint.region.too_small")
        )
    coverage = painted / full.size
    if coverage > MAX_COVERAGE:
        raise MaskTooLargeError(
            msg("error.region.too_large", coverage=coverage), msg("hint.region.too_large")
        )
    rows, cols = np.flatnonzero(full.any(axis=1)), np.flatnonzero(full.any(axis=0))
    bbox = (int(cols[0]), int(rows[0]), int(cols[-1]) + 1, int(rows[-1]) + 1)
    box = crop_box(bbox, image_size, margin)
    size = (box[2] - box[0], box[3] - box[1])
    feather_px = default_feather(size) if feather is None else int(feather)
    if feather_px + MIN_RING_PX > MIN_MARGIN_PX:  # keep a ring beyond the feather
        box = crop_box(bbox, image_size, margin, min_pad=feather_px + MIN_RING_PX)
    left, top, right, bottom = box
    return RegionPlan(
        image_size=tuple(image_size),  # type: ignore[arg-type]
        box=box,
        mask=full[top:bottom, left:right].copy(),
        margin=margin,
        feather=feather_px,
        request_size=request_size((right - left, bottom - top)),
        coverage=coverage,
    )
