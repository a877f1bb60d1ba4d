"""The editor's components: built here, wired in ui/wiring.py."""

from __future__ import annotations

from dataclasses import dataclass

import gradio as gr

from services.config import Settings
from services.models import DEFAULT_MODEL, MODELS
from ui import choices, region_views
from ui.components import checked_image
from ui.examples import build_examples
from ui.i18n import known, live, model_choices, t
from ui.region_panel import build_region
from ui.translate_panel import TranslateControls, build_translate


@dataclass
class EditorControls:
    images: list[gr.Image]
    swap_12: gr.Button
    swap_23: gr.Button
    clear: gr.Button
    examples: gr.Dataset
    prompt: gr.Textbox
    prompt_count: gr.Markdown
    negative: gr.Textbox
    negative_count: gr.Markdown
    model: gr.Dropdown
    model_note: gr.Markdown
    n: gr.Radio
    settings_box: gr.Accordion  # "More settings", folded
    size: gr.Dropdown
    width: gr.Number
    height: gr.Number
    seed: gr.Textbox
    randomize: gr.Checkbox
    prompt_extend: gr.Checkbox
    watermark: gr.Checkbox
    region: gr.Dropdown
    api_key: gr.Textbox
    remember_key: gr.Checkbox
    run: gr.Button
    stop: gr.Button
    region_editor: gr.ImageEditor  # "Edit only a region": painted on image 1
    region_margin: gr.Slider
    region_feather: gr.Slider
    region_pending: gr.State
    translate: TranslateControls | None = None  # the offer to translate another language

    def form_fields(self) -> dict[str, gr.components.Component]:
        """The controls that make up an edit's request, by field name: restoring an entry
        fills them by name (ui/history_panel.restore_values), never by position."""
        i1, i2, i3 = self.images
        return {
            "image1": i1, "image2": i2, "image3": i3, "prompt": self.prompt,
            "negative_prompt": self.negative, "model": self.model, "n": self.n,
            "size_choice": self.size, "width": self.width, "height": self.height,
            "seed": self.seed, "randomize": self.randomize, "prompt_extend": self.prompt_extend,
            "watermark": self.watermark, "region": self.region,
            "region_editor": self.region_editor, "region_margin": self.region_margin,
            "region_feather": self.region_feather, "region_pending": self.region_pending,
        }  # fmt: skip

    def form_controls(self) -> list:
        return list(self.form_fields().values())


@dataclass
class OutputControls:
    gallery: gr.Gallery
    status: gr.Markdown
    progress: gr.Markdown
    compare: gr.ImageSlider
    use_as: list[gr.Button]
    reuse_seed: gr.Button
    view: gr.Radio  # a region edit's result, raw outputs, or what changed


