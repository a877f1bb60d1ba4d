"""Values the controls offer, derived from the service tables (no gradio here either)."""

from __future__ import annotations

from services.models import MODELS, ModelSpec
from services.regions import REGIONS
from services.validation import NEGATIVE_MAX, PROMPT_MAX

SIZE_AUTO = "Auto (last image's aspect ratio, ~1 MP)"
SIZE_CUSTOM = "Custom"
SIZE_PRESETS = {
    "1024×1024 square": (1024, 1024),
    "768×1024 portrait 3:4": (768, 1024),
    "1024×768 landscape 4:3": (1024, 768),
    "720×1280 portrait 9:16": (720, 1280),
    "1280×720 landscape 16:9": (1280, 720),
}
SIZE_CHOICES = [SIZE_AUTO, *SIZE_PRESETS, SIZE_CUSTOM]

MODEL_CHOICES = [(spec.label, name) for name, spec in MODELS.items()]
REGION_CHOICES = [(region.label, name) for name, region in REGIONS.items()]


def size_from_choice(choice: str | None, width: float | None, height: float | None):
    """The (w, h) a size control means, or None for Auto."""
    if not choice or choice == SIZE_AUTO:
        return None
    if choice == SIZE_CUSTOM:
        return (width, height)
    return SIZE_PRESETS.get(choice)


def model_capabilities(spec: ModelSpec, n: int) -> dict[str, tuple[bool, str]]:
    """For each control the model table governs: (enabled, the reason shown when disabled)."""
    n_ok = spec.n_max > 1
    size_ok = spec.supports_size and (n == 1 or not spec.size_requires_single_output)
    size_reason = (
        f"{spec.name} has no custom size"
        if not spec.supports_size
        else "Custom size needs 1 output; set outputs to 1"
        if not size_ok
        else "Each side 512-2048 px; rounded to multiples of 16"
    )
    return {
        "n": (n_ok, f"1-{spec.n_max} per request" if n_ok else f"{spec.name} makes 1 per request"),
        "size": (size_ok, size_reason),
        "prompt_extend": (
            spec.supports_prompt_extend,
            "An LLM rewrites the instruction for better detail"
            if spec.supports_prompt_extend
            else f"{spec.name} does not rewrite prompts",
        ),
    }


def _counter_js(limit: int) -> str:
    # Count code points like the service (and Python's len), not UTF-16 units.
    return (
        "(t) => { const n = [...(t || '')].length; "
        f"return `${{n}} / {limit}` + (n > {limit} ? ' · over the limit: the rest is cut' : ''); }}"
    )


COUNTER_JS = {"prompt": _counter_js(PROMPT_MAX), "negative": _counter_js(NEGATIVE_MAX)}
