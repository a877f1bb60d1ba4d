"""Injected faults: a FIFO of misbehaviours, each consumed by one generation request."""

from __future__ import annotations

import base64
import binascii
import json
import threading
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from .codes import CODE_TABLE

# kind -> {option: default}; None means "required".
FAULT_OPTIONS: dict[str, dict[str, Any]] = {
    "error": {"code": None, "message": None, "status": None},
    "throttle": {},
    "server_error": {},
    "unavailable": {},
    "hang": {"seconds": 30.0},
    "drop": {},
    "non_json": {},
    "html_error": {},
    "no_output": {},
    "expired_urls": {},
    # gets: how many downloads of each result misbehave (0 = every one); later ones are normal.
    "slow_download": {"seconds": 10.0, "gets": 0},
    "truncated_download": {"gets": 0},
    "foreign_host": {},
    "latency": {"seconds": 1.0},
    # A hostile or broken answer, for tests of the client's checks. body: a JSON value sent
    # verbatim (Infinity, NaN and huge integers included) or a str sent as it is; in a JSON
    # body every string "$RESULT" becomes a link to a fresh result (the request's rendered
    # outputs in turn), "$DATA" a link to a result serving `data` (bytes or base64 text), and
    # "$REQUEST_ID" the request's id. The request is still validated.
    "raw_answer": {"body": None, "status": 200, "content_type": "application/json", "data": None},
    # data: bytes (or base64 text) served as every result in place of the rendered PNG.
    "evil_outputs": {"data": None},
}
# These answer in place of the service; the others let the request run and alter its success.
TERMINAL = frozenset(
    {"error", "throttle", "server_error", "unavailable", "hang", "drop", "non_json",
     "html_error", "no_output"}
)  # fmt: skip
# The canned error each shorthand kind answers with.
SHORTHAND_CODES = {
    "throttle": "Throttling.RateQuota",
    "server_error": "InternalError",
    "unavailable": "ModelUnavailable",
}


@dataclass(frozen=True)
class Fault:
    kind: str
    options: dict[str, Any] = field(default_factory=dict)

    @property
    def terminal(self) -> bool:
        return self.kind in TERMINAL

    @property
    def seconds(self) -> float:
        return float(self.options.get("seconds") or 0.0)


def make_fault(kind: str, **options: Any) -> Fault:
    """Validate eagerly, so a typo fails at inject() rather than mid-test as a wrong reply."""
    if kind not in FAULT_OPTIONS:
        raise ValueError(f"unknown fault kind {kind!r}; known: {', '.join(FAULT_OPTIONS)}")
    allowed = FAULT_OPTIONS[kind]
    unknown = set(options) - set(allowed)
    if unknown:
        raise ValueError(f"fault {kind!r} takes no option(s) {sorted(unknown)}")
    merged = {**allowed, **options}
    if kind == "error":
        code, status = merged["code"], merged["status"]
        if not isinstance(code, str) or not code:
            raise ValueError("fault 'error' needs code=<a CODE_TABLE key>")
        if code not in CODE_TABLE and status is None:
            raise ValueError(f"unknown error code {code!r}: give status= too, or use a known code")
        if status is not None and (not isinstance(status, int) or not 100 <= status <= 599):
            raise ValueError("status must be an HTTP status code")
    if kind == "raw_answer":
        _check_raw_answer(merged)
        if merged["data"] is not None:
            merged["data"] = _as_bytes(merged["data"])
    if kind == "evil_outputs":
        merged["data"] = _as_bytes(merged["data"])
    if "seconds" in merged:
        seconds = merged["seconds"]
        if isinstance(seconds, bool) or not isinstance(seconds, int | float) or seconds < 0:
            raise ValueError("seconds must be a number >= 0")
    return Fault(kind, merged)


def _check_raw_answer(options: dict[str, Any]) -> None:
    body, status = options["body"], options["status"]
    if body is None:
        raise ValueError("fault 'raw_answer' needs body=<a JSON value or a str>")
    if not isinstance(body, str):
        json.dumps(body)  # raises TypeError/ValueError now, not mid-request
    if isinstance(status, bool) or not isinstance(status, int) or not 100 <= status <= 599:
        raise ValueError("status must be an HTTP status code")
    if not isinstance(options["content_type"], str):
        raise ValueError("content_type must be a str")


def _as_bytes(data: Any) -> bytes:
    if isinstance(data, bytes | bytearray) and data:
        return bytes(data)
    if isinstance(data, str) and data:
        try:
            return base64.b64decode(data, validate=True)
        except binascii.Error:
            raise ValueError("data must be bytes or base64 text") from None
    raise ValueError("data must be non-empty bytes or base64 text")


class FaultQueue:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._queue: deque[Fault] = deque()

    def push(self, fault: Fault, times: int = 1) -> int:
        if isinstance(times, bool) or not isinstance(times, int) or times < 1:
            raise ValueError("times must be an integer >= 1")
        with self._lock:
            self._queue.extend([fault] * times)
            return len(self._queue)

    def take(self) -> Fault | None:
        with self._lock:
            return self._queue.popleft() if self._queue else None

    def clear(self) -> None:
        with self._lock:
            self._queue.clear()

    def __len__(self) -> int:
        with self._lock:
            return len(self._queue)
