"""Batches: one instruction applied to many input images, each edit run through EditService.

A batch is planned before anything is sent (`plan_batch`): the request is validated once (a
request the app would refuse is refused as a whole), files that are not images are listed and
left out, and inputs already done in the output folder are skipped. `run_batch` then edits the
rest with a small thread pool; EditService.send waits on the rate limiter per key and model, so
the batch never goes faster than the model allows (Plus 2 a second, Max 2 a minute).

Outputs are `<output dir>/<input stem>-<k>.png`. After each input, its outputs are moved into
place and the journal `<output dir>/.qwen-edit.json` is rewritten atomically: a rerun skips
every input whose outputs are there, so a run stopped halfway sends nothing twice.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field, replace
from enum import Enum
from pathlib import Path

from services.editing import EditService
from services.errors import CancelledError, EditorError, ResultDownloadError
from services.imaging import inspect
from services.messages import Translatable, msg
from services.models import MODELS
from services.types import Credentials, EditRequest, EditResult, Size
from services.validation import validate

JOURNAL_NAME = ".qwen-edit.json"
STAGING_NAME = ".qwen-edit-staging"
JOURNAL_VERSION = 1


class BatchRefused(EditorError):
    """The batch as a whole cannot run: nothing was sent."""

    code = "BatchRefused"


class Status(str, Enum):
    OK = "ok"
    FAILED = "failed"
    SKIPPED = "skipped"  # its outputs were already in the output folder
    NOT_IMAGE = "not_image"  # left out before anything was sent
    CANCELLED = "cancelled"  # stopped before it was sent

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class BatchSpec:
    """What every edit of the batch shares: the instruction and its settings."""

    prompt: str
    negative_prompt: str = ""
    model: str = "qwen-image-edit-plus"
    n: int = 1
    size: Size | str | None = None
    seed: int | None = None
    watermark: bool = False
    prompt_extend: bool | None = None

    def request_for(self, image: Path | bytes) -> EditRequest:
        return EditRequest(
            images=(image,),
            prompt=self.prompt,
            negative_prompt=self.negative_prompt,
            model=self.model,
            n=self.n,
            size=self.size,  # type: ignore[arg-type]  # validate() parses "WxH"
            seed=self.seed,
            prompt_extend=self.prompt_extend,
            watermark=self.watermark,
        )


@dataclass(frozen=True)
class BatchItem:
    input: Path
    stem: str  # its outputs are <stem>-<k>.png
    status: Status
    outputs: tuple[Path, ...] = ()
    request_id: str | None = None
    seed: int | None = None
    cost_usd: float | None = None
    error_code: str | None = None
    # The English words (a Translatable where they came from the catalogue: qwen-edit shows
    # those in the user's language).
    error: str | None = None
    warnings: tuple[str, ...] = ()

    def to_json(self) -> dict[str, object]:
        return {
            "input": str(self.input),
            "status": self.status.value,
            "outputs": [str(p) for p in self.outputs],
            "request_id": self.request_id,
            "seed": self.seed,
            "cost_usd": self.cost_usd,
            "error": None
            if self.error_code is None
            else {"code": self.error_code, "message": self.error},
            "warnings": list(self.warnings),
        }


@dataclass(frozen=True)
class BatchPlan:
    spec: BatchSpec
    output_dir: Path
    todo: tuple[tuple[Path, str], ...]  # (input, stem) to edit, in order
    left_out: tuple[BatchItem, ...]  # not images, and inputs already done
    inputs: tuple[Path, ...] = ()  # every input, in the order given

    @property
    def total(self) -> int:
        return len(self.todo) + len(self.left_out)


@dataclass(frozen=True)
class BatchResult:
    items: tuple[BatchItem, ...]
    output_dir: Path
    interrupted: bool = False

    def count(self, status: Status) -> int:
        return sum(1 for item in self.items if item.status is status)

    @property
    def counts(self) -> dict[str, int]:
        return {status.value: self.count(status) for status in Status}

    @property
    def cost_usd(self) -> float | None:
        costs = [i.cost_usd for i in self.items if i.status is Status.OK]
        if any(c is None for c in costs):
            return None
        return round(sum(c for c in costs if c is not None), 6)

    @property
    def outputs(self) -> int:
        return sum(len(i.outputs) for i in self.items if i.status is Status.OK)


# -- planning: everything that can refuse, before anything is sent ---------------------------


def plan_batch(inputs: Sequence[Path], spec: BatchSpec, output_dir: Path) -> BatchPlan:
    """Validate the request, list what is not an image, and skip inputs already done.
    Raises ValidationError (a request the app refuses) or BatchRefused (nothing to edit)."""
    checked = validate(spec.request_for(b"placeholder"))  # the images are checked below
    spec = _normalised(spec, checked.request)
    paths = list(dict.fromkeys(Path(os.path.abspath(p)) for p in inputs))  # duplicates once
    if not paths:
        raise BatchRefused(msg("error.batch.no_inputs"), msg("hint.batch.no_inputs"))
    images: list[Path] = []
    left_out: list[BatchItem] = []
    for path in paths:
        try:
            inspect(path)  # the header and the size limits, as the app checks an upload
            images.append(path)
        except EditorError as exc:
            left_out.append(
                BatchItem(path, path.stem, Status.NOT_IMAGE, error_code=exc.code,
                          error=_words(exc))
            )  # fmt: skip
    if not images:
        raise BatchRefused(
            msg("error.batch.no_images", count=len(paths)), msg("hint.batch.formats")
        )
    stems = _stems(images)
    done = Journal(output_dir).done_outputs()
    todo: list[tuple[Path, str]] = []
    for path in images:
        stem = stems[path]
        outputs = _existing_outputs(output_dir, stem, done.get(stem), spec.n)
        if outputs:
            left_out.append(BatchItem(path, stem, Status.SKIPPED, outputs=outputs))
        else:
            todo.append((path, stem))
    return BatchPlan(spec, output_dir, tuple(todo), tuple(left_out), tuple(paths))


def _normalised(spec: BatchSpec, request: EditRequest) -> BatchSpec:
    return BatchSpec(
        prompt=spec.prompt,  # the service's own limits cut it, with a warning per edit
        negative_prompt=spec.negative_prompt,
        model=request.model,
        n=request.n,
        size=request.size,
        seed=request.seed,
        watermark=request.watermark,
        prompt_extend=request.prompt_extend,
    )


def _stems(paths: Sequence[Path]) -> dict[Path, str]:
    """Each input's output stem: its file name's stem, or the whole name when two inputs share
    a stem (photo.jpg and photo.png). Two files of the same name are refused."""
    by_stem: dict[str, list[Path]] = {}
    for path in paths:
        by_stem.setdefault(path.stem, []).append(path)
    stems: dict[Path, str] = {}
    for stem, group in by_stem.items():
        for path in group:
            stems[path] = stem if len(group) == 1 else path.name
    seen: dict[str, Path] = {}
    for path, stem in stems.items():
        if stem in seen:
            raise BatchRefused(
                msg("error.batch.same_outputs", stem=stem, first=str(seen[stem]), second=str(path)),
                msg("hint.batch.same_outputs"),
            )
        seen[stem] = path
    return stems


def output_path(output_dir: Path, stem: str, k: int) -> Path:
    return output_dir / f"{stem}-{k}.png"


def _existing_outputs(
    output_dir: Path, stem: str, recorded: list[str] | None, n: int
) -> tuple[Path, ...]:
    """The outputs of an input already done: those its journal entry lists, or (no entry: a
    run stopped between moving them and writing the journal) all n of <stem>-<k>.png."""
    if recorded:
        paths = tuple(output_dir / name for name in recorded)
    else:
        paths = tuple(output_path(output_dir, stem, k) for k in range(1, n + 1))
    return paths if all(p.is_file() for p in paths) else ()


# -- the journal -----------------------------------------------------------------------------


class Journal:
    """`<output dir>/.qwen-edit.json`: the inputs done, with their request ids. Rewritten
    atomically (a temporary file, then a rename) after each input."""

    def __init__(self, output_dir: Path) -> None:
        self.path = output_dir / JOURNAL_NAME
        self._lock = threading.Lock()
        self._entries: dict[str, dict[str, object]] | None = None

    def _load(self) -> dict[str, dict[str, object]]:
        if self._entries is None:
            try:
                data = json.loads(self.path.read_text(encoding="utf-8"))
                done = data.get("done", {}) if isinstance(data, dict) else {}
                self._entries = {k: v for k, v in done.items() if isinstance(v, dict)}
            except (OSError, ValueError):
                self._entries = {}  # none yet, or unreadable: the outputs on disk still count
        return self._entries

    def done_outputs(self) -> dict[str, list[str]]:
        with self._lock:
            return {
                stem: [str(o) for o in entry.get("outputs", []) if isinstance(o, str)]  # type: ignore[union-attr]
                for stem, entry in self._load().items()
            }

    def record(self, stem: str, entry: dict[str, object]) -> None:
        with self._lock:
            entries = self._load()
            entries[stem] = entry
            payload = json.dumps(
                {"version": JOURNAL_VERSION, "done": entries}, indent=1, ensure_ascii=False
            )
            fd, tmp = tempfile.mkstemp(prefix=".qwen-edit-", suffix=".tmp", dir=self.path.parent)
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as fh:
                    fh.write(payload)
                    fh.flush()
                    os.fsync(fh.fileno())
                os.replace(tmp, self.path)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
                raise


# -- running ---------------------------------------------------------------------------------


def default_workers(model: str) -> int:
    """Enough edits in flight to keep the model's rate with ~6 s per edit (Plus: 12; Max: 1)."""
    spec = MODELS.get(model)
    rate = spec.rate_per_s if spec else 2.0
    return max(1, min(16, int(rate * 6 + 0.999)))


