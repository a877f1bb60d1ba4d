"""An instruction in another language, in Chromium (issue 13): the notice under the instruction,
the Qwen-MT translation (the emulator's marked stand-in) with its cost, edited and then used,
or declined."""

from __future__ import annotations

import pytest

from tests.support import close_app, launch_app, wait_until_loaded

pytestmark = pytest.mark.browser
JAPANESE = "背景を夕焼けの空にしてください"


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    launched = launch_app(tmp_path_factory.mktemp("translate-ui"), demo=True)
    yield launched
    close_app(launched)


@pytest.fixture
def page(browser, app):
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    failures: list[str] = []
    page.on("pageerror", lambda exc: failures.append(f"page error: {exc}"))
    page.on(
        "response",
        lambda r: failures.append(f"HTTP {r.status} {r.url}") if r.status >= 500 else None,
    )
    page.goto(app.url)
    wait_until_loaded(page)
    yield page
    context.close()
    assert not failures, failures


def test_a_japanese_instruction_is_translated_checked_edited_and_used(page, app):
    notice = page.locator("#translate-notice")
    assert not notice.is_visible()
    page.locator("#prompt textarea").fill(JAPANESE)
    notice.wait_for(state="visible")
    assert "The instruction looks Japanese" in notice.inner_text()
    assert "Chinese and English" in notice.inner_text()

    page.locator("#translate-en").click()
    translation = page.locator("#translation textarea")
    translation.wait_for(state="visible")
    page.wait_for_function(
        "document.querySelector('#translation textarea').value.startsWith('[EN translation of:')"
    )
    assert translation.input_value() == f"[EN translation of: {JAPANESE}]"
    cost = page.locator("#translation-cost").inner_text()
    assert "qwen-mt-turbo" in cost and "tokens in" in cost and "$" in cost
    assert "nothing was billed" in cost  # demo mode says so
    (sent,) = app.emulator.translations
    assert sent.text == JAPANESE
    assert sent.parameters["translation_options"]["target_lang"] == "English"
    assert f"{sent.request_id}" in cost

    # Checked and corrected before use: what is used is what the person left in the box.
    translation.fill("Make the background a sunset sky, keep the cat")
    page.locator("#translation-use").click()
    page.wait_for_function(
        "document.querySelector('#prompt textarea').value.startsWith('Make the background')"
    )
    assert page.locator("#prompt textarea").input_value() == (
        "Make the background a sunset sky, keep the cat"
    )
    page.locator("#translation-box").wait_for(state="hidden")
    notice.wait_for(state="hidden")  # English now: nothing to offer
    page.locator(".toast-body", has_text="now holds the translation").wait_for()
    assert app.emulator.requests == []  # nothing was sent for an edit


def test_keep_mine_leaves_the_instruction_and_stops_offering(page, app):
    page.locator("#prompt textarea").fill("하늘을 파랗게 해 주세요")
    notice = page.locator("#translate-notice")
    notice.wait_for(state="visible")
    assert "Korean" in notice.inner_text()
    before = len(app.emulator.translations)
    page.locator("#translate-zh").click()
    page.wait_for_function(
        "document.querySelector('#translation textarea')?.value.startsWith('[ZH translation of:')"
    )
    assert app.emulator.translations[before].parameters["translation_options"] == {
        "source_lang": "Korean",
        "target_lang": "Chinese",
    }
    page.locator("#translation-keep").click()
    page.locator(".toast-body", has_text="stays as you wrote it").wait_for()
    page.locator("#translation-box").wait_for(state="hidden")
    notice.wait_for(state="hidden")
    assert page.locator("#prompt textarea").input_value() == "하늘을 파랗게 해 주세요"
    # A change to the instruction brings the offer back.
    page.locator("#prompt textarea").fill("하늘을 빨갛게 해 주세요")
    notice.wait_for(state="visible")


def test_an_english_or_chinese_instruction_gets_no_notice(page, app):
    page.locator("#prompt textarea").fill(JAPANESE)
    notice = page.locator("#translate-notice")
    notice.wait_for(state="visible")
    page.locator("#prompt textarea").fill("把背景换成夕阳")
    notice.wait_for(state="hidden")
    page.locator("#prompt textarea").fill(JAPANESE)
    notice.wait_for(state="visible")
    page.locator("#prompt textarea").fill("Make the sky a sunset")
    notice.wait_for(state="hidden")


def test_a_refused_translation_says_why_and_keeps_the_instruction(page, app):
    app.emulator.inject("throttle", endpoint="text")
    page.locator("#prompt textarea").fill(JAPANESE)
    page.locator("#translate-notice").wait_for(state="visible")
    page.locator("#translate-en").click()
    toast = page.locator(".toast-body", has_text="Translation failed")
    toast.wait_for()
    assert "limiting requests" in toast.inner_text()
    assert not page.locator("#translation-box").is_visible()
    assert page.locator("#prompt textarea").input_value() == JAPANESE
    assert app.emulator.translations[-1].code == "Throttling.RateQuota"
