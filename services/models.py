"""The model table. Adding a model is one entry in MODELS."""

from __future__ import annotations

from dataclasses import dataclass, field

from services.types import CostEstimate


@dataclass(frozen=True)
class ModelSpec:
    name: str
    label: str
    n_max: int = 6
    n_min: int = 1
    supports_size: bool = True
    supports_prompt_extend: bool = True
    size_requires_single_output: bool = True
    # USD per generated image, per region; a missing region means "price not published".
    price_per_image: dict[str, float] = field(default_factory=dict)
    note: str = ""

    def price(self, region: str) -> float | None:
        return self.price_per_image.get(region)


_PLUS_PRICES = {"singapore": 0.03, "beijing": 0.028671}

MODELS: dict[str, ModelSpec] = {
    spec.name: spec
    for spec in (
        ModelSpec(
            "qwen-image-edit-plus",
            "Qwen Image Edit Plus",
            price_per_image=_PLUS_PRICES,
            note="Up to 6 outputs, custom size, prompt rewriting. Same as the 2025-10-30 snapshot.",
        ),
        ModelSpec(
            "qwen-image-edit-plus-2025-10-30",
            "Qwen Image Edit Plus (2025-10-30 snapshot)",
            price_per_image=_PLUS_PRICES,
            note="The pinned snapshot of Plus: results stay stable when Plus moves on.",
        ),
        ModelSpec(
            "qwen-image-edit-max",
            "Qwen Image Edit Max",
            # Capabilities assumed like Plus; its price is not in our API reference.
            note="Assumed Plus-like capabilities; its price is not in the reference.",
        ),
        ModelSpec(
            "qwen-image-edit",
            "Qwen Image Edit",
            n_max=1,
            supports_size=False,
            supports_prompt_extend=False,
            price_per_image={"singapore": 0.045, "beijing": 0.043},
            note="One output per request; no custom size or prompt rewriting.",
        ),
    )
}

DEFAULT_MODEL = "qwen-image-edit-plus"


def estimate_cost(spec: ModelSpec, region: str, images: int) -> CostEstimate:
    """Billing is per generated image of a successful request; failures cost nothing."""
    unit = spec.price(region)
    return CostEstimate(None if unit is None else round(unit * images, 6), images, unit, region)
