"""Input images made ready for the service: read, checked, oriented, fitted to its limits, encoded.

Pure Pillow (pillow_heif for HEIC, registered on first need). `prepare_image` is the entry
point. Every failure is an ImageInputError whose message names the image ("Image 2 ..."); its
words, and those of the notes on a prepared image, are Messages from the catalogue (notes are
`Translatable`: English str that carries its Message).
"""

from __future__ import annotations

import base64
import io
import logging
import math
import stat
import threading
import zlib
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageFile, ImageOps

from .errors import ImageInputError
from .image_urls import classify, decode_data_uri, normalise_url
from .messages import Message, Translatable, join, msg, render
from .types import ImageSource, PreparedImage

__all__ = [
    "ACCEPTED_FORMATS",
    "Inspected",
    "MAX_BYTES",
    "MAX_SIDE",
    "MIN_SIDE",
    "finish",
    "inspect",
    "normalise_url",
    "prepare_image",
]

MAX_SIDE = 3072  # px per side; larger images are scaled down to fit
MIN_SIDE = 384  # px per side; smaller images are sent, with a warning that results may blur
HARD_MIN_SIDE = 10  # px per side; the service rejects anything smaller
MAX_BYTES = 10 * 1024 * 1024  # encoded size of one image as sent
MAX_FILE_BYTES = 100 * 1024 * 1024  # larger files are refused before they are read
MAX_PIXELS = 64_000_000  # declared width × height; more is refused before any decoding
ACCEPTED_FORMATS = ("JPEG", "PNG", "BMP", "TIFF", "WEBP", "GIF", "HEIC")