def build_inputs(settings: Settings, ask_key: bool) -> EditorControls:
    # The action first: inputs, instruction and Edit fit the first screen (1440x900 and a
    # 390x844 phone); Model and Outputs sit under Edit, everything else is folded.
    with gr.Row(equal_height=True, elem_id="inputs-row"):
        # Image 1 is the usual case and gets the room; 2 and 3 wait beside it, smaller.
        images = [
            checked_image(
                label=t(f"ui.image.{i}"),
                type="filepath",
                sources=["upload", "clipboard", "webcam"],
                format="png",
                height=160,
                elem_id=f"image{i}",
                elem_classes=["input-slot"] if i == 1 else ["input-slot", "extra-slot"],
                buttons=["fullscreen"],
                scale=2 if i == 1 else 1,
                min_width=140 if i == 1 else 80,
            )
            for i in (1, 2, 3)
        ]
    with gr.Row(elem_classes=["tight-row"]):
        swap_12 = gr.Button(t("ui.swap_12"), size="sm", variant="secondary", elem_id="swap-12")
        swap_23 = gr.Button(t("ui.swap_23"), size="sm", variant="secondary", elem_id="swap-23")
        clear = gr.Button(t("ui.clear"), size="sm", variant="secondary", elem_id="clear-images")
    examples = build_examples()

    spec = MODELS[DEFAULT_MODEL]
    prompt = gr.Textbox(
        label=t("ui.prompt.label"),
        placeholder=t("ui.prompt.placeholder"),
        lines=2,
        max_lines=8,
        elem_id="prompt",
    )
    prompt_count = gr.Markdown(
        choices.counter_text(spec, "prompt_limit"), elem_classes=["counter"], elem_id="prompt-count"
    )
    translate = build_translate()  # shown only for an instruction in another language
    negative = gr.Textbox(
        label=t("ui.negative.label"),
        placeholder=t("ui.negative.placeholder"),
        lines=1,
        max_lines=4,
        elem_id="negative",
    )
    negative_count = gr.Markdown(
        choices.counter_text(spec, "negative_limit"),
        elem_classes=["counter"],
        elem_id="negative-count",
    )
    with gr.Row(elem_id="action-row"):
        run = gr.Button(t("ui.run"), variant="primary", elem_id="run", scale=3)
        stop = gr.Button(t("ui.stop"), variant="stop", elem_id="stop", scale=1, interactive=False)

    caps = choices.model_capabilities(spec, 1)
    with gr.Row(elem_id="model-row"):
        model = gr.Dropdown(
            model_choices(),  # names in the page's language (a snapshot says so in it)
            value=DEFAULT_MODEL,
            label=t("ui.model.label"),
            elem_id="model",
            scale=1,
            min_width=220,  # its own line on a phone: the names are long
        )
        # A choice of 1..n_max, not a slider with a number box: the box let a person type 7,
        # which Gradio refused with a bare "Error" while the edit went on with 6.
        n = gr.Radio(
            list(range(1, spec.n_max + 1)),
            value=1,
            label=t("ui.n.label"),
            info=caps["n"][1],
            elem_id="n",
            scale=1,
        )
    note = gr.Markdown(
        choices.model_note(DEFAULT_MODEL, settings.region),
        elem_id="model-note",
        elem_classes=["hint"],
    )
    box, size, width, height, seed, randomize, prompt_extend, watermark, region = build_settings(
        settings, spec, caps
    )
    painting = build_region()
    api_key, remember_key = build_key_box(ask_key)
    return EditorControls(
        images,
        swap_12,
        swap_23,
        clear,
        examples,
        prompt,
        prompt_count,
        negative,
        negative_count,
        model,
        note,
        n,
        box,
        size,
        width,
        height,
        seed,
        randomize,
        prompt_extend,
        watermark,
        region,
        api_key,
        remember_key,
        run,
        stop,
        region_editor=painting.editor,
        region_margin=painting.margin,
        region_feather=painting.feather,
        region_pending=painting.pending,
        translate=translate,
    )


def build_settings(settings: Settings, spec, caps: dict) -> tuple:
    low, high = spec.size.side_bounds() if spec.size else (512, 2048)
    with gr.Accordion(t("ui.settings"), open=False, elem_id="settings") as box:
        with gr.Row():
            size = gr.Dropdown(
                size_choices(),
                value=choices.SIZE_AUTO,
                label=t("ui.size.label"),
                info=caps["size"][1],
                elem_id="size",
            )
            width, height = (
                gr.Number(
                    1024,
                    label=t(f"ui.{name.lower()}"),
                    minimum=low,
                    maximum=high,
                    step=16,
                    precision=0,
                    visible=False,
                    elem_id=name.lower(),
                )
                for name in ("Width", "Height")
            )
        with gr.Row(equal_height=True):
            randomize = gr.Checkbox(True, label=t("ui.randomize"), elem_id="randomize")
            # Always in place (no box popping in), editable only when Random is off. Text, not
            # gr.Number: an empty Number reads "0", which looks like a real seed.
            seed = gr.Textbox(
                "",
                label=t("ui.seed.label"),
                placeholder=t("ui.seed.placeholder"),
                max_lines=1,
                interactive=False,
                info=t("ui.seed.info"),  # the catalogue writes SEED_MAX out
                elem_id="seed",
            )
        with gr.Row():
            prompt_extend = gr.Checkbox(
                True,
                label=t("ui.prompt_extend.label"),
                info=caps["prompt_extend"][1],
                elem_id="prompt-extend",
            )
            watermark = gr.Checkbox(
                False,
                label=t("ui.watermark.label"),
                info=t("ui.watermark.info"),
                elem_id="watermark",
            )
        fixed = bool(settings.base_url)
        region = gr.Dropdown(
            region_choices(),
            value=settings.region,
            label=t("ui.region.label"),
            info=t(
                ("ui.region.fixed_demo" if settings.demo else "ui.region.fixed")
                if fixed
                else "ui.region.keys"
            ),
            elem_id="region",
            interactive=not fixed,
        )
    return box, size, width, height, seed, randomize, prompt_extend, watermark, region


