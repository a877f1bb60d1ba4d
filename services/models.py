"""The model table: every rule that differs between models, with where each figure comes from.

Validation, the rate limiter, the cost estimate and the UI all read this table, so adding a
model is one entry in MODELS. Figures not in the API reference (Dec 2025) name their source;
rules nobody has confirmed are listed in `unsure` and shown to the user, never guessed silently.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Literal

from services.messages import Message, Translatable, msg
from services.types import CostEstimate, Size

# USD per CNY, as the API reference itself converts Beijing prices (0.2 CNY = $0.028671).
USD_PER_CNY = 0.143355


@dataclass(frozen=True)
class Source:
    """Where a figure comes from: the API reference, a pricing or rate-limit page, or nowhere
    (assumed, and then listed in the model's `unsure`)."""

    kind: Literal["reference", "pricing page", "rate-limit page", "API reference 2026", "assumed"]
    date: str = ""

    def __str__(self) -> str:
        return f"{self.kind} ({self.date})" if self.date else self.kind


REFERENCE = Source("reference", "2025-12")
PRICING_2026 = Source("pricing page", "2026")
RATE_PAGE_2026 = Source("rate-limit page", "2026")
API_2026 = Source("API reference 2026", "2026")
ASSUMED = Source("assumed")


@dataclass(frozen=True)
class SizeRule:
    """What `size` ("W*H") a model accepts; the service rounds each side to multiples of 16."""

    kind: Literal["per_side", "total_pixels"] = "per_side"
    low: int = 512  # per side, or the side of the smallest square for total_pixels
    high: int = 2048
    step: int = 16
    single_output_only: bool = True  # size only with n = 1

    def describe_message(self) -> Message:
        key = "allowed.size_per_side" if self.kind == "per_side" else "allowed.size_total"
        return msg(key, low=self.low, high=self.high)

    def describe(self) -> Translatable:
        return Translatable(self.describe_message())

    def accepts(self, size: Size) -> bool:
        if self.kind == "per_side":
            return all(self.low <= side <= self.high for side in (size.width, size.height))
        pixels = size.width * size.height
        return min(size.width, size.height) >= self.step and (self.low**2 <= pixels <= self.high**2)

    def side_bounds(self) -> tuple[int, int]:
        """The widest per-side range a control may offer (total_pixels: a 4:1 strip)."""
        if self.kind == "per_side":
            return self.low, self.high
        return self.step * math.ceil(self.low / 2 / self.step), self.high * 2


@dataclass(frozen=True)
class TextLimit:
    limit: int
    unit: Literal["characters", "tokens"] = "characters"


@dataclass(frozen=True)
class Price:
    usd: float  # per generated image
    source: Source
    published: str = ""  # the figure as published, when not in USD ("0.5 CNY")


def _cny(amount: float, source: Source) -> Price:
    return Price(round(amount * USD_PER_CNY, 6), source, f"{amount:g} CNY")


@dataclass(frozen=True)
class ModelSpec:
    name: str
    label: str
    note: str
    n_max: int = 6
    n_min: int = 1
    size: SizeRule | None = SizeRule()  # None: no custom size
    supports_prompt_extend: bool = True
    prompt_limit: TextLimit = TextLimit(800)
    negative_limit: TextLimit = TextLimit(500)
    requests_per_minute: float = 120.0  # per account (2 per second)
    prices: dict[str, Price] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)  # rule -> where it comes from
    # rules not known for sure, in words for the user (English str carrying their Message)
    unsure: tuple[Translatable, ...] = ()

    @property
    def supports_size(self) -> bool:
        return self.size is not None

    @property
    def rate_per_s(self) -> float:
        return self.requests_per_minute / 60.0

    def price(self, region: str) -> float | None:
        found = self.prices.get(region)
        return None if found is None else found.usd

    def rate_text(self) -> Translatable:
        per_s = self.rate_per_s
        if per_s >= 1:
            return Translatable(msg("model.rate_per_second", rate=per_s))
        return Translatable(msg("model.rate_per_minute", rate=self.requests_per_minute))


