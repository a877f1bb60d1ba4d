"""The DashScope backend: the only module that imports the `dashscope` SDK.

It sends one call and maps every outcome (an answer, an error body, an exception the SDK raises)
to a ServiceAnswer or a typed EditorError. Retrying is the caller's business (services/editing.py).
"""

from __future__ import annotations

import contextlib
import json
import logging
import re
from dataclasses import dataclass

import dashscope
import dashscope.common.error
import requests

from services import errors as e
from services.errors import scrub
from services.messages import Message, Translatable, msg
from services.types import (
    ServiceAnswer,
    ServiceCall,
    TranslationAnswer,
    TranslationCall,
    Usage,
)

log = logging.getLogger(__name__)


class _DroppedAfterSend(Exception):
    """The connection broke once the request was on its way: it may have been processed."""


class _NoResendSession(requests.Session):
    """The SDK resends any request whose connection raised ConnectionError. A connection that
    breaks after the body went out may have been processed and billed already, so that case is
    raised as another type, which the SDK does not resend. Connections are not reused (a stale
    pooled connection is the one case where a resend would have been harmless)."""

    def __init__(self, max_connections: int = 128) -> None:
        super().__init__()
        self.headers["Connection"] = "close"
        # Room for every edit in flight: urllib3's default of 10 logs a warning per extra one.
        adapter = requests.adapters.HTTPAdapter(pool_maxsize=max_connections)
        self.mount("https://", adapter)
        self.mount("http://", adapter)

    def post(self, *args, **kwargs):  # type: ignore[override]
        try:
            return super().post(*args, **kwargs)
        except requests.exceptions.ConnectionError as exc:
            if _nothing_sent(exc):
                raise  # refused or unreachable: the SDK's one resend is harmless
            raise _DroppedAfterSend(repr(exc)) from None


def _nothing_sent(exc: Exception) -> bool:
    reason = repr(exc)
    return isinstance(exc, requests.exceptions.ConnectTimeout) or any(
        marker in reason
        for marker in (
            "NewConnectionError",
            "Connection refused",
            "Name or service not known",
            "Failed to resolve",
            "Temporary failure in name resolution",
        )
    )


class DashScopeBackend:
    name = "dashscope"

    def __init__(self) -> None:
        self._session = _NoResendSession()

    def generate(self, call: ServiceCall) -> ServiceAnswer:
        key = call.credentials.api_key.value
        content: list[dict[str, str]] = [{"image": _Verbatim(ref)} for ref in call.images]
        content.append({"text": _Verbatim(call.prompt)})
        with _sdk_failures(call.credentials.base_url, call.timeout_s, key):
            response = dashscope.MultiModalConversation.call(
                api_key=key,
                model=call.model,
                messages=[{"role": "user", "content": content}],
                base_address=call.credentials.base_url,
                request_timeout=call.timeout_s,
                session=self._session,
                **call.parameters,
            )
        return _parse(response, key, _requested(call))

    def translate(self, call: TranslationCall) -> TranslationAnswer:
        """One Qwen-MT call on the text-generation endpoint, with the same key, endpoint and
        error mapping as an edit (services/translation.py builds the call)."""
        key = call.credentials.api_key.value
        with _sdk_failures(call.credentials.base_url, call.timeout_s, key, _LOST_TRANSLATION):
            response = dashscope.Generation.call(
                api_key=key,
                model=call.model,
                # A plain string: Generation sends text as it is (only MultiModalConversation
                # looks for files among message contents).
                messages=[{"role": "user", "content": call.text}],
                # "message": the answer in output.choices, as Model Studio's Qwen-MT examples ask.
                result_format="message",
                translation_options={
                    "source_lang": call.source_lang,
                    "target_lang": call.target_lang,
                },
                base_address=call.credentials.base_url,
                request_timeout=call.timeout_s,
                session=self._session,
            )
        return _parse_translation(response, key)


