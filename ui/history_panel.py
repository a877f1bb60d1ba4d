"""The History tab: every edit of this browser's user, searchable, restorable, exportable."""

from __future__ import annotations

import asyncio
import functools
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import gradio as gr

from services.container import Services
from services.errors import EditorError
from services.history import Entry
from ui import choices, text
from ui.edit_panel import EditorControls
from ui.files import publish, publish_all
from ui.handlers import as_user_error, user_error
from ui.wiring import FAST, EditorEvents

STATUS_CHOICES = [("All", ""), ("Succeeded", "ok"), ("Failed", "failed")]
PLACEHOLDER = Path(__file__).resolve().parent.parent / "assets" / "no-output.png"


@dataclass
class HistoryControls:
    search: gr.Textbox
    model: gr.Dropdown
    status: gr.Radio
    refresh: gr.Button
    totals: gr.Markdown
    entries: gr.Gallery
    details: gr.Markdown
    outputs: gr.Gallery
    restore: gr.Button
    run_again: gr.Button
    new_seed: gr.Checkbox
    export_one: gr.Button
    delete_one: gr.Button
    fetch: gr.Button
    pick: gr.CheckboxGroup
    export_picked: gr.Button
    export_all: gr.Button
    delete_picked: gr.Button
    delete_all: gr.Button
    download: gr.File
    confirm_box: gr.Group  # the one question a deletion asks, in the page
    confirm_text: gr.Markdown
    confirm_yes: gr.Button
    confirm_no: gr.Button


def build_history() -> HistoryControls:
    with gr.Row(equal_height=True):
        search = gr.Textbox(
            placeholder="Search instructions…",
            show_label=False,
            scale=4,
            elem_id="history-search",
            submit_btn=True,
        )
        model = gr.Dropdown(
            [("All models", ""), *choices.MODEL_CHOICES],
            value="",
            show_label=False,
            scale=2,
            elem_id="history-model",
        )
        status = gr.Radio(
            STATUS_CHOICES, value="", show_label=False, scale=2, elem_id="history-status"
        )
        refresh = gr.Button("Refresh", scale=1, size="sm", elem_id="history-refresh")
    totals = gr.Markdown("", elem_id="history-totals")
    with gr.Row():
        with gr.Column(scale=5, min_width=300):
            entries = gr.Gallery(
                label="Your edits, newest first",
                columns=4,
                height=560,
                allow_preview=False,
                object_fit="cover",
                format="png",
                elem_id="history-gallery",
                interactive=False,
            )
        with gr.Column(scale=4, min_width=300):
            details = gr.Markdown("Select an edit to see its details.", elem_id="history-details")
            outputs = gr.Gallery(
                label="Inputs and outputs",
                columns=3,
                height=240,
                format="png",
                buttons=["download", "fullscreen"],
                elem_id="history-outputs",
                interactive=False,
            )
            with gr.Row(elem_classes=["tight-row"]):
                restore = gr.Button("Restore into editor", size="sm", elem_id="history-restore")
                run_again = gr.Button(
                    "Run again", size="sm", variant="primary", elem_id="history-run-again"
                )
                new_seed = gr.Checkbox(False, label="with a new seed", elem_id="history-new-seed")
            with gr.Row(elem_classes=["tight-row"]):
                export_one = gr.Button("Export (zip)", size="sm", elem_id="history-export-one")
                delete_one = gr.Button(
                    "Delete", size="sm", variant="stop", elem_id="history-delete-one"
                )
            fetch = gr.Button(
                "Fetch outputs again",
                size="sm",
                variant="primary",
                visible=False,
                elem_id="history-fetch",
            )
    with gr.Accordion("Export or delete several", open=False):
        pick = gr.CheckboxGroup([], label="Choose edits", elem_id="history-pick")
        with gr.Row(elem_classes=["tight-row"]):
            export_picked = gr.Button("Export chosen", size="sm", elem_id="history-export-picked")
            export_all = gr.Button("Export all", size="sm", elem_id="history-export-all")
            delete_picked = gr.Button(
                "Delete chosen", size="sm", variant="stop", elem_id="history-delete-picked"
            )
            delete_all = gr.Button(
                "Delete all", size="sm", variant="stop", elem_id="history-delete-all"
            )
    # Deleting asks once, here: not the browser's confirm(), whose answer could not reach the
    # server (the history id is server-side state, so "Cancel" deleted anyway).
    with gr.Group(visible=False, elem_id="history-confirm") as confirm_box:
        confirm_text = gr.Markdown(elem_id="history-confirm-text")
        with gr.Row(elem_classes=["tight-row"]):
            confirm_yes = gr.Button(
                "Delete", variant="stop", size="sm", elem_id="history-confirm-yes"
            )
            confirm_no = gr.Button("Cancel", size="sm", elem_id="history-confirm-no")
    download = gr.File(
        label="Download", interactive=False, visible=False, elem_id="history-download"
    )
    return HistoryControls(
        search=search,
        model=model,
        status=status,
        refresh=refresh,
        totals=totals,
        entries=entries,
        details=details,
        outputs=outputs,
        restore=restore,
        run_again=run_again,
        new_seed=new_seed,
        export_one=export_one,
        delete_one=delete_one,
        fetch=fetch,
        pick=pick,
        export_picked=export_picked,
        export_all=export_all,
        delete_picked=delete_picked,
        delete_all=delete_all,
        download=download,
        confirm_box=confirm_box,
        confirm_text=confirm_text,
        confirm_yes=confirm_yes,
        confirm_no=confirm_no,
    )


