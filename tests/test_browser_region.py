"""Edit only a region, in Chromium (issue 12): paint over part of image 1, Edit, and get the
output back at image 1's own size, changed only where painted."""

from __future__ import annotations

import io

import numpy as np
import pytest
import requests
from PIL import Image

from tests.support import ROOT, close_app, launch_app, wait_until_loaded, watch_failures

pytestmark = pytest.mark.browser
PHOTO = ROOT / "assets" / "examples" / "coffee.jpg"  # 600x400


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    launched = launch_app(tmp_path_factory.mktemp("region-ui"), demo=True, latency_s=0.2)
    yield launched
    close_app(launched)


@pytest.fixture
def page(browser, app):
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    failures = watch_failures(page)
    page.goto(app.url)
    wait_until_loaded(page)
    yield page
    context.close()
    assert not failures, failures


def paint_stroke(page) -> None:
    canvas = page.locator("#region-editor canvas").first
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    x, y = box["x"] + box["width"] * 0.45, box["y"] + box["height"] * 0.5
    page.mouse.move(x, y)
    page.mouse.down()
    for step in range(12):
        page.mouse.move(x + step * 5, y + step * 2)
    page.mouse.up()


def wait_done(page) -> None:
    page.wait_for_function(
        "document.querySelector('#status').innerText.includes('Done in')", timeout=30_000
    )


def start(page, instruction: str) -> None:
    """Image 1 uploaded and the instruction typed, as a person begins."""
    page.locator("#image1 input[type=file]").set_input_files(str(PHOTO))
    page.locator("#image1 img").first.wait_for()
    page.locator("#prompt textarea").fill(instruction)


def edit_a_painted_region(page, instruction: str) -> None:
    """Open the region panel, paint one stroke on image 1, Edit, and wait for Done."""
    start(page, instruction)
    page.get_by_text("Edit only a region").click()
    page.locator("#region-editor canvas").first.wait_for()
    paint_stroke(page)
    page.locator("#run").click()
    wait_done(page)


def test_a_painted_region_comes_back_at_full_size_changed_only_there(page, app):
    edit_a_painted_region(page, "make the cup blue")
    status = page.locator("#status").inner_text()
    assert "region stitched into the full 600×400 image" in status
    sent = app.emulator.requests[-1]
    width, height = (int(v) for v in sent.parameters["size"].split("*"))
    assert width * height <= 1.1e6 and (width, height) != (600, 400)  # the crop, at ~1 MP
    src = page.locator("#gallery img").first.get_attribute("src")
    with Image.open(io.BytesIO(requests.get(src, timeout=10).content)) as shown:
        out = np.asarray(shown.convert("RGB")).astype(int)
    with Image.open(PHOTO) as original:
        before = np.asarray(original.convert("RGB")).astype(int)
    assert out.shape == before.shape
    changed = np.abs(out - before).max(axis=2) > 0
    # Only a band around the stroke changed: the corners of the photo are the original's.
    assert 0 < changed.mean() < 0.5
    assert not changed[:40, :40].any() and not changed[-40:, -40:].any()

    # The toggle: the model's raw output (the crop at ~1 MP), then a heat map of the change.
    def shown_size() -> tuple[int, int]:
        src = page.locator("#gallery img").first.get_attribute("src")
        with Image.open(io.BytesIO(requests.get(src, timeout=10).content)) as shown:
            return shown.size

    first_src = page.locator("#gallery img").first.get_attribute("src")
    page.locator("#result-view").get_by_text("Raw output").click()
    page.wait_for_function(
        "s => document.querySelector('#gallery img')?.getAttribute('src') != s", arg=first_src
    )
    assert shown_size() == (width, height)
    raw_src = page.locator("#gallery img").first.get_attribute("src")
    page.locator("#result-view").get_by_text("What changed").click()
    page.wait_for_function(
        "s => document.querySelector('#gallery img')?.getAttribute('src') != s", arg=raw_src
    )
    assert shown_size() == (600, 400)


def test_without_painting_the_edit_is_the_usual_whole_image_edit(page, app):
    start(page, "make the cup blue")
    page.locator("#run").click()
    wait_done(page)
    assert "region" not in page.locator("#status").inner_text()
    assert not page.locator("#result-view").is_visible()  # region edits only
    assert "size" not in app.emulator.requests[-1].parameters


def test_restore_brings_the_full_image_and_its_painted_region_back(page, app):
    edit_a_painted_region(page, "restore me with my region")
    first = app.emulator.requests[-1].parameters["size"]

    page.locator("#clear-images").click()
    page.locator("#prompt textarea").fill("")
    page.get_by_role("tab", name="History").click()
    page.locator("#history-gallery img").first.wait_for(timeout=10_000)
    page.locator("#history-gallery img").first.click()
    page.wait_for_function(
        "document.querySelector('#history-details').innerText.includes('restore me')"
    )
    page.locator("#history-restore").click()
    page.wait_for_function(
        "document.querySelector('#prompt textarea').value.includes('restore me')"
    )
    page.locator("#image1 img").first.wait_for()
    before = len(app.emulator.requests)
    page.locator("#run").click()
    # The status still reads the first edit's "Done": wait for this edit's own request id.
    for _ in range(300):
        if len(app.emulator.requests) > before:
            break
        page.wait_for_timeout(100)
    assert len(app.emulator.requests) == before + 1
    request_id = app.emulator.requests[-1].request_id
    page.wait_for_function(
        "id => document.querySelector('#status').innerText.includes(id)",
        arg=request_id,
        timeout=30_000,
    )
    # The same crop was sent again: the full image 1 and its mask came back, not the crop.
    assert app.emulator.requests[-1].parameters["size"] == first
    assert "stitched into the full 600×400 image" in page.locator("#status").inner_text()
