"""The text-generation endpoint, for Qwen-MT translations only: auth, faults, rate limit,
validation, and a marked stand-in translation.

`POST /api/v1/services/aigc/text-generation/generation` with `qwen-mt-*`, written from Model
Studio's Qwen-MT pages (one user message, `translation_options` with `target_lang` required and
`source_lang` optional, input up to 8,192 tokens) and from the answer shape the `dashscope` SDK
parses for `Generation.call`: `output.choices[0].message` with `result_format="message"`, else
`output.text` and `output.finish_reason`; `usage.input_tokens`/`output_tokens`/`total_tokens`.
There is no model here: the translation is "[EN translation of: ...]", visibly not a real one.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections import deque
from typing import Any

from .codes import ApiError, error_body, new_request_id
from .faults import FAULT_OPTIONS, SHORTHAND_CODES, TERMINAL, Fault, FaultQueue, make_fault
from .ratelimit import SlidingWindowLimiter
from .records import RecordedRequest, redact_headers
from .service import JSON, Reply, bearer, key_id

TEXT_MODELS = frozenset({"qwen-mt-turbo", "qwen-mt-plus", "qwen-mt-flash", "qwen-mt-lite"})
# The language names the emulator accepts (a subset of Qwen-MT's 92: enough to catch an app
# sending codes such as "en" where names are expected, or a typo).
LANGUAGE_NAMES = frozenset(
    [
        "English",
        "Chinese",
        "Japanese",
        "Korean",
        "French",
        "Spanish",
        "German",
        "Italian",
        "Portuguese",
        "Russian",
        "Arabic",
        "Thai",
        "Vietnamese",
        "Indonesian",
        "Hindi",
        "Hebrew",
        "Greek",
        "Turkish",
        "Polish",
        "Dutch",
        "Bengali",
        "Tamil",
        "Armenian",
        "Georgian",
        "Khmer",
        "Lao",
        "Burmese",
        "Ukrainian",
    ]
)
MAX_INPUT_TOKENS = 8192
# Faults that make sense without images to render (the rest alter result links).
FAULT_KINDS = frozenset(TERMINAL | {"latency"})
_TOKEN = re.compile(r"[A-Za-z0-9]+|\S")


def count_tokens(text: str) -> int:
    """A stand-in tokenizer: a Latin word or number is one token, any other character one."""
    return len(_TOKEN.findall(text))


def stand_in(text: str, target: str) -> str:
    code = {"English": "EN", "Chinese": "ZH"}.get(target, target)
    return f"[{code} translation of: {text}]"


class TextGeneration:
    def __init__(
        self,
        *,
        key_ids: frozenset[str] | None,
        rate_limit_per_s: float | None,
        stopping: threading.Event,
        history: int = 1000,
    ) -> None:
        self._key_ids = key_ids  # digests only, shared with the image endpoint's check
        self.limiter = SlidingWindowLimiter(rate_limit_per_s) if rate_limit_per_s else None
        self.faults = FaultQueue()
        self.stopping = stopping
        self._lock = threading.Lock()
        self._records: deque[RecordedRequest] = deque(maxlen=history)

    @property
    def records(self) -> list[RecordedRequest]:
        with self._lock:
            return list(self._records)

    def inject(self, kind: str, times: int = 1, **options: Any) -> int:
        if kind not in FAULT_KINDS:
            known = ", ".join(k for k in FAULT_OPTIONS if k in FAULT_KINDS)
            raise ValueError(f"fault {kind!r} does not apply to translations; known: {known}")
        return self.faults.push(make_fault(kind, **options), times)

    def handle(self, headers: list[tuple[str, str]], body: bytes | None) -> Reply | None:
        started, wall = time.monotonic(), time.time()
        request_id = new_request_id()
        try:
            parsed = json.loads(body or b"")
        except (ValueError, UnicodeDecodeError):
            parsed = None
        taken: list[Fault] = []  # the fault this request consumed, if any
        try:
            reply = self._process(headers, body, parsed, request_id, taken)
            code = None if reply is None or reply.status == 200 else _code_of(reply)
        except ApiError as exc:
            reply, code = _error(exc, request_id), exc.code
        except Exception as exc:  # a bug here must still answer like a service, not hang
            reply = _error(ApiError("InternalError", f"emulator bug: {exc!r}"), request_id)
            code = "InternalError"
        model, parameters, text = _summary(parsed)
        record = RecordedRequest(
            model=model,
            parameters=parameters,
            text=text,
            images=[],
            headers=redact_headers(headers),
            status=reply.status if reply else None,
            code=code,
            fault=taken[0].kind if taken else None,
            elapsed_s=time.monotonic() - started,
            time=wall,
            request_id=request_id,
        )
        with self._lock:
            self._records.append(record)
        return reply

    def _process(
        self,
        headers: list[tuple[str, str]],
        body: bytes | None,
        parsed: Any,
        request_id: str,
        taken: list[Fault],
    ) -> Reply | None:
        key = bearer(headers)
        if key is None or (self._key_ids is not None and key_id(key) not in self._key_ids):
            raise ApiError("InvalidApiKey")  # before any fault: a wrong key consumes none
        fault = self.faults.take()
        if fault is not None:
            taken.append(fault)
            if fault.terminal:
                return self._terminal(fault, request_id)
        if self.limiter is not None and not self.limiter.allow(key_id(key)):
            raise ApiError("Throttling.RateQuota")
        if body is None:
            raise ApiError("BadRequest.TooLarge")
        text, target, result_format = validate(parsed)
        if fault is not None and fault.kind == "latency" and self.stopping.wait(fault.seconds):
            return None  # stopped meanwhile
        translated = stand_in(text, target)
        tokens_in, tokens_out = count_tokens(text), count_tokens(translated)
        if result_format == "message":
            message = {"role": "assistant", "content": translated}
            output: dict[str, Any] = {"choices": [{"finish_reason": "stop", "message": message}]}
        else:
            output = {"text": translated, "finish_reason": "stop"}
        answer = {
            "output": output,
            "usage": {
                "input_tokens": tokens_in,
                "output_tokens": tokens_out,
                "total_tokens": tokens_in + tokens_out,
            },
            "request_id": request_id,
        }
        return Reply(200, json.dumps(answer, ensure_ascii=False).encode("utf-8"))

    def _terminal(self, fault: Fault, request_id: str) -> Reply | None:
        kind = fault.kind
        if kind == "error":
            opts = fault.options
            raise ApiError(opts["code"], opts["message"], opts["status"])
        if kind in SHORTHAND_CODES:
            raise ApiError(SHORTHAND_CODES[kind])
        if kind == "hang":
            self.stopping.wait(fault.seconds)
            return None
        if kind == "drop":
            return None
        if kind == "non_json":
            return Reply(200, b"upstream says hi", "text/plain; charset=utf-8")
        if kind == "html_error":
            html = b"<html><body><h1>502 Bad Gateway</h1></body></html>"
            return Reply(502, html, "text/html; charset=utf-8")
        if kind == "no_output":
            body = {"request_id": request_id, "code": "InternalError", "message": "no output"}
            return Reply(200, json.dumps(body).encode())
        raise AssertionError(f"unhandled terminal fault {kind}")


def validate(body: Any) -> tuple[str, str, str]:
    """(text, target language name, result format) of a valid body; else ApiError."""
    if not isinstance(body, dict):
        raise ApiError("InvalidParameter", "The request body must be a JSON object.")
    model = body.get("model")
    if not isinstance(model, str) or not model:
        raise ApiError("BadRequest.EmptyModel")
    if model not in TEXT_MODELS:
        # The emulator speaks text generation for Qwen-MT only.
        raise ApiError("ModelNotFound", f"Model {model[:64]!r} can not be found.")
    messages = _messages(body)
    if not isinstance(messages, list) or not messages:
        raise ApiError("BadRequest.EmptyInput")
    if len(messages) != 1 or not isinstance(messages[0], dict):
        raise ApiError("InvalidParameter", "Qwen-MT takes exactly one user message.")
    message = messages[0]
    text = message.get("content")
    if message.get("role") != "user" or not isinstance(text, str) or not text.strip():
        raise ApiError("InvalidParameter", "The message must be a user message with text.")
    if count_tokens(text) > MAX_INPUT_TOKENS:
        message = f"Range of input length should be [1, {MAX_INPUT_TOKENS}]"
        raise ApiError("InvalidParameter", message)
    parameters = body.get("parameters")
    options = parameters.get("translation_options") if isinstance(parameters, dict) else None
    if not isinstance(options, dict):
        raise ApiError("InvalidParameter", "translation_options is required for Qwen-MT.")
    target = options.get("target_lang")
    if target not in LANGUAGE_NAMES:
        raise ApiError("InvalidParameter", f"target_lang {str(target)[:40]!r} is not supported.")
    source = options.get("source_lang", "auto")
    if source != "auto" and source not in LANGUAGE_NAMES:
        raise ApiError("InvalidParameter", f"source_lang {str(source)[:40]!r} is not supported.")
    result_format = parameters.get("result_format", "text")  # type: ignore[union-attr]
    if result_format not in ("text", "message"):
        raise ApiError("InvalidParameter", "result_format must be 'text' or 'message'.")
    return text, target, result_format


def _summary(parsed: Any) -> tuple[str | None, dict[str, Any], str | None]:
    """(model, parameters, text) of a body that may be invalid, for the request log."""
    if not isinstance(parsed, dict):
        return None, {}, None
    model = parsed.get("model") if isinstance(parsed.get("model"), str) else None
    params = parsed.get("parameters") if isinstance(parsed.get("parameters"), dict) else {}
    messages = _messages(parsed)
    text = None
    if isinstance(messages, list) and messages and isinstance(messages[0], dict):
        content = messages[0].get("content")
        text = content if isinstance(content, str) else None
    return model, params, text


def _messages(body: dict[str, Any]) -> Any:
    input_ = body.get("input")
    return input_.get("messages") if isinstance(input_, dict) else None


def _code_of(reply: Reply) -> str | None:
    try:
        return json.loads(reply.body).get("code")
    except (ValueError, AttributeError):
        return None


def _error(exc: ApiError, request_id: str) -> Reply:
    return Reply(exc.status, error_body(exc.code, exc.message, request_id), JSON)
