"""Messages as data (a key and named parameters) and their rendering in one language.

Code that meets a problem builds a `Message`; only the edge that shows it to a person picks
the language. Parameters that are themselves Messages are rendered in the same language, so a
field name or a list inside a sentence is translated with it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from .languages import CATALOGUES, DEFAULT_LANGUAGE

log = logging.getLogger(__name__)

# The key of a message not converted yet: its only parameter is English text, shown as it is.
VERBATIM = "verbatim"


@dataclass(frozen=True)
class Message:
    key: str
    params: Mapping[str, object] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # Frozen all the way down: a Message can be shared and cached without being changed.
        object.__setattr__(self, "params", MappingProxyType(dict(self.params)))


def msg(key: str, **params: object) -> Message:
    """The short way to write a Message where it is raised: msg("error.x", value=7)."""
    return Message(key, params)


def verbatim(text: str) -> Message:
    return Message(VERBATIM, {"text": text})


class Translatable(str):
    """English text (what older code expects: a str) that still knows its Message, so the UI
    edge can show it in another language. Concatenating it gives a plain str."""

    message: Message

    def __new__(cls, message: Message) -> Translatable:
        made = super().__new__(cls, render(message, DEFAULT_LANGUAGE))
        made.message = message
        return made

    def __reduce__(self):  # pickles and copies as the Message it stands for
        return (Translatable, (self.message,))


def template(key: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """The template for key in lang; English when the language or the key is missing there."""
    found = CATALOGUES.get(lang, {}).get(key) or CATALOGUES[DEFAULT_LANGUAGE].get(key)
    if found is None:
        # A bug (the catalogue tests should make it impossible), but an error being shown must
        # not fail in turn: show the key, which at least says what was meant.
        log.error("message key %r is not in the catalogue", key)
        return key
    return found


def text(key: str, lang: str = DEFAULT_LANGUAGE, **params: object) -> str:
    return render(Message(key, params), lang)


def render(message: Message | str, lang: str = DEFAULT_LANGUAGE) -> str:
    if isinstance(message, Translatable):
        message = message.message
    if isinstance(message, str):
        return message
    values = {name: _value(value, lang) for name, value in message.params.items()}
    return template(message.key, lang).format_map(values)


def _value(value: object, lang: str) -> object:
    if isinstance(value, (Message, Translatable)):
        return render(value, lang)
    if isinstance(value, bool):  # before numbers: True is an int
        return "true" if value else "false"
    return value  # numbers stay numbers, so templates may give a format ("{usd:.2f}")


def join(items: Iterable[Message | str | int], last: str = "list.and") -> Message | str:
    """A list in words: "a, b and c" ("list.and") or "a, b or c" ("list.or"), per language."""
    items = list(items)
    if not items:
        return ""
    joined: Message | str | int = items[-1]
    if len(items) > 1:
        joined = Message(last, {"first": items[-2], "second": joined})
    for item in reversed(items[:-2]):
        joined = Message("list.pair", {"first": item, "second": joined})
    return joined if isinstance(joined, Message) else str(joined)


# -- Messages as JSON data (the history keeps them so an entry is shown in its reader's language)
# {"key": "error.x", "params": {"name": value}}; a value is a str, a number, a bool, null or a
# nested message of the same shape. Data read back (a manifest may have been edited by hand) is
# checked: an unknown key, a strange value or too deep a nesting gives None, and the caller
# shows the English text it kept beside it.
_MAX_DEPTH = 8


def to_data(message: Message | str) -> dict:
    if isinstance(message, Translatable):
        message = message.message
    if isinstance(message, str):
        message = verbatim(message)
    return {"key": message.key, "params": {k: _data_value(v) for k, v in message.params.items()}}


def _data_value(value: object) -> object:
    if isinstance(value, (Message, Translatable)):
        return to_data(value)
    if value is None or isinstance(value, (bool, int, float)):
        return value
    return str(value)


def from_data(data: object, depth: int = 0) -> Message | None:
    """The Message that to_data() wrote, or None when data is not one this app could have
    written (a key missing from the catalogue, a parameter of an unexpected type)."""
    if depth > _MAX_DEPTH or not isinstance(data, dict):
        return None
    key, params = data.get("key"), data.get("params", {})
    if not isinstance(key, str) or key not in CATALOGUES[DEFAULT_LANGUAGE]:
        return None
    if not isinstance(params, dict):
        return None
    values: dict[str, object] = {}
    for name, value in params.items():
        if not isinstance(name, str) or not name.isidentifier():
            return None
        if isinstance(value, dict):
            value = from_data(value, depth + 1)
            if value is None:
                return None
        elif not (value is None or isinstance(value, (str, bool, int, float))):
            return None
        values[name] = value
    return Message(key, values)


def render_or(message: Message | None, lang: str, fallback: str) -> str:
    """message in lang, or fallback when there is none or it cannot be rendered (a stored
    parameter that does not fit its template's format)."""
    if message is None:
        return fallback
    try:
        return render(message, lang)
    except (KeyError, ValueError, IndexError, TypeError, AttributeError):
        log.warning("a stored message (%s) could not be rendered", message.key)
        return fallback
