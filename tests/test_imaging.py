"""prepare_image: every accepted source and format, every bad input, and the service's limits.

All images are made here, in memory or under tmp_path; nothing binary is committed.
"""

from __future__ import annotations

import base64
import io
import random
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from PIL import Image, ImageCms, ImageFile, JpegImagePlugin

from services.errors import ImageInputError
from services.imaging import (
    ACCEPTED_FORMATS,
    MAX_BYTES,
    MAX_SIDE,
    MIN_SIDE,
    normalise_url,
    prepare_image,
)
from services.types import PreparedImage

RED, BLUE = (255, 0, 0), (0, 0, 255)
ROOT = Path(__file__).resolve().parents[1]


# --- helpers -------------------------------------------------------------------------------


def encode(image: Image.Image, fmt: str, **params: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **params)
    return buffer.getvalue()


def photo(width: int = 640, height: int = 480) -> Image.Image:
    """A smooth RGB picture: three gradients, so colours differ across the image."""
    ramp = Image.linear_gradient("L")
    red = ramp.resize((width, height))
    green = ramp.rotate(90).resize((width, height))
    blue = ramp.transpose(Image.Transpose.FLIP_LEFT_RIGHT).resize((width, height))
    return Image.merge("RGB", (red, green, blue))


def noise(mode: str, width: int, height: int) -> Image.Image:
    data = random.Random(7).randbytes(width * height * len(mode))
    return Image.frombytes(mode, (width, height), data)


def sent(prepared: PreparedImage) -> Image.Image:
    """The image as the service would decode it, checking the data: URI on the way."""
    assert prepared.data is not None and prepared.mime is not None
    assert prepared.byte_size == len(prepared.data) <= MAX_BYTES
    b64 = base64.b64encode(prepared.data).decode()
    assert prepared.ref == f"data:{prepared.mime};base64,{b64}"
    image = Image.open(io.BytesIO(prepared.data))
    image.load()
    assert f"image/{image.format.lower()}" == prepared.mime
    assert image.size == (prepared.width, prepared.height)
    return image


def refused(source: object, index: int = 1) -> str:
    """What the user reads when an image is refused."""
    with pytest.raises(ImageInputError) as caught:
        prepare_image(source, index=index)  # type: ignore[arg-type]
    error = caught.value
    assert error.message and error.hint
    return error.user_text()


def close(colour: tuple[int, ...], expected: tuple[int, ...], tolerance: int = 8) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(colour, expected, strict=True))


