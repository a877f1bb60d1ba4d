"""Bad inputs: one corpus, each case ending in a clear message or a fix (silent or announced).

Every input is generated here (nothing binary is committed). Each case in CASES runs through
EditService.edit and the real DashScope SDK against the emulator; API_CASES run a few of them
again through the app's public /edit endpoint with gradio_client. docs/bad-inputs.md is the
readable summary of this table.

A case is REFUSED (the exception class and the exact words the user reads; nothing sent when the
app can know in advance; no traceback, exception repr or key) or FIXED (the edit succeeds end to
end, outputs on disk, and exactly the warnings the user is shown, none when the fix is silent).
"""

from __future__ import annotations

import io
import random
import re
import struct
import threading
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
from gradio_client import Client, handle_file
from gradio_client.exceptions import AppError
from PIL import Image

from services import errors as e
from services.config import Settings
from services.container import build_services
from services.emulator import Emulator
from services.history import new_user_id
from services.imaging import MAX_BYTES
from services.models import MODELS as MODEL_TABLE
from services.types import EditRequest, EditResult
from tests.support import TEST_KEY

PROMPT = "make it pop"
RED, BLUE, GREEN = (255, 0, 0), (0, 0, 255), (0, 255, 0)
MODELS = ", ".join(MODEL_TABLE)
NOT_AN_IMAGE = (
    "Image 1 is not an image file we can read; accepted formats are JPEG, PNG, BMP, TIFF, WEBP, "
    "GIF and HEIC."
)
DAMAGED = "Save or export it again, or add it again if the upload was interrupted."
SCHEME = (
    "Image 1 is a {scheme}: address; only uploaded files and http(s) URLs are accepted. "
    "Upload the image file, or give a public http:// or https:// address."
)
URL_HINT = "Give a public http:// or https:// address of the image, or upload the file."
REJECTED_HINT = "Use JPEG, PNG, BMP, TIFF, WEBP or GIF files up to 10 MB, or public http(s) links."
N_PLUS = "a whole number from 1 to 6 for qwen-image-edit-plus."
SEED = "a whole number from 0 to 2147483647, or empty for a random seed."
SIDES = "each side from 512 to 2048 pixels."
INSTRUCTION = 'Describe the edit, e.g. "make the sky a sunset".'
COUNT = "1 to 3 images. Add or remove images."
BLURRY = "the service works best from 384 px per side, so the result may be blurry."
# What must never reach a person: a traceback, an exception's class or repr, a key.
UNREADABLE = re.compile(
    r"Traceback|File \"|<class |<[\w.]+ object at|\b\w*(Error|Exception)\b|show_error|sk-\w{6,}"
)


# --- generated inputs ------------------------------------------------------------------------


def encode(image: Image.Image, fmt: str, **params: Any) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **params)
    return buffer.getvalue()


def photo(width: int = 600, height: int = 400) -> Image.Image:
    """A smooth RGB picture: three gradients, so colours differ across the image."""
    ramp = Image.linear_gradient("L")
    return Image.merge(
        "RGB",
        (
            ramp.resize((width, height)),
            ramp.rotate(90).resize((width, height)),
            ramp.transpose(Image.Transpose.FLIP_LEFT_RIGHT).resize((width, height)),
        ),
    )


GOOD_PNG = encode(photo(), "PNG")
GOOD_JPEG = encode(photo(), "JPEG", quality=90)