@dataclass(frozen=True)
class _Lost:
    """What to tell a person when a call's answer was lost: the service may have done (and
    billed) the work anyway."""

    timeout_hint: Message
    dropped_hint: Message


_LOST_EDIT = _Lost(
    msg("hint.service.lost_edit_timeout"),
    msg("hint.service.lost_edit_dropped"),
)
_LOST_TRANSLATION = _Lost(
    msg("hint.service.lost_translation_timeout"),
    msg("hint.service.lost_translation_dropped"),
)


@contextlib.contextmanager
def _sdk_failures(base_url: str, timeout_s: float, key: str, lost: _Lost = _LOST_EDIT):
    """Every exception the SDK raises around one call, as the typed error a person can act on."""
    try:
        yield
    except requests.exceptions.ConnectTimeout as exc:  # nothing was sent: safe to retry
        raise _connection_error(exc, base_url, lost) from None
    except (requests.exceptions.Timeout, TimeoutError, dashscope.common.error.TimeoutException):
        raise e.ServiceTimeoutError(
            msg("error.service.timeout", seconds=timeout_s), lost.timeout_hint
        ) from None
    except (requests.exceptions.ConnectionError, _DroppedAfterSend) as exc:
        raise _connection_error(exc, base_url, lost) from None
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        # requests.JSONDecodeError is a ValueError; the SDK raises TypeError on a 200
        # without "output".
        log.warning("malformed answer from the service: %s", type(exc).__name__)
        raise e.MalformedResponseError(
            msg("error.service.unreadable"), msg("hint.service.unreadable")
        ) from None
    except dashscope.common.error.AuthenticationError:
        raise e.MissingApiKeyError(
            msg("error.service.no_key"), msg("hint.service.no_key")
        ) from None
    except dashscope.common.error.DashScopeException as exc:
        raise e.MalformedResponseError(
            msg("error.service.sdk_refused", detail=scrub(str(exc), key))
        ) from None


def _requested(call: ServiceCall) -> int:
    """How many outputs were asked for: the most an answer may bring."""
    n = call.parameters.get("n", 1)
    return n if isinstance(n, int) and n > 0 else 1


class _Verbatim(str):
    """A content string the SDK must send as it is.

    The SDK uploads any content string that starts with "file://" or names an existing file
    (the instruction included), and sends as they are only strings that start with "http".
    Every image here is already an http(s) link or a data: URI, and the instruction is words:
    none is ever a file. So the only prefix this string admits to is "http": no text, whatever
    it names, is looked up on the server's disk (nor can an answer tell whether such a file
    exists). It is made only at the SDK call and answers nothing else."""

    __slots__ = ()

    def startswith(self, prefix, *args) -> bool:  # type: ignore[override]
        return prefix == "http"

    def __deepcopy__(self, memo: dict) -> _Verbatim:
        return self  # immutable; the SDK deep-copies messages before its file check


def _connection_error(
    exc: Exception, base_url: str, lost: _Lost = _LOST_EDIT
) -> e.ConnectionFailedError:
    # A refused or unresolved connection sent nothing and is safe to retry; a dropped one may
    # have been processed (and billed), so it is reported, never resent.
    if not isinstance(exc, _DroppedAfterSend) and _nothing_sent(exc):
        return e.ConnectionFailedError(
            msg("error.service.unreachable", url=base_url),
            msg("hint.service.unreachable"),
            retryable=True,
        )
    return e.ConnectionFailedError(
        msg("error.service.dropped"),
        lost.dropped_hint,
        retryable=False,
    )


# An answer is a third party's data: every field is checked before it reaches the download,
# the cost, the history or the UI, and what does not pass is dropped and said (see _parse).
_REQUEST_ID = re.compile(r"[\x21-\x7e]{1,128}")  # real ids are 36-character UUIDs
_MAX_LINK = 4096  # characters; real result links are about 400
# usage width/height: the service makes at most 2048 per side; 8x that is still plausible,
# while 10**30 (which overflows sqlite's integers) or a negative side is not.
_MAX_USAGE_SIDE = 16384


