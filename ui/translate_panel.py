"""Instructions in other languages: a notice under the instruction when it is not Chinese or
English (what the models understand), an offer to translate it with Qwen-MT through the same
key, and the translation shown for the person to check and edit before it replaces their
instruction. Built by build_translate (placed by ui/edit_panel.py), wired by wire_translate
(called from ui/wiring.py); the work is services/translation.py."""

from __future__ import annotations

import asyncio
import functools
import logging
from dataclasses import dataclass

import gradio as gr

from services.container import Services
from services.errors import EditorError
from services.messages import CATALOGUES, DEFAULT_LANGUAGE, Message, render
from services.messages import text as words
from services.regions import REGIONS
from services.translation import (
    LANGUAGES,
    TranslationRequest,
    TranslationResult,
    detect_language,
    needs_translation,
)
from ui import text
from ui.handlers import titled, user_error
from ui.i18n import language_of, t

log = logging.getLogger(__name__)

# Its own small pool: a translation waits on the network for a second, and must neither wait
# behind edits nor let a burst of clicks hold many threads.
TRANSLATE_POOL = {"concurrency_limit": 8, "concurrency_id": "translate"}
PRIVATE = {"api_visibility": "private"}


@dataclass
class TranslateControls:
    notice: gr.Column  # shown while the instruction looks written in another language
    notice_text: gr.Markdown
    to_english: gr.Button
    to_chinese: gr.Button
    box: gr.Column  # the translation, once asked for
    translation: gr.Textbox
    cost: gr.Markdown
    use: gr.Button
    keep: gr.Button
    dismissed: gr.State  # the instruction "Keep mine" was said to: no notice for it again


def build_translate() -> TranslateControls:
    with gr.Column(visible=False, variant="panel", elem_id="translate-notice") as notice:
        notice_text = gr.Markdown("", elem_id="translate-notice-text", padding=True)
        with gr.Row(elem_classes=["tight-row"]):
            to_english = gr.Button(t("ui.translate.to_en"), size="sm", elem_id="translate-en")
            to_chinese = gr.Button(
                t("ui.translate.to_zh"), size="sm", variant="secondary", elem_id="translate-zh"
            )
    with gr.Column(visible=False, variant="panel", elem_id="translation-box") as box:
        translation = gr.Textbox(
            label=t("ui.translate.label"),
            lines=2,
            max_lines=8,
            elem_id="translation",
        )
        cost = gr.Markdown("", elem_id="translation-cost", elem_classes=["hint"], padding=True)
        with gr.Row(elem_classes=["tight-row"]):
            use = gr.Button(
                t("ui.translate.use"), size="sm", variant="primary", elem_id="translation-use"
            )
            keep = gr.Button(
                t("ui.translate.keep"), size="sm", variant="secondary", elem_id="translation-keep"
            )
    return TranslateControls(
        notice, notice_text, to_english, to_chinese, box, translation, cost, use, keep, gr.State("")
    )


def notice_text(code: str | None, lang: str = DEFAULT_LANGUAGE) -> str:
    """The notice, in the reader's language (the language named in it, too)."""
    if code in LANGUAGES and f"lang.{code}" in CATALOGUES[DEFAULT_LANGUAGE]:
        looks = words("translate.looks", lang, language=Message(f"lang.{code}"))
    else:
        looks = words("translate.looks_other", lang)
    return f"**{text.markdown(looks)}**{text.markdown(words('translate.why', lang))}"


def cost_text(result: TranslationResult, demo: bool, lang: str = DEFAULT_LANGUAGE) -> str:
    line = f"Qwen-MT ({result.model}): {describe_cost(result, lang)}"
    if result.cost_cny is not None:
        line += f" (¥{result.cost_cny:.6f})"
    parts = [text.markdown(line)]
    if demo:
        parts.append(text.markdown(words("translate.demo", lang)))
    parts += [text.markdown(render(w, lang)) for w in result.warnings]
    if result.request_id:
        # The template is ours; only the id is a value, set in code.
        parts.append(words("status.request", lang, request_id=text.code(result.request_id)))
    return "<br>".join(parts)


