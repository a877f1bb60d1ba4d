"""EditService: the one place an edit is orchestrated, from request to images on disk."""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from services.backends.base import EditBackend
from services.config import Settings
from services.errors import CancelledError, EditorError
from services.imaging import prepare_image
from services.models import estimate_cost
from services.ratelimit import RateLimiter
from services.results import ResultStore
from services.types import (
    Credentials,
    EditRequest,
    EditResult,
    PreparedImage,
    ServiceAnswer,
    ServiceCall,
)
from services.validation import SEED_MAX, Checked, validate

log = logging.getLogger(__name__)

Cancelled = Callable[[], bool]


class EditService:
    def __init__(
        self,
        settings: Settings,
        backend: EditBackend,
        results: ResultStore,
        limiter: RateLimiter,
        *,
        sleep: Callable[[float], None] = time.sleep,
        rng: random.Random | None = None,
    ) -> None:
        self.settings = settings
        self.backend = backend
        self.results = results
        self.limiter = limiter
        self._sleep = sleep
        self._rng = rng or random.SystemRandom()
        self._prep_pool = ThreadPoolExecutor(max_workers=3, thread_name_prefix="prepare")

    def edit(
        self,
        request: EditRequest,
        credentials: Credentials,
        *,
        output_dir: Path | None = None,
        cancelled: Cancelled | None = None,
    ) -> EditResult:
        started = time.monotonic()
        checked = validate(request)
        prepared = self.prepare(checked)
        call = self.build_call(checked, prepared, credentials)
        answer = self.send(call, cancelled)
        paths = self.results.fetch_all(answer.image_urls, output_dir)
        usage = answer.usage
        billed = usage.image_count if usage else len(paths)
        warnings = checked.warnings + tuple(w for p in prepared for w in p.warnings)
        result = EditResult(
            images=tuple(paths),
            request_id=answer.request_id,
            seed=int(call.parameters["seed"]),  # type: ignore[call-overload]
            usage=usage,
            elapsed_s=time.monotonic() - started,
            cost=estimate_cost(checked.spec, credentials.region, billed),
            model=checked.spec.name,
            region=credentials.region,
            warnings=warnings,
            prepared=tuple(prepared),
            parameters=dict(call.parameters),
        )
        log.info(
            "edit done request_id=%s model=%s n=%d images=%d %.2fs",
            result.request_id,
            result.model,
            checked.request.n,
            len(paths),
            result.elapsed_s,
        )
        return result

    def prepare(self, checked: Checked) -> list[PreparedImage]:
        """Prepare the inputs in parallel: decoding and resizing release the GIL."""
        images = checked.request.images
        futures = [
            self._prep_pool.submit(prepare_image, src, index=i + 1) for i, src in enumerate(images)
        ]
        return [f.result() for f in futures]

    def build_call(
        self, checked: Checked, prepared: list[PreparedImage], credentials: Credentials
    ) -> ServiceCall:
        req, spec = checked.request, checked.spec
        # The API returns no seed, so one is drawn here when the user left it open: every
        # result then records the seed that made it.
        seed = req.seed if req.seed is not None else self._rng.randint(0, SEED_MAX)
        params: dict[str, object] = {"n": req.n, "seed": seed, "watermark": req.watermark}
        if req.negative_prompt.strip():
            params["negative_prompt"] = req.negative_prompt
        if req.size is not None:
            params["size"] = str(req.size)
        if req.prompt_extend is not None and spec.supports_prompt_extend:
            params["prompt_extend"] = req.prompt_extend
        return ServiceCall(
            model=spec.name,
            images=tuple(p.ref for p in prepared),
            prompt=req.prompt,
            parameters=params,
            credentials=credentials,
            timeout_s=self.settings.request_timeout_s,
        )

    def send(self, call: ServiceCall, cancelled: Cancelled | None = None) -> ServiceAnswer:
        """Send with bounded retries, only for failures that cannot have been billed."""
        key = call.credentials.api_key.value
        attempts = self.settings.max_retries + 1
        for attempt in range(1, attempts + 1):
            if cancelled is not None and cancelled():
                raise CancelledError("The edit was stopped before it was sent.")
            self.limiter.acquire(key, cancelled)
            try:
                return self.backend.generate(call)
            except EditorError as exc:
                if not exc.retryable or attempt == attempts:
                    if exc.retryable:
                        exc.message += f" (tried {attempts} times)"
                    raise
                delay = self.settings.retry_base_s * 2 ** (attempt - 1)
                delay *= 0.75 + 0.5 * self._rng.random()  # jitter: spread users' retries apart
                log.info(
                    "retrying after %s (attempt %d/%d) in %.2fs", exc.code, attempt, attempts, delay
                )
                self._sleep(delay)
        raise AssertionError("unreachable")