def _answered(response: object, key: str, notes: list[Translatable], rate=None) -> str:
    """The answer's request id (checked, notes on what was dropped), once it is known to be a
    success; an error answer is raised as the typed error a person can act on (`rate`: the
    limit to name when it says throttled, if not the edit's)."""
    status = getattr(response, "status_code", None)
    request_id = _request_id(getattr(response, "request_id", ""), key, notes)
    if status != 200:
        code = getattr(response, "code", "")
        code = code[:100] if isinstance(code, str) else ""
        message = scrub(str(getattr(response, "message", "") or ""), key)
        status = status if isinstance(status, int) else 0
        raise map_error(status, code, message, request_id, rate=rate or _RATE_EDIT)
    return request_id


def _parse(response: object, key: str, n: int = 1) -> ServiceAnswer:
    """The answer to a request for `n` outputs, keeping only what is valid.

    At most n links are kept; usage is kept only when it is plausible for n outputs (else
    the cost is counted from the outputs downloaded); a request id only when it is a short
    printable string. Each thing dropped becomes a warning in ServiceAnswer.warnings."""
    notes: list[Translatable] = []
    request_id = _answered(response, key, notes)
    try:
        content = response.output.choices[0].message.content  # type: ignore[attr-defined]
    except (AttributeError, IndexError, KeyError, TypeError):
        content = None
    urls = _image_links(content, n, notes)
    if not urls:
        raise e.MalformedResponseError(
            _sentences([msg("error.service.no_image"), *(note.message for note in notes)]),
            msg("hint.service.no_image"),
            request_id=request_id,
        )
    usage = _usage(getattr(response, "usage", None), n, notes)
    said = _scrubbed(notes, key)  # they quote the answer, which may echo the key
    if said:
        log.warning("answer %s: %s", request_id or "(no id)", " ".join(said))
    return ServiceAnswer(urls, usage, request_id, said)


def _sentences(parts: list[Message]) -> Message:
    """Sentences one after the other, as one Message."""
    said = parts[0]
    for part in parts[1:]:
        said = Message("part.sentences", {"first": said, "second": part})
    return said


def _scrubbed(notes: list[Translatable], key: str) -> tuple[str, ...]:
    """The notes for the person; one that shows a key (quoted from the answer) is kept as its
    scrubbed English words, the rest keep their Messages (rendered in the reader's language)."""
    return tuple(note if scrub(note, key) == note else scrub(note, key) for note in notes)


def _request_id(raw: object, key: str, notes: list[Translatable]) -> str:
    if raw is None or raw == "":
        return ""  # none given (the SDK's default is "")
    if isinstance(raw, str) and _REQUEST_ID.fullmatch(raw) and scrub(raw, key) == raw:
        return raw  # (an id that echoes a key would be shown and stored: it is dropped)
    notes.append(Translatable(msg("warning.answer.request_id", value=_shown(raw))))
    return ""


def _image_links(content: object, n: int, notes: list[Translatable]) -> tuple[str, ...]:
    """The first n distinct http(s) links among the answer's {"image": ...} items."""
    if not isinstance(content, list):
        return ()
    links: list[str] = []
    skipped = repeated = 0
    for item in content:
        if not isinstance(item, dict) or "image" not in item:
            continue  # a text item or the like: not an output
        value = item["image"]
        if not _is_link(value):
            skipped += 1
        elif value in links:
            repeated += 1
        else:
            links.append(value)
    if skipped:
        notes.append(
            Translatable(
                _plural(skipped, "warning.answer.not_links_one", "warning.answer.not_links_many")
            )
        )
    if repeated:
        notes.append(
            Translatable(
                _plural(repeated, "warning.answer.repeated_one", "warning.answer.repeated_many")
            )
        )
    if len(links) > n:
        extra = len(links) - n
        said = msg(
            "warning.answer.extra_one" if n == 1 else "warning.answer.extra_many",
            links=len(links),
            requested=_plural(n, "term.requested_images_one", "term.requested_images_many"),
            n=n,
            extra=_plural(extra, "term.extra_links_one", "term.extra_links_many"),
        )
        notes.append(Translatable(said))
        links = links[:n]
    return tuple(links)