def png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def declared_png(width: int, height: int) -> bytes:
    """A 60-byte PNG whose header declares any size: a decompression bomb."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", header)
        + png_chunk(b"IDAT", zlib.compress(b"\0" * 64))
        + png_chunk(b"IEND", b"")
    )


def phone_photo() -> bytes:
    """Stored 800×600 with red on the left and blue on the right, EXIF orientation 6 (turn 90°
    clockwise to view): upright, it is 600×800 with red on top and blue at the bottom."""
    image = Image.new("RGB", (800, 600), RED)
    image.paste(BLUE, (400, 0, 800, 600))
    exif = Image.Exif()
    exif[0x0112] = 6
    exif[0x010F] = "PhoneMaker"  # Make
    return encode(image, "JPEG", quality=95, exif=exif.tobytes())


def sixteen_bit_tiff() -> bytes:
    """A 512×512 horizontal gradient over the whole 16-bit range."""
    values = [x * 65535 // 511 for x in range(512)] * 512
    raw = struct.pack(f"<{len(values)}H", *values)
    return encode(Image.frombytes("I;16", (512, 512), raw), "TIFF")


def cmyk_jpeg() -> bytes:
    return encode(Image.new("CMYK", (500, 400), (0, 255, 255, 0)), "JPEG", quality=95)  # red


def palette_png_with_transparency() -> bytes:
    image = Image.new("P", (500, 400), 1)
    image.putpalette([0, 0, 0, 255, 0, 0])
    image.paste(0, (0, 0, 100, 100))  # index 0 is transparent
    return encode(image, "PNG", transparency=0)


def animated_gif() -> bytes:
    frames = [Image.new("RGB", (500, 400), colour) for colour in (RED, GREEN, BLUE)]
    return encode(frames[0], "GIF", save_all=True, append_images=frames[1:], duration=100)


def multi_page_tiff() -> bytes:
    pages = [Image.new("RGB", (500, 400), colour) for colour in (BLUE, RED)]
    return encode(pages[0], "TIFF", save_all=True, append_images=pages[1:])


def heic_photo() -> bytes:
    pillow_heif = pytest.importorskip("pillow_heif")
    buffer = io.BytesIO()
    pillow_heif.from_pillow(Image.new("RGB", (640, 480), (200, 40, 60))).save(buffer, quality=90)
    return buffer.getvalue()


def truncated(fmt: str) -> bytes:
    data = encode(photo(), fmt)
    return data[: len(data) // 2]


# --- a local web server for the URL cases ----------------------------------------------------

PAGE = b"<!DOCTYPE html>\n<html><head><title>Photo</title></head><body>hi</body></html>"


@dataclass
class Web:
    base: str
    hits: list[str] = field(default_factory=list)  # paths as requested (percent-encoded)


@pytest.fixture(scope="module")
def web() -> Iterator[Web]:
    """Serves a real PNG at a path with non-ASCII characters, and an HTML page named .jpg."""
    routes = {
        "/fotos/café ñ.png": ("image/png", GOOD_PNG),
        "/photo.jpg": ("text/html; charset=utf-8", PAGE),
    }
    hits: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hits.append(self.path)
            found = routes.get(unquote(self.path.split("?")[0]))
            if found is None:
                self.send_error(404)
                return
            content_type, body = found
            self.send_response(200)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Web(f"http://127.0.0.1:{server.server_port}", hits)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


@pytest.fixture(scope="module")
def big_png(tmp_path_factory) -> Path:
    """Noise saved as a PNG of over 40 MB, once per module (about 2 s)."""
    width = height = 3800
    noise = random.Random(7).randbytes(width * height * 3)
    path = tmp_path_factory.mktemp("big") / "noise.png"
    Image.frombytes("RGB", (width, height), noise).save(path, compress_level=0)
    assert path.stat().st_size >= 40 * 1024 * 1024
    return path


# --- the corpus ------------------------------------------------------------------------------


class Kit:
    """What a case builds its input from: a fresh folder, and module fixtures made on demand."""

    def __init__(self, folder: Path, request: pytest.FixtureRequest) -> None:
        self.folder = folder
        self._request = request
        self.built: dict[str, Any] = {}

    def file(self, name: str, data: bytes) -> Path:
        path = self.folder / name
        path.write_bytes(data)
        return path  # an upload, as the UI hands it to the services

    @property
    def web(self) -> Web:
        return self._request.getfixturevalue("web")

    @property
    def big_png(self) -> Path:
        return self._request.getfixturevalue("big_png")

    def fill(self, text: str) -> str:
        """Expected texts may name the local web server's address."""
        return text.replace("{base}", self.web.base) if "{base}" in text else text


Make = Callable[[Kit], dict[str, Any]]


@dataclass(frozen=True)
class Seen:
    """What a FIXED case's check can look at."""

    kit: Kit
    result: EditResult
    emulator: Emulator

    @property
    def sent(self) -> dict[str, Any]:  # the first image as the emulator received it
        return self.emulator.requests[-1].images[0]

    def image(self, index: int = 0) -> Image.Image:  # an image as the app sent it
        data = self.result.prepared[index].data
        assert data is not None and len(data) <= MAX_BYTES
        image = Image.open(io.BytesIO(data))
        image.load()
        return image


@dataclass(frozen=True)
class Fixed:
    warnings: tuple[str | re.Pattern[str], ...] = ()  # exactly these, in order
    outputs: int = 1
    check: Callable[[Seen], None] | None = None


