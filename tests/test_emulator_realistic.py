"""The emulator's realistic mode (issue 12): answers at ~1 MP made of image 1, with an edit in a
centred ellipse, a small tag and a known drift, over real HTTP and through the dashscope SDK.

The drift's truth comes from the emulator's request log; the region-edit code must recover it.
"""

from __future__ import annotations

import base64
import io
import json
import re
import subprocess
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import pytest
import requests
from PIL import Image

from services.backends.dashscope import DashScopeBackend
from services.config import Settings
from services.editing import EditService
from services.emulator import Emulator
from services.emulator.inputs import load
from services.emulator.realistic import drift_for, edit_mask, tag_box
from services.emulator.render import Renderer
from services.ratelimit import RateLimiter
from services.region_edit import crop_input, plan, stitch
from services.region_edit.drift import (
    MAX_ANGLE,
    MAX_OFFSET,
    MAX_SHIFT,
    MAX_ZOOM,
    Drift,
    drift_in_crop,
    rms_error,
)
from services.results import DownloadPolicy, ResultStore
from services.types import EditRequest, Size
from tests.support import TEST_KEY

GEN = "/services/aigc/multimodal-generation/generation"
ROOT = Path(__file__).resolve().parents[1]
KNOWN = Drift(zoom=1.021, shift=(0.012, -0.008), angle=0.6, gain=(1.05, 0.97, 1.02),
              offset=(6.0, -4.0, 2.0))  # fmt: skip


# -- helpers ------------------------------------------------------------------------------------


