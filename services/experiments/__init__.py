"""Experiments: many edits at once (prompts x seeds x models x input sets), run on the server
at each model's rate, resumed after a restart, grouped in History. See service.py."""

from .layout import Grid, grid
from .service import Experiments
from .types import (
    CELL_STATUSES,
    Cell,
    CellStatus,
    Estimate,
    ExperimentNotFound,
    ExperimentRefused,
    ExperimentSpec,
    InputSet,
    ModelLoad,
    RunStatus,
    RunView,
    axis_labels,
    cell_label,
    draw_seeds,
    model_short,
)

__all__ = [
    "CELL_STATUSES",
    "Cell",
    "CellStatus",
    "Estimate",
    "ExperimentNotFound",
    "ExperimentRefused",
    "ExperimentSpec",
    "Experiments",
    "Grid",
    "InputSet",
    "ModelLoad",
    "RunStatus",
    "RunView",
    "axis_labels",
    "cell_label",
    "draw_seeds",
    "grid",
    "model_short",
]
