"""The Experiments tab (issue 14): many edits at once, as a grid labelled by its axes.

Built here; its events are wired in ui/experiments_events.py, its words and grid order live in
ui/experiments_view.py and the setup is read in ui/experiments_form.py. The runs themselves
live on the server (services/experiments), per history user: a reload finds them again."""

from __future__ import annotations

from dataclasses import dataclass

import gradio as gr

from services.models import DEFAULT_MODEL, MODELS
from ui import choices
from ui.experiments_events import wire_experiments
from ui.i18n import known, t

__all__ = ["ExperimentControls", "build_experiments", "wire_experiments"]


@dataclass
class ExperimentControls:
    # The setup: the axes and the shared settings.
    prompts: gr.Textbox
    seed_count: gr.Number
    seeds: gr.Textbox
    models: gr.CheckboxGroup
    photos: gr.File
    use_editor: gr.Checkbox
    name: gr.Textbox
    negative: gr.Textbox
    n: gr.Radio
    size: gr.Dropdown
    prompt_extend: gr.Checkbox
    watermark: gr.Checkbox
    estimate: gr.Button
    estimate_text: gr.Markdown
    confirm_box: gr.Group  # the question before anything is sent
    start: gr.Button
    cancel: gr.Button
    # The run: which one, where it stands, its grid and what to do with a result.
    runs: gr.Dropdown
    refresh: gr.Button
    progress: gr.Markdown
    stop: gr.Button
    resume: gr.Button
    axes: gr.Markdown
    grid: gr.Gallery
    selected: gr.Markdown
    winner: gr.Button
    send: gr.Button
    in_history: gr.Button
    compare_a: gr.Dropdown
    compare_b: gr.Dropdown
    compare: gr.ImageSlider
    sheet: gr.Button
    zip: gr.Button
    download: gr.File
    timer: gr.Timer  # polls a running run, about once a second, only while one is shown

    def setup(self) -> dict[str, gr.components.Component]:
        """The controls that make up a run's spec, by ExperimentForm field name."""
        return {
            "prompts": self.prompts, "seed_count": self.seed_count, "seeds": self.seeds,
            "models": self.models, "photos": self.photos, "use_editor": self.use_editor,
            "name": self.name, "negative_prompt": self.negative, "n": self.n,
            "size_choice": self.size, "prompt_extend": self.prompt_extend,
            "watermark": self.watermark,
        }  # fmt: skip


# The theme draws a chosen model's box violet-500 behind white text (4.2:1, under WCAG AA's
# 4.5:1, which axe checks): one shade darker here, as ui/layout.py's theme does for buttons.
# Gradio 6.31's File draws its "add more" icon as a button with a second button inside (axe:
# nested-interactive), named by an untranslated key ("common.upload"): hidden; photos are
# chosen several at once, and the list's × clears them for another choice.
STYLE = """<style>
#exp-models label.selected { background: var(--primary-600); border-color: var(--primary-600); }
#exp-photos button[aria-label="common.upload"] { display: none; }
/* The grid as tall as its tiles (Gradio keeps a 320 px floor, a gap under one row, and a
   ceiling that hid the last rows); on a desktop each caption whole, on up to two lines; on a
   phone two tiles a row (three were unreadable), captions on one line. */
#exp-grid .grid-wrap.fixed-height { min-height: 0; max-height: none; }
@media (min-width: 721px) {
  #exp-grid .thumbnail-lg .caption-label {
    white-space: normal; overflow-wrap: anywhere; text-overflow: clip; max-width: 100%;
  }
}
@media (max-width: 720px) { #exp-grid .grid-container { --grid-cols: 2 !important; } }
</style>"""


def model_choices() -> list[tuple]:
    """Every model by its name, a snapshot's in the page's language ("snapshot" is a word);
    a model without such a key keeps its table label (a product name)."""
    return [
        (t(f"ui.exp.model.{name}") if known(f"ui.exp.model.{name}") else label, name)
        for label, name in choices.MODEL_CHOICES
    ]


