"""A person's mistakes and second thoughts, in Chromium: Cancel keeps everything, and every
action shows a result or a reason on the page (never a silent failure or an HTTP 500)."""

from __future__ import annotations

import pytest

from tests.support import ROOT, close_app, launch_app, wait_until_loaded, watch_failures

pytestmark = pytest.mark.browser
PHOTO = ROOT / "assets" / "examples" / "coffee.jpg"


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    launched = launch_app(tmp_path_factory.mktemp("feedback"), demo=True, latency_s=0.2)
    yield launched
    close_app(launched)


@pytest.fixture
def page(browser, app):
    context = browser.new_context(viewport={"width": 1440, "height": 1000})
    page = context.new_page()
    failures = watch_failures(page)
    page.goto(app.url)
    page.wait_for_selector("#run")
    wait_until_loaded(page)
    yield page
    context.close()
    assert not failures, failures


# One tile per output in the results grid (a single output also shows as a large preview,
# whose <img> elements would count it twice).
OUTPUT_TILES = "#gallery .thumbnail-lg"


def toast(page, words: str) -> None:
    page.get_by_text(words).first.wait_for(timeout=10_000)


def edit(page, prompt: str) -> None:
    page.locator("#image1 input[type=file]").set_input_files(str(PHOTO))
    page.locator("#image1 img").first.wait_for()
    page.locator("#prompt textarea").fill(prompt)
    page.locator("#run").click()
    page.wait_for_function("document.querySelector('#status').innerText.includes('Done in')")


def test_cancel_in_every_delete_question_deletes_nothing(page, app):
    edit(page, "keep me")
    page.get_by_role("tab", name="History").click()
    page.locator("#history-gallery img").first.wait_for(timeout=10_000)
    page.locator("#history-gallery img").first.click()
    page.wait_for_function(
        "document.querySelector('#history-details').innerText.includes('keep me')"
    )
    for button in ("#history-delete-one", "#history-delete-all"):
        page.locator(button).click()
        page.locator("#history-confirm-no").click()
        toast(page, "Nothing was deleted.")
        page.locator("#history-confirm-yes").wait_for(state="hidden")
    assert page.locator("#history-gallery img").count() >= 1
    assert "keep me" in page.locator("#history-details").inner_text()


def test_edit_with_no_image_says_why(page):
    page.locator("#run").click()
    toast(page, "Add at least one image to edit.")
    # Titled by what went wrong, not only Gradio's generic "Error".
    assert "Nothing to edit" in page.locator(".toast-body").first.inner_text()


def test_empty_instruction_is_refused_in_words(page):
    page.locator("#image1 input[type=file]").set_input_files(str(PHOTO))
    page.locator("#image1 img").first.wait_for()
    page.locator("#run").click()
    toast(page, "The instruction is empty.")
    shown = page.locator(".toast-body").first.inner_text()
    assert "Check the settings" in shown and 'e.g. "make the sky a sunset"' in shown
    assert "prompt =" not in shown and "''" not in shown
    page.wait_for_function("!document.querySelector('#run').disabled")


def test_result_actions_wait_for_a_result_and_say_so(page):
    # Off until there is a result (a button that can only say "not yet" is noise); the empty
    # results area says what they will do.
    for button in ("#use-1", "#use-2", "#use-3", "#reuse-seed"):
        assert page.locator(button).is_disabled()
    assert "use it as an input" in page.locator("#status").inner_text()
    edit(page, "now there is a result")
    for button in ("#use-1", "#use-2", "#use-3", "#reuse-seed"):
        assert page.locator(button).is_enabled()
    page.locator("#use-2").click()
    toast(page, "Output 1 is now image 2.")
    page.locator("#image2 img").first.wait_for()


@pytest.mark.parametrize(
    "button, reason",
    [
        ("#history-restore", "Select an edit in the list first."),
        ("#history-run-again", "Select an edit in the list first."),
        ("#history-delete-one", "Select an edit in the list first."),
        ("#history-export-one", "Select an edit in the list first."),
    ],
)
def test_history_actions_with_nothing_selected_say_why(page, button, reason):
    page.get_by_role("tab", name="History").click()
    page.locator(button).click()
    toast(page, reason)


def test_stop_shows_a_calm_stopped_state_and_the_edit_still_lands_in_history(browser, tmp_path):
    app = launch_app(tmp_path, demo=True, latency_s=2.0)
    context = browser.new_context(viewport={"width": 1440, "height": 1000})
    try:
        page = context.new_page()
        page.goto(app.url)
        page.wait_for_selector("#run")
        wait_until_loaded(page)
        edit(page, "first, finished")
        assert page.locator(OUTPUT_TILES).count() == 1
        page.locator("#prompt textarea").fill("second, stopped")
        page.locator("#n").get_by_text("3", exact=True).click()
        page.locator("#run").click()
        # The previous result leaves the screen as soon as the new edit starts.
        page.wait_for_function("document.querySelectorAll('#gallery img').length == 0")
        while app.emulator.attempts < 2:  # the second edit is at the service
            page.wait_for_timeout(20)
        page.locator("#stop").click()
        page.get_by_text("Stopped.").first.wait_for(timeout=10_000)
        assert "may still finish it (and bill it)" in page.locator("#status").inner_text()
        page.wait_for_function("!document.querySelector('#run').disabled")  # ready again
        assert "Error" not in page.locator("#gallery").inner_text()
        # The service finishes what was sent; the app keeps it in History.
        while len(app.emulator.requests) < 2:
            page.wait_for_timeout(50)
        page.get_by_role("tab", name="History").click()
        for _ in range(100):
            page.locator("#history-refresh").click()
            if "second, stopped" in page.locator("#history-gallery").inner_text():
                break
            page.wait_for_timeout(100)
        assert "second, stopped" in page.locator("#history-gallery").inner_text()
    finally:
        context.close()
        close_app(app)


def test_a_file_that_is_not_an_image_is_refused_as_it_lands(page, tmp_path):
    notes = tmp_path / "notes.png"
    notes.write_text("meeting notes, not a picture")
    page.locator("#image1 input[type=file]").set_input_files(str(notes))
    toast(page, "Image 1 is not an image file we can read")
    page.wait_for_function("document.querySelectorAll('#image1 img').length == 0")


def test_outputs_offer_only_what_the_model_allows(page):
    choices = page.locator("#n input[type=radio]")
    assert choices.count() == 6  # Plus: 1-6, nothing to type, nothing to get wrong


def test_ctrl_enter_runs_the_edit(page):
    page.locator("#image1 input[type=file]").set_input_files(str(PHOTO))
    page.locator("#image1 img").first.wait_for()
    page.locator("#prompt textarea").fill("from the keyboard")
    page.locator("#prompt textarea").press("Control+Enter")
    page.wait_for_function("document.querySelector('#status').innerText.includes('Done in')")
