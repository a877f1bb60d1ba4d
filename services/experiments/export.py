"""A run's export: one zip with every output named by its labels, the contact sheet, and
manifest.json (the axes, each cell with its labels, seed, History entry, cost and files)."""

from __future__ import annotations

import json
import os
import re
import tempfile
import zipfile
from pathlib import Path

from services.messages import render

from . import sheet
from .types import RunView, axis_labels, cell_label

SHEET_NAME = "contact-sheet.png"
MANIFEST_NAME = "manifest.json"
FORMAT = 1


def slug(text: str) -> str:
    """A label as part of a file name: letters (any script), digits, dots and hyphens."""
    return re.sub(r"[^\w.]+", "-", text).strip("-.")[:120] or "cell"


def output_name(view: RunView, index: int, k: int) -> str:
    cell = view.cells[index]
    return f"outputs/{index + 1:03d}-{slug(cell_label(view.spec, cell))}-{k}.png"


def manifest(view: RunView, files: dict[int, list[str]], lang: str) -> dict:
    spec = view.spec
    costs = [c.cost_usd for c in view.cells if c.status == "done"]
    return {
        "format": FORMAT,
        "run": view.id,
        "name": view.name,
        "created": view.created,
        "status": view.status,
        "axes": {
            "prompts": list(spec.prompts),
            "seeds": list(spec.seeds),
            "models": list(spec.models),
            "input_sets": [
                {"label": s.label, "images": [Path(p).name for p in s.images]}
                for s in spec.input_sets
            ],
        },
        "settings": {
            "negative_prompt": spec.negative_prompt,
            "n": spec.n,
            "size": None if spec.size is None else str(spec.size),
            "prompt_extend": spec.prompt_extend,
            "watermark": spec.watermark,
            "region": spec.region,
        },
        "estimate": {
            "requests": view.estimate.requests,
            "images": view.estimate.images,
            "cost_usd": view.estimate.cost_usd,
            "seconds": view.estimate.seconds,
        },
        "cost_usd": None if any(c is None for c in costs) else round(sum(costs), 6),  # type: ignore[arg-type]
        "sheet": SHEET_NAME,
        "cells": [
            {
                "index": cell.index,
                "label": cell_label(spec, cell, lang),
                "axes": axis_labels(spec, cell, lang),
                "prompt": spec.prompts[cell.prompt],
                "seed": spec.seeds[cell.seed],
                "model": spec.models[cell.model],
                "input_set": spec.input_sets[cell.input_set].label,
                "status": cell.status,
                "entry_id": cell.entry_id,
                "cost_usd": cell.cost_usd,
                "winner": cell.winner,
                "files": files.get(cell.index, []),
                "error": None if cell.error is None else render(cell.error, lang),
            }
            for cell in view.cells
        ],
    }


def write_zip(view: RunView, lang: str, folder: Path) -> Path:
    """Write the zip (atomically, replacing the run's last export) and return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    sheet_path = sheet.write_sheet(view, lang, folder)
    target = folder / f"{slug(view.name) if view.name else 'experiment'}-{view.id}.zip"
    fd, tmp = tempfile.mkstemp(dir=folder, suffix=".zip.tmp")
    os.close(fd)
    files: dict[int, list[str]] = {}
    try:
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_STORED) as zf:  # PNGs: compressed already
            for cell in view.cells:
                for k, output in enumerate(cell.outputs, 1):
                    if Path(output).is_file():  # deleted from History since: left out
                        name = output_name(view, cell.index, k)
                        zf.write(output, name)
                        files.setdefault(cell.index, []).append(name)
            zf.write(sheet_path, SHEET_NAME)
            body = json.dumps(manifest(view, files, lang), ensure_ascii=False, indent=2)
            zf.writestr(MANIFEST_NAME, body)
        os.replace(tmp, target)
    finally:
        Path(tmp).unlink(missing_ok=True)
    return target
