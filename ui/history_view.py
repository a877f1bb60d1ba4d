"""The History tab's words, without gradio: captions of the grid, the details of one edit, the
page line, and a failure said for a designer instead of its code.

Captions are text nodes (and alt/title attributes): plain text through `text.plain`, never
escaped. Details are Markdown: every value from a history row goes through `text.markdown` or
`text.code`, so a planted prompt shows as its text."""

from __future__ import annotations

import time

from services.history import Entry, saved_request
from services.models import MODELS
from ui import text

PAGE_SIZE = 24  # tiles per page: 6 rows of 4 at 1440 px, 12 of 2 on a phone
INSTRUCTION_CHARS = 90  # of the instruction in a caption: about two lines of a tile
CHOSEN_MARK = "✓ "
FAILED_MARK = "✕ "

# Each EditorError code (services/errors.py and the services' own) in a designer's words,
# after "Failed: ".
# Codes the service sends in more detail ("Throttling.RateQuota") are read by their first part.
FAILURE_WORDS = {
    "EditorError": "the edit could not be completed",
    "ValidationError": "a setting was not accepted",
    "ImageInputError": "an input image could not be read",
    "MissingApiKey": "no API key was given",
    "InvalidApiKey": "the API key was not accepted",
    "Throttling": "the service asked to slow down (too many requests)",
    "DataInspectionFailed": "the service's content check stopped this edit",
    "InvalidParameter": "the service rejected a setting",
    "BadRequest": "the service could not use an input image",
    "AccessDenied": "the account cannot use this model right now",
    "ModelNotFound": "the service does not offer this model here",
    "InternalError": "the service had a problem on its side",
    "Timeout": "no answer in time (the service may still have made the images)",
    "ConnectionError": "the service could not be reached",
    "MalformedResponse": "the service's answer could not be read",
    "ResultDownloadFailed": "the outputs were made but could not be downloaded",
    "Cancelled": "stopped before it finished",
    "SpendingCap": "the spending limit for today was reached",
    "InvalidHistoryId": "this browser's history id was not accepted",
    "HistoryError": "the history could not save this edit",
    "HistoryNotIndexed": "the edit was kept on disk but could not be listed",
    "RegionError": "the painted region could not be used",
    "EmptyMask": "no region was painted",
    "MaskSize": "the painted region does not match image 1's size",
    "MaskTooLarge": "the painted region covers almost the whole image",
    "MaskTooSmall": "the painted region is too small",
    "MaskShape": "the image is too long and thin for a region edit",
}
# Service codes that mean the same as one above (see map_error in the DashScope backend).
_SAME_AS = {
    "LimitRequests": "Throttling",
    "Arrearage": "AccessDenied",
    "InvalidURL": "BadRequest",
    "SystemError": "InternalError",
    "ModelUnavailable": "InternalError",
    "DataInspection": "DataInspectionFailed",
}


def failure_words(code: str | None) -> str:
    """'Failed: <what happened, in words>' for an error code; just 'Failed' for a code this app
    does not know."""
    code = (code or "").strip()
    head = code.split(".", 1)[0]
    key = code if code in FAILURE_WORDS else _SAME_AS.get(code) or _SAME_AS.get(head) or head
    words = FAILURE_WORDS.get(key)
    return f"Failed: {words}" if words else "Failed"


def when(ts: float) -> str:
    """The full date and time, for the details: '27 Nov 2025, 14:05'."""
    t = time.localtime(ts)
    return f"{t.tm_mday} {time.strftime('%b %Y, %H:%M', t)}"


def when_short(ts: float, now: float | None = None) -> str:
    """A tile's date: '27 Nov 14:05', with the year when it is not this year's."""
    t, today = time.localtime(ts), time.localtime(time.time() if now is None else now)
    year = "" if t.tm_year == today.tm_year else f" {t.tm_year}"
    return f"{t.tm_mday} {time.strftime('%b', t)}{year} {time.strftime('%H:%M', t)}"


def model_label(name: str) -> str:
    spec = MODELS.get(name)
    return spec.label if spec else name


def model_short(name: str) -> str:
    """The model's name for a tile: 'Plus', 'Max 2026-01-16', 'Image 2.0 Pro', 'Image Edit'."""
    spec = MODELS.get(name)
    if spec is None:
        return name
    label = spec.label.removeprefix("Qwen ")
    label = label.removeprefix("Image Edit ") if label != "Image Edit" else label
    return label.replace(" snapshot)", "").replace("(", "")


