"""Errors a user can meet. Each carries a kind (a catalogue key) and parameters for its message and
hint, rendered in the reader's language; none of them ever carries an API key (see `scrub`)."""

from __future__ import annotations

import re
from collections.abc import Mapping

from services.messages import (
    CATALOGUES,
    DEFAULT_LANGUAGE,
    Message,
    Translatable,
    msg,
    render,
    to_data,
    verbatim,
)

# Parameters that quote the DashScope service's (or its SDK's) English words. Where the words
# are made, such a quote becomes a "term.service_said" Message holding it and the error's code:
# English shows the quote, Chinese and Japanese the code (a name, not a sentence), and History
# shows the original, marked as the service's own (ui/history_view.py).
QUOTED = "said"
SERVICE_SAID = "term.service_said"

# DashScope keys look like "sk-" + 32 hex characters; "Bearer <token>" covers any other format.
_SECRET_PATTERNS = (re.compile(r"sk-[A-Za-z0-9_\-]{6,}"), re.compile(r"(?i)bearer\s+\S+"))


def scrub(text: str, *secrets: str | None) -> str:
    """Remove the given secrets, and anything shaped like a key, from text meant for people."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, "[redacted]")
    for pattern in _SECRET_PATTERNS:
        text = pattern.sub("[redacted]", text)
    return text


class EditorError(Exception):
    """Base class: the message says what went wrong, the hint what to do about it.

    Both are Messages (a catalogue key and parameters), rendered in the reader's language at
    the UI edge by `render(lang)`. Build one from Messages (`EditorError(msg("error.x", a=1),
    msg("hint.x"))`) or from kinds (`EditorError(kind="error.x", params={"a": 1},
    hint_kind="hint.x")`). The older form with English strings still works for code not yet
    converted: such text is kept verbatim (kind "verbatim") and shown as it is in every
    language. `.message`, `.hint` and `user_text()` are the English words."""

    code: str = "EditorError"
    retryable: bool = False  # safe to send the same request again (nothing can have been billed)

    def __init__(
        self,
        message: str | Message = "",
        hint: str | Message | None = "",
        *,
        kind: str | None = None,
        params: Mapping[str, object] | None = None,
        hint_kind: str | None = None,
        hint_params: Mapping[str, object] | None = None,
        code: str | None = None,
        request_id: str | None = None,
        status: int | None = None,
    ) -> None:
        self._message = Message(kind, params or {}) if kind else _as_message(message)
        self._hint = Message(hint_kind, hint_params or {}) if hint_kind else _as_hint(hint)
        if code:
            self.code = code
        self.request_id = request_id or None
        self.status = status
        super().__init__(self.message)

    # The kind and parameters: what tests and the UI edge look at.
    @property
    def kind(self) -> str:
        return self._message.key

    @property
    def params(self) -> dict[str, object]:
        return dict(self._message.params)

    @property
    def hint_kind(self) -> str | None:
        return self._hint.key if self._hint else None

    @property
    def hint_params(self) -> dict[str, object]:
        return dict(self._hint.params) if self._hint else {}

    # The English words, as before. Assigning text (as older code does to add a sentence)
    # replaces the Message with that text, verbatim.
    @property
    def message(self) -> str:
        return scrub(render(self._message, DEFAULT_LANGUAGE))

    @message.setter
    def message(self, value: str | Message) -> None:
        self._message = _as_message(value)

    @property
    def hint(self) -> str:
        return scrub(render(self._hint, DEFAULT_LANGUAGE)) if self._hint else ""

    @hint.setter
    def hint(self, value: str | Message | None) -> None:
        self._hint = _as_hint(value)

    @property
    def message_obj(self) -> Message:
        return self._message

    @property
    def hint_obj(self) -> Message | None:
        return self._hint

    def __str__(self) -> str:
        return self.user_text()

    def data(self) -> dict:
        """Kind and parameters as JSON data, scrubbed, for the history to keep and show in its
        reader's language: {"key", "params", "hint_key", "hint_params"}."""
        said = to_data(_scrubbed(_with_code(self._message, self.code)))
        hint = to_data(_scrubbed(self._hint)) if self._hint else None
        return {
            "key": said["key"],
            "params": said["params"],
            "hint_key": hint["key"] if hint else None,
            "hint_params": hint["params"] if hint else {},
        }

    def user_text(self) -> str:
        return self.render(DEFAULT_LANGUAGE)

    def render(self, lang: str = DEFAULT_LANGUAGE) -> str:
        """Message, hint and request id in lang; scrubbed, so no key is ever shown."""
        return scrub(render(self.said(), lang))

    def said(self) -> Message:
        """Message, hint and request id as one Message (scrubbed): what render() shows, for
        code that keeps it to show later in a language chosen then (qwen-edit's items)."""
        said: Message = _with_code(self._message, self.code)
        if self._hint:
            said = Message("error.with_hint", {"message": said, "hint": self._hint})
        if self.request_id:
            said = Message("error.with_request_id", {"text": said, "request_id": self.request_id})
        return _scrubbed(said)