@dataclass
class _Run:
    plan: BatchPlan
    service: EditService
    credentials: Credentials
    journal: Journal
    cancel: threading.Event
    items: dict[Path, BatchItem] = field(default_factory=dict)


def run_batch(
    plan: BatchPlan,
    service: EditService,
    credentials: Credentials,
    *,
    workers: int | None = None,
    cancel: threading.Event | None = None,
    on_item: Callable[[BatchItem], None] | None = None,
) -> BatchResult:
    """Edit every input of the plan. Setting `cancel` stops what has not been sent (edits
    already sent finish and are kept: they are billed). `on_item` is called as each ends."""
    cancel = cancel or threading.Event()
    output_dir = plan.output_dir
    output_dir.mkdir(parents=True, exist_ok=True)
    run = _Run(plan, service, credentials, Journal(output_dir), cancel)
    pool = ThreadPoolExecutor(
        max_workers=max(1, workers or default_workers(plan.spec.model)),
        thread_name_prefix="batch",
    )
    futures: dict[Future[BatchItem], Path] = {}
    try:
        for path, stem in plan.todo:
            futures[pool.submit(_edit_one, run, path, stem)] = path
        pending = set(futures)
        while pending:
            # A short wait, so that the main thread's signal handlers run promptly.
            done, pending = wait(pending, timeout=0.2, return_when=FIRST_COMPLETED)
            for future in done:
                item = future.result()
                run.items[item.input] = item
                if on_item is not None:
                    on_item(item)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    index = {item.input: item for item in plan.left_out} | run.items
    ordered = tuple(index[p] for p in plan.inputs if p in index)
    return BatchResult(ordered, output_dir, interrupted=cancel.is_set())


