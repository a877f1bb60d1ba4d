"""The glue between component values and the services: build typed requests, call the edit
service off the event loop, and turn typed errors into messages a person can act on."""

from __future__ import annotations

import asyncio
import functools
import logging
import threading
from dataclasses import dataclass, field
from pathlib import Path

import gradio as gr
from PIL import Image

from services.container import Services
from services.errors import EditorError, ValidationError
from services.imaging import inspect
from services.messages import DEFAULT_LANGUAGE, render
from services.messages import text as words
from services.models import MODELS
from services.regions import REGIONS
from services.types import EditRequest, EditResult, RegionRequest
from services.validation import as_int, parse_size
from ui import choices, text
from ui.i18n import language_of

log = logging.getLogger(__name__)


@dataclass
class EditForm:
    """What the editor's controls say, by name (never a positional list)."""

    images: list[str | Path | None]  # uploads as Path, links as text
    prompt: str
    negative_prompt: str = ""
    model: str = "qwen-image-edit-plus"
    n: int = 1
    size_choice: str | None = None
    width: float | None = None
    height: float | None = None
    seed: str | float | None = None  # text from the editor's box, a number from the API
    randomize: bool = True
    prompt_extend: bool | None = True
    watermark: bool = False
    region: str | None = None
    api_key: str = ""
    mask: Path | None = None  # a region edit: white where image 1 is to change
    margin: float | None = None
    feather: float | None = None

    def to_request(self, supports_prompt_extend: bool) -> EditRequest:
        images = tuple(p for p in self.images if p)
        size = choices.size_from_choice(self.size_choice, self.width, self.height)
        seed = self.seed.strip() if isinstance(self.seed, str) else self.seed
        seed = None if self.randomize or seed in (None, "") else seed
        return EditRequest(
            images=images,
            prompt=self.prompt or "",
            negative_prompt=self.negative_prompt or "",
            model=self.model,
            n=self.n,
            size=parse_size(size) if size else None,
            seed=seed,  # type: ignore[arg-type]  # validated, may be a float from the UI
            prompt_extend=self.prompt_extend if supports_prompt_extend else None,
            watermark=bool(self.watermark),
            region=self._region(),
        )

    def _region(self) -> RegionRequest | None:
        if self.mask is None:
            return None
        feather = None
        if self.feather is not None:
            feather = as_int("feather", self.feather, "a whole number of pixels, or empty")
        margin = 0.35 if self.margin is None else self.margin
        if isinstance(margin, bool) or not isinstance(margin, (int, float)):
            raise ValidationError("margin", margin, "a number from 0 to 2")
        return RegionRequest(self.mask, margin=float(margin), feather=feather)


@dataclass
class SessionResult:
    """The last result of one browser session (kept in gr.State, never in a global)."""

    images: list[str] = field(default_factory=list)
    inputs: list[str] = field(default_factory=list)
    seed: int | None = None
    raws: list[str] = field(default_factory=list)  # a region edit's outputs before stitching
    box: tuple[int, int, int, int] | None = None  # and the crop box in image 1


def titled(title: str, message: str) -> str:
    """A toast's own title, as its first line. Gradio 6.31 heads every toast with its kind
    ("Error", "Warning") and shows no title given to gr.Error; the message is HTML."""
    return f"<strong>{text.toast(title)}</strong><br>{message}"


def user_error(
    exc: EditorError,
    what: str = "edit",
    *,
    title: str | None = None,
    page: bool = True,
    lang: str = DEFAULT_LANGUAGE,
    **kw,
) -> gr.Error:
    """The toast for an error a person can act on: its message and hint shown as text (they
    may quote the service or the user), in the reader's language `lang`, and one log line
    instead of a traceback. `page`: shown in the browser (titled); API clients get the plain
    message."""
    log.info("%s refused: %s", what, exc.code)
    message = text.toast(exc.render(lang))
    if title and page:
        message = titled(title, message)
    return gr.Error(
        message, print_exception=False, title=title or words("ui.toast.error", lang), **kw
    )