def _as_message(value: str | Message | None) -> Message:
    if isinstance(value, Translatable):
        return value.message
    if isinstance(value, Message):
        return value
    return verbatim(scrub(value or ""))


def _with_code(message: Message, code: str) -> Message:
    """The message with each quote of the service (at any depth: "… (tried 3 times)" wraps one)
    turned into a SERVICE_SAID Message that also names the error's code. Done where the words
    are made, so `params` stays what the code that raised it gave."""
    params: dict[str, object] = {}
    for name, value in message.params.items():
        if isinstance(value, Message):
            value = _with_code(value, code)
        elif isinstance(value, str) and _quotes(message.key, name):
            value = Message(SERVICE_SAID, {"said": value, "code": code})
        params[name] = value
    return Message(message.key, params)


def _quotes(key: str, name: str) -> bool:
    return name == QUOTED or (name, key) == ("detail", "error.service.sdk_refused")


def _as_hint(value: str | Message | None) -> Message | None:
    return _as_message(value) if value else None


def _scrubbed(message: Message) -> Message:
    """The message with every text parameter scrubbed, at any depth: a key inside a parameter
    must not survive into any language's sentence."""
    params = {}
    for name, value in message.params.items():
        if isinstance(value, Translatable):
            value = value.message
        if isinstance(value, Message):
            value = _scrubbed(value)
        elif isinstance(value, str):
            value = scrub(value)
        params[name] = value
    return Message(message.key, params)


def field_name(field: str) -> Message:
    """What a person calls a request field ("The number of outputs"), as a Message."""
    key = f"field.{field}"
    return Message(key) if key in CATALOGUES[DEFAULT_LANGUAGE] else msg("field.other", name=field)


# The English field names, for code that wants them as text.
FIELD_NAMES = {
    key.removeprefix("field."): value
    for key, value in CATALOGUES[DEFAULT_LANGUAGE].items()
    if key.startswith("field.") and key != "field.other"
}


class ValidationError(EditorError):
    """A request the service would reject, caught before anything is sent. The message names
    the field as a person knows it, the value, and what is allowed; the hint what to do.
    `allowed` and `hint` are Messages (English strings still work, shown verbatim)."""

    code = "ValidationError"

    def __init__(
        self, field: str, value: object, allowed: str | Message = "", hint: str | Message = ""
    ) -> None:
        self.field = field
        self.value = value
        self.allowed = allowed
        params: dict[str, object] = {"field": field_name(field)}
        if isinstance(value, str) and not value.strip():
            kind = "error.validation.empty"
        else:
            kind = "error.validation.value"
            params["value"] = _shown(value)
        if allowed:
            kind += "_allowed"
            params["allowed"] = allowed if isinstance(allowed, Message) else verbatim(allowed)
        super().__init__(Message(kind, params), hint)


def _shown(value: object) -> Message | str:
    if isinstance(value, bool):
        return Message("value.on" if value else "value.off")
    shown = repr(value)
    return shown if len(shown) <= 60 else shown[:57] + "..."


class ImageInputError(EditorError):
    """An input image that cannot be read or sent."""

    code = "ImageInputError"


class MissingApiKeyError(EditorError):
    code = "MissingApiKey"


class AuthenticationError(EditorError):
    code = "InvalidApiKey"


class RateLimitedError(EditorError):
    code = "Throttling"
    retryable = True


class ContentModerationError(EditorError):
    code = "DataInspectionFailed"


class InvalidParameterError(EditorError):
    code = "InvalidParameter"


class InputRejectedError(EditorError):
    """The service could not download, decode or accept an input (BadRequest.*)."""

    code = "BadRequest"


class AccountError(EditorError):
    code = "AccessDenied"


class ModelNotFoundError(EditorError):
    code = "ModelNotFound"


class ServiceUnavailableError(EditorError):
    code = "InternalError"
    retryable = True


class ServiceTimeoutError(EditorError):
    """No answer in time. The service may still have made (and billed) the images."""

    code = "Timeout"


class ConnectionFailedError(EditorError):
    code = "ConnectionError"

    def __init__(
        self,
        message: str | Message = "",
        hint: str | Message = "",
        *,
        retryable: bool = False,
        **kw,
    ) -> None:
        super().__init__(message, hint, **kw)
        self.retryable = retryable


class MalformedResponseError(EditorError):
    code = "MalformedResponse"


class ResultDownloadError(EditorError):
    code = "ResultDownloadFailed"
    # Set by ResultStore.fetch_all: the outputs that did arrive, in order, and the links of
    # those that did not (still worth fetching while they live).
    arrived: tuple = ()
    missing: tuple = ()


class CancelledError(EditorError):
    code = "Cancelled"
