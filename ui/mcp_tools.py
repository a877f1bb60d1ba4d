"""The tools an MCP client (an agent) sees: edit, history_list and history_entry.

They are thin event handlers over the program API's own functions (ui/api.py, ui/history_api.py),
with the shapes Gradio 6.31's MCP server can carry, which the program API's cannot:
- images in as text, one per parameter (ui/mcp_sources.py makes them files or links): a list
  of files fails the MCP schema check, and Gradio's own file parameters would fetch this app's
  own upload URLs over HTTP, which its SSRF guard refuses on a local app;
- every image out in its own output: only a single file becomes an MCP ImageContent (a list is
  sent as the text of a Python list), so an edit has one slot per possible output (6);
- the metadata as JSON text (a gr.JSON output would arrive as a Python repr).
The events are "undocumented": callable, absent from the API page (which documents the program
API). ui/mcp_launch.py makes these three, and only these, the MCP server's tools.
"""

from __future__ import annotations

import asyncio
import json
import math
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import gradio as gr

from services.container import Services
from services.errors import EditorError
from services.messages import msg
from services.messages import text as words
from services.models import DEFAULT_MODEL, MODELS
from ui.files import publish_all
from ui.handlers import user_error
from ui.i18n import language_of
from ui.mcp_sources import local_file, resolve, tidy

MAX_OUTPUTS = 6  # the most outputs one edit gives (n = 6)
LIST_LIMIT = 20  # entries history_list returns unless asked for more (an agent's context)
LIST_MAX = 200

# The MCP tool name -> the event's api_name (ui/mcp_launch.py maps them).
TOOLS = {
    "edit": "mcp_edit",
    "history_list": "mcp_history_list",
    "history_entry": "mcp_history_entry",
}

# Outside Gradio's queue, each: Gradio's MCP server then calls the event in-process with the MCP
# request itself (its caller's address, for the per-address caps) and returns each output as
# its own content item. A queued event goes through an HTTP call from 127.0.0.1 to this app
# instead (every caller would share that address) and, unless the client asked for progress,
# comes back as one text holding all outputs (gradio/mcp.py, _execute_tool_without_progress).
_MCP_EVENT = {"api_visibility": "undocumented", "queue": False}


def _json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1, default=str)


def _slots(paths: list[str]) -> list[str | None]:
    return [*paths[:MAX_OUTPUTS], *[None] * (MAX_OUTPUTS - len(paths[:MAX_OUTPUTS]))]


def _limit(value: float | None) -> int:
    """history_list's limit, brought into 1-LIST_MAX (the default when missing or not finite)."""
    if value is None or not math.isfinite(value):
        return LIST_LIMIT
    return min(max(int(value), 1), LIST_MAX)


def _mask_file(text: str | None, workdir: Path, lang: str) -> Path | None:
    """The region mask as a file: it must be local (a data: URI or this app's file URL)."""
    if not text or not text.strip():
        return None
    found = local_file(tidy(text), workdir, "mask", msg("label.the_image"))
    if found is None:
        raise gr.Error(words("error.mcp.mask_link", lang), print_exception=False)
    return found


def _image_outputs() -> list[gr.File]:
    return [gr.File(label=f"image_{i}", file_types=["image"]) for i in range(1, MAX_OUTPUTS + 1)]


