"""Events of the editor: which component feeds which handler. Every small UI event is
unlimited (Gradio's default would run them one at a time for all users); edits share one
generous pool sized by the settings."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path
from typing import Any

import gradio as gr

from services.container import Services
from services.errors import EditorError
from services.messages import text as words
from services.models import MODELS
from ui import choices, examples, handlers, region_views, text, translate_panel
from ui.edit_panel import EditorControls, OutputControls
from ui.files import publish_all_off_loop
from ui.i18n import language_of, live
from ui.masks import painted_mask

# Every small UI event: private, and queued with no limit. Not queue=False: an event outside
# the queue cannot show a toast (its gr.Error became a bare "Error" pill or nothing, its
# gr.Info went to the log), and every action a person takes must show a result or a reason.
FAST = {"api_visibility": "private", "concurrency_limit": None}
EDIT_POOL = "edit"


class EditorEvents:
    """What other panels need from the editor: a way to start an edit from their own trigger,
    and the running edits (to refresh after them, and for Stop to cancel them)."""

    def __init__(self, stop: gr.Button, switch: gr.State) -> None:
        self.runs: list[Any] = []
        self.start_run: Any = None
        # The handler that writes the model's info lines and note in the reader's language,
        # with its inputs and outputs: run again on load and when the language changes.
        self.model_words: tuple = ()
        self._stop = stop
        self._switch = switch

    def finalize(self) -> None:
        """Wire Stop: it flips this session's switch, and the running edit ends its wait at
        once with a calm Stopped state. Not Gradio's `cancels=`: a cancelled event draws an
        "Error" over the results, and stopping is not an error."""

        def stop(switch: handlers.StopSwitch | None):
            if switch is not None:
                switch.stop()
            return gr.update(interactive=False)

        self._stop.click(stop, self._switch, self._stop, **FAST)


# On a phone the results sit below the inputs: bring them into view when an edit ends, unless
# the person has already scrolled to them.
SHOW_RESULTS = """() => {
  const results = document.querySelector('#gallery');
  if (!results) return;
  const box = results.getBoundingClientRect();
  // Scrolled to when less than half the screen could show them (a peek at the bottom is not
  // "in view" on a phone); left alone on a desktop, where they sit beside the inputs.
  if (box.top > window.innerHeight * 0.5 || box.bottom <= 0) {
    results.scrollIntoView({behavior: 'smooth', block: 'start'});
  }
}"""


def results_gallery(items: list) -> gr.Gallery:
    """The outputs in as many columns as there are (three at most), each drawn whole: a single
    one fills the area (assets/style.css), where a square tile cut a landscape image off."""
    return gr.Gallery(value=items, columns=max(1, min(len(items), 3)))


def stopped_text(lang: str) -> str:
    """The status line after Stop, in the reader's language."""
    said = text.markdown(words("status.stopped", lang))
    return f"**{said}** " + text.markdown(words("status.stopped_detail", lang))


def elapsed_text(lang: str) -> str:
    """The busy line; the page counts the seconds itself (handlers.ELAPSED)."""
    return handlers.ELAPSED.replace("Editing…", text.markdown(words("ui.running", lang)))


