"""Gradio components with one behaviour changed, each for a reason a person met."""

from __future__ import annotations

import gradio as gr
from PIL import Image

from gradio.events import Dependency

class CheckedImage(gr.Image):
    """gr.Image that hands a file Pillow cannot read to the event handler, instead of failing
    inside Gradio: a text file named .png then drew a broken strip and a bare "Error", where
    the handler (ui/handlers.check_upload, the edit itself) refuses it with the reason."""

    is_template = True  # the frontend draws it as an ordinary Image

    def preprocess(self, payload):
        try:
            return super().preprocess(payload)
        except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
            return getattr(payload, "path", None)
    from typing import Callable, Literal, Sequence, Any, TYPE_CHECKING
    from gradio.blocks import Block
    if TYPE_CHECKING:
        from gradio.components import Timer
        from gradio.components.base import Component