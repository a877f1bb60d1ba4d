"""History in a real browser: an edit appears, restores, runs again, exports, is deleted, and
is still there after the browser closes and the app restarts; at 1440x900 and 390x844, a
history of 30 edits is paged, searched as you type, chosen several at a time in the grid
(exported and deleted, with Cancel first), and failed edits and the selected one stand out.

Those 30 edits are saved straight into the store (services.history.record) for the browser's
own history id: what is under test is browsing them, not making them."""

from __future__ import annotations

import io
import json
import os
import shutil
import time
import zipfile

import pytest
from PIL import Image

from services.history import NewEntry
from tests.support import ROOT, close_app, free_port, launch_app, wait_until_loaded, watch_failures

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

        # Restore: the editor gets the inputs and parameters back, with the same seed.
        page.get_by_role("tab", name="Editor").click()
        page.locator("#prompt textarea").fill("")
        page.get_by_role("tab", name="History").click()
        page.locator("#history-restore").click()
        page.wait_for_function(
            "document.querySelector('#prompt textarea').value == 'a matcha latte'"
        )
        seed_box = page.locator("#seed textarea, #seed input").first
        if not seed_box.count():  # folded away in "More settings"
            page.locator("#settings").get_by_text("More settings").first.click()
        assert seed_box.input_value() == str(seed)
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
        page.locator("#history-delete-all").click()
        page.locator("#history-confirm-yes").click()
        page.wait_for_function("document.querySelectorAll('#history-gallery img').length == 0")
        page.get_by_text("Deleted 1 edit and their files.").wait_for()
        context.close()
    finally:
        close_app(app)


# -- a history of 30 edits, at two sizes ---------------------------------------------------------

SIZES = {"desktop": (1440, 900), "phone": (390, 844)}
THIRTY = 30
PROMPTS = (
    "Turn the coffee into a matcha latte with leaf latte art",
    "Put the astronaut in front of the rocket launch, golden hour light",
    "Make the sky a warm sunset",
    "Remove the background and keep a soft shadow",
    "Replace the handwriting with the words Hello Qwen",
)


def seed(app, user: str, count: int = THIRTY) -> list[str]:
    """`count` edits an hour apart, newest first in the returned ids; every 7th (from the
    4th) failed with its outputs made but not downloaded."""
    store = app.services.history
    photo = Image.open(PHOTO).convert("RGB")
    photo.thumbnail((160, 160))
    now = time.time()
    ids = []
    for i in range(count):
        failed = i % 7 == 3
        stage = store.staging_dir()
        out = stage / "out.png"
        photo.rotate(i * 12).save(out)
        buf = io.BytesIO()
        photo.save(buf, "PNG")
        saved = store.record(
            user,
            NewEntry(
                status="failed" if failed else "ok",
                model=("qwen-image-edit-plus", "qwen-image-edit-max")[i % 2],
                region="singapore",
                prompt=f"{PROMPTS[i % len(PROMPTS)]} no.{i}",
                negative_prompt="",
                parameters={"n": 1, "seed": i},
                inputs=[(buf.getvalue(), "image/png")],
                outputs=[] if failed else [out],
                request_id=f"req-{i}",
                seed=i,
                error_code="ResultDownloadFailed" if failed else None,
                error_message=(
                    f"1 of 1 outputs could not be downloaded. (request id req-{i})"
                    if failed
                    else None
                ),
                created=now - i * 3600,
            ),
        )
        ids.append(saved.id)
    return ids


@pytest.fixture(scope="module")
def thirty_app(tmp_path_factory):
    app = launch_app(tmp_path_factory.mktemp("thirty"), demo=True)
    # Whose history a new browser gets is decided on load: note every id issued, so that the
    # test can fill that very history.
    app.issued = []
    identities = app.services.identities
    issue = identities.issue

    def noting(user=None):
        token = issue(user)
        app.issued.append(identities.verify(token))
        return token

    identities.issue = noting
    yield app
    close_app(app)


