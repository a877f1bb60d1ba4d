"""Experiments: runs of many edits (the product of the axes) that live on the server.

`Experiments` is built once in services/container.py. A run is planned (`estimate`) before
anything is sent, stored in its own SQLite file under the data dir (store.py), and sent by
runner.py at each model's rate (every send waits on EditService's RateLimiter, per key and
model). Each cell's edit goes through EditService.edit with the user, so it is in History,
tagged with its run and cell (parameters["experiment"]).

Keys are never written to disk: after a restart (`resume_all`), a run on the operator's key
goes on by itself; a run on the user's own key waits ("paused") until they give it again.
A cell that was being sent when the process died is looked up in History (by its tag) before
it is sent again, so an edit that did land is not sent twice.
"""

from __future__ import annotations

import logging
import re
import secrets
import shutil
import threading
import time
from dataclasses import replace
from pathlib import Path

from services.config import Settings
from services.editing import EditService
from services.messages import Message, msg, verbatim
from services.types import Credentials

from . import export as exporting
from . import sheet
from .plan import (
    TYPICAL_SERVICE_S,
    blank_cells,
    check_axes,
    check_cap,
    check_cells,
    estimate_of,
)
from .runner import Active, Runner
from .store import RunStore
from .types import (
    Cell,
    Estimate,
    ExperimentNotFound,
    ExperimentRefused,
    ExperimentSpec,
    InputSet,
    RunView,
)

log = logging.getLogger(__name__)

_RUN_ID = re.compile(r"^[0-9a-f]{20}$")
DB_NAME = "experiments.sqlite3"


