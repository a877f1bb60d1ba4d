"""What a region edit's results can show besides the stitched images: the model's raw
outputs, and a heat map of what changed against image 1 (issue 12)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import numpy as np
from PIL import Image

from ui.files import publish

RESULT, RAW, CHANGED = "Result", "Raw output", "What changed"
VIEWS = [RESULT, RAW, CHANGED]
# The names shown for them, in the page's language (the values stay the English words).
VIEW_KEYS = [("ui.view.result", RESULT), ("ui.view.raw", RAW), ("ui.view.changed", CHANGED)]


def heatmaps(original: str, stitched: list[str], box: tuple[int, int, int, int]) -> list[str]:
    """One heat map per output (published), made when asked for: most people never look."""
    from services.region_edit.blend import heatmap  # OpenCV, loaded only for this

    with Image.open(original) as opened:
        full = np.asarray(opened.convert("RGB"))
    folder = Path(tempfile.mkdtemp(prefix="qwen-heat-"))
    maps = []
    for index, path in enumerate(stitched, 1):
        with Image.open(path) as opened:
            result = np.asarray(opened.convert("RGB"))
        if result.shape != full.shape:
            continue
        target = folder / f"changed-{index}.png"
        Image.fromarray(heatmap(full, result, box), "RGB").save(target)
        maps.append(publish(target))
    return maps
