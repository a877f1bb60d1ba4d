"""Keeping downloaded outputs: verified without decoding when they are PNG, converted when not."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from services.errors import ResultDownloadError
from services.messages import msg
from services.results import _write_png


def encoded(fmt: str) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (64, 48), "teal").save(buf, fmt)
    return buf.getvalue()


def test_an_intact_png_is_kept_byte_for_byte(tmp_path):
    data = encoded("PNG")
    assert _write_png(data, tmp_path, 0).read_bytes() == data


def test_a_png_with_a_damaged_chunk_is_refused(tmp_path):
    data = bytearray(encoded("PNG"))
    data[60] ^= 0xFF  # inside the image data: its checksum no longer matches
    with pytest.raises(ResultDownloadError, match="not a readable image") as err:
        _write_png(bytes(data), tmp_path, 0)
    assert err.value.kind == "error.download.unreadable"
    assert err.value.params == {"label": msg("label.output", index=1)}
    assert err.value.hint_kind == "hint.download.retry"
    assert list(tmp_path.iterdir()) == []


def test_other_formats_are_converted_to_png(tmp_path):
    path = _write_png(encoded("JPEG"), tmp_path, 1)
    with Image.open(path) as img:
        assert img.format == "PNG" and img.size == (64, 48)