def build_key_box(ask_key: bool) -> tuple[gr.Textbox, gr.Checkbox]:
    with gr.Accordion(t("ui.key.box"), open=ask_key, visible=ask_key, elem_id="key-box"):
        api_key = gr.Textbox(
            label=t("ui.key.label"),
            type="password",
            placeholder="sk-…",
            info=t("ui.key.info"),
            elem_id="api-key",
        )
        remember_key = gr.Checkbox(
            False,
            label=t("ui.remember.label"),
            # Honest: Gradio's BrowserState key is in every page, so what it stores is only
            # encoded, not secret from anyone who can open this browser's storage.
            info=t("ui.remember.info"),
            elem_id="remember",
        )
    return api_key, remember_key


def build_outputs() -> OutputControls:
    progress = gr.Markdown("", elem_id="progress", elem_classes=["progress-line"])
    view = gr.Radio(
        [(t(key), view) for key, view in region_views.VIEW_KEYS],
        value=region_views.RESULT,
        show_label=False,
        visible=False,  # region edits only
        elem_id="result-view",
    )
    gallery = gr.Gallery(
        label=t("ui.results"),
        columns=3,
        height=440,
        format="png",
        object_fit="contain",
        buttons=["download", "fullscreen"],
        elem_id="gallery",
        interactive=False,
    )
    status = gr.Markdown(EMPTY_STATUS, elem_id="status", elem_classes=["status"])
    with gr.Row(elem_classes=["tight-row"]):
        # Off until there is a result to use: a button that can only answer "not yet" is noise.
        use_as = [
            gr.Button(
                t(f"ui.use_as.{i}"),
                size="sm",
                variant="secondary",
                elem_id=f"use-{i}",
                interactive=False,
            )
            for i in (1, 2, 3)
        ]
        reuse_seed = gr.Button(
            t("ui.reuse_seed"),
            size="sm",
            variant="secondary",
            elem_id="reuse-seed",
            interactive=False,
        )
    compare = gr.ImageSlider(
        label=t("ui.compare"),
        type="filepath",
        format="png",
        elem_id="compare",
        max_height=480,
        visible=False,  # shown with the first result: an empty slider only says "nothing"
    )
    return OutputControls(gallery, status, progress, compare, use_as, reuse_seed, view)


EMPTY_STATUS = live("ui.status.empty")  # translated in the browser, like a label


def size_choices() -> list[tuple]:
    """The size choices with their names in the page's language; the values stay the English
    names the handlers compare (choices.size_from_choice) and the history stores."""
    return [(t(key), value) for key, value in choices.SIZE_KEYS]


def region_choices() -> list[tuple]:
    # A region added to services/regions.py before the catalogue knows it shows its own label.
    return [
        (t(f"ui.region.{name}") if known(f"ui.region.{name}") else label, name)
        for label, name in choices.REGION_CHOICES
    ]
