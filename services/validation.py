"""Checks an EditRequest against the model table and the API reference before anything is sent.

Violations raise ValidationError naming the field, the value and what is allowed (Messages:
the words are looked up in the reader's language at the UI edge). Text over the service's
limits is cut here, openly, with a warning, instead of silently by the service. Warnings are
`Translatable`: English str for code that joins or stores them, still carrying their Message.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, replace

from services.errors import ValidationError
from services.messages import Message, Translatable, msg
from services.models import MODELS, ModelSpec, TextLimit
from services.types import EditRequest, Size

MAX_IMAGES = 3
SEED_MIN, SEED_MAX = 0, 2_147_483_647
SIZE_STEP = 16  # the service rounds each side to a multiple of 16

_SIZE_RE = re.compile(r"^\s*(\d{1,5})\s*[*x×X,]\s*(\d{1,5})\s*$")


@dataclass(frozen=True)
class Checked:
    """A request that passed validation, with its model and the warnings it earned."""

    request: EditRequest
    spec: ModelSpec
    warnings: tuple[Translatable, ...]


def as_int(field: str, value: object, allowed: Message) -> int:
    """Accept ints and integral strings/floats ("3", 3.0); refuse bools, fractions and words."""
    if isinstance(value, bool):
        raise ValidationError(field, value, allowed)
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and re.fullmatch(r"\s*[+-]?\d+\s*", value):
        return int(value)
    raise ValidationError(field, value, allowed)


def parse_size(value: object) -> Size | None:
    """'1024*768' (the API's form), '1024x768', (w, h) or a Size; ''/None/'auto' mean no size."""
    if value is None or isinstance(value, Size):
        return value
    allowed = msg("allowed.size_form")
    if isinstance(value, (tuple, list)) and len(value) == 2:
        w = as_int("size", value[0], allowed)
        h = as_int("size", value[1], allowed)
        return Size(w, h)
    if isinstance(value, str):
        if value.strip().lower() in ("", "auto", "none"):
            return None
        match = _SIZE_RE.match(value)
        if match:
            return Size(int(match.group(1)), int(match.group(2)))
    raise ValidationError("size", value, allowed)


_JOINERS = {"\u200d", "\u200c"}  # zero-width joiner / non-joiner


def _glued(ch: str) -> bool:
    """True for characters that belong to the one before them: combining marks, variation
    selectors, emoji skin tones, joiners, tag characters."""
    code = ord(ch)
    return (
        ch in _JOINERS
        or unicodedata.combining(ch) != 0
        or 0xFE00 <= code <= 0xFE0F
        or 0x1F3FB <= code <= 0x1F3FF
        or 0xE0020 <= code <= 0xE007F
    )


def _boundary(text: str, at: int) -> int:
    """The nearest cut at or before `at` that keeps each visible character whole."""
    while 0 < at < len(text) and (_glued(text[at]) or text[at - 1] in _JOINERS):
        at -= 1
    return at


def _cut(text: str, limit: int, what: Message) -> tuple[str, Translatable | None]:
    if len(text) <= limit:
        return text, None
    # Cut between whole characters as people see them: never inside an emoji sequence
    # (👩‍🚀 is three code points) or between a letter and its accent.
    cut = _boundary(text, limit)
    dropped = text[cut:]
    tail = dropped if len(dropped) <= 40 else dropped[: _boundary(dropped, 37)] + "…"
    count = len(dropped)
    key = "warning.text.cut_one" if count == 1 else "warning.text.cut_many"
    return text[:cut], Translatable(
        Message(
            key, {"what": what, "length": len(text), "limit": limit, "count": count, "tail": tail}
        )
    )


def estimate_tokens(text: str) -> int:
    """A generous estimate of the tokens a text costs: a CJK character is about one token,
    other text about one per three characters (real tokenizers do better on English)."""
    wide = sum(1 for ch in text if unicodedata.east_asian_width(ch) in ("W", "F"))
    return wide + math.ceil((len(text) - wide) / 3)


def _limit_text(text: str, limit: TextLimit, what: Message) -> tuple[str, Translatable | None]:
    if limit.unit == "characters":
        return _cut(text, limit.limit, what)
    tokens = estimate_tokens(text)
    if tokens <= limit.limit:
        return text, None
    return text, Translatable(
        msg("warning.text.tokens", what=what, tokens=tokens, limit=limit.limit)
    )


def validate(request: EditRequest) -> Checked:
    spec = MODELS.get(request.model) if isinstance(request.model, str) else None
    if spec is None:
        raise ValidationError(
            "model", request.model, msg("allowed.one_of", names=", ".join(MODELS))
        )
    warnings: list[Translatable] = []

    count = len(request.images)
    if not 1 <= count <= MAX_IMAGES:
        raise ValidationError(
            "images", count, msg("allowed.images", max=MAX_IMAGES), msg("hint.images.count")
        )

    if not isinstance(request.prompt, str) or not request.prompt.strip():
        raise ValidationError(
            "prompt",
            request.prompt if isinstance(request.prompt, str) else "",
            "",
            msg("hint.prompt.empty"),
        )
    prompt, cut = _limit_text(request.prompt, spec.prompt_limit, msg("term.instruction"))
    if cut:
        warnings.append(cut)

    negative = request.negative_prompt or ""
    if not isinstance(negative, str):
        raise ValidationError("negative_prompt", negative, msg("allowed.text"))
    negative, cut = _limit_text(negative, spec.negative_limit, msg("term.negative_prompt"))
    if cut:
        warnings.append(cut)

    n_allowed = (
        msg("allowed.n_range", low=spec.n_min, high=spec.n_max, model=spec.name)
        if spec.n_max > spec.n_min
        else msg("allowed.n_exact", n=spec.n_min, model=spec.name)
    )
    n = as_int("n", request.n, n_allowed)
    if not spec.n_min <= n <= spec.n_max:
        raise ValidationError("n", request.n, n_allowed)

    seed = request.seed
    if seed is not None:
        seed_allowed = msg("allowed.seed", low=SEED_MIN, high=SEED_MAX)
        seed = as_int("seed", seed, seed_allowed)
        if not SEED_MIN <= seed <= SEED_MAX:
            raise ValidationError("seed", request.seed, seed_allowed)

    size = parse_size(request.size)
    if size is not None:
        _check_size(size, n, spec, warnings)

    if request.prompt_extend is not None and not isinstance(request.prompt_extend, bool):
        raise ValidationError("prompt_extend", request.prompt_extend, msg("allowed.bool"))
    if request.prompt_extend and not spec.supports_prompt_extend:
        raise ValidationError(
            "prompt_extend",
            True,
            msg("allowed.prompt_extend_off", model=spec.name),
            msg("hint.prompt_extend.off"),
        )
    if not isinstance(request.watermark, bool):
        raise ValidationError("watermark", request.watermark, msg("allowed.bool"))

    clean = replace(request, prompt=prompt, negative_prompt=negative, n=n, seed=seed, size=size)
    return Checked(clean, spec, tuple(warnings))


def _check_size(size: Size, n: int, spec: ModelSpec, warnings: list[Translatable]) -> None:
    rule = spec.size
    if rule is None:
        raise ValidationError(
            "size", str(size), msg("allowed.size_none", model=spec.name), msg("hint.size.auto")
        )
    if rule.single_output_only and n != 1:
        raise ValidationError(
            "size", str(size), msg("allowed.size_single", n=n), msg("hint.size.single")
        )
    rounded = Size(_round16(size.width), _round16(size.height))
    if not rule.accepts(size) or not rule.accepts(rounded):
        raise ValidationError("size", str(size), rule.describe_message())
    if rounded != size:
        warnings.append(
            Translatable(
                msg("warning.size.rounded", step=SIZE_STEP, size=str(size), rounded=str(rounded))
            )
        )


def _round16(side: int) -> int:
    # round() halves to even, which matches the documented 1033*1032 -> 1040*1024.
    return round(side / SIZE_STEP) * SIZE_STEP