def photo(width: int, height: int, seed: int = 0) -> Image.Image:
    """A deterministic photo-like image: smooth colour blobs plus finer texture."""
    rng = np.random.default_rng(seed)
    pixels = np.zeros((height, width, 3), np.float32)
    for cell, weight in ((max(width, height) // 6, 0.6), (48, 0.3), (12, 0.1)):
        small = rng.random((max(2, height // cell), max(2, width // cell), 3), np.float32)
        pixels += weight * cv2.resize(small, (width, height), interpolation=cv2.INTER_CUBIC)
    return Image.fromarray(np.clip(pixels * 255, 0, 255).astype(np.uint8), "RGB")


def data_uri(image: Image.Image, fmt: str = "PNG", **save: Any) -> str:
    out = io.BytesIO()
    image.save(out, format=fmt, **save)
    mime = "image/jpeg" if fmt == "JPEG" else "image/png"
    return f"data:{mime};base64,{base64.b64encode(out.getvalue()).decode()}"


def post(emu: Emulator, images: list[str], **parameters: Any) -> dict[str, Any]:
    content: list[dict[str, str]] = [{"image": i} for i in images]
    content.append({"text": "make it autumn"})
    body = {
        "model": "qwen-image-edit-plus",
        "input": {"messages": [{"role": "user", "content": content}]},
        "parameters": parameters,
    }
    reply = requests.post(
        emu.base_url + GEN, json=body, headers={"Authorization": f"Bearer {TEST_KEY}"}, timeout=30
    )
    assert reply.status_code == 200, reply.text
    return reply.json()


def outputs(answer: dict[str, Any]) -> list[bytes]:
    content = answer["output"]["choices"][0]["message"]["content"]
    pngs = []
    for item in content:
        reply = requests.get(item["image"], timeout=10)
        assert reply.status_code == 200 and reply.headers["Content-Type"] == "image/png"
        pngs.append(reply.content)
    return pngs


def image(png: bytes) -> Image.Image:
    with Image.open(io.BytesIO(png)) as opened:
        return opened.convert("RGB")


def pixels(img: Image.Image) -> np.ndarray:
    return np.asarray(img, np.float32)


def outside_edit(size: tuple[int, int]) -> np.ndarray:
    """Pixels outside the edit ellipse (grown by 3 px) and the tag."""
    mask = np.asarray(edit_mask(size)) > 0
    mask = cv2.dilate(mask.astype(np.uint8), np.ones((7, 7), np.uint8)) > 0
    left, top, right, bottom = tag_box(size)
    mask[top : bottom + 3, left : right + 3] = True
    return ~mask


@pytest.fixture
def realistic():
    started: list[Emulator] = []

    def make(drift: Any = None) -> Emulator:
        emu = Emulator(keys={TEST_KEY}, private_inputs=True, realistic=True, drift=drift)
        started.append(emu.start())
        return emu

    yield make
    for emu in started:
        emu.stop()


def region_case(seed: int = 0):
    """A 1600x1200 photo with an elliptical region painted off-centre, and its plan."""
    original = photo(1600, 1200, seed)
    mask = np.zeros((1200, 1600), np.uint8)
    cv2.ellipse(mask, (700, 560), (220, 160), 0, 0, 360, 255, -1)
    region = plan(original.size, mask > 0)
    return original, region


# -- size and content ---------------------------------------------------------------------------


@pytest.mark.parametrize("size", [(4000, 3000), (600, 400)])
def test_outputs_are_about_one_megapixel_at_image_ones_aspect(realistic, size):
    emu = realistic()
    source = photo(size[0] // 4, size[1] // 4).resize(size, Image.Resampling.BICUBIC)
    answer = post(emu, [data_uri(source, "JPEG", quality=90)], seed=3)
    (out,) = [image(png) for png in outputs(answer)]
    width, height = out.size
    assert 0.9e6 <= width * height <= 1.1e6
    assert width % 16 == 0 and height % 16 == 0  # the service's rounding
    assert abs(width / height - size[0] / size[1]) < 0.02
    assert (answer["usage"]["width"], answer["usage"]["height"]) == out.size
    record = emu.requests[-1]
    assert record.realistic["size"] == [width, height]
    assert record.realistic["drifts"] == [None]
    assert answer["output"]["emulator_drifts"] == [None]


def test_aspect_follows_the_last_image_and_content_image_one(realistic):
    emu = realistic()
    first, last = photo(600, 400, seed=1), photo(400, 800, seed=2)
    answer = post(emu, [data_uri(first), data_uri(last)], seed=3)
    (out,) = [image(png) for png in outputs(answer)]
    width, height = out.size
    assert abs(width / height - 0.5) < 0.02 and 0.9e6 <= width * height <= 1.1e6
    # Image 1 stretched to the output, not image 2.
    keep = outside_edit(out.size)
    stretched = pixels(first.resize(out.size, Image.Resampling.LANCZOS))
    assert np.abs(pixels(out) - stretched)[keep].mean() < 3
    other = pixels(last.resize(out.size, Image.Resampling.LANCZOS))
    assert np.abs(pixels(out) - other)[keep].mean() > 20


def test_size_parameter_is_honoured_exactly(realistic):
    emu = realistic()
    answer = post(emu, [data_uri(photo(600, 400))], size="800*1200", seed=1)
    (out,) = [image(png) for png in outputs(answer)]
    assert out.size == (800, 1200)
    assert emu.requests[-1].realistic["size"] == [800, 1200]


def test_without_drift_the_output_is_image_one_plus_a_recognisable_edit(realistic):
    emu = realistic()
    source = photo(900, 600, seed=4)
    answer = post(emu, [data_uri(source)], seed=11, n=2)
    outs = [image(png) for png in outputs(answer)]
    size = outs[0].size
    resized = pixels(source.resize(size, Image.Resampling.LANCZOS))
    inside = np.asarray(edit_mask(size)) > 0
    assert 0.18 < inside.mean() < 0.22  # the edit covers ~20 % of the image, centred
    keep = outside_edit(size)
    for out in outs:
        diff = np.abs(pixels(out) - resized).max(axis=2)
        assert diff[keep].mean() < 1.0  # untouched outside the edit and the tag
        assert diff[inside].mean() > 30  # a visible change inside the ellipse
        left, top, right, bottom = tag_box(size)
        assert right < 0.15 * size[0] and bottom < 0.06 * size[1]  # a small corner tag
        assert diff[top:bottom, left:right].mean() > 30
    # Each output has its own edit (as the model gives n different images).
    assert np.abs(pixels(outs[0]) - pixels(outs[1]))[inside].mean() > 5
    record = emu.requests[-1]
    assert record.realistic["drifts"] == [None, None]
    assert "realistic" in record.to_json()


# -- drift --------------------------------------------------------------------------------------


def test_known_drift_is_recorded_and_recovered_by_the_alignment(realistic):
    emu = realistic(drift=KNOWN)
    original, region = region_case()
    crop = crop_input(original, region)
    width, height = region.request_size
    answer = post(emu, [data_uri(crop)], size=f"{width}*{height}", seed=5)
    (png,) = outputs(answer)
    out = image(png)
    assert out.size == (width, height)
    # Recorded where a test can read it: the log, its HTTP listing, and the answer.
    record = emu.requests[-1]
    assert [Drift(**d) for d in record.realistic["drifts"]] == [KNOWN]
    listing = requests.get(emu.host_url + "/_emulator/requests", timeout=5).json()
    assert listing[-1]["realistic"]["drifts"] == json.loads(json.dumps([asdict(KNOWN)]))
    assert answer["output"]["emulator_drifts"] == listing[-1]["realistic"]["drifts"]
    # The region code finds it again from the context ring.
    stitched = stitch(original, out, region)
    truth = drift_in_crop(KNOWN, region.crop_size, out.size)
    assert stitched.alignment.applied
    assert rms_error(stitched.alignment.matrix, truth, region.crop_size) <= 0.5
    assert rms_error(np.eye(2, 3), truth, region.crop_size) > 5  # the drift was real
    # ...and colour-matches the cast away: outside the mask, the original is kept exactly.
    full_mask = region.full_mask()
    grown = cv2.dilate(full_mask.astype(np.uint8), np.ones((201, 201), np.uint8)) > 0
    assert np.array_equal(pixels(stitched.image)[~grown], pixels(original)[~grown])


def test_random_drift_is_reproducible_per_seed_and_index(realistic):
    emu = realistic(drift="random")
    uri = data_uri(photo(640, 480, seed=6))
    first = post(emu, [uri], seed=7, n=2)
    again = post(emu, [uri], seed=7, n=2)
    other = post(emu, [uri], seed=8, n=2)
    records = emu.requests[-3:]
    drifts = [[Drift(**d) for d in r.realistic["drifts"]] for r in records]
    assert drifts[0] == drifts[1]
    assert drifts[0] != drifts[2]
    assert drifts[0][0] != drifts[0][1]  # each output drifts its own way
    assert drifts[0] == [drift_for("random", 7, 0), drift_for("random", 7, 1)]
    assert outputs(first) == outputs(again)  # the same PNG bytes
    assert outputs(first) != outputs(other)
    for drift in drifts[0] + drifts[2]:
        assert abs(drift.zoom - 1) <= MAX_ZOOM and abs(drift.angle) <= MAX_ANGLE
        assert all(abs(s) <= MAX_SHIFT for s in drift.shift)
        assert all(abs(o) <= MAX_OFFSET for o in drift.offset)
        assert drift != Drift()


def test_region_edit_through_the_sdk_recovers_a_random_drift(realistic, tmp_path):
    emu = realistic(drift="random")
    settings = Settings(
        data_dir=tmp_path, base_url=emu.base_url, request_timeout_s=30, max_retries=0
    )
    policy = DownloadPolicy(
        trusted_hosts=frozenset({"127.0.0.1"}), timeout_s=10, attempts=1, backoff_s=0.01
    )
    store = ResultStore(tmp_path / "outputs", policy)
    try:
        service = EditService(settings, DashScopeBackend(), store, RateLimiter(1000.0))
        original, region = region_case(seed=9)
        buf = io.BytesIO()
        crop_input(original, region).save(buf, "PNG")
        width, height = region.request_size
        result = service.edit(
            EditRequest(
                images=(buf.getvalue(),),
                prompt="make the flowers red",
                size=Size(width, height),
                seed=1234,
                n=1,
            ),
            settings.credentials(TEST_KEY),
        )
        (path,) = result.images
        with Image.open(path) as opened:
            out = opened.convert("RGB")
    finally:
        store.close()
    assert out.size == (width, height)
    assert result.warnings == ()  # the extra output field is passed through harmlessly
    (recorded,) = emu.requests[-1].realistic["drifts"]
    drift = Drift(**recorded)
    assert drift == drift_for("random", 1234, 0)
    stitched = stitch(original, out, region)
    truth = drift_in_crop(drift, region.crop_size, out.size)
    assert rms_error(stitched.alignment.matrix, truth, region.crop_size) <= 0.5


# -- the default mode is unchanged --------------------------------------------------------------


def test_default_mode_renders_exactly_as_before(emulator):
    uri = data_uri(photo(640, 480, seed=3))
    answer = post(emulator, [uri], seed=42, n=2)
    pngs = outputs(answer)
    assert "emulator_drifts" not in answer["output"]
    record = emulator.requests[-1]
    assert record.realistic is None and "realistic" not in record.to_json()
    renderer = Renderer(
        [load(uri).image],
        (answer["usage"]["width"], answer["usage"]["height"]),
        text="make it autumn",
        negative_prompt="",
        model="qwen-image-edit-plus",
        seed=42,
        n=2,
        watermark=False,
    )
    assert pngs == [renderer.png(0), renderer.png(1)]


def test_drift_needs_realistic_mode():
    with pytest.raises(ValueError, match="realistic"):
        Emulator(drift="random")
    with pytest.raises(ValueError, match="drift"):
        Emulator(realistic=True, drift="sideways")


# -- the command line ---------------------------------------------------------------------------


def test_cli_realistic_with_random_drift():
    command = [sys.executable, "-m", "services.emulator", "--port", "0", "--key", TEST_KEY,
               "--realistic", "--drift", "random"]  # fmt: skip
    proc = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline().strip()
        match = re.fullmatch(r"DashScope emulator on (http://127\.0\.0\.1:\d+/api/v1)", line)
        assert match, line
        body = {
            "model": "qwen-image-edit-plus",
            "input": {"messages": [{"role": "user", "content": [
                {"image": data_uri(photo(320, 240))}, {"text": "make it autumn"}]}]},
            "parameters": {"seed": 7},
        }  # fmt: skip
        reply = requests.post(
            match[1] + GEN, json=body, headers={"Authorization": f"Bearer {TEST_KEY}"}, timeout=30
        )
        assert reply.status_code == 200, reply.text
        expected = json.loads(json.dumps([asdict(drift_for("random", 7, 0))]))
        assert reply.json()["output"]["emulator_drifts"] == expected
        host = match[1].removesuffix("/api/v1")
        listing = requests.get(host + "/_emulator/requests", timeout=5).json()
        assert listing[-1]["realistic"]["drifts"] == expected
    finally:
        proc.terminate()
        assert proc.wait(timeout=5) == 0
        proc.stdout.close()


def test_cli_drift_without_realistic_is_refused():
    command = [sys.executable, "-m", "services.emulator", "--port", "0", "--drift", "random"]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=30)
    assert done.returncode == 2 and "--drift needs --realistic" in done.stderr
