"""Errors a user can meet. Every message and hint is written for a person and is safe to show:
none of them ever carries an API key (see `scrub`)."""

from __future__ import annotations

import re

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
    """Base class: the message says what went wrong, the hint what to do about it."""

    code: str = "EditorError"
    retryable: bool = False  # safe to send the same request again (nothing can have been billed)

    def __init__(
        self,
        message: str,
        hint: str = "",
        *,
        code: str | None = None,
        request_id: str | None = None,
        status: int | None = None,
    ) -> None:
        self.message = scrub(message)
        self.hint = scrub(hint)
        if code:
            self.code = code
        self.request_id = request_id or None
        self.status = status
        super().__init__(self.message)

    def __str__(self) -> str:
        return self.user_text()

    def user_text(self) -> str:
        text = self.message
        if self.hint:
            text += f" {self.hint}"
        if self.request_id:
            text += f" (request id {self.request_id})"
        return text


# What a person calls each request field, for messages ("The number of outputs cannot be 7").
FIELD_NAMES = {
    "prompt": "The instruction",
    "negative_prompt": "The negative prompt",
    "n": "The number of outputs",
    "seed": "The seed",
    "size": "The output size",
    "model": "The model",
    "images": "The number of images",
    "region": "The region",
    "prompt_extend": "Prompt rewriting (prompt_extend)",
    "watermark": "Watermark",
    "margin": "The context margin",
    "feather": "The seam width (feather)",
}


class ValidationError(EditorError):
    """A request the service would reject, caught before anything is sent. The message names
    the field as a person knows it, the value, and what is allowed; the hint what to do."""

    code = "ValidationError"

    def __init__(self, field: str, value: object, allowed: str, hint: str = "") -> None:
        self.field = field
        self.value = value
        self.allowed = allowed
        name = FIELD_NAMES.get(field, f"The value of {field}")
        if isinstance(value, str) and not value.strip():
            message = f"{name} is empty."
        else:
            shown = ("on" if value else "off") if isinstance(value, bool) else repr(value)
            if len(shown) > 60:
                shown = shown[:57] + "..."
            message = f"{name} cannot be {shown}."
        if allowed:
            message += f" Allowed: {allowed}."
        super().__init__(message, hint)


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

    def __init__(self, message: str, hint: str = "", *, retryable: bool = False, **kw) -> None:
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
