"""The experiments' values: what a run is (its axes), what it will cost, and where it stands.

A run is the product of its axes (prompts x seeds x models x input sets); each combination is
one request, a `Cell`. Everything here is plain data, shared by the engine (this package) and
the Experiments tab (ui/): the tab renders `Message`s and labels in the reader's language.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from services.errors import EditorError
from services.history import HistoryError
from services.messages import Message, render
from services.types import Size
from services.validation import SEED_MAX, SEED_MIN


@dataclass(frozen=True)
class InputSet:
    """One set of 1-3 images edited together (image 1, 2, 3)."""

    images: tuple[Path, ...]
    label: str  # e.g. the first file's name


@dataclass(frozen=True)
class ExperimentSpec:
    """The axes and the shared settings; the run is the product of the axes."""

    prompts: tuple[str, ...]
    seeds: tuple[int, ...]  # explicit seeds; a count in the UI is drawn by draw_seeds(count)
    models: tuple[str, ...]
    input_sets: tuple[InputSet, ...]
    negative_prompt: str = ""
    n: int = 1
    size: Size | None = None
    prompt_extend: bool | None = None
    watermark: bool = False
    region: str = "singapore"
    name: str = ""

    def axes(self) -> tuple[int, int, int, int]:
        """The length of each axis: prompts, seeds, models, input sets."""
        return len(self.prompts), len(self.seeds), len(self.models), len(self.input_sets)


@dataclass(frozen=True)
class ModelLoad:
    """One model's share of a run."""

    model: str
    requests: int
    images: int
    cost_usd: float | None
    seconds: float


@dataclass(frozen=True)
class Estimate:
    requests: int
    images: int
    cost_usd: float | None  # None when a price is not published
    # From each model's rate limit (Max 2/min, Plus 2/s) plus a typical service time; the
    # models run side by side, so the slowest one sets the run's time.
    seconds: float
    per_model: tuple[ModelLoad, ...]


CellStatus = Literal["waiting", "sending", "done", "failed", "stopped"]
CELL_STATUSES: tuple[CellStatus, ...] = ("waiting", "sending", "done", "failed", "stopped")


@dataclass(frozen=True)
class Cell:
    """One request of the grid."""

    index: int
    prompt: int  # indices into the spec's axes
    seed: int
    model: int
    input_set: int
    status: CellStatus
    outputs: tuple[Path, ...] = ()  # PNG files on the server
    entry_id: str | None = None  # its History entry
    error: Message | None = None  # why it failed, rendered by the UI in the reader's language
    cost_usd: float | None = None
    winner: bool = False


# paused: the run was on the user's own key when the app restarted; it needs the key again.
RunStatus = Literal["running", "stopping", "stopped", "done", "paused"]


@dataclass(frozen=True)
class RunView:
    id: str
    name: str
    spec: ExperimentSpec
    status: RunStatus
    cells: tuple[Cell, ...]
    created: float
    estimate: Estimate

    def counts(self) -> dict[str, int]:
        """How many cells are in each status (every status present, zero or not)."""
        found = dict.fromkeys(CELL_STATUSES, 0)
        for cell in self.cells:
            found[cell.status] += 1
        return found

    def label(self, cell: Cell, lang: str = "en") -> str:
        """The cell's place on the axes, e.g. "prompt 2 · seed 123 · plus · photo.jpg"."""
        return cell_label(self.spec, cell, lang)

    def axis_labels(self, cell: Cell, lang: str = "en") -> dict[str, str]:
        """Each axis's label for this cell, by axis name."""
        return axis_labels(self.spec, cell, lang)


class ExperimentRefused(EditorError):
    """The run cannot start as asked; nothing was sent. Its kind says why: an empty axis, too
    many requests for the deployment's cap, over the spending budget, or a request the editor
    would refuse (the cell's place is named, the editor's own reason follows)."""

    # The code History's failure words know for "refused before anything was sent"
    # (ui/history_view.py FAILURE_WORDS); a refused run is never in a history anyway.
    code = "BatchRefused"


class ExperimentNotFound(HistoryError):
    """No such run for this user: another user's run looks exactly like a missing one.
    A HistoryError (its code too), as for a history entry that is not the caller's."""


def draw_seeds(count: int, rng: random.Random | None = None) -> tuple[int, ...]:
    """`count` distinct seeds in the service's range, drawn at random."""
    if count < 0:
        raise ValueError("count must not be negative")
    rng = rng or random.SystemRandom()
    seeds: dict[int, None] = {}
    while len(seeds) < count:
        seeds[rng.randint(SEED_MIN, SEED_MAX)] = None
    return tuple(seeds)


def model_short(name: str) -> str:
    """A model's name as a column header: "plus", "max", "plus-2025-12-15", "2.0-pro"."""
    short = name.removeprefix("qwen-image-edit-").removeprefix("qwen-image-")
    return short if short != name else name


def axis_messages(spec: ExperimentSpec, cell: Cell) -> dict[str, Message | str]:
    """The cell's label on each axis, as Messages (model names and file names are words of
    no language): prompt, seed, model, input."""
    return {
        "prompt": Message("experiment.label.prompt", {"number": cell.prompt + 1}),
        "seed": Message("experiment.label.seed", {"seed": spec.seeds[cell.seed]}),
        "model": model_short(spec.models[cell.model]),
        "input": spec.input_sets[cell.input_set].label,
    }


def axis_labels(spec: ExperimentSpec, cell: Cell, lang: str = "en") -> dict[str, str]:
    """The cell's label on each axis, in lang: prompt, seed, model, input."""
    return {axis: render(said, lang) for axis, said in axis_messages(spec, cell).items()}


def label_message(spec: ExperimentSpec, cell: Cell) -> Message:
    """The cell's whole label as one Message (rendered in the reader's language)."""
    return Message("experiment.label.cell", axis_messages(spec, cell))


def cell_label(spec: ExperimentSpec, cell: Cell, lang: str = "en") -> str:
    """e.g. "prompt 2 · seed 123 · plus · photo.jpg"."""
    return render(label_message(spec, cell), lang)