def _is_link(value: object) -> bool:
    return (
        isinstance(value, str)
        and len(value) <= _MAX_LINK
        and value.split(":", 1)[0].lower() in ("http", "https")
        and value.isprintable()
        and " " not in value
    )


def _usage(raw: object, n: int = 1, notes: list[Translatable] | None = None) -> Usage | None:
    """The usage the service reports, if it is plausible for n outputs; else None (and a
    note), so the cost is counted from the outputs that arrived."""
    try:
        data = dict(raw)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        data = {}
    names = ("width", "height", "image_count")
    if not any(name in data for name in names):
        return None  # not reported at all: nothing to warn about
    width, height, count = (data.get(name) for name in names)
    if (
        all(isinstance(v, int) and not isinstance(v, bool) for v in (width, height, count))
        and 0 < width <= _MAX_USAGE_SIDE
        and 0 < height <= _MAX_USAGE_SIDE
        and 0 <= count <= n
    ):
        return Usage(width, height, count)
    if notes is not None:
        shown = ", ".join(f"{name}={_shown(data.get(name))}" for name in names)
        said = msg(
            "warning.answer.usage",
            shown=shown,
            requested=_plural(n, "term.requested_images_one", "term.requested_images_many"),
        )
        notes.append(Translatable(said))
    return None


