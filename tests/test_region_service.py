"""Region edits through the whole edit service (issue 12): the real dashscope SDK against the
emulator in realistic mode (outputs at ~1 MP with a known drift), the crop sent, the outputs
stitched back at full resolution, and the history keeping what a restore needs."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from PIL import Image, ImageOps

from services.history import SavedRegion, SavedRequest, saved_request
from services.region_edit import RegionError, plan
from services.types import EditRequest, RegionRequest
from tests.support import TEST_KEY, local_editor
from tests.test_emulator_realistic import photo

USER = "region-user-0123456789"


@pytest.fixture
def world(tmp_path):
    options = dict(private_inputs=True, realistic=True, drift="random")
    with local_editor(tmp_path, **options) as (emu, service, history):
        yield emu, service, service.settings, history


def files(tmp_path, width=2400, height=1800):
    """A photo-like image 1 and a mask painting an ellipse of about 4 % of it."""
    original = photo(width, height, 5)
    image = tmp_path / "photo.png"
    original.save(image)
    mask = np.zeros((height, width), np.uint8)
    cv2.ellipse(mask, (width // 3, height // 2), (width // 10, height // 8), 0, 0, 360, 255, -1)
    mask_path = tmp_path / "mask.png"
    Image.fromarray(mask, "L").save(mask_path)
    return original, image, mask, mask_path


def request(image, mask_path, **kw) -> EditRequest:
    kw.setdefault("n", 1)
    return EditRequest(
        images=(image, *kw.pop("more", ())),
        prompt="make the flowers red",
        seed=77,
        region=RegionRequest(mask_path),
        **kw,
    )


def test_a_region_edit_sends_the_crop_and_returns_the_full_photo_untouched_outside(world, tmp_path):
    emu, service, settings, history = world
    original, image, mask, mask_path = files(tmp_path)
    expected = plan(original.size, mask > 0)
    result = service.edit(request(image, mask_path), settings.credentials(TEST_KEY), user=USER)

    sent = emu.requests[-1]
    # The crop went out as image 1, and the crop's shape was asked for (n = 1).
    assert sent.parameters["size"] == "{}*{}".format(*expected.request_size)
    assert sent.realistic["size"] == list(expected.request_size)
    assert sent.images[0]["mime"] == "image/png"  # a PNG's crop stays lossless
    (path,) = result.images
    with Image.open(path) as opened:
        out = np.asarray(opened.convert("RGB"))
    assert (out.shape[1], out.shape[0]) == original.size
    keep = cv2.dilate(mask, np.ones((3, 3), np.uint8), iterations=expected.feather + 2) == 0
    assert np.array_equal(out[keep], np.asarray(original)[keep])  # byte for byte outside
    inside = mask > 0
    assert np.abs(out[inside].astype(int) - np.asarray(original)[inside]).mean() > 5
    region = result.parameters["region"]
    assert region["box"] == list(expected.box) and region["alignment"][0]["applied"]
    assert region["alignment"][0]["residual_px"] <= 0.5

    entry = history.get(USER, result.entry_id)
    # The person's request is kept beside the wire's: the crop's size was the app's choice,
    # so a restore must not turn it into a custom size.
    wire = "{}*{}".format(*expected.request_size)
    assert entry.parameters["size"] == entry.parameters["region"]["sent_size"] == wire
    asked = saved_request(entry.parameters)
    assert asked == SavedRequest(n=1, size=None, seed=77, region=SavedRegion(0.35, None))
    assert entry.parameters["request"]["region"] == {
        "margin": 0.35,
        "feather": None,  # left to the app (the feather used is region.feather)
        "mask": "mask.png",
    }
    extras = entry.extra_paths()
    assert set(extras) == {"original-1.png", "mask.png", "raw-1.png"}
    with Image.open(extras["original-1.png"]) as kept:
        assert np.array_equal(np.asarray(kept.convert("RGB")), np.asarray(original))
    with Image.open(extras["raw-1.png"]) as raw:
        assert raw.size == tuple(expected.request_size)  # the model's ~1 MP answer, as it came
    assert result.raw_images == (extras["raw-1.png"],)


def test_with_references_after_image_1_the_user_is_told_about_the_shape(world, tmp_path):
    emu, service, settings, _ = world
    original, image, _, mask_path = files(tmp_path, 1600, 1200)
    reference = tmp_path / "tall.png"
    photo(600, 1200, 2).save(reference)
    result = service.edit(
        request(image, mask_path, n=2, more=(reference,)), settings.credentials(TEST_KEY)
    )
    assert "size" not in emu.requests[-1].parameters  # a size needs n = 1
    assert any("shape of the last image" in w for w in result.warnings)
    assert len(result.images) == 2
    for path in result.images:
        with Image.open(path) as opened:
            assert opened.size == original.size


@pytest.mark.parametrize(
    "case, words",
    [
        ("empty", "mask"),
        ("wrong-size", "size"),
        ("link", "uploaded file"),
    ],
)
def test_a_bad_region_is_refused_before_anything_is_sent(world, tmp_path, case, words):
    emu, service, settings, _ = world
    original, image, mask, mask_path = files(tmp_path, 1200, 900)
    if case == "empty":
        Image.new("L", original.size, 0).save(mask_path)
    elif case == "wrong-size":
        Image.new("L", (600, 450), 255).save(mask_path)
    first = "https://example.com/photo.png" if case == "link" else image
    before = len(emu.requests)
    with pytest.raises(RegionError) as refused:
        service.edit(request(first, mask_path), settings.credentials(TEST_KEY))
    assert words in refused.value.user_text().lower()
    assert refused.value.hint  # what to do
    assert len(emu.requests) == before


def test_a_large_crop_is_sent_at_the_size_the_model_works_at(world, tmp_path):
    # The service scales every input to ~1 MP: sending a 2.6 MP crop would only cost upload.
    emu, service, settings, _ = world
    original, image, _, _ = files(tmp_path, 3000, 2000)
    mask = np.zeros((2000, 3000), np.uint8)
    cv2.rectangle(mask, (700, 500), (2100, 1500), 255, -1)
    mask_path = tmp_path / "big-mask.png"
    Image.fromarray(mask, "L").save(mask_path)
    expected = plan(original.size, mask > 0)
    assert expected.crop_size[0] * expected.crop_size[1] > 2_000_000  # the case in question
    result = service.edit(request(image, mask_path), settings.credentials(TEST_KEY))
    sent = emu.requests[-1].images[0]
    assert (sent["width"], sent["height"]) == tuple(expected.request_size)
    with Image.open(result.images[0]) as opened:
        assert opened.size == original.size


def test_an_exif_rotated_jpeg_is_edited_as_the_person_saw_it(world, tmp_path):
    # Phones store portrait photos landscape with an EXIF orientation; the editor shows them
    # upright and the mask is painted on that upright view.
    emu, service, settings, _ = world
    upright = photo(900, 1200, 3)  # portrait, as seen
    stored = upright.transpose(Image.Transpose.ROTATE_90)  # landscape, as the phone stores it
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90 CW to display"
    image = tmp_path / "portrait.jpg"
    stored.save(image, quality=95, exif=exif)
    with Image.open(image) as opened:
        seen = np.asarray(ImageOps.exif_transpose(opened).convert("RGB"))
    assert seen.shape[:2] == (1200, 900)
    mask = np.zeros((1200, 900), np.uint8)
    cv2.circle(mask, (450, 300), 120, 255, -1)
    mask_path = tmp_path / "portrait-mask.png"
    Image.fromarray(mask, "L").save(mask_path)
    expected = plan((900, 1200), mask > 0)
    result = service.edit(request(image, mask_path), settings.credentials(TEST_KEY))
    assert emu.requests[-1].images[0]["mime"] == "image/jpeg"  # a JPEG's crop: a fine JPEG
    with Image.open(result.images[0]) as opened:
        out = np.asarray(opened.convert("RGB"))
    assert out.shape == seen.shape  # upright, at full size
    keep = cv2.dilate(mask, np.ones((3, 3), np.uint8), iterations=expected.feather + 2) == 0
    assert np.array_equal(out[keep], seen[keep])
    assert np.abs(out[mask > 0].astype(int) - seen[mask > 0]).mean() > 5
