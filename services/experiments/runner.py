"""Sending a run's cells: one small thread pool per model, paced at the model's rate.

Every send waits on EditService's RateLimiter (per key and model), which is what keeps the
key under its limit. In front of it, a pace per model lets a cell into EditService.edit only
shortly before its slot: so Stop finds almost every cell still here (never sent, nothing in
History) rather than queued inside the limiter, and "sending" means about to be sent.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from services.editing import EditService
from services.errors import CancelledError, EditorError
from services.messages import msg
from services.types import Credentials

from .plan import in_flight, rate_of, request_for
from .store import RunStore
from .types import Cell, ExperimentSpec, axis_labels

log = logging.getLogger(__name__)

# How early a cell may enter EditService.edit before its slot, at most: time to prepare its
# images, so that the limiter, not this pace, sets the exact send times.
LEAD_S = 2.0


class Pace:
    """The times one model's cells may go, spaced like the limiter spaces their sends."""

    def __init__(self, interval: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.interval = interval
        # At least a second early: a prepare slowed by a busy machine must not make a cell
        # miss its slot (the limiter would then start its schedule again from the late send).
        self.lead = min(max(interval, 1.0), LEAD_S)
        self._clock = clock
        self._next = 0.0
        self._lock = threading.Lock()

    def wait(self, cancelled: Callable[[], bool]) -> bool:
        """Block until this cell's turn; False if cancelled first."""
        with self._lock:
            now = self._clock()
            turn = max(now, self._next)
            self._next = turn + self.interval
        while not cancelled():
            left = turn - self.lead - self._clock()
            if left <= 0:
                return True
            time.sleep(min(0.1, left))
        return False


@dataclass
class Active:
    """A run being sent in this process."""

    run_id: str
    user: str
    name: str
    spec: ExperimentSpec
    credentials: Credentials
    cancel: threading.Event = field(default_factory=threading.Event)
    closing: bool = False  # the app is stopping: unsent cells stay "waiting" for resume_all
    pools: list[ThreadPoolExecutor] = field(default_factory=list)
    left: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)


def group_of(active: Active, cell: Cell) -> dict[str, object]:
    """What History keeps of the cell's place (EditService.edit's `group`)."""
    return {
        "run": active.run_id,
        "name": active.name,
        "cell": cell.index,
        "axes": axis_labels(active.spec, cell),
    }


class Runner:
    def __init__(
        self,
        editor: EditService,
        store: RunStore,
        service_s: float,
        on_finished: Callable[[Active], None],
    ) -> None:
        self.editor = editor
        self.store = store
        self.service_s = service_s
        self._on_finished = on_finished

    def launch(self, active: Active, cells: Sequence[Cell]) -> None:
        """Send these cells (waiting ones), each model in its own pool at its own pace."""
        settings = self.editor.settings
        by_model: dict[int, list[Cell]] = {}
        for cell in cells:
            by_model.setdefault(cell.model, []).append(cell)
        active.left = len(cells)
        if not cells:
            self._on_finished(active)
            return
        for model_index, todo in sorted(by_model.items()):
            model = active.spec.models[model_index]
            override = settings.rate_limit_per_s
            pace = Pace((1.0 + settings.rate_limit_safety) / rate_of(model, override))
            workers = in_flight(model, override, len(todo), self.service_s)
            pool = ThreadPoolExecutor(workers, thread_name_prefix=f"experiment-{model_index}")
            active.pools.append(pool)
            for cell in todo:
                pool.submit(self._one, active, pace, cell)

    def _one(self, active: Active, pace: Pace, cell: Cell) -> None:
        try:
            self._send(active, pace, cell)
        except Exception:  # the store itself failed (closed at shutdown...): nothing to mark
            log.exception("experiment %s: cell %d could not be recorded", active.run_id, cell.index)
        finally:
            with active.lock:
                active.left -= 1
                last = active.left == 0
            if last:
                self._on_finished(active)

    def _kept(self, user: str, entry_id: str | None) -> list:
        """The outputs a failed edit's History entry kept (a download that half failed)."""
        history = self.editor.history
        if history is None or not entry_id:
            return []
        try:
            return history.get(user, entry_id).output_paths()
        except EditorError:
            return []

    def _unsent(self, active: Active, cell: Cell) -> None:
        """A cell that was not sent: stopped by the user, or left waiting for resume_all."""
        if not active.closing:
            self.store.set_cell(active.run_id, cell.index, "stopped")

    def _send(self, active: Active, pace: Pace, cell: Cell) -> None:
        cancelled = active.cancel.is_set
        if cancelled() or not pace.wait(cancelled):
            self._unsent(active, cell)
            return
        self.store.set_cell(active.run_id, cell.index, "sending")
        try:
            result = self.editor.edit(
                request_for(active.spec, cell),
                active.credentials,
                user=active.user,
                cancelled=cancelled,
                visitor=(active.user,),
                group=group_of(active, cell),
            )
        except CancelledError:
            # Stopped while waiting for its slot: not sent. (Its History entry, if EditService
            # wrote one, says so.)
            if active.closing:
                self.store.set_cell(active.run_id, cell.index, "waiting")
            else:
                self.store.set_cell(active.run_id, cell.index, "stopped")
        except EditorError as exc:
            entry_id = getattr(exc, "entry_id", None)
            self.store.set_cell(
                active.run_id,
                cell.index,
                "failed",
                outputs=self._kept(active.user, entry_id),  # what arrived, if any
                entry_id=entry_id,
                error=exc.said(),  # message, hint and request id, scrubbed
            )
        except Exception as exc:  # a bug: this cell fails, the run goes on
            log.exception("experiment %s: cell %d failed", active.run_id, cell.index)
            self.store.set_cell(
                active.run_id,
                cell.index,
                "failed",
                error=msg("error.experiment.unexpected", detail=type(exc).__name__),
            )
        else:
            self.store.set_cell(
                active.run_id,
                cell.index,
                "done",
                outputs=result.images,
                entry_id=result.entry_id,
                cost_usd=result.cost.usd,
            )