def _edit_one(run: _Run, path: Path, stem: str) -> BatchItem:
    if run.cancel.is_set():
        return BatchItem(path, stem, Status.CANCELLED, error_code=CancelledError.code,
                         error=Translatable(msg("batch.stopped")))  # fmt: skip
    request = run.plan.spec.request_for(path)
    try:
        result = run.service.edit(request, run.credentials, cancelled=run.cancel.is_set)
    except CancelledError as exc:
        return BatchItem(path, stem, Status.CANCELLED, error_code=exc.code, error=_words(exc))
    except ResultDownloadError as exc:
        # Made (and billed) but not all downloaded: keep what arrived beside the others.
        kept = _place(run.plan.output_dir, stem, [Path(p) for p in exc.arrived])
        return BatchItem(path, stem, Status.FAILED, outputs=kept, request_id=exc.request_id,
                         error_code=exc.code, error=_words(exc))  # fmt: skip
    except EditorError as exc:
        return BatchItem(path, stem, Status.FAILED, request_id=exc.request_id,
                         error_code=exc.code, error=_words(exc))  # fmt: skip
    except Exception as exc:  # a bug: this input fails, the batch goes on
        return BatchItem(path, stem, Status.FAILED, error_code=type(exc).__name__,
                         error=Translatable(msg("batch.unexpected", detail=str(exc))))  # fmt: skip
    outputs = _place(run.plan.output_dir, stem, list(result.images))
    item = _done_item(path, stem, result, outputs)
    entry = {
        "input": str(path),
        "outputs": [p.name for p in outputs],
        "request_id": result.request_id,
        "seed": result.seed,
        "model": result.model,
        "cost_usd": result.cost.usd,
        "prompt": request.prompt,
    }
    try:
        run.journal.record(stem, entry)
    except OSError as exc:  # the outputs are written: a rerun still finds them there
        note = Translatable(msg("warning.batch.journal", error=str(exc.strerror or exc)))
        item = replace(item, warnings=item.warnings + (note,))
    return item


def _place(output_dir: Path, stem: str, images: list[Path]) -> tuple[Path, ...]:
    """Move downloaded outputs (PNG, written by ResultStore) to <stem>-<k>.png."""
    placed = []
    for k, image in enumerate(images, 1):
        target = output_path(output_dir, stem, k)
        try:
            os.replace(image, target)
        except OSError:  # another file system: copy, then rename into place
            tmp = target.with_name(f".{target.name}.tmp")
            shutil.copyfile(image, tmp)
            os.replace(tmp, target)
            with contextlib.suppress(OSError):
                image.unlink()
        placed.append(target)
    return tuple(placed)


def _done_item(path: Path, stem: str, result: EditResult, outputs: tuple[Path, ...]) -> BatchItem:
    return BatchItem(
        path,
        stem,
        Status.OK,
        outputs=outputs,
        request_id=result.request_id,
        seed=result.seed,
        cost_usd=result.cost.usd,
        warnings=tuple(result.warnings),  # English text that keeps its Message (Translatable)
    )


def _words(exc: EditorError) -> Translatable:
    """An error's words: its English text (what the JSON report holds), keeping the Message
    so qwen-edit shows it in the user's language."""
    return Translatable(exc.said())
