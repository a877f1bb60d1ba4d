"""The app's own request as the history keeps it, so a restore gives back what the person asked
for, not what went over the wire.

They differ: a region edit sends a crop and asks the service for the crop's size, a model
without prompt rewriting is sent none, and a seed left open is drawn by the app. The wire's
parameters stay at the top of an entry's `parameters` (what was sent, for support); the request
is `parameters["request"]`. Entries made before it existed have only the wire's parameters,
which were then the same thing, and are read from those.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from services.types import EditRequest, RegionRequest, Size


@dataclass(frozen=True)
class SavedRegion:
    margin: float
    feather: int | None  # None: the seam's width was left to the app


@dataclass(frozen=True)
class SavedRequest:
    """The settings of an edit as the person chose them (images and texts live on the entry)."""

    n: int = 1
    size: Size | None = None  # None: Auto
    seed: int | None = None  # the seed asked for; None: a random one
    prompt_extend: bool | None = None  # None: the model's default
    watermark: bool = False
    region: SavedRegion | None = None


def request_record(request: EditRequest) -> dict[str, Any]:
    """`request` as JSON, in the app's words (the history's `parameters["request"]`)."""
    size = request.size
    region: RegionRequest | None = request.region
    return {
        "n": request.n,
        "size": None if size is None else {"width": size.width, "height": size.height},
        "seed": request.seed,
        "prompt_extend": request.prompt_extend,
        "watermark": request.watermark,
        "region": None
        if region is None
        else {"margin": region.margin, "feather": region.feather, "mask": "mask.png"},
    }


def saved_request(parameters: dict[str, Any]) -> SavedRequest:
    """The request kept in an entry's parameters; a manifest read back is not trusted, so a
    value of the wrong type falls back to its default instead of failing the restore."""
    record = parameters.get("request")
    if not isinstance(record, dict):
        return _from_wire(parameters)
    return SavedRequest(
        n=_int(record.get("n"), 1),
        size=_size(record.get("size")),
        seed=_int(record.get("seed"), None),
        prompt_extend=record.get("prompt_extend")
        if isinstance(record.get("prompt_extend"), bool)
        else None,
        watermark=record.get("watermark") is True,
        region=_region(record.get("region")),
    )


def _from_wire(parameters: dict[str, Any]) -> SavedRequest:
    size = None
    if isinstance(parameters.get("size"), str):
        width, _, height = parameters["size"].partition("*")
        size = _size({"width": width, "height": height})
    region = parameters.get("region")
    return SavedRequest(
        n=_int(parameters.get("n"), 1),
        size=size,
        seed=_int(parameters.get("seed"), None),
        prompt_extend=parameters.get("prompt_extend")
        if isinstance(parameters.get("prompt_extend"), bool)
        else None,
        watermark=parameters.get("watermark") is True,
        region=_region(region),
    )


def _int(value: object, default: int | None) -> int | None:
    if isinstance(value, bool):
        return default
    try:
        return int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return default


def _size(value: object) -> Size | None:
    if not isinstance(value, dict):
        return None
    width, height = _int(value.get("width"), None), _int(value.get("height"), None)
    return Size(width, height) if width and height and width > 0 and height > 0 else None


def _region(value: object) -> SavedRegion | None:
    if not isinstance(value, dict):
        return None
    margin = value.get("margin")
    feather = _int(value.get("feather"), None)
    return SavedRegion(
        margin=float(margin) if isinstance(margin, (int, float)) else RegionRequest.margin,
        feather=feather if feather is not None and feather >= 0 else None,
    )
