"""A person's mistakes and second thoughts, in Chromium: Cancel keeps everything, and every
action shows a result or a reason on the page (never a silent failure or an HTTP 500)."""

from __future__ import annotations

import pytest

from tests.support import ROOT, close_app, launch_app, wait_until_loaded

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
    failures: list[str] = []
    page.on("pageerror", lambda exc: failures.append(f"page error: {exc}"))
    page.on(
        "response",
        lambda r: failures.append(f"HTTP {r.status} {r.url}") if r.status >= 500 else None,
    )
    page.goto(app.url)
    page.wait_for_selector("#run")
    wait_until_loaded(page)
    yield page
    context.close()
    assert not failures, failures


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
    page.get_by_text("Export or delete several").click()
    for button in ("#history-delete-one", "#history-delete-all"):
        page.locator(button).click()
        page.locator("#history-confirm-no").click()
        toast(page, "Nothing was deleted.")
        assert page.locator("#history-confirm").is_hidden()
    assert page.locator("#history-gallery img").count() >= 1
    assert "keep me" in page.locator("#history-details").inner_text()


@pytest.mark.parametrize(
    "button, reason",
    [
        ("#use-1", "There is no result yet to use as an input."),
        ("#reuse-seed", "Run an edit first: its seed can then be reused."),
        ("#run", "Add at least one image to edit."),
    ],
)
def test_actions_before_any_result_say_why(page, button, reason):
    page.locator(button).click()
    toast(page, reason)


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
