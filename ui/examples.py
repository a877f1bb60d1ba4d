"""The example edits offered as thumbnails beside the inputs: one click loads them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import gradio as gr

from ui.files import publish
from ui.i18n import t

EXAMPLES_DIR = Path(__file__).resolve().parent.parent / "assets" / "examples"


@dataclass(frozen=True)
class Example:
    images: tuple[str, ...]  # file names in assets/examples, image 1 first
    prompt: str


EXAMPLES = (
    Example(("coffee.jpg",), "Turn the coffee into a matcha latte with leaf latte art"),
    Example(
        ("handwriting.png",),
        'Replace the handwritten formulas with the words "Hello Qwen" in the same handwriting',
    ),
    Example(
        ("astronaut.jpg", "rocket.jpg"),
        "Put the astronaut from image 1 in front of the rocket launch in image 2",
    ),
)


def build_examples() -> gr.Dataset:
    # A strip of small thumbnails (image 1 of each), not gr.Examples' table: it sits beside the
    # inputs, and loading one leaves the page where it is, with Edit in view.
    return gr.Dataset(
        label=t("ui.examples"),
        components=[gr.Image(visible=False, type="filepath")],
        samples=[[str(EXAMPLES_DIR / e.images[0])] for e in EXAMPLES],
        type="index",
        layout="gallery",
        elem_id="examples",
    )


def example_values(index: int | None) -> list[str | None]:
    """Images 1-3 and the instruction of one example, for the editor's controls."""
    if index is None or not 0 <= int(index) < len(EXAMPLES):
        raise gr.Error("That example is not available; pick another.", print_exception=False)
    example = EXAMPLES[int(index)]
    # Copies in Gradio's cache: the app may run from any folder, and assets/ is not served.
    images: list[str | None] = [publish(EXAMPLES_DIR / name) for name in example.images]
    images += [None] * (3 - len(images))
    return [*images, example.prompt]
