"""Planning a run before anything is sent: its cells (the product of the axes), each cell's
request checked as the editor checks it, and the estimate of requests, images, cost and time.

Every refusal is an ExperimentRefused with a catalogue kind, so the tab can say why in the
reader's language: an empty axis, more requests than the deployment allows in one run, more
than the spending budget has left, or a cell the editor would refuse (named by its place).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass

from services.errors import EditorError
from services.imaging import inspect
from services.messages import Message, msg
from services.models import MODELS, estimate_cost
from services.types import EditRequest
from services.validation import Checked, validate

from .types import Cell, Estimate, ExperimentRefused, ExperimentSpec, ModelLoad, label_message

# A typical time the service takes for one edit, when nothing better is known (seconds).
TYPICAL_SERVICE_S = 15.0
# The most sends one model of one run keeps in flight: enough for Plus's 2 a second with edits
# of 15 s (the limiter, not the pool, sets the pace), few enough to stay a small share of the
# app's threads.
MAX_IN_FLIGHT = 32


@dataclass(frozen=True)
class Place:
    """A cell's indices on the axes."""

    prompt: int
    seed: int
    model: int
    input_set: int


def places(spec: ExperimentSpec) -> Iterator[Place]:
    """The product of the axes, in cell order: input sets outermost, seeds innermost (so a
    contact sheet with seeds as columns reads row by row)."""
    prompts, seeds, models, sets = spec.axes()
    for i in range(sets):
        for p in range(prompts):
            for m in range(models):
                for s in range(seeds):
                    yield Place(p, s, m, i)


def blank_cells(spec: ExperimentSpec) -> tuple[Cell, ...]:
    return tuple(
        Cell(index, at.prompt, at.seed, at.model, at.input_set, "waiting")
        for index, at in enumerate(places(spec))
    )


def request_for(spec: ExperimentSpec, cell: Cell) -> EditRequest:
    """The edit a cell sends."""
    return EditRequest(
        images=tuple(spec.input_sets[cell.input_set].images),
        prompt=spec.prompts[cell.prompt],
        negative_prompt=spec.negative_prompt,
        model=spec.models[cell.model],
        n=spec.n,
        size=spec.size,
        seed=spec.seeds[cell.seed],
        prompt_extend=spec.prompt_extend,
        watermark=spec.watermark,
    )


def rate_of(model: str, override: float | None) -> float:
    """Requests per second the limiter allows this model (EditService.send's own rule)."""
    return override or MODELS[model].rate_per_s


def in_flight(model: str, override: float | None, requests: int, service_s: float) -> int:
    """Sends to keep in flight so the rate, not the pool, sets the pace: rate x service time,
    doubled for slow answers; at least 2 (Max's answer may take longer than its 30 s slot)."""
    wanted = math.ceil(rate_of(model, override) * service_s * 2)
    return max(1, min(requests, MAX_IN_FLIGHT, max(2, wanted)))


def check_axes(spec: ExperimentSpec) -> None:
    for axis, values in (
        ("prompts", spec.prompts),
        ("seeds", spec.seeds),
        ("models", spec.models),
        ("input_sets", spec.input_sets),
    ):
        if not values:
            said = Message(f"experiment.axis.{axis}")
            raise ExperimentRefused(
                msg("error.experiment.empty_axis", axis=said),
                msg("hint.experiment.empty_axis", axis=said),
            )


def check_cap(spec: ExperimentSpec, cap: int) -> int:
    requests = math.prod(spec.axes())
    if cap and requests > cap:
        raise ExperimentRefused(
            msg("error.experiment.too_many", requests=requests, cap=cap),
            msg("hint.experiment.too_many"),
        )
    return requests


def check_cells(spec: ExperimentSpec) -> dict[int, Checked]:
    """Each cell's request as the editor would check it; the first it would refuse is named.
    The images are read once each (their headers and size limits, as an upload is)."""
    cells = blank_cells(spec)
    seen_sets: set[int] = set()
    checked: dict[int, Checked] = {}
    for cell in cells:
        try:
            if cell.input_set not in seen_sets:
                seen_sets.add(cell.input_set)
                for k, image in enumerate(spec.input_sets[cell.input_set].images, 1):
                    inspect(image, index=k)
            checked[cell.index] = validate(request_for(spec, cell))
        except EditorError as exc:
            raise _refused(spec, cell, exc) from exc
    return checked


def _refused(spec: ExperimentSpec, cell: Cell, exc: EditorError) -> ExperimentRefused:
    reason = exc.message_obj
    if exc.hint_obj is not None:
        reason = Message("error.with_hint", {"message": reason, "hint": exc.hint_obj})
    return ExperimentRefused(
        msg(
            "error.experiment.cell_refused",
            number=cell.index + 1,
            label=label_message(spec, cell),
            reason=reason,
        ),
        msg("hint.experiment.cell_refused"),
    )


def estimate_of(
    spec: ExperimentSpec, override: float | None, safety: float, service_s: float
) -> Estimate:
    """Requests, images and cost per model, and the time: each model's sends are spaced by its
    rate (as the limiter spaces them) and then answered after the service time; the models
    run side by side, so the run takes as long as its slowest model."""
    per_set = len(spec.prompts) * len(spec.seeds) * len(spec.input_sets)
    loads = []
    for name in spec.models:
        model = MODELS[name]
        images = per_set * spec.n
        cost = estimate_cost(model, spec.region, images).usd
        interval = (1.0 + safety) / rate_of(name, override)
        workers = in_flight(name, override, per_set, service_s)
        by_rate = (per_set - 1) * interval
        by_pool = (math.ceil(per_set / workers) - 1) * service_s
        seconds = max(by_rate, by_pool) + service_s
        loads.append(ModelLoad(name, per_set, images, cost, round(seconds, 1)))
    costs = [load.cost_usd for load in loads]
    total = None if any(c is None for c in costs) else round(sum(c or 0.0 for c in costs), 6)
    return Estimate(
        requests=sum(load.requests for load in loads),
        images=sum(load.images for load in loads),
        cost_usd=total,
        seconds=max((load.seconds for load in loads), default=0.0),
        per_model=tuple(loads),
    )