def when(ts: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(ts))


def thumbnail(entry: Entry) -> str:
    outs = entry.output_paths()
    if outs:
        return publish(outs[0])
    local = entry.local_inputs()
    return publish(local[0] if local else PLACEHOLDER)


def caption(entry: Entry) -> str:
    """The entry's caption in the list and in the "choose edits" boxes. Both show it as text
    (a text node and alt/title attributes), so it is plain, on one line, never escaped."""
    mark = "" if entry.status == "ok" else "FAILED · "
    prompt = text.plain(entry.prompt, one_line=True)
    prompt = prompt if len(prompt) <= 60 else prompt[:57] + "…"
    return f"{mark}{prompt} · {when(entry.created)}"


def entry_gallery(entry: Entry) -> list[tuple[str, str]]:
    """The entry's kept inputs and its outputs, captioned, as the details gallery shows them."""
    files = [(publish(p), f"image {i}") for i, p in enumerate(entry.local_inputs(), 1)]
    return files + [(publish(p), f"output {i}") for i, p in enumerate(entry.output_paths(), 1)]


def describe(entry: Entry) -> str:
    """The entry's details as Markdown. Every value from the history row (instruction, negative
    prompt, model, region, request id, the service's error, warnings quoting the user's text)
    goes through ui.text, so a planted prompt shows as its text, never as markup."""
    md, code = text.markdown, text.code
    p = entry.parameters
    lines = [
        f"**{'Succeeded' if entry.status == 'ok' else 'Failed'}** · {when(entry.created)} · "
        f"{code(entry.model)} · {md(str(entry.region).title())}",
        f"> {md(entry.prompt)}",
    ]
    if entry.negative_prompt:
        lines.append(f"Negative: <em>{md(entry.negative_prompt)}</em>")
    settings = [f"n = {md(p.get('n', 1))}", f"seed {code(entry.seed)}"]
    if "size" in p:
        settings.append(f"size {md(p['size'])}")
    if "prompt_extend" in p:
        settings.append(f"prompt rewriting {'on' if p['prompt_extend'] else 'off'}")
    settings.append(f"watermark {'on' if p.get('watermark') else 'off'}")
    lines.append(" · ".join(settings))
    facts = []
    if entry.usage:
        u = entry.usage
        facts.append(md(f"{u['image_count']} × {u['width']}×{u['height']}"))
    if entry.cost_usd is not None:
        facts.append(md(f"≈ ${entry.cost_usd:.4f}"))
    if entry.timings:
        facts.append(f"{sum(entry.timings.values()):.1f} s")
    if entry.request_id:
        facts.append(f"request {code(entry.request_id)}")
    if facts:
        lines.append(" · ".join(facts))
    if entry.error_message:
        lines.append(f"**Error** {code(entry.error_code)}: {md(entry.error_message)}")
    if entry.pending_urls:
        until = when(entry.pending_until())
        lines.append(
            f"**{len(entry.pending_urls)} output(s) made but not downloaded yet**: "
            f"fetch them before {until}, when their links expire."
        )
    lines += [f"- **Note:** {md(w)}" for w in entry.warnings]
    return "\n\n".join(lines)


