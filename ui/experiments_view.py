"""The Experiments tab's words and grid, without gradio: the estimate, the progress line, the
grid's order and captions, a run's name in the list, and the History line of a run's edit.

Captions and dropdown labels are text (ui.text.plain); Markdown lines escape every value that
came from a person (a run's name, an instruction) through ui.text.markdown."""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import TYPE_CHECKING

from services.messages import DEFAULT_LANGUAGE, render
from services.messages import text as said
from services.models import MODELS
from ui import text

if TYPE_CHECKING:  # History's details import this module: no engine import at run time
    from services.experiments import Cell, Estimate, RunView

WINNER_MARK = "★ "
# The axes in the order they are laid out: the first one that varies names the rows, the
# rest (in this order) the columns.
AXES = ("prompt", "input_set", "model", "seed")
_AXIS_WORDS = {
    "prompt": "experiment.axis.prompts",
    "input_set": "experiment.axis.input_sets",
    "model": "experiment.axis.models",
    "seed": "experiment.axis.seeds",
}
MAX_COLUMNS = 6  # wider grids wrap: a tile must stay big enough to judge at 1440 px
ACTIVE = ("running", "stopping")  # a run still changing: the tab polls it


def duration(seconds: float, lang: str = DEFAULT_LANGUAGE) -> str:
    s = max(0, round(seconds))
    if s < 60:
        return said("exptab.duration.s", lang, s=s)
    if s < 3600:
        return said("exptab.duration.m", lang, m=s // 60, s=s % 60)
    return said("exptab.duration.h", lang, h=s // 3600, m=(s % 3600) // 60)


def cost(usd: float | None, lang: str = DEFAULT_LANGUAGE) -> str:
    if usd is None:
        return said("exptab.cost_unknown", lang)
    return said("exptab.cost", lang, usd=usd)


def rate(model: str, lang: str = DEFAULT_LANGUAGE) -> str:
    spec = MODELS.get(model)
    return render(spec.rate_text().message, lang) if spec else ""


def estimate_text(est: Estimate, lang: str = DEFAULT_LANGUAGE) -> str:
    """The line before a run: requests, images, cost and time, then one line per model with
    its rate limit (Max allows 2 requests a minute: that sets the time of a run with it)."""
    head = said(
        "exptab.estimate",
        lang,
        requests=est.requests,
        images=est.images,
        cost=text.markdown(cost(est.cost_usd, lang)),
        duration=text.markdown(duration(est.seconds, lang)),
    )
    models = []
    for load in est.per_model:
        line = said(
            "exptab.per_model",
            lang,
            model=MODELS[load.model].label if load.model in MODELS else load.model,
            requests=load.requests,
            cost=cost(load.cost_usd, lang),
            rate=rate(load.model, lang),
            duration=duration(load.seconds, lang),
        )
        models.append("- " + text.markdown(line))
    confirm = text.markdown(said("exptab.confirm", lang, requests=est.requests))
    return "\n\n".join(part for part in (head, "\n".join(models), confirm) if part)


def progress_text(run: RunView, lang: str = DEFAULT_LANGUAGE) -> str:
    counts = run.counts()
    left = counts["waiting"] + counts["sending"]
    return said(
        "exptab.progress",
        lang,
        state=text.markdown(said(f"exptab.state.{run.status}", lang)),
        done=counts["done"],
        total=len(run.cells),
        failed=counts["failed"],
        left=left,
    )


def _axis_index(cell: Cell, axis: str) -> int:
    return getattr(cell, axis)


def layout(run: RunView) -> tuple[list[str], list[str]]:
    """(row axes, column axes): the axes with more than one value; the first names the rows
    when two or more vary, else the single varying axis runs along the columns."""
    sizes = {
        "prompt": len(run.spec.prompts),
        "input_set": len(run.spec.input_sets),
        "model": len(run.spec.models),
        "seed": len(run.spec.seeds),
    }
    varying = [a for a in AXES if sizes[a] > 1]
    if len(varying) < 2:
        return [], varying
    return varying[:1], varying[1:]


def ordered(run: RunView) -> list[Cell]:
    """The cells row by row: by the row axis, then the column axes in AXES order."""
    rows, columns = layout(run)
    order = rows + columns + [a for a in AXES if a not in rows + columns]
    return sorted(run.cells, key=lambda c: tuple(_axis_index(c, a) for a in order))


def columns(run: RunView) -> int:
    rows, cols = layout(run)
    sizes = {
        "prompt": len(run.spec.prompts),
        "input_set": len(run.spec.input_sets),
        "model": len(run.spec.models),
        "seed": len(run.spec.seeds),
    }
    count = 1
    for axis in cols:
        count *= sizes[axis]
    return max(1, min(count, MAX_COLUMNS))


def axes_line(run: RunView, lang: str = DEFAULT_LANGUAGE) -> str:
    """'Rows: instructions · Columns: seeds' above the grid."""
    rows, cols = layout(run)

    def names(axes: list[str]) -> str:
        return " × ".join(said(_AXIS_WORDS[a], lang) for a in axes)

    if rows:
        return said("exptab.axes", lang, rows=names(rows), columns=names(cols))
    if cols:
        return said("exptab.axes.one", lang, columns=names(cols))
    return said("exptab.axes.single", lang)


def cell_state(cell: Cell, lang: str = DEFAULT_LANGUAGE) -> str:
    """A cell's status in words ('' when done)."""
    if cell.status == "done":
        return ""
    return said(f"exptab.cell.{cell.status}", lang)


def caption(run: RunView, cell: Cell, lang: str = DEFAULT_LANGUAGE) -> str:
    """A tile's caption: '★ ' on a winner, its place on the axes, and its status unless done.
    The labels are the axes' values ('prompt 2 · seed 123 · plus · photo.jpg')."""
    rows, cols = layout(run)
    named = {"prompt": "prompt", "input_set": "input", "model": "model", "seed": "seed"}
    labels = run.axis_labels(cell, lang)
    # Only the axes that vary tell the tiles apart (a tile is narrow); the rest are the same
    # for all, and the chosen tile's line below the grid says them in full.
    shown = [labels[named[a]] for a in rows + cols] or list(labels.values())
    label = text.plain(" · ".join(shown), one_line=True)
    state = cell_state(cell, lang)
    head = WINNER_MARK if cell.winner else ""
    return f"{head}{label}" + (f" · {state}" if state else "")


def cell_choices(run: RunView, lang: str = DEFAULT_LANGUAGE) -> list[tuple[str, int]]:
    """The cells with an image, for the two Compare dropdowns: (label, cell index)."""
    return [
        (text.plain(run.label(c, lang), one_line=True), c.index) for c in ordered(run) if c.outputs
    ]


def run_name(run: RunView) -> str:
    """The run's name, else its first instruction (cut), which is how a person remembers it."""
    if run.name:
        return run.name
    first = text.plain(run.spec.prompts[0], one_line=True) if run.spec.prompts else run.id
    return first if len(first) <= 40 else first[:39] + "…"


def run_choice(run: RunView, lang: str = DEFAULT_LANGUAGE) -> tuple[str, str]:
    """A run in the 'Your runs' list: (its name, date, done/total; the run's id)."""
    counts = run.counts()
    stamp = time.strftime("%m-%d %H:%M", time.localtime(run.created))
    label = said(
        "exptab.run_choice",
        lang,
        name=run_name(run),
        when=stamp,
        done=counts["done"],
        total=len(run.cells),
    )
    return text.plain(label, one_line=True), run.id


def selected_text(run: RunView, cell: Cell, lang: str = DEFAULT_LANGUAGE) -> str:
    """The chosen tile under the grid: its labels and status, and why it failed."""
    state = cell_state(cell, lang) or said("exptab.state.done", lang)
    if cell.winner:
        state = WINNER_MARK + state
    line = said(
        "exptab.selected",
        lang,
        label=text.markdown(run.label(cell, lang)),
        state=text.markdown(state),
    )
    prompt = run.spec.prompts[cell.prompt]
    line += f"\n\n> {text.markdown(prompt)}"
    if cell.error is not None:
        reason = render(cell.error, lang)
        line += "\n\n" + text.markdown(said("exptab.cell.reason", lang, reason=reason))
    return line


def search_term(run_id: str) -> str:
    """What History's search box takes to show one run's edits (ui/history_browse.Filters)."""
    return f"run:{run_id}"


def history_lines(parameters: Mapping, lang: str = DEFAULT_LANGUAGE) -> list[str]:
    """The History details' line for an edit made by a run (parameters["experiment"], set by
    services/experiments): the run's name, how to narrow History to it, and the edit's place
    on the axes. Nothing for other edits, or for a value that is not what the service writes
    (a manifest read back is not trusted)."""
    group = parameters.get("experiment") if isinstance(parameters, Mapping) else None
    if not isinstance(group, Mapping) or not isinstance(group.get("run"), str):
        return []
    axes = group.get("axes")
    values = [str(v) for v in axes.values()] if isinstance(axes, Mapping) else []
    cell = group.get("cell")
    line = said(
        "exptab.history",
        lang,
        name=text.markdown(group.get("name") or group["run"]),
        search=text.code(search_term(group["run"])),
        cell=int(cell) + 1 if isinstance(cell, int) and not isinstance(cell, bool) else "?",
        axes=text.markdown(" · ".join(values)),
    )
    return [line]


def history_run(search: str) -> tuple[str | None, str]:
    """History's search box split into a run filter ('run:<id>') and the rest of the text."""
    words = (search or "").split()
    run = next((w[4:] for w in words if w.startswith("run:") and len(w) > 4), None)
    rest = " ".join(w for w in words if not (w.startswith("run:") and len(w) > 4))
    return run, rest


def in_run(entry, run_id: str) -> bool:
    """Was this History entry made by the run `run_id` (its parameters["experiment"] tag)?"""
    group = entry.parameters.get("experiment") if isinstance(entry.parameters, Mapping) else None
    return isinstance(group, Mapping) and group.get("run") == run_id