@dataclass(frozen=True)
class Refused:
    error: type[e.EditorError]
    text: str  # exactly what the user reads: message and hint (exc.user_text())
    sent: bool = False  # True only when the app cannot know in advance: the service must look


@dataclass(frozen=True)
class Case:
    id: str
    group: str  # files, images, urls, text, numbers, models (the rows of docs/bad-inputs.md)
    make: Make  # EditRequest fields
    outcome: Fixed | Refused


def upload(name: str, data: bytes | Callable[[], bytes], *, index: int = 1) -> Make:
    """A file with this name and content as image `index` (after good images before it)."""

    def make(kit: Kit) -> dict[str, Any]:
        content = data() if callable(data) else data
        good = [kit.file(f"good {i}.png", GOOD_PNG) for i in range(1, index)]
        return {"images": (*good, kit.file(name, content))}

    return make


def fields(**values: Any) -> Make:
    """A good photo and these request fields."""

    def make(kit: Kit) -> dict[str, Any]:
        return {"images": (kit.file("photo.png", GOOD_PNG),), **values}

    return make


def source(text: str) -> Make:
    """One image given as text (a URL or other address); {base} is the local web server."""
    return lambda kit: {"images": (kit.fill(text),)}


def missing(kit: Kit) -> dict[str, Any]:
    return {"images": (kit.folder / "gone.png",)}


def folder(kit: Kit) -> dict[str, Any]:
    path = kit.folder / "holiday photos"
    path.mkdir()
    return {"images": (path,)}


def sparse_101_mb(kit: Kit) -> dict[str, Any]:
    path = kit.folder / "huge.png"
    with path.open("wb") as file:
        file.truncate(101 * 1024 * 1024)  # sparse: costs nothing to make
    return {"images": (path,)}


def big(kit: Kit) -> dict[str, Any]:
    return {"images": (kit.big_png,)}


def images(count: int) -> Make:
    return lambda kit: {"images": tuple(kit.file(f"{i}.png", GOOD_PNG) for i in range(count))}


# --- checks on what the service received -----------------------------------------------------


def same_bytes_as_file(seen: Seen) -> None:
    (path,) = seen.kit.built["images"]
    assert seen.result.prepared[0].data == Path(path).read_bytes()  # passed on untouched
    assert seen.sent["bytes"] == Path(path).stat().st_size


def mime(expected: str) -> Callable[[Seen], None]:
    def check(seen: Seen) -> None:
        assert seen.result.prepared[0].mime == seen.sent["mime"] == expected

    return check


def strip_scaled(seen: Seen) -> None:
    assert (seen.sent["width"], seen.sent["height"]) == (3072, 31)


def large_scaled(seen: Seen) -> None:
    assert (seen.sent["width"], seen.sent["height"]) == (2000, 1500)  # half-scale decode


def gradient_kept(seen: Seen) -> None:
    assert seen.sent["mime"] == "image/png"
    row = [seen.image().convert("L").getpixel((x, 256)) for x in range(512)]
    assert row[0] == 0 and row[-1] == 255 and row == sorted(row)  # scaled, not clipped


def cmyk_as_rgb(seen: Seen) -> None:
    image = seen.image()
    assert (image.format, image.mode) == ("JPEG", "RGB")
    assert all(abs(a - b) <= 8 for a, b in zip(image.getpixel((250, 200)), RED, strict=True))


def transparency_kept(seen: Seen) -> None:
    image = seen.image()
    assert (image.format, image.mode) == ("PNG", "RGBA")
    assert image.getpixel((10, 10))[3] == 0 and image.getpixel((300, 300)) == (*RED, 255)


def first_frame(colour: tuple[int, int, int]) -> Callable[[Seen], None]:
    def check(seen: Seen) -> None:
        assert seen.image().convert("RGB").getpixel((250, 200)) == colour

    return check


def upright(seen: Seen) -> None:
    image = seen.image()
    assert (seen.sent["width"], seen.sent["height"]) == image.size == (600, 800)
    assert 0x0112 not in image.getexif()  # the service must not turn it a second time
    top, bottom = image.getpixel((300, 100)), image.getpixel((300, 700))
    assert top[0] > 200 and top[2] < 60, top  # red, the side that was up, is on top
    assert bottom[2] > 200 and bottom[0] < 60, bottom


def heic_as_jpeg(seen: Seen) -> None:
    assert seen.sent["mime"] == "image/jpeg" and seen.image().size == (640, 480)


def under_10_mb(seen: Seen) -> None:
    assert seen.sent["mime"] == "image/jpeg" and seen.sent["bytes"] <= MAX_BYTES


