"""Step 3 of a region edit: put the model's output back where the crop was.

The model's outputs drift (a slight zoom, a shift, a small rotation, a colour cast), so an
output pasted as it comes leaves a visible step at the region's border. We estimate the
similarity transform from the context ring only (inside the crop, outside the mask grown by the
feather: the part the model was not asked to change), then match colour in the same ring.

Method, chosen by benchmarks/region_edit.py (a 12 MP photo, a region of 5 %, its 1717x1289 crop sent
at 1184x880, 20 random drifts; RMS error over a grid of crop pixels, median / max):
  ECC (cv2.findTransformECCWithMask: shift-only at 96 px, then affine at 192 and 512 px,
  projected onto a similarity)                               0.07 / 0.12 px, 35 ms per output
  phase correlation (log-polar spectra for scale and rotation, then translation; the softened
  ring as the window)                                        0.94 / 3.13 px, 31 ms per output
  none                                                       19.4 / 35.6 px
Phase correlation is as fast but its log-polar grid cannot resolve a 0.5 % zoom or a 0.1 degree
turn at this size; only ECC is kept here (the other lives in the benchmark, for comparison).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import cv2
import numpy as np

from services.messages import Translatable, msg

# Pyramid levels, coarse to fine: (max side, motion model). A shift-only start on a small level
# catches the largest drifts (2 % shift plus 3 % zoom) that an affine start there can miss.
LEVELS = ((96, cv2.MOTION_TRANSLATION), (192, cv2.MOTION_AFFINE), (512, cv2.MOTION_AFFINE))
EDGE_SHARE = 0.03  # a crop's edges are left out of the ring: the model invents them on a zoom
MIN_RING_SHARE = 0.04  # below this share of the crop the ring cannot carry an alignment
MIN_RING_PIXELS = 2000  # ...nor below this many pixels at the fine level
PLAUSIBLE = {"scale": 0.1, "angle": 5.0, "shift": 0.1}  # beyond: a wrong lock, not a drift
GAIN_RANGE, OFFSET_RANGE = (0.5, 2.0), (-64.0, 64.0)
PATCH = 48  # the residual check's patch side at the fine level
WARN_RESIDUAL_PX = 2.0  # a seam may show beyond this: say so


@dataclass(frozen=True)
class Alignment:
    """How the output had drifted from the crop, in crop pixels (what was undone)."""

    dx: float = 0.0  # where the crop's centre went in the output
    dy: float = 0.0
    scale: float = 1.0  # > 1: the output was zoomed in
    angle: float = 0.0  # degrees, counter-clockwise on screen
    residual_px: float | None = None  # misalignment left, measured on patches of the ring
    applied: bool = False  # False: the output was used as it came (see the warnings)
    gain: tuple[float, float, float] = (1.0, 1.0, 1.0)  # colour match: crop = gain*out + offset
    offset: tuple[float, float, float] = (0.0, 0.0, 0.0)
    matrix: np.ndarray = field(default_factory=lambda: np.eye(2, 3), repr=False)  # crop -> out


def ring_mask(mask: np.ndarray, feather: int, dist: np.ndarray | None = None) -> np.ndarray:
    """The context ring: inside the crop, outside the mask grown by the feather (and a margin
    for the ECC's smoothing), away from the crop's edges. `dist`: the mask's distance map."""
    if dist is None:
        outside = (~mask).astype(np.uint8)
        dist = cv2.distanceTransform(outside, cv2.DIST_L2, cv2.DIST_MASK_PRECISE)
    ring = dist > feather + 3
    height, width = mask.shape
    ex, ey = math.ceil(EDGE_SHARE * width), math.ceil(EDGE_SHARE * height)
    ring[:ey], ring[height - ey :], ring[:, :ex], ring[:, width - ex :] = False, False, False, False
    return ring


def _grey(pixels: np.ndarray) -> np.ndarray:
    """Grey at the first level's detail (INTER_AREA to at most twice the finest level first:
    converting 2 MP to grey costs more than the alignment it feeds)."""
    height, width = pixels.shape[:2]
    f = min(1.0, 2 * LEVELS[-1][0] / max(width, height))
    if f < 1:
        pixels = cv2.resize(pixels, (round(width * f), round(height * f)), cv2.INTER_AREA)
    return cv2.cvtColor(pixels, cv2.COLOR_RGB2GRAY).astype(np.float32)


def _scaling(fx: float, fy: float) -> np.ndarray:
    """3x3 map from crop pixels to a level's pixels (pixel centres kept in place)."""
    return np.array([[fx, 0, (fx - 1) / 2], [0, fy, (fy - 1) / 2], [0, 0, 1]])


def _similarity(affine: np.ndarray, centre: np.ndarray) -> np.ndarray:
    """The similarity nearest an affine map, keeping where the centre goes."""
    a = (affine[0, 0] + affine[1, 1]) / 2
    b = (affine[0, 1] - affine[1, 0]) / 2
    linear = np.array([[a, b], [-b, a]])
    moved = affine[:, :2] @ centre + affine[:, 2]
    return np.hstack([linear, (moved - linear @ centre)[:, None]])


def _warning(key: str) -> Translatable:
    """A warning for the person: English text that knows its catalogue key."""
    return Translatable(msg(key))


def estimate(
    crop: np.ndarray, output: np.ndarray, ring: np.ndarray, levels=LEVELS
) -> tuple[np.ndarray, float | None, str | None]:
    """(2x3 map crop -> output pixels, residual px, warning). On failure: identity + warning."""
    height, width = ring.shape
    identity = np.eye(2, 3)
    if cv2.countNonZero(ring.view(np.uint8)) < MIN_RING_SHARE * ring.size:
        return identity, None, _warning("warning.region.little_context")
    warp = np.eye(3)  # crop -> output, in crop pixels
    grey_crop, grey_output = _grey(crop), _grey(output)
    # The ring at the grey images' size once (a cell counts only if wholly inside the ring).
    ring255 = cv2.resize(
        ring.view(np.uint8) * np.uint8(255), grey_crop.shape[::-1], interpolation=cv2.INTER_AREA
    )
    ring255[ring255 < 255] = 0
    criteria = (cv2.TERM_CRITERIA_COUNT | cv2.TERM_CRITERIA_EPS, 60, 1e-5)
    level = None
    for side, motion in levels:
        f = min(1.0, side / max(width, height))
        size = (max(8, round(width * f)), max(8, round(height * f)))
        fx, fy = size[0] / width, size[1] / height
        # A level's ring: only cells wholly inside the full-size ring.
        small_ring = cv2.resize(ring255, size, interpolation=cv2.INTER_AREA)
        small_ring = (small_ring == 255).astype(np.uint8)
        if int(small_ring.sum()) < (MIN_RING_PIXELS if side == levels[-1][0] else 100):
            return identity, None, _warning("warning.region.little_context")
        template = cv2.resize(grey_crop, size, interpolation=cv2.INTER_AREA)
        moving = cv2.resize(grey_output, size, interpolation=cv2.INTER_AREA)
        scaling = _scaling(fx, fy)
        start = (scaling @ warp @ np.linalg.inv(scaling))[:2].astype(np.float32)
        try:
            _, found = cv2.findTransformECCWithMask(
                template, moving, small_ring, None, start, motion, criteria, 5
            )
        except cv2.error:
            return identity, None, _warning("warning.region.not_aligned")
        warp = np.linalg.inv(scaling) @ np.vstack([found, [0, 0, 1]]) @ scaling
        level = (template, moving, small_ring, scaling)
    centre = np.array([(width - 1) / 2, (height - 1) / 2])
    matrix = _similarity(warp[:2], centre)
    scale = math.hypot(matrix[0, 0], matrix[0, 1])
    angle = math.degrees(math.atan2(matrix[0, 1], matrix[0, 0]))
    dx, dy = matrix[:, :2] @ centre + matrix[:, 2] - centre
    if (
        abs(scale - 1) > PLAUSIBLE["scale"]
        or abs(angle) > PLAUSIBLE["angle"]
        or abs(dx) > PLAUSIBLE["shift"] * width
        or abs(dy) > PLAUSIBLE["shift"] * height
    ):
        return identity, None, _warning("warning.region.moved_too_much")
    return matrix, _residual(matrix, *level), None  # type: ignore[misc]


def _residual(
    matrix: np.ndarray,
    template: np.ndarray,
    moving: np.ndarray,
    ring: np.ndarray,
    scaling: np.ndarray,
) -> float | None:
    """RMS shift left between the aligned output and the crop, from phase correlation on
    textured patches wholly inside the ring (no mask edge to pull the peak), in crop px."""
    level_matrix = (scaling @ np.vstack([matrix, [0, 0, 1]]) @ np.linalg.inv(scaling))[:2]
    height, width = template.shape
    aligned = cv2.warpAffine(
        moving, level_matrix, (width, height), flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP
    )
    window = cv2.createHanningWindow((PATCH, PATCH), cv2.CV_32F)
    # Patches wholly inside the ring, from the ring's integral image; the most textured first.
    inside = cv2.integral(ring.astype(np.uint8))
    candidates = []
    for y in range(0, height - PATCH + 1, PATCH // 2):
        for x in range(0, width - PATCH + 1, PATCH // 2):
            y1, x1 = y + PATCH, x + PATCH
            if inside[y1, x1] - inside[y, x1] - inside[y1, x] + inside[y, x] == PATCH * PATCH:
                candidates.append((float(template[y:y1, x:x1].var()), x, y))
    shifts = []
    for _, x, y in sorted(candidates, reverse=True)[:24]:
        (sx, sy), response = cv2.phaseCorrelate(
            template[y : y + PATCH, x : x + PATCH], aligned[y : y + PATCH, x : x + PATCH], window
        )
        if response > 0.1 and math.hypot(sx, sy) < PATCH / 4:
            shifts.append((sx / scaling[0, 0], sy / scaling[1, 1]))
    if not shifts:
        return None
    return float(np.sqrt(np.mean(np.square(shifts).sum(axis=1))))


def match_colour(
    crop: np.ndarray, aligned: np.ndarray, ring: np.ndarray
) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """Per-channel gain and offset taking the aligned output to the crop in the ring (least
    squares, clipped pixels left out, the result clipped to sane ranges)."""
    step = max(1, round(math.sqrt(ring.size / 60_000)))  # ~60k pixels are plenty for 6 numbers
    sel = ring[::step, ::step]
    src = aligned[::step, ::step][sel].astype(np.float64)
    dst = crop[::step, ::step][sel].astype(np.float64)
    gains, offsets = [], []
    for c in range(3):
        x, y = src[:, c], dst[:, c]
        ok = (x > 2) & (x < 253) & (y > 2) & (y < 253)
        if ok.sum() < 100 or x[ok].std() < 1:
            gains.append(1.0)
            offsets.append(float(np.mean(y - x)) if len(x) else 0.0)
            continue
        x, y = x[ok], y[ok]
        gain = np.cov(x, y, bias=True)[0, 1] / x.var()  # least squares, closed form
        offset = y.mean() - gain * x.mean()
        gains.append(float(np.clip(gain, *GAIN_RANGE)))
        offsets.append(float(np.clip(offset, *OFFSET_RANGE)))
    return tuple(gains), tuple(offsets)


def apply_colour(pixels: np.ndarray, gain, offset) -> np.ndarray:
    """A per-channel lookup table: cheap at any size."""
    levels = np.arange(256, dtype=np.float32)[:, None]
    lut = np.clip(np.rint(levels * np.float32(gain) + np.float32(offset)), 0, 255)
    return cv2.LUT(pixels, lut.astype(np.uint8)[None])


def align_output(
    crop: np.ndarray,
    output: np.ndarray,
    mask: np.ndarray,
    feather: int,
    dist: np.ndarray | None = None,
) -> tuple[np.ndarray, Alignment, list[str]]:
    """The output (already at the crop's size) moved onto the crop and colour-matched."""
    ring = ring_mask(mask, feather, dist)
    matrix, residual, warning = estimate(crop, output, ring)
    warnings = [warning] if warning else []
    if residual is not None and residual > WARN_RESIDUAL_PX:
        warnings.append(Translatable(msg("warning.region.misaligned", px=residual)))
    height, width = mask.shape
    if warning:
        aligned = output
    else:
        aligned = cv2.warpAffine(
            output,
            matrix,
            (width, height),
            flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP,
            borderMode=cv2.BORDER_REFLECT101,
        )
    gain, offset = match_colour(crop, aligned, ring) if ring.any() else ((1.0,) * 3, (0.0,) * 3)
    aligned = apply_colour(aligned, gain, offset)
    centre = np.array([(width - 1) / 2, (height - 1) / 2])
    dx, dy = matrix[:, :2] @ centre + matrix[:, 2] - centre
    alignment = Alignment(
        dx=float(dx),
        dy=float(dy),
        scale=math.hypot(matrix[0, 0], matrix[0, 1]),
        angle=math.degrees(math.atan2(matrix[0, 1], matrix[0, 0])),
        residual_px=residual,
        applied=not warning,
        gain=gain,  # type: ignore[arg-type]
        offset=offset,  # type: ignore[arg-type]
        matrix=matrix,
    )
    return aligned, alignment, warnings
