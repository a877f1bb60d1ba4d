"""History in a real browser: an edit appears, restores, runs again, exports, is deleted, and
is still there after the browser closes and the app restarts."""

from __future__ import annotations

import os
import shutil

import pytest

from tests.support import ROOT, close_app, free_port, launch_app, wait_until_loaded

pytestmark = pytest.mark.browser
PHOTO = ROOT / "assets" / "examples" / "coffee.jpg"


def do_edit(page, prompt: str) -> None:
    page.get_by_role("tab", name="Editor").click()
    page.locator("#image1 input[type=file]").set_input_files(str(PHOTO))
    page.locator("#image1 img").first.wait_for()
    page.locator("#prompt textarea").fill(prompt)
    page.locator("#run").click()
    page.wait_for_function("document.querySelector('#status').innerText.includes('History')")


def history_count(page) -> int:
    page.get_by_role("tab", name="History").click()
    page.wait_for_timeout(300)
    return page.locator("#history-gallery img").count()


def test_history_in_the_browser(browser, tmp_path):
    port = free_port()
    app = launch_app(tmp_path, port=port)
    context = browser.new_context(viewport={"width": 1440, "height": 1000})
    page = context.new_page()
    try:
        page.goto(app.url)
        page.wait_for_selector("#run")
        wait_until_loaded(page)
        do_edit(page, "a matcha latte")
        assert history_count(page) == 1
        page.locator("#history-gallery img").first.click()
        page.wait_for_function(
            "document.querySelector('#history-details').innerText.includes('a matcha latte')"
        )
        seed = app.emulator.requests[-1].parameters["seed"]
        assert str(seed) in page.locator("#history-details").inner_text()
        page.screenshot(path=str(tmp_path / "history.png"), full_page=True)
        if os.environ.get("UPDATE_SCREENSHOTS") == "1":
            shutil.copy(tmp_path / "history.png", ROOT / "assets" / "screenshot-history.png")

        # Restore: the editor gets the inputs and parameters back, with the same seed.
        page.get_by_role("tab", name="Editor").click()
        page.locator("#prompt textarea").fill("")
        page.get_by_role("tab", name="History").click()
        page.locator("#history-restore").click()
        page.wait_for_function(
            "document.querySelector('#prompt textarea').value == 'a matcha latte'"
        )
        assert page.locator("#seed input").input_value() == str(seed)
        page.locator("#image1 img").first.wait_for()

        # Run again with a new seed: a second entry, a different seed.
        page.get_by_role("tab", name="History").click()
        page.locator("#history-new-seed input").check()
        first_id = app.emulator.requests[-1].request_id
        page.locator("#history-run-again").click()
        page.wait_for_function(
            "id => { const s = document.querySelector('#status').innerText;"
            " return s.includes('History') && !s.includes(id); }",
            arg=first_id,
        )
        assert len(app.emulator.requests) == 2
        assert app.emulator.requests[-1].parameters["seed"] != seed
        assert history_count(page) == 2

        # Export the selected one: a zip appears for download.
        page.locator("#history-gallery img").first.click()
        page.locator("#history-export-one").click()
        page.locator("#history-download a").first.wait_for(timeout=10_000)
    finally:
        context.close()
        close_app(app)


def test_history_survives_browser_close_and_app_restart(browser, tmp_path):
    port = free_port()
    state = tmp_path / "profile.json"
    app = launch_app(tmp_path, port=port)
    try:
        context = browser.new_context()
        page = context.new_page()
        page.goto(app.url)
        page.wait_for_selector("#run")
        wait_until_loaded(page)
        do_edit(page, "yesterday's edit")
        assert history_count(page) == 1
        context.storage_state(path=str(state))  # what the browser keeps on disk
        context.close()
    finally:
        close_app(app)

    app = launch_app(tmp_path, port=port)  # the next day: the app was restarted
    try:
        context = browser.new_context(storage_state=str(state))
        page = context.new_page()
        page.goto(app.url)
        page.wait_for_selector("#run")
        wait_until_loaded(page)
        page.get_by_role("tab", name="History").click()
        page.locator("#history-gallery img").first.wait_for(timeout=10_000)
        assert history_count(page) == 1
        page.locator("#history-gallery img").first.click()
        page.wait_for_function(
            "document.querySelector('#history-details').innerText.includes(\"yesterday's edit\")"
        )
        page.locator("#history-export-one").click()
        page.locator("#history-download a").first.wait_for(timeout=10_000)
        # Delete all, answering the page's own question: the list empties.
        page.get_by_text("Export or delete several").click()
        page.locator("#history-delete-all").click()
        page.locator("#history-confirm-yes").click()
        page.wait_for_function("document.querySelectorAll('#history-gallery img').length == 0")
        page.get_by_text("Deleted 1 edit and their files.").wait_for()
        context.close()
    finally:
        close_app(app)
