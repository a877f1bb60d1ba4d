"""build_app: composes the editor's panels, theme and CSS into one gr.Blocks."""

from __future__ import annotations

import html
import json
from pathlib import Path

import gradio as gr
from gradio.utils import get_upload_folder
from starlette.middleware import Middleware

from services.container import Services
from services.messages import DEFAULT_LANGUAGE, LANGUAGES, render
from services.messages import text as words
from ui import (
    choices,
    edit_panel,
    experiments_tab,
    handlers,
    history_panel,
    region_panel,
    text,
    wiring,
)
from ui.api import build_api
from ui.examples import example_names
from ui.history_api import build_history_api
from ui.i18n import I18N, language_of, language_script, live, switch_html, t
from ui.mcp_launch import mcp_lifespan
from ui.upload_budget import UploadBudget

ASSETS = Path(__file__).resolve().parent.parent / "assets"

TITLE = "Qwen Image Edit Studio"

# System fonts only: a hosted font would be fetched from the network at every page load.
_SANS = ["ui-sans-serif", "system-ui", "-apple-system", "Segoe UI", "Roboto", "sans-serif"]
_MONO = ["ui-monospace", "SFMono-Regular", "Menlo", "Consolas", "monospace"]


def theme() -> gr.themes.Base:
    # Soft's violet-500 labels on violet-100, slate-400 hints and white on violet-500 buttons
    # fall short of WCAG AA contrast (4.5:1, axe checks it): one shade darker each.
    return gr.themes.Soft(
        primary_hue="violet",
        secondary_hue="indigo",
        neutral_hue="slate",
        font=_SANS,
        font_mono=_MONO,
    ).set(
        block_label_text_color="*primary_700",
        block_title_text_color="*primary_700",
        block_info_text_color="*neutral_600",
        body_text_color_subdued="*neutral_600",
        button_primary_background_fill="*primary_600",
        button_primary_background_fill_hover="*primary_700",
        button_primary_text_color="white",
        checkbox_label_text_color="*neutral_800",
    )


def launch_kwargs(services: Services) -> dict:
    """Everything launch() needs besides host and port; app.py and the tests share it."""
    return {
        "theme": theme(),
        "css_paths": [ASSETS / "style.css", ASSETS / "history.css"],
        # Nothing of the data folder is served: returned files are copies in Gradio's cache
        # (ui/files.py), so no path into the history, another user's included, is reachable.
        "allowed_paths": [],
        "max_file_size": "50mb",  # larger photos are re-encoded to the service's 10 MB limit
        "max_threads": max(40, services.settings.max_concurrent_edits * 2),
        "run_history": False,  # it would keep inputs, a typed key included, in localStorage
        "footer_links": ["api", "gradio", "settings"],
        "show_error": False,
        "head": head_script() + language_script(),
        # The page's static words in English, Chinese and Japanese (ui/i18n.py).
        "i18n": I18N,
        # Anyone can upload, and Gradio keeps every upload: a budget per address and a floor
        # of free disk (ui/upload_budget.py).
        "app_kwargs": {
            "middleware": [
                Middleware(
                    UploadBudget,
                    bytes_per_hour=int(services.settings.upload_mb_per_hour * 2**20),
                    min_free_bytes=int(services.settings.min_free_disk_mb * 2**20),
                    disk=Path(get_upload_folder()),
                )
            ],
            # When the MCP server is on (--mcp, GRADIO_MCP_SERVER): its tools are the three of
            # ui/mcp_tools.py, not the program API.
            "lifespan": mcp_lifespan,
        },
    }


