"""The DashScope backend: the only module that imports the `dashscope` SDK.

It sends one call and maps every outcome (an answer, an error body, an exception the SDK raises)
to a ServiceAnswer or a typed EditorError. Retrying is the caller's business (services/editing.py).
"""

from __future__ import annotations

import json
import logging

import dashscope
import dashscope.common.error
import requests

from services import errors as e
from services.errors import scrub
from services.types import ServiceAnswer, ServiceCall, Usage

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
        try:
            response = dashscope.MultiModalConversation.call(
                api_key=key,
                model=call.model,
                messages=[{"role": "user", "content": content}],
                base_address=call.credentials.base_url,
                request_timeout=call.timeout_s,
                session=self._session,
                **call.parameters,
            )
        except requests.exceptions.ConnectTimeout as exc:  # nothing was sent: safe to retry
            raise _connection_error(exc, call.credentials.base_url) from None
        except (requests.exceptions.Timeout, TimeoutError, dashscope.common.error.TimeoutException):
            raise e.ServiceTimeoutError(
                f"The service did not answer within {call.timeout_s:g} seconds.",
                "It may still have made the images (and billed them); wait a minute before "
                "running the edit again, or raise the timeout.",
            ) from None
        except (requests.exceptions.ConnectionError, _DroppedAfterSend) as exc:
            raise _connection_error(exc, call.credentials.base_url) from None
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            # requests.JSONDecodeError is a ValueError; the SDK raises TypeError on a 200
            # without "output".
            log.warning("malformed answer from the service: %s", type(exc).__name__)
            raise e.MalformedResponseError(
                "The service sent an answer this app cannot read.",
                "This is usually a passing fault of the service or a proxy between you and it; "
                "try again in a moment.",
            ) from None
        except dashscope.common.error.AuthenticationError:
            raise e.MissingApiKeyError(
                "No API key was given.", "Enter your DashScope API key."
            ) from None
        except dashscope.common.error.DashScopeException as exc:
            raise e.MalformedResponseError(
                f"The DashScope SDK refused the call: {scrub(str(exc), key)}", ""
            ) from None
        return _parse(response, key)


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


def _connection_error(exc: Exception, base_url: str) -> e.ConnectionFailedError:
    # A refused or unresolved connection sent nothing and is safe to retry; a dropped one may
    # have been processed (and billed), so it is reported, never resent.
    if not isinstance(exc, _DroppedAfterSend) and _nothing_sent(exc):
        return e.ConnectionFailedError(
            f"Could not connect to the service at {base_url}.",
            "Check your network connection and the region or endpoint setting.",
            retryable=True,
        )
    return e.ConnectionFailedError(
        "The connection to the service broke before it answered.",
        "The service may have made the images anyway; check your usage in the console "
        "before running the same edit again.",
        retryable=False,
    )


def _parse(response: object, key: str) -> ServiceAnswer:
    status = getattr(response, "status_code", None)
    request_id = getattr(response, "request_id", "") or ""
    if status != 200:
        code = getattr(response, "code", "") or ""
        message = scrub(str(getattr(response, "message", "") or ""), key)
        raise map_error(int(status or 0), code, message, request_id)
    try:
        choices = response.output.choices  # type: ignore[attr-defined]
        content = choices[0].message.content
        urls = tuple(
            item["image"] for item in content if isinstance(item, dict) and "image" in item
        )
    except (AttributeError, IndexError, KeyError, TypeError):
        urls = ()
    if not urls:
        raise e.MalformedResponseError(
            "The service answered without any image.",
            "Try again; if it keeps happening, rephrase the instruction.",
            request_id=request_id,
        )
    return ServiceAnswer(urls, _usage(getattr(response, "usage", None)), request_id)


def _usage(raw: object) -> Usage | None:
    try:
        data = dict(raw)  # type: ignore[call-overload]
        return Usage(int(data["width"]), int(data["height"]), int(data["image_count"]))
    except (TypeError, ValueError, KeyError):
        return None


