"""The emulated service's request rules: its own model table and body validation.

`validate()` walks the body in the order the brief fixes (model, input, messages, images,
text, parameters) and raises `ApiError` at the first violation, so each rule answers with
one precise code and message. Silent service behaviours (truncation, rounding) are noted
rather than rejected, so tests can see them in the request log.
"""

from __future__ import annotations

import math
import random
import re
from dataclasses import dataclass, field
from typing import Any

from .codes import ApiError
from .inputs import InputImage, load

MAX_TEXT = 800
MAX_NEGATIVE = 500
SIZE_RANGE = (512, 2048)
SEED_MAX = 2_147_483_647
_SIZE_RE = re.compile(r"\s*(\d+)\s*\*\s*(\d+)\s*")


@dataclass(frozen=True)
class ModelRules:
    max_n: int
    supports_size: bool
    supports_prompt_extend: bool
    # "side": each side in SIZE_RANGE; "area": width*height between the squares of SIZE_RANGE
    size_rule: str = "side"
    max_text: int = MAX_TEXT
    requests_per_minute: float = 120.0  # per key, when the emulator enforces model limits


# Written from the API reference and Model Studio's 2026 pages, independently of the app's
# table (services/models.py): the emulator exists to catch the app being wrong.
_PLUS = ModelRules(max_n=6, supports_size=True, supports_prompt_extend=True)
_MAX = ModelRules(max_n=6, supports_size=True, supports_prompt_extend=True, requests_per_minute=2)
_QWEN2 = ModelRules(
    max_n=6, supports_size=True, supports_prompt_extend=True, size_rule="area", max_text=1300
)
MODELS: dict[str, ModelRules] = {
    "qwen-image-edit-plus": _PLUS,
    "qwen-image-edit-plus-2025-10-30": _PLUS,
    "qwen-image-edit-plus-2025-12-15": _PLUS,
    "qwen-image-edit-max": _MAX,
    "qwen-image-edit-max-2026-01-16": _MAX,
    "qwen-image-2.0": _QWEN2,
    "qwen-image-2.0-pro": _QWEN2,
    "qwen-image-edit": ModelRules(max_n=1, supports_size=False, supports_prompt_extend=False),
}


@dataclass
class Job:
    """A validated request: everything the renderer needs."""

    model: str
    images: list[InputImage]
    text: str  # after truncation
    negative_prompt: str
    n: int
    size: tuple[int, int] | None  # rounded to multiples of 16
    prompt_extend: bool
    watermark: bool
    seed: int  # drawn at random when the request has none
    notes: list[str] = field(default_factory=list)


def round16(value: float) -> int:
    # Python's round() halves to even: 1032 -> 1024, matching the documented 1033*1032 example.
    return max(16, 16 * round(value / 16))


def validate(body: object) -> Job:
    if not isinstance(body, dict):
        raise ApiError(
            "InvalidParameter", "Required body invalid, please check the request body format."
        )
    model = body.get("model")
    if model is None or model == "":
        raise ApiError("BadRequest.EmptyModel")
    if body.get("input") in (None, {}, []):
        raise ApiError("BadRequest.EmptyInput")
    if not isinstance(model, str):
        raise ApiError("InvalidParameter", "model must be a string")
    rules = MODELS.get(model)
    if rules is None:
        raise ApiError("ModelNotFound")
    image_values, text = _messages(body["input"])
    images = [load(value) for value in image_values]
    if not isinstance(text, str) or not text.strip():
        raise ApiError("InvalidParameter", "the text (edit instruction) must be a non-empty string")
    notes: list[str] = []
    if len(text) > rules.max_text:
        # (qwen-image-2.0 counts tokens; characters are the emulator's stand-in for them)
        notes.append(f"text truncated from {len(text)} to {rules.max_text} characters")
        text = text[: rules.max_text]
    return _parameters(body.get("parameters"), model, rules, images, text, notes)