class Visit:
    """One browser visit: its page, the user id it was given, the ids of its 30 edits."""

    def __init__(self, page, size: str, app, user: str, ids: list[str]) -> None:
        self.page, self.size, self.user, self.ids = page, size, user, ids
        self.store = app.services.history

    def tiles(self):
        return self.page.locator("#history-gallery .thumbnail-item")

    def caption(self, index: int) -> str:
        return self.tiles().nth(index).locator(".caption-label").inner_text()

    def wait_text(self, selector: str, words: str) -> None:
        self.page.wait_for_function(
            "([s, w]) => { const el = document.querySelector(s);"
            " return !!el && el.innerText.includes(w); }",
            arg=[selector, words],
            timeout=15_000,
        )

    def wait_tiles(self, count: int) -> None:
        self.page.wait_for_function(
            "n => document.querySelectorAll('#history-gallery .thumbnail-item').length === n",
            arg=count,
            timeout=15_000,
        )

    def toast(self, words: str) -> None:
        self.page.get_by_text(words).first.wait_for(timeout=10_000)


@pytest.fixture(params=list(SIZES), ids=list(SIZES))
def visit(request, browser, thirty_app):
    width, height = SIZES[request.param]
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    failures = watch_failures(page)
    page.goto(thirty_app.url)
    page.wait_for_selector("#run")
    wait_until_loaded(page)
    user = thirty_app.issued[-1]
    ids = seed(thirty_app, user)
    page.get_by_role("tab", name="History").click()
    page.locator("#history-refresh").click()
    v = Visit(page, request.param, thirty_app, user, ids)
    v.wait_text("#history-page", "Page 1 of 2 · 30 edits")
    v.wait_tiles(24)
    yield v
    context.close()
    assert not failures, failures


def test_thirty_edits_are_paged_24_at_a_time(visit, tmp_path):
    v, page = visit, visit.page
    assert page.locator("#history-prev").is_disabled()
    assert page.locator("#history-next").is_enabled()
    # The newest first: today's date, the model's short name, the instruction.
    first = v.caption(0)
    assert first.startswith(time.strftime("%-d %b ")) and " · Plus\n" in first
    assert first.endswith("no.0")
    v.tiles().nth(1).click()
    v.wait_text("#history-details", "no.1")
    shot = tmp_path / f"history-{v.size}.png"
    # Settled: no component still drawing an answer (they are dimmed meanwhile).
    page.wait_for_function(
        "![...document.querySelectorAll('[data-testid=status-tracker]')]"
        ".some(t => !t.classList.contains('hide'))"
    )
    page.screenshot(path=str(shot), full_page=v.size == "phone")
    if v.size == "desktop" and os.environ.get("UPDATE_SCREENSHOTS") == "1":
        shutil.copy(shot, ROOT / "assets" / "screenshot-history.png")

    page.locator("#history-next").click()
    v.wait_text("#history-page", "Page 2 of 2 · 30 edits")
    v.wait_tiles(THIRTY - 24)
    assert "no.24" in v.caption(0) and "no.29" in v.caption(5)
    assert page.locator("#history-next").is_disabled()
    # A tile of page 2 opens its own details (the index is the page's, not the list's).
    v.tiles().nth(5).click()
    v.wait_text("#history-details", "no.29")

    page.locator("#history-prev").click()
    v.wait_text("#history-page", "Page 1 of 2")
    v.wait_tiles(24)
    assert v.caption(0).endswith("no.0")