_FORMAT_LIST = join(ACCEPTED_FORMATS)  # "JPEG, PNG, ... and HEIC" in the reader's language
_PIL_FORMATS = ("JPEG", "PNG", "WEBP", "GIF", "BMP", "TIFF", "HEIF")  # Pillow's names
_PASS_THROUGH = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
_LOSSLESS = {"PNG", "BMP", "TIFF", "GIF"}  # re-encoded as PNG, not JPEG
_HEIF_BRANDS = set(b"heic heix hevc hevx heim heis hevm hevs mif1 msf1 mif2".split())
_BMP_HEADER_SIZES = (12, 40, 52, 56, 64, 108, 124)  # the DIB header after "BM"
_ORIENTATION = 0x0112  # the EXIF tag
_EXIF_TEXT = "Raw profile type exif"  # EXIF in a PNG text chunk (ImageMagick)
_JPEG_QUALITY = 95
_MIN_JPEG_QUALITY = 80  # below this, fewer pixels beat more artefacts
_PNG_LEVEL = 1  # fast; a photo barely shrinks at 6 and takes twice as long
_PNG_RETRY = 1.25  # a PNG at most this much over MAX_BYTES is tried again at level 9
_LARGE_HINT = msg("hint.image.megapixels", megapixels=MAX_PIXELS // 1_000_000)

log = logging.getLogger(__name__)
_heif_lock = threading.Lock()
_heif_registered = False


def prepare_image(source: ImageSource, *, index: int = 1) -> PreparedImage:
    """One input image as it is sent: an http(s) URL passed on (percent-encoded), or the image
    checked, oriented, converted and fitted to the service's limits as a base64 data: URI.

    Text (str) is a URL or a data: URI only; a file is read only when given as a Path (an
    upload), never because some text names it."""
    return finish(inspect(source, index=index))


@dataclass(frozen=True)
class Inspected:
    """An input after the cheap checks (read, format and size from the header), before the
    expensive ones (decoding, resizing, encoding)."""

    label: Message  # "Image 2", in the reader's language
    ready: PreparedImage | None = None  # a URL: nothing more to do
    data: bytes = b""
    image: ImageFile.ImageFile | None = None

    @property
    def pixels(self) -> int:
        return 0 if self.image is None else self.image.width * self.image.height


def inspect(source: ImageSource, *, index: int = 1) -> Inspected:
    """Read the source and its header, and refuse what can be refused without decoding: so an
    edit with a broken third image fails before its first two are decoded."""
    label = msg("label.image", index=index)
    if isinstance(source, (bytes, bytearray, memoryview)):
        return _inspect_bytes(bytes(source), label)
    if isinstance(source, str):
        if not source.strip():
            raise ImageInputError(
                msg("error.image.empty_source", label=label), msg("hint.image.add")
            )
        if classify(source, label=label) == "url":
            url = normalise_url(source, label=label)
            notes = (
                ()
                if url == source.strip()
                else (_note("warning.image.url_encoded", label=label, url=url[:300]),)
            )
            return Inspected(label, PreparedImage(url, None, None, None, None, None, notes))
        return _inspect_bytes(decode_data_uri(source, label=label), label)
    if isinstance(source, Path):  # an upload: the UI turns upload paths into Path objects
        return _inspect_bytes(_read_file(source, label), label)
    raise TypeError(f"an image source must be str, Path or bytes, not {type(source).__name__}")


def finish(inspected: Inspected) -> PreparedImage:
    """The expensive half of preparing an inspected image."""
    if inspected.ready is not None:
        return inspected.ready
    assert inspected.image is not None
    try:
        return _prepare_opened(inspected.image, inspected.data, inspected.label)
    except ImageInputError:
        raise
    except Exception as exc:  # odd data that Pillow opened but could not convert: still a message
        log.warning("could not prepare %s", render(inspected.label), exc_info=True)
        raise ImageInputError(
            msg("error.image.unprocessable", label=inspected.label, error=type(exc).__name__),
            msg("hint.image.resave"),
        ) from exc


def _note(key: str, **params: object) -> Translatable:
    return Translatable(msg(key, **params))


def _read_file(path: Path, label: Message) -> bytes:
    name = path.name or str(path)
    choose = msg("hint.image.choose_file")
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise ImageInputError(msg("error.image.folder", label=label, name=name), choose)
        if not stat.S_ISREG(info.st_mode):
            raise ImageInputError(msg("error.image.not_regular", label=label, name=name), choose)
        if info.st_size > MAX_FILE_BYTES:
            raise _file_too_big(label, info.st_size)
        with path.open("rb") as file:
            data = file.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise ImageInputError(
            msg("error.image.not_found", label=label, name=name), msg("hint.image.add_again")
        ) from None
    except PermissionError:
        raise ImageInputError(
            msg("error.image.permission", label=label, name=name), msg("hint.image.permission")
        ) from None
    except OSError as exc:
        # The system's own reason (strerror) stays as the system words it.
        reason = str(exc.strerror or exc)
        raise ImageInputError(
            msg("error.image.unreadable_file", label=label, name=name, reason=reason),
            msg("hint.image.add_again"),
        ) from None
    if len(data) > MAX_FILE_BYTES:  # it grew after stat()
        raise _file_too_big(label, len(data))
    return data


def _inspect_bytes(data: bytes, label: Message) -> Inspected:
    if not data:
        raise ImageInputError(
            msg("error.image.zero_bytes", label=label), msg("hint.image.incomplete")
        )
    image = _open(data, label)
    width, height = image.size
    if width * height > MAX_PIXELS:
        raise _too_large(
            msg("error.image.declares_pixels", label=label, width=width, height=height)
        )
    if min(width, height) < HARD_MIN_SIDE:
        raise ImageInputError(
            msg(
                "error.image.too_small",
                label=label,
                width=width,
                height=height,
                min_side=HARD_MIN_SIDE,
            ),
            msg("hint.image.larger", side=MIN_SIDE),
        )
    return Inspected(label, data=data, image=image)


def _prepare_opened(im: ImageFile.ImageFile, data: bytes, label: Message) -> PreparedImage:
    width, height = im.size  # within limits: inspect() checked the header
    fmt = {"MPO": "JPEG", "HEIF": "HEIC"}.get(im.format or "", im.format or "")
    notes: list[Translatable] = []
    target = _fit(width, height) if max(width, height) > MAX_SIDE else None
    if target and min(target) < HARD_MIN_SIDE:
        raise ImageInputError(
            msg(
                "error.image.extreme_shape",
                label=label,
                width=width,
                height=height,
                max_side=MAX_SIDE,
                min_side=HARD_MIN_SIDE,
            ),
            msg("hint.image.crop"),
        )
    if fmt != "JPEG" and getattr(im, "is_animated", False):  # MPO's extra images are previews
        key = {"TIFF": "warning.image.pages", "HEIC": "warning.image.images"}
        notes.append(_note(key.get(fmt, "warning.image.frames"), label=label))
    passthrough = (
        fmt in _PASS_THROUGH
        and not notes
        and target is None
        and im.mode in ("RGB", "RGBA")
        and "transparency" not in im.info
        and len(data) <= MAX_BYTES
    )
    if passthrough and fmt == "PNG":  # a PNG is sent as it is only when its chunks are intact
        passthrough, has_exif = _png_chunks(data)
        if passthrough and im.mode == "RGB" and not has_exif and _EXIF_TEXT not in im.info:
            return _result(data, "image/png", (width, height), notes, label)  # no decoding needed
    if fmt != "JPEG":
        _load(im, label)  # PNG may keep its EXIF after the pixels; loading also checks integrity
    orientation = _orientation(im)
    passthrough = passthrough and orientation == 1
    if fmt == "JPEG":
        if passthrough:  # only the integrity check is needed: decode at 1/8 scale
            im.draft(None, (max(1, width // 8), max(1, height // 8)))
        elif target:
            # Decode at the decoder's own reduced scale: a 12 MP photo decodes at 2000×1500 in
            # a fraction of the time a full decode and resize take. Half the target is still
            # well above the ~1 MP the model makes, and it uploads faster.
            im.draft(None, (-(-target[0] // 2), -(-target[1] // 2)))
        _load(im, label)
    if passthrough and im.mode == "RGBA" and _opaque(im):
        passthrough = False  # an alpha channel that hides nothing is dropped
    if passthrough:
        return _result(data, _PASS_THROUGH[fmt], (width, height), notes, label)

    icc = im.info.get("icc_profile")
    icc = icc if isinstance(icc, bytes) and icc[16:20] == b"RGB " else None  # RGB profiles only
    image = ImageOps.exif_transpose(im) if orientation != 1 else im
    image = _service_mode(image)
    shown = (height, width) if orientation >= 5 else (width, height)
    if target:
        if max(image.size) > MAX_SIDE:
            target = target if orientation < 5 else (target[1], target[0])
            image = image.resize(target, Image.Resampling.LANCZOS, reducing_gap=3.0)
        notes.append(
            _note(
                "warning.image.resized",
                label=label,
                width=shown[0],
                height=shown[1],
                new_width=image.width,
                new_height=image.height,
                max_side=MAX_SIDE,
            )
        )
    image.info = {}  # no leftover "transparency" or EXIF (which may hold a GPS position)
    png = image.mode == "RGBA" or fmt in _LOSSLESS or (fmt == "WEBP" and _lossless_webp(data))
    encoded, mime, image = _encode_to_fit(image, png, icc, len(data), label, notes)
    if mime == "image/png" and image.mode == "RGB" and len(encoded) > image.width * image.height:
        # A photo that had to be re-encoded anyway: over 1 byte per pixel as PNG means camera
        # texture, which JPEG q95 4:4:4 keeps above 40 dB PSNR at a fraction of the bytes.
        # Screenshots and line art compress far below that and stay PNG.
        encoded, mime = _encode(image, False, _JPEG_QUALITY, icc), "image/jpeg"
    return _result(encoded, mime, image.size, notes, label)


def _open(data: bytes, label: Message) -> ImageFile.ImageFile:
    """Identify the image from its header without decoding pixels. Pillow's own Image.open
    would refuse a large image before we see its size; this mirrors it for our formats only,
    so the declared size can be checked (and named) before anything is decoded."""
    kind = _sniff(data[:32])
    if kind == "HEIC" and not _register_heif():
        raise ImageInputError(
            msg("error.image.heic_missing", label=label), msg("hint.image.convert")
        )
    Image.init()
    matched = False
    for fmt in _PIL_FORMATS:
        factory, accept = Image.OPEN.get(fmt, (None, None))
        accepted = factory is not None and (accept is None or accept(data[:16]))
        if not accepted or isinstance(accepted, str):
            continue
        matched = True
        try:
            return factory(io.BytesIO(data), "")
        except Image.DecompressionBombError:
            raise _too_large(msg("error.image.bomb", label=label)) from None
        except Exception:  # a header this format claims but cannot parse
            continue
    if matched or kind in ACCEPTED_FORMATS:
        raise _damaged(label, kind)
    looks = _looks_like(data[:512])
    raise ImageInputError(
        msg("error.image.unknown_format", label=label, formats=_FORMAT_LIST),
        msg("hint.image.looks_like", what=looks) if looks else msg("hint.image.choose_format"),
    )


def _load(im: ImageFile.ImageFile, label: Message) -> None:
    try:
        im.load()
    except Image.DecompressionBombError:
        raise _too_large(msg("error.image.bomb", label=label)) from None
    except MemoryError:
        raise _too_large(
            msg("error.image.memory", label=label, width=im.width, height=im.height)
        ) from None
    except Exception:  # truncated or corrupt data; never LOAD_TRUNCATED_IMAGES
        raise _damaged(label, im.format) from None


def _service_mode(im: Image.Image) -> Image.Image:
    """RGB, or RGBA when some pixel is actually transparent."""
    if im.mode in ("I;16", "I;16L", "I;16B", "I;16N", "I", "F"):
        im = _to_8bit(im)
    if im.has_transparency_data:
        rgba = im.convert("RGBA")
        return rgba if not _opaque(rgba) else rgba.convert("RGB")
    return im if im.mode == "RGB" else im.convert("RGB")


def _to_8bit(im: Image.Image) -> Image.Image:
    """16-bit or float greyscale as 8-bit "L", scaled (not clipped): a gradient stays one."""
    if im.mode.startswith("I;16"):
        im, low, high = im.convert("I"), 0.0, 65535.0
    else:
        low, high = im.getextrema()
        ranges = ((0.0, 1.0),) if im.mode == "F" else ()
        for lo, hi in (*ranges, (0.0, 255.0), (0.0, 65535.0)):
            if lo <= low and high <= hi:  # the nominal range the values fit in
                low, high = lo, hi
                break
    scale = 255 / (high - low) if high > low else 0.0
    offset = 0.5 - low * scale  # round, not truncate
    return im.point(lambda value: value * scale + offset).convert("L")


def _encode_to_fit(
    image: Image.Image,
    png: bool,
    icc: bytes | None,
    source_size: int,
    label: Message,
    notes: list[Translatable],
) -> tuple[bytes, str, Image.Image]:
    """PNG or JPEG q95; over MAX_BYTES: JPEG (no alpha), lower quality, then fewer pixels."""
    quality = _JPEG_QUALITY
    encoded = _encode(image, png, quality, icc)
    if png and image.mode == "RGBA" and MAX_BYTES < len(encoded) <= MAX_BYTES * _PNG_RETRY:
        # Close, and JPEG cannot keep the alpha: compress harder (an RGB image goes JPEG).
        encoded = min(encoded, _encode(image, png, quality, icc, level=9), key=len)
    if len(encoded) <= MAX_BYTES:
        return encoded, "image/png" if png else "image/jpeg", image
    was = (
        msg("part.was_size", size=_mb(source_size))
        if source_size > MAX_BYTES
        else msg("part.would_be", size=_mb(len(encoded)), format="PNG" if png else "JPEG")
    )
    switched, start = png and image.mode == "RGB", image.size
    if switched:
        png = False
        encoded = _encode(image, png, quality, icc)
    while len(encoded) > MAX_BYTES:
        if not png and quality > _MIN_JPEG_QUALITY:
            quality -= 5
        else:
            factor = min(0.9, math.sqrt(MAX_BYTES / len(encoded)) * 0.95)
            size = (max(1, round(image.width * factor)), max(1, round(image.height * factor)))
            if min(size) < HARD_MIN_SIDE:
                raise ImageInputError(
                    msg("error.image.cannot_fit", label=label), msg("hint.image.simpler")
                )
            image = image.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)
        encoded = _encode(image, png, quality, icc)
    lowered = quality < _JPEG_QUALITY
    done: list[Message] = []
    if switched:
        done.append(msg("part.jpeg_quality", quality=quality) if lowered else msg("part.jpeg"))
    elif lowered:
        done.append(msg("part.quality", quality=quality))
    if image.size != start:
        done.append(
            msg(
                "part.resized",
                width=start[0],
                height=start[1],
                new_width=image.width,
                new_height=image.height,
            )
        )
    notes.append(
        _note("warning.image.refit", label=label, was=was, done=join(done), limit=_mb(MAX_BYTES, 0))
    )
    return encoded, "image/png" if png else "image/jpeg", image


def _encode(
    image: Image.Image, png: bool, quality: int, icc: bytes | None, level: int = 0
) -> bytes:
    buffer = io.BytesIO()
    if png:
        image.save(buffer, "PNG", compress_level=level or _PNG_LEVEL, icc_profile=icc)
    else:
        image.save(buffer, "JPEG", quality=quality, subsampling=0, icc_profile=icc)
    return buffer.getvalue()


def _result(
    encoded: bytes, mime: str, size: tuple[int, int], notes: list[Translatable], label: Message
) -> PreparedImage:
    width, height = size
    if min(width, height) < MIN_SIDE:
        notes.append(
            _note("warning.image.small", label=label, width=width, height=height, min_side=MIN_SIDE)
        )
    ref = f"data:{mime};base64,{base64.b64encode(encoded).decode('ascii')}"
    return PreparedImage(ref, mime, width, height, len(encoded), encoded, tuple(notes))


def _fit(width: int, height: int) -> tuple[int, int]:
    scale = MAX_SIDE / max(width, height)
    return max(1, min(MAX_SIDE, round(width * scale))), max(1, min(MAX_SIDE, round(height * scale)))


def png_is_intact(data: bytes) -> bool:
    """Every chunk of a PNG complete and checksummed, up to IEND (no pixels decoded)."""
    return data[:8] == b"\x89PNG\r\n\x1a\n" and _png_chunks(data)[0]


def _png_chunks(data: bytes) -> tuple[bool, bool]:
    """(intact, has an eXIf chunk): every chunk complete, with the right CRC, up to IEND. A
    cheap stand-in for decoding: about 1 ms for 1 MB, where load() takes 15 ms."""
    pos, view, has_exif = 8, memoryview(data), False
    while pos + 12 <= len(data):
        end = pos + 12 + int.from_bytes(data[pos : pos + 4], "big")
        kind = data[pos + 4 : pos + 8]
        if end > len(data):
            break
        if zlib.crc32(view[pos + 4 : end - 4]) != int.from_bytes(data[end - 4 : end], "big"):
            break
        if kind == b"IEND":
            return True, has_exif
        has_exif = has_exif or kind == b"eXIf"
        pos = end
    return False, has_exif


def _orientation(im: Image.Image) -> int:
    try:
        value = im.getexif().get(_ORIENTATION, 1)
    except Exception:  # unreadable EXIF: leave the image as it is
        return 1
    return value if isinstance(value, int) and 1 <= value <= 8 else 1


def _opaque(im: Image.Image) -> bool:
    return im.getchannel("A").getextrema()[0] == 255


def _lossless_webp(data: bytes) -> bool:
    head = data[: 1 << 16]
    return data[12:16] == b"VP8L" or (
        data[12:16] == b"VP8X" and b"VP8L" in head and b"VP8 " not in head
    )


def _sniff(head: bytes) -> str | None:
    """The image format the first bytes announce (AVIF: known but not accepted)."""
    if head.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "GIF"
    if head.startswith(b"BM") and int.from_bytes(head[14:18], "little") in _BMP_HEADER_SIZES:
        return "BMP"
    if head.startswith((b"II*\0", b"MM\0*", b"II+\0", b"MM\0+")):
        return "TIFF"
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return "WEBP"
    if head[4:8] == b"ftyp":
        return "HEIC" if head[8:12] in _HEIF_BRANDS else "AVIF" if head[8:11] == b"avi" else None
    return None


def _looks_like(head: bytes) -> Message | None:
    """A guess at what a non-image file is, for the hint."""
    text = head.lstrip().lower()
    if _sniff(head) == "AVIF":
        return msg("looks.avif")
    if text.startswith((b"<!doctype html", b"<html")) or b"<html" in text or b"<head" in text:
        return msg("looks.html")
    if b"<svg" in text:
        return msg("looks.svg")
    if text.startswith(b"%pdf"):
        return msg("looks.pdf")
    try:
        decoded = head.decode("utf-8")
    except UnicodeDecodeError:
        return None  # (a multi-byte character cut at the end is rare enough to ignore)
    if decoded and all(char.isprintable() or char.isspace() for char in decoded):
        return msg("looks.text")
    return None


def _register_heif() -> bool:
    """Teach Pillow HEIC/HEIF, once, the first time such a file comes in."""
    global _heif_registered
    with _heif_lock:
        if not _heif_registered:
            try:
                import pillow_heif
            except ImportError:
                return False
            pillow_heif.register_heif_opener()
            _heif_registered = True
    return True


def _damaged(label: Message, kind: str | None) -> ImageInputError:
    kind = {"MPO": "JPEG", "HEIF": "HEIC"}.get(kind or "", kind)
    what = msg("term.format_file", format=kind) if kind else msg("term.image")
    return ImageInputError(
        msg("error.image.damaged", label=label, what=what), msg("hint.image.damaged")
    )


def _too_large(message: Message) -> ImageInputError:
    return ImageInputError(message, _LARGE_HINT)


def _file_too_big(label: Message, size: int) -> ImageInputError:
    return ImageInputError(
        msg("error.image.file_too_big", label=label, size=_mb(size), limit=_mb(MAX_FILE_BYTES, 0)),
        msg("hint.image.under", limit=_mb(MAX_BYTES, 0)),
    )


def _mb(size: int, digits: int = 1) -> str:
    return f"{size / (1024 * 1024):.{digits}f} MB"