_PLUS_PRICES = {"singapore": Price(0.03, REFERENCE), "beijing": Price(0.028671, REFERENCE)}
_PLUS_SOURCES = {"n": REFERENCE, "size": REFERENCE, "prompt": REFERENCE, "rate": REFERENCE}
_QWEN2_UNSURE = tuple(
    Translatable(msg(key))
    for key in ("unsure.size_with_outputs", "unsure.rate", "unsure.negative_limit")
)


def _note(key: str) -> Translatable:
    """A model's note: English as `ModelSpec.note` always was, translatable at the UI edge."""
    return Translatable(msg(key))


def _qwen2(name: str, label: str, usd: float, cny: float) -> ModelSpec:
    return ModelSpec(
        name,
        label,
        _note(f"model.{name}.note"),
        size=SizeRule("total_pixels"),
        prompt_limit=TextLimit(1300, "tokens"),
        prices={"singapore": Price(usd, PRICING_2026), "beijing": _cny(cny, PRICING_2026)},
        sources={"n": API_2026, "size": API_2026, "prompt": API_2026, "rate": ASSUMED},
        unsure=_QWEN2_UNSURE,
    )


def _max(name: str, label: str) -> ModelSpec:
    return ModelSpec(
        name,
        label,
        _note("model.max.note"),
        requests_per_minute=2,
        prices={"singapore": Price(0.075, PRICING_2026), "beijing": _cny(0.5, PRICING_2026)},
        sources={"n": API_2026, "size": API_2026, "prompt": API_2026, "rate": RATE_PAGE_2026},
    )


MODELS: dict[str, ModelSpec] = {
    spec.name: spec
    for spec in (
        ModelSpec(
            "qwen-image-edit-plus",
            "Qwen Image Edit Plus",
            _note("model.qwen-image-edit-plus.note"),
            prices=_PLUS_PRICES,
            sources=_PLUS_SOURCES,
        ),
        ModelSpec(
            "qwen-image-edit-plus-2025-12-15",
            "Qwen Image Edit Plus (2025-12-15 snapshot)",
            _note("model.qwen-image-edit-plus-2025-12-15.note"),
            prices=_PLUS_PRICES,
            sources={**_PLUS_SOURCES, "n": API_2026, "size": API_2026, "price": ASSUMED},
            unsure=(Translatable(msg("unsure.price_as_plus")),),
        ),
        ModelSpec(
            "qwen-image-edit-plus-2025-10-30",
            "Qwen Image Edit Plus (2025-10-30 snapshot)",
            _note("model.qwen-image-edit-plus-2025-10-30.note"),
            prices=_PLUS_PRICES,
            sources=_PLUS_SOURCES,
        ),
        _max("qwen-image-edit-max", "Qwen Image Edit Max"),
        _max("qwen-image-edit-max-2026-01-16", "Qwen Image Edit Max (2026-01-16 snapshot)"),
        _qwen2(
            "qwen-image-2.0",
            "Qwen Image 2.0",
            0.035,
            0.2,
        ),
        _qwen2(
            "qwen-image-2.0-pro",
            "Qwen Image 2.0 Pro",
            0.075,
            0.5,
        ),
        ModelSpec(
            "qwen-image-edit",
            "Qwen Image Edit",
            _note("model.qwen-image-edit.note"),
            n_max=1,
            size=None,
            supports_prompt_extend=False,
            prices={"singapore": Price(0.045, REFERENCE), "beijing": Price(0.043, REFERENCE)},
            sources=_PLUS_SOURCES,
        ),
    )
}

DEFAULT_MODEL = "qwen-image-edit-plus"


def estimate_cost(spec: ModelSpec, region: str, images: int) -> CostEstimate:
    """Billing is per generated image of a successful request; failures cost nothing."""
    unit = spec.price(region)
    return CostEstimate(None if unit is None else round(unit * images, 6), images, unit, region)
