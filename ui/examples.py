"""The example edits offered as thumbnails beside the inputs: one click loads them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import gradio as gr

from services.messages import DEFAULT_LANGUAGE
from services.messages import text as words
from ui.files import publish
from ui.i18n import language_of, t

EXAMPLES_DIR = Path(__file__).resolve().parent.parent / "assets" / "examples"


@dataclass(frozen=True)
class Example:
    images: tuple[str, ...]  # file names in assets/examples, image 1 first
    key: str  # its instruction in the message catalogue (example.*)

    @property
    def prompt(self) -> str:
        """The instruction in English."""
        return words(self.key)


EXAMPLES = (
    Example(("coffee.jpg",), "example.coffee"),
    Example(("handwriting.png",), "example.handwriting"),
    Example(("astronaut.jpg", "rocket.jpg"), "example.astronaut"),
)

# The instruction an example loads is written in the reader's language, but only in a language
# the models understand: Qwen's image-edit models read Chinese and English, not Japanese. A
# Japanese reader gets the English instruction (a Japanese one would be misread, and English is
# the second language most Japanese readers share with the models), while the thumbnail's name
# and tooltip say what it does in Japanese and that its instruction is in English.
PROMPT_LANGUAGE = {"ja": "en"}


def prompt_for(example: Example, lang: str = DEFAULT_LANGUAGE) -> str:
    """The instruction loaded into the editor for a reader of `lang`."""
    return words(example.key, PROMPT_LANGUAGE.get(lang, lang))


def example_names(lang: str = DEFAULT_LANGUAGE) -> list[list[str]]:
    """[accessible name, tooltip] of each thumbnail in `lang` (ui/layout.py's page script)."""
    names = []
    for index, example in enumerate(EXAMPLES, 1):
        name = words(example.key, lang)
        names.append([words("example.load", lang, index=index, name=name), name])
    return names


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


def example_values(index: int | None, request: gr.Request) -> list[str | None]:
    """Images 1-3 and the instruction of one example, for the editor's controls, the
    instruction in the reader's language (PROMPT_LANGUAGE)."""
    lang = language_of(request)
    if index is None or not 0 <= int(index) < len(EXAMPLES):
        raise gr.Error(words("example.missing", lang), print_exception=False)
    example = EXAMPLES[int(index)]
    # Copies in Gradio's cache: the app may run from any folder, and assets/ is not served.
    images: list[str | None] = [publish(EXAMPLES_DIR / name) for name in example.images]
    images += [None] * (3 - len(images))
    return [*images, prompt_for(example, lang)]
