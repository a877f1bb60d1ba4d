"""Values the controls offer, derived from the service tables (no gradio here either)."""

from __future__ import annotations

import json

from services.messages import CATALOGUES, DEFAULT_LANGUAGE, LANGUAGES, render
from services.messages import text as words
from services.models import ASSUMED, MODELS, ModelSpec, Source
from services.regions import REGIONS

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
# Each choice's name in the message catalogue (ui.size.*), for the page's language; the value
# a handler compares stays the English name above.
SIZE_KEYS = list(
    zip(
        (
            "ui.size.auto",
            "ui.size.square",
            "ui.size.portrait_3_4",
            "ui.size.landscape_4_3",
            "ui.size.portrait_9_16",
            "ui.size.landscape_16_9",
            "ui.size.custom",
        ),
        SIZE_CHOICES,
        strict=True,
    )
)

MODEL_CHOICES = [(spec.label, name) for name, spec in MODELS.items()]
REGION_CHOICES = [(region.label, name) for name, region in REGIONS.items()]


def size_from_choice(choice: str | None, width: float | None, height: float | None):
    """The (w, h) a size control means, or None for Auto."""
    if not choice or choice == SIZE_AUTO:
        return None
    if choice == SIZE_CUSTOM:
        return (width, height)
    return SIZE_PRESETS.get(choice)


def model_capabilities(
    spec: ModelSpec, n: int, lang: str = DEFAULT_LANGUAGE
) -> dict[str, tuple[bool, str]]:
    """For each control the model table governs: (enabled, the reason shown when disabled),
    in the reader's language."""
    n_ok = spec.n_max > 1
    rule = spec.size
    size_ok = rule is not None and (n == 1 or not rule.single_output_only)
    if rule is None:
        size_reason = words("choice.size.none", lang, model=spec.name)
    elif not size_ok:
        size_reason = words("choice.size.single", lang)
    else:
        described = render(rule.describe(), lang)
        described = described[:1].upper() + described[1:]  # a sentence's start, in English
        size_reason = words("choice.size.rule", lang, rule=described, step=rule.step)
    return {
        "n": (
            n_ok,
            words("choice.n.range", lang, max=spec.n_max)
            if n_ok
            else words("choice.n.one", lang, model=spec.name),
        ),
        "size": (size_ok, size_reason),
        "prompt_extend": (
            spec.supports_prompt_extend,
            words("choice.prompt_extend.on", lang)
            if spec.supports_prompt_extend
            else words("choice.prompt_extend.none", lang, model=spec.name),
        ),
    }


def _counter_js(field: str) -> str:
    """A live counter of the text against the chosen model's limit. Characters are code points,
    like the service (and Python's len), not UTF-16 units; token limits get the same generous
    estimate as services/validation.estimate_tokens (a wide character ~1, else 1 per 3)."""
    limits = {
        name: [getattr(spec, field).limit, getattr(spec, field).unit]
        for name, spec in MODELS.items()
    }
    return (
        f"(t, m) => {{ const L = {json.dumps(limits)}[m] || [0, 'characters']; "
        "const chars = [...(t || '')]; "
        "const wide = chars.filter(c => /[\\u1100-\\u115f\\u2e80-\\ua4cf\\uac00-\\ud7a3"
        "\\uf900-\\ufaff\\ufe30-\\ufe4f\\uff00-\\uff60\\uffe0-\\uffe6]/.test(c) "
        "|| c.codePointAt(0) > 0x1f000).length; "
        "const n = L[1] === 'tokens' ? wide + Math.ceil((chars.length - wide) / 3) : chars.length; "
        # In the page's language (<html lang>, set by ui/i18n.py's script).
        f"const W = {json.dumps(_counter_words(), ensure_ascii=False)}; "
        "const w = W[document.documentElement.lang] || W.en; "
        "const unit = L[1] === 'tokens' ? ' ' + w.tokens : ''; "
        "return `${n} / ${L[0]}${unit}` + (n > L[0] ? ' · ' + w.over : ''); }"
    )


