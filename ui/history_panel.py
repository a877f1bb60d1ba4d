"""The History tab: every edit of this browser's user, a page at a time, searchable as you type,
restorable, exportable. Several edits are chosen in the grid itself ("Select several": a click
then toggles a tile, whose caption starts with "✓ "). The words live in ui/history_view.py,
the session's page and choice in ui/history_browse.py."""

from __future__ import annotations

import asyncio
import functools
from dataclasses import dataclass
from typing import Any

import gradio as gr

from services.container import Services
from services.errors import EditorError
from services.history import Entry, saved_request
from services.messages import DEFAULT_LANGUAGE
from services.messages import text as said
from ui import choices
from ui.edit_panel import EditorControls
from ui.files import publish, publish_all
from ui.handlers import user_error
from ui.history_browse import PLACEHOLDER, Browse, Filters, thumbnail
from ui.history_view import caption, chosen_line, describe, page_line, when
from ui.i18n import language_of, model_choices, t
from ui.masks import painting
from ui.region_panel import MARGIN_DEFAULT
from ui.wiring import FAST, EditorEvents

# Re-exported: tests and other modules read the words from here.
__all__ = [
    "PLACEHOLDER",
    "HistoryControls",
    "build_history",
    "caption",
    "describe",
    "restore_values",
    "thumbnail",
    "when",
    "wire_history",
]

# Names looked up in the browser (ui/i18n.py); the values the handlers compare stay as they are.
STATUS_CHOICES = [
    (t("ui.history.any_status"), ""),
    (t("ui.history.succeeded"), "ok"),
    (t("ui.history.failed"), "failed"),
]
NOTHING_CHOSEN = "history.error.nothing_chosen"  # a catalogue key: said in the reader's language


def as_user_error(fn):
    """As ui.handlers.as_user_error, in the reader's language: the handler's gr.Request (Gradio
    passes it among the arguments) says which."""

    @functools.wraps(fn)
    def inner(*args):
        try:
            return fn(*args)
        except EditorError as exc:
            request = next((a for a in args if isinstance(a, gr.Request)), None)
            raise user_error(exc, fn.__name__, lang=language_of(request)) from None

    return inner


TO_TOP_JS = """() => { const g = document.querySelector('#history-gallery .grid-wrap');
  if (g) g.scrollTop = 0; }"""


# On a phone the details are below the grid: after a tap that shows them, bring them up.
DETAILS_ON_PHONE_JS = """() => { const mode = document.querySelector('#history-select-mode input');
  const el = document.querySelector('#history-details');
  if (el && window.innerWidth <= 720 && !(mode && mode.checked))
    setTimeout(() => el.scrollIntoView({block: 'start', behavior: 'smooth'}), 50); }"""


def scroll_to_js(selector: str) -> str:
    return (
        f"() => {{ setTimeout(() => {{ const el = document.querySelector('{selector}');"
        " if (el) el.scrollIntoView({block: 'nearest', behavior: 'smooth'}); }, 50); }"
    )


@dataclass
class HistoryControls:
    search: gr.Textbox
    model: gr.Dropdown
    status: gr.Dropdown
    refresh: gr.Button
    totals: gr.Markdown
    select_mode: gr.Checkbox
    chosen: gr.Markdown
    export_picked: gr.Button
    delete_picked: gr.Button
    clear_choice: gr.Button
    export_all: gr.Button
    delete_all: gr.Button
    entries: gr.Gallery
    prev: gr.Button
    page: gr.Markdown
    next: gr.Button
    details: gr.Markdown
    outputs: gr.Gallery
    restore: gr.Button
    run_again: gr.Button
    new_seed: gr.Checkbox
    export_one: gr.Button
    delete_one: gr.Button
    fetch: gr.Button
    download: gr.File
    confirm_box: gr.Group  # the one question a deletion asks, in the page
    confirm_text: gr.Markdown
    confirm_yes: gr.Button
    confirm_no: gr.Button


