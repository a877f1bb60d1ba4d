"""The grid a run is shown as: one axis across (the columns), the others down (the rows).

Across: seeds when there are several, else models, else instructions, else input images (the
first of them that varies). Down: the product of the other axes, labelled by those that vary.
The contact sheet and the export use this; the tab may too.
"""

from __future__ import annotations

from dataclasses import dataclass

from services.messages import Message, render

from .types import Cell, RunView, axis_messages

AXES = ("input", "prompt", "model", "seed")  # cell order: input sets outermost, seeds innermost
_INDEX = {"input": "input_set", "prompt": "prompt", "model": "model", "seed": "seed"}


@dataclass(frozen=True)
class Grid:
    column_axis: str
    columns: tuple[Message | str, ...]  # each column's header
    rows: tuple[Message | str, ...]  # each row's header
    cells: tuple[tuple[Cell | None, ...], ...]  # rows x columns
    # The instruction itself under a header that names it ("prompt 2"), else "".
    column_notes: tuple[str, ...] = ()
    row_notes: tuple[str, ...] = ()

    def header(self, said: Message | str, lang: str) -> str:
        return render(said, lang) if isinstance(said, Message) else said


def _lengths(view: RunView) -> dict[str, int]:
    prompts, seeds, models, sets = view.spec.axes()
    return {"input": sets, "prompt": prompts, "model": models, "seed": seeds}


def grid(view: RunView) -> Grid:
    lengths = _lengths(view)
    across = next((a for a in ("seed", "model", "prompt") if lengths[a] > 1), "input")
    down = [a for a in AXES if a != across]
    varying = [a for a in down if lengths[a] > 1] or ["prompt"]
    columns: dict[int, Message | str] = {}
    rows: dict[tuple[int, ...], Message | str] = {}
    placed: dict[tuple[tuple[int, ...], int], Cell] = {}
    column_notes: dict[int, str] = {}
    row_notes: dict[tuple[int, ...], str] = {}
    prompt_of = view.spec.prompts
    for cell in view.cells:
        said = axis_messages(view.spec, cell)
        col = getattr(cell, _INDEX[across])
        row = tuple(getattr(cell, _INDEX[a]) for a in down)
        columns.setdefault(col, said[across])
        column_notes.setdefault(col, prompt_of[cell.prompt] if across == "prompt" else "")
        if row not in rows:
            parts = [said[a] for a in varying]
            rows[row] = parts[0] if len(parts) == 1 else _joined(parts)
            row_notes[row] = prompt_of[cell.prompt] if "prompt" in varying else ""
        placed[(row, col)] = cell
    col_keys = sorted(columns)
    return Grid(
        across,
        tuple(columns[c] for c in col_keys),
        tuple(rows.values()),
        tuple(tuple(placed.get((r, c)) for c in col_keys) for r in rows),
        tuple(column_notes[c] for c in col_keys),
        tuple(row_notes.values()),
    )


def _joined(parts: list[Message | str]) -> Message:
    """Labels one after another, " · " between them (the same in every language)."""
    said: Message | str = parts[0]
    for part in parts[1:]:
        said = Message("experiment.label.pair", {"first": said, "second": part})
    assert isinstance(said, Message)
    return said