def _counter_words() -> dict[str, dict[str, str]]:
    return {
        lang: {
            "tokens": CATALOGUES[lang]["ui.counter.tokens"],
            "over": CATALOGUES[lang]["ui.counter.over"],
        }
        for lang in LANGUAGES
    }


COUNTER_JS = {"prompt": _counter_js("prompt_limit"), "negative": _counter_js("negative_limit")}


def counter_text(spec: ModelSpec, field: str, text: str = "") -> str:
    """The counter's first value (before the browser takes over)."""
    limit = getattr(spec, field)
    unit = " tokens (estimated)" if limit.unit == "tokens" else ""
    return f"{len(text)} / {limit.limit}{unit}"


def source_words(source: Source, lang: str = DEFAULT_LANGUAGE) -> str:
    """Where a figure comes from, in lang: 'pricing page (2026)' / '价格页面（2026）'."""
    return words(_SOURCE_KEYS.get(source.kind, "source.assumed"), lang, date=source.date)


_SOURCE_KEYS = {
    "reference": "source.reference",
    "pricing page": "source.pricing_page",
    "rate-limit page": "source.rate_page",
    "API reference 2026": "source.api_2026",
    "assumed": "source.assumed",
}


def model_note(model: str, region: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """What the model does, costs and allows, with where each uncertain figure comes from,
    in the reader's language."""
    spec = MODELS[model]
    found = spec.prices.get(region)
    if found is None:
        cost = words("choice.price.none", lang)
    else:
        local = f" ({found.published})" if found.published else ""
        marked = (
            "" if found.source.kind == "reference" else f" [{source_words(found.source, lang)}]"
        )
        cost = words(
            "choice.price", lang, price=f"${found.usd:g}{local}", region=REGIONS[region].label
        )
        cost += marked
    rate = spec.sources.get("rate")
    rate_from = "" if rate is None or rate.kind == "reference" else f" [{source_words(rate, lang)}]"
    at_most = words("choice.rate", lang, rate=spec.rate_text()) + rate_from
    parts = [render(spec.note, lang), cost, at_most]
    lines = [" · ".join(parts)]
    lines += [words("choice.unsure", lang, text=said) for said in spec.unsure]
    return "<br>".join(lines)


def models_help(lang: str = DEFAULT_LANGUAGE) -> str:
    """The model table as Markdown in lang, for the Help tab (every language: ui/i18n.py
    makes it a gr.I18n key) and the README (English). Model ids and figures stay as they are."""
    head = " | ".join(words(f"help.table.{column}", lang) for column in _COLUMNS)
    rows = [f"| {head} |", "| --- | --- | --- | --- | --- | --- |"]
    for name, spec in MODELS.items():
        size = (
            words("help.table.no", lang)
            if spec.size is None
            else render(spec.size.describe(), lang)
        )
        if spec.size is not None and spec.size.single_output_only:
            size = words("help.table.single_output", lang, rule=size)
        prices = " / ".join(_price_cell(spec, region, lang) for region in ("singapore", "beijing"))
        prompt = words(
            f"help.table.{spec.prompt_limit.unit}", lang, count=f"{spec.prompt_limit.limit:,}"
        )
        outputs = f"{spec.n_min}-{spec.n_max}" if spec.n_max > spec.n_min else str(spec.n_min)
        rate = render(spec.rate_text(), lang)
        if spec.sources.get("rate") == ASSUMED:
            rate = words("help.table.assumed", lang, rate=rate)
        rows.append(f"| `{name}` | {outputs} | {size} | {prompt} | {rate} | {prices} |")
    return "\n".join(rows)


_COLUMNS = ("model", "outputs", "size", "instruction", "rate", "price")


def _price_cell(spec: ModelSpec, region: str, lang: str = DEFAULT_LANGUAGE) -> str:
    found = spec.prices.get(region)
    if found is None:
        return words("help.table.not_published", lang)
    text = f"${found.usd:g}" + (f" ({found.published})" if found.published else "")
    return text + (
        "" if found.source.kind == "reference" else f" [{source_words(found.source, lang)}]"
    )