def build_experiments() -> ExperimentControls:
    gr.HTML(STYLE, padding=False, elem_id="exp-style")
    gr.Markdown(t("ui.exp.intro"), elem_id="exp-intro")
    with gr.Row(elem_id="exp-row"):
        with gr.Column(scale=4, min_width=300, elem_id="exp-setup"):
            prompts = gr.Textbox(
                label=t("ui.exp.prompts.label"),
                placeholder=t("ui.exp.prompts.placeholder"),
                lines=3,
                max_lines=12,
                elem_id="exp-prompts",
            )
            with gr.Row(elem_classes=["tight-row"]):
                seed_count = gr.Number(
                    1,
                    label=t("ui.exp.seed_count.label"),
                    minimum=0,
                    precision=0,
                    min_width=140,
                    elem_id="exp-seed-count",
                )
                seeds = gr.Textbox(
                    label=t("ui.exp.seeds.label"),
                    placeholder=t("ui.exp.seeds.placeholder"),
                    min_width=140,
                    elem_id="exp-seeds",
                )
            models = gr.CheckboxGroup(
                model_choices(),
                value=[DEFAULT_MODEL],
                label=t("ui.exp.models.label"),
                elem_id="exp-models",
            )
            photos = gr.File(
                file_count="multiple",
                file_types=["image"],
                label=t("ui.exp.photos.label"),
                height=140,
                elem_id="exp-photos",
            )
            use_editor = gr.Checkbox(
                True, label=t("ui.exp.use_editor.label"), elem_id="exp-use-editor"
            )
            with gr.Accordion(t("ui.exp.settings"), open=False, elem_id="exp-settings"):
                name = gr.Textbox(label=t("ui.exp.name.label"), max_length=80, elem_id="exp-name")
                negative = gr.Textbox(
                    label=t("ui.negative.label"),
                    placeholder=t("ui.negative.placeholder"),
                    elem_id="exp-negative",
                )
                n_max = max(spec.n_max for spec in MODELS.values())
                n = gr.Radio(
                    list(range(1, n_max + 1)), value=1, label=t("ui.n.label"), elem_id="exp-n"
                )
                size = gr.Dropdown(
                    [
                        (t(key), value)
                        for key, value in choices.SIZE_KEYS
                        if key != "ui.size.custom"
                    ],
                    value=choices.SIZE_AUTO,
                    label=t("ui.size.label"),
                    elem_id="exp-size",
                )
                with gr.Row(elem_classes=["tight-row"]):
                    prompt_extend = gr.Checkbox(
                        True, label=t("ui.prompt_extend.label"), elem_id="exp-prompt-extend"
                    )
                    watermark = gr.Checkbox(
                        False, label=t("ui.watermark.label"), elem_id="exp-watermark"
                    )
            estimate = gr.Button(t("ui.exp.estimate"), variant="primary", elem_id="exp-estimate")
            estimate_text = gr.Markdown("", elem_id="exp-estimate-text")
            with (
                gr.Group(visible=False, elem_id="exp-confirm") as confirm_box,
                gr.Row(elem_classes=["tight-row"]),
            ):
                start = gr.Button(t("ui.exp.start"), variant="primary", elem_id="exp-start")
                cancel = gr.Button(t("ui.exp.cancel"), elem_id="exp-cancel")
        with gr.Column(scale=6, min_width=300, elem_id="exp-run"):
            runs = gr.Dropdown([], label=t("ui.exp.runs.label"), elem_id="exp-runs")
            progress = gr.Markdown(t("ui.exp.nothing_yet"), elem_id="exp-progress")
            with gr.Row(elem_classes=["tight-row"]):
                refresh = gr.Button(t("ui.exp.refresh"), size="sm", elem_id="exp-refresh")
                stop = gr.Button(
                    t("ui.exp.stop"),
                    variant="stop",
                    size="sm",
                    interactive=False,
                    elem_id="exp-stop",
                )
                resume = gr.Button(
                    t("ui.exp.resume"), size="sm", visible=False, elem_id="exp-resume"
                )
            axes = gr.Markdown("", elem_id="exp-axes")
            grid = gr.Gallery(
                label=t("ui.exp.grid"),
                columns=2,
                height="auto",
                allow_preview=True,
                object_fit="contain",
                format="png",
                buttons=["download", "fullscreen"],
                interactive=False,
                elem_id="exp-grid",
            )
            selected = gr.Markdown(t("ui.exp.pick_cell"), elem_id="exp-selected")
            with gr.Row(elem_classes=["tight-row"]):
                winner = gr.Button(t("ui.exp.winner"), size="sm", elem_id="exp-winner")
                send = gr.Button(t("ui.exp.send"), size="sm", variant="primary", elem_id="exp-send")
                in_history = gr.Button(t("ui.exp.in_history"), size="sm", elem_id="exp-in-history")
            with gr.Row(elem_classes=["tight-row"]):
                compare_a = gr.Dropdown(
                    [], label=t("ui.exp.compare_a.label"), min_width=140, elem_id="exp-compare-a"
                )
                compare_b = gr.Dropdown(
                    [], label=t("ui.exp.compare_b.label"), min_width=140, elem_id="exp-compare-b"
                )
            compare = gr.ImageSlider(
                label=t("ui.exp.compare.label"),
                type="filepath",
                format="png",
                visible=False,
                elem_id="exp-compare",
            )
            with gr.Row(elem_classes=["tight-row"]):
                sheet = gr.Button(t("ui.exp.sheet"), size="sm", elem_id="exp-sheet")
                zip_ = gr.Button(t("ui.exp.zip"), size="sm", elem_id="exp-zip")
            download = gr.File(
                label=t("ui.exp.download.label"),
                interactive=False,
                visible=False,
                elem_id="exp-download",
            )
    timer = gr.Timer(1.0, active=False)
    return ExperimentControls(
        prompts=prompts,
        seed_count=seed_count,
        seeds=seeds,
        models=models,
        photos=photos,
        use_editor=use_editor,
        name=name,
        negative=negative,
        n=n,
        size=size,
        prompt_extend=prompt_extend,
        watermark=watermark,
        estimate=estimate,
        estimate_text=estimate_text,
        confirm_box=confirm_box,
        start=start,
        cancel=cancel,
        runs=runs,
        refresh=refresh,
        progress=progress,
        stop=stop,
        resume=resume,
        axes=axes,
        grid=grid,
        selected=selected,
        winner=winner,
        send=send,
        in_history=in_history,
        compare_a=compare_a,
        compare_b=compare_b,
        compare=compare,
        sheet=sheet,
        zip=zip_,
        download=download,
        timer=timer,
    )