def _messages(input_: object) -> tuple[list[object], object]:
    if not isinstance(input_, dict):
        raise ApiError("InvalidParameter", "input must be an object holding messages")
    messages = input_.get("messages")
    if not isinstance(messages, list) or len(messages) != 1:
        count = len(messages) if isinstance(messages, list) else 0
        raise ApiError(
            "InvalidParameter",
            f"input.messages must hold exactly one message (single turn), got {count}",
        )
    message = messages[0]
    if not isinstance(message, dict) or message.get("role") != "user":
        role = message.get("role") if isinstance(message, dict) else None
        raise ApiError("InvalidParameter", f'the message role must be "user", got {role!r}')
    content = message.get("content")
    if not isinstance(content, list):
        raise ApiError(
            "InvalidParameter", 'message content must be a list of {"image"} and {"text"} items'
        )
    images: list[object] = []
    texts: list[object] = []
    for item in content:
        if not isinstance(item, dict) or len(item.keys() & {"image", "text"}) != 1:
            raise ApiError(
                "InvalidParameter",
                'each content item must be either {"image": ...} or {"text": ...}',
            )
        (images if "image" in item else texts).append(item.get("image", item.get("text")))
    if not 1 <= len(images) <= 3:
        raise ApiError(
            "InvalidParameter", f"the message must hold 1 to 3 images, got {len(images)}"
        )
    if len(texts) != 1:
        raise ApiError(
            "InvalidParameter", f"the message must hold exactly one text item, got {len(texts)}"
        )
    return images, texts[0]


def _parameters(
    raw: object,
    model: str,
    rules: ModelRules,
    images: list[InputImage],
    text: str,
    notes: list[str],
) -> Job:
    if raw is None:
        raw = {}  # all parameters are optional
    if not isinstance(raw, dict):
        raise ApiError("InvalidParameter", "parameters must be an object")
    params = {k: v for k, v in raw.items() if v is not None}

    n = params.get("n", 1)
    if not _is_int(n) or not 1 <= n <= rules.max_n:
        if rules.max_n == 1:
            raise ApiError("InvalidParameter", f"n should be 1 for model {model}")
        raise ApiError("InvalidParameter", f"n should be in [1, {rules.max_n}]")

    negative = params.get("negative_prompt", "")
    if not isinstance(negative, str):
        raise ApiError("InvalidParameter", "negative_prompt must be a string")
    if len(negative) > MAX_NEGATIVE:
        notes.append(f"negative_prompt truncated from {len(negative)} to {MAX_NEGATIVE}")
        negative = negative[:MAX_NEGATIVE]

    size = _size(params, model, rules, n, notes)

    if "prompt_extend" in params and not rules.supports_prompt_extend:
        raise ApiError("InvalidParameter", f"prompt_extend is not supported by model {model}")
    prompt_extend = params.get("prompt_extend", rules.supports_prompt_extend)
    watermark = params.get("watermark", False)
    for name, value in (("prompt_extend", prompt_extend), ("watermark", watermark)):
        if not isinstance(value, bool):
            raise ApiError("InvalidParameter", f"{name} must be a boolean")

    seed = params.get("seed")
    if seed is None:
        seed = random.randint(0, SEED_MAX)
        notes.append(f"seed drawn at random: {seed}")
    elif not _is_int(seed) or not 0 <= seed <= SEED_MAX:
        raise ApiError("InvalidParameter", f"seed should be an integer in [0, {SEED_MAX}]")

    return Job(model, images, text, negative, n, size, prompt_extend, watermark, seed, notes)


def _size(
    params: dict[str, Any], model: str, rules: ModelRules, n: int, notes: list[str]
) -> tuple[int, int] | None:
    if "size" not in params:
        return None
    if not rules.supports_size:
        raise ApiError("InvalidParameter", f"size is not supported by model {model}")
    raw = params["size"]
    match = _SIZE_RE.fullmatch(raw) if isinstance(raw, str) else None
    if match is None:
        raise ApiError("InvalidParameter", f'size must look like "1024*1024", got {raw!r}')
    width, height = int(match[1]), int(match[2])
    low, high = SIZE_RANGE
    if rules.size_rule == "area":
        if not low * low <= width * height <= high * high:
            raise ApiError(
                "InvalidParameter",
                f"size total pixels should be in [{low}*{low}, {high}*{high}]",
            )
    elif not (low <= width <= high and low <= height <= high):
        raise ApiError(
            "InvalidParameter", f"size width and height should each be in [{low}, {high}]"
        )
    if n != 1:
        raise ApiError("InvalidParameter", "size is only supported when n=1")
    rounded = (round16(width), round16(height))
    if rounded != (width, height):
        notes.append(f"size rounded from {width}*{height} to {rounded[0]}*{rounded[1]}")
    return rounded


def output_size(job: Job) -> tuple[int, int]:
    """`size` if given, else the last image's aspect ratio at about 1024*1024 pixels."""
    if job.size is not None:
        return job.size
    last = job.images[-1]
    # Clamp the ratio to 1:4..4:1 so both sides stay within the documented [512, 2048].
    ratio = min(4.0, max(0.25, last.width / last.height))
    width = math.sqrt(1024 * 1024 * ratio)
    return round16(width), round16(width / ratio)


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)
