"""The editor in a real browser: Debian's Chromium, headless, driven by Playwright.

Screenshots go to the test's tmp dir; with UPDATE_SCREENSHOTS=1 the editor's screenshot is also
written to assets/ for the README (so that picture is made by this code, not by hand)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from PIL import Image

from tests.support import ROOT, TEST_KEY, close_app, launch_app, wait_until_loaded

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def photo(tmp_path_factory) -> Path:
    return ROOT / "assets" / "examples" / "coffee.jpg"


@pytest.fixture(scope="module")
def demo_app(tmp_path_factory):
    app = launch_app(tmp_path_factory.mktemp("demo-data"), demo=True, latency_s=0.5)
    yield app
    close_app(app)


def open_editor(browser, url: str, width: int = 1440, height: int = 1000):
    page = browser.new_page(viewport={"width": width, "height": height})
    page.goto(url)
    page.wait_for_selector("#run")
    wait_until_loaded(page)
    return page


def test_edit_in_the_browser(browser, demo_app, tmp_path):
    launched = demo_app
    page = open_editor(browser, launched.url)
    assert "Demo mode" in page.locator("#demo-badge").inner_text()
    examples = ROOT / "assets" / "examples"
    page.locator("#image1 input[type=file]").set_input_files(str(examples / "astronaut.jpg"))
    page.locator("#image1 img").first.wait_for()
    page.locator("#image2 input[type=file]").set_input_files(str(examples / "rocket.jpg"))
    page.locator("#image2 img").first.wait_for()
    instruction = "Put the astronaut from image 1 in front of the rocket launch in image 2"
    page.locator("#prompt textarea").fill(instruction)
    page.wait_for_function(
        f"document.querySelector('#prompt-count').innerText.includes('{len(instruction)} / 800')"
    )
    page.locator("#n").get_by_text("3", exact=True).click()
    page.locator("#run").click()
    page.locator("#gallery img").first.wait_for(timeout=30_000)
    page.wait_for_function("document.querySelector('#status').innerText.includes('Done in')")
    status = page.locator("#status").inner_text()
    sent = launched.emulator.requests[-1]
    assert sent.text == instruction and sent.parameters["n"] == 3 and len(sent.images) == 2
    assert page.locator("#gallery .thumbnail-lg").count() == 3
    assert sent.request_id in status and str(sent.parameters["seed"]) in status
    page.wait_for_function("!document.querySelector('#run').disabled")  # the busy state ended
    page.locator("#compare img").first.wait_for()  # before/after filled in

    shot = tmp_path / "editor.png"
    page.screenshot(path=str(shot), full_page=True)
    with Image.open(shot) as img:
        assert img.width == 1440 and img.height > 900
    if os.environ.get("UPDATE_SCREENSHOTS") == "1":
        shutil.copy(shot, ROOT / "assets" / "screenshot-editor.png")

    # Feed the result back in as image 2, then reuse its seed.
    page.locator("#use-2").click()
    page.locator("#image2 img").first.wait_for()
    page.locator("#reuse-seed").click()
    page.wait_for_function(
        f"document.querySelector('#seed input')?.value == '{sent.parameters['seed']}'"
    )
    assert page.locator("#seed input").is_editable()
    assert not page.locator("#randomize input").is_checked()
    page.close()


def test_error_is_shown_as_a_message(browser, launched, photo):
    page = open_editor(browser, launched.url)
    page.locator("#image1 input[type=file]").set_input_files(str(photo))
    page.locator("#image1 img").first.wait_for()
    page.locator("#prompt textarea").fill("anything")
    launched.emulator.inject("error", code="Arrearage")
    page.locator("#run").click()
    toast = page.locator(".toast-body").first
    toast.wait_for(timeout=20_000)
    text = toast.inner_text()
    assert "account cannot use this model" in text and "balance" in text
    assert "Traceback" not in page.content()
    page.wait_for_function("!document.querySelector('#run').disabled")
    page.close()


def test_controls_follow_the_model(browser, launched):
    page = open_editor(browser, launched.url)
    page.get_by_text("More settings").click()
    page.locator("#model input").click()
    page.get_by_role("option", name="Qwen Image Edit", exact=True).click()
    page.wait_for_function("document.querySelector('#prompt-extend input').disabled")
    page.wait_for_function("document.querySelectorAll('#n input[type=radio]').length == 1")
    assert page.locator("#n input[type=radio]").first.is_disabled()
    assert "does not rewrite prompts" in page.locator("#prompt-extend").inner_text()
    page.close()


def test_typed_key_is_remembered_only_when_asked(browser, tmp_path, photo):
    app = launch_app(tmp_path, operator_key=None)

    def storage(page) -> str:
        return page.evaluate("JSON.stringify(Object.entries(localStorage))")

    def reload(page) -> str:
        page.reload()
        page.wait_for_selector("#run")
        wait_until_loaded(page)
        return page.locator("#api-key input").input_value()

    try:
        page = open_editor(browser, app.url)
        page.locator("#api-key input").fill(TEST_KEY)
        page.locator("#image1 input[type=file]").set_input_files(str(photo))
        page.locator("#image1 img").first.wait_for()
        page.locator("#prompt textarea").fill("make it pop")
        page.locator("#run").click()
        page.locator("#gallery img").first.wait_for(timeout=30_000)
        assert app.emulator.requests[-1].status == 200  # the typed key was used
        assert TEST_KEY not in storage(page)
        assert reload(page) == ""  # not remembered without the tick

        page.locator("#api-key input").fill(TEST_KEY)
        page.locator("#remember input").check()
        page.wait_for_timeout(500)
        assert TEST_KEY not in storage(page)  # remembered, but encrypted
        assert reload(page) == TEST_KEY
        assert page.locator("#remember input").is_checked()

        page.locator("#remember input").uncheck()
        page.wait_for_timeout(500)
        assert reload(page) == ""  # forgotten again
        page.close()
    finally:
        close_app(app)


def test_phone_width_has_no_sideways_scroll(browser, launched, tmp_path):
    page = open_editor(browser, launched.url, width=390, height=844)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    page.screenshot(path=str(tmp_path / "phone.png"), full_page=True)
    assert overflow <= 0
    page.close()