class Experiments:
    def __init__(
        self, settings: Settings, editor: EditService, *, service_s: float = TYPICAL_SERVICE_S
    ) -> None:
        self.settings = settings
        self.editor = editor
        self.service_s = service_s  # a typical edit's time at the service, for estimates
        self.root = settings.data_dir / "experiments"  # one folder per run: inputs, sheets, zips
        self.store = RunStore(settings.data_dir / DB_NAME)
        self._runner = Runner(editor, self.store, service_s, self._finished)
        self._active: dict[str, Active] = {}
        self._lock = threading.Lock()
        self._closed = False

    # -- planning --------------------------------------------------------------------------
    def estimate(self, spec: ExperimentSpec, *, credentials: Credentials | None = None) -> Estimate:
        """Requests, images, cost and time of the run; raises ExperimentRefused (an empty axis,
        over the cap or the budget, a cell the editor would refuse). Sends nothing. The budget
        is checked when the operator's key would pay (no credentials: assume it would)."""
        check_axes(spec)
        check_cap(spec, self.settings.max_run_requests)
        check_cells(spec)
        found = estimate_of(
            spec, self.settings.rate_limit_per_s, self.settings.rate_limit_safety, self.service_s
        )
        ledger = self._ledger(credentials)
        if ledger is not None and ledger.caps.budget_usd:
            left = max(0.0, ledger.caps.budget_usd - ledger.today(()).deployment_usd)
            if (found.cost_usd or 0.0) > left + 1e-9:
                raise ExperimentRefused(
                    msg("error.experiment.over_budget", cost=found.cost_usd, left=left),
                    msg("hint.experiment.over_budget"),
                )
        return found

    def _ledger(self, credentials: Credentials | None):
        """The spending ledger when the operator's key pays for this run, else None."""
        ledger, operator = self.editor.spending, self.settings.operator_key
        if ledger is None or operator is None or self.settings.demo:
            return None
        if credentials is not None and credentials.api_key != operator:
            return None
        return ledger

    def _check_visitor_caps(self, user: str, estimate: Estimate, credentials: Credentials) -> None:
        ledger = self._ledger(credentials)
        if ledger is None:
            return
        caps, today = ledger.caps, ledger.today((user,))
        edits_left = caps.edits_per_visitor - today.edits if caps.edits_per_visitor else None
        images_left = caps.images_per_visitor - today.images if caps.images_per_visitor else None
        if (edits_left is not None and estimate.requests > edits_left) or (
            images_left is not None and estimate.images > images_left
        ):
            raise ExperimentRefused(
                msg(
                    "error.experiment.over_caps",
                    requests=estimate.requests,
                    images=estimate.images,
                    edits_left=max(0, edits_left if edits_left is not None else estimate.requests),
                    images_left=max(0, images_left if images_left is not None else estimate.images),
                ),
                msg("hint.experiment.over_budget"),
            )

    # -- starting and reading --------------------------------------------------------------
    def start(
        self, user: str, spec: ExperimentSpec, credentials: Credentials, *, remember_key: bool
    ) -> RunView:
        """Copy the inputs into the data dir, store the run, start sending at each model's
        rate; returns at once. Keys are never written to disk whatever `remember_key` says:
        with it False or True alike, a run on the user's own key is paused by a restart
        (the UI may keep the key in the browser and give it back through `resume`)."""
        self._check_open()
        if self.editor.history is not None:
            self.editor.history.check_user(user)  # a bad id before anything is copied or sent
        spec = replace(spec, region=credentials.region)
        estimate = self.estimate(spec, credentials=credentials)
        self._check_visitor_caps(user, estimate, credentials)
        run_id = f"{time.time_ns() // 1000:x}"[-12:].rjust(12, "0") + secrets.token_hex(4)
        folder = self.root / run_id
        spec = replace(spec, input_sets=_copied(spec.input_sets, folder / "inputs"))
        cells = blank_cells(spec)
        payer = "operator" if credentials.api_key == self.settings.operator_key else "user"
        view = RunView(run_id, spec.name, spec, "running", cells, time.time(), estimate)
        try:
            self.store.create(view, user, payer)
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        self._launch(user, view, credentials, cells)
        return self.get(user, run_id)

    def get(self, user: str, run_id: str) -> RunView:
        """This user's run; ExperimentNotFound if it is not theirs (or does not exist)."""
        found = None
        if isinstance(run_id, str) and _RUN_ID.match(run_id) and isinstance(user, str) and user:
            found = self.store.get(user, run_id)
        if found is None:
            raise ExperimentNotFound(
                msg("error.experiment.not_found"), msg("hint.experiment.not_found")
            )
        return found

    def list(self, user: str) -> list[RunView]:
        """This user's runs, newest first."""
        if not isinstance(user, str) or not user:
            return []
        return self.store.list(user)

    # -- stopping and resuming -------------------------------------------------------------
    def stop(self, user: str, run_id: str) -> RunView:
        """Cancel what has not been sent; requests already sent finish and are kept. The run
        is "stopping" until they have; then "stopped"."""
        view = self.get(user, run_id)
        with self._lock:
            active = self._active.get(run_id)
            if active is not None:
                self.store.set_status(run_id, "stopping")
                active.cancel.set()
            elif view.status in ("running", "paused", "stopping"):
                self.store.set_cells_status(run_id, ("waiting", "sending"), "stopped")
                self.store.set_status(run_id, "stopped")
        return self.get(user, run_id)

    def resume(self, user: str, run_id: str, credentials: Credentials) -> RunView:
        """A paused or stopped run: send what is left (its waiting and stopped cells)."""
        self._check_open()
        view = self.get(user, run_id)
        with self._lock:
            if run_id in self._active:
                return view
        view = self._recover_sending(user, view)
        left = [c for c in view.cells if c.status in ("waiting", "stopped")]
        if not left:
            raise ExperimentRefused(msg("error.experiment.nothing_left"))
        if not all(Path(p).is_file() for s in view.spec.input_sets for p in s.images):
            raise ExperimentRefused(msg("error.experiment.inputs_gone"))
        self.store.set_cells_status(run_id, ("stopped",), "waiting")
        payer = "operator" if credentials.api_key == self.settings.operator_key else "user"
        self.store.set_payer(run_id, payer)
        self.store.set_status(run_id, "running")
        waiting = [replace(c, status="waiting") for c in left]
        self._launch(user, view, credentials, waiting)
        return self.get(user, run_id)

    def resume_all(self) -> None:
        """At start: runs left running continue on the operator's key; runs on a user's own
        key become "paused"; runs left stopping are stopped."""
        for run_id, user, payer, status in self.store.unfinished():
            with self._lock:
                if run_id in self._active:
                    continue
            try:
                view = self._recover_sending(user, self.store.get(user, run_id))
                if status == "stopping":
                    self.store.set_cells_status(run_id, ("waiting",), "stopped")
                    self._settle(run_id)
                elif payer == "operator" and self.settings.operator_key is not None:
                    credentials = self.settings.credentials(None, view.spec.region)
                    waiting = [c for c in view.cells if c.status == "waiting"]
                    self._launch(user, view, credentials, waiting)
                else:
                    self.store.set_status(run_id, "paused")
            except Exception:  # one damaged run must not keep the others (or the app) down
                log.exception("experiment %s could not be resumed", run_id)

    def _recover_sending(self, user: str, view: RunView | None) -> RunView:
        """Cells left "sending" by a process that died: done (or failed) if History has their
        edit, else waiting again."""
        assert view is not None
        for cell in view.cells:
            if cell.status != "sending":
                continue
            entry = self._entry_of(user, view, cell)
            if entry is None:
                self.store.set_cell(view.id, cell.index, "waiting")
            elif entry.status == "ok":
                self.store.set_cell(
                    view.id, cell.index, "done", outputs=entry.output_paths(),
                    entry_id=entry.id, cost_usd=entry.cost_usd,
                )  # fmt: skip
            else:
                error: Message = verbatim(entry.error_message or entry.error_code or "")
                self.store.set_cell(
                    view.id, cell.index, "failed", outputs=entry.output_paths(),
                    entry_id=entry.id, error=error,
                )  # fmt: skip
        found = self.store.get(user, view.id)
        assert found is not None
        return found

    def _entry_of(self, user: str, view: RunView, cell: Cell):
        """The History entry of this run's cell, found by its tag, or None."""
        history = self.editor.history
        if history is None:
            return None
        search = view.spec.prompts[cell.prompt][:40]
        offset, page = 0, 200
        while True:
            entries = history.list(user, search=search, limit=page, offset=offset)
            for entry in entries:
                tag = entry.parameters.get("experiment") or {}
                if tag.get("run") == view.id and tag.get("cell") == cell.index:
                    return entry
            if len(entries) < page:
                return None
            offset += page

    # -- the runner ------------------------------------------------------------------------
    def _launch(
        self, user: str, view: RunView, credentials: Credentials, cells: list[Cell] | tuple
    ) -> None:
        active = Active(view.id, user, view.name, view.spec, credentials)
        with self._lock:
            self._active[view.id] = active
        self.store.set_status(view.id, "running")
        self._runner.launch(active, [c for c in cells if c.status == "waiting"])

    def _finished(self, active: Active) -> None:
        """Every cell the runner had has ended: the run is done, or stopped."""
        with self._lock:
            if self._active.get(active.run_id) is active:
                del self._active[active.run_id]
            if active.closing:
                return  # left "running": resume_all continues it after the restart
            if active.cancel.is_set():
                self.store.set_cells_status(active.run_id, ("waiting",), "stopped")
            self._settle(active.run_id)
        for pool in active.pools:
            pool.shutdown(wait=False)

    def _settle(self, run_id: str) -> None:
        owner = self.store.owner(run_id)
        view = self.store.get(owner[0], run_id) if owner else None
        if view is None:
            return
        statuses = {c.status for c in view.cells}
        if statuses & {"waiting", "sending"}:
            return
        self.store.set_status(run_id, "stopped" if "stopped" in statuses else "done")

    # -- winners, the contact sheet, the export --------------------------------------------
    def set_winner(self, user: str, run_id: str, cell: int, winner: bool) -> RunView:
        view = self.get(user, run_id)
        if not isinstance(cell, int) or not 0 <= cell < len(view.cells):
            raise ExperimentNotFound(msg("error.experiment.no_cell", number=cell))
        self.store.set_winner(run_id, cell, bool(winner))
        return self.get(user, run_id)

    def contact_sheet(self, user: str, run_id: str, lang: str = "en") -> Path:
        """A labelled PNG of the grid: rows and columns named by the axes, in lang."""
        view = self.get(user, run_id)
        return sheet.write_sheet(view, lang, self.root / view.id)

    def export(self, user: str, run_id: str, lang: str = "en") -> Path:
        """A zip: every output named by its labels, the contact sheet, manifest.json."""
        view = self.get(user, run_id)
        return exporting.write_zip(view, lang, self.root / view.id)

    # -- lifetime --------------------------------------------------------------------------
    def close(self) -> None:
        """Stop sending: cells not yet sent stay "waiting" (a restart's resume_all continues
        them); edits already sent are waited for, so their results are recorded."""
        with self._lock:
            self._closed = True
            actives = list(self._active.values())
            for active in actives:
                active.closing = True
                active.cancel.set()
        for active in actives:
            for pool in list(active.pools):
                pool.shutdown(wait=True)
        self.store.close()

    def _check_open(self) -> None:
        if self._closed:
            raise ExperimentRefused(msg("error.experiment.closed"))


def _copied(sets: tuple[InputSet, ...], folder: Path) -> tuple[InputSet, ...]:
    """The input sets with their images copied into the run's folder: Gradio's cache, where
    uploads live, may be cleared before the run ends (or before a restart resumes it)."""
    folder.mkdir(parents=True, exist_ok=True)
    copied = []
    for k, one in enumerate(sets, 1):
        paths = []
        for j, image in enumerate(one.images, 1):
            source = Path(image)
            target = folder / f"{k:03d}-{j}{source.suffix.lower()[:8]}"
            shutil.copyfile(source, target)
            paths.append(target)
        copied.append(InputSet(tuple(paths), one.label))
    return tuple(copied)
