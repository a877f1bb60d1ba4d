"""The Experiments tab's events: estimate, confirm and start, poll the running run, and act on
one result (winner, compare, send to the editor, History, downloads).

The run lives on the server (services.experiments, per history user id); this session keeps
only which run it shows and what it last drew (a `Viewer` in gr.State), so a reload or a
second tab finds the same run, still running."""

from __future__ import annotations

import functools
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

import gradio as gr

from services.container import Services
from services.errors import EditorError
from services.experiments import Cell, ExperimentSpec, RunView
from services.messages import CATALOGUES
from services.messages import text as said
from ui import experiments_view as view
from ui.edit_panel import EditorControls
from ui.experiments_form import ExperimentForm
from ui.files import publish
from ui.handlers import user_error
from ui.i18n import language_of, live
from ui.wiring import FAST

if TYPE_CHECKING:
    from ui.experiments_tab import ExperimentControls
    from ui.history_panel import HistoryControls

PLACEHOLDER = Path(__file__).resolve().parent.parent / "assets" / "no-output.png"
TAB_NAMES = {words["ui.tab.experiments"] for words in CATALOGUES.values()}
QUIET = {**FAST, "show_progress": "hidden"}  # a poll must not dim the grid every second


class Viewer:
    """One session's view of its runs: the run shown, the spec waiting for confirmation, what
    the grid last showed, and cached copies of the images. A deep copy (Gradio's per-session
    copy of a State's default) is a new, empty Viewer."""

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.run_id: str | None = None
        self.pending: ExperimentSpec | None = None  # estimated, not yet confirmed
        self.estimated: str = ""  # the setup's values when it was estimated (see forget)
        self.drawn: tuple = ()  # the grid's last signature: unchanged grids are not resent
        self.order: list[int] = []  # cell index of each tile, in the grid's order
        self.selected: int | None = None  # the chosen cell's index
        self.previewing = False  # a result is enlarged: a redraw keeps it open on that cell
        self.published: dict[str, str] = {}  # server path -> Gradio cache copy

    def __deepcopy__(self, memo: dict) -> Viewer:
        return Viewer()

    def show(self, run_id: str | None) -> None:
        with self.lock:
            if run_id != self.run_id:
                self.run_id, self.drawn, self.order, self.selected = run_id, (), [], None

    def publish(self, path: Path) -> str:
        key = str(path)
        with self.lock:
            found = self.published.get(key)
        if found is None:
            found = publish(path)
            with self.lock:
                self.published[key] = found
        return found


def refused(exc: EditorError, lang: str) -> gr.Error:
    return user_error(exc, "experiment", title=said("exptab.title.refused", lang), lang=lang)