def png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def declared_png(width: int, height: int) -> bytes:
    """A tiny PNG whose header declares any size: a decompression bomb for the price of 60 B."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", header)
        + png_chunk(b"IDAT", zlib.compress(b"\0" * 64))
        + png_chunk(b"IEND", b"")
    )


def with_orientation(image: Image.Image, orientation: int, **params: object) -> bytes:
    exif = Image.Exif()
    exif[0x0112] = orientation
    return encode(image, "JPEG", exif=exif.tobytes(), **params)


def red_left_blue_right(width: int, height: int) -> Image.Image:
    image = Image.new("RGB", (width, height), RED)
    image.paste(BLUE, (width // 2, 0, width, height))
    return image


# --- accepted formats and sources ---------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "suffix", "params", "mime", "passthrough"),
    [
        ("JPEG", ".jpg", {"quality": 90}, "image/jpeg", True),
        ("PNG", ".png", {}, "image/png", True),
        ("WEBP", ".webp", {"quality": 90}, "image/webp", True),
        ("BMP", ".bmp", {}, "image/png", False),
        ("TIFF", ".tif", {}, "image/png", False),
        ("GIF", ".gif", {}, "image/png", False),
    ],
)
def test_each_accepted_format_is_prepared(tmp_path, fmt, suffix, params, mime, passthrough):
    original = photo()
    path = tmp_path / f"picture{suffix}"
    path.write_bytes(encode(original, fmt, **params))

    prepared = prepare_image(path, index=2)

    assert (prepared.mime, prepared.width, prepared.height) == (mime, 640, 480)
    assert prepared.warnings == ()
    assert (prepared.data == path.read_bytes()) is passthrough
    image = sent(prepared)
    tolerance = 40 if fmt == "GIF" else 12  # GIF: 256 colours at most
    for point in ((10, 10), (320, 240), (600, 400)):
        assert close(image.convert("RGB").getpixel(point), original.getpixel(point), tolerance)


def test_heic_written_by_pillow_heif_is_sent_as_jpeg_444(tmp_path):
    pillow_heif = pytest.importorskip("pillow_heif")
    path = tmp_path / "phone photo.heic"
    pillow_heif.from_pillow(Image.new("RGB", (640, 480), (200, 40, 60))).save(path, quality=92)

    prepared = prepare_image(path, index=3)

    assert (prepared.mime, prepared.width, prepared.height, prepared.warnings) == (
        "image/jpeg",
        640,
        480,
        (),
    )
    image = sent(prepared)
    assert close(image.getpixel((320, 240)), (200, 40, 60), 10)
    assert JpegImagePlugin.get_sampling(image) == 0  # 4:4:4, no chroma subsampling


def test_heic_opener_is_registered_on_first_need_not_at_import():
    code = (
        "import services.imaging\n"
        "from PIL import Image\n"
        "Image.init()\n"
        "assert 'HEIF' not in Image.OPEN, 'registered at import'\n"
    )
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr


def test_bytes_path_str_and_data_uris_give_the_same_image(tmp_path):
    data = encode(photo(), "PNG")
    path = tmp_path / "same.png"
    path.write_bytes(data)
    b64 = base64.b64encode(data).decode()
    wrapped = "\n".join(b64[i : i + 76] for i in range(0, len(b64), 76))  # as MIME tools write it

    sources = [
        data,
        path,
        f"data:image/png;base64,{b64}",
        f"DATA:image/PNG;BASE64,{wrapped}",
        f"data:image/jpeg;base64,{b64.rstrip('=')}",  # wrong type, no padding: sniffed anyway
    ]
    results = [prepare_image(source) for source in sources]

    assert all(result.data == data and result.mime == "image/png" for result in results)


def test_passthrough_sends_the_original_bytes_unchanged():
    originals = {
        "image/jpeg": encode(photo(), "JPEG", quality=80),
        "image/png": encode(photo(), "PNG"),
        "image/webp": encode(photo(), "WEBP", quality=80),
    }
    transparent = Image.new("RGBA", (500, 400), (255, 0, 0, 255))
    transparent.paste((0, 0, 0, 0), (0, 0, 100, 100))
    originals["image/png (alpha)"] = encode(transparent, "PNG")

    for mime, data in originals.items():
        prepared = prepare_image(data)
        assert prepared.data == data, mime
        assert prepared.mime == mime.split()[0]


def test_fully_opaque_alpha_is_dropped():
    opaque = photo().convert("RGBA")

    prepared = prepare_image(encode(opaque, "PNG"))

    assert prepared.mime == "image/png"
    assert sent(prepared).mode == "RGB"


@pytest.mark.parametrize(
    ("image", "fmt", "mime", "mode"),
    [
        (Image.new("1", (400, 400), 1), "PNG", "image/png", "RGB"),
        (Image.new("L", (400, 400), 90), "PNG", "image/png", "RGB"),
        (Image.new("L", (400, 400), 90), "JPEG", "image/jpeg", "RGB"),
        (Image.new("LA", (400, 400), (90, 0)), "PNG", "image/png", "RGBA"),
        (Image.new("LA", (400, 400), (90, 255)), "PNG", "image/png", "RGB"),
        (Image.new("P", (400, 400), 3), "PNG", "image/png", "RGB"),
        (Image.new("RGB", (400, 400), RED), "TIFF", "image/png", "RGB"),
    ],
    ids=["1-bit", "L-png", "L-jpeg", "LA-transparent", "LA-opaque", "palette", "tiff"],
)
def test_modes_become_rgb_or_rgba(image, fmt, mime, mode):
    prepared = prepare_image(encode(image, fmt))

    assert prepared.mime == mime
    assert sent(prepared).mode == mode


def sixteen_bit(fmt: str) -> bytes:
    """A 1024×16 horizontal gradient over the whole 16-bit range (or 0..1 as float)."""
    values = [x * 65535 // 1023 for x in range(1024)] * 16
    if fmt == "TIFF-F":
        image = Image.new("F", (1024, 16))
        image.putdata([v / 65535 for v in values])
        return encode(image, "TIFF")
    if fmt == "TIFF-I;16B":
        raw = struct.pack(f">{len(values)}H", *values)
        return encode(Image.frombytes("I;16B", (1024, 16), raw), "TIFF")
    raw = struct.pack(f"<{len(values)}H", *values)
    return encode(Image.frombytes("I;16", (1024, 16), raw), fmt)


@pytest.mark.parametrize("fmt", ["PNG", "TIFF", "TIFF-I;16B", "TIFF-F"])
def test_sixteen_bit_and_float_gradients_stay_gradients(fmt):
    prepared = prepare_image(sixteen_bit(fmt))

    row = [sent(prepared).convert("L").getpixel((x, 8)) for x in range(1024)]
    assert row[0] == 0 and row[-1] == 255
    assert abs(row[512] - 128) <= 1
    assert row == sorted(row)  # monotonic: not clipped, not wrapped
    assert len(set(row)) == 256


def test_cmyk_jpeg_becomes_rgb_jpeg_444():
    cmyk = Image.new("CMYK", (500, 400), (0, 255, 255, 0))  # red

    prepared = prepare_image(encode(cmyk, "JPEG", quality=95))

    image = sent(prepared)
    assert (prepared.mime, image.mode) == ("image/jpeg", "RGB")
    assert close(image.getpixel((250, 200)), RED)
    assert JpegImagePlugin.get_sampling(image) == 0


def test_palette_png_with_transparency_keeps_it():
    palette = Image.new("P", (500, 400), 1)
    palette.putpalette([0, 0, 0, 255, 0, 0])
    palette.paste(0, (0, 0, 100, 100))

    prepared = prepare_image(encode(palette, "PNG", transparency=0))

    image = sent(prepared)
    assert (prepared.mime, image.mode) == ("image/png", "RGBA")
    assert image.getpixel((10, 10))[3] == 0
    assert image.getpixel((300, 300)) == (*RED, 255)


def test_rgb_icc_profile_is_kept_when_re_encoding():
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    palette = Image.new("RGB", (400, 400), RED).convert("P")

    prepared = prepare_image(encode(palette, "PNG", icc_profile=profile))

    assert sent(prepared).info.get("icc_profile") == profile


@pytest.mark.parametrize("fmt", ["GIF", "WEBP", "PNG"])
def test_animation_sends_its_first_frame(fmt):
    frames = [Image.new("RGB", (500, 400), colour) for colour in (RED, (0, 255, 0), BLUE)]
    params = {"save_all": True, "append_images": frames[1:], "duration": 100, "lossless": True}
    data = encode(frames[0], fmt, **params)

    prepared = prepare_image(data, index=2)

    assert prepared.warnings == ("Image 2 is animated; only its first frame is used.",)
    assert sent(prepared).convert("RGB").getpixel((250, 200)) == RED


def test_multi_page_tiff_sends_its_first_page():
    pages = [Image.new("RGB", (500, 400), colour) for colour in (BLUE, RED)]

    prepared = prepare_image(encode(pages[0], "TIFF", save_all=True, append_images=pages[1:]))

    assert prepared.warnings == ("Image 1 has several pages; only its first page is used.",)
    assert sent(prepared).getpixel((250, 200)) == BLUE


def test_exif_orientation_is_applied_silently():
    # Stored 800×600, red left and blue right; orientation 6 = turn 90° clockwise to view.
    data = with_orientation(red_left_blue_right(800, 600), 6, quality=95)

    prepared = prepare_image(data)

    image = sent(prepared)
    assert (prepared.width, prepared.height, prepared.warnings) == (600, 800, ())
    assert close(image.getpixel((300, 100)), RED)  # the left side is now on top
    assert close(image.getpixel((300, 700)), BLUE)
    assert 0x0112 not in image.getexif()  # not applied twice by the service


# --- limits ----------------------------------------------------------------------------------


def test_large_jpeg_is_decoded_at_half_scale_to_fit():
    # Over 3072 px, a JPEG is decoded at the decoder's reduced scale (half here): fast, and
    # still well above the ~1 MP the model makes.
    original = photo(4000, 3000)

    prepared = prepare_image(encode(original, "JPEG", quality=90), index=2)

    assert (prepared.mime, prepared.width, prepared.height) == ("image/jpeg", 2000, 1500)
    assert prepared.warnings == (
        "Image 2 was 4000×3000 px; resized to 2000×1500 to fit the service's limit of "
        "3072 px per side.",
    )
    image = sent(prepared)
    assert close(image.getpixel((1000, 750)), original.getpixel((2000, 1500)), 12)


def test_very_large_jpeg_lands_between_half_the_limit_and_the_limit():
    # 8000×6000 decodes at 1/4 scale: the largest reduction that keeps at least half of the
    # 3072×2304 the limit allows.
    prepared = prepare_image(encode(photo(8000, 6000), "JPEG", quality=90))

    assert (prepared.width, prepared.height) == (2000, 1500)
    assert 3072 // 2 <= prepared.width <= 3072


def test_large_rotated_jpeg_is_scaled_after_orientation():
    data = with_orientation(red_left_blue_right(4000, 3000), 6, quality=90)

    prepared = prepare_image(data)

    image = sent(prepared)
    assert (prepared.width, prepared.height) == (1500, 2000)
    assert "was 3000×4000 px; resized to 1500×2000" in prepared.warnings[0]
    assert close(image.getpixel((750, 200)), RED)
    assert close(image.getpixel((750, 1800)), BLUE)


def test_long_strip_is_scaled_and_warned_about_both_limits():
    prepared = prepare_image(encode(Image.new("RGB", (20000, 200), RED), "PNG"), index=3)

    assert (prepared.width, prepared.height) == (MAX_SIDE, 31)
    assert prepared.warnings == (
        "Image 3 was 20000×200 px; resized to 3072×31 to fit the service's limit of "
        "3072 px per side.",
        f"Image 3 is 3072×31 px; the service works best from {MIN_SIDE} px per side, so the "
        "result may be blurry.",
    )


def test_strip_too_thin_to_scale_is_refused():
    text = refused(encode(Image.new("RGB", (40000, 20)), "PNG"), index=2)

    assert "Image 2 is 40000×20 pixels" in text
    assert "short side would be under 10 px" in text


@pytest.mark.parametrize("size", [(1, 1), (9, 9), (9, 500), (500, 9)])
def test_under_10_px_is_refused(size):
    text = refused(encode(Image.new("RGB", size), "PNG"), index=2)

    assert text.startswith(
        f"Image 2 is only {size[0]}×{size[1]} pixels; the service needs at least 10 px per side."
    )


def test_10_px_is_accepted_with_a_warning():
    prepared = prepare_image(encode(Image.new("RGB", (10, 10), RED), "PNG"), index=2)

    assert prepared.warnings == (
        "Image 2 is 10×10 px; the service works best from 384 px per side, so the result may "
        "be blurry.",
    )


def test_png_over_10_mb_is_re_encoded_as_jpeg():
    data = encode(noise("RGB", 2400, 2400), "PNG", compress_level=0)
    assert len(data) > 16 * 1024 * 1024

    prepared = prepare_image(data, index=2)

    assert prepared.mime == "image/jpeg" and (prepared.width, prepared.height) == (2400, 2400)
    assert prepared.byte_size <= MAX_BYTES
    (warning,) = prepared.warnings
    assert warning.startswith(f"Image 2 was {len(data) / 2**20:.1f} MB; re-encoded as JPEG")
    assert warning.endswith("to fit the 10 MB limit.")
    sent(prepared)


def test_transparent_png_over_10_mb_is_resized_and_stays_png():
    data = encode(noise("RGBA", 1800, 1800), "PNG", compress_level=0)

    prepared = prepare_image(data)

    image = sent(prepared)
    assert (prepared.mime, image.mode) == ("image/png", "RGBA")
    assert prepared.width < 1800 and prepared.width == prepared.height
    assert f"resized from 1800×1800 to {prepared.width}×{prepared.height}" in prepared.warnings[0]


# --- bad input -------------------------------------------------------------------------------


def test_empty_file_and_empty_bytes_are_refused(tmp_path):
    path = tmp_path / "empty.png"
    path.write_bytes(b"")

    assert refused(path, index=2).startswith("Image 2 is empty (0 bytes).")
    assert refused(b"", index=3).startswith("Image 3 is empty (0 bytes).")
    assert refused("  ", index=1).startswith("Image 1 is empty: no file or URL was given.")


@pytest.mark.parametrize(
    ("fmt", "cut"),
    [("PNG", 0.5), ("PNG", 0.9), ("JPEG", 0.5), ("JPEG", 0.98), ("WEBP", 0.5), ("GIF", 0.5)],
)
def test_truncated_files_are_refused_as_damaged(tmp_path, fmt, cut):
    data = encode(photo(), fmt)
    path = tmp_path / f"cut.{fmt.lower()}"
    path.write_bytes(data[: int(len(data) * cut)])

    text = refused(path, index=2)

    assert text.startswith(f"Image 2 is a damaged or incomplete {fmt} file.")
    assert ImageFile.LOAD_TRUNCATED_IMAGES is False


def test_png_missing_only_its_end_marker_is_rewritten_not_passed_on():
    data = encode(photo(), "PNG")[:-12]  # the IEND chunk; every pixel is still there

    prepared = prepare_image(data)

    assert prepared.data != data
    assert sent(prepared).size == (640, 480)


@pytest.mark.parametrize(
    ("name", "content", "looks_like"),
    [
        ("notes.png", b"Shopping list:\n- eggs\n- milk\n", "It looks like a text file."),
        ("photo.jpg", b"<!DOCTYPE html>\n<html><head><title>x</title></head></html>",
         "It looks like a web page (HTML); save the image itself, not the page."),
        ("noise.webp", random.Random(1).randbytes(4096),
         "Choose an image file in one of those formats."),
        ("drawing.png", b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>',
         "It looks like an SVG drawing"),
    ],
)  # fmt: skip
def test_files_that_are_not_images_are_refused(tmp_path, name, content, looks_like):
    path = tmp_path / name
    path.write_bytes(content)

    text = refused(path, index=2)

    assert text.startswith(
        "Image 2 is not an image file we can read; accepted formats are JPEG, PNG, BMP, TIFF, "
        "WEBP, GIF and HEIC."
    )
    assert looks_like in text
    assert all(fmt in text for fmt in ACCEPTED_FORMATS)


def test_decompression_bomb_is_refused_before_decoding(monkeypatch):
    pillow_limit = Image.MAX_IMAGE_PIXELS
    decoded: list[tuple[int, int]] = []  # every decode of pixels goes through load()
    load = ImageFile.ImageFile.load
    monkeypatch.setattr(ImageFile.ImageFile, "load", lambda im: decoded.append(im.size) or load(im))

    text = refused(declared_png(50_000, 50_000), index=2)

    assert text.startswith("Image 2 declares 50000×50000 pixels; too large to open safely.")
    # Over our 64 MP limit but under Pillow's own: refused just the same.
    assert "declares 9000×8000 pixels" in refused(declared_png(9000, 8000))
    assert decoded == []  # refused from the header alone: not one pixel was decoded
    assert pillow_limit == Image.MAX_IMAGE_PIXELS  # Pillow's globals are left alone


def test_file_names_with_spaces_quotes_and_non_ascii_work(tmp_path):
    path = tmp_path / "my \"holiday\" 'pic' – Zürich 東京 ✓.png"
    path.write_bytes(encode(photo(), "PNG"))

    assert prepare_image(path).data == path.read_bytes()


def test_missing_files_and_folders_are_refused(tmp_path):
    assert refused(tmp_path / "gone.png", index=2) == (
        "Image 2 (gone.png) was not found. Add the image again."
    )
    assert refused(tmp_path, index=3).startswith(
        f"Image 3 ({tmp_path.name}) is a folder, not an image file."
    )


def test_file_over_100_mb_is_refused_without_reading_it(tmp_path):
    path = tmp_path / "huge.png"
    with path.open("wb") as file:
        file.truncate(101 * 1024 * 1024)  # sparse: costs nothing to make

    assert refused(path, index=2).startswith(
        "Image 2 is 101.0 MB; files over 100 MB are not accepted."
    )


# --- URLs and other text ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.com/images/café photo.png?q=東京&n=1#top",
         "https://example.com/images/caf%C3%A9%20photo.png?q=%E6%9D%B1%E4%BA%AC&n=1#top"),
        ("https://bücher.example/a.png", "https://xn--bcher-kva.example/a.png"),
        ("http://user:pässword@例え.jp:8080/画像.jpg",
         "http://user:p%C3%A4ssword@xn--r8jz45g.jp:8080/%E7%94%BB%E5%83%8F.jpg"),
        ("https://example.com/100%.png", "https://example.com/100%25.png"),
        ("https://example.com/a%20b.png?x=%E6%9D%B1&y=1+2",
         "https://example.com/a%20b.png?x=%E6%9D%B1&y=1+2"),
        ("HTTPS://Example.COM/x.png?", "HTTPS://Example.COM/x.png?"),
        ("https://[2001:db8::1]:443/x.png", "https://[2001:db8::1]:443/x.png"),
        ("https://example.com/a b%2Fc.png", "https://example.com/a%20b%2Fc.png"),
    ],
)  # fmt: skip
def test_normalise_url_encodes_once(url, expected):
    assert normalise_url(url) == expected
    assert normalise_url(expected) == expected  # idempotent: %XX is never encoded again


def test_url_is_passed_on_with_a_warning_only_when_changed():
    clean = prepare_image("https://example.com/a%20b.png", index=2)
    changed = prepare_image(" https://example.com/a b.png ", index=2)

    assert clean == PreparedImage("https://example.com/a%20b.png", None, None, None, None)
    assert changed.ref == "https://example.com/a%20b.png"
    assert (changed.mime, changed.data, changed.byte_size) == (None, None, None)
    assert changed.warnings == (
        "Image 2's URL had characters that must be percent-encoded; it is sent as "
        "https://example.com/a%20b.png",
    )


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("https:///x.png", "Image 2's URL has no host name"),
        ("http://", "Image 2's URL has no host name"),
        ("https://exa mple.com/x.png", "Image 2's URL has an invalid host name"),
        ("https://example.com:99999/x.png", "Image 2's URL has an invalid port"),
    ],
)
def test_malformed_urls_are_refused(url, message):
    assert refused(url, index=2).startswith(message)


@pytest.mark.parametrize(
    ("source", "scheme"),
    [
        ("file:///etc/passwd", "file"),
        ("javascript:alert(1)", "javascript"),
        ("ftp://example.com/x.png", "ftp"),
        ("data:text/plain;base64,aGVsbG8=", "data"),
        ("FILE://C:/x.png", "FILE"),
    ],
)
def test_other_schemes_are_refused(source, scheme):
    assert refused(source, index=3) == (
        f"Image 3 is a {scheme}: address; only uploaded files and http(s) URLs are accepted. "
        "Upload the image file, or give a public http:// or https:// address."
    )


def test_bad_data_uris_are_refused():
    assert refused("data:image/svg+xml,<svg/>", index=2).startswith(
        "Image 2 is a data: URI that is not base64-encoded."
    )
    assert refused("data:image/png;base64,@@@not-base64@@@", index=2).startswith(
        "Image 2 is a data: URI whose base64 data is not valid."
    )
    assert refused("data:image/png;base64,aGVsbG8gd29ybGQ=", index=2).startswith(
        "Image 2 is not an image file we can read"
    )


def test_other_source_types_are_a_programming_error():
    with pytest.raises(TypeError):
        prepare_image(123)  # type: ignore[arg-type]
