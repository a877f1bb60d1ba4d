"""What the emulator remembers about each generation attempt (never the API key)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

from .inputs import summarise

_SECRET_HEADERS = frozenset({"authorization", "proxy-authorization"})


@dataclass(frozen=True)
class RecordedRequest:
    model: str | None
    parameters: dict[str, Any]  # exactly as received
    text: str | None  # as received (before any truncation)
    images: list[dict[str, Any]]  # kind, mime, bytes, width, height, url: no image data
    headers: dict[str, str]  # Authorization shown as "Bearer ***"
    status: int | None  # None: dropped or hung, no answer sent
    code: str | None
    fault: str | None
    elapsed_s: float
    time: float
    # Additions beyond the brief, with defaults so the fields above keep their positions:
    request_id: str | None = None
    result_urls: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # silent service behaviour (truncation...)
    # Realistic mode only (realistic.RealisticRenderer.record): the output size, the edit's
    # ellipse, the tag's box and `drifts`, the drift each output got (Drift fields, or None).
    realistic: dict[str, Any] | None = None

    def to_json(self) -> dict[str, Any]:
        record = asdict(self)
        if record["realistic"] is None:
            del record["realistic"]  # the default mode's log reads as it always has
        return record


def redact_headers(items: list[tuple[str, str]]) -> dict[str, str]:
    headers: dict[str, str] = {}
    for name, value in items:
        if name.lower() in _SECRET_HEADERS:
            scheme = value.split(" ", 1)[0] if " " in value.strip() else ""
            value = f"{scheme} ***" if scheme else "***"
        headers[name] = value
    return headers


@dataclass
class BodySummary:
    """A best-effort reading of a body that may be invalid, for the request log."""

    model: str | None = None
    parameters: dict[str, Any] = field(default_factory=dict)
    text: str | None = None
    images: list[dict[str, Any]] = field(default_factory=list)
    parsed: object = None  # the decoded JSON, or None if it was not JSON


def summarise_body(body: bytes) -> BodySummary:
    summary = BodySummary()
    try:
        parsed = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return summary
    summary.parsed = parsed
    if not isinstance(parsed, dict):
        return summary
    model = parsed.get("model")
    summary.model = model if isinstance(model, str) else None
    params = parsed.get("parameters")
    summary.parameters = params if isinstance(params, dict) else {}
    input_ = parsed.get("input")
    messages = input_.get("messages") if isinstance(input_, dict) else None
    if isinstance(messages, list) and messages and isinstance(messages[0], dict):
        content = messages[0].get("content")
        for item in content if isinstance(content, list) else []:
            if not isinstance(item, dict):
                continue
            if "image" in item:
                summary.images.append(summarise(item["image"]))
            elif "text" in item and summary.text is None and isinstance(item["text"], str):
                summary.text = item["text"]
    return summary
