"""The region edit's PNG writer (services/region_edit/png_rows.py): the rows outside the crop
compressed once and reused. Checked against two independent decoders (Pillow's and OpenCV's
libpng) and zlib's own checksum, on random images, bands and splits."""

from __future__ import annotations

import zlib
from concurrent.futures import ThreadPoolExecutor

import cv2
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from services.region_edit.png_rows import RowBandPng, adler32_combine


@given(st.binary(max_size=3000), st.binary(max_size=70000))
def test_adler32_combine_equals_the_checksum_of_the_concatenation(first, second):
    combined = adler32_combine(zlib.adler32(first), zlib.adler32(second), len(second))
    assert combined == zlib.adler32(first + second)


def test_adler32_combine_with_long_runs_of_high_bytes():
    # Sums that wrap the modulus many times over.
    first, second = b"\xff" * 100_003, b"\xfe" * 262_147
    combined = adler32_combine(zlib.adler32(first), zlib.adler32(second), len(second))
    assert combined == zlib.adler32(first + second)


def decoded(path) -> tuple[np.ndarray, np.ndarray]:
    with Image.open(path) as opened:
        opened.load()  # Pillow checks the CRCs of every chunk as it reads
        by_pillow = np.asarray(opened.convert("RGB"))
    by_opencv = cv2.cvtColor(cv2.imread(str(path), cv2.IMREAD_UNCHANGED), cv2.COLOR_BGR2RGB)
    return by_pillow, by_opencv


@settings(max_examples=40, deadline=None)
@given(
    width=st.integers(1, 40),
    height=st.integers(1, 40),
    data=st.data(),
)
def test_an_output_written_from_its_band_decodes_to_the_whole_image(
    tmp_path_factory, width, height, data
):
    rng = np.random.default_rng(data.draw(st.integers(0, 2**32 - 1)))
    original = rng.integers(0, 256, (height, width, 3), dtype=np.uint8)
    top = data.draw(st.integers(0, height - 1))
    bottom = data.draw(st.integers(top + 1, height))
    parts = data.draw(st.integers(1, 4))
    output = original.copy()
    output[top:bottom] = rng.integers(0, 256, (bottom - top, width, 3), dtype=np.uint8)
    folder = tmp_path_factory.mktemp("png")
    writer = RowBandPng(original, top, bottom)
    with ThreadPoolExecutor(2) as pool:
        writer.write(folder / "out.png", output[top:bottom], pool, parts)
    writer.write_original(folder / "original.png")
    for image in decoded(folder / "out.png"):
        assert np.array_equal(image, output)
    for image in decoded(folder / "original.png"):
        assert np.array_equal(image, original)


def test_a_photo_sized_output_compresses_like_an_ordinary_png(tmp_path):
    # A smooth image with noise, like a photo: the Sub filter must not bloat the file.
    y, x = np.mgrid[0:600, 0:800]
    base = np.stack([x * 255 // 800, y * 255 // 600, (x + y) * 255 // 1400], axis=2)
    noise = np.random.default_rng(1).integers(-6, 7, base.shape)
    photo = np.clip(base + noise, 0, 255).astype(np.uint8)
    RowBandPng(photo, 200, 400).write_original(tmp_path / "rows.png")
    Image.fromarray(photo).save(tmp_path / "pillow.png", compress_level=1)
    ours, pillows = (tmp_path / "rows.png").stat().st_size, (tmp_path / "pillow.png").stat().st_size
    assert ours <= 1.15 * pillows, (ours, pillows)


@pytest.mark.parametrize(
    ("band_shape", "dtype"),
    [
        ((4, 8, 3), np.uint8),
        ((5, 7, 3), np.uint8),
        ((5, 8, 4), np.uint8),
        ((5, 8, 3), np.uint16),
    ],
)
def test_a_band_that_does_not_fit_rows_0_to_5_of_an_8_wide_image_is_refused(
    tmp_path, band_shape, dtype
):
    writer = RowBandPng(np.zeros((10, 8, 3), np.uint8), 0, 5)
    with pytest.raises(ValueError):
        writer.write(tmp_path / "bad.png", np.zeros(band_shape, dtype))
    assert not (tmp_path / "bad.png").exists()


@pytest.mark.parametrize("rows", [(0, 0), (3, 3), (5, 11), (-1, 4)])
def test_rows_outside_the_image_are_refused(rows):
    with pytest.raises(ValueError):
        RowBandPng(np.zeros((10, 8, 3), np.uint8), *rows)