def caption(entry: Entry) -> str:
    """The entry's instruction line: on one line, plain, cut to about two lines of a tile, and
    'FAILED · ' before it when the edit failed."""
    mark = "" if entry.status == "ok" else "FAILED · "
    prompt = text.plain(entry.prompt, one_line=True) or "(no instruction)"
    if len(prompt) > INSTRUCTION_CHARS:
        prompt = prompt[: INSTRUCTION_CHARS - 1] + "…"
    return f"{mark}{prompt}"


def tile_caption(entry: Entry, chosen: bool = False, now: float | None = None) -> str:
    """A tile's caption: '✓ ' when chosen, then date, time and model on the first line; the
    failed badge and the instruction on the next two (assets/history.css wraps it there)."""
    head = f"{CHOSEN_MARK if chosen else ''}{when_short(entry.created, now)} · "
    head += text.plain(model_short(entry.model), one_line=True)
    badge = "" if entry.status == "ok" else FAILED_MARK
    return f"{head}\n{badge}{caption(entry)}"


def page_line(page: int, pages: int, total: int, filtered: bool) -> str:
    """'Page 2 of 21 · 500 edits', or what an empty list means."""
    if total == 0:
        return "No edit matches these filters." if filtered else "No edits yet."
    noun = "edit" if total == 1 else "edits"
    return f"Page {page} of {pages} · {total} {noun}{' match' if filtered else ''}, newest first"


def pages_for(total: int, size: int = PAGE_SIZE) -> int:
    return max(1, -(-total // size))


def chosen_line(count: int, selecting: bool) -> str:
    if not selecting:
        return "To export or delete several edits, tick **Select several**, then click them."
    if not count:
        return "Click edits in the grid to choose them."
    return f"**{count} chosen**"


def _error_text(entry: Entry) -> str:
    """The service's message without the request id it ends with (the details end with it)."""
    message = entry.error_message or ""
    suffix = f" (request id {entry.request_id})"
    if entry.request_id and message.endswith(suffix):
        message = message[: -len(suffix)]
    return message


def _is_box(value: object) -> bool:
    """Four whole numbers (a manifest read back is not trusted)."""
    return isinstance(value, list) and len(value) == 4 and all(type(v) is int for v in value)


def describe(entry: Entry) -> str:
    """The entry's details as Markdown: what happened first (a failure in words, then the
    service's message), the request id last. Every value from the history row (instruction,
    negative prompt, model, region, request id, the service's error, warnings quoting the
    user's text) goes through ui.text, so a planted prompt shows as its text, never as markup."""
    md, code = text.markdown, text.code
    p = entry.parameters
    ok = entry.status == "ok"
    model = md(model_label(entry.model)) if entry.model in MODELS else code(entry.model)
    made = f"{md(when(entry.created))} · {model} · {md(str(entry.region).title())}"
    if ok:
        lines = [f"**Succeeded** · {made}"]
    else:
        said = _error_text(entry)
        lines = [
            f"**✕ {md(failure_words(entry.error_code))}.**" + (f" {md(said)}" if said else ""),
            made,
        ]
    lines.append(f"> {md(entry.prompt)}")
    if entry.negative_prompt:
        lines.append(f"Negative: <em>{md(entry.negative_prompt)}</em>")
    asked = saved_request(p)  # the person's settings, not the wire's
    settings = [f"n = {md(asked.n)}", f"seed {code(entry.seed)}"]
    if asked.size is not None:
        settings.append(f"size {md(f'{asked.size.width}×{asked.size.height}')}")
    elif "request" not in p and "size" in p:  # an entry from before the request was kept
        settings.append(f"size {md(p['size'])}")
    if asked.prompt_extend is not None:
        settings.append(f"prompt rewriting {'on' if asked.prompt_extend else 'off'}")
    settings.append(f"watermark {'on' if asked.watermark else 'off'}")
    box = p["region"].get("box") if isinstance(p.get("region"), dict) else None
    if asked.region is not None and _is_box(box):
        settings.append(md(f"region edit: a {box[2] - box[0]}×{box[3] - box[1]} crop"))
    lines.append(" · ".join(settings))
    facts = []
    if entry.usage:
        u = entry.usage
        facts.append(md(f"{u['image_count']} × {u['width']}×{u['height']}"))
    if entry.cost_usd is not None:
        facts.append(md(f"≈ ${entry.cost_usd:.4f}"))
    if entry.timings:
        facts.append(f"{sum(entry.timings.values()):.1f} s")
    if facts:
        lines.append(" · ".join(facts))
    if entry.pending_urls:
        until = md(when(entry.pending_until()))
        lines.append(
            f"**{len(entry.pending_urls)} output(s) made but not downloaded yet**: "
            f"fetch them before {until}, when their links expire."
        )
    lines += [f"- **Note:** {md(w)}" for w in entry.warnings]
    if entry.request_id:
        lines.append(f"For support: request {code(entry.request_id)}")
    return "\n\n".join(lines)