# Ctrl+Enter (Cmd+Enter on a Mac) runs the edit from anywhere on the page, as in chat tools.
# The busy line's seconds count here, from when the line appeared (handlers.ELAPSED).
SHORTCUTS = """<script>
document.addEventListener("keydown", (event) => {
  if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
    const run = document.querySelector("#run");
    if (run && !run.disabled) { event.preventDefault(); run.click(); }
  }
});
// One edit per click: Edit is disabled only once the server has answered, so a double click
// (or Ctrl+Enter pressed twice) would send, and bill, the same edit twice. A click is ignored
// until Edit turns disabled, for at most 0.7 s.
document.addEventListener("click", (event) => {
  const run = event.target.closest && event.target.closest("#run");
  if (!run) return;
  const last = Number(run.dataset.clickedAt || 0);
  if (performance.now() - last < 700) {
    event.stopImmediatePropagation();
    event.preventDefault();
    return;
  }
  run.dataset.clickedAt = String(performance.now());
}, true);
// Once the server has disabled Edit (however briefly: a quick edit re-enables it within
// milliseconds), it guards by itself, and the next click counts again.
// A record whose old value is null is the attribute being added (checked on the record, not
// on the button, which may be enabled again by the time the record is read).
new MutationObserver((changes) => {
  for (const change of changes) {
    if (change.target.id === "run" && change.oldValue === null) {
      delete change.target.dataset.clickedAt;
    }
  }
}).observe(document.documentElement, {
  attributes: true, attributeFilter: ["disabled"], attributeOldValue: true, subtree: true,
});
setInterval(() => {
  for (const el of document.querySelectorAll(".elapsed")) {
    if (!el.dataset.t0) el.dataset.t0 = String(performance.now());
    el.textContent = ((performance.now() - Number(el.dataset.t0)) / 1000).toFixed(1);
  }
  // Gradio 6.31's empty placeholder is a <div aria-label="Empty value"> with no role, where
  // ARIA forbids a label: give it the role its label describes.
  document.querySelectorAll("div.empty[aria-label]:not([role])").forEach((box) => {
    box.setAttribute("role", "img");
  });
  // Gradio's Dataset draws the example thumbnails as buttons with no name: named here, in the
  // page's language (again when it changes).
  const lang = EXAMPLE_NAMES[document.documentElement.lang] ? document.documentElement.lang : "en";
  document.querySelectorAll("#examples button.gallery-item").forEach((button, i) => {
    if (button.dataset.named !== lang) {
      const [label, name] = EXAMPLE_NAMES[lang][i] || ["", ""];
      button.setAttribute("aria-label", label);
      button.title = name;
      button.dataset.named = lang;
    }
  });
}, 100);
</script>"""


def head_script() -> str:
    names = json.dumps({lang: example_names(lang) for lang in LANGUAGES}, ensure_ascii=False)
    names = names.replace("</", "<\\/")
    return SHORTCUTS.replace("<script>", f"<script>\nconst EXAMPLE_NAMES = {names};", 1)


def configure_queue(blocks: gr.Blocks, services: Services) -> gr.Blocks:
    return blocks.queue(default_concurrency_limit=None, max_size=services.settings.queue_size)


def header_html(demo: bool) -> str:
    """One slim line: the title, and in demo mode a badge (its tooltip says the rest)."""
    # In English here; the language script (ui/i18n.py) puts the page's language into every
    # element marked data-i18n (its text) and data-i18n-title (its tooltip).
    badge = (
        '<span id="demo-badge" class="demo-badge" role="note" data-i18n="ui.demo.badge" '
        f'data-i18n-title="ui.demo.title" title="{html.escape(words("ui.demo.title"))}">'
        f"{html.escape(words('ui.demo.badge'))}</span>"
        if demo
        else ""
    )
    return f'<div class="title-row"><h1>{TITLE}</h1>{badge}{switch_html()}</div>'


