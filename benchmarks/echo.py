"""The transport floor: a trivial Gradio app whose /edit takes the same parameters as the real
one (the images as gr.File, multiple) and answers with the same number of output files, copies
of PNGs of the real outputs' size, without doing any work. Whatever it costs is Gradio: the
upload, the queue, the answer, the client's download of the outputs."""

from __future__ import annotations

import os
import secrets
import shutil
from pathlib import Path

from benchmarks.common import free_port


def build(outputs: dict[int, list[Path]], scratch: Path):
    """outputs: for each n, the PNG files to hand back (one per output)."""
    import gradio as gr

    scratch.mkdir(parents=True, exist_ok=True)

    def edit(
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
    ):
        if not images:
            raise gr.Error("Give at least one image.")
        files = []
        for source in outputs[int(n)]:
            # A fresh file each time, with content of its own, as each real output is: Gradio
            # hashes and caches every returned file, and a known hash would skip the copy.
            target = scratch / f"{secrets.token_hex(8)}.png"
            shutil.copyfile(source, target)
            with open(target, "ab") as fh:
                fh.write(os.urandom(16))  # after IEND: ignored by decoders
            files.append(str(target))
        return files, {"n": int(n), "images": len(images)}

    with gr.Blocks() as demo:
        inputs = [
            gr.File(label="images", file_count="multiple", file_types=["image"]),
            gr.Textbox(label="image_urls"),
            gr.Textbox(label="prompt"),
            gr.Textbox(label="negative_prompt"),
            gr.Dropdown(["qwen-image-edit-plus"], label="model"),
            gr.Number(1, label="n"),
            gr.Number(None, label="seed"),
            gr.Number(None, label="width"),
            gr.Number(None, label="height"),
            gr.Checkbox(True, label="prompt_extend"),
            gr.Checkbox(False, label="watermark"),
            gr.Textbox(None, label="api_key"),
            gr.Textbox(None, label="region"),
            gr.Textbox(None, label="user_id"),
        ]
        files = gr.File(label="files", file_count="multiple")
        meta = gr.JSON(label="metadata")
        gr.Button(visible=False).click(edit, inputs, [files, meta], api_name="edit")
    demo.queue(default_concurrency_limit=None)
    return demo


def launch(outputs: dict[int, list[Path]], scratch: Path):
    demo = build(outputs, scratch)
    demo.launch(
        server_name="127.0.0.1",
        server_port=free_port(),
        prevent_thread_lock=True,
        quiet=True,
        max_file_size="50mb",  # the real app's upload limit, so the same checks run
        allowed_paths=[],
    )
    return demo