def restore_values(entry: Entry, new_seed: bool) -> list[Any]:
    """The editor's control values that reproduce this entry, in form_controls() order."""
    p = entry.parameters
    images = (publish_all(entry.input_paths()) + [None, None, None])[:3]
    size_choice, width, height = choices.SIZE_AUTO, 1024, 1024
    if "size" in p:
        width, height = (int(v) for v in str(p["size"]).split("*"))
        size_choice = next(
            (name for name, wh in choices.SIZE_PRESETS.items() if wh == (width, height)),
            choices.SIZE_CUSTOM,
        )
    return [
        *images,
        entry.prompt,
        entry.negative_prompt,
        entry.model,
        p.get("n", 1),
        size_choice,
        width,
        height,
        entry.seed,
        bool(new_seed),
        p.get("prompt_extend", True),
        bool(p.get("watermark", False)),
        entry.region,
    ]


def wire_history(
    services: Services,
    h: HistoryControls,
    c: EditorControls,
    events: EditorEvents,
    user: gr.State,
    tabs: gr.Tabs,
) -> Any:
    store = services.history
    selected = gr.State("")
    listed = gr.State([])

    def refresh(uid: str, search: str, model: str, status: str):
        if not uid:
            return [], [], gr.update(choices=[]), ""
        entries = store.list(uid, search=search or "", model=model or None, status=status or None)
        t = store.totals(uid)
        totals = (
            f"**Today** {t.images_today} images ≈ ${t.cost_today:.2f} · **All time** "
            f"{t.images_all} images ≈ ${t.cost_all:.2f} in {t.entries} edits"
        )
        gallery = [(thumbnail(e), caption(e)) for e in entries]
        picks = gr.update(choices=[(caption(e), e.id) for e in entries], value=[])
        return gallery, [e.id for e in entries], picks, totals

    list_inputs = [user, h.search, h.model, h.status]
    list_outputs = [h.entries, listed, h.pick, h.totals]
    refresh_fn = as_user_error(refresh)
    gr.on(
        [h.search.submit, h.model.change, h.status.change, h.refresh.click],
        refresh_fn,
        list_inputs,
        list_outputs,
        **FAST,
    )

    def show(uid: str, ids: list[str], evt: gr.SelectData):
        # Not wrapped by as_user_error(): Gradio injects SelectData only into the bare function.
        try:
            entry_id = ids[int(evt.index)]
            entry = store.get(uid, entry_id)
        except (EditorError, IndexError, TypeError):
            raise gr.Error("That edit is no longer in your history; refresh the list.") from None
        return (
            entry_id,
            describe(entry),
            entry_gallery(entry),
            gr.update(visible=bool(entry.pending_urls)),
        )

    h.entries.select(show, [user, listed], [selected, h.details, h.outputs, h.fetch], **FAST)

    async def fetch(uid: str, entry_id: str):
        need(entry_id)
        try:
            work = functools.partial(services.editor.fetch_pending, uid, entry_id)
            entry = await asyncio.get_running_loop().run_in_executor(services.edit_pool, work)
        except EditorError as exc:
            raise user_error(exc, "fetch") from None
        gr.Info(f"{len(entry.outputs)} output(s) are now in this edit.")
        return describe(entry), entry_gallery(entry), gr.update(visible=bool(entry.pending_urls))

    fetched = h.fetch.click(
        fetch,
        [user, selected],
        [h.details, h.outputs, h.fetch],
        api_visibility="private",
        concurrency_limit=None,
    )
    fetched.success(refresh_fn, list_inputs, list_outputs, **FAST)

    def need(entry_id: str) -> None:
        if not entry_id:
            raise gr.Error("Select an edit in the list first.")

    def restore(uid: str, entry_id: str, new_seed: bool):
        need(entry_id)
        values = restore_values(store.get(uid, entry_id), new_seed)
        return [*values, gr.Tabs(selected="editor")]

    targets = [*c.form_controls(), tabs]
    h.restore.click(as_user_error(restore), [user, selected, h.new_seed], targets, **FAST)
    again = h.run_again.click(as_user_error(restore), [user, selected, h.new_seed], targets, **FAST)
    events.start_run(again.success)
    for run in events.runs:  # every edit, from Edit or Run again, appears once it ends
        run.then(refresh_fn, list_inputs, list_outputs, **FAST)
        run.failure(refresh_fn, list_inputs, list_outputs, **FAST)

    def export(uid: str, ids: list[str] | None):
        path = store.export(uid, ids)
        gr.Info("Your zip is ready below.")
        return gr.update(value=publish(path), visible=True)

    def export_one(uid: str, entry_id: str):
        need(entry_id)
        return export(uid, [entry_id])

    def export_picked(uid: str, ids: list[str]):
        if not ids:
            raise gr.Error("Tick at least one edit to export.")
        return export(uid, ids)

    h.export_one.click(as_user_error(export_one), [user, selected], h.download, **FAST)
    h.export_picked.click(as_user_error(export_picked), [user, h.pick], h.download, **FAST)
    h.export_all.click(as_user_error(lambda uid: export(uid, None)), user, h.download, **FAST)

    pending = gr.State([])  # the entry ids the open question is about

    def ask(ids: list[str], question: str):
        return ids, gr.update(visible=True), question

    def ask_one(uid: str, entry_id: str):
        need(entry_id)
        return ask([entry_id], "**Delete this edit and its files?** This cannot be undone.")

    def ask_picked(uid: str, ids: list[str]):
        if not ids:
            raise gr.Error("Tick at least one edit to delete.")
        return ask(list(ids), f"**Delete the {len(ids)} chosen edits and their files?** "
                   "This cannot be undone.")  # fmt: skip

    def ask_all(uid: str):
        ids = [e.id for e in store.list(uid, limit=1_000_000)] if uid else []
        count = len(ids)
        if not count:
            raise gr.Error("There is nothing to delete: your history is empty.")
        what = "your only edit and its files" if count == 1 else f"ALL {count} of your edits"
        return ask(ids, f"**Delete {what}?** This cannot be undone.")

    asking = [pending, h.confirm_box, h.confirm_text]
    for button, fn, inputs in [
        (h.delete_one, ask_one, [user, selected]),
        (h.delete_picked, ask_picked, [user, h.pick]),
        (h.delete_all, ask_all, [user]),
    ]:
        button.click(as_user_error(fn), inputs, asking, **FAST)

    def confirm(uid: str, ids: list[str], shown: str):
        count = store.delete(uid, ids) if ids else 0
        gr.Info(f"Deleted {count} edit{'s' if count != 1 else ''} and their files.")
        keep = shown if shown and shown not in ids else ""
        details = gr.skip() if keep else "Select an edit to see its details."
        return [], gr.update(visible=False), keep, details, gr.skip() if keep else []

    def cancel():
        gr.Info("Nothing was deleted.")
        return [], gr.update(visible=False)

    done = h.confirm_yes.click(
        as_user_error(confirm),
        [user, pending, selected],
        [pending, h.confirm_box, selected, h.details, h.outputs],
        **FAST,
    )
    done.success(refresh_fn, list_inputs, list_outputs, **FAST)
    h.confirm_no.click(cancel, None, [pending, h.confirm_box], **FAST)
    return refresh_fn, list_inputs, list_outputs
