"""Generated, photo-like inputs: smooth light, shapes, soft texture and sensor noise.

Pure noise would be a worst case no codec compresses; these images compress like camera photos
(PNG about 1.5-2 bytes per pixel, JPEG q90 a few bits per pixel). Deterministic per seed, and
cached under benchmarks/results/inputs/ (git-ignored) since a 12 MP PNG takes seconds to encode.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

from benchmarks.common import RESULTS_DIR

VERSION = 2  # bump when the generator changes, so cached files are remade
CACHE = RESULTS_DIR / "inputs"

MP12 = (4000, 3000)  # a 12 MP camera photo, 4:3
MP1 = (1152, 864)  # about 1 MP, 4:3


def _octaves(rng: np.random.Generator, size: tuple[int, int], scales=(8, 32, 128)) -> np.ndarray:
    """Low-frequency texture: random grids upscaled smoothly, summed (float32, about -1..1)."""
    width, height = size
    total = np.zeros((height, width), np.float32)
    for weight, cells in zip((0.6, 0.3, 0.1), scales, strict=True):
        grid = rng.random((max(2, height * cells // width), cells), dtype=np.float32)
        layer = Image.fromarray(grid, "F").resize((width, height), Image.Resampling.BICUBIC)
        total += weight * (np.asarray(layer) * 2 - 1)
    return total


def photo(size: tuple[int, int], seed: int) -> Image.Image:
    """An RGB image with the statistics of a photo: gradients, objects, texture, noise."""
    rng = np.random.default_rng(seed)
    width, height = size
    # Sky-to-ground light: a vertical gradient between two colours, plus a soft vignette.
    y = np.linspace(0.0, 1.0, height, dtype=np.float32)[:, None, None]
    top, bottom = rng.uniform(60, 230, 3), rng.uniform(20, 160, 3)
    base = (top * (1 - y) + bottom * y).astype(np.float32) * np.ones((1, width, 1), np.float32)
    canvas = Image.fromarray(base.clip(0, 255).astype(np.uint8), "RGB")
    # Objects: ellipses and polygons in varied colours, blurred as by a lens.
    draw = ImageDraw.Draw(canvas)
    for _ in range(40):
        x0, y0 = rng.uniform(-0.1, 1.0) * width, rng.uniform(-0.1, 1.0) * height
        w, h = rng.uniform(0.03, 0.35) * width, rng.uniform(0.03, 0.35) * height
        colour = tuple(int(c) for c in rng.integers(0, 256, 3))
        if rng.random() < 0.5:
            draw.ellipse((x0, y0, x0 + w, y0 + h), fill=colour)
        else:
            points = [(x0 + rng.uniform(0, w), y0 + rng.uniform(0, h)) for _ in range(5)]
            draw.polygon(points, fill=colour)
    canvas = canvas.filter(ImageFilter.GaussianBlur(radius=max(1.0, width / 1500)))
    pixels = np.asarray(canvas, np.float32)
    # Shading, fine texture (foliage, fabric, walls), then sensor noise (sigma 3 levels).
    shade = 1.0 + 0.25 * _octaves(rng, size)[..., None]
    detail = 20.0 * _octaves(rng, size, scales=(500, 1200, 2000))[..., None]
    noise = rng.normal(0.0, 3.0, pixels.shape).astype(np.float32)
    pixels = pixels * shade + detail + noise
    return Image.fromarray(pixels.clip(0, 255).astype(np.uint8), "RGB")


def photo_files(size: tuple[int, int], seed: int) -> dict[str, Path]:
    """{"png": path, "jpeg": path} of the photo, JPEG at quality 90 (a camera's usual)."""
    CACHE.mkdir(parents=True, exist_ok=True)
    stem = f"photo-v{VERSION}-{size[0]}x{size[1]}-{seed}"
    paths = {"png": CACHE / f"{stem}.png", "jpeg": CACHE / f"{stem}.jpg"}
    if not all(p.is_file() for p in paths.values()):
        image = photo(size, seed)
        image.save(paths["png"].with_suffix(".tmp.png"), "PNG")  # Pillow's default level 6
        image.save(paths["jpeg"].with_suffix(".tmp.jpg"), "JPEG", quality=90)
        paths["png"].with_suffix(".tmp.png").replace(paths["png"])
        paths["jpeg"].with_suffix(".tmp.jpg").replace(paths["jpeg"])
    return paths
