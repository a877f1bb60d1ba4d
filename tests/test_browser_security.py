"""What a person sees of the security work, in Chromium: a rebuilt history is announced, the
remember-key box says honestly what browser storage is, a forged history id in the browser
starts a new history, and the model note names where its figures come from."""

from __future__ import annotations

import pytest

from services.messages import text
from tests.support import close_app, launch_app, wait_until_loaded

pytestmark = pytest.mark.browser


def open_page(browser, url: str):
    page = browser.new_page(viewport={"width": 1440, "height": 1000})
    page.goto(url)
    page.wait_for_selector("#run")
    wait_until_loaded(page)
    return page


def test_a_rebuilt_history_is_announced_on_the_page(browser, tmp_path):
    history = tmp_path / "history"
    history.mkdir(parents=True)
    (history / "history.sqlite3").write_bytes(b"this is not a database" * 100)
    app = launch_app(tmp_path)
    try:
        page = open_page(browser, app.url)
        toast = page.get_by_text("Your history database was damaged")
        toast.wait_for(timeout=15_000)
        assert "rebuilt" in toast.inner_text()
        page.close()
        # The same notice for a Japanese reader: its words and its title in Japanese.
        context = browser.new_context(locale="ja-JP", viewport={"width": 1440, "height": 1000})
        page = context.new_page()
        page.goto(app.url)
        wait_until_loaded(page)
        said = text("warning.history.rebuilt", "ja", count=0, name="x").split("0")[0]
        toast = page.get_by_text(said)
        toast.wait_for(timeout=15_000)
        assert text("toast.history_rebuilt", "ja") in toast.inner_text()
        context.close()
    finally:
        close_app(app)
    assert list(history.glob("history.sqlite3.damaged-*"))  # kept aside, not deleted


def test_key_memory_and_model_sources_are_explained(browser, tmp_path):
    app = launch_app(tmp_path, ask_user_key=True)
    try:
        page = open_page(browser, app.url)
        remember = page.locator("#remember").inner_text()
        assert "readable by anyone who uses this browser profile" in remember
        page.locator("#model input").click()
        page.get_by_role("option", name="Qwen Image Edit Max", exact=True).click()
        page.wait_for_function(
            "document.querySelector('#model-note').innerText.includes('2 requests per minute')"
        )
        note = page.locator("#model-note").inner_text()
        assert "$0.075" in note and "pricing page (2026)" in note
        page.close()
    finally:
        close_app(app)
