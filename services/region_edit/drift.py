"""What the model does to the part it was not asked to change: a slight zoom, a shift of a few
pixels, a small rotation and a colour cast. Written down here as parameters so that the emulator
can do the same to its outputs and a test knows the truth it should recover."""

from __future__ import annotations

import math
from dataclasses import dataclass

import cv2
import numpy as np
from PIL import Image

MAX_ZOOM = 0.03  # the model's outputs are seen zoomed by up to ~3 %
MAX_SHIFT = 0.02  # shifted by up to ~2 % of the side
MAX_ANGLE = 1.0  # rotated by up to ~1 degree
MAX_GAIN, MAX_OFFSET = 0.08, 10.0  # per channel: out = gain * in + offset


@dataclass(frozen=True)
class Drift:
    zoom: float = 1.0  # > 1 enlarges the content about the centre
    shift: tuple[float, float] = (0.0, 0.0)  # fractions of the width and the height
    angle: float = 0.0  # degrees, counter-clockwise on screen
    gain: tuple[float, float, float] = (1.0, 1.0, 1.0)
    offset: tuple[float, float, float] = (0.0, 0.0, 0.0)

    def matrix(self, size: tuple[int, int]) -> np.ndarray:
        """2x3 forward map, input pixel -> output pixel, for an image of `size`, about the
        centre (pixel centres at integer coordinates, as OpenCV has them)."""
        width, height = size
        cx, cy = (width - 1) / 2, (height - 1) / 2
        theta = math.radians(self.angle)
        a, b = self.zoom * math.cos(theta), self.zoom * math.sin(theta)
        # y points down, so a counter-clockwise turn on screen is [[a, b], [-b, a]].
        linear = np.array([[a, b], [-b, a]])
        centre = np.array([cx, cy])
        move = centre - linear @ centre + np.array([self.shift[0] * width, self.shift[1] * height])
        return np.hstack([linear, move[:, None]])


def apply_drift(image: Image.Image, drift: Drift) -> Image.Image:
    """The image as the model would give it back: moved, then colour-cast. Borders the move
    uncovers are filled by reflection, as a model fills them with plausible content."""
    pixels = np.asarray(image.convert("RGB"))
    moved = cv2.warpAffine(
        pixels,
        drift.matrix(image.size),
        image.size,
        flags=cv2.INTER_LINEAR,
        borderMode=cv2.BORDER_REFLECT101,
    ).astype(np.float32)
    cast = moved * np.float32(drift.gain) + np.float32(drift.offset)
    return Image.fromarray(np.clip(np.rint(cast), 0, 255).astype(np.uint8), "RGB")


def random_drift(rng: np.random.Generator) -> Drift:
    """A drift within the ranges seen from the service (zoom in or out)."""
    return Drift(
        zoom=1.0 + rng.uniform(-MAX_ZOOM, MAX_ZOOM),
        shift=(rng.uniform(-MAX_SHIFT, MAX_SHIFT), rng.uniform(-MAX_SHIFT, MAX_SHIFT)),
        angle=rng.uniform(-MAX_ANGLE, MAX_ANGLE),
        gain=tuple(1.0 + rng.uniform(-MAX_GAIN, MAX_GAIN, 3)),  # type: ignore[arg-type]
        offset=tuple(rng.uniform(-MAX_OFFSET, MAX_OFFSET, 3)),  # type: ignore[arg-type]
    )


def _resize_map(src: tuple[int, int], dst: tuple[int, int]) -> np.ndarray:
    """3x3 map of pixel centres when an image of size src is resized to dst."""
    fx, fy = dst[0] / src[0], dst[1] / src[1]
    return np.array([[fx, 0, (fx - 1) / 2], [0, fy, (fy - 1) / 2], [0, 0, 1]])


def drift_in_crop(drift: Drift, crop_size: tuple[int, int], output_size: tuple[int, int]):
    """Where a crop pixel's content lands once the crop went out at output_size, drifted there,
    and the output was scaled back to the crop's size: the 2x3 map an alignment should find."""
    forward = _resize_map(crop_size, output_size)
    moved = np.vstack([drift.matrix(output_size), [0, 0, 1]])
    return (np.linalg.inv(forward) @ moved @ forward)[:2]


def rms_error(found: np.ndarray, truth: np.ndarray, size: tuple[int, int], step: int = 16):
    """RMS distance in pixels between two 2x3 maps over a grid of points of an image."""
    xs, ys = np.meshgrid(np.arange(0, size[0], step), np.arange(0, size[1], step))
    points = np.stack([xs.ravel(), ys.ravel(), np.ones(xs.size)])
    return float(np.sqrt(np.mean(np.sum((found @ points - truth @ points) ** 2, axis=0))))