def test_failed_edits_wear_a_badge_and_the_selected_tile_is_outlined(visit):
    v, page = visit, visit.page
    failed = v.caption(3)
    assert "\n✕ FAILED · Remove the background" in failed, failed
    assert "✕ FAILED" not in v.caption(2)
    # The caption wraps over its lines instead of ending after a dozen characters.
    label = v.tiles().nth(1).locator(".caption-label")
    style = label.evaluate(
        "el => { const s = getComputedStyle(el); return [s.whiteSpace,"
        " parseFloat(s.lineHeight), el.clientHeight, el.clientWidth,"
        " el.parentElement.clientWidth]; }"
    )
    white_space, line, height, width, tile = style
    assert white_space == "pre-line"
    assert height >= 3 * line  # date and model, then two lines of instruction
    assert width >= tile - 2  # the whole width of the tile, not 80% of it
    v.tiles().nth(3).click()
    v.wait_text("#history-details", "Failed: the outputs were made but could not be downloaded.")
    details = page.locator("#history-details").inner_text()
    assert "ResultDownloadFailed" not in details
    assert details.rstrip().endswith("request req-3")  # the request id last
    tile = v.tiles().nth(3)
    assert "selected" in (tile.get_attribute("class") or "")
    outline = tile.evaluate("el => getComputedStyle(el).outlineWidth")
    assert float(outline.removesuffix("px")) >= 3
    assert v.tiles().nth(2).evaluate("el => getComputedStyle(el).outlineStyle") == "none"


def test_several_are_chosen_in_the_grid_exported_and_deleted_once_asked(visit):
    v, page = visit, visit.page
    assert not page.locator("#history-export-picked").is_visible()
    page.locator("#history-select-mode input").check()
    v.wait_text("#history-chosen", "Click edits in the grid to choose them.")
    for index in (0, 2, 5):
        v.tiles().nth(index).click()
        v.wait_text("#history-chosen", "chosen")
    v.wait_text("#history-chosen", "3 chosen")
    page.wait_for_function(
        "() => [...document.querySelectorAll('#history-gallery .caption-label')]"
        ".filter(c => c.textContent.startsWith('✓ ')).length === 3"
    )
    assert [v.caption(i).startswith("✓ ") for i in range(6)] == [1, 0, 1, 0, 0, 1]
    # A second click un-chooses. Each click also shows that edit's details, outlined.
    v.tiles().nth(2).click()
    v.wait_text("#history-chosen", "2 chosen")
    assert not v.caption(2).startswith("✓ ")
    v.wait_text("#history-details", "no.2")
    page.wait_for_function(
        "() => document.querySelectorAll('#history-gallery .thumbnail-item')[2]"
        ".classList.contains('selected')"
    )
    assert page.locator("#history-gallery .thumbnail-item.selected").count() == 1
    # The choice holds across pages.
    page.locator("#history-next").click()
    v.wait_text("#history-page", "Page 2 of 2")
    v.wait_tiles(6)
    v.tiles().nth(1).click()
    v.wait_text("#history-chosen", "3 chosen")
    chosen = {v.ids[0], v.ids[5], v.ids[25]}

    # Export chosen: the zip holds exactly those three.
    page.locator("#history-export-picked").click()
    link = page.locator("#history-download a").first
    link.wait_for(timeout=10_000)
    answer = page.request.get(link.get_attribute("href"))
    assert answer.ok
    with zipfile.ZipFile(io.BytesIO(answer.body())) as zf:
        manifest = json.loads(zf.read("manifest.json"))
    assert {e["id"] for e in manifest["entries"]} == chosen

    # Delete chosen, Cancel: nothing goes.
    page.locator("#history-delete-picked").click()
    v.wait_text("#history-confirm-text", "Delete the 3 chosen edits")
    page.locator("#history-confirm-no").click()
    v.toast("Nothing was deleted.")
    page.locator("#history-confirm-yes").wait_for(state="hidden")
    assert v.store.count(v.user) == THIRTY
    assert "3 chosen" in page.locator("#history-chosen").inner_text()

    # Delete chosen, Delete: those three go, and only those.
    page.locator("#history-delete-picked").click()
    page.locator("#history-confirm-yes").click()
    v.toast("Deleted 3 edits and their files.")
    v.wait_text("#history-page", "27 edits")
    left = {e.id for e in v.store.list(v.user, limit=100)}
    assert len(left) == THIRTY - 3 and not left & chosen
    v.wait_text("#history-chosen", "Click edits in the grid to choose them.")
    # Page 2 still exists (27 edits): the person stays on it, with its 3 edits.
    v.wait_text("#history-page", "Page 2 of 2")
    v.wait_tiles(3)