def as_user_error(fn):
    """Wrap a handler so that an EditorError reaches the user as its message and hint."""

    @functools.wraps(fn)
    def inner(*args):
        try:
            return fn(*args)
        except EditorError as exc:
            raise user_error(exc, fn.__name__) from None

    return inner


def require_images(images: list, lang: str = DEFAULT_LANGUAGE) -> None:
    if not any(images):
        log.info("edit refused: %s", "NoImage")
        title = words("toast.nothing_to_edit", lang)
        raise gr.Error(
            titled(title, words("toast.add_image", lang)), title=title, print_exception=False
        )


def check_upload(path: str | None, request: gr.Request, index: int):
    """Keep an upload only if it reads as an image; else empty the slot and say why."""
    if not path:
        return gr.skip()
    try:
        inspect(Path(path), index=index)
    except EditorError as exc:
        log.info("upload refused: %s", exc.code)
        lang = language_of(request)
        title = words("toast.image_problem", lang)
        gr.Warning(titled(title, text.toast(exc.render(lang))), title=title)
        return None
    return gr.skip()


def visitor_keys(user: str | None, request: gr.Request | None) -> tuple[str, ...]:
    """Every key that names who is asking: their history id and their address. Caps and fair
    shares count them all, so a new id from the same address starts no fresh count."""
    host = getattr(getattr(request, "client", None), "host", None)
    return tuple(k for k in (user, f"ip:{host}" if host else None) if k)


class StopSwitch:
    """Stop for one session's running edit, kept in gr.State. Gradio deep-copies state
    values; this one must stay the same object for the Stop click and the edit to share it."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def __deepcopy__(self, memo: dict) -> StopSwitch:
        return self

    def stop(self) -> None:
        self._event.set()

    @property
    def stopped(self) -> bool:
        return self._event.is_set()


class Stopped(Exception):
    """The person stopped waiting for the edit."""


async def run_edit(
    services: Services,
    form: EditForm,
    user: str | None = None,
    visitor: tuple[str, ...] = (),
    switch: StopSwitch | None = None,
    page: bool = True,  # False for API clients: their messages carry no markup
    lang: str = DEFAULT_LANGUAGE,  # the reader's language, for the messages of a refusal
) -> EditResult:
    """Run one edit in a worker thread so that the server keeps serving everyone else. Stop
    (the switch, or the task being cancelled) ends the wait at once and stops retries and
    queuing; a request already sent runs to its end in the thread, and its outputs are kept in
    the history. Stopping is not an error: it raises Stopped, which the page shows calmly."""
    spec = MODELS.get(form.model)
    cancel = threading.Event()
    try:
        request = form.to_request(spec.supports_prompt_extend if spec else True)
        credentials = services.settings.credentials(form.api_key, form.region)
        work = functools.partial(
            services.editor.edit,
            request,
            credentials,
            user=user or None,
            cancelled=cancel.is_set,
            visitor=visitor,
        )
        future = asyncio.get_running_loop().run_in_executor(services.edit_pool, work)
        while True:
            done, _ = await asyncio.wait({future}, timeout=0.1)
            if done:
                return future.result()
            if switch is not None and switch.stopped:
                cancel.set()
                raise Stopped()
    except (asyncio.CancelledError, Stopped):
        cancel.set()
        raise
    except EditorError as exc:  # a mistake or a refusal: one log line, no traceback
        raise user_error(
            exc, title=_title(exc, lang), page=page, lang=lang, duration=None
        ) from None
    except Exception:  # a bug: log it for the operator, show the user no traceback
        log.exception("edit failed unexpectedly")
        title, said = words("toast.unexpected", lang), words("toast.unexpected_text", lang)
        raise gr.Error(
            titled(title, said) if page else said,
            title=title,
            print_exception=False,  # logged above, through the logging filter
        ) from None


_TITLES = {
    "ValidationError": "toast.check_settings",
    "ImageInputError": "toast.image_problem",
    "MissingApiKey": "toast.key_needed",
    "InvalidApiKey": "toast.key_refused",
    "SpendingCap": "toast.daily_limit",
}


def _title(exc: EditorError, lang: str = DEFAULT_LANGUAGE) -> str:
    return words(_TITLES.get(exc.code, "toast.edit_failed"), lang)


def gallery_items(result: EditResult, published: list[str]) -> list[tuple[str, str]]:
    # Captions are text in the Gallery (a text node and the image's alt): plain, not escaped.
    size = f" · {result.usage.width}×{result.usage.height}" if result.usage else ""
    return [
        (path, text.plain(f"{i}/{len(published)}{size}", one_line=True))
        for i, path in enumerate(published, 1)
    ]


def spending_today(services: Services, visitor: tuple[str, ...]) -> str:
    """'Today: 3 of 20 edits, $0.09 of this app's $5.00 daily budget', when caps are set."""
    ledger = services.editor.spending
    return "" if ledger is None else ledger.today(visitor).describe()


