"""The editor's components: built here, wired in ui/wiring.py."""

from __future__ import annotations

from dataclasses import dataclass

import gradio as gr

from services.config import Settings
from services.models import DEFAULT_MODEL, MODELS
from ui import choices
from ui.components import checked_image


@dataclass
class EditorControls:
    images: list[gr.Image]
    swap_12: gr.Button
    swap_23: gr.Button
    clear: gr.Button
    prompt: gr.Textbox
    prompt_count: gr.Markdown
    negative: gr.Textbox
    negative_count: gr.Markdown
    model: gr.Dropdown
    model_note: gr.Markdown
    n: gr.Radio
    size: gr.Dropdown
    width: gr.Number
    height: gr.Number
    seed: gr.Number
    randomize: gr.Checkbox
    prompt_extend: gr.Checkbox
    watermark: gr.Checkbox
    region: gr.Dropdown
    api_key: gr.Textbox
    remember_key: gr.Checkbox
    run: gr.Button
    stop: gr.Button

    def form_controls(self) -> list:
        """The controls that make up an edit's request, in a fixed order (restore fills them)."""
        return [
            *self.images, self.prompt, self.negative, self.model, self.n, self.size, self.width,
            self.height, self.seed, self.randomize, self.prompt_extend, self.watermark,
            self.region,
        ]  # fmt: skip


@dataclass
class OutputControls:
    gallery: gr.Gallery
    status: gr.Markdown
    progress: gr.Markdown
    compare: gr.ImageSlider
    use_as: list[gr.Button]
    reuse_seed: gr.Button


def build_inputs(settings: Settings, ask_key: bool) -> EditorControls:
    gr.Markdown(
        "**Inputs.** Refer to them as *image 1*, *image 2*, *image 3* in the instruction. "
        "The **last** image sets the output's aspect ratio.",
        elem_classes=["hint"],
    )
    with gr.Row(equal_height=True):
        images = [
            checked_image(
                label=f"Image {i}",
                type="filepath",
                sources=["upload", "clipboard", "webcam"],
                format="png",
                height=220,
                elem_id=f"image{i}",
                buttons=["fullscreen"],
            )
            for i in (1, 2, 3)
        ]
    with gr.Row(elem_classes=["tight-row"]):
        swap_12 = gr.Button("⇄ Swap 1 and 2", size="sm", variant="secondary")
        swap_23 = gr.Button("⇄ Swap 2 and 3", size="sm", variant="secondary")
        clear = gr.Button("✕ Clear images", size="sm", variant="secondary")

    prompt = gr.Textbox(
        label="Instruction",
        placeholder='e.g. "Make the girl in image 1 wear the dress from image 2"',
        lines=3,
        elem_id="prompt",
    )
    spec = MODELS[DEFAULT_MODEL]
    prompt_count = gr.Markdown(
        choices.counter_text(spec, "prompt_limit"), elem_classes=["counter"], elem_id="prompt-count"
    )
    negative = gr.Textbox(
        label="Negative prompt (what to avoid)",
        placeholder="e.g. blurry, extra fingers, text artifacts",
        lines=1,
        elem_id="negative",
    )
    negative_count = gr.Markdown(
        choices.counter_text(spec, "negative_limit"),
        elem_classes=["counter"],
        elem_id="negative-count",
    )
    with gr.Row():
        run = gr.Button("Edit", variant="primary", elem_id="run", scale=3)
        stop = gr.Button("■ Stop", variant="stop", elem_id="stop", scale=1, interactive=False)

    caps = choices.model_capabilities(spec, 1)
    low, high = spec.size.side_bounds() if spec.size else (512, 2048)
    with gr.Accordion("Settings", open=True, elem_id="settings"):
        with gr.Row():
            model = gr.Dropdown(
                choices.MODEL_CHOICES, value=DEFAULT_MODEL, label="Model", elem_id="model"
            )
            region = gr.Dropdown(
                choices.REGION_CHOICES,
                value=settings.region,
                label="Region",
                info="Keys are per region: a Singapore key fails in Beijing.",
                elem_id="region",
                interactive=not settings.base_url,
            )
        note = gr.Markdown(choices.model_note(DEFAULT_MODEL, settings.region), elem_id="model-note")
        # A choice of 1..n_max, not a slider with a number box: the box let a person type 7,
        # which Gradio refused with a bare "Error" while the edit went on with 6.
        n = gr.Radio(
            list(range(1, spec.n_max + 1)),
            value=1,
            label="Outputs",
            info=caps["n"][1],
            elem_id="n",
        )
        with gr.Row():
            size = gr.Dropdown(
                choices.SIZE_CHOICES,
                value=choices.SIZE_AUTO,
                label="Output size",
                info=caps["size"][1],
                elem_id="size",
            )
            width = gr.Number(
                1024,
                label="Width",
                minimum=low,
                maximum=high,
                step=16,
                precision=0,
                visible=False,
                elem_id="width",
            )
            height = gr.Number(
                1024,
                label="Height",
                minimum=low,
                maximum=high,
                step=16,
                precision=0,
                visible=False,
                elem_id="height",
            )
        with gr.Row():
            # Shown only when a seed is chosen: Gradio renders an empty Number as "0", which
            # would read as a real seed while Random is on.
            seed = gr.Number(
                None,
                visible=False,
                label="Seed",
                precision=0,
                minimum=0,
                maximum=2147483647,
                info="0-2147483647; same seed, similar result",
                elem_id="seed",
            )
            randomize = gr.Checkbox(True, label="Random seed", elem_id="randomize")
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
    return EditorControls(
        images,
        swap_12,
        swap_23,
        clear,
        prompt,
        prompt_count,
        negative,
        negative_count,
        model,
        note,
        n,
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
    )


def build_outputs() -> OutputControls:
    progress = gr.Markdown("", elem_id="progress", elem_classes=["progress-line"])
    gallery = gr.Gallery(
        label="Results",
        columns=3,
        height=420,
        format="png",
        object_fit="contain",
        buttons=["download", "fullscreen"],
        elem_id="gallery",
        interactive=False,
    )
    status = gr.Markdown("", elem_id="status", elem_classes=["status"])
    with gr.Row(elem_classes=["tight-row"]):
        use_as = [
            gr.Button(f"↩ Use as image {i}", size="sm", variant="secondary", elem_id=f"use-{i}")
            for i in (1, 2, 3)
        ]
        reuse_seed = gr.Button("♻ Reuse seed", size="sm", variant="secondary", elem_id="reuse-seed")
    compare = gr.ImageSlider(
        label="Before / after (last input vs selected output)",
        type="filepath",
        format="png",
        elem_id="compare",
        max_height=480,
    )
    return OutputControls(gallery, status, progress, compare, use_as, reuse_seed)