def wire_editor(
    services: Services, c: EditorControls, o: OutputControls, ask_key: bool, user: gr.State
) -> EditorEvents:
    session = gr.State(handlers.SessionResult())
    selected = gr.State(0)

    for box, counter, name in (
        (c.prompt, c.prompt_count, "prompt"),
        (c.negative, c.negative_count, "negative"),
    ):
        gr.on(
            [box.change, c.model.change],
            None,
            [box, c.model],
            counter,
            js=choices.COUNTER_JS[name],
            **FAST,
        )

    if c.translate is not None:
        translate_panel.wire_translate(
            services, c.translate, c.prompt, c.api_key, c.region, ask_key
        )

    def on_model(model: str, n: float, region: str, request: gr.Request):
        lang = language_of(request)  # the info lines and the note are written here
        spec = MODELS[model]
        n = min(int(n or 1), spec.n_max)
        caps = choices.model_capabilities(spec, n, lang)
        low, high = spec.size.side_bounds() if spec.size else (512, 2048)
        return (
            gr.update(
                choices=list(range(1, spec.n_max + 1)),
                value=n,
                interactive=caps["n"][0],
                info=caps["n"][1],
            ),
            # A size the model cannot take goes back to Auto: a disabled control must never hold
            # a value that blocks the edit.
            gr.update(
                interactive=caps["size"][0],
                info=caps["size"][1],
                **({} if caps["size"][0] else {"value": choices.SIZE_AUTO}),
            ),
            gr.update(minimum=low, maximum=high),
            gr.update(minimum=low, maximum=high),
            gr.update(interactive=caps["prompt_extend"][0], info=caps["prompt_extend"][1]),
            choices.model_note(model, region, lang),
        )

    model_words = (
        on_model,
        [c.model, c.n, c.region],
        [c.n, c.size, c.width, c.height, c.prompt_extend, c.model_note],
    )
    gr.on([c.model.change, c.n.change, c.region.change], *model_words, **FAST)

    def on_size(choice: str):
        custom = choice == choices.SIZE_CUSTOM
        return gr.update(visible=custom), gr.update(visible=custom)

    c.size.change(on_size, c.size, [c.width, c.height], **FAST)

    def on_randomize(random: bool):
        # The box stays where it is; it only opens for typing when Random is off. Its value is
        # left alone then: Reuse seed sets it in the same step as it unticks Random.
        if random:
            return gr.update(interactive=False, value="")
        return gr.update(interactive=True)

    c.randomize.change(on_randomize, c.randomize, c.seed, **FAST)

    for index, slot in enumerate(c.images, 1):
        # Checked as soon as it lands: a text file named .png showed as a broken strip and
        # failed only at Edit. The same header check the edit makes, no decoding.
        slot.upload(upload_check(index), slot, slot, **FAST)

    i1, i2, i3 = c.images
    c.swap_12.click(lambda a, b: (b, a), [i1, i2], [i1, i2], **FAST)
    c.swap_23.click(lambda a, b: (b, a), [i2, i3], [i2, i3], **FAST)
    c.clear.click(lambda: (None, None, None), None, c.images, **FAST)
    c.examples.click(examples.example_values, c.examples, [*c.images, c.prompt], **FAST)

    switch = gr.State(None)  # this session's StopSwitch for the running edit
    form_inputs = {*c.form_controls(), c.api_key, user, switch}
    form_inputs |= {c.region_editor, c.region_margin, c.region_feather}
    events = EditorEvents(c.stop, switch)
    events.model_words = model_words
    actions = [*o.use_as, o.reuse_seed]

    def result_actions(enabled: bool) -> dict:
        return {button: gr.update(interactive=enabled) for button in actions}

    def idle() -> dict:
        return {
            c.run: gr.update(value=live("ui.run"), interactive=True),
            c.stop: gr.update(interactive=False),
            o.progress: "",
        }

    async def edit_in_editor(values: dict[Any, Any], request: gr.Request):
        """One event from click to result (a separate "busy" event first cost a round trip
        before the edit was even sent): the busy state, then the results and the idle state."""
        images = [values[i] for i in c.images]
        lang = language_of(request)  # toasts and the status line in the reader's language
        handlers.require_images(images, lang)
        stop_switch = handlers.StopSwitch()
        yield {
            switch: stop_switch,
            c.run: gr.update(value=live("ui.running"), interactive=False),
            c.stop: gr.update(interactive=True),
            o.progress: elapsed_text(lang),  # counts in the page itself, no timer events
            # The last edit's results go: they must not sit under the new input as if its own.
            o.gallery: [],
            o.status: "",
            o.compare: gr.update(value=None, visible=False),
            o.view: gr.update(visible=False, value=region_views.RESULT),
            session: handlers.SessionResult(),
            **result_actions(False),
        }
        form = handlers.EditForm(
            images=[Path(p) if p else None for p in images],  # uploads: files, never text
            prompt=values[c.prompt],
            negative_prompt=values[c.negative],
            model=values[c.model],
            n=values[c.n],
            size_choice=values[c.size],
            width=values[c.width],
            height=values[c.height],
            seed=values[c.seed],
            randomize=values[c.randomize],
            prompt_extend=values[c.prompt_extend],
            watermark=values[c.watermark],
            region=values[c.region],
            api_key=values[c.api_key] if ask_key else "",
            mask=painted_mask(values[c.region_editor], images[0]),
            margin=values[c.region_margin],
            feather=values[c.region_feather] or None,  # 0 on the slider: automatic
        )
        visitor = handlers.visitor_keys(values[user], request)
        try:
            result = await handlers.run_edit(
                services, form, values[user], visitor, stop_switch, lang=lang
            )
        except handlers.Stopped:
            yield {o.status: stopped_text(lang), switch: None, **idle()}
            return
        finally:
            if form.mask is not None:  # kept by the history if it was used; ours goes
                shutil.rmtree(form.mask.parent, ignore_errors=True)
        outputs = await publish_all_off_loop(result.images)
        raws = await publish_all_off_loop(result.raw_images)
        region = result.parameters.get("region")
        box = tuple(region["box"]) if isinstance(region, dict) and raws else None
        # Compared with the image the outputs stand for: the last one (it sets their shape),
        # or image 1 in a region edit (they are image 1, edited where painted).
        before = images[0] if raws else next((p for p in reversed(images) if p), None)
        yield {
            o.gallery: results_gallery(handlers.gallery_items(result, outputs)),
            o.status: handlers.status_text(
                result, handlers.spending_today(services, visitor), lang
            ),
            o.view: gr.update(visible=bool(raws), value=region_views.RESULT),
            session: handlers.SessionResult(
                outputs, [p for p in images if p], result.seed, raws, box
            ),
            selected: 0,
            switch: None,
            **result_actions(bool(outputs)),
            **idle(),
        }
        # A message of its own, after the outputs: the slider fetches and draws two more
        # images, which must not hold up the first pixels of the results.
        if before and outputs:
            yield {o.compare: gr.update(value=(before, outputs[0]), visible=True)}

    run_outputs = [switch, c.run, c.stop, o.progress, o.gallery, o.status, o.compare, session]
    run_outputs += [o.view]
    run_outputs += [selected, *actions]

    def start_run(listener) -> Any:
        """Put the edit (busy state, edit, results) onto any trigger: Edit, "run again"."""
        run = listener(
            edit_in_editor,
            form_inputs,
            run_outputs,
            concurrency_limit=services.settings.max_concurrent_edits,
            concurrency_id=EDIT_POOL,
            api_visibility="private",
            show_progress="hidden",  # the button and the progress line say it
        )
        run.then(None, js=SHOW_RESULTS, **FAST)
        # A refused or failed edit (a toast says why) ends with the buttons ready again.
        run.failure(lambda: idle(), None, [c.run, c.stop, o.progress], **FAST)
        events.runs.append(run)
        return run

    events.start_run = start_run
    start_run(c.run.click)

    def on_select(result: handlers.SessionResult, evt: gr.SelectData):
        index = int(evt.index or 0)
        if not result.images or index >= len(result.images):
            return index, gr.skip()
        before = result.inputs[-1] if result.inputs else None
        return index, (before, result.images[index]) if before else gr.skip()

    o.gallery.select(on_select, session, [selected, o.compare], **FAST)

    async def show_view(result: handlers.SessionResult, view: str, request: gr.Request):
        if view == region_views.RAW:
            items = result.raws
        elif view == region_views.CHANGED and result.box and result.inputs:
            items = await asyncio.to_thread(
                region_views.heatmaps, result.inputs[0], result.images, result.box
            )
        else:
            items = result.images
        named = dict((value, key) for key, value in region_views.VIEW_KEYS)
        name = words(named.get(view, "ui.view.result"), language_of(request))
        return results_gallery([(p, f"{name} {i}") for i, p in enumerate(items, 1)])

    o.view.input(show_view, [session, o.view], o.gallery, **FAST)

    for slot, button in enumerate(o.use_as):

        def use(result: handlers.SessionResult, index: int, request: gr.Request, _slot: int = slot):
            lang = language_of(request)
            if not result.images:
                raise gr.Error(words("toast.no_result", lang), title=words("ui.toast.error", lang))
            gr.Info(
                words("toast.used_as", lang, output=index + 1, slot=_slot + 1),
                title=words("ui.toast.info", lang),
            )
            return result.images[min(index, len(result.images) - 1)]

        button.click(use, [session, selected], c.images[slot], **FAST)

    def reuse_seed(result: handlers.SessionResult, request: gr.Request):
        lang = language_of(request)
        if result.seed is None:
            raise gr.Error(words("toast.no_seed", lang), title=words("ui.toast.error", lang))
        gr.Info(words("toast.seed_set", lang, seed=result.seed), title=words("ui.toast.info", lang))
        # The seed lives in the folded settings: open them, so the change is seen.
        return gr.update(value=str(result.seed), interactive=True), False, gr.Accordion(open=True)

    o.reuse_seed.click(reuse_seed, session, [c.seed, c.randomize, c.settings_box], **FAST)
    return events