def fetched_encoded(seen: Seen) -> None:
    url = seen.kit.web.base + "/fotos/caf%C3%A9%20%C3%B1.png"
    assert seen.result.prepared[0].ref == seen.sent["url"] == url
    assert (seen.sent["width"], seen.sent["height"]) == (600, 400)  # fetched and decoded
    assert "/fotos/caf%C3%A9%20%C3%B1.png" in seen.kit.web.hits


def text_sent(expected: str) -> Callable[[Seen], None]:
    def check(seen: Seen) -> None:
        assert seen.emulator.requests[-1].text == expected
        assert seen.emulator.requests[-1].notes == []  # the service had nothing left to cut

    return check


def negative_sent(seen: Seen) -> None:
    assert seen.emulator.requests[-1].parameters["negative_prompt"] == "n" * 500


def whole_emoji_sent(seen: Seen) -> None:
    text = seen.emulator.requests[-1].text
    assert len(text) <= 800 and text.endswith("👩\u200d🚀")  # not cut inside an emoji


def parameter(name: str, value: Any) -> Callable[[Seen], None]:
    def check(seen: Seen) -> None:
        assert seen.emulator.requests[-1].parameters[name] == value

    return check


def output_size(width: int, height: int) -> Callable[[Seen], None]:
    def check(seen: Seen) -> None:
        usage = seen.result.usage
        assert usage is not None and (usage.width, usage.height) == (width, height)
        with Image.open(seen.result.images[0]) as out:
            assert out.size == (width, height)

    return check


# --- the table -------------------------------------------------------------------------------

EMOJI = "🎨🌅✨ " * 100 + "👩\u200d🚀🇯🇵"  # 405 characters: under the limit, sent as it is
ASTRONAUTS = "👩\u200d🚀" * 300  # 300 emoji of 3 code points each: 900 characters

