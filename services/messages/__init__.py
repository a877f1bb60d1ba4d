"""The message catalogue: every word a person reads, keyed by meaning, in each language.

Services build `Message`s (a key and named parameters); the UI edge renders them in the
reader's language. One module per language holds its templates (str.format, named fields).
"""

from .languages import CATALOGUES, DEFAULT_LANGUAGE, LANGUAGES, best_language, posix_language
from .render import (
    VERBATIM,
    Message,
    Translatable,
    from_data,
    join,
    msg,
    render,
    render_or,
    template,
    text,
    to_data,
    verbatim,
)

__all__ = [
    "CATALOGUES",
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "VERBATIM",
    "Message",
    "Translatable",
    "best_language",
    "from_data",
    "join",
    "msg",
    "posix_language",
    "render",
    "render_or",
    "template",
    "text",
    "to_data",
    "verbatim",
]