def build_history() -> HistoryControls:
    with gr.Row(equal_height=True, elem_id="history-filters"):
        search = gr.Textbox(
            placeholder=t("ui.history.search"),
            label=t("ui.history.search"),  # its accessible name (Gradio's default: "Textbox")
            show_label=False,
            scale=4,
            min_width=200,
            elem_id="history-search",
            submit_btn=True,
        )
        model = gr.Dropdown(
            [(t("ui.history.all_models"), ""), *model_choices()],
            value="",
            label=t("ui.model.label"),
            show_label=False,
            scale=2,
            min_width=150,
            elem_id="history-model",
        )
        status = gr.Dropdown(
            STATUS_CHOICES,
            value="",
            label=t("ui.history.status_label"),
            show_label=False,
            scale=1,
            min_width=150,
            elem_id="history-status",
        )
        refresh = gr.Button(
            t("ui.history.refresh"), scale=0, min_width=90, size="sm", elem_id="history-refresh"
        )
    totals = gr.Markdown("", elem_id="history-totals")
    with gr.Row(elem_id="history-bulk", elem_classes=["tight-row"]):
        select_mode = gr.Checkbox(
            False,
            label=t("ui.history.select_several"),
            scale=0,
            min_width=150,
            elem_id="history-select-mode",
        )
        chosen = gr.Markdown(chosen_line(0, False), elem_id="history-chosen")
        export_picked = gr.Button(
            t("ui.history.export_chosen"),
            size="sm",
            scale=0,
            visible=False,
            elem_id="history-export-picked",
        )
        delete_picked = gr.Button(
            t("ui.history.delete_chosen"),
            size="sm",
            scale=0,
            variant="stop",
            visible=False,
            elem_id="history-delete-picked",
        )
        clear_choice = gr.Button(
            t("ui.history.clear_choice"),
            size="sm",
            scale=0,
            visible=False,
            elem_id="history-clear-choice",
        )
        export_all = gr.Button(
            t("ui.history.export_all"), size="sm", scale=0, elem_id="history-export-all"
        )
        delete_all = gr.Button(
            t("ui.history.delete_all"),
            size="sm",
            scale=0,
            variant="stop",
            elem_id="history-delete-all",
        )
    # Deleting asks once, here: not the browser's confirm(), whose answer could not reach the
    # server (the history id is server-side state, so "Cancel" deleted anyway).
    with gr.Group(visible=False, elem_id="history-confirm") as confirm_box:
        confirm_text = gr.Markdown(elem_id="history-confirm-text")
        with gr.Row(elem_classes=["tight-row"]):
            confirm_yes = gr.Button(
                t("ui.history.delete"), variant="stop", size="sm", elem_id="history-confirm-yes"
            )
            confirm_no = gr.Button(t("ui.history.cancel"), size="sm", elem_id="history-confirm-no")
    download = gr.File(
        label=t("ui.history.download"), interactive=False, visible=False, elem_id="history-download"
    )
    with gr.Row():
        with gr.Column(scale=3, min_width=300):
            entries = gr.Gallery(
                label=t("ui.history.gallery"),
                show_label=False,
                columns=4,
                height=600,
                allow_preview=False,
                object_fit="cover",
                format="png",
                buttons=[],
                elem_id="history-gallery",
                interactive=False,
            )
            with gr.Row(elem_id="history-pager", elem_classes=["tight-row"]):
                prev = gr.Button(
                    t("ui.history.prev"),
                    size="sm",
                    scale=0,
                    interactive=False,
                    elem_id="history-prev",
                )
                page = gr.Markdown("", elem_id="history-page")
                next_ = gr.Button(
                    t("ui.history.next"),
                    size="sm",
                    scale=0,
                    interactive=False,
                    elem_id="history-next",
                )
        with gr.Column(scale=2, min_width=300):
            details = gr.Markdown(t("ui.history.details_empty"), elem_id="history-details")
            outputs = gr.Gallery(
                label=t("ui.history.files"),
                columns=3,
                height=240,
                format="png",
                buttons=["download", "fullscreen"],
                elem_id="history-outputs",
                interactive=False,
            )
            with gr.Row(elem_classes=["tight-row"]):
                restore = gr.Button(t("ui.history.restore"), size="sm", elem_id="history-restore")
                run_again = gr.Button(
                    t("ui.history.run_again"),
                    size="sm",
                    variant="primary",
                    elem_id="history-run-again",
                )
                new_seed = gr.Checkbox(
                    False, label=t("ui.history.new_seed"), elem_id="history-new-seed"
                )
            with gr.Row(elem_classes=["tight-row"]):
                export_one = gr.Button(
                    t("ui.history.export_one"), size="sm", elem_id="history-export-one"
                )
                delete_one = gr.Button(
                    t("ui.history.delete"), size="sm", variant="stop", elem_id="history-delete-one"
                )
            fetch = gr.Button(
                t("ui.history.fetch"),
                size="sm",
                variant="primary",
                visible=False,
                elem_id="history-fetch",
            )
    return HistoryControls(
        search=search,
        model=model,
        status=status,
        refresh=refresh,
        totals=totals,
        select_mode=select_mode,
        chosen=chosen,
        export_picked=export_picked,
        delete_picked=delete_picked,
        clear_choice=clear_choice,
        export_all=export_all,
        delete_all=delete_all,
        entries=entries,
        prev=prev,
        page=page,
        next=next_,
        details=details,
        outputs=outputs,
        restore=restore,
        run_again=run_again,
        new_seed=new_seed,
        export_one=export_one,
        delete_one=delete_one,
        fetch=fetch,
        download=download,
        confirm_box=confirm_box,
        confirm_text=confirm_text,
        confirm_yes=confirm_yes,
        confirm_no=confirm_no,
    )