_SLOT = "QWENSLOT"  # letters only: text.markdown leaves it as it is


def _cost(cost, lang: str) -> str:
    """CostEstimate.describe() in the reader's language: '$0.0600 (2 × $0.03, singapore)'."""
    if cost.usd is None:
        return words("status.cost_unpublished", lang, images=cost.images)
    region = cost.region
    if lang != DEFAULT_LANGUAGE and region in REGIONS:
        region = render(REGIONS[region].label, lang)
    return words(
        "status.cost_figure", lang, usd=cost.usd, images=cost.images, unit=cost.unit_price,
        region=region,
    )  # fmt: skip


def status_text(result: EditResult, today: str = "", lang: str = DEFAULT_LANGUAGE) -> str:
    """The Markdown status line, in the reader's language. Every value in it that a service
    or a person chose (request id, warnings quoting their text) goes through ui.text, so it
    reads as itself; the catalogue's own words are escaped too (they are plain text)."""
    md = text.markdown

    def said(key: str, **params: object) -> str:
        return words(key, lang, **params)

    parts = [f"**{md(said('status.done', seconds=result.elapsed_s))}**"]
    if result.usage:
        u = result.usage
        parts.append(md(f"{u.image_count} × {u.width}×{u.height}"))
    # The code spans are Markdown already: placed after escaping the sentence around them.
    parts.append(md(said("status.seed", seed=_SLOT)).replace(_SLOT, text.code(result.seed)))
    parts.append(md(said("status.cost", cost=_cost(result.cost, lang))))
    region = result.parameters.get("region")
    if isinstance(region, dict) and result.images:
        parts.append(md(said("status.region", size=_size_of(result.images[0]))))
    if result.entry_id:
        parts.append(md(said("status.saved")))
    request = md(said("status.request", request_id=_SLOT))
    parts.append(request.replace(_SLOT, text.code(result.request_id)))  # last: for support
    line = " · ".join(parts)
    # The caps line and the warnings are the services' Messages (as Translatable text):
    # rendered in the reader's language too.
    if today:
        line += "\n\n" + text.markdown(render(today, lang))
    if result.warnings:
        note = md(said("status.note"))
        line += "\n\n" + "\n".join(f"- **{note}** {md(render(w, lang))}" for w in result.warnings)
    return line


def _size_of(path: Path) -> str:
    try:
        with Image.open(path) as image:
            return f"{image.width}×{image.height}"
    except OSError:
        return "size"


# The busy line; the page counts the seconds itself (SHORTCUTS in ui/layout.py), so no timer
# events travel to the server and back while the edit runs.
ELAPSED = '<span class="spinner"></span> Editing… <span class="elapsed">0.0</span> s'


def metadata(result: EditResult) -> dict:
    """The machine-readable half of an API answer (never the key)."""
    return {
        "request_id": result.request_id,
        "model": result.model,
        "region": result.region,
        "seed": result.seed,
        "usage": None
        if result.usage is None
        else {
            "width": result.usage.width,
            "height": result.usage.height,
            "image_count": result.usage.image_count,
        },
        "cost_usd": result.cost.usd,
        "unit_price_usd": result.cost.unit_price,
        "elapsed_s": round(result.elapsed_s, 3),
        "warnings": list(result.warnings),
        "parameters": result.parameters,
        "files": [Path(p).name for p in result.images],
        "entry_id": result.entry_id,
    }
