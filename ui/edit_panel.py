"""The editor's components: built here, wired in ui/wiring.py."""

from __future__ import annotations

from dataclasses import dataclass

import gradio as gr

from services.config import Settings
from services.models import DEFAULT_MODEL, MODELS
from services.validation import SEED_MAX
from ui import choices, region_views
from ui.components import checked_image
from ui.examples import build_examples
from ui.region_panel import build_region


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
                label=f"Image {i}",
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
        swap_12 = gr.Button("⇄ Swap 1-2", size="sm", variant="secondary", elem_id="swap-12")
        swap_23 = gr.Button("⇄ Swap 2-3", size="sm", variant="secondary", elem_id="swap-23")
        clear = gr.Button("✕ Clear all", size="sm", variant="secondary", elem_id="clear-images")
    examples = build_examples()

    spec = MODELS[DEFAULT_MODEL]
    prompt = gr.Textbox(
        label="Instruction",
        placeholder='Say which image is which, e.g. "make the girl in image 1 wear the dress '
        'from image 2"',
        lines=2,
        max_lines=8,
        elem_id="prompt",
    )
    prompt_count = gr.Markdown(
        choices.counter_text(spec, "prompt_limit"), elem_classes=["counter"], elem_id="prompt-count"
    )
    negative = gr.Textbox(
        label="Negative prompt (what to avoid)",
        placeholder="e.g. blurry, extra fingers, text artifacts",
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
        run = gr.Button("Edit", variant="primary", elem_id="run", scale=3)
        stop = gr.Button("■ Stop", variant="stop", elem_id="stop", scale=1, interactive=False)

    caps = choices.model_capabilities(spec, 1)
    with gr.Row(elem_id="model-row"):
        model = gr.Dropdown(
            choices.MODEL_CHOICES,
            value=DEFAULT_MODEL,
            label="Model",
            elem_id="model",
            scale=1,
            min_width=220,  # its own line on a phone: the names are long
        )
        # A choice of 1..n_max, not a slider with a number box: the box let a person type 7,
        # which Gradio refused with a bare "Error" while the edit went on with 6.
        n = gr.Radio(
            list(range(1, spec.n_max + 1)),
            value=1,
            label="Outputs",
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
    )


def build_settings(settings: Settings, spec, caps: dict) -> tuple:
    low, high = spec.size.side_bounds() if spec.size else (512, 2048)
    with gr.Accordion("More settings", open=False, elem_id="settings") as box:
        with gr.Row():
            size = gr.Dropdown(
                choices.SIZE_CHOICES,
                value=choices.SIZE_AUTO,
                label="Output size",
                info=caps["size"][1],
                elem_id="size",
            )
            width, height = (
                gr.Number(
                    1024,
                    label=name,
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
            randomize = gr.Checkbox(True, label="Random seed", elem_id="randomize")
            # Always in place (no box popping in), editable only when Random is off. Text, not
            # gr.Number: an empty Number reads "0", which looks like a real seed.
            seed = gr.Textbox(
                "",
                label="Seed",
                placeholder="random",
                max_lines=1,
                interactive=False,
                info=f"0-{SEED_MAX}; same seed, similar result",
                elem_id="seed",
            )
        with gr.Row():
            prompt_extend = gr.Checkbox(
                True,
                label="Rewrite prompt (prompt_extend)",
                info=caps["prompt_extend"][1],
                elem_id="prompt-extend",
            )
            watermark = gr.Checkbox(
                False, label="Watermark", info='Adds "Qwen-Image" bottom right', elem_id="watermark"
            )
        fixed = bool(settings.base_url)
        region = gr.Dropdown(
            choices.REGION_CHOICES,
            value=settings.region,
            label="Region",
            info=(
                "Fixed by this deployment: it talks to one endpoint"
                + (" (in demo mode, the built-in emulator)" if settings.demo else "")
                if fixed
                else "Keys are per region: a Singapore key fails in Beijing."
            ),
            elem_id="region",
            interactive=not fixed,
        )
    return box, size, width, height, seed, randomize, prompt_extend, watermark, region


def build_key_box(ask_key: bool) -> tuple[gr.Textbox, gr.Checkbox]:
    with gr.Accordion("API key", open=ask_key, visible=ask_key, elem_id="key-box"):
        api_key = gr.Textbox(
            label="DashScope API key",
            type="password",
            placeholder="sk-…",
            info="Sent only with your requests; never logged or stored on the server.",
            elem_id="api-key",
        )
        remember_key = gr.Checkbox(
            False,
            label="Remember in this browser",
            # Honest: Gradio's BrowserState key is in every page, so what it stores is only
            # encoded, not secret from anyone who can open this browser's storage.
            info="Kept in this browser's local storage, readable by anyone who uses this "
            "browser profile. Tick it only on your own device.",
            elem_id="remember",
        )
    return api_key, remember_key


def build_outputs() -> OutputControls:
    progress = gr.Markdown("", elem_id="progress", elem_classes=["progress-line"])
    view = gr.Radio(
        region_views.VIEWS,
        value=region_views.RESULT,
        show_label=False,
        visible=False,  # region edits only
        elem_id="result-view",
    )
    gallery = gr.Gallery(
        label="Results",
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
                f"↩ Use as image {i}",
                size="sm",
                variant="secondary",
                elem_id=f"use-{i}",
                interactive=False,
            )
            for i in (1, 2, 3)
        ]
        reuse_seed = gr.Button(
            "♻ Reuse seed", size="sm", variant="secondary", elem_id="reuse-seed", interactive=False
        )
    compare = gr.ImageSlider(
        label="Before / after (last input vs selected output)",
        type="filepath",
        format="png",
        elem_id="compare",
        max_height=480,
        visible=False,  # shown with the first result: an empty slider only says "nothing"
    )
    return OutputControls(gallery, status, progress, compare, use_as, reuse_seed, view)


EMPTY_STATUS = (
    "Your results appear here. Then click one to compare it with your input, download it, "
    "use it as an input for the next step, or reuse its seed."
)
