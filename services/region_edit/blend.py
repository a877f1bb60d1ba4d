"""Step 4 of a region edit: the aligned output into the full-resolution original.

The promise to the user: every pixel outside the mask grown by the feather is the original's,
byte for byte. So the result starts as a copy of the original and only pixels whose alpha is
above zero are composed (on uint8, rounded); nothing else is resampled or re-encoded here.
"""

from __future__ import annotations

import cv2
import numpy as np

Box = tuple[int, int, int, int]


HEAT_SIDE = 1600  # the heat map's longest side: a preview, not a second full-size image


def feather_alpha(mask: np.ndarray, feather: int, dist: np.ndarray | None = None) -> np.ndarray:
    """1 inside the mask, easing to exactly 0 at `feather` px outside it (a smoothstep of the
    Euclidean distance: no kink at either end of the seam). `dist`: the mask's distance map."""
    if feather <= 0:
        return mask.astype(np.float32)
    if dist is None:
        dist = cv2.distanceTransform((~mask).astype(np.uint8), cv2.DIST_L2, cv2.DIST_MASK_PRECISE)
    t = np.clip(1.0 - dist / np.float32(feather), 0.0, 1.0)
    return t * t * (3.0 - 2.0 * t)


def compose(original: np.ndarray, patch: np.ndarray, alpha: np.ndarray, box: Box) -> np.ndarray:
    """A copy of `original` with `patch` blended into `box` where alpha > 0."""
    result = original.copy()
    rows, cols = np.flatnonzero(alpha.any(axis=1)), np.flatnonzero(alpha.any(axis=0))
    if not len(rows):
        return result
    # Work on the rectangle alpha touches only (the crop's context ring is left alone).
    y0, y1, x0, x1 = rows[0], rows[-1] + 1, cols[0], cols[-1] + 1
    left, top = box[0], box[1]
    region = result[top + y0 : top + y1, left + x0 : left + x1]
    a = alpha[y0:y1, x0:x1, None]
    base = region.astype(np.float32)
    mixed = base + a * (patch[y0:y1, x0:x1].astype(np.float32) - base)
    mixed = np.clip(np.rint(mixed), 0, 255).astype(np.uint8)
    # Only where alpha > 0: elsewhere the original's bytes stay, whatever the float maths did.
    np.copyto(region, mixed, where=a > 0)
    return result


def heatmap(original: np.ndarray, result: np.ndarray, box: Box) -> np.ndarray:
    """What changed: the largest channel difference, scaled so the strongest change is bright,
    in the inferno colour map (black where nothing changed). The whole image's frame at most
    HEAT_SIDE px long (only the box can differ)."""
    height, width = original.shape[:2]
    f = min(1.0, HEAT_SIDE / max(width, height))
    left, top, right, bottom = box
    diff = cv2.absdiff(original[top:bottom, left:right], result[top:bottom, left:right])
    diff = cv2.max(cv2.max(diff[..., 0], diff[..., 1]), diff[..., 2])
    small = (round(left * f), round(top * f), round(right * f), round(bottom * f))
    size = (max(1, small[2] - small[0]), max(1, small[3] - small[1]))
    diff = cv2.resize(diff, size, interpolation=cv2.INTER_AREA) if f < 1 else diff
    scaled = cv2.convertScaleAbs(diff, alpha=255.0 / max(1, int(diff.max())))
    canvas = np.zeros((max(1, round(height * f)), max(1, round(width * f))), np.uint8)
    canvas[small[1] : small[1] + size[1], small[0] : small[0] + size[0]] = scaled
    return cv2.cvtColor(cv2.applyColorMap(canvas, cv2.COLORMAP_INFERNO), cv2.COLOR_BGR2RGB)
