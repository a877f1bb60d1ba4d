"""Images given to the MCP edit tool as text, made into what the edit takes (files and links).

What an MCP client can send, and what each becomes:
- this app's own file URL (`.../gradio_api/file=<path>`): what `gradio upload-mcp`'s
  upload_file_to_gradio tool returns once it has uploaded a local file. It becomes that uploaded
  file, only when it lies in Gradio's upload folder (which that URL serves anyway). Fetched over
  HTTP it would fail on a local app: Gradio's and the service's fetchers refuse loopback.
- a `data:image/...;base64,...` URI: decoded (services/image_urls.py checks it) into a file.
- any other http(s) URL: passed on as a link, as /edit's image_urls (the service fetches it).
Any other text is passed on as a link too, and the services refuse it by the image's number
without ever opening it as a path.
Files keep their order before links: a local image given after a link goes as a data: URI.
"""

from __future__ import annotations

import base64
from pathlib import Path
from urllib.parse import unquote, urlsplit

from gradio.utils import get_upload_folder

from services.image_urls import classify, decode_data_uri
from services.messages import Message, msg

FILE_ROUTE = "/gradio_api/file="


def tidy(text: str) -> str:
    """One line: base64 wrapped over lines (as some encoders do) joined; a URL's line breaks
    dropped (the links travel one per line, so a break would make two images of one)."""
    text = text.strip()
    if text[:5].lower() == "data:":
        return "".join(text.split())
    return text.replace("\r", "").replace("\n", "")


def own_file(text: str) -> Path | None:
    """The uploaded file a URL of this app's file route names, if it is one."""
    parts = urlsplit(text.strip())
    if parts.scheme not in ("http", "https") or FILE_ROUTE not in parts.path:
        return None
    path = Path(unquote(parts.path.split(FILE_ROUTE, 1)[1])).resolve()
    folder = Path(get_upload_folder()).resolve()
    return path if path.is_file() and path.is_relative_to(folder) else None


def local_file(text: str, workdir: Path, name: str, label: Message) -> Path | None:
    """A file for `text` when it is local (this app's file URL or a data: URI), else None."""
    found = own_file(text)
    if found is not None:
        return found
    if classify(text, label=label) != "data":
        return None
    path = workdir / name
    path.write_bytes(decode_data_uri(text, label=label))
    return path


def resolve(texts: list[str], workdir: Path) -> tuple[list[Path], list[str]]:
    """(files, links) for the images given, in their order. Raises an EditorError (naming the
    image) for a data: URI that does not decode, or text that is neither a URL nor a data: URI."""
    files: list[Path] = []
    links: list[str] = []
    for index, given in enumerate(texts, 1):
        text = tidy(given)
        local = local_file(text, workdir, f"image-{index}", msg("label.image", index=index))
        if local is None:
            links.append(text)
        elif links:  # after a link: as text too, so that the images keep their order
            links.append("data:image/png;base64," + base64.b64encode(local.read_bytes()).decode())
        else:
            files.append(local)
    return files, links