def entry_gallery(entry: Entry, lang: str = DEFAULT_LANGUAGE) -> list[tuple[str, str]]:
    """The entry's kept inputs and its outputs, captioned, as the details gallery shows them."""
    files = [
        (publish(p), said("history.file.image", lang, index=i))
        for i, p in enumerate(entry.local_inputs(), 1)
    ]
    return files + [
        (publish(p), said("history.file.output", lang, index=i))
        for i, p in enumerate(entry.output_paths(), 1)
    ]


def restore_values(entry: Entry, new_seed: bool) -> dict[str, Any]:
    """The editor's field values that reproduce this entry, by field name (the names of
    EditorControls.form_fields)."""
    asked = saved_request(entry.parameters)
    images = (publish_all(entry.input_paths()) + [None, None, None])[:3]
    original, mask = entry.original_path(), entry.mask_path()
    painted = None
    if asked.region is not None and original is not None and mask is not None:
        # A region edit sent a crop; restore the full image 1 with its mask painted back.
        images[0] = publish(original)
        painted = painting(original, mask)
    size_choice, width, height = choices.SIZE_AUTO, 1024, 1024
    if asked.size is not None:
        width, height = asked.size.width, asked.size.height
        size_choice = next(
            (name for name, wh in choices.SIZE_PRESETS.items() if wh == (width, height)),
            choices.SIZE_CUSTOM,
        )
    region = asked.region if painted is not None else None
    return {
        "image1": images[0],
        "image2": images[1],
        "image3": images[2],
        "prompt": entry.prompt,
        "negative_prompt": entry.negative_prompt,
        "model": entry.model,
        "n": asked.n,
        "size_choice": size_choice,
        "width": width,
        "height": height,
        # A new seed leaves the box empty: a seed shown while Random is on would read as used.
        "seed": "" if new_seed or entry.seed is None else str(entry.seed),
        "randomize": bool(new_seed),
        "prompt_extend": True if asked.prompt_extend is None else asked.prompt_extend,
        "watermark": asked.watermark,
        "region": entry.region,
        "region_editor": painted,
        "region_pending": publish(mask) if painted is not None and mask else None,
        "region_margin": region.margin if region else MARGIN_DEFAULT,
        "region_feather": (region.feather or 0) if region else 0,
    }


def grid(browse: Browse, selected: str, lang: str = DEFAULT_LANGUAGE) -> dict:
    """The page's tiles, with the edit whose details are shown still marked."""
    index = browse.index_of(selected) if selected else None
    return gr.Gallery(value=browse.gallery(lang), selected_index=index)