def test_deleting_the_last_page_lands_on_a_page_that_exists(visit):
    v, page = visit, visit.page
    page.locator("#history-next").click()
    v.wait_tiles(6)
    page.locator("#history-select-mode input").check()
    for index in range(6):
        v.tiles().nth(index).click()
        v.wait_text("#history-chosen", f"{index + 1} chosen")
    page.locator("#history-delete-picked").click()
    page.locator("#history-confirm-yes").click()
    v.wait_text("#history-page", "Page 1 of 1 · 24 edits")
    v.wait_tiles(24)
    assert page.locator("#history-next").is_disabled()
    # Leaving "Select several" clears the choice and hides its buttons.
    v.tiles().nth(0).click()
    v.wait_text("#history-chosen", "1 chosen")
    page.locator("#history-select-mode input").uncheck()
    v.wait_text("#history-chosen", "tick Select several")
    assert not page.locator("#history-delete-picked").is_visible()
    assert not v.caption(0).startswith("✓ ")


def test_search_filters_as_you_type_and_from_page_one(visit):
    v, page = visit, visit.page
    page.locator("#history-next").click()
    v.wait_text("#history-page", "Page 2 of 2")
    box = page.locator("#history-search textarea, #history-search input").first
    box.press_sequentially("matcha", delay=30)  # no Enter
    # 0, 5, 10, 15, 20, 25: six of thirty.
    v.wait_text("#history-page", "Page 1 of 1 · 6 edits match")
    v.wait_tiles(6)
    assert all("matcha" in v.caption(i) for i in range(6))
    box.fill("")
    v.wait_text("#history-page", "Page 1 of 2 · 30 edits")
    box.fill("no such words")
    v.wait_text("#history-page", "No edit matches these filters.")
    v.wait_tiles(0)
    box.fill("sunset")
    box.press("Enter")  # Enter still works
    v.wait_text("#history-page", "6 edits match")


def test_the_status_filter_sits_on_one_line_and_filters(visit):
    v, page = visit, visit.page
    boxes = [
        page.locator(s).bounding_box()
        for s in ("#history-search", "#history-model", "#history-status", "#history-refresh")
    ]
    status = boxes[2]
    assert status["height"] < 70  # not wrapped onto several lines
    if v.size == "desktop":  # the whole bar is one row at 1440 px
        middles = [b["y"] + b["height"] / 2 for b in boxes]
        assert max(middles) - min(middles) < 20, boxes
    page.locator("#history-status").click()
    page.get_by_role("option", name="Failed").click()
    # 3, 10, 17, 24: four of thirty failed.
    v.wait_text("#history-page", "Page 1 of 1 · 4 edits match")
    v.wait_tiles(4)
    assert all("✕ FAILED" in v.caption(i) for i in range(4))


def test_the_outline_follows_the_selected_edit_across_pages(visit):
    v, page = visit, visit.page
    marked = (
        "() => [...document.querySelectorAll('#history-gallery .thumbnail-item')]"
        ".findIndex(t => t.classList.contains('selected'))"
    )
    v.tiles().nth(3).click()
    v.wait_text("#history-details", "no.3")
    assert page.evaluate(marked) == 3
    page.locator("#history-next").click()
    v.wait_text("#history-page", "Page 2 of 2")
    page.wait_for_function(f"({marked})() === -1")  # no.3 is not on this page
    page.locator("#history-prev").click()
    v.wait_text("#history-page", "Page 1 of 2")
    page.wait_for_function(f"({marked})() === 3")
    assert "no.3" in page.locator("#history-details").inner_text()
