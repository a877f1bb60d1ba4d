"""EditService: the one place an edit is orchestrated, from request to images on disk."""

from __future__ import annotations

import logging
import os
import random
import shutil
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

from services.backends.base import EditBackend
from services.config import Settings
from services.errors import CancelledError, EditorError, ResultDownloadError
from services.fairness import VisitorSlots
from services.history import (
    Entry,
    HistoryNotIndexedError,
    HistoryStore,
    NewEntry,
    request_record,
)
from services.imaging import finish, inspect
from services.messages import Message, Translatable, msg, to_data
from services.models import MODELS, estimate_cost
from services.ratelimit import RateLimiter
from services.results import ResultStore
from services.spending import Reservation, SpendingLedger
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
        history: HistoryStore | None = None,
        spending: SpendingLedger | None = None,
    ) -> None:
        self.settings = settings
        self.backend = backend
        self.results = results
        self.limiter = limiter
        self._sleep = sleep
        self._rng = rng or random.SystemRandom()
        self.history = history
        self.spending = spending  # caps on what the operator's key may spend, if any
        # Decoding and encoding release the GIL: one worker per core, shared fairly.
        self._workers = max(2, os.cpu_count() or 2)
        self._prep_pool = ThreadPoolExecutor(
            max_workers=self._workers, thread_name_prefix="prepare"
        )
        self.slots = VisitorSlots(settings.prepares_per_visitor)

    def edit(
        self,
        request: EditRequest,
        credentials: Credentials,
        *,
        user: str | None = None,
        cancelled: Cancelled | None = None,
        visitor: Sequence[str] = (),
        group: Mapping[str, object] | None = None,
    ) -> EditResult:
        """Run one edit. With a user, it is recorded in their history, failures included:
        once the service has answered, what it delivered is kept even if a later step fails.
        `visitor` names who asks (history id, address): their share of the machine.
        `group` ties the edit to others (an experiment's run and cell): it is kept in the
        entry's parameters as parameters["experiment"]."""
        started = time.monotonic()
        if user and self.history is not None:
            # Before anything is sent: a bad history id found after the paid call would leave
            # its outputs with nowhere to go.
            self.history.check_user(user)
        if request.region is None:
            return self._edit(request, credentials, user, cancelled, visitor, started, group=group)
        # A region edit: the crop is sent, the outputs come back stitched (region_edit/step.py).
        # Imported here: OpenCV is only loaded by the first region edit, not at start.
        from services.region_edit import step

        # The request's own mistakes first; what it asked for, normalised, is what history keeps.
        request = replace(validate(replace(request, region=None)).request, region=request.region)
        workdir = Path(tempfile.mkdtemp(prefix="qwen-region-"))
        try:
            sent, job = step.prepare(request, MODELS[request.model], workdir, self._prep_pool)
            return self._edit(
                sent, credentials, user, cancelled, visitor, started, job, request, group=group
            )
        finally:
            shutil.rmtree(workdir, ignore_errors=True)

    def _edit(
        self,
        request: EditRequest,
        credentials: Credentials,
        user: str | None,
        cancelled: Cancelled | None,
        visitor: Sequence[str],
        started: float,
        region=None,  # a region_edit.step.RegionJob
        asked: EditRequest | None = None,  # the person's request, when another one is sent
        group: Mapping[str, object] | None = None,
    ) -> EditResult:
        checked = validate(request)
        who = tuple(visitor) or ((user,) if user else ())
        prepared = self.prepare(checked, who, cancelled)
        call = self.build_call(checked, prepared, credentials)
        timings = {"prepare_s": time.monotonic() - started}
        journal = _Journal(
            self.history if user else None,
            user,
            checked,
            prepared,
            call,
            timings,
            asked or checked.request,
        )
        journal.group = dict(group) if group else None
        unit = checked.spec.price(credentials.region)
        spend = self._reserve(checked, credentials, who, unit)
        mark = time.monotonic()
        try:
            answer = self.send(call, cancelled)
        except EditorError as exc:
            if spend is not None and _not_billed(exc):
                spend.settle(0)
            journal.failed(exc)
            raise
        timings["service_s"] = time.monotonic() - mark
        answer = _trusted_only(answer, self.results.policy.allows)
        usage = answer.usage  # checked by the backend: 0 <= image_count <= n, or None
        billed = usage.image_count if usage else len(answer.image_urls)
        if spend is not None:
            spend.settle(billed)
        mark = time.monotonic()
        staging = journal.staging_dir()
        try:
            paths = self.results.fetch_all(answer.image_urls, staging)
        except ResultDownloadError as exc:
            # Keep what arrived, and the links of the rest: fetch_pending() can still get them
            # while they live (24 hours).
            journal.failed(exc, answer, list(exc.arrived), list(exc.missing))
            if journal.history is not None and getattr(exc, "entry_id", None):
                exc.hint = msg("hint.edit.kept_in_history")
            raise
        timings["download_s"] = time.monotonic() - mark
        region_warnings: tuple[str, ...] = ()
        if region is not None:
            from services.region_edit import step

            mark = time.monotonic()
            finished = step.finish(region, paths, self._prep_pool, self._workers)
            timings["stitch_s"] = time.monotonic() - mark
            paths, region_warnings = finished.outputs, finished.warnings
            journal.region(region, finished)
        result = EditResult(
            images=tuple(paths),
            request_id=answer.request_id,
            seed=int(call.parameters["seed"]),  # type: ignore[call-overload]
            usage=usage,
            elapsed_s=time.monotonic() - started,
            cost=estimate_cost(checked.spec, credentials.region, billed),
            model=checked.spec.name,
            region=credentials.region,
            warnings=checked.warnings
            + tuple(w for p in prepared for w in p.warnings)
            + answer.warnings
            + region_warnings,
            prepared=tuple(prepared),
            parameters=journal.parameters(),
            timings=timings,
            raw_images=tuple(journal.raws),
        )
        result = journal.succeeded(result)
        log.info(
            "edit done request_id=%s model=%s n=%d images=%d %.2fs",
            result.request_id,
            result.model,
            checked.request.n,
            len(paths),
            result.elapsed_s,
        )
        return result

    def _reserve(
        self, checked: Checked, credentials: Credentials, visitor: Sequence[str], unit
    ) -> _Spend | None:
        """Hold the edit's worst case against the caps, when the operator's key pays for it
        (a user's own key spends their own money; demo mode spends nothing)."""
        ledger = self.spending
        if (
            ledger is None
            or self.settings.demo
            or credentials.api_key != self.settings.operator_key
        ):
            return None
        return _Spend(ledger, ledger.reserve(visitor, checked.request.n, unit), unit)

    def fetch_pending(self, user: str, entry_id: str) -> Entry:
        """Download the outputs of a history entry whose links failed at the time of the edit."""
        if self.history is None:
            raise EditorError(msg("error.edit.no_history"))
        entry = self.history.get(user, entry_id)
        if not entry.pending_urls:
            return entry
        if time.time() > entry.pending_until():
            raise ResultDownloadError(msg("error.edit.links_expired"), msg("hint.edit.run_again"))
        staging = self.history.staging_dir()
        try:
            paths = self.results.fetch_all(entry.pending_urls, staging)
            missing: list[str] = []
        except ResultDownloadError as exc:
            if not exc.arrived:
                raise
            paths, missing = list(exc.arrived), list(exc.missing)
        return self.history.attach_outputs(user, entry_id, paths, missing)

    def prepare(
        self, checked: Checked, visitor: Sequence[str] = (), cancelled: Cancelled | None = None
    ) -> list[PreparedImage]:
        """Check every input's header first, so a broken or oversized one is refused before any
        is decoded; then prepare them in parallel (decoding releases the GIL), one edit at a
        time per visitor so that nobody's heavy images hold up everyone else."""
        inspected = [inspect(src, index=i + 1) for i, src in enumerate(checked.request.images)]
        if all(item.ready is not None for item in inspected):
            return [finish(item) for item in inspected]  # links only: nothing heavy to do
        with self.slots.hold(visitor, cancelled):
            futures = [self._prep_pool.submit(finish, item) for item in inspected]
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
        # The model's own limit, unless the operator set one for the whole account.
        rate = self.settings.rate_limit_per_s or MODELS[call.model].rate_per_s
        attempts = self.settings.max_retries + 1
        for attempt in range(1, attempts + 1):
            if cancelled is not None and cancelled():
                raise CancelledError(msg("error.edit.cancelled"))
            if not self.limiter.acquire(key, cancelled, scope=call.model, rate_per_s=rate):
                # Stopped while waiting for a slot: never send it (it would be billed).
                raise CancelledError(msg("error.edit.cancelled"))
            try:
                return self.backend.generate(call)
            except EditorError as exc:
                if not exc.retryable or attempt == attempts:
                    if exc.retryable:
                        exc.message = msg(
                            "error.edit.tried", message=exc.message_obj, attempts=attempts
                        )
                    raise
                delay = self.settings.retry_base_s * 2 ** (attempt - 1)
                delay *= 0.75 + 0.5 * self._rng.random()  # jitter: spread users' retries apart
                log.info(
                    "retrying after %s (attempt %d/%d) in %.2fs", exc.code, attempt, attempts, delay
                )
                self._sleep(delay)
        raise AssertionError("unreachable")