def _shown(value: object, limit: int = 24) -> str:
    """A value from an answer, short enough to show a person."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**9:
        return f"a {len(str(abs(value)))}-digit number"  # json caps ints at 4300 digits
    text = repr(value) if not isinstance(value, int | float) else str(value)
    text = "".join(c if c.isprintable() else "?" for c in text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _plural(count: int, one: str, many: str) -> Message:
    """The key for one or for many (English has two forms; the others one), with the count."""
    return Message(one if count == 1 else many, {"count": count})


# A translation of an instruction (at most a few thousand characters) is never longer than
# this; Qwen-MT's own output limit is 8,192 tokens. Token counts above the limit are implausible.
_MAX_TRANSLATION = 20_000
_MAX_TOKENS = 100_000


def _parse_translation(response: object, key: str) -> TranslationAnswer:
    """A Qwen-MT answer: the translated text (output.choices[0].message.content, or output.text
    when the service answers in its "text" format), its token usage when plausible, and the
    request id. Checked as an edit's answer is: it is a third party's data."""
    notes: list[Translatable] = []
    request_id = _answered(response, key, notes, rate=msg("term.rate.translation"))
    output = getattr(response, "output", None)
    try:
        text = output.choices[0].message.content  # type: ignore[union-attr]
    except (AttributeError, IndexError, KeyError, TypeError):
        text = getattr(output, "text", None)
    if not isinstance(text, str) or not text.strip() or len(text) > _MAX_TRANSLATION:
        raise e.MalformedResponseError(
            msg("error.service.no_translation"),
            msg("hint.service.no_translation"),
            request_id=request_id,
        )
    tokens: list[int | None] = []
    usage = getattr(response, "usage", None)
    for name in ("input_tokens", "output_tokens"):
        value = usage.get(name) if isinstance(usage, dict) else getattr(usage, name, None)
        plausible = isinstance(value, int) and not isinstance(value, bool)
        tokens.append(value if plausible and 0 <= value <= _MAX_TOKENS else None)
    if None in tokens:
        notes.append(Translatable(msg("warning.answer.tokens")))
    said = _scrubbed(notes, key)
    # An answer that echoes the key (a proxy's error page, a hostile server) must not show it.
    text = scrub(text, key).strip()
    return TranslationAnswer(text, tokens[0], tokens[1], request_id, said)


_RATE_EDIT = msg("term.rate.edit")  # the edit models' request limit, as said when throttled


def map_error(
    status: int,
    code: str,
    message: str,
    request_id: str,
    rate: str | Message = _RATE_EDIT,
) -> e.EditorError:
    """Turn an error answer into the typed error a person can act on. `rate`: the model's
    request limit, as the throttling message states it."""
    said = _short(message)
    kw = {"code": code or f"HTTP{status}", "request_id": request_id, "status": status}
    if code == "InvalidApiKey" or status == 401:
        return e.AuthenticationError(
            msg("error.service.key_refused"),
            msg("hint.service.key_refused"),
            **kw,
        )
    if code.startswith("Throttling") or code == "LimitRequests" or status == 429:
        if code in (
            "Throttling.AllocationQuota",
            "PrepaidBillOverdue",
            "PostpaidBillOverdue",
            "CommodityNotPurchased",
        ):
            return e.AccountError(
                msg("error.service.quota", said=said),
                msg("hint.service.quota"),
                **kw,
            )
        return e.RateLimitedError(
            msg("error.service.throttled", rate=rate),
            msg("hint.service.throttled"),
            **kw,
        )
    if code.startswith("DataInspection") or code == "InvalidParameter.DataInspection":
        return _moderation_error(message, **kw)
    if code in ("Arrearage",) or code.startswith("AccessDenied"):
        return e.AccountError(
            msg("error.service.account", said=said),
            msg("hint.service.account"),
            **kw,
        )
    if code == "ModelNotFound" or status == 404:
        return e.ModelNotFoundError(
            msg("error.service.no_model"),
            msg("hint.service.no_model"),
            **kw,
        )
    if code.startswith("BadRequest") or code == "InvalidURL" or status in (413, 415):
        detail = {
            "BadRequest.TooLarge": msg("error.service.too_large"),
            "BadRequest.InputDownloadFailed": msg("error.service.input_download"),
            "BadRequest.UnsupportedFileFormat": msg("error.service.input_format"),
        }.get(code, msg("error.service.input_rejected", said=said))
        return e.InputRejectedError(
            detail,
            msg("hint.service.input_rejected"),
            **kw,
        )
    if code.startswith("InvalidParameter") or status == 400:
        return e.InvalidParameterError(
            msg("error.service.parameter", said=said),
            msg("hint.service.parameter"),
            **kw,
        )
    if status >= 500 or code.startswith(("InternalError", "SystemError", "ModelUnavailable")):
        return e.ServiceUnavailableError(
            msg("error.service.internal_said", said=said)
            if code and code != "Unknown"
            else msg("error.service.internal"),
            msg("hint.service.internal"),
            **kw,
        )
    return e.EditorError(msg("error.service.refused", said=said), msg("hint.service.refused"), **kw)


def _moderation_error(message: str, **kw) -> e.ContentModerationError:
    """Say which side the content check stopped, when the service's message tells."""
    said = message.lower()
    if "timed out" in said or "download" in said:
        return e.ContentModerationError(
            msg("error.moderation.download"),
            msg("hint.moderation.download"),
            **kw,
        )
    if said.startswith("input data") or ("input" in said and "output" not in said):
        return e.ContentModerationError(
            msg("error.moderation.input"),
            msg("hint.moderation.input"),
            **kw,
        )
    if said.startswith("output data") or ("output" in said and "input" not in said):
        return e.ContentModerationError(
            msg("error.moderation.output"),
            msg("hint.moderation.output"),
            **kw,
        )
    return e.ContentModerationError(
        msg("error.moderation.unknown"),
        msg("hint.moderation.unknown"),
        **kw,
    )


def _short(message: str) -> str | Message:
    text = message.strip()
    if text.startswith("<") or text.lower().startswith("<!doctype"):
        return msg("term.html_page")  # a proxy's page, not worth showing
    try:
        json.loads(text)
        return text[:200]
    except ValueError:
        return text[:300] or msg("term.no_details")
