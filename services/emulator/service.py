"""One generation request, end to end: auth, faults, rate limit, validation, rendering.

Transport-free: it takes headers and body bytes and returns a `Reply` (or None for "close
the connection without answering"), so the HTTP handler stays plumbing only.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from .codes import ApiError, error_body, new_request_id
from .faults import SHORTHAND_CODES, Fault, FaultQueue
from .inputs import OPENER, Opener
from .ratelimit import SlidingWindowLimiter
from .records import RecordedRequest, redact_headers, summarise_body
from .render import Renderer
from .rules import MODELS, Job, output_size, validate
from .store import ResultStore

JSON = "application/json"
FOREIGN_HOST = "http://results.evil.example"
_HTML_502 = b"<html><body><h1>502 Bad Gateway</h1></body></html>"


@dataclass(frozen=True)
class Reply:
    status: int
    body: bytes
    content_type: str = JSON


@dataclass
class _Outcome:
    reply: Reply | None  # None: close without answering
    code: str | None = None
    fault: str | None = None
    notes: list[str] = field(default_factory=list)
    images: list[dict[str, Any]] | None = None
    result_urls: list[str] = field(default_factory=list)
    realistic: dict[str, Any] | None = None  # realistic mode: what the outputs got


def key_id(key: str) -> str:
    """A stand-in for the key wherever one is needed as an identifier: never the key itself."""
    return hashlib.sha256(key.encode("utf-8", "surrogateescape")).hexdigest()


def bearer(headers: list[tuple[str, str]]) -> str | None:
    for name, value in headers:
        if name.lower() == "authorization":
            scheme, _, token = value.strip().partition(" ")
            if scheme.lower() == "bearer" and token.strip():
                return token.strip()
            return None
    return None


class GenerationService:
    def __init__(
        self,
        *,
        keys: set[str] | frozenset[str] | None,
        latency_s: float,
        rate_limit_per_s: float | None,
        model_limits: bool = False,
        result_ttl_s: float,
        store: ResultStore,
        faults: FaultQueue,
        stopping: threading.Event,
        history: int = 1000,
        realistic: bool = False,
        drift: Any = None,
    ) -> None:
        # Only digests are kept, so not even the configured keys sit in the emulator's memory.
        self._key_ids = None if keys is None else frozenset(key_id(k) for k in keys)
        self.latency_s = latency_s
        self.limiter = SlidingWindowLimiter(rate_limit_per_s) if rate_limit_per_s else None
        # Each model's own limit per key (rules.MODELS), when asked for: Max allows 2 a minute.
        self.model_limits = model_limits
        # Rendering is CPU work: as many at once as there are cores. Eighty renders fighting
        # for the GIL (demo mode runs inside the app) starved the app's own event loop.
        self._render_slots = threading.BoundedSemaphore(max(2, os.cpu_count() or 2))
        self._model_limiters: dict[str, SlidingWindowLimiter] = {}
        self.result_ttl_s = result_ttl_s
        self.store = store
        self.faults = faults
        self.stopping = stopping
        self._lock = threading.Lock()
        self._records: deque[RecordedRequest] = deque(maxlen=history)
        self._attempts = 0
        self.opener: Opener | None = None  # how input URLs are fetched (the Emulator sets it)
        # Realistic mode (realistic.py: numpy and OpenCV, imported only when asked for).
        self.realistic = realistic
        self.drift = drift
        if realistic:
            from .realistic import check_drift

            self.drift = check_drift(drift)
        elif drift is not None:
            raise ValueError("drift needs realistic=True")

    @property
    def key_ids(self) -> frozenset[str] | None:
        """Digests of the accepted keys (None: any key), for the text endpoint's same check."""
        return self._key_ids

    # -- the log -----------------------------------------------------------------------------

    def count_attempt(self) -> None:
        with self._lock:
            self._attempts += 1

    @property
    def attempts(self) -> int:
        with self._lock:
            return self._attempts

    @property
    def records(self) -> list[RecordedRequest]:
        with self._lock:
            return list(self._records)

    # -- one request -------------------------------------------------------------------------

    def handle(
        self,
        headers: list[tuple[str, str]],
        body: bytes | None,
        host_url: str,
        arrived: float | None = None,
    ) -> Reply | None:
        """`body` None means it was too large to read. `arrived`: when the request's headers
        were read (time.monotonic()), the time its rate limit counts."""
        started, wall = time.monotonic(), time.time()
        request_id = new_request_id()
        summary = summarise_body(body or b"")
        try:
            outcome = self._process(
                headers, body, summary.parsed, request_id, host_url, arrived or started
            )
        except Exception as exc:  # a bug here must still answer like a service, not hang
            outcome = _error(ApiError("InternalError", f"emulator bug: {exc!r}"), request_id)
        record = RecordedRequest(
            model=summary.model,
            parameters=summary.parameters,
            text=summary.text,
            images=outcome.images if outcome.images is not None else summary.images,
            headers=redact_headers(headers),
            status=outcome.reply.status if outcome.reply else None,
            code=outcome.code,
            fault=outcome.fault,
            elapsed_s=time.monotonic() - started,
            time=wall,
            request_id=request_id,
            result_urls=outcome.result_urls,
            notes=outcome.notes,
            realistic=outcome.realistic,
        )
        with self._lock:
            self._records.append(record)
        return outcome.reply

    def _process(
        self,
        headers: list[tuple[str, str]],
        body: bytes | None,
        parsed: object,
        request_id: str,
        host_url: str,
        arrived: float,
    ) -> _Outcome:
        key = bearer(headers)
        if key is None or (self._key_ids is not None and key_id(key) not in self._key_ids):
            return _error(ApiError("InvalidApiKey"), request_id)
        fault = self.faults.take()
        fault_name = fault.kind if fault else None
        if fault is not None and fault.terminal:
            outcome = self._terminal(fault, request_id)
        elif not self._key_allows(key, arrived) or not self._model_allows(key, parsed, arrived):
            outcome = _error(ApiError("Throttling.RateQuota"), request_id)
        elif body is None:
            outcome = _error(ApiError("BadRequest.TooLarge"), request_id)
        else:
            try:
                job = self._validate(parsed)
            except ApiError as exc:
                outcome = _error(exc, request_id)
            else:
                outcome = self._generate(job, fault, request_id, host_url)
        outcome.fault = fault_name
        return outcome

    def _key_allows(self, key: str, arrived: float) -> bool:
        return self.limiter is None or self.limiter.allow(key_id(key), arrived)

    def _model_allows(self, key: str, parsed: object, arrived: float) -> bool:
        """The model's requests per minute, enforced per second as the service does (RPM/60:
        2 a minute means one every 30 s)."""
        model = parsed.get("model") if isinstance(parsed, dict) else None
        rules = MODELS.get(model) if self.model_limits and isinstance(model, str) else None
        if rules is None:
            return True
        with self._lock:
            limiter = self._model_limiters.get(model)
            if limiter is None:
                limiter = SlidingWindowLimiter(rules.requests_per_minute / 60)
                self._model_limiters[model] = limiter
        return limiter.allow(key_id(key), arrived)

    def _validate(self, parsed: object) -> Job:
        if self.opener is None:
            return validate(parsed)
        token = OPENER.set(self.opener)  # handler threads each run in their own context
        try:
            return validate(parsed)
        finally:
            OPENER.reset(token)

    def _terminal(self, fault: Fault, request_id: str) -> _Outcome:
        kind = fault.kind
        if kind == "error":
            opts = fault.options
            return _error(ApiError(opts["code"], opts["message"], opts["status"]), request_id)
        if kind in SHORTHAND_CODES:
            return _error(ApiError(SHORTHAND_CODES[kind]), request_id)
        if kind == "hang":
            self.stopping.wait(fault.seconds)  # stop() wakes it
            return _Outcome(None)
        if kind == "drop":
            return _Outcome(None)
        if kind == "non_json":
            return _Outcome(Reply(200, b"upstream says hi", "text/plain; charset=utf-8"))
        if kind == "html_error":
            return _Outcome(Reply(502, _HTML_502, "text/html; charset=utf-8"))
        if kind == "no_output":
            body = {"request_id": request_id, "code": "InternalError", "message": "no output"}
            return _Outcome(Reply(200, json.dumps(body).encode()), code="InternalError")
        raise AssertionError(f"unhandled terminal fault {kind}")

    def _generate(self, job: Job, fault: Fault | None, request_id: str, host_url: str) -> _Outcome:
        kind = fault.kind if fault else None
        delay = fault.seconds if kind == "latency" and fault else self.latency_s
        images = [image.summary for image in job.images]
        if delay > 0 and self.stopping.wait(delay):
            return _Outcome(None, notes=job.notes, images=images)  # stopped meanwhile
        width, height = output_size(job)
        renderer: Any
        realistic = None
        if self.realistic:
            from .realistic import RealisticRenderer

            renderer = RealisticRenderer(
                job.images[0].image, (width, height), seed=job.seed, n=job.n, drift=self.drift
            )
            realistic = renderer.record()
        else:
            renderer = Renderer(
                [image.image for image in job.images],
                (width, height),
                text=job.text,
                negative_prompt=job.negative_prompt,
                model=job.model,
                seed=job.seed,
                n=job.n,
                watermark=job.watermark,
            )
        if kind == "raw_answer" and fault:
            outcome = self._raw_answer(
                fault, renderer, job.n, request_id, host_url, job.notes, images
            )
            outcome.realistic = realistic
            return outcome
        with self._render_slots:
            pngs = [renderer.png(i) for i in range(job.n)]
        urls = [self._publish(png, fault, host_url) for png in pngs]
        output: dict[str, Any] = {
            "choices": [
                {
                    "finish_reason": "stop",
                    "message": {"role": "assistant", "content": [{"image": u} for u in urls]},
                }
            ]
        }
        if realistic is not None:
            # An extra field: the SDK passes it through, the app's parser reads only choices.
            output["emulator_drifts"] = realistic["drifts"]
        body = {
            "output": output,
            "usage": {"width": width, "height": height, "image_count": job.n},
            "request_id": request_id,
        }
        reply = Reply(200, json.dumps(body).encode())
        return _Outcome(
            reply, notes=job.notes, images=images, result_urls=urls, realistic=realistic
        )

    def _raw_answer(
        self,
        fault: Fault,
        renderer: Any,  # render.Renderer or realistic.RealisticRenderer: png(index)
        n: int,
        request_id: str,
        host_url: str,
        notes: list[str],
        images: list[dict[str, Any]],
    ) -> _Outcome:
        """The fault's body as the answer: "$RESULT" strings become fresh result links (the
        rendered outputs in turn, each rendered once), "$DATA" links to the fault's `data`,
        and "$REQUEST_ID" the request's id."""
        opts = fault.options
        urls: list[str] = []
        rendered: dict[int, bytes] = {}

        def fill(value: Any) -> Any:
            if isinstance(value, dict):
                return {k: fill(v) for k, v in value.items()}
            if isinstance(value, list):
                return [fill(v) for v in value]
            if value == "$REQUEST_ID":
                return request_id
            if value == "$RESULT":
                index = len(urls) % n
                if index not in rendered:
                    rendered[index] = renderer.png(index)
                urls.append(self._publish(rendered[index], None, host_url))
                return urls[-1]
            if value == "$DATA" and opts["data"] is not None:
                urls.append(self._publish(opts["data"], None, host_url))
                return urls[-1]
            return value

        body = opts["body"]
        raw = body.encode() if isinstance(body, str) else json.dumps(fill(body)).encode()
        reply = Reply(opts["status"], raw, opts["content_type"])
        return _Outcome(reply, notes=notes, images=images, result_urls=urls)

    def _publish(self, png: bytes, fault: Fault | None, host_url: str) -> str:
        kind = fault.kind if fault else None
        if kind == "evil_outputs" and fault:
            png = fault.options["data"]  # served as it is, whatever it claims to be
        now = time.time()
        expires_at = now - 1 if kind == "expired_urls" else now + self.result_ttl_s
        if kind == "foreign_host":
            # A well-formed link on a host nobody serves: the app must refuse or fail cleanly.
            path = self.store.path_and_query(secrets.token_urlsafe(24), expires_at)
            return FOREIGN_HOST + path
        gets = int(fault.options.get("gets") or 0) if fault else 0
        if kind == "slow_download" and fault:
            token = self.store.put(png, expires_at, "slow", fault.seconds, gets)
        elif kind == "truncated_download":
            token = self.store.put(png, expires_at, "truncated", faulty_gets=gets)
        else:
            token = self.store.put(png, expires_at)
        return host_url + self.store.path_and_query(token, expires_at)


def _error(exc: ApiError, request_id: str) -> _Outcome:
    body = error_body(exc.code, exc.message, request_id)
    return _Outcome(Reply(exc.status, body), code=exc.code)
