"""The runs' state in SQLite (data_dir/experiments.sqlite3, WAL): one row per run and one per
cell, every row keyed by its user. Keys are never stored: only whose key pays ("operator" or
"user"), which decides whether a restart resumes the run by itself or pauses it."""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from services.messages import Message, Translatable
from services.types import Size

from .types import Cell, Estimate, ExperimentSpec, InputSet, ModelLoad, RunView

_SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    id TEXT PRIMARY KEY,
    user TEXT NOT NULL,
    name TEXT NOT NULL,
    created REAL NOT NULL,
    status TEXT NOT NULL,
    payer TEXT NOT NULL CHECK (payer IN ('operator', 'user')),
    spec TEXT NOT NULL,
    estimate TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS runs_by_user ON runs (user, created DESC);
CREATE TABLE IF NOT EXISTS cells (
    run TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    prompt INTEGER NOT NULL,
    seed INTEGER NOT NULL,
    model INTEGER NOT NULL,
    input_set INTEGER NOT NULL,
    status TEXT NOT NULL,
    outputs TEXT NOT NULL DEFAULT '[]',
    entry_id TEXT,
    error TEXT,
    cost_usd REAL,
    winner INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (run, idx)
);
"""


class RunStore:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        # One connection shared under a lock: writes are a few small rows per result.
        self._db = sqlite3.connect(path, timeout=30, isolation_level=None, check_same_thread=False)
        self._db.row_factory = sqlite3.Row
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA foreign_keys=ON")
        self._db.executescript(_SCHEMA)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    # -- writing ---------------------------------------------------------------------------
    def create(self, run: RunView, user: str, payer: str) -> None:
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                self._db.execute(
                    "INSERT INTO runs VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (run.id, user, run.name, run.created, run.status, payer,
                     json.dumps(spec_json(run.spec)), json.dumps(estimate_json(run.estimate))),
                )  # fmt: skip
                self._db.executemany(
                    "INSERT INTO cells (run, idx, prompt, seed, model, input_set, status) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [(run.id, c.index, c.prompt, c.seed, c.model, c.input_set, c.status)
                     for c in run.cells],
                )  # fmt: skip
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise

    def set_status(self, run_id: str, status: str) -> None:
        with self._lock:
            self._db.execute("UPDATE runs SET status = ? WHERE id = ?", (status, run_id))

    def set_cell(
        self,
        run_id: str,
        index: int,
        status: str,
        *,
        outputs: Iterable[Path] = (),
        entry_id: str | None = None,
        error: Message | None = None,
        cost_usd: float | None = None,
    ) -> None:
        with self._lock:
            self._db.execute(
                "UPDATE cells SET status = ?, outputs = ?, entry_id = ?, error = ?, cost_usd = ? "
                "WHERE run = ? AND idx = ?",
                (status, json.dumps([str(p) for p in outputs]), entry_id,
                 None if error is None else json.dumps(message_json(error)), cost_usd,
                 run_id, index),
            )  # fmt: skip

    def set_cells_status(self, run_id: str, old: Iterable[str], new: str) -> None:
        old = tuple(old)
        marks = ", ".join("?" * len(old))
        with self._lock:
            self._db.execute(
                f"UPDATE cells SET status = ? WHERE run = ? AND status IN ({marks})",
                (new, run_id, *old),
            )

    def set_payer(self, run_id: str, payer: str) -> None:
        with self._lock:
            self._db.execute("UPDATE runs SET payer = ? WHERE id = ?", (payer, run_id))

    def set_winner(self, run_id: str, index: int, winner: bool) -> None:
        with self._lock:
            self._db.execute(
                "UPDATE cells SET winner = ? WHERE run = ? AND idx = ?",
                (int(winner), run_id, index),
            )

    # -- reading ---------------------------------------------------------------------------
    def owner(self, run_id: str) -> tuple[str, str] | None:
        """(user, payer) of a run, or None."""
        with self._lock:
            row = self._db.execute(
                "SELECT user, payer FROM runs WHERE id = ?", (run_id,)
            ).fetchone()
        return None if row is None else (row["user"], row["payer"])

    def get(self, user: str, run_id: str) -> RunView | None:
        with self._lock:
            row = self._db.execute(
                "SELECT * FROM runs WHERE id = ? AND user = ?", (run_id, user)
            ).fetchone()
            cells = self._cells(run_id) if row else []
        return None if row is None else _view(row, cells)

    def list(self, user: str) -> list[RunView]:
        with self._lock:
            rows = self._db.execute(
                "SELECT * FROM runs WHERE user = ? ORDER BY created DESC, id DESC", (user,)
            ).fetchall()
            return [_view(row, self._cells(row["id"])) for row in rows]

    def unfinished(self) -> list[tuple[str, str, str, str]]:
        """(run id, user, payer, status) of every run left running or stopping."""
        with self._lock:
            rows = self._db.execute(
                "SELECT id, user, payer, status FROM runs WHERE status IN ('running', 'stopping') "
                "ORDER BY created"
            ).fetchall()
        return [(r["id"], r["user"], r["payer"], r["status"]) for r in rows]

    def _cells(self, run_id: str) -> list[sqlite3.Row]:
        return self._db.execute(
            "SELECT * FROM cells WHERE run = ? ORDER BY idx", (run_id,)
        ).fetchall()


def _view(row: sqlite3.Row, cells: list[sqlite3.Row]) -> RunView:
    return RunView(
        id=row["id"],
        name=row["name"],
        spec=spec_of(json.loads(row["spec"])),
        status=row["status"],
        cells=tuple(
            Cell(
                index=c["idx"],
                prompt=c["prompt"],
                seed=c["seed"],
                model=c["model"],
                input_set=c["input_set"],
                status=c["status"],
                outputs=tuple(Path(p) for p in json.loads(c["outputs"])),
                entry_id=c["entry_id"],
                error=None if c["error"] is None else message_of(json.loads(c["error"])),
                cost_usd=c["cost_usd"],
                winner=bool(c["winner"]),
            )
            for c in cells
        ),
        created=row["created"],
        estimate=estimate_of_json(json.loads(row["estimate"])),
    )


# -- JSON forms ----------------------------------------------------------------------------


def spec_json(spec: ExperimentSpec) -> dict[str, Any]:
    return {
        "prompts": list(spec.prompts),
        "seeds": list(spec.seeds),
        "models": list(spec.models),
        "input_sets": [
            {"images": [str(p) for p in s.images], "label": s.label} for s in spec.input_sets
        ],
        "negative_prompt": spec.negative_prompt,
        "n": spec.n,
        "size": None if spec.size is None else [spec.size.width, spec.size.height],
        "prompt_extend": spec.prompt_extend,
        "watermark": spec.watermark,
        "region": spec.region,
        "name": spec.name,
    }


def spec_of(data: dict[str, Any]) -> ExperimentSpec:
    size = data.get("size")
    return ExperimentSpec(
        prompts=tuple(data["prompts"]),
        seeds=tuple(int(s) for s in data["seeds"]),
        models=tuple(data["models"]),
        input_sets=tuple(
            InputSet(tuple(Path(p) for p in s["images"]), s["label"]) for s in data["input_sets"]
        ),
        negative_prompt=data.get("negative_prompt", ""),
        n=int(data.get("n", 1)),
        size=None if size is None else Size(int(size[0]), int(size[1])),
        prompt_extend=data.get("prompt_extend"),
        watermark=bool(data.get("watermark", False)),
        region=data.get("region", "singapore"),
        name=data.get("name", ""),
    )


def estimate_json(estimate: Estimate) -> dict[str, Any]:
    return {
        "requests": estimate.requests,
        "images": estimate.images,
        "cost_usd": estimate.cost_usd,
        "seconds": estimate.seconds,
        "per_model": [
            {
                "model": m.model,
                "requests": m.requests,
                "images": m.images,
                "cost_usd": m.cost_usd,
                "seconds": m.seconds,
            }
            for m in estimate.per_model
        ],  # fmt: skip
    }


def estimate_of_json(data: dict[str, Any]) -> Estimate:
    return Estimate(
        requests=data["requests"],
        images=data["images"],
        cost_usd=data["cost_usd"],
        seconds=data["seconds"],
        per_model=tuple(ModelLoad(**m) for m in data["per_model"]),
    )


def message_json(message: Message) -> dict[str, Any]:
    """A Message as JSON, parameters that are Messages included (at any depth)."""
    return {"key": message.key, "params": {k: _param(v) for k, v in message.params.items()}}


def _param(value: object) -> object:
    if isinstance(value, Translatable):
        value = value.message
    if isinstance(value, Message):
        return {"$message": message_json(value)}
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


def message_of(data: dict[str, Any]) -> Message:
    params = {}
    for name, value in data.get("params", {}).items():
        if isinstance(value, dict) and "$message" in value:
            value = message_of(value["$message"])
        params[name] = value
    return Message(data["key"], params)


def now() -> float:
    return time.time()
