"""Turning one `{"image": ...}` value into a decoded Pillow image, as the service would.

Accepted: `data:<mime>;base64,<data>` and http(s) URLs (fetched with urllib). Everything
else fails with the code the real service uses for it.
"""

from __future__ import annotations

import base64
import binascii
import io
import time
import urllib.request
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, Protocol
from urllib.parse import urlsplit

from PIL import Image, ImageOps

from .codes import URL_ERROR, ApiError
from .fetch import PublicOnlyOpener

MAX_IMAGE_BYTES = 10 * 1024 * 1024
ALLOWED_MIMES = frozenset(
    {"image/jpeg", "image/jpg", "image/png", "image/bmp", "image/tiff", "image/webp", "image/gif"}
)
# What Pillow reports for those formats; MPO is how it names many phone JPEGs.
ALLOWED_FORMATS = frozenset({"JPEG", "MPO", "PNG", "BMP", "TIFF", "WEBP", "GIF"})
FETCH_TIMEOUT_S = 5.0
# Inputs are kept at most this large: the renderer only ever shows them at about 1 MP.
_WORKING_SIDE = 2048
_ORIENTATION = 0x0112  # the EXIF tag


class Opener(Protocol):
    def open(self, url: str, timeout: float) -> Any: ...


# Direct connections, any address: only for tests that serve inputs from loopback
# (Emulator(private_inputs=True)); a proxy from the environment must not intercept them.
DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))
# Real-host mode sets its own opener (proxy.py) for the duration of a request: a context
# variable, because several emulators in one process must not share it.
OPENER: ContextVar[Opener | None] = ContextVar("opener", default=None)


@dataclass(frozen=True)
class InputImage:
    image: Image.Image  # RGB, EXIF orientation applied, at most _WORKING_SIDE per side
    width: int  # as the service sees it (after EXIF orientation), before any working resize
    height: int
    summary: dict[str, Any]  # the RecordedRequest.images entry


def summarise(value: object) -> dict[str, Any]:
    """A cheap record of an image value, without decoding it (for rejected requests)."""
    entry: dict[str, Any] = {"kind": "url", "mime": None, "bytes": None, "width": None,
                             "height": None, "url": None}  # fmt: skip
    if isinstance(value, str) and value[:5].lower() == "data:":
        header, _, data = value.partition(",")
        entry["kind"] = "data"
        entry["mime"] = header[5:].split(";")[0].strip().lower() or None
        padding = len(data) - len(data.rstrip("="))
        entry["bytes"] = max(0, len(data) * 3 // 4 - padding)
    elif isinstance(value, str):
        entry["url"] = value[:2048]
    else:
        entry["url"] = repr(value)[:200]
    return entry


def load(value: object) -> InputImage:
    if not isinstance(value, str) or not value:
        raise ApiError("InvalidParameter", "image must be a string: an http(s) URL or a data: URI")
    if value[:5].lower() == "data:":
        return _from_data_uri(value)
    return _from_url(value)


def _from_data_uri(value: str) -> InputImage:
    header, comma, data = value.partition(",")
    params = [p.strip().lower() for p in header[5:].split(";")]
    mime, flags = params[0], params[1:]
    if not comma or "base64" not in flags:
        raise ApiError(
            "InvalidParameter", "image data URI must look like data:<mime>;base64,<data>"
        )
    if mime not in ALLOWED_MIMES:
        raise ApiError("BadRequest.UnsupportedFileFormat")
    try:
        raw = base64.b64decode("".join(data.split()), validate=True)
    except (binascii.Error, ValueError):
        raise ApiError("InvalidParameter", "image data URI is not valid base64") from None
    summary = {"kind": "data", "mime": mime, "bytes": len(raw), "width": None, "height": None,
               "url": None}  # fmt: skip
    return _decode(raw, summary)


def _from_url(url: str) -> InputImage:
    # The real service needs non-ASCII characters percent-encoded, and takes only http(s).
    if not url.isascii():
        raise ApiError("InvalidParameter", URL_ERROR)
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise ApiError("InvalidParameter", URL_ERROR)
    raw, mime = _fetch(url)
    summary = {"kind": "url", "mime": mime, "bytes": len(raw), "width": None, "height": None,
               "url": url}  # fmt: skip
    return _decode(raw, summary)


def _fetch(url: str) -> tuple[bytes, str | None]:
    # One answer for every failure (refused address, closed port, timeout, HTTP error): the
    # wording must not tell what is listening where.
    failed = ApiError("BadRequest.InputDownloadFailed", f"Failed to download the input file: {url}")
    deadline = time.monotonic() + FETCH_TIMEOUT_S  # the socket timeout alone is per read
    chunks: list[bytes] = []
    size = 0
    try:
        with (OPENER.get() or PublicOnlyOpener()).open(url, timeout=FETCH_TIMEOUT_S) as reply:
            content_type = reply.headers.get("Content-Type")
            while chunk := reply.read(64 * 1024):
                chunks.append(chunk)
                size += len(chunk)
                if size > MAX_IMAGE_BYTES:
                    raise ApiError("BadRequest.TooLarge")
                if time.monotonic() > deadline:
                    raise failed
    except ApiError:
        raise
    except Exception:  # URLError, timeouts, http.client's IncompleteRead/InvalidURL, ...
        raise failed from None
    mime = content_type.split(";")[0].strip().lower() if content_type else None
    return b"".join(chunks), mime


def _decode(raw: bytes, summary: dict[str, Any]) -> InputImage:
    if len(raw) > MAX_IMAGE_BYTES:
        raise ApiError("BadRequest.TooLarge")
    try:
        with Image.open(io.BytesIO(raw)) as opened:
            if opened.format not in ALLOWED_FORMATS:
                raise ApiError("BadRequest.UnsupportedFileFormat")
            # The size as the service sees it: declared by the file, EXIF orientation applied.
            width, height = opened.size
            if opened.getexif().get(_ORIENTATION, 1) in (5, 6, 7, 8):
                width, height = height, width
            opened.seek(0)  # animated GIF/WEBP: the first frame only, as documented
            opened.draft("RGB", (_WORKING_SIDE, _WORKING_SIDE))  # cheap JPEG downscale
            opened.load()
            image = _to_rgb(ImageOps.exif_transpose(opened))
    except ApiError:
        raise
    except Exception:  # Pillow raises many types for corrupt data; all mean "not an image"
        raise ApiError("BadRequest.UnsupportedFileFormat") from None
    image.thumbnail((_WORKING_SIDE, _WORKING_SIDE), Image.Resampling.BILINEAR)
    summary = {**summary, "width": width, "height": height}
    return InputImage(image=image, width=width, height=height, summary=summary)


def _to_rgb(image: Image.Image) -> Image.Image:
    if image.mode == "RGB":
        return image  # exif_transpose already returned a copy detached from the file
    if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info:
        rgba = image.convert("RGBA")
        flat = Image.new("RGB", rgba.size, (255, 255, 255))
        flat.paste(rgba, mask=rgba.getchannel("A"))
        return flat
    return image.convert("RGB")
