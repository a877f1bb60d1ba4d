"""The region painted in the editor, as the mask file a region edit takes (white = edit)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import numpy as np
from PIL import Image


def painted_mask(value: dict | None, image1: str | Path | None) -> Path | None:
    """The painting as a mask file the size of image 1 (white = edit), or None if nothing is
    painted. Written to a temporary file the caller removes after the edit."""
    if not value or not image1:
        return None
    layers = [layer for layer in value.get("layers") or [] if layer is not None]
    if not layers:
        return None
    painted = np.zeros(layers[0].size[::-1], bool)
    for layer in layers:
        alpha = np.asarray(layer.convert("RGBA"))[..., 3]
        if alpha.shape == painted.shape:
            painted |= alpha > 0
    if not painted.any():
        return None
    with Image.open(image1) as first:
        size = first.size
    mask = Image.fromarray(painted.astype(np.uint8) * 255, "L")
    if mask.size != size:  # the editor's canvas may be scaled: the mask follows image 1
        mask = mask.resize(size, Image.Resampling.NEAREST)
    path = Path(tempfile.mkdtemp(prefix="qwen-mask-")) / "mask.png"
    mask.save(path)
    return path


BRUSH = (255, 59, 48)  # the editor's brush colour (#ff3b30)


def mask_layer(mask: Path | str) -> Image.Image:
    """A kept mask as a painted layer for the editor: the brush colour where it is white."""
    with Image.open(mask) as opened:
        painted = np.asarray(opened.convert("L")) >= 128
    layer = np.zeros((*painted.shape, 4), np.uint8)
    layer[painted] = (*BRUSH, 255)
    return Image.fromarray(layer, "RGBA")


def painting(image1: Path | str, mask: Path | str | None) -> dict:
    """The editor's value: image 1 to paint on, with a kept mask painted back if it fits."""
    with Image.open(image1) as opened:
        background = opened.convert("RGBA")
    layers = []
    if mask is not None:
        layer = mask_layer(mask)
        if layer.size == background.size:
            layers.append(layer)
    return {"background": background, "layers": layers, "composite": None}
