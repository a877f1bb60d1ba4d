"""Edit only a region: paint over the part of image 1 to change (issue 12). The painting is
turned into a mask here; cropping, sending and stitching are the edit service's steps."""

from __future__ import annotations

from dataclasses import dataclass

import gradio as gr

from ui.i18n import live, t
from ui.masks import painting

MARGIN_DEFAULT = 0.35


@dataclass
class RegionControls:
    editor: gr.ImageEditor
    margin: gr.Slider
    feather: gr.Slider
    pending: gr.State


def build_region() -> RegionControls:
    with gr.Accordion(t("ui.region_edit.box"), open=False, elem_id="region-box"):
        gr.Markdown(
            live("ui.region_edit.hint"),
            elem_classes=["hint"],
        )
        editor = gr.ImageEditor(
            type="pil",
            image_mode="RGBA",
            sources=(),  # image 1 is the background: painted on, never replaced here
            transforms=(),
            layers=False,
            brush=gr.Brush(default_size=40, colors=["#ff3b30"], color_mode="fixed"),
            eraser=gr.Eraser(default_size=40),
            format="png",
            height=360,
            label=t("ui.region_edit.editor"),
            elem_id="region-editor",
        )
        with gr.Row():
            margin = gr.Slider(
                0,
                1,
                value=MARGIN_DEFAULT,
                step=0.05,
                label=t("ui.region_edit.margin"),
                info=t("ui.region_edit.margin_info"),
                elem_id="region-margin",
            )
            # A slider, not a number box: an empty gr.Number reads "0", which is a real width.
            feather = gr.Slider(
                0,
                64,
                value=0,
                step=1,
                label=t("ui.region_edit.feather"),
                info=t("ui.region_edit.feather_info"),
                elem_id="region-feather",
            )
    # A mask to paint back when image 1 next changes (History's Restore sets both at once).
    pending = gr.State(None)
    return RegionControls(editor, margin, feather, pending)


def wire_region(r: RegionControls, image1: gr.Image, fast: dict) -> None:
    def follow(path: str | None, mask: str | None):
        # A new image 1 starts a new painting (a mask painted on another image means
        # nothing), unless it is a restored edit's image with its mask.
        if not path:
            return None, None
        return painting(path, mask), None

    image1.change(follow, [image1, r.pending], [r.editor, r.pending], **fast)