def guarded(fn):
    """An EditorError from a handler becomes its toast, in the reader's language (the handler's
    gr.Request, among its arguments, says which)."""

    @functools.wraps(fn)
    def inner(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except EditorError as exc:
            request = next((a for a in args if isinstance(a, gr.Request)), None)
            lang = language_of(request or kwargs.get("request"))
            raise user_error(exc, fn.__name__, lang=lang) from None

    return inner


def wire_experiments(
    services: Services,
    x: ExperimentControls,
    c: EditorControls,
    h: HistoryControls,
    user: gr.State,
    tabs: gr.Tabs,
    tab: gr.Tab,
    ask_key: bool,
    rewrite: gr.Button | None = None,
) -> None:
    viewer = gr.State(Viewer())
    setup = x.setup()

    def runs_of(uid: str) -> list[RunView]:
        return services.experiments.list(uid) if uid else []

    def drawn(run: RunView | None, v: Viewer, lang: str, force: bool = False) -> dict:
        """Every output that shows the run: the grid only when it changed since last drawn."""
        if run is None:
            return {
                x.progress: live("ui.exp.nothing_yet"),
                x.axes: "",
                x.grid: gr.update(value=[]),
                x.stop: gr.update(interactive=False),
                x.resume: gr.update(visible=False),
                x.timer: gr.Timer(active=False),
            }
        active = run.status in view.ACTIVE
        counts = run.counts()
        out: dict[Any, Any] = {
            x.progress: view.progress_text(run, lang),
            x.axes: view.axes_line(run, lang),
            x.stop: gr.update(interactive=run.status == "running"),
            x.resume: gr.update(
                visible=run.status in ("paused", "stopped")
                and bool(counts["waiting"] + counts["stopped"])
            ),
            x.timer: gr.Timer(active=active),
        }
        signature = (run.id, lang, tuple((k.status, k.winner, k.outputs) for k in run.cells))
        with v.lock:
            if signature == v.drawn and not force:
                return out
            v.drawn = signature
            cells = view.ordered(run)
            v.order = [k.index for k in cells]
        tiles = [
            (v.publish(k.outputs[0] if k.outputs else PLACEHOLDER), view.caption(run, k, lang))
            for k in cells
        ]
        # A new value closes Gradio's preview: reopened on the same cell, so a result being
        # looked at does not vanish each time another one arrives.
        keep = {}
        if v.previewing and v.selected in v.order:
            keep["selected_index"] = v.order.index(v.selected)
        out[x.grid] = gr.update(value=tiles, columns=view.columns(run), **keep)
        pairs = view.cell_choices(run, lang)
        out[x.compare_a] = gr.update(choices=pairs)
        out[x.compare_b] = gr.update(choices=pairs)
        return out

    shown = [x.progress, x.axes, x.grid, x.stop, x.resume, x.timer, x.compare_a, x.compare_b]

    def current(uid: str, v: Viewer, lang: str) -> RunView:
        if not v.run_id:
            raise gr.Error(said("exptab.toast.no_run", lang))
        return services.experiments.get(uid, v.run_id)

    def run_list(uid: str, v: Viewer, lang: str) -> dict:
        return gr.update(choices=[view.run_choice(r, lang) for r in runs_of(uid)], value=v.run_id)

    # -- setup, estimate, confirm, start --------------------------------------------------
    def estimate(values: dict, request: gr.Request):
        lang = language_of(request)
        fields = {name: values[box] for name, box in setup.items()}
        form = ExperimentForm(
            **{**fields, "photos": [str(p) for p in fields["photos"] or []]},
            editor_images=[values[i] for i in c.images],
            region=values[c.region],
        )
        v: Viewer = values[viewer]
        try:
            spec = form.to_spec(lang)
            found = services.experiments.estimate(spec)
        except EditorError as exc:
            with v.lock:
                v.pending = None
            raise refused(exc, lang) from None
        with v.lock:
            v.pending, v.estimated = spec, snapshot(values)
        return {
            x.estimate_text: view.estimate_text(found, lang),
            x.confirm_box: gr.update(visible=True),
        }

    estimate_inputs = {*setup.values(), *c.images, c.region, viewer}
    x.estimate.click(
        estimate,
        estimate_inputs,
        [x.estimate_text, x.confirm_box],
        **FAST,
    )

    def snapshot(values: dict) -> str:
        return repr([values[box] for box in setup.values()])

    def drop(v: Viewer):
        with v.lock:
            if v.pending is None:
                return gr.skip(), gr.skip()
            v.pending = None
        return "", gr.update(visible=False)

    def forget(values: dict):
        """The setup changed: the estimate shown is no longer what Start would send. Compared
        by value: a change event of the typing just before Estimate may arrive after it."""
        v: Viewer = values[viewer]
        with v.lock:
            if snapshot(values) == v.estimated:
                return gr.skip(), gr.skip()
        return drop(v)

    gr.on(
        [box.change for box in setup.values()],
        forget,
        {*setup.values(), viewer},
        [x.estimate_text, x.confirm_box],
        **QUIET,
    )
    x.cancel.click(drop, viewer, [x.estimate_text, x.confirm_box], **FAST)

    def start(uid: str, v: Viewer, key: str, remember: bool, request: gr.Request):
        lang = language_of(request)
        with v.lock:
            spec, v.pending = v.pending, None
        if spec is None:
            raise gr.Error(said("exptab.toast.estimate_first", lang))
        try:
            credentials = services.settings.credentials(key if ask_key else "", spec.region)
            run = services.experiments.start(
                uid, spec, credentials, remember_key=bool(remember and ask_key)
            )
        except EditorError as exc:
            raise refused(exc, lang) from None
        v.show(run.id)
        gr.Info(said("exptab.toast.started", lang, requests=len(run.cells)))
        return {
            **drawn(run, v, lang, force=True),
            x.estimate_text: "",
            x.confirm_box: gr.update(visible=False),
            x.runs: run_list(uid, v, lang),
            x.selected: live("ui.exp.pick_cell"),
        }

    started = [*shown, x.estimate_text, x.confirm_box, x.runs, x.selected]
    x.start.click(start, [user, viewer, c.api_key, c.remember_key], started, **FAST)

    # -- the run: poll, open, stop, resume ------------------------------------------------
    @guarded
    def poll(uid: str, v: Viewer, request: gr.Request):
        lang = language_of(request)
        if not v.run_id or not uid:
            return {x.timer: gr.Timer(active=False)}
        out = drawn(services.experiments.get(uid, v.run_id), v, lang)
        if x.grid in out:  # a cell changed: the run's done/total in the list too
            out[x.runs] = run_list(uid, v, lang)
        return out

    x.timer.tick(poll, [user, viewer], [*shown, x.runs], **QUIET)

    @guarded
    def open_tab(uid: str, v: Viewer, request: gr.Request):
        """The tab opened (or Refresh): the user's runs, and the one shown (else the newest):
        after a reload, the run started before it is found here, still running."""
        lang = language_of(request)
        runs = runs_of(uid)
        if v.run_id not in {r.id for r in runs}:
            v.show(runs[0].id if runs else None)
        run = next((r for r in runs if r.id == v.run_id), None)
        return {**drawn(run, v, lang, force=True), x.runs: run_list(uid, v, lang)}

    opened = [*shown, x.runs]
    tab.select(open_tab, [user, viewer], opened, **FAST)
    x.refresh.click(open_tab, [user, viewer], opened, **FAST)
    if rewrite is not None:  # the page's language changed: the server's words again
        rewrite.click(open_tab, [user, viewer], opened, **QUIET)

    def leave(v: Viewer, evt: gr.SelectData):
        """Another tab: no polling while the grid is not seen (it resumes on return)."""
        # Gradio sends the tab's label (its I18n key, or the word in the page's language).
        label = str(evt.value)
        if "ui.tab.experiments" in label or label.strip() in TAB_NAMES:
            return gr.skip()
        return gr.Timer(active=False)

    tabs.select(leave, viewer, x.timer, **QUIET)

    @guarded
    def open_run(uid: str, run_id: str, v: Viewer, request: gr.Request):
        lang = language_of(request)
        v.show(run_id or None)
        run = services.experiments.get(uid, run_id) if run_id else None
        return {**drawn(run, v, lang, force=True), x.selected: live("ui.exp.pick_cell")}

    x.runs.input(open_run, [user, x.runs, viewer], [*shown, x.selected], **FAST)

    @guarded
    def stop(uid: str, v: Viewer, request: gr.Request):
        lang = language_of(request)
        run = services.experiments.stop(uid, current(uid, v, lang).id)
        gr.Info(said("exptab.toast.stopping", lang))
        return drawn(run, v, lang)

    x.stop.click(stop, [user, viewer], shown, **FAST)

    def resume(uid: str, v: Viewer, key: str, request: gr.Request):
        lang = language_of(request)
        try:
            run = current(uid, v, lang)
            credentials = services.settings.credentials(key if ask_key else "", run.spec.region)
            run = services.experiments.resume(uid, run.id, credentials)
        except EditorError as exc:
            raise refused(exc, lang) from None
        gr.Info(said("exptab.toast.resumed", lang))
        return drawn(run, v, lang)

    x.resume.click(resume, [user, viewer, c.api_key], shown, **FAST)

    # -- one result: choose, winner, compare, send, History --------------------------------
    def chosen(uid: str, v: Viewer, lang: str) -> tuple[RunView, Cell]:
        run = current(uid, v, lang)
        if v.selected is None or v.selected >= len(run.cells):
            raise gr.Error(said("exptab.toast.no_cell", lang))
        return run, run.cells[v.selected]

    @guarded
    def select(uid: str, v: Viewer, a: int | None, evt: gr.SelectData, request: gr.Request):
        lang = language_of(request)
        with v.lock:
            index = int(evt.index or 0)
            if index >= len(v.order):
                return gr.skip(), gr.skip(), gr.skip()
            v.selected = v.order[index]
        run, cell = chosen(uid, v, lang)
        if not cell.outputs:
            return view.selected_text(run, cell, lang), gr.skip(), gr.skip()
        # The first result chosen goes left in Compare, each one chosen after it right.
        if a is None:
            return view.selected_text(run, cell, lang), cell.index, gr.skip()
        return view.selected_text(run, cell, lang), gr.skip(), cell.index

    x.grid.select(
        select, [user, viewer, x.compare_a], [x.selected, x.compare_a, x.compare_b], **QUIET
    )

    def previewing(shown: bool):
        def note(v: Viewer) -> None:
            v.previewing = shown

        return note

    x.grid.preview_open(previewing(True), viewer, None, **QUIET)
    x.grid.preview_close(previewing(False), viewer, None, **QUIET)

    @guarded
    def compare(uid: str, v: Viewer, a: int | None, b: int | None, request: gr.Request):
        lang = language_of(request)
        if a is None or b is None or not v.run_id:
            return gr.update(visible=False, value=None)
        run = current(uid, v, lang)
        cells = {k.index: k for k in run.cells}
        left, right = cells.get(int(a)), cells.get(int(b))
        if not (left and right and left.outputs and right.outputs):
            return gr.update(visible=False, value=None)
        pair = (v.publish(left.outputs[0]), v.publish(right.outputs[0]))
        return gr.update(value=pair, visible=True)

    gr.on(
        [x.compare_a.change, x.compare_b.change],
        compare,
        [user, viewer, x.compare_a, x.compare_b],
        x.compare,
        **QUIET,
    )

    @guarded
    def winner(uid: str, v: Viewer, request: gr.Request):
        lang = language_of(request)
        run, cell = chosen(uid, v, lang)
        run = services.experiments.set_winner(uid, run.id, cell.index, not cell.winner)
        now = run.cells[cell.index]
        gr.Info(said("exptab.toast.winner_on" if now.winner else "exptab.toast.winner_off", lang))
        return {**drawn(run, v, lang, force=True), x.selected: view.selected_text(run, now, lang)}

    x.winner.click(winner, [user, viewer], [*shown, x.selected], **FAST)

    @guarded
    def send(uid: str, v: Viewer, request: gr.Request):
        """As History's Restore: the result into image 1, its instruction into the prompt and
        its model chosen, then the Editor tab."""
        lang = language_of(request)
        run, cell = chosen(uid, v, lang)
        if not cell.outputs:
            raise gr.Error(said("exptab.toast.no_output", lang))
        gr.Info(said("exptab.toast.sent", lang))
        return {
            c.images[0]: v.publish(cell.outputs[0]),
            c.prompt: run.spec.prompts[cell.prompt],
            c.model: run.spec.models[cell.model],
            tabs: gr.Tabs(selected="editor"),
            x.timer: gr.Timer(active=False),
        }

    x.send.click(send, [user, viewer], [c.images[0], c.prompt, c.model, tabs, x.timer], **FAST)

    def in_history(v: Viewer, request: gr.Request):
        """History narrowed to this run: its search box takes 'run:<id>' (ui/history_browse)."""
        if not v.run_id:
            raise gr.Error(said("exptab.toast.no_run", language_of(request)))
        return view.search_term(v.run_id), gr.Tabs(selected="history"), gr.Timer(active=False)

    x.in_history.click(in_history, viewer, [h.search, tabs, x.timer], **FAST)

    # -- downloads --------------------------------------------------------------------------
    def download(make):
        @guarded
        def handler(uid: str, v: Viewer, request: gr.Request):
            lang = language_of(request)
            path = make(uid, current(uid, v, lang).id, lang)
            gr.Info(said("exptab.toast.file_ready", lang))
            return gr.update(value=publish(path), visible=True)

        return handler

    sheet = download(
        lambda uid, run_id, lang: services.experiments.contact_sheet(uid, run_id, lang)
    )
    bundle = download(lambda uid, run_id, lang: services.experiments.export(uid, run_id, lang))
    x.sheet.click(sheet, [user, viewer], x.download, **FAST)
    x.zip.click(bundle, [user, viewer], x.download, **FAST)