CASES = [
    # files: what arrives is not a readable image file -------------------------------------
    Case("zero-byte-file", "files", upload("empty.png", b""),
         Refused(e.ImageInputError, "Image 1 is empty (0 bytes). Add the image again; the file "
                 "was not saved or copied completely.")),
    Case("truncated-png", "files", upload("cut.png", lambda: truncated("PNG")),
         Refused(e.ImageInputError, f"Image 1 is a damaged or incomplete PNG file. {DAMAGED}")),
    Case("truncated-jpeg-as-image-2", "files",
         upload("cut.jpg", lambda: truncated("JPEG"), index=2),
         Refused(e.ImageInputError, f"Image 2 is a damaged or incomplete JPEG file. {DAMAGED}")),
    Case("text-file-named-png", "files",
         upload("notes.png", b"Shopping list:\n- eggs\n- milk\n"),
         Refused(e.ImageInputError, f"{NOT_AN_IMAGE} It looks like a text file.")),
    Case("html-page-named-jpg", "files", upload("photo.jpg", PAGE),
         Refused(e.ImageInputError, f"{NOT_AN_IMAGE} It looks like a web page (HTML); save the "
                 "image itself, not the page.")),
    Case("svg-named-png", "files",
         upload("logo.png", b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>'),
         Refused(e.ImageInputError, f"{NOT_AN_IMAGE} It looks like an SVG drawing, which is not "
                 "accepted; export it as PNG.")),
    Case("pdf-named-jpg", "files", upload("scan.jpg", b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n"),
         Refused(e.ImageInputError, f"{NOT_AN_IMAGE} It looks like a PDF document; export the "
                 "page as PNG or JPEG.")),
    Case("random-bytes-named-webp", "files",
         upload("noise.webp", random.Random(1).randbytes(4096)),
         Refused(e.ImageInputError, f"{NOT_AN_IMAGE} Choose an image file in one of those "
                 "formats.")),
    Case("missing-file", "files", missing,
         Refused(e.ImageInputError, "Image 1 (gone.png) was not found. Add the image again.")),
    Case("folder-not-file", "files", folder,
         Refused(e.ImageInputError, "Image 1 (holiday photos) is a folder, not an image file. "
                 "Choose an image file.")),
    Case("file-over-100-mb", "files", sparse_101_mb,
         Refused(e.ImageInputError, "Image 1 is 101.0 MB; files over 100 MB are not accepted. "
                 "Use an image under 10 MB.")),
    Case("name-with-spaces-quotes-non-ascii", "files",
         upload("my \"holiday\" 'pic' – Zürich 東京 ✓.png", GOOD_PNG),
         Fixed(check=same_bytes_as_file)),
    Case("jpeg-named-png", "files", upload("really a jpeg.png", GOOD_JPEG),
         Fixed(check=mime("image/jpeg"))),

    # images: readable, but not as the service takes them ----------------------------------
    Case("decompression-bomb", "images", upload("bomb.png", declared_png(50_000, 50_000)),
         Refused(e.ImageInputError, "Image 1 declares 50000×50000 pixels; too large to open "
                 "safely. Use a smaller image: at most 64 megapixels.")),
    Case("one-by-one-pixel", "images",
         upload("dot.png", lambda: encode(Image.new("RGB", (1, 1)), "PNG")),
         Refused(e.ImageInputError, "Image 1 is only 1×1 pixels; the service needs at least "
                 "10 px per side. Use a larger image; 384×384 px or more works best.")),
    Case("ten-by-ten-pixels", "images",
         upload("tiny.png", lambda: encode(Image.new("RGB", (10, 10), RED), "PNG")),
         Fixed(warnings=(f"Image 1 is 10×10 px; {BLURRY}",))),
    Case("strip-20000x200", "images",
         upload("strip.png", lambda: encode(Image.new("RGB", (20000, 200), RED), "PNG")),
         Fixed(warnings=("Image 1 was 20000×200 px; resized to 3072×31 to fit the service's "
                         "limit of 3072 px per side.",
                         f"Image 1 is 3072×31 px; {BLURRY}"),
               check=strip_scaled)),
    Case("strip-40000x20-too-thin", "images",
         upload("thread.png", lambda: encode(Image.new("RGB", (40000, 20)), "PNG")),
         Refused(e.ImageInputError, "Image 1 is 40000×20 pixels; scaled to fit 3072 px per "
                 "side, its short side would be under 10 px. Crop it to a less extreme shape.")),
    Case("jpeg-4000x3000", "images",
         upload("camera.jpg", lambda: encode(photo(4000, 3000), "JPEG", quality=85)),
         Fixed(warnings=("Image 1 was 4000×3000 px; resized to 2000×1500 to fit the service's "
                         "limit of 3072 px per side.",),
               check=large_scaled)),
    Case("tiff-16-bit", "images", upload("scan16.tif", sixteen_bit_tiff),
         Fixed(check=gradient_kept)),
    Case("cmyk-jpeg", "images", upload("print.jpg", cmyk_jpeg),
         Fixed(check=cmyk_as_rgb)),
    Case("palette-png-transparency", "images",
         upload("sticker.png", palette_png_with_transparency),
         Fixed(check=transparency_kept)),
    Case("animated-gif", "images", upload("party.gif", animated_gif),
         Fixed(warnings=("Image 1 is animated; only its first frame is used.",),
               check=first_frame(RED))),
    Case("multi-page-tiff", "images", upload("fax.tif", multi_page_tiff),
         Fixed(warnings=("Image 1 has several pages; only its first page is used.",),
               check=first_frame(BLUE))),
    Case("exif-rotated-phone-photo", "images", upload("IMG_0001.JPG", phone_photo),
         Fixed(check=upright)),
    Case("heic-photo", "images", upload("IMG_0002.HEIC", heic_photo),
         Fixed(check=heic_as_jpeg)),
    Case("png-over-40-mb", "images", big,
         Fixed(warnings=("Image 1 was 3800×3800 px; resized to 3072×3072 to fit the service's "
                         "limit of 3072 px per side.",
                         re.compile(r"Image 1 was 41\.3 MB; re-encoded as JPEG at quality \d+"
                                    r"( and resized from 3072×3072 to \d+×\d+)? to fit the "
                                    r"10 MB limit\.")),
               check=under_10_mb)),

    # urls: addresses instead of files ({base}: the local web server) ------------------------
    Case("non-ascii-url", "urls", source("{base}/fotos/café ñ.png"),
         Fixed(warnings=("Image 1's URL had characters that must be percent-encoded; it is sent "
                         "as {base}/fotos/caf%C3%A9%20%C3%B1.png",),
               check=fetched_encoded)),
    Case("file-url", "urls", source("file:///etc/passwd"),
         Refused(e.ImageInputError, SCHEME.format(scheme="file"))),
    Case("javascript-url", "urls", source("javascript:alert(1)"),
         Refused(e.ImageInputError, SCHEME.format(scheme="javascript"))),
    Case("ftp-url", "urls", source("ftp://example.com/photo.png"),
         Refused(e.ImageInputError, SCHEME.format(scheme="ftp"))),
    Case("data-uri-not-an-image", "urls", source("data:text/html;base64,PGh0bWw+"),
         Refused(e.ImageInputError, SCHEME.format(scheme="data"))),
    Case("url-without-host", "urls", source("https:///photo.png"),
         Refused(e.ImageInputError, "Image 1's URL has no host name: https:///photo.png "
                 f"{URL_HINT}")),
    Case("url-not-found", "urls", source("{base}/nothing-here.png"),
         Refused(e.InputRejectedError, "The service could not download an input image. "
                 f"{REJECTED_HINT}", sent=True)),
    Case("url-to-html-page", "urls", source("{base}/photo.jpg"),
         Refused(e.InputRejectedError, "The service does not accept an image's format. "
                 f"{REJECTED_HINT}", sent=True)),

    # text: the instruction and the negative prompt ----------------------------------------
    Case("instruction-empty", "text", fields(prompt=""),
         Refused(e.ValidationError, f"The instruction is empty. {INSTRUCTION}")),
    Case("instruction-only-spaces", "text", fields(prompt="   "),
         Refused(e.ValidationError, f"The instruction is empty. {INSTRUCTION}")),
    Case("instruction-801", "text", fields(prompt="a" * 800 + "Z"),
         Fixed(warnings=("The instruction had 801 characters; the service reads at most 800, "
                         "so the last 1 was cut, starting at “Z”.",),
               check=text_sent("a" * 800))),
    Case("instruction-5000", "text", fields(prompt="a" * 800 + "b" * 4200),
         Fixed(warnings=("The instruction had 5000 characters; the service reads at most 800, "
                         f"so the last 4200 were cut, starting at “{'b' * 37}…”.",),
               check=text_sent("a" * 800))),
    Case("instruction-emoji", "text", fields(prompt=EMOJI),
         Fixed(check=text_sent(EMOJI))),
    Case("instruction-emoji-over-limit", "text", fields(prompt=ASTRONAUTS),
         Fixed(warnings=(re.compile(r"The instruction had 900 characters; the service reads at "
                                    r"most 800, so the last 10[0-2] were cut, starting at "
                                    r"“(👩\u200d🚀)+…”\."),),
               check=whole_emoji_sent)),
    Case("negative-prompt-501", "text", fields(negative_prompt="n" * 500 + "Z"),
         Fixed(warnings=("The negative prompt had 501 characters; the service reads at most "
                         "500, so the last 1 was cut, starting at “Z”.",),
               check=negative_sent)),

    # numbers and sizes --------------------------------------------------------------------
    Case("n-0", "numbers", fields(n=0),
         Refused(e.ValidationError, f"The number of outputs cannot be 0. Allowed: {N_PLUS}")),
    Case("n-7", "numbers", fields(n=7),
         Refused(e.ValidationError, f"The number of outputs cannot be 7. Allowed: {N_PLUS}")),
    Case("n-minus-1", "numbers", fields(n=-1),
         Refused(e.ValidationError, f"The number of outputs cannot be -1. Allowed: {N_PLUS}")),
    Case("n-2.5", "numbers", fields(n=2.5),
         Refused(e.ValidationError, f"The number of outputs cannot be 2.5. Allowed: {N_PLUS}")),
    Case("n-as-string", "numbers", fields(n="3"),
         Fixed(outputs=3, check=parameter("n", 3))),
    Case("seed-minus-1", "numbers", fields(seed=-1),
         Refused(e.ValidationError, f"The seed cannot be -1. Allowed: {SEED}")),
    Case("seed-2147483648", "numbers", fields(seed=2_147_483_648),
         Refused(e.ValidationError, f"The seed cannot be 2147483648. Allowed: {SEED}")),
    Case("seed-1.5", "numbers", fields(seed=1.5),
         Refused(e.ValidationError, f"The seed cannot be 1.5. Allowed: {SEED}")),
    Case("size-abc", "numbers", fields(size="abc"),
         Refused(e.ValidationError, "The output size cannot be 'abc'. Allowed: \"W*H\" with W "
                 'and H whole numbers of pixels, e.g. "1024*768".')),
    Case("size-511x512", "numbers", fields(size="511*512"),
         Refused(e.ValidationError, f"The output size cannot be '511*512'. Allowed: {SIDES}")),
    Case("size-2049x2048", "numbers", fields(size="2049*2048"),
         Refused(e.ValidationError, f"The output size cannot be '2049*2048'. Allowed: {SIDES}")),
    Case("size-1024x1024-with-x", "numbers", fields(size="1024x1024"),
         Fixed(check=output_size(1024, 1024))),
    Case("size-rounded-to-16", "numbers", fields(size="1033*1032"),
         Fixed(warnings=("The service rounds sizes to multiples of 16: 1033*1032 becomes "
                         "1040*1024.",),
               check=output_size(1040, 1024))),
    Case("size-with-n-2", "numbers", fields(size="1024*1024", n=2),
         Refused(e.ValidationError, "The output size cannot be '1024*1024'. Allowed: a custom "
                 "size only with 1 output (n is 2). Set outputs to 1 or size to Auto.")),

    # models and counts --------------------------------------------------------------------
    Case("model-does-not-exist", "models", fields(model="qwen-image-edit-ultra"),
         Refused(e.ValidationError, "The model cannot be 'qwen-image-edit-ultra'. Allowed: one of "
                 f"{MODELS}.")),
    Case("n-2-on-basic-model", "models",
         fields(model="qwen-image-edit", n=2, prompt_extend=None),
         Refused(e.ValidationError, "The number of outputs cannot be 2. Allowed: exactly 1 for "
                 "qwen-image-edit.")),
    Case("size-on-basic-model", "models",
         fields(model="qwen-image-edit", size="1024*1024", prompt_extend=None),
         Refused(e.ValidationError, "The output size cannot be '1024*1024'. Allowed: no custom "
                 "size on qwen-image-edit. Choose Auto size.")),
    Case("prompt-extend-on-basic-model", "models",
         fields(model="qwen-image-edit", prompt_extend=True),
         Refused(e.ValidationError, "Prompt rewriting (prompt_extend) cannot be on. Allowed: off "
                 "for qwen-image-edit. Turn prompt rewriting off.")),
    Case("no-images", "models", images(0),
         Refused(e.ValidationError, f"The number of images cannot be 0. Allowed: {COUNT}")),
    Case("four-images", "models", images(4),
         Refused(e.ValidationError, f"The number of images cannot be 4. Allowed: {COUNT}")),
]  # fmt: skip


def test_the_corpus_is_complete():
    ids = [case.id for case in CASES]
    assert len(ids) == len(set(ids)) and len(CASES) >= 40
    groups = {case.group for case in CASES}
    assert groups == {"files", "images", "urls", "text", "numbers", "models"}
    assert {type(case.outcome) for case in CASES} == {Fixed, Refused}


# --- running a case through the edit service -------------------------------------------------


@pytest.fixture
def services(tmp_path, emulator):
    settings = Settings(
        data_dir=tmp_path / "data", base_url=emulator.base_url, retry_base_s=0.01, max_retries=1
    )
    built = build_services(settings)
    yield built
    built.close()


def assert_readable(text: str) -> None:
    assert text and text == text.strip()
    assert not UNREADABLE.search(text), text
    assert TEST_KEY not in text


def matches(expected: str | re.Pattern[str], actual: str) -> bool:
    if isinstance(expected, re.Pattern):
        return expected.fullmatch(actual) is not None
    return expected == actual


@pytest.mark.parametrize("case", CASES, ids=lambda case: f"{case.group}-{case.id}")
def test_bad_input(case: Case, services, emulator, tmp_path, request):
    kit = Kit(tmp_path / "inputs", request)
    kit.folder.mkdir()
    kit.built = {"prompt": PROMPT, **case.make(kit)}
    user = new_user_id()
    credentials = services.settings.credentials(TEST_KEY)

    if isinstance(case.outcome, Refused):
        with pytest.raises(e.EditorError) as caught:
            services.editor.edit(EditRequest(**kit.built), credentials, user=user)
        error = caught.value
        text = kit.fill(case.outcome.text)
        if case.outcome.sent:
            text += f" (request id {emulator.requests[-1].request_id})"
        assert type(error) is case.outcome.error
        assert error.user_text() == str(error) == text
        assert_readable(error.message) and assert_readable(error.hint)
        assert emulator.attempts == (1 if case.outcome.sent else 0)
        recorded = services.history.list(user)
        assert len(recorded) == (1 if case.outcome.sent else 0)  # refused early: not an edit
        return

    result = services.editor.edit(EditRequest(**kit.built), credentials, user=user)
    expected = tuple(w if isinstance(w, re.Pattern) else kit.fill(w) for w in case.outcome.warnings)
    assert len(result.warnings) == len(expected), result.warnings
    for want, got in zip(expected, result.warnings, strict=True):
        assert matches(want, got), got
        assert_readable(got)
    assert emulator.attempts == 1
    assert len(result.images) == case.outcome.outputs
    assert result.usage is not None and result.usage.image_count == case.outcome.outputs
    for path in result.images:
        with Image.open(path) as out:
            assert out.format == "PNG" and min(out.size) > 0
    assert services.history.get(user, result.entry_id).status == "ok"
    if case.outcome.check:
        case.outcome.check(Seen(kit, result, emulator))


# --- a few cases again, through the app's public /edit endpoint ------------------------------


@dataclass(frozen=True)
class ApiCase:
    id: str
    fields: dict[str, Any]  # /edit arguments over the defaults; "images": how many good files
    refused: str | None = None  # the AppError text, exactly; None: the edit succeeds
    outputs: int = 1
    warnings: tuple[str, ...] = ()
    parameters: dict[str, Any] = field(default_factory=dict)  # as the service received them


API_CASES = [
    ApiCase("fourth-image-by-url", {"images": 3, "image_urls": "https://example.com/4.png"},
            f"The number of images cannot be 4. Allowed: {COUNT}"),
    ApiCase("n-as-string", {"n": "3"}, outputs=3, parameters={"n": 3}),
    ApiCase("n-2.5", {"n": 2.5}, f"The number of outputs cannot be 2.5. Allowed: {N_PLUS}"),
    ApiCase("seed-1.5", {"seed": 1.5}, f"The seed cannot be 1.5. Allowed: {SEED}"),
    ApiCase("seed-minus-1", {"seed": -1}, f"The seed cannot be -1. Allowed: {SEED}"),
    ApiCase("width-511-height-512", {"width": 511, "height": 512},
            f"The output size cannot be '511*512'. Allowed: {SIDES}"),
    ApiCase("width-without-height", {"width": 1024},
            "Give both width and height, or neither for an automatic size."),
    ApiCase("model-does-not-exist", {"model": "qwen-image-edit-ultra"},
            f"Value: qwen-image-edit-ultra is not in the list of choices: {list(MODEL_TABLE)}"),
    ApiCase("instruction-empty", {"prompt": ""}, f"The instruction is empty. {INSTRUCTION}"),
    ApiCase("non-ascii-url", {"images": 0, "image_urls": "{base}/fotos/café ñ.png"},
            warnings=("Image 1's URL had characters that must be percent-encoded; it is sent as "
                      "{base}/fotos/caf%C3%A9%20%C3%B1.png",)),
]  # fmt: skip


@pytest.fixture(scope="module")
def client(launched) -> Client:
    return Client(launched.url, verbose=False)


@pytest.fixture(scope="module")
def good_files(tmp_path_factory) -> list[Path]:
    folder = tmp_path_factory.mktemp("api-inputs")
    paths = [folder / f"good {i}.png" for i in range(1, 4)]
    for path in paths:
        path.write_bytes(GOOD_PNG)
    return paths


@pytest.mark.parametrize("case", API_CASES, ids=lambda case: case.id)
def test_bad_input_through_the_api(case: ApiCase, client, launched, good_files, web):
    values = {key: value.replace("{base}", web.base) if isinstance(value, str) else value
              for key, value in case.fields.items()}  # fmt: skip
    count = values.pop("images", 1)
    args = {
        "images": [handle_file(str(path)) for path in good_files[:count]],
        "image_urls": "",
        "prompt": PROMPT,
        "negative_prompt": "",
        "model": "qwen-image-edit-plus",
        "n": 1,
        "seed": None,
        "width": None,
        "height": None,
        "prompt_extend": True,
        "watermark": False,
        "api_key": None,
        "region": None,
        "user_id": None,
        **values,
    }
    before = launched.emulator.attempts
    if case.refused is not None:
        with pytest.raises(AppError) as caught:
            client.predict(**args, api_name="/edit")
        text = str(caught.value)
        assert text == case.refused
        assert_readable(text)
        assert launched.emulator.attempts == before  # refused before anything was sent
        return

    files, meta = client.predict(**args, api_name="/edit")
    assert len(files) == case.outputs and all(Path(f).exists() for f in files)
    assert meta["warnings"] == [w.replace("{base}", web.base) for w in case.warnings]
    sent = launched.emulator.requests[-1].parameters
    assert {key: sent.get(key) for key in case.parameters} == case.parameters
    assert launched.emulator.attempts == before + 1