def describe_cost(result: TranslationResult, lang: str = DEFAULT_LANGUAGE) -> str:
    """The tokens and what they cost, in lang (TranslationResult.describe_cost's figures):
    '31 tokens in, 12 out ≈ $0.0000109 (Singapore: $0.16 in / $0.49 out per million tokens,
    from Model Studio's qwen-mt-turbo page (2026))'."""
    if result.input_tokens is None or result.output_tokens is None:
        return words("translate.cost.unknown", lang)
    tokens = words(
        "translate.cost.tokens", lang, input=result.input_tokens, output=result.output_tokens
    )
    region = result.region.capitalize()
    if lang != DEFAULT_LANGUAGE and result.region in REGIONS:
        region = render(REGIONS[result.region].label, lang)
    if result.price is None or result.cost_usd is None:
        return words("translate.cost.no_price", lang, tokens=tokens, region=region)
    p = result.price
    return words(
        "translate.cost.priced",
        lang,
        tokens=tokens,
        usd=result.cost_usd,
        region=region,
        input_usd=p.input_usd,
        output_usd=p.output_usd,
        model=result.model,
    )


def _title(exc: EditorError, lang: str) -> str:
    key = {
        "ValidationError": "toast.nothing_to_translate",
        "MissingApiKey": "toast.key_needed",
        "InvalidApiKey": "toast.key_refused",
    }.get(exc.code, "toast.translation_failed")
    return words(key, lang)


def wire_translate(
    services: Services,
    t: TranslateControls,
    prompt: gr.Textbox,
    api_key: gr.Textbox,
    region: gr.Dropdown,
    ask_key: bool,
) -> None:
    def on_instruction(instruction: str | None, dismissed: str, request: gr.Request):
        said = (instruction or "").strip()
        if not needs_translation(said) or said == dismissed:
            return gr.update(visible=False), gr.skip()
        return gr.update(visible=True), notice_text(detect_language(said), language_of(request))

    # Pure string work, microseconds: run on every change, the latest one winning.
    prompt.change(
        on_instruction,
        [prompt, t.dismissed],
        [t.notice, t.notice_text],
        concurrency_limit=None,
        trigger_mode="always_last",
        show_progress="hidden",
        **PRIVATE,
    )

    async def translate(
        instruction: str | None, key: str | None, region_name: str, target: str, lang: str
    ):
        translator = services.translator
        if translator is None:
            raise gr.Error(words("toast.no_translator", lang), title=words("ui.toast.error", lang))
        try:
            credentials = services.settings.credentials(key if ask_key else "", region_name)
            request = TranslationRequest(instruction or "", target)
            work = functools.partial(translator.translate, request, credentials)
            result = await asyncio.get_running_loop().run_in_executor(services.edit_pool, work)
        except EditorError as exc:
            raise user_error(exc, "translation", title=_title(exc, lang), lang=lang) from None
        except Exception:  # a bug: logged for the operator, no traceback for the person
            log.exception("translation failed unexpectedly")
            title, message = words("toast.unexpected", lang), words("toast.unexpected_text", lang)
            raise gr.Error(titled(title, message), title=title, print_exception=False) from None
        return (
            gr.update(value=text.plain(result.text)),  # the service's words, shown as text
            cost_text(result, services.settings.demo, lang),
            gr.update(visible=True),
        )

    def translate_to(target: str):
        async def handler(
            instruction: str | None, key: str | None, region_name: str, request: gr.Request
        ):
            # The reader's language, for a refusal's toast (ui/i18n.py).
            return await translate(instruction, key, region_name, target, language_of(request))

        return handler

    for button, target in ((t.to_english, "en"), (t.to_chinese, "zh")):
        button.click(
            translate_to(target),
            [prompt, api_key, region],
            [t.translation, t.cost, t.box],
            show_progress="minimal",
            **TRANSLATE_POOL,
            **PRIVATE,
        )

    def use(translation: str | None, request: gr.Request):
        lang = language_of(request)
        chosen = (translation or "").strip()
        if not chosen:
            title = words("toast.nothing_to_use", lang)
            raise gr.Error(
                titled(title, words("toast.empty_translation", lang)),
                title=title,
                print_exception=False,
            )
        gr.Info(words("toast.translation_used", lang), title=words("ui.toast.info", lang))
        return chosen, gr.update(visible=False), gr.update(visible=False), ""

    t.use.click(
        use,
        t.translation,
        [prompt, t.box, t.notice, t.dismissed],
        concurrency_limit=None,
        **PRIVATE,
    )

    def keep(instruction: str | None, request: gr.Request):
        lang = language_of(request)
        gr.Info(words("toast.instruction_kept", lang), title=words("ui.toast.info", lang))
        return gr.update(visible=False), gr.update(visible=False), (instruction or "").strip()

    t.keep.click(keep, prompt, [t.box, t.notice, t.dismissed], concurrency_limit=None, **PRIVATE)