@dataclass(frozen=True)
class _Spend:
    """A reservation against the spending caps, to settle with what was billed."""

    ledger: SpendingLedger
    reservation: Reservation
    unit_usd: float | None

    def settle(self, billed: int) -> None:
        self.ledger.settle(self.reservation, billed, self.unit_usd)


def _not_billed(exc: EditorError) -> bool:
    """Failures the service cannot have billed: it answered with an error (failures are free),
    the request never left, or it was refused before it reached the service. A timeout or a
    broken connection may have been billed: its reservation stays."""
    if isinstance(exc, CancelledError) or exc.retryable:
        return True
    return exc.status is not None and exc.status >= 400


def _trusted_only(answer: ServiceAnswer, allows: Callable[[str], bool]) -> ServiceAnswer:
    """The links this app may download: when some are on trusted hosts, only those (if none
    is, fetch_all refuses them all with its own message). What is dropped is said in the
    warnings. (The backend already keeps at most n links: see EditBackend.generate.)"""
    links, notes = list(answer.image_urls), []
    trusted = [link for link in links if allows(link)]
    if trusted and len(trusted) < len(links):
        dropped = len(links) - len(trusted)
        notes.append(Translatable(msg("warning.edit.untrusted_links", count=dropped)))
        links = trusted
    if not notes:
        return answer
    return replace(answer, image_urls=tuple(links), warnings=answer.warnings + tuple(notes))


