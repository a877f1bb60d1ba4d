"""The public `edit` endpoint for programs: typed, documented parameters on hidden components,
so that Gradio's own upload checks apply to every file a client sends."""

from __future__ import annotations

from pathlib import Path

import gradio as gr

from services.container import Services
from services.errors import EditorError
from services.messages import text as words
from services.models import DEFAULT_MODEL, MODELS
from ui import handlers
from ui.files import publish_all_off_loop
from ui.i18n import language_of
from ui.mcp_tools import build_mcp_edit
from ui.wiring import EDIT_POOL


def build_api(services: Services) -> None:
    with gr.Column(visible=False):
        images = gr.File(label="images", file_count="multiple", file_types=["image"])
        image_urls = gr.Textbox(label="image_urls")
        prompt = gr.Textbox(label="prompt")
        negative_prompt = gr.Textbox(label="negative_prompt")
        model = gr.Dropdown(list(MODELS), value=DEFAULT_MODEL, label="model")
        # No precision: rounding here would hide a 2.5 or 1.5 from the validation.
        n = gr.Number(1, label="n")
        seed = gr.Number(None, label="seed")
        width = gr.Number(None, label="width")
        height = gr.Number(None, label="height")
        prompt_extend = gr.Checkbox(True, label="prompt_extend")
        watermark = gr.Checkbox(False, label="watermark")
        api_key = gr.Textbox(None, label="api_key", type="password")
        region = gr.Textbox(None, label="region")
        user_id = gr.Textbox(None, label="user_id")
        mask = gr.File(label="mask", file_types=["image"])
        margin = gr.Number(None, label="margin")
        feather = gr.Number(None, label="feather")
        files = gr.File(label="files", file_count="multiple")
        meta = gr.JSON(label="metadata")
        trigger = gr.Button(visible=False)

    # Every parameter but images and prompt has a default (None = the documented default), so
    # a program may pass only those two: Gradio marks a parameter optional from this signature.
    async def edit(
        images: list[str] | None,
        image_urls: str | None = None,
        prompt: str = "",
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
        """Edit 1-3 images with an instruction using a Qwen image-edit model.

        Args:
            images: 1-3 image files (JPEG, PNG, BMP, TIFF, WEBP, GIF, HEIC); with several, the last sets the output's aspect ratio.
            image_urls: optional public http(s) image links, one per line, sent after the files (3 images in all at most).
            prompt: the edit instruction, at most 800 characters; refer to "image 1", "image 2"...
            negative_prompt: what to avoid, at most 500 characters.
            model: MODEL_LIST
            n: number of outputs, 1-6 (1 on qwen-image-edit); default 1.
            seed: 0-2147483647, or empty for a random seed (the one used is returned).
            width: output width 512-2048 with height; only with n = 1 and not on qwen-image-edit; empty for automatic.
            height: output height 512-2048 with width.
            prompt_extend: let the service rewrite the instruction (default true; ignored by qwen-image-edit).
            watermark: add a "Qwen-Image" mark bottom right (default false).
            api_key: your own DashScope key, if the server has none for you; never returned or stored.
            region: singapore (default) or beijing; keys are per region.
            user_id: the history to record this edit in: the user_id an earlier /edit answer returned (signed by this server; keep it secret). Empty: a new history is started and its id returned. Ignored when you are logged in: your login's history is used.
            mask: optional region edit: an image the size of image 1, white where to edit. Only that part is sent (with context) and the outputs come back at image 1's full resolution, every pixel outside the region unchanged. Image 1 must be a file.
            margin: region edits: context sent around the region, as a share of its size, 0-2 (default 0.35).
            feather: region edits: width of the soft seam in pixels (default 2 % of the crop's short side).
        Returns:
            The edited images as PNG files, and metadata: request_id, usage, seed, cost, warnings.
        """  # noqa: E501
        urls = [u.strip() for u in (image_urls or "").splitlines() if u.strip()]
        # Uploads are files (Path); the lines of image_urls stay text, which is only ever a
        # link or a data: URI, never opened as a path on the server.
        sources = [*(Path(p) for p in images or []), *urls]
        if (width is None) != (height is None):
            raise gr.Error(
                "Give both width and height, or neither for an automatic size.",
                title=words("toast.check_settings", language_of(request)),
            )
        model = model or DEFAULT_MODEL
        spec = MODELS.get(model)
        form = handlers.EditForm(
            images=sources,
            prompt=prompt or "",
            negative_prompt=negative_prompt or "",
            model=model,
            n=1 if n is None else n,  # type: ignore[arg-type]
            size_choice="Custom" if width is not None else None,
            width=width,
            height=height,
            seed=seed,
            randomize=seed is None,
            prompt_extend=True if prompt_extend is None else prompt_extend,
            watermark=False if watermark is None else watermark,
            region=region,
            api_key=api_key or "",
            mask=Path(mask) if mask else None,
            margin=margin,
            feather=feather,
        )
        if spec is not None and not spec.supports_prompt_extend:
            form.prompt_extend = None
        if not sources:
            raise gr.Error(
                "Give at least one image (a file or an http(s) link).",
                title=words("toast.nothing_to_edit", language_of(request)),
            )
        try:  # before anything is sent (and paid for)
            uid, token = services.identities.resolve(
                getattr(request, "username", None), user_id, create=True
            )
        except EditorError as exc:
            lang = language_of(request)
            title = words("toast.history_id_title", lang)
            raise handlers.user_error(exc, title=title, page=False, lang=lang) from None
        visitor = handlers.visitor_keys(uid, request)
        result = await handlers.run_edit(services, form, uid, visitor, page=False)
        files = await publish_all_off_loop(result.images)
        return files, {**handlers.metadata(result), "user_id": token or None}

    others = ", ".join(name for name in MODELS if name != DEFAULT_MODEL)
    edit.__doc__ = (edit.__doc__ or "").replace(
        "MODEL_LIST", f"{DEFAULT_MODEL} (default), or one of {others}."
    )
    trigger.click(
        edit,
        [
            images,
            image_urls,
            prompt,
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
        [files, meta],
        api_name="edit",
        concurrency_limit=services.settings.max_concurrent_edits,
        concurrency_id=EDIT_POOL,
    )
    # The same edit as an MCP tool, in the shapes Gradio's MCP server can carry (ui/mcp_tools.py).
    build_mcp_edit(services, edit)