def build_mcp_edit(services: Services, api_edit: Callable) -> None:
    """The `edit` tool: `api_edit` is the program API's /edit handler (ui/api.py)."""
    with gr.Column(visible=False):
        image_inputs = [gr.Textbox(None, label=f"image_{i}") for i in range(1, 4)]
        prompt = gr.Textbox(label="prompt")
        negative_prompt = gr.Textbox(label="negative_prompt")
        model = gr.Dropdown(list(MODELS), value=DEFAULT_MODEL, label="model")
        n = gr.Number(None, label="n")
        seed = gr.Number(None, label="seed")
        width = gr.Number(None, label="width")
        height = gr.Number(None, label="height")
        prompt_extend = gr.Checkbox(None, label="prompt_extend")
        watermark = gr.Checkbox(None, label="watermark")
        api_key = gr.Textbox(None, label="api_key", type="password")
        region = gr.Textbox(None, label="region")
        user_id = gr.Textbox(None, label="user_id")
        mask = gr.Textbox(None, label="mask")
        margin = gr.Number(None, label="margin")
        feather = gr.Number(None, label="feather")
        answer = gr.Textbox(label="result")
        outputs = _image_outputs()
        trigger = gr.Button(visible=False)

    # Edits from MCP under way (running or waiting for the service's workers), and how many
    # may be: what the queue would hold (its running edits and waiting room).
    inflight = [0]
    room = services.settings.max_concurrent_edits + services.settings.queue_size

    async def edit(
        image_1: str,
        prompt: str,
        image_2: str | None = None,
        image_3: str | None = None,
        negative_prompt: str | None = None,
        model: str | None = None,
        n: float | None = None,
        seed: float | None = None,
        width: float | None = None,
        height: float | None = None,
        prompt_extend: bool | None = None,
        watermark: bool | None = None,
        api_key: str | None = None,
        region: str | None = None,
        user_id: str | None = None,
        mask: str | None = None,
        margin: float | None = None,
        feather: float | None = None,
        request: gr.Request = None,  # type: ignore[assignment]  # Gradio fills it in
    ):
        """Edit 1-3 images with a text instruction (Qwen image-edit models) and get the edited images back as PNG.

        Give each image as a data:image/...;base64 URI, as the URL this app gave for a file uploaded to it (e.g. by the upload_file_to_gradio tool of `gradio upload-mcp`), or as a public http(s) URL, which the model service fetches itself (JPEG, PNG, BMP, TIFF, WEBP, GIF, HEIC). Nothing is sent to the model until the request is valid; an invalid one gets a readable reason. The answer is, first, a JSON text with user_id, entry_id, seed, request_id, usage, cost_usd and warnings, then one image per output (each followed by its URL), then None for each unused output slot (6 in all). Keep the returned user_id: it is the key to this caller's edit history (history_list, history_entry); pass it to every later edit to keep one history.

        Args:
            image_1: the image to edit: a data:image/...;base64 URI, this app's file URL, or a public http(s) URL.
            prompt: the edit instruction, 1-800 characters; with several images refer to them as "image 1", "image 2"...
            image_2: optional second image (same forms as image_1).
            image_3: optional third image. With several images the last one sets the output's aspect ratio.
            negative_prompt: optional: what to avoid, at most 500 characters.
            model: MODEL_LIST
            n: number of output images, 1-6 (default 1; qwen-image-edit gives 1).
            seed: 0-2147483647 to repeat a result; omit for a random seed (the one used is returned).
            width: output width in pixels, 512-2048, together with height; only with n = 1 and not on qwen-image-edit; omit for an automatic size.
            height: output height in pixels, 512-2048, together with width.
            prompt_extend: let the service rewrite the instruction for better results (default true).
            watermark: add a small "Qwen-Image" mark bottom right (default false).
            api_key: a DashScope API key, only if this server has none for you; never stored or returned. Prefer a server that has its own key: an agent's tool arguments may be logged.
            region: singapore (default) or beijing; a key works in its own region only.
            user_id: the user_id an earlier edit returned, to record this edit in the same history; omit to start a new history (its id is returned). It is a secret: whoever has it can read that history.
            mask: optional region edit: an image the size of image_1, white where to edit, black elsewhere, as a data: URI or this app's file URL (image_1 too must be one of those). Only that part changes; the outputs keep image_1's full size.
            margin: region edits: context around the region sent to the model, as a share of its size, 0-2 (default 0.35).
            feather: region edits: width of the soft seam in pixels (default 2 % of the crop's short side).
        Returns:
            JSON text (user_id, entry_id, seed, request_id, usage, cost_usd, warnings), then the edited images.
        """  # noqa: E501
        lang = language_of(request)
        if inflight[0] >= room:  # outside the queue: its max_size does not hold these
            raise gr.Error(words("error.mcp.busy", lang, count=room))
        inflight[0] += 1
        workdir = Path(tempfile.mkdtemp(prefix="qwen-edit-mcp-"))
        try:
            given = [t for t in (image_1, image_2, image_3) if t and t.strip()]
            try:
                # Off the event loop: decoding megabytes of base64 would stall every page.
                files, links = await asyncio.to_thread(resolve, given, workdir)
                region_mask = await asyncio.to_thread(_mask_file, mask, workdir, lang)
            except EditorError as exc:
                raise user_error(exc, "mcp edit", page=False, lang=lang) from None
            files, meta = await api_edit(
                images=[str(p) for p in files],
                image_urls="\n".join(links),
                prompt=prompt,
                negative_prompt=negative_prompt,
                model=model,
                n=n,
                seed=seed,
                width=width,
                height=height,
                prompt_extend=prompt_extend,
                watermark=watermark,
                api_key=api_key,
                region=region,
                user_id=user_id,
                mask=str(region_mask) if region_mask else None,
                margin=margin,
                feather=feather,
                request=request,
            )
        finally:
            inflight[0] -= 1
            shutil.rmtree(workdir, ignore_errors=True)  # the history keeps its own copies
        return _json(meta), *_slots(files)

    others = ", ".join(name for name in MODELS if name != DEFAULT_MODEL)
    edit.__doc__ = (edit.__doc__ or "").replace(
        "MODEL_LIST", f"{DEFAULT_MODEL} (default), or one of {others}."
    )
    trigger.click(
        edit,
        [
            image_inputs[0],
            prompt,
            image_inputs[1],
            image_inputs[2],
            negative_prompt,
            model,
            n,
            seed,
            width,
            height,
            prompt_extend,
            watermark,
            api_key,
            region,
            user_id,
            mask,
            margin,
            feather,
        ],
        [answer, *outputs],
        api_name=TOOLS["edit"],
        **_MCP_EVENT,
    )


