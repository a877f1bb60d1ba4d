"""The editor as a person uses it (issue 11): every control and the usual mistakes, in
Chromium, at a laptop's 1440x900 and a phone's 390x844. Each scenario runs once per viewport.

Every test fails on a page error, on an HTTP 5xx answer from the app, and on an action that
shows nothing: after each action it waits for what a person would see (a toast with given
words, an image, a status line, a disabled button, a reason in words). Waits, never clocks:
no assertion here depends on how fast this machine is."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from PIL import Image

from tests.support import ROOT, close_app, launch_app, wait_until_loaded, watch_failures

pytestmark = pytest.mark.browser

EXAMPLES = ROOT / "assets" / "examples"
PHOTO = EXAMPLES / "coffee.jpg"  # 600x400
SECOND = EXAMPLES / "astronaut.jpg"  # 512x512
VIEWPORTS = {"desktop": (1440, 900), "phone": (390, 844)}
WAIT_MS = 30_000  # generous: CI is a busy 2-core machine


# -- fixtures -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    launched = launch_app(tmp_path_factory.mktemp("person"), demo=True, latency_s=0.2)
    yield launched
    close_app(launched)


@pytest.fixture(scope="module")
def pictures(tmp_path_factory) -> dict[str, Path]:
    """Files a person might pick: a huge photo, a tiny one, and text named .png."""
    folder = tmp_path_factory.mktemp("pictures")
    huge = folder / "huge.jpg"
    small = Image.linear_gradient("L").resize((500, 400)).convert("RGB")
    small.resize((5000, 4000)).save(huge, quality=80)
    tiny = folder / "tiny.png"
    Image.linear_gradient("L").resize((200, 150)).convert("RGB").save(tiny)
    notes = folder / "notes.png"
    notes.write_text("meeting notes, not a picture")
    return {"huge": huge, "tiny": tiny, "notes": notes}


@pytest.fixture(params=list(VIEWPORTS))
def viewport(request) -> dict[str, int]:
    width, height = VIEWPORTS[request.param]
    return {"width": width, "height": height}


@pytest.fixture
def page(browser, app, viewport, request):
    """A fresh browser (own storage, so own history) at the viewport, on the loaded editor."""
    app.emulator.clear_faults()
    context = browser.new_context(viewport=viewport)
    context.set_default_timeout(WAIT_MS)
    page = context.new_page()
    failures = watch_failures(page, app.url)
    page.goto(app.url)
    page.wait_for_selector("#run")
    wait_until_loaded(page)
    yield page
    shots = os.environ.get("PERSON_SHOTS")  # a folder: keep what each test ended on
    if shots:
        Path(shots).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(shots) / f"{request.node.name}.png"), full_page=True)
    context.close()
    app.emulator.clear_faults()
    assert not failures, failures


# -- what a person does ---------------------------------------------------------------------


def phone(page) -> bool:
    return page.viewport_size["width"] < 720


def toast(page, words: str) -> str:
    """Wait for a toast that says `words`; its whole text."""
    found = page.locator(".toast-body").filter(has_text=words).first
    found.wait_for(state="visible")
    return found.inner_text()


def upload(page, slot: int, path: Path) -> None:
    page.locator(f"#image{slot} input[type=file]").set_input_files(str(path))
    page.wait_for_function(
        "s => { const i = document.querySelector(`#image${s} img`); "
        "return i && i.complete && i.naturalWidth > 0; }",
        arg=slot,
    )


def slot_size(page, slot: int) -> tuple[int, int] | None:
    size = page.evaluate(
        "s => { const i = document.querySelector(`#image${s} img`); "
        "return i && i.naturalWidth ? [i.naturalWidth, i.naturalHeight] : null; }",
        slot,
    )
    return tuple(size) if size else None


def wait_slot_empty(page, slot: int) -> None:
    page.wait_for_function("s => document.querySelectorAll(`#image${s} img`).length == 0", arg=slot)


def status(page) -> str:
    return page.locator("#status").inner_text()


def write(page, prompt: str) -> None:
    page.locator("#prompt textarea").fill(prompt)


def request_id(text: str) -> str:
    found = re.search(r"request\s+([0-9a-f][0-9a-f-]{7,})", text)
    return found.group(1) if found else ""


def wait_done(page, before: str = "") -> str:
    """Wait for a new 'Done in' status (another request than the one shown before) and the
    Edit button back."""
    page.wait_for_function(
        "old => { const s = document.querySelector('#status').innerText;"
        " return s.includes('Done in') && !(old && s.includes(old)); }",
        arg=request_id(before),
    )
    page.wait_for_function("!document.querySelector('#run').disabled")
    return status(page)


def edit(page, prompt: str = "make it pop", image: Path | None = PHOTO) -> str:
    if image is not None:
        upload(page, 1, image)
    write(page, prompt)
    before = status(page)
    page.locator("#run").click()
    return wait_done(page, before)


def outputs(page, count: int) -> None:
    """Wait until the results show `count` loaded images (a preview's own thumbnails aside)."""
    page.wait_for_function(
        "n => { const imgs = [...document.querySelectorAll('#gallery img')]"
        ".filter(i => i.complete && i.naturalWidth > 0);"
        " return new Set(imgs.map(i => i.src)).size == n; }",
        arg=count,
    )


def choose_outputs(page, n: int) -> None:
    page.locator("#n").get_by_text(str(n), exact=True).click()
    page.wait_for_function(
        "n => document.querySelector(`#n input[value='${n}']`)?.checked", arg=str(n)
    )


def open_settings(page) -> None:
    """Open "More settings" (closed by default) if it is closed."""
    if page.locator("#randomize").is_visible():
        return
    label = page.locator("#settings .label-wrap").first
    if not label.count():
        label = page.locator("#settings").get_by_text("settings").first
    label.click()
    page.locator("#randomize").wait_for(state="visible")


def choose(page, dropdown: str, option: str) -> None:
    page.locator(f"{dropdown} input").click()
    page.get_by_role("option", name=option, exact=True).click()
    page.wait_for_function(
        "([d, o]) => document.querySelector(`${d} input`).value == o", arg=[dropdown, option]
    )


def open_tab(page, name: str) -> None:
    page.get_by_role("tab", name=name).click()
    page.wait_for_function(
        "n => [...document.querySelectorAll('[role=tab]')]"
        ".some(t => t.innerText.trim() == n && t.getAttribute('aria-selected') == 'true')",
        arg=name,
    )


def history_count(page, n: int) -> None:
    """Wait until the History list shows n entries (it must update by itself)."""
    page.locator("#history-gallery").wait_for(state="visible")
    page.wait_for_function(
        "n => document.querySelectorAll('#history-gallery img').length == n", arg=n
    )


def select_first_entry(page, words: str) -> None:
    page.locator("#history-gallery img").first.click()
    page.wait_for_function(
        "w => document.querySelector('#history-details').innerText.includes(w)", arg=words
    )


def box(page, selector: str) -> dict:
    """Where the element is on the screen now (viewport coordinates)."""
    return page.evaluate(
        "s => { const r = document.querySelector(s).getBoundingClientRect();"
        " return {x: r.x, y: r.y, w: r.width, h: r.height, bottom: r.bottom, right: r.right}; }",
        selector,
    )


def place(page, selector: str) -> tuple[float, float]:
    """Where the element is in the page (document coordinates, whatever the scroll)."""
    return tuple(
        page.evaluate(
            "s => { const r = document.querySelector(s).getBoundingClientRect();"
            " return [r.x + scrollX, r.y + scrollY]; }",
            selector,
        )
    )


def in_view(page, selector: str) -> bool:
    return page.evaluate(
        "s => { const r = document.querySelector(s).getBoundingClientRect();"
        " return r.bottom > 0 && r.top < innerHeight && r.height > 0; }",
        selector,
    )


def no_sideways_scroll(page) -> None:
    width = page.evaluate("document.scrollingElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"page is {width} px wide: it scrolls sideways"


# The picture a person sees of each output: drawn per object-fit, then clipped by every
# ancestor that hides or scrolls its overflow (a tile that cuts the bottom off, a gallery the
# user must scroll inside); and whether it is on top (not a tile under a preview's overlay).
DRAWN = """
img => {
  const r = img.getBoundingClientRect(), nw = img.naturalWidth, nh = img.naturalHeight;
  const fit = getComputedStyle(img).objectFit;
  let w = r.width, h = r.height;
  if (fit === 'contain' || fit === 'scale-down') {
    let s = Math.min(r.width / nw, r.height / nh);
    if (fit === 'scale-down') s = Math.min(s, 1);
    w = nw * s; h = nh * s;
  } else if (fit === 'cover') {
    const s = Math.max(r.width / nw, r.height / nh); w = nw * s; h = nh * s;
  } else if (fit === 'none') { w = nw; h = nh; }
  let x0 = r.x + (r.width - w) / 2, y0 = r.y + (r.height - h) / 2, x1 = x0 + w, y1 = y0 + h;
  let vx0 = Math.max(x0, r.x), vy0 = Math.max(y0, r.y);
  let vx1 = Math.min(x1, r.right), vy1 = Math.min(y1, r.bottom);
  for (let el = img.parentElement; el && el !== document.body; el = el.parentElement) {
    const cs = getComputedStyle(el);
    if (cs.overflowX === 'visible' && cs.overflowY === 'visible') continue;
    const c = el.getBoundingClientRect();
    vx0 = Math.max(vx0, c.x); vy0 = Math.max(vy0, c.y);
    vx1 = Math.min(vx1, c.right); vy1 = Math.min(vy1, c.bottom);
  }
  const top = document.elementFromPoint((vx0 + vx1) / 2, (vy0 + vy1) / 2);
  return {natural: [nw, nh], drawn: [w, h], visible: [Math.max(0, vx1 - vx0),
          Math.max(0, vy1 - vy0)], on_top: top === img};
}
"""


def assert_shown_whole(page) -> None:
    """Every output in the results is drawn at its own aspect ratio and not cut off."""
    images = page.locator("#gallery img")
    seen = 0
    for i in range(images.count()):
        img = images.nth(i)
        if not img.is_visible():
            continue
        img.scroll_into_view_if_needed()
        shown = img.evaluate(DRAWN)
        (nw, nh), (w, h), (vw, vh) = shown["natural"], shown["drawn"], shown["visible"]
        if w < 64 or h < 64 or not shown["on_top"]:  # a thumbnail, or hidden under a preview
            continue
        seen += 1
        assert abs((w / h) / (nw / nh) - 1) <= 0.02, f"output {i} drawn distorted: {shown}"
        assert vw >= 0.98 * w and vh >= 0.98 * h, f"output {i} is cut off: {shown}"
    assert seen >= 1, "no output is drawn large enough to see"


def seed_in(text: str) -> str:
    found = re.search(r"seed (\d+)", text)
    assert found, f"no seed in {text!r}"
    return found.group(1)


# -- the first screen -----------------------------------------------------------------------


def test_first_screen_puts_the_action_first(page):
    size = page.viewport_size
    assert page.evaluate("scrollY") == 0
    run = box(page, "#run")
    assert run["y"] >= 0 and run["bottom"] <= size["height"], (
        f"Edit ends at {run['bottom']:.0f} px, below the first screen ({size['height']} px)"
    )
    assert page.locator("#run").is_enabled()
    badge = page.locator("#header #demo-badge")
    assert badge.is_visible() and "demo" in badge.inner_text().lower()
    no_sideways_scroll(page)
    assert not page.locator("#size").is_visible(), "More settings should start folded"
    if not phone(page):  # the results sit beside the inputs on a laptop
        gallery = box(page, "#gallery")
        assert gallery["y"] < size["height"], f"results start at {gallery['y']:.0f} px"
        assert gallery["x"] > box(page, "#image1")["x"], "results are not beside the inputs"


# -- editing --------------------------------------------------------------------------------


def test_one_output_is_shown_whole_and_in_view(page):
    done = edit(page, "make the cup blue")
    assert "1 ×" in done and "seed" in done and "History" in done
    outputs(page, 1)
    # The results come into view by themselves when the edit ends (on a phone they are
    # below the inputs).
    page.wait_for_function(
        "() => { const r = document.querySelector('#gallery').getBoundingClientRect();"
        " return r.bottom > 0 && r.top < innerHeight; }"
    )
    assert_shown_whole(page)
    page.locator("#compare img").first.wait_for()  # before / after filled in


def test_three_outputs_then_pick_the_second(page):
    upload(page, 1, PHOTO)
    choose_outputs(page, 3)
    done = edit(page, "three takes", image=None)
    assert "3 ×" in done
    outputs(page, 3)
    assert_shown_whole(page)
    page.locator("#compare img").first.wait_for()
    compared = page.evaluate("[...document.querySelectorAll('#compare img')].map(i => i.src)")
    srcs: list[str] = []  # the outputs in order (a preview repeats them in its thumbnails)
    for src in page.evaluate("[...document.querySelectorAll('#gallery img')].map(i => i.src)"):
        if src not in srcs:
            srcs.append(src)
    page.locator(f'#gallery img[src="{srcs[1]}"]').last.click()
    page.wait_for_function(  # the before/after now shows output 2
        "old => { const now = [...document.querySelectorAll('#compare img')].map(i => i.src);"
        " return now.length && now.join() != old.join(); }",
        arg=compared,
    )
    page.locator("#use-1").click()
    toast(page, "Output 2 is now image 1")


def test_edit_with_no_image_says_why(page):
    write(page, "make it pop")
    page.locator("#run").click()
    text = toast(page, "at least one image")
    assert "Traceback" not in text
    page.wait_for_function("!document.querySelector('#run').disabled")
    assert page.locator("#gallery img").count() == 0
    assert "Done in" not in status(page)


def test_empty_instruction_says_why_in_words(page):
    upload(page, 1, PHOTO)
    page.locator("#run").click()
    found = page.locator(".toast-body").filter(has_text=re.compile("instruction", re.I)).first
    found.wait_for(state="visible")
    text = found.inner_text()
    for code_talk in ("prompt =", "= ''", "is not accepted", "ValidationError"):
        assert code_talk not in text, f"the reason reads like code: {text!r}"
    page.wait_for_function("!document.querySelector('#run').disabled")
    assert "Done in" not in status(page)


def test_text_file_named_png_is_refused_and_a_photo_then_works(page, pictures):
    page.locator("#image1 input[type=file]").set_input_files(str(pictures["notes"]))
    toast(page, "not an image file")
    wait_slot_empty(page, 1)
    upload(page, 1, PHOTO)  # the slot still takes a real picture
    assert slot_size(page, 1) == (600, 400)


def test_huge_photo_is_resized_and_a_tiny_one_warns(page, pictures):
    done = edit(page, "brighter", image=pictures["huge"])
    assert "resized" in done.lower(), f"nothing says the 5000x4000 photo was resized: {done!r}"
    outputs(page, 1)
    done = edit(page, "sharper", image=pictures["tiny"])
    assert "blurry" in done.lower(), f"nothing warns that a 200x150 photo may blur: {done!r}"
    outputs(page, 1)


def test_example_loads_its_images_and_instruction_and_keeps_edit_in_view(page):
    thumbs = page.locator("#examples img")
    thumbs.first.wait_for(state="visible")
    count = thumbs.count()
    assert count >= 3, f"only {count} examples"
    two_images = False
    for i in range(count):
        before = page.locator("#prompt textarea").input_value()
        thumbs.nth(i).click()
        page.wait_for_function(
            "b => { const v = document.querySelector('#prompt textarea').value;"
            " return v && v != b; }",
            arg=before,
        )
        page.wait_for_function(
            "() => { const i = document.querySelector('#image1 img');"
            " return i && i.complete && i.naturalWidth > 0; }"
        )
        prompt = page.locator("#prompt textarea").input_value()
        if "image 2" in prompt:
            two_images = True
            page.wait_for_function("document.querySelector('#image2 img')?.naturalWidth > 0")
        else:  # a one-image example leaves no stale second input behind
            wait_slot_empty(page, 2)
        run = box(page, "#run")
        assert run["y"] >= 0 and run["bottom"] <= page.viewport_size["height"], (
            f"after example {i + 1}, Edit is out of view: {run}"
        )
        assert in_view(page, "#image1"), f"after example {i + 1}, the inputs are out of view"
    assert two_images, "no example uses two images"
    done = edit(page, page.locator("#prompt textarea").input_value(), image=None)
    assert "Done in" in done


def test_swap_and_clear_images(page):
    upload(page, 1, PHOTO)
    upload(page, 2, SECOND)
    page.locator("#swap-12").click()
    page.wait_for_function(
        "() => document.querySelector('#image1 img')?.naturalWidth == 512"
        " && document.querySelector('#image2 img')?.naturalWidth == 600"
    )
    page.locator("#swap-23").click()
    page.wait_for_function("document.querySelector('#image3 img')?.naturalWidth == 600")
    wait_slot_empty(page, 2)
    assert slot_size(page, 1) == (512, 512)
    page.locator("#clear-images").click()
    for slot in (1, 2, 3):
        wait_slot_empty(page, slot)


def test_result_actions_wait_for_a_result_then_use_it_as_image_2(page):
    buttons = ["#use-1", "#use-2", "#use-3", "#reuse-seed"]
    for button in buttons:
        assert page.locator(button).is_disabled(), f"{button} is enabled with no result"
    edit(page, "a sunset behind the cup")
    outputs(page, 1)
    for button in buttons:
        page.wait_for_function("b => !document.querySelector(b).disabled", arg=button)
    made = page.evaluate(
        "() => { const i = [...document.querySelectorAll('#gallery img')]"
        ".find(i => i.naturalWidth > 0); return [i.naturalWidth, i.naturalHeight]; }"
    )
    page.locator("#use-2").click()
    toast(page, "Output 1 is now image 2")
    page.wait_for_function(
        "w => document.querySelector('#image2 img')?.naturalWidth == w", arg=made[0]
    )
    assert slot_size(page, 2) == tuple(made)


def test_reuse_the_seed_of_a_result(page):
    done = edit(page, "same again")
    seed = seed_in(done)
    page.locator("#reuse-seed").click()
    page.wait_for_function("s => document.querySelector('#seed input')?.value == s", arg=seed)
    open_settings(page)
    assert page.locator("#seed input").is_visible()
    assert not page.locator("#randomize input").is_checked()
    write(page, "same again, same seed")
    page.locator("#run").click()
    again = wait_done(page, done)
    shown = page.locator("#seed input").input_value()
    assert seed_in(again) == seed, (
        f"Reuse seed showed {seed}, but the next edit used seed {seed_in(again)}; "
        f"the seed box now shows {shown!r}"
    )


def test_stop_shows_a_calm_stopped_state(page, app):
    upload(page, 1, PHOTO)
    write(page, "stop me")
    app.emulator.inject("latency", seconds=4.0)
    attempts = app.emulator.attempts
    page.locator("#run").click()
    page.wait_for_function("document.querySelector('#run').disabled")  # busy, not clickable
    page.wait_for_function("!document.querySelector('#stop').disabled")
    page.wait_for_function("document.querySelector('#progress').innerText.includes('Editing')")
    while app.emulator.attempts <= attempts:  # the request is at the service
        page.wait_for_timeout(20)
    page.locator("#stop").click()
    page.wait_for_function("document.querySelector('#status').innerText.includes('Stopped')")
    page.wait_for_function("!document.querySelector('#run').disabled")
    page.wait_for_function("document.querySelector('#stop').disabled")
    assert "Error" not in page.locator("body").inner_text()
    assert page.locator(".toast-body.error").count() == 0
    assert "History" in status(page)  # where the outputs will go if the service finishes


def test_model_with_one_output_limits_outputs_and_says_why(page, app):
    choose_outputs(page, 3)
    choose(page, "#model", "Qwen Image Edit")
    page.wait_for_function(
        "() => { const r = [...document.querySelectorAll('#n input[type=radio]')];"
        " return r.filter(i => !i.disabled).length <= 1"
        " && r.some(i => i.value == '1' && i.checked); }"
    )
    reason = page.locator("#n").inner_text() + page.locator("#model-note").inner_text()
    assert "1 per request" in reason, reason
    done = edit(page, "one only")
    assert "1 ×" in done
    outputs(page, 1)
    sent = app.emulator.requests[-1]
    assert sent.parameters.get("n", 1) == 1
    choose(page, "#model", "Qwen Image Edit Plus")  # and back: six choices again
    page.wait_for_function(
        "document.querySelectorAll('#n input[type=radio]:not(:disabled)').length == 6"
    )


def test_size_preset_is_honoured_and_custom_size_never_blocks_six_outputs(page):
    upload(page, 1, PHOTO)
    open_settings(page)
    choose(page, "#size", "1024×1024 square")
    done = edit(page, "square please", image=None)
    assert "1024×1024" in done, done
    outputs(page, 1)
    # A custom size takes 1 output only: asking for 6 puts the size back to Auto, visibly,
    # and the edit goes through (never a disabled control holding a blocking value).
    choose(page, "#size", "Custom")
    page.locator("#width").wait_for(state="visible")
    choose_outputs(page, 6)
    page.wait_for_function("document.querySelector('#size input').value.startsWith('Auto')")
    page.locator("#width").wait_for(state="hidden")
    write(page, "six of them")
    page.locator("#run").click()
    done = wait_done(page, done)
    assert "6 ×" in done
    outputs(page, 6)


def test_service_failure_says_why_and_clears_the_last_result(page, app):
    done = edit(page, "first, fine")
    outputs(page, 1)
    app.emulator.inject("error", code="ModelNotFound")
    write(page, "second, refused")
    page.locator("#run").click()
    text = toast(page, "does not know this model")
    # Gradio labels every error toast "Error"; the toast must also say, in its own words,
    # what failed (a title such as "Edit failed"), then the reason.
    said = [line for line in text.splitlines() if line.strip() not in ("", "Error", "×")]
    assert len(said) >= 2, f"the toast has no title of its own, only Gradio's 'Error': {text!r}"
    page.wait_for_function("!document.querySelector('#run').disabled")
    page.wait_for_function("document.querySelectorAll('#gallery img').length == 0")
    assert done not in status(page) and "Done in" not in status(page)


# -- typing ---------------------------------------------------------------------------------


def test_counters_follow_typing_and_warn_over_the_limit(page):
    field = page.locator("#prompt textarea")
    field.press_sequentially("hello", delay=10)
    page.wait_for_function("document.querySelector('#prompt-count').innerText.includes('5 / 800')")
    counter, textarea = box(page, "#prompt-count"), box(page, "#prompt textarea")
    assert -4 <= counter["y"] - textarea["bottom"] <= 48, "the counter floats away from its field"
    field.fill("x" * 800)
    page.wait_for_function(
        "document.querySelector('#prompt-count').innerText.includes('800 / 800')"
    )
    assert "over" not in page.locator("#prompt-count").inner_text()
    field.press("End")
    field.press_sequentially("y")
    page.wait_for_function(
        "document.querySelector('#prompt-count').innerText.includes('801 / 800')"
    )
    assert "over the limit" in page.locator("#prompt-count").inner_text()
    assert page.locator("#prompt-count").is_visible()

    negative = page.locator("#negative textarea")
    negative.press_sequentially("blurry", delay=10)
    page.wait_for_function(
        "document.querySelector('#negative-count').innerText.includes('6 / 500')"
    )
    negative.fill("z" * 501)
    page.wait_for_function(
        "document.querySelector('#negative-count').innerText.includes('501 / 500')"
    )
    assert "over the limit" in page.locator("#negative-count").inner_text()


def test_ctrl_enter_in_the_instruction_runs_the_edit(page):
    upload(page, 1, PHOTO)
    write(page, "from the keyboard")
    page.locator("#prompt textarea").press("Control+Enter")
    done = wait_done(page)
    assert "1 ×" in done
    outputs(page, 1)
    assert page.locator("#prompt textarea").input_value() == "from the keyboard"


def tab_to_run(page) -> None:
    page.locator("#prompt textarea").focus()
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement?.id == 'run'"):
            return
    raise AssertionError("Tab from the instruction never reaches Edit")


def test_keyboard_tab_reaches_edit_and_enter_or_space_runs_it(page):
    upload(page, 1, PHOTO)
    write(page, "keyboard only")
    tab_to_run(page)
    before = status(page)
    page.keyboard.press("Enter")
    first = wait_done(page, before)
    tab_to_run(page)
    page.keyboard.press(" ")
    wait_done(page, first)  # a second, new edit


def test_choosing_a_seed_does_not_shift_the_layout_and_is_used(page):
    upload(page, 1, PHOTO)
    open_settings(page)
    before = place(page, "#run")
    page.locator("#randomize").get_by_text("Random", exact=False).first.click()
    page.locator("#seed").wait_for(state="visible")
    after = place(page, "#run")
    assert abs(after[0] - before[0]) <= 2 and abs(after[1] - before[1]) <= 2, (
        f"Edit moved from {before} to {after} when Random seed was unticked"
    )
    page.locator("#seed input").fill("4242")
    done = edit(page, "seed four two four two", image=None)
    assert seed_in(done) == "4242"


def test_region_in_demo_mode_says_why_it_is_fixed(page):
    open_settings(page)
    region = page.locator("#region")
    region.wait_for(state="visible")
    assert page.locator("#region input").is_disabled()
    said = (region.inner_text() + " " + page.locator("#model-note").inner_text()).lower()
    assert "demo" in said, f"nothing near Region says why it cannot change: {said!r}"


def test_help_tab_shows_the_model_table_and_the_form_survives_the_trip(page):
    upload(page, 1, PHOTO)
    write(page, "keep me while I look around")
    page.locator("#negative textarea").fill("blur")
    open_tab(page, "Help")
    table = page.locator("table").filter(has_text="qwen-image-edit-plus").first
    table.wait_for(state="visible")
    text = table.inner_text()
    assert "qwen-image-edit-max" in text and "outputs" in text.lower()
    no_sideways_scroll(page)
    open_tab(page, "History")
    open_tab(page, "Editor")
    page.locator("#prompt textarea").wait_for(state="visible")
    assert page.locator("#prompt textarea").input_value() == "keep me while I look around"
    assert page.locator("#negative textarea").input_value() == "blur"
    assert slot_size(page, 1) == (600, 400)


# -- history --------------------------------------------------------------------------------


def test_history_restore_and_run_again(page):
    edit(page, "a matcha latte")
    open_tab(page, "History")
    history_count(page, 1)
    select_first_entry(page, "a matcha latte")
    open_tab(page, "Editor")
    write(page, "something else")
    open_tab(page, "History")
    page.locator("#history-restore").click()
    page.locator("#prompt textarea").wait_for(state="visible")  # back in the editor
    page.wait_for_function("document.querySelector('#prompt textarea').value == 'a matcha latte'")
    page.wait_for_function("document.querySelector('#image1 img')?.naturalWidth > 0")
    before = status(page)
    open_tab(page, "History")
    page.locator("#history-run-again").click()
    wait_done(page, before)
    open_tab(page, "History")
    history_count(page, 2)


def test_history_delete_cancel_keeps_and_delete_removes(page):
    edit(page, "delete me")
    open_tab(page, "History")
    history_count(page, 1)
    select_first_entry(page, "delete me")
    page.locator("#history-delete-one").click()
    page.locator("#history-confirm-yes").wait_for(state="visible")
    assert "Delete" in page.locator("#history-confirm-text").inner_text()
    page.locator("#history-confirm-no").click()
    toast(page, "Nothing was deleted")
    page.locator("#history-confirm-yes").wait_for(state="hidden")
    history_count(page, 1)
    page.locator("#history-delete-one").click()
    page.locator("#history-confirm-yes").click()
    toast(page, "Deleted 1 edit")
    history_count(page, 0)


def test_double_click_on_edit_starts_one_edit(page, app):
    upload(page, 1, PHOTO)
    write(page, "only once")
    sent = len(app.emulator.requests)
    page.locator("#run").dblclick()
    wait_done(page)
    page.wait_for_timeout(1500)  # room for a second edit, were one started
    page.wait_for_function("!document.querySelector('#run').disabled")
    started = len(app.emulator.requests) - sent
    assert started == 1, f"a double-click on Edit sent {started} edits to the service"
    open_tab(page, "History")
    history_count(page, 1)


def test_reload_in_the_middle_keeps_the_history(page, app):
    edit(page, "before the reload")
    write(page, "during the reload")
    app.emulator.inject("latency", seconds=2.0)
    page.locator("#run").click()
    page.wait_for_function("document.querySelector('#run').disabled")
    page.reload()
    page.wait_for_selector("#run")
    wait_until_loaded(page)
    assert "Error" not in page.locator("body").inner_text()
    open_tab(page, "History")
    page.locator("#history-gallery").filter(has_text="before the reload").wait_for()
    # The edit sent before the reload is finished by the service and kept.
    for _ in range(60):
        if "during the reload" in page.locator("#history-gallery").inner_text():
            break
        page.locator("#history-refresh").click()
        page.wait_for_timeout(250)
    assert "during the reload" in page.locator("#history-gallery").inner_text()