def wire_history(
    services: Services,
    h: HistoryControls,
    c: EditorControls,
    events: EditorEvents,
    user: gr.State,
    tabs: gr.Tabs,
) -> Any:
    store = services.history
    selected = gr.State("")  # the id of the edit whose details are shown
    browse = gr.State(Browse())  # each session gets its own (see Browse.__deepcopy__)

    def totals_line(uid: str, lang: str) -> str:
        t = store.totals(uid)
        return said(
            "history.totals",
            lang,
            images_today=t.images_today,
            cost_today=t.cost_today,
            images_all=t.images_all,
            cost_all=t.cost_all,
            entries=t.entries,
        )

    # The list's handlers take the same inputs, and the request for the reader's language.
    def show_page(uid, search, model, status, b: Browse, selected_id, selecting, page, lang):
        """Load `page` (clamped) with these filters; every output of the list."""
        if not uid:
            b.clear()
            totals = ""
        else:
            b.load(store, uid, Filters.of(search, model, status), page)
            totals = totals_line(uid, lang)
        return (
            grid(b, selected_id, lang),
            page_line(b.page, b.pages, b.total, b.filtered, lang),
            gr.update(interactive=b.page > 1),
            gr.update(interactive=b.page < b.pages),
            totals,
            chosen_line(len(b.chosen_ids()), bool(selecting), lang),
        )

    def refresh(uid, search, model, status, b: Browse, selected_id, selecting, request: gr.Request):
        lang = language_of(request)
        return show_page(uid, search, model, status, b, selected_id, selecting, b.page, lang)

    def first_page(
        uid, search, model, status, b: Browse, selected_id, selecting, request: gr.Request
    ):
        lang = language_of(request)
        return show_page(uid, search, model, status, b, selected_id, selecting, 1, lang)

    def turn(step: int):
        def turn_page(
            uid, search, model, status, b: Browse, selected_id, selecting, request: gr.Request
        ):
            lang = language_of(request)
            if not 1 <= b.page + step <= b.pages:
                edge = "history.toast.first_page" if step < 0 else "history.toast.last_page"
                gr.Info(said(edge, lang), title=said("ui.toast.info", lang))
            page = b.page + step
            return show_page(uid, search, model, status, b, selected_id, selecting, page, lang)

        return turn_page

    list_inputs = [user, h.search, h.model, h.status, browse, selected, h.select_mode]
    list_outputs = [h.entries, h.page, h.prev, h.next, h.totals, h.chosen]
    refresh_fn = as_user_error(refresh)
    h.refresh.click(refresh_fn, list_inputs, list_outputs, **FAST)
    # Search as you type (and on Enter); a new filter starts again from page 1.
    gr.on(
        [h.search.change, h.search.submit, h.model.change, h.status.change],
        as_user_error(first_page),
        list_inputs,
        list_outputs,
        trigger_mode="always_last",
        **FAST,
    )
    for button, step in ((h.prev, -1), (h.next, 1)):
        turned = button.click(as_user_error(turn(step)), list_inputs, list_outputs, **FAST)
        turned.success(None, js=TO_TOP_JS, **FAST)

    def on_tile(uid: str, b: Browse, selecting: bool, evt: gr.SelectData, request: gr.Request):
        """A click on a tile shows its details; with "Select several" on, it also chooses the
        tile, or un-chooses it. The grid is sent back with the tile marked as selected: that
        keeps the page where it is, and lets the next page clear the mark."""
        # Not wrapped by as_user_error(): Gradio injects SelectData only into the bare function.
        lang = language_of(request)
        try:
            index = int(evt.index)
            entry = store.get(uid, b.entry_at(index).id)
            with b.lock:
                if selecting:
                    b.toggle(index)
                count = len(b.chosen)
                tiles = grid(b, entry.id, lang)
        except (EditorError, IndexError, TypeError, ValueError):
            raise gr.Error(
                said("history.error.gone", lang), title=said("ui.toast.error", lang)
            ) from None
        return (
            entry.id,
            describe(entry, lang),
            entry_gallery(entry, lang),
            gr.update(visible=bool(entry.pending_urls)),
            tiles,
            chosen_line(count, bool(selecting), lang),
        )

    # "multiple": a second click while the first is answered is a second toggle, not dropped.
    tapped = h.entries.select(
        on_tile,
        [user, browse, h.select_mode],
        [selected, h.details, h.outputs, h.fetch, h.entries, h.chosen],
        trigger_mode="multiple",
        show_progress="hidden",  # a tap must not dim the whole grid while details load
        **FAST,
    )
    tapped.success(None, js=DETAILS_ON_PHONE_JS, **FAST)

    def set_mode(b: Browse, selecting: bool, selected_id: str, request: gr.Request):
        lang = language_of(request)
        if not selecting:
            b.unchoose_all()
        shown = gr.update(visible=bool(selecting))
        return (
            grid(b, selected_id, lang),
            chosen_line(0, bool(selecting), lang),
            shown,
            shown,
            shown,
        )

    choice_buttons = [h.export_picked, h.delete_picked, h.clear_choice]
    h.select_mode.input(
        set_mode,
        [browse, h.select_mode, selected],
        [h.entries, h.chosen, *choice_buttons],
        **FAST,
    )

    def clear_choice(b: Browse, selected_id: str, request: gr.Request):
        lang = language_of(request)
        count = b.unchoose_all()
        if not count:
            gr.Info(
                said("history.toast.nothing_was_chosen", lang), title=said("ui.toast.info", lang)
            )
        else:
            key = "history.toast.unchosen_one" if count == 1 else "history.toast.unchosen_many"
            gr.Info(said(key, lang, count=count), title=said("ui.toast.info", lang))
        return grid(b, selected_id, lang), chosen_line(0, True, lang)

    h.clear_choice.click(clear_choice, [browse, selected], [h.entries, h.chosen], **FAST)

    async def fetch(uid: str, entry_id: str, request: gr.Request):
        lang = language_of(request)
        need(entry_id, lang)
        try:
            work = functools.partial(services.editor.fetch_pending, uid, entry_id)
            entry = await asyncio.get_running_loop().run_in_executor(services.edit_pool, work)
        except EditorError as exc:
            raise user_error(exc, "fetch", lang=lang) from None
        gr.Info(
            said("history.toast.fetched", lang, count=len(entry.outputs)),
            title=said("ui.toast.info", lang),
        )
        pending = gr.update(visible=bool(entry.pending_urls))
        return describe(entry, lang), entry_gallery(entry, lang), pending

    fetched = h.fetch.click(
        fetch,
        [user, selected],
        [h.details, h.outputs, h.fetch],
        api_visibility="private",
        concurrency_limit=None,
    )
    fetched.success(refresh_fn, list_inputs, list_outputs, **FAST)

    def need(entry_id: str, lang: str) -> None:
        if not entry_id:
            raise gr.Error(
                said("history.error.select_first", lang), title=said("ui.toast.error", lang)
            )

    fields = c.form_fields()

    def restore(uid: str, entry_id: str, new_seed: bool, request: gr.Request):
        need(entry_id, language_of(request))
        values = restore_values(store.get(uid, entry_id), new_seed)
        updates = {fields[name]: value for name, value in values.items()}
        # Editable with the value, in one step (as Reuse seed does): no race with Random.
        updates[fields["seed"]] = gr.update(value=values["seed"], interactive=not new_seed)
        return {**updates, tabs: gr.Tabs(selected="editor")}

    targets = [*fields.values(), tabs]
    h.restore.click(as_user_error(restore), [user, selected, h.new_seed], targets, **FAST)
    again = h.run_again.click(as_user_error(restore), [user, selected, h.new_seed], targets, **FAST)
    events.start_run(again.success)
    # Not refreshed after every edit: that ran beside the browser's fetch of the new outputs,
    # on the path to their first pixels. The list is refreshed when the tab is opened
    # (ui/layout.py), and edits end in the Editor tab (Run again switches to it).

    def export(uid: str, ids: list[str] | None, lang: str):
        path = store.export(uid, ids)
        gr.Info(said("history.toast.zip_ready", lang), title=said("ui.toast.info", lang))
        return gr.update(value=publish(path), visible=True)

    def export_one(uid: str, entry_id: str, request: gr.Request):
        lang = language_of(request)
        need(entry_id, lang)
        return export(uid, [entry_id], lang)

    def export_picked(uid: str, b: Browse, request: gr.Request):
        lang = language_of(request)
        ids = b.chosen_ids()
        if not ids:
            raise gr.Error(said(NOTHING_CHOSEN, lang), title=said("ui.toast.error", lang))
        return export(uid, ids, lang)

    def export_all(uid: str, request: gr.Request):
        return export(uid, None, language_of(request))

    to_download = scroll_to_js("#history-download")
    for button, fn, inputs in [
        (h.export_one, export_one, [user, selected]),
        (h.export_picked, export_picked, [user, browse]),
        (h.export_all, export_all, [user]),
    ]:
        exported = button.click(as_user_error(fn), inputs, h.download, **FAST)
        exported.success(None, js=to_download, **FAST)

    pending = gr.State([])  # the entry ids the open question is about

    def ask(ids: list[str], question: str):
        return ids, gr.update(visible=True), question

    def ask_one(uid: str, entry_id: str, request: gr.Request):
        lang = language_of(request)
        need(entry_id, lang)
        return ask([entry_id], said("history.confirm.one", lang))

    def ask_picked(uid: str, b: Browse, request: gr.Request):
        lang = language_of(request)
        ids = b.chosen_ids()
        if not ids:
            raise gr.Error(said(NOTHING_CHOSEN, lang), title=said("ui.toast.error", lang))
        key = "history.confirm.picked_one" if len(ids) == 1 else "history.confirm.picked_many"
        return ask(ids, said(key, lang, count=len(ids)))

    def ask_all(uid: str, request: gr.Request):
        lang = language_of(request)
        ids = [e.id for e in store.list(uid, limit=1_000_000)] if uid else []
        count = len(ids)
        if not count:
            raise gr.Error(said("history.error.empty", lang), title=said("ui.toast.error", lang))
        key = "history.confirm.all_one" if count == 1 else "history.confirm.all_many"
        return ask(ids, said(key, lang, count=count))

    asking = [pending, h.confirm_box, h.confirm_text]
    to_question = scroll_to_js("#history-confirm")
    for button, fn, inputs in [
        (h.delete_one, ask_one, [user, selected]),
        (h.delete_picked, ask_picked, [user, browse]),
        (h.delete_all, ask_all, [user]),
    ]:
        asked = button.click(as_user_error(fn), inputs, asking, **FAST)
        asked.success(None, js=to_question, **FAST)

    def confirm(uid: str, ids: list[str], shown: str, b: Browse, request: gr.Request):
        lang = language_of(request)
        count = store.delete(uid, ids) if ids else 0
        b.forget(ids)
        key = "history.toast.deleted_one" if count == 1 else "history.toast.deleted_many"
        gr.Info(said(key, lang, count=count), title=said("ui.toast.info", lang))
        keep = shown if shown and shown not in ids else ""
        details = gr.skip() if keep else said("history.details_empty", lang)
        return [], gr.update(visible=False), keep, details, gr.skip() if keep else []

    def cancel(request: gr.Request):
        lang = language_of(request)
        gr.Info(said("history.toast.nothing_deleted", lang), title=said("ui.toast.info", lang))
        return [], gr.update(visible=False)

    done = h.confirm_yes.click(
        as_user_error(confirm),
        [user, pending, selected, browse],
        [pending, h.confirm_box, selected, h.details, h.outputs],
        **FAST,
    )
    done.success(refresh_fn, list_inputs, list_outputs, **FAST)  # a valid page is kept
    h.confirm_no.click(cancel, None, [pending, h.confirm_box], **FAST)
    return refresh_fn, list_inputs, list_outputs