def map_error(status: int, code: str, message: str, request_id: str) -> e.EditorError:
    """Turn an error answer into the typed error a person can act on."""
    said = _short(message)
    kw = {"code": code or f"HTTP{status}", "request_id": request_id, "status": status}
    if code == "InvalidApiKey" or status == 401:
        return e.AuthenticationError(
            "The service did not accept the API key.",
            "Check the key, and the region: Singapore and Beijing keys are different, and a key "
            "works only in the region it was created in.",
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
                f"The account's quota or billing stops this request ({said}).",
                "Check the quota and billing in the Model Studio console.",
                **kw,
            )
        return e.RateLimitedError(
            "The service is limiting requests for this key (about 2 per second per account).",
            "Wait a few seconds and try again.",
            **kw,
        )
    if code.startswith("DataInspection") or code == "InvalidParameter.DataInspection":
        return _moderation_error(message, **kw)
    if code in ("Arrearage",) or code.startswith("AccessDenied"):
        return e.AccountError(
            f"The account cannot use this model right now ({said}).",
            "Check the account's balance and that the model is activated in the Model Studio "
            "console.",
            **kw,
        )
    if code == "ModelNotFound" or status == 404:
        return e.ModelNotFoundError(
            "The service does not know this model.",
            "Choose another model; it may not be offered in this region.",
            **kw,
        )
    if code.startswith("BadRequest") or code == "InvalidURL" or status in (413, 415):
        detail = {
            "BadRequest.TooLarge": "The request was too large (each image must be at most 10 MB).",
            "BadRequest.InputDownloadFailed": "The service could not download an input image.",
            "BadRequest.UnsupportedFileFormat": "The service does not accept an image's format.",
        }.get(code, f"The service rejected the request: {said}")
        return e.InputRejectedError(
            detail,
            "Use JPEG, PNG, BMP, TIFF, WEBP or GIF files up to 10 MB, or public http(s) links.",
            **kw,
        )
    if code.startswith("InvalidParameter") or status == 400:
        return e.InvalidParameterError(
            f"The service rejected a parameter: {said}",
            "Adjust the settings it names and try again.",
            **kw,
        )
    if status >= 500 or code.startswith(("InternalError", "SystemError", "ModelUnavailable")):
        return e.ServiceUnavailableError(
            "The service had an internal problem"
            + (f" ({said})." if code and code != "Unknown" else "."),
            "Try again in a minute.",
            **kw,
        )
    return e.EditorError(f"The service refused the request: {said}", "Try again later.", **kw)


def _moderation_error(message: str, **kw) -> e.ContentModerationError:
    """Say which side the content check stopped, when the service's message tells."""
    said = message.lower()
    if "timed out" in said or "download" in said:
        return e.ContentModerationError(
            "The service's content check could not download an input image in time.",
            "Upload the image instead of linking it, or use a faster host for the link.",
            **kw,
        )
    if said.startswith("input data") or ("input" in said and "output" not in said):
        return e.ContentModerationError(
            "The service's content check stopped this edit before it started: it flagged "
            "your instruction or one of your images.",
            "Change the wording (avoid words about violence, nudity, public figures or brands) "
            "or use a different image. Nothing was billed.",
            **kw,
        )
    if said.startswith("output data") or ("output" in said and "input" not in said):
        return e.ContentModerationError(
            "The service made the edit, but its content check blocked the result.",
            "Ask for something less close to sensitive content, or try another seed; blocked "
            "results are not billed.",
            **kw,
        )
    return e.ContentModerationError(
        "The service's content check stopped this edit (it does not say whether your input "
        "or the result was flagged).",
        "Rephrase the instruction or use a different image; nothing was billed.",
        **kw,
    )


def _short(message: str) -> str:
    text = message.strip()
    if text.startswith("<") or text.lower().startswith("<!doctype"):
        return "an HTML error page"  # a proxy's page, not worth showing
    try:
        json.loads(text)
        return text[:200]
    except ValueError:
        return text[:300] or "no details"
