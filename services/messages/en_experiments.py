"""The Experiments tab (ui/experiments_tab.py) and its runs (services/experiments)."""

MESSAGES: dict[str, str] = {
    # -- services/experiments: labels, the contact sheet, and why a run is refused ----------
    "experiment.label.prompt": "prompt {number}",
    "experiment.label.cell": "{prompt} · {seed} · {model} · {input}",
    "experiment.label.pair": "{first} · {second}",
    "experiment.label.seed": "seed {seed}",
    "experiment.axis.prompts": "instructions",
    "experiment.axis.seeds": "seeds",
    "experiment.axis.models": "models",
    "experiment.axis.input_sets": "input images",
    "experiment.sheet.title": "{name}: {done} of {total} done",
    "experiment.sheet.untitled": "Experiment",
    "experiment.sheet.failed": "failed",
    "experiment.sheet.stopped": "stopped",
    "experiment.sheet.waiting": "waiting",
    "experiment.sheet.sending": "sending",
    "error.experiment.empty_axis": "The run has no {axis}: it would send nothing.",
    "hint.experiment.empty_axis": "Add at least one of the {axis}.",
    "error.experiment.too_many": (
        "This run would send {requests} requests; this app allows at most {cap} in one run."
    ),
    "hint.experiment.too_many": (
        "Use fewer instructions, seeds, models or images, or split it into several runs."
    ),
    "error.experiment.over_budget": (
        "This run could cost up to ${cost:.2f}; today's budget of this app's key has "
        "${left:.2f} left."
    ),
    "hint.experiment.over_budget": (
        "Make the run smaller, use your own API key, or try again after 00:00 UTC."
    ),
    "error.experiment.over_caps": (
        "This run would need {requests} edits and up to {images} images; your daily limit "
        "on this app's key leaves {edits_left} edits and {images_left} images."
    ),
    "error.experiment.cell_refused": "Request {number} ({label}) would be refused: {reason}",
    "hint.experiment.cell_refused": "Change that setting; nothing has been sent.",
    "error.experiment.not_found": "There is no such run.",
    "hint.experiment.not_found": "It may have been made with another history id.",
    "error.experiment.no_cell": "This run has no request {number}.",
    "error.experiment.nothing_left": "This run has nothing left to send.",
    "error.experiment.inputs_gone": (
        "The run's input images are no longer on the server; the rest cannot be sent."
    ),
    "error.experiment.unexpected": "Unexpected error while sending: {detail}",
    "error.experiment.closed": "The app is shutting down; try again in a moment.",
    "error.experiment.no_results": "This run has no results to export yet.",
    # -- ui/experiments_*.py: the Experiments tab's words (ui.* in the browser) ---------
    "ui.tab.experiments": "Experiments",
    "ui.exp.intro": (
        "Many edits at once: every instruction × seed × model × photo is one request, sent at"
        " each model's rate. Estimate first; nothing is sent until you start the run."
    ),
    "ui.exp.prompts.label": "Instructions (one per line)",
    "ui.exp.prompts.placeholder": "e.g.\nmake the cup blue\nturn it into a watercolour",
    "ui.exp.seed_count.label": "Random seeds (how many)",
    "ui.exp.seeds.label": "Or these seeds",
    "ui.exp.seeds.placeholder": "e.g. 11, 42, 7",
    "ui.exp.models.label": "Models (choose several to compare them)",
    "ui.exp.photos.label": "Photos (each one is edited with every instruction)",
    "ui.exp.use_editor.label": "Also use the editor's images as one set",
    "ui.exp.settings": "Shared settings",
    "ui.exp.name.label": "Name of the run (optional)",
    "ui.exp.estimate": "Estimate",
    "ui.exp.start": "Start the run",
    "ui.exp.cancel": "Cancel",
    "ui.exp.runs.label": "Your runs",
    "ui.exp.refresh": "Refresh",
    "ui.exp.stop": "Stop",
    "ui.exp.resume": "Resume",
    "ui.exp.grid": "Results",
    "ui.exp.compare_a.label": "Compare",
    "ui.exp.compare_b.label": "with",
    "ui.exp.compare.label": "Side by side",
    "ui.exp.winner": "★ Winner (on/off)",
    "ui.exp.send": "Send to the editor",
    "ui.exp.in_history": "Show in History",
    "ui.exp.sheet": "Contact sheet (PNG)",
    "ui.exp.zip": "Zip with manifest",
    "ui.exp.download.label": "Download",
    "ui.exp.nothing_yet": "No run yet: set up the axes on the left, then Estimate.",
    "ui.exp.pick_cell": "Click a result to choose it.",
    "exptab.estimate": "**{requests} requests · {images} images · {cost} · about {duration}**",
    "exptab.per_model": "{model}: {requests} requests · {cost} · {rate} · about {duration}",
    "exptab.confirm": "Nothing has been sent. Start these {requests} requests?",
    "exptab.cost": "≈ ${usd:.2f}",
    "exptab.cost_unknown": "cost not published",
    "exptab.duration.s": "{s} s",
    "exptab.duration.m": "{m} min {s} s",
    "exptab.duration.h": "{h} h {m} min",
    "exptab.progress": "**{state}** · {done} of {total} done · {failed} failed · {left} to go",
    "exptab.state.running": "Running",
    "exptab.state.stopping": "Stopping",
    "exptab.state.stopped": "Stopped",
    "exptab.state.done": "Finished",
    "exptab.state.paused": "Paused: give your API key again and Resume",
    "exptab.axes": "Rows: {rows} · Columns: {columns}",
    "exptab.axes.one": "One axis: {columns}",
    "exptab.axes.single": "One request",
    "exptab.run_choice": "{done}/{total} · {name} · {when}",
    "exptab.cell.waiting": "waiting",
    "exptab.cell.sending": "sending…",
    "exptab.cell.failed": "failed",
    "exptab.cell.stopped": "stopped",
    "exptab.cell.reason": "Failed: {reason}",
    "exptab.selected": "**{label}** · {state}",
    "exptab.editor_set": "the editor's images",
    "exptab.history": "Experiment {name} (search {search}) · request {cell}: {axes}",
    "exptab.title.refused": "The run cannot start",
    "exptab.toast.started": "The run started: {requests} requests.",
    "exptab.toast.stopping": (
        "Stopping: nothing more is sent; requests already sent finish and are kept."
    ),
    "exptab.toast.resumed": "Resumed: the rest of the run is being sent.",
    "exptab.toast.winner_on": "Marked as a winner.",
    "exptab.toast.winner_off": "No longer a winner.",
    "exptab.toast.sent": "In the editor: the result as image 1, with its instruction.",
    "exptab.toast.no_run": "Start a run or open one of yours first.",
    "exptab.toast.no_cell": "Click a result in the grid first.",
    "exptab.toast.no_output": "This request has no image yet.",
    "exptab.toast.estimate_first": "Estimate the run first: it starts only after you confirm.",
    "exptab.toast.file_ready": "Ready: use the download link below.",
    "ui.exp.model.qwen-image-edit-plus-2025-12-15": "Qwen Image Edit Plus (2025-12-15 snapshot)",
    "ui.exp.model.qwen-image-edit-plus-2025-10-30": "Qwen Image Edit Plus (2025-10-30 snapshot)",
    "ui.exp.model.qwen-image-edit-max-2026-01-16": "Qwen Image Edit Max (2026-01-16 snapshot)",
    # -- end of the Experiments tab's words --
}