def upload_check(index: int):
    """check_upload for image slot `index`, with the request (for the reader's language):
    a closure, not functools.partial, so Gradio sees the gr.Request parameter and fills it."""

    def check(path: str | None, request: gr.Request):
        return handlers.check_upload(path, request, index)

    return check


def wire_key_memory(c: EditorControls, secret: str | None) -> gr.BrowserState:
    """A typed key stays in the user's browser (encrypted localStorage), only if they ask."""
    # A dict, not a bare string: Gradio does not write an empty string back, so forgetting a
    # key ("" after unticking) would silently keep the old one.
    stored = gr.BrowserState({"key": ""}, storage_key="qwen-edit-api-key", secret=secret or None)

    def remember(key: str, keep: bool):
        return {"key": key if keep and key else ""}

    gr.on(
        [c.api_key.change, c.remember_key.change],
        remember,
        [c.api_key, c.remember_key],
        stored,
        **FAST,
    )
    return stored


def restore_key(stored: dict | None, typed: str):
    # Never overwrite what the user typed while the page was still loading.
    key = (stored or {}).get("key") or ""
    if not key or typed:
        return gr.skip(), gr.skip()
    return key, True


def user_identifier(services: Services):
    """The load handler that decides whose history this browser shows: the login when there
    is one, else the id in the server-signed token the browser keeps (a new one on the first
    visit, or when the kept one is forged or altered)."""
    identities, store = services.identities, services.history

    def identify_user(stored: str, request: gr.Request) -> tuple[str, str]:
        username = getattr(request, "username", None)
        if username:
            return identities.for_login(username), gr.skip()
        if identities.valid(stored):
            return identities.verify(stored), gr.skip()
        if _legacy_id_with_history(store, stored):
            # Kept by an earlier version as a bare random id: sign it once, keep the history.
            return stored, identities.issue(stored)
        if isinstance(stored, str) and stored:
            lang = language_of(request)
            gr.Warning(
                words("toast.history_id_refused", lang), title=words("ui.toast.warning", lang)
            )
        token = identities.issue()
        return identities.verify(token), token

    return identify_user


def _legacy_id_with_history(store, stored: object) -> bool:
    if not isinstance(stored, str) or stored.startswith(("h1~", "user:")) or len(stored) < 16:
        return False
    try:
        return bool(store.list(stored, limit=1))
    except EditorError:
        return False