def build_app(services: Services) -> gr.Blocks:
    settings = services.settings
    ask_key = settings.ask_user_key or (settings.operator_key is None and not settings.demo)
    # Uploads and cached copies of outputs are deleted 4 hours after they were made (checked
    # every 10 minutes): anyone can upload, so the cache must not grow for a day. The history
    # keeps the originals and copies them again when they are shown.
    with gr.Blocks(title=TITLE, delete_cache=(600, 4 * 3600)) as blocks:
        gr.HTML(header_html(settings.demo), elem_id="header", padding=False)
        # Clicked by the language switch (ui/i18n.py): the words the server wrote into the
        # page (the model's info lines and note) are written again in the new language.
        rewrite = gr.Button("Apply the language", visible="hidden", elem_id="lang-refresh")
        user = gr.State("")  # this browser's history id, set on load
        user_store = gr.BrowserState(
            "", storage_key="qwen-edit-user", secret=settings.browser_secret
        )
        # "wrap": four tabs fit no phone row; in Gradio's "menu" the last ones lose their tab role.
        with gr.Tabs() as tabs:
            with gr.Tab(t("ui.tab.editor"), id="editor"), gr.Row():
                with gr.Column(scale=5, min_width=300):
                    controls = edit_panel.build_inputs(settings, ask_key)
                with gr.Column(scale=6, min_width=300):
                    outputs = edit_panel.build_outputs()
            with gr.Tab(t("ui.tab.history"), id="history") as history_tab:
                history = history_panel.build_history()
            with gr.Tab(t("ui.tab.experiments"), id="experiments") as experiments_tab_:
                experiments = experiments_tab.build_experiments()
            with gr.Tab(t("ui.tab.help"), id="help"):
                gr.Markdown(help_markdown(), elem_id="help")
        events = wiring.wire_editor(services, controls, outputs, ask_key, user)
        region_panel.wire_region(
            region_panel.RegionControls(
                controls.region_editor,
                controls.region_margin,
                controls.region_feather,
                controls.region_pending,
            ),
            controls.images[0],
            wiring.FAST,
        )
        refresh, list_inputs, list_outputs = history_panel.wire_history(
            services, history, controls, events, user, tabs
        )
        history_tab.select(refresh, list_inputs, list_outputs, **wiring.FAST)
        experiments_tab.wire_experiments(  # ui/experiments_events.py
            services, experiments, controls, history, user, tabs, experiments_tab_, ask_key, rewrite
        )
        # The list's words (page line, captions, totals) again in a newly chosen language.
        rewrite.click(refresh, list_inputs, list_outputs, **wiring.FAST)
        events.finalize()
        gr.on([blocks.load, rewrite.click], *events.model_words, **wiring.FAST)
        stored = wiring.wire_key_memory(controls, settings.browser_secret)
        # One chain on load: who this browser is, its remembered key, its history; then a
        # marker on <body> for anything automating the page (the browser tests wait on it).
        # Queued (with no limit), not FAST: only queued events can show a toast, and this one
        # may have to say that a forged history id was refused.
        loaded = blocks.load(
            wiring.user_identifier(services),
            user_store,
            [user, user_store],
            api_visibility="private",
            concurrency_limit=None,
        )
        loaded.then(
            wiring.restore_key,
            [stored, controls.api_key],
            [controls.api_key, controls.remember_key],
            **wiring.FAST,
        ).then(refresh, list_inputs, list_outputs, **wiring.FAST).then(
            None, js="() => { document.body.dataset.appReady = '1'; }", **wiring.FAST
        )

        def announce(request: gr.Request) -> None:
            announce_recovery(services, language_of(request))

        blocks.load(
            announce,
            None,
            None,
            api_visibility="private",
            concurrency_limit=None,  # queued: a toast shows only from a queued event
        )
        build_api(services)
        build_history_api(services)
    return configure_queue(blocks, services)


def announce_recovery(services: Services, lang: str = DEFAULT_LANGUAGE) -> None:
    """Said on every page while this process lives, in the reader's language: the history
    database was damaged at start and rebuilt from the entries' own manifests
    (services/history/recovery.py)."""
    notice = services.history.recovered_notice
    if notice:
        title = words("toast.history_rebuilt", lang)
        gr.Warning(
            handlers.titled(title, text.toast(render(notice, lang))),
            duration=None,
            title=title,
        )


def help_text(lang: str = DEFAULT_LANGUAGE) -> str:
    """The Help tab in `lang`: the guide (ui.help.guide) and the model table (model ids and
    figures as they are, its words in `lang`)."""
    return words("ui.help.guide", lang) + "\n" + choices.models_help(lang) + "\n"


def help_markdown() -> str:
    """The Help tab's value: the guide and the model table as one gr.I18n key (ui/i18n.py),
    looked up in the page's language as it changes."""
    return live("ui.help.page")
