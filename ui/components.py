"""Gradio components with one behaviour changed, each for a reason a person met.

They are ordinary components with an instance-level override, not subclasses: Gradio writes
a .pyi stub next to the source of every component subclass it sees, at import time."""

from __future__ import annotations

import gradio as gr
from PIL import Image


def checked_image(**kwargs) -> gr.Image:
    """gr.Image that hands a file Pillow cannot read to the event handler, instead of failing
    inside Gradio: a text file named .png then drew a broken strip and a bare "Error", where
    the handler (ui/handlers.check_upload, the edit itself) refuses it with the reason."""
    image = gr.Image(**kwargs)
    strict = image.preprocess

    def lenient(payload):
        try:
            return strict(payload)
        except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
            return getattr(payload, "path", None)

    image.preprocess = lenient  # type: ignore[method-assign]
    return image