def build_mcp_history(services: Services, caller: Callable, summary: Callable) -> None:
    """The history tools. `caller(user_id, request)` is the history a call may touch (the
    login's, else the signed id's; ui/history_api.py), `summary(entry)` an entry as a dict."""
    store = services.history

    with gr.Column(visible=False):
        user_id = gr.Textbox(label="user_id")
        search = gr.Textbox(label="search")
        model = gr.Textbox(label="model")
        status = gr.Textbox(label="status")
        limit = gr.Number(None, label="limit")
        entry_id = gr.Textbox(label="entry_id")
        listing = gr.Textbox(label="entries")
        entry_text = gr.Textbox(label="entry")
        outputs = _image_outputs()
        buttons = [gr.Button(visible=False) for _ in range(2)]

    def history_list(
        user_id: str,
        search: str | None = None,  # None, not "": Gradio marks a parameter optional by it
        model: str | None = None,
        status: str | None = None,
        limit: float | None = None,
        request: gr.Request = None,  # type: ignore[assignment]
    ):
        """List the edits in one history, newest first, as JSON text.

        A history is named by the user_id that the edit tool returned (the same id for every edit made with it); another user_id cannot see it. Each entry gives id (the entry_id for history_entry), created_iso, status ("ok" or "failed"), model, prompt, seed, cost_usd, image_count, the output file names, and error_message for a failed edit. Images are not included: read one entry with history_entry.

        Args:
            user_id: the user_id an edit answer returned (the history's key).
            search: only edits whose instruction contains this text (default: all).
            model: only edits made with this model (default: all).
            status: "ok", "failed", or empty for both.
            limit: how many entries at most, 1-200 (default 20).
        Returns:
            JSON text: {"count": how many match, "entries": [...]}.
        """  # noqa: E501
        try:
            user = caller(user_id, request)
            count = _limit(limit)
            filters = {"search": search or "", "model": model or None, "status": status or None}
            found = store.list(user, limit=count, **filters)
            total = store.count(user, **filters)
        except EditorError as exc:
            raise user_error(exc, "history_list", page=False) from None
        return _json({"count": total, "entries": [summary(e) for e in found]})

    def history_entry(user_id: str, entry_id: str, request: gr.Request = None):  # type: ignore[assignment]
        """Read one edit of a history: its record as JSON text, then its output images.

        Give the user_id the edit tool returned and the entry's id. The record has everything needed to run the edit again: prompt, negative_prompt, model, parameters (n, size, seed, region...), seed, request_id, usage, cost_usd, warnings, status and error_message, and the names of its inputs. Then come its output images (each followed by its URL) and None for each unused slot (6 in all).

        Args:
            user_id: the user_id an edit answer returned (the history's key).
            entry_id: the entry's id, from history_list or the entry_id of an edit answer.
        Returns:
            JSON text of the entry, then its output images.
        """  # noqa: E501
        try:
            entry = store.get(caller(user_id, request), entry_id)
            files = publish_all(entry.output_paths())
        except EditorError as exc:
            raise user_error(exc, "history_entry", page=False) from None
        return _json(summary(entry)), *_slots(files)

    wiring = [
        (buttons[0], history_list, [user_id, search, model, status, limit], listing),
        (buttons[1], history_entry, [user_id, entry_id], [entry_text, *outputs]),
    ]
    for button, fn, inputs, outs in wiring:
        button.click(
            fn,
            inputs,
            outs,
            api_name=TOOLS[fn.__name__],
            **_MCP_EVENT,
        )
