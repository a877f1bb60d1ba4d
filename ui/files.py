"""Handing kept files to Gradio without serving the data folder.

Every image or zip the app returns is first copied into Gradio's own cache, which serves it at
a URL named by a hash of its content. The data folder (history database, every user's files) is
therefore never in `allowed_paths`: a path into it, another user's included, is refused."""

from __future__ import annotations

import asyncio
from pathlib import Path

from gradio.processing_utils import save_file_to_cache
from gradio.utils import get_upload_folder


def publish(path: str | Path) -> str:
    """The cached copy of a local file that may be returned to the browser or a client."""
    text = str(path)
    if text.startswith(("http://", "https://")):
        return text
    return save_file_to_cache(text, get_upload_folder())


def publish_all(paths) -> list[str]:
    return [publish(p) for p in paths]


async def publish_all_off_loop(paths) -> list[str]:
    """publish_all from an async handler: hashing and copying megabytes of PNG on the event
    loop would stall every other visitor's page (with 80 clients editing, /config timed out)."""
    # One thread per file: hashing and copying run side by side (both release the GIL).
    return list(await asyncio.gather(*(asyncio.to_thread(publish, p) for p in paths)))