class _Journal:
    """Writes one edit into the history, or does nothing when there is no history/user.
    Once outputs are downloaded, no failure here deletes them: they stay on disk and the
    user is told where."""

    group: dict | None = None  # set by EditService._edit: see EditService.edit's `group`

    def __init__(
        self, history, user, checked: Checked, prepared, call: ServiceCall, timings, asked
    ):
        self.history: HistoryStore | None = history
        self.asked: EditRequest = asked
        self.user = user
        self.checked = checked
        self.prepared = prepared
        self.call = call
        self.timings = timings

        self.extras: list[tuple[str, Path]] = []  # region edits: original, mask, raw outputs
        self.extra_parameters: dict = {}
        self.raws: list[Path] = []

    def region(self, job, finished) -> None:
        """Keep what a region edit needs to be restored and checked: the full-resolution
        image 1, the mask, and the model's raw outputs; the box and alignment as parameters."""
        self.extras = [("original-1.png", job.original), ("mask.png", job.mask)]
        self.extras += [(f"raw-{i}.png", raw) for i, raw in enumerate(finished.raws, 1)]
        sent = self.call.parameters.get("size")
        self.extra_parameters = {"region": {**finished.parameters, "sent_size": sent}}
        self.raws = list(finished.raws)

    def staging_dir(self) -> Path | None:
        return self.history.staging_dir() if self.history else None

    def parameters(self) -> dict:
        """What was sent (for support), and the person's own request, which a restore reads:
        a region edit's crop size, say, was the app's choice, not theirs."""
        params = dict(
            self.call.parameters, **self.extra_parameters, request=request_record(self.asked)
        )
        if self.group:  # an experiment's run and cell (EditService.edit's `group`)
            params["experiment"] = self.group
        return params

    def _entry(self, status: str, **kw) -> NewEntry:
        req = self.checked.request
        parameters = self.parameters()
        return NewEntry(
            status=status,
            model=self.checked.spec.name,
            region=self.call.credentials.region,
            prompt=req.prompt,
            negative_prompt=req.negative_prompt,
            parameters=parameters,
            extras=list(self.extras),
            inputs=[
                (p.data, p.mime or "image/png") if p.data is not None else p.ref
                for p in self.prepared
            ],
            seed=int(self.call.parameters["seed"]),  # type: ignore[call-overload]
            timings=dict(self.timings),
            **kw,
        )

    @staticmethod
    def said(warnings, exc: EditorError | None = None) -> dict:
        """The error and warnings as messages (kind and parameters) beside their English text,
        so History shows them in its reader's language; a warning that is plain text is null."""
        notes = [to_data(w.message) if isinstance(w, Translatable) else None for w in warnings]
        return {"error": exc.data() if exc else None, "warnings": notes}

    def failed(
        self,
        exc: EditorError,
        answer: ServiceAnswer | None = None,
        outputs: list[Path] | None = None,
        pending: list[str] | None = None,
    ) -> None:
        if self.history is None:
            return
        try:
            entry = self.history.record(
                self.user,
                self._entry(
                    "failed",
                    outputs=outputs or [],
                    request_id=exc.request_id or (answer.request_id if answer else None),
                    usage=_usage_dict(answer),
                    warnings=self.checked.warnings,
                    error_code=exc.code,
                    error_message=exc.user_text(),
                    pending_urls=pending or [],
                    messages=self.said(self.checked.warnings, exc),
                ),
            )
            exc.entry_id = entry.id  # type: ignore[attr-defined]
        except HistoryNotIndexedError as kept:
            # The user's error matters more than the journal's, but the files that did
            # arrive are on disk: say where.
            exc.hint = _and(exc.hint_obj, _said(kept))
        except Exception:
            log.exception(
                "could not record a failed edit in the history; outputs that arrived stay at %s",
                [str(p) for p in outputs or []],
            )

    def succeeded(self, result: EditResult) -> EditResult:
        if self.history is None:
            return result
        try:
            entry = self.history.record(
                self.user,
                self._entry(
                    "ok",
                    outputs=list(result.images),
                    request_id=result.request_id,
                    usage=_usage_dict(result),
                    cost_usd=result.cost.usd,
                    warnings=result.warnings,
                    messages=self.said(result.warnings),
                ),
            )
        except HistoryNotIndexedError as kept:
            # Saved in its entry folder, not yet listed: the next start indexes it.
            return replace(
                result, images=kept.outputs, warnings=result.warnings + (Translatable(_said(kept)),)
            )
        except Exception:
            # record() moved the outputs back where they were downloaded; nothing was deleted.
            where = result.images[0].parent if result.images else None
            log.exception("could not record an edit in the history; its outputs stay in %s", where)
            return replace(
                result, warnings=result.warnings + (Translatable(msg("warning.edit.not_saved")),)
            )
        for raw in self.raws:  # copied into the entry; the downloads' copies go
            raw.unlink(missing_ok=True)
        return replace(
            result,
            images=tuple(entry.output_paths()),
            raw_images=tuple(entry.raw_paths()) if self.raws else (),
            entry_id=entry.id,
            warnings=result.warnings + entry.notices,
        )


def _said(exc: EditorError) -> Message:
    """An error's message and hint as one Message (what its user_text() says)."""
    if exc.hint_obj is None:
        return exc.message_obj
    return Message("error.with_hint", {"message": exc.message_obj, "hint": exc.hint_obj})


def _and(first: Message | None, second: Message) -> Message:
    """Two sentences one after the other (the first may be missing)."""
    if first is None:
        return second
    return Message("error.with_hint", {"message": first, "hint": second})


def _usage_dict(source) -> dict | None:
    usage = getattr(source, "usage", None)
    if usage is None:
        return None
    return {"width": usage.width, "height": usage.height, "image_count": usage.image_count}
