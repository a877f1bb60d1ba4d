"""Region edits for programs: /edit with a mask (issue 12), through gradio_client, the app,
the real SDK and the emulator."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from gradio_client import Client, handle_file
from gradio_client.exceptions import AppError
from PIL import Image

from tests.helpers import edit_kwargs
from tests.test_emulator_realistic import photo


@pytest.fixture(scope="module")
def client(launched) -> Client:
    return Client(launched.url, verbose=False)


@pytest.fixture(scope="module")
def case(tmp_path_factory):
    folder = tmp_path_factory.mktemp("region-api")
    original = photo(1500, 1000, 3)
    image = folder / "photo.png"
    original.save(image)
    mask = np.zeros((1000, 1500), np.uint8)
    cv2.ellipse(mask, (900, 420), (160, 120), 0, 0, 360, 255, -1)
    mask_path = folder / "mask.png"
    Image.fromarray(mask, "L").save(mask_path)
    return original, image, mask, mask_path, folder


def test_edit_with_a_mask_returns_the_full_photo_changed_only_in_the_region(client, case):
    original, image, mask, mask_path, _ = case
    files, meta = client.predict(
        **edit_kwargs([image], mask=handle_file(str(mask_path)), feather=6), api_name="/edit"
    )
    (path,) = files
    with Image.open(path) as opened:
        out = np.asarray(opened.convert("RGB"))
    assert (out.shape[1], out.shape[0]) == original.size
    outside = cv2.dilate(mask, np.ones((3, 3), np.uint8), iterations=8) == 0
    assert np.array_equal(out[outside], np.asarray(original)[outside])
    region = meta["parameters"]["region"]
    assert region["feather"] == 6 and len(region["alignment"]) == 1
    left, top, right, bottom = region["box"]
    assert left <= 740 and right >= 1060 and top <= 300 and bottom >= 540  # holds the region


@pytest.mark.parametrize(
    "override, words",
    [
        ({"margin": 5}, "context margin"),
        ({"feather": 2.5}, "seam width"),
    ],
)
def test_bad_region_settings_are_refused_in_words(client, case, override, words):
    _, image, _, mask_path, _ = case
    with pytest.raises(AppError, match=words):
        client.predict(
            **edit_kwargs([image], mask=handle_file(str(mask_path)), **override),
            api_name="/edit",
        )


def test_a_mask_of_another_size_is_refused_before_sending(client, launched, case):
    _, image, _, _, folder = case
    small = folder / "small-mask.png"
    Image.new("L", (300, 200), 255).save(small)
    before = len(launched.emulator.requests)
    with pytest.raises(AppError, match="size"):
        client.predict(**edit_kwargs([image], mask=handle_file(str(small))), api_name="/edit")
    assert len(launched.emulator.requests) == before
