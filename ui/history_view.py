"""The History tab's words, without gradio: captions of the grid, the details of one edit, the
page line, and a failure said for a designer instead of its code.

Captions are text nodes (and alt/title attributes): plain text through `text.plain`, never
escaped. Details are Markdown: every value from a history row goes through `text.markdown` or
`text.code`, so a planted prompt shows as its text."""

from __future__ import annotations

import itertools
import time

from services.errors import SERVICE_SAID, scrub
from services.history import Entry, saved_request
from services.messages import CATALOGUES, DEFAULT_LANGUAGE, Message, from_data, render_or
from services.messages import text as said
from services.models import MODELS
from ui import text

PAGE_SIZE = 24  # tiles per page: 6 rows of 4 at 1440 px, 12 of 2 on a phone
INSTRUCTION_CHARS = 90  # of the instruction in a caption: about two lines of a tile
CHOSEN_MARK = "✓ "
FAILED_MARK = "✕ "

# Each EditorError code (services/errors.py and the services' own) in a designer's words,
# after "Failed: ".
# Codes the service sends in more detail ("Throttling.RateQuota") are read by their first part.
# The words live in the catalogue as history.failure.<code> (services/messages).
FAILURE_WORDS = {
    code: f"history.failure.{code}"
    for code in (
        "EditorError",
        "ValidationError",
        "ImageInputError",
        "MissingApiKey",
        "InvalidApiKey",
        "Throttling",
        "DataInspectionFailed",
        "InvalidParameter",
        "BadRequest",
        "AccessDenied",
        "ModelNotFound",
        "InternalError",
        "Timeout",
        "ConnectionError",
        "MalformedResponse",
        "ResultDownloadFailed",
        "Cancelled",
        "SpendingCap",
        "InvalidHistoryId",
        "HistoryError",
        "HistoryNotIndexed",
        "RegionError",
        "EmptyMask",
        "MaskSize",
        "MaskTooLarge",
        "MaskTooSmall",
        "MaskShape",
        "BatchRefused",  # qwen-edit's (services/batch.py): never in a history, named all the same
    )
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


def failure_words(code: str | None, lang: str = DEFAULT_LANGUAGE) -> str:
    """'Failed: <what happened, in words>' for an error code; just 'Failed' for a code this app
    does not know."""
    code = (code or "").strip()
    head = code.split(".", 1)[0]
    key = code if code in FAILURE_WORDS else _SAME_AS.get(code) or _SAME_AS.get(head) or head
    words = FAILURE_WORDS.get(key)
    if not words:
        return said("history.failed", lang)
    return said("history.failed_because", lang, words=said(words, lang))


def _month(t: time.struct_time, lang: str) -> str:
    """The month as the language's date writes it: 'Nov' in English, its number elsewhere."""
    return time.strftime("%b", t) if lang == DEFAULT_LANGUAGE else str(t.tm_mon)


def when(ts: float, lang: str = DEFAULT_LANGUAGE) -> str:
    """The full date and time, for the details: '27 Nov 2025, 14:05' ('2025年11月27日 14:05')."""
    t = time.localtime(ts)
    return said(
        "history.date.full",
        lang,
        day=t.tm_mday,
        month=_month(t, lang),
        year=t.tm_year,
        time=time.strftime("%H:%M", t),
    )


def when_short(ts: float, now: float | None = None, lang: str = DEFAULT_LANGUAGE) -> str:
    """A tile's date: '27 Nov 14:05', with the year when it is not this year's."""
    t, today = time.localtime(ts), time.localtime(time.time() if now is None else now)
    key = "history.date.short" if t.tm_year == today.tm_year else "history.date.short_year"
    return said(
        key,
        lang,
        day=t.tm_mday,
        month=_month(t, lang),
        year=t.tm_year,
        time=time.strftime("%H:%M", t),
    )


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


def caption(entry: Entry, lang: str = DEFAULT_LANGUAGE) -> str:
    """The entry's instruction line: on one line, plain, cut to about two lines of a tile, and
    'FAILED · ' before it when the edit failed."""
    prompt = text.plain(entry.prompt, one_line=True) or said("history.caption.no_instruction", lang)
    if len(prompt) > INSTRUCTION_CHARS:
        prompt = prompt[: INSTRUCTION_CHARS - 1] + "…"
    if entry.status == "ok":
        return prompt
    # The template is ours; the prompt is already plain text, and a caption is a text node.
    return said("history.caption.failed", lang, prompt=prompt)


def tile_caption(
    entry: Entry, chosen: bool = False, now: float | None = None, lang: str = DEFAULT_LANGUAGE
) -> str:
    """A tile's caption: '✓ ' when chosen, then date, time and model on the first line; the
    failed badge and the instruction on the next two (assets/history.css wraps it there)."""
    head = f"{CHOSEN_MARK if chosen else ''}{when_short(entry.created, now, lang)} · "
    head += text.plain(model_short(entry.model), one_line=True)
    badge = "" if entry.status == "ok" else FAILED_MARK
    return f"{head}\n{badge}{caption(entry, lang)}"


def page_line(
    page: int, pages: int, total: int, filtered: bool, lang: str = DEFAULT_LANGUAGE
) -> str:
    """'Page 2 of 21 · 500 edits', or what an empty list means."""
    if total == 0:
        return said("history.page.no_match" if filtered else "history.page.empty", lang)
    key = "history.page." + ("one" if total == 1 else "many") + ("_match" if filtered else "")
    return said(key, lang, page=page, pages=pages, total=total)


def pages_for(total: int, size: int = PAGE_SIZE) -> int:
    return max(1, -(-total // size))


def chosen_line(count: int, selecting: bool, lang: str = DEFAULT_LANGUAGE) -> str:
    if not selecting:
        return said("history.chosen.off", lang)
    if not count:
        return said("history.chosen.none", lang)
    return said("history.chosen.count", lang, count=count)


def _error_text(entry: Entry, lang: str = DEFAULT_LANGUAGE) -> str:
    """What went wrong and what to do, in lang when the entry kept it as messages (entries
    from before that keep their English text), without the request id: the details end with
    it."""
    english = entry.error_message or ""
    suffix = f" (request id {entry.request_id})"
    if entry.request_id and english.endswith(suffix):
        english = english[: -len(suffix)]
    message, hint = _stored_error(entry)
    if message is not None and hint is not None:
        message = Message("error.with_hint", {"message": message, "hint": hint})
    return scrub(render_or(message, lang, english))


def _stored_error(entry: Entry) -> tuple[Message | None, Message | None]:
    error = (entry.messages or {}).get("error")
    if not isinstance(error, dict):
        return None, None
    message = from_data({"key": error.get("key"), "params": error.get("params", {})})
    hint = None
    if error.get("hint_key"):
        hint = from_data({"key": error["hint_key"], "params": error.get("hint_params", {})})
    return message, hint


def _service_original(entry: Entry) -> str | None:
    """The DashScope service's own words that the error quoted, which the Chinese and Japanese
    messages replace by its code: shown once, marked as the service's original."""
    message, _ = _stored_error(entry)
    found = _quote_in(message) if message is not None else None
    return found if isinstance(found, str) and found else None


def _quote_in(message: Message, depth: int = 0) -> object:
    if message.key == SERVICE_SAID:
        return message.params.get("said")
    for value in message.params.values():
        if isinstance(value, Message) and depth < 8:
            found = _quote_in(value, depth + 1)
            if found is not None:
                return found
    return None


def _warning_texts(entry: Entry, lang: str) -> list[str]:
    """The warnings in lang where they were kept as messages, else as stored (English)."""
    kept = (entry.messages or {}).get("warnings")
    kept = kept if isinstance(kept, list) and len(kept) == len(entry.warnings) else []
    return [
        scrub(render_or(from_data(data), lang, str(english)))
        for english, data in itertools.zip_longest(entry.warnings, kept)
    ]


def _is_box(value: object) -> bool:
    """Four whole numbers (a manifest read back is not trusted)."""
    return isinstance(value, list) and len(value) == 4 and all(type(v) is int for v in value)


def _region_name(region: object, lang: str) -> str:
    """'Singapore' in English (as the details always said); the catalogue's name elsewhere."""
    key = f"region.{region}.label"
    if lang == DEFAULT_LANGUAGE or key not in CATALOGUES[lang]:
        return str(region).title()
    return said(key, lang)


def describe(entry: Entry, lang: str = DEFAULT_LANGUAGE) -> str:
    """The entry's details as Markdown: what happened first (a failure in words, then the
    service's message), the request id last. Every value from the history row (instruction,
    negative prompt, model, region, request id, the service's error, warnings quoting the
    user's text) goes through ui.text, so a planted prompt shows as its text, never as markup.
    The catalogue's templates are ours: only the values put into them are escaped."""
    md, code = text.markdown, text.code
    p = entry.parameters
    ok = entry.status == "ok"
    model = md(model_label(entry.model)) if entry.model in MODELS else code(entry.model)
    made = f"{md(when(entry.created, lang))} · {model} · {md(_region_name(entry.region, lang))}"
    if ok:
        lines = [said("history.details.succeeded", lang, made=made)]
    else:
        message = _error_text(entry, lang)
        failed = said(
            "history.details.failed", lang, words=md(failure_words(entry.error_code, lang))
        )
        lines = [failed + (f" {md(message)}" if message else ""), made]
        original = _service_original(entry) if lang != DEFAULT_LANGUAGE else None
        if original:
            lines.append(said("history.details.original", lang, text=code(scrub(original))))
    lines.append(f"> {md(entry.prompt)}")
    if entry.negative_prompt:
        lines.append(said("history.details.negative", lang, text=md(entry.negative_prompt)))
    asked = saved_request(p)  # the person's settings, not the wire's
    settings = [f"n = {md(asked.n)}", said("history.details.seed", lang, seed=code(entry.seed))]
    if asked.size is not None:
        size = md(f"{asked.size.width}×{asked.size.height}")
        settings.append(said("history.details.size", lang, size=size))
    elif "request" not in p and "size" in p:  # an entry from before the request was kept
        settings.append(said("history.details.size", lang, size=md(p["size"])))
    if asked.prompt_extend is not None:
        on = "on" if asked.prompt_extend else "off"
        settings.append(said(f"history.details.prompt_extend_{on}", lang))
    settings.append(said(f"history.details.watermark_{'on' if asked.watermark else 'off'}", lang))
    box = p["region"].get("box") if isinstance(p.get("region"), dict) else None
    if asked.region is not None and _is_box(box):
        crop = said(
            "history.details.region_crop", lang, width=box[2] - box[0], height=box[3] - box[1]
        )
        settings.append(md(crop))
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
        until = md(when(entry.pending_until(), lang))
        lines.append(
            said("history.details.pending", lang, count=len(entry.pending_urls), until=until)
        )
    lines += [said("history.details.note", lang, text=md(w)) for w in _warning_texts(entry, lang)]
    from ui.experiments_view import history_lines  # made by an experiment: its run, its axes

    lines += history_lines(p, lang)
    if entry.request_id:
        lines.append(said("history.details.support", lang, request_id=code(entry.request_id)))
    return "\n\n".join(lines)
