"""The page in the reader's language (issue 13).

Two halves, one catalogue (services/messages):
- Static words (labels, info lines, placeholders, buttons) are `gr.I18n` keys, looked up in the
  browser, so they follow the page's language as it changes: `t("ui.run")`. Every catalogue
  key starting with "ui." goes to the browser; such keys hold no parameters.
- Words a handler writes (toasts, the status line) are rendered on the server, in the language
  of the request: `language_of(request)`.

Which language: the switch in the header (LANGUAGE_SCRIPT), remembered in localStorage and told
to the server in the `qwen_lang` cookie; else the browser's own languages. Gradio 6.31 chooses
its locale from `navigator.language` alone; the script applies the same choice the server makes
(`best_language`), so labels and toasts never disagree.
"""

from __future__ import annotations

import json
import re

import gradio as gr

from services.messages import CATALOGUES, DEFAULT_LANGUAGE, LANGUAGES, best_language, text
from services.models import MODELS

COOKIE = "qwen_lang"
STORAGE_KEY = "qwen-lang"
# The names in the switch, each in its own language: a reader must find theirs unread.
NAMES = {"en": "English", "zh-CN": "简体中文", "ja": "日本語"}

# Gradio's frontend locales are its own lang/*.json names: "en", "zh-CN", "ja" (read in
# templates/frontend/assets/core-*.js), the same codes as the catalogue. "zh" is added for
# the Chinese locales Gradio has no catalogue of ours for (zh-TW, zh-HK): svelte-i18n falls
# back from "zh-TW" to "zh" before English, and best_language gives them Simplified Chinese.
_ALIASES = {"zh": "zh-CN"}


def _static(lang: str) -> dict[str, str]:
    ours = {k: v for k, v in CATALOGUES[lang].items() if k.startswith("ui.")}
    return {k: v for k, v in ours.items() if not k.startswith("ui.gradio.")} | _made(lang)


def _made(lang: str) -> dict[str, str]:
    """Words made from the catalogue and the model table once, at start, in each language:
    the Help tab's model table (its cells have parameters, which a gr.I18n key cannot take)."""
    from ui.choices import models_help  # plain Python; imported here to keep the order clear

    # Gradio 6.31 translates one marked key per string value: the guide and the table are one
    # word, so the Help tab's Markdown is a single key.
    # The table sits in a focusable region that scrolls sideways: on a phone its six columns
    # would otherwise squeeze Chinese and Japanese to a character per line (assets/style.css);
    # focusable, so a keyboard can scroll it too. Blank lines keep the table Markdown. (Gradio's
    # sanitiser drops an aria-label here; the table's own headers name it.)
    table = f'<div class="help-table" role="region" tabindex="0">\n\n{models_help(lang)}\n\n</div>'
    page = CATALOGUES[lang]["ui.help.guide"] + "\n" + table + "\n"
    made = {"ui.help.page": page}
    # The models' names in the dropdowns: a snapshot's name says "snapshot" in the language.
    for name, spec in MODELS.items():
        label = str(spec.label)
        found = _SNAPSHOT.match(label)
        if found:
            label = text("model.snapshot", lang, name=found[1], date=found[2])
        made[f"ui.model.name.{name}"] = label
    # Gradio's own words that its Chinese and Japanese catalogues lack (it shows them in
    # English), under Gradio's own keys: the catalogue's ui.gradio.<its key>.
    prefix = "ui.gradio."
    made |= {k.removeprefix(prefix): v for k, v in CATALOGUES[lang].items() if k.startswith(prefix)}
    return made


_SNAPSHOT = re.compile(r"^(.*) \((\d{4}-\d{2}-\d{2}) snapshot\)$")


def model_choices() -> list[tuple]:
    """The model dropdown's choices: names in the page's language, ids as values."""
    return [(t(f"ui.model.name.{name}"), name) for name in MODELS]


def build_i18n() -> gr.I18n:
    locales = {lang: _static(lang) for lang in LANGUAGES}
    locales |= {alias: locales[lang] for alias, lang in _ALIASES.items()}
    return gr.I18n(**locales)


I18N = build_i18n()
_KEYS = frozenset(k for k in _static(DEFAULT_LANGUAGE) if k.startswith("ui."))


def t(key: str) -> gr.i18n.I18nData:
    """A static word for a component, looked up in the browser. A key missing from the
    catalogue fails here, when the page is built, not as a raw key on the screen."""
    if key not in _KEYS:
        raise KeyError(f"{key!r} is not a ui.* key of the message catalogue")
    return I18N(key)


def known(key: str) -> bool:
    return key in _KEYS


def live(key: str) -> str:
    """The same word as a string for a handler's gr.update (a button's value): Gradio's
    frontend translates any label, info, placeholder or value string that carries its
    `__i18n__` marker, so the word still follows the page's language."""
    return str(t(key))


def language_of(request: gr.Request | None) -> str:
    """The reader's language for words made on the server: the switch's cookie, then the
    browser's Accept-Language, else English."""
    if request is None:
        return DEFAULT_LANGUAGE
    try:
        chosen = (getattr(request, "cookies", None) or {}).get(COOKIE)
    except Exception:  # a request object without cookies (an API call built by hand)
        chosen = None
    if chosen in LANGUAGES:
        return chosen
    headers = getattr(request, "headers", None) or {}
    return best_language(headers.get("accept-language"))


def switch_html() -> str:
    """The language switch in the header, wired by LANGUAGE_SCRIPT: a native select, which
    takes one short line (three links did not fit beside the title on a phone) and needs no
    script to open. Each name is written in its own language."""
    options = "".join(
        f'<option value="{code}" lang="{code}">{name}</option>' for code, name in NAMES.items()
    )
    # Its name in all three languages: whoever needs the switch cannot yet read the page.
    label = "Language · 语言 · 言語"
    return f'<select id="lang-switch" aria-label="{label}" title="{label}">{options}</select>'


# Runs as part of the page's head, which Gradio 6.31 mounts only after it has set its locale
# from the app's translations (Index-*.js: `await setupi18n(...)`, then the head): a locale
# set here is not overwritten. `changeLocale` is exported by Gradio's core-*.js module, the one
# its own Settings panel uses; importing the URL the page already loaded gives the same module
# instance (and so the same svelte-i18n store). Its URL carries a build hash, so it is found
# among the resources the page loaded (or its module preload links).
LANGUAGE_SCRIPT = """<script>
(() => {
  const LANGS = __LANGS__;
  const COOKIE = __COOKIE__, KEY = __KEY__;
  const TABS = __TABS__;  // {lang: {key: the tab's name}}
  // Words of HTML the app writes itself (the header): {lang: {key: word}}.
  const WORDS = __WORDS__;
  function fromBrowser() {
    // As services/messages.best_language: the first of the browser's languages we have.
    for (const tag of navigator.languages || [navigator.language || ""]) {
      const primary = String(tag).toLowerCase().split(/[-_]/)[0];
      if (primary === "zh") return "zh-CN";
      if (primary === "ja" || primary === "en") return primary;
    }
    return "en";
  }
  function saved() {
    try { const v = localStorage.getItem(KEY); return LANGS.includes(v) ? v : null; }
    catch (e) { return null; }
  }
  function coreUrl() {
    const urls = performance.getEntriesByType("resource").map((e) => e.name);
    document.querySelectorAll("link[rel=modulepreload]").forEach((l) => urls.push(l.href));
    return urls.find((u) => /\\/assets\\/core-[\\w-]+\\.js(\\?|$)/.test(u));
  }
  let core = null;
  async function gradioCore() {
    if (!core) {
      const url = coreUrl();
      if (!url) throw new Error("Gradio's core module was not found");
      core = await import(url);
    }
    return core;
  }
  // Gradio 6.31 redraws a tab's name only when the tab row redraws (a click): the names of
  // the tabs not shown would stay in the old language. Their text is changed here, in the
  // text node Gradio itself updates, so its next redraw writes the same word.
  function renameTabs(lang) {
    document.querySelectorAll("[role=tab]").forEach((tab) => {
      const walker = document.createTreeWalker(tab, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const word = node.data.trim();
        const key = Object.keys(TABS[lang]).find(
          (k) => LANGS.some((other) => TABS[other][k] === word));
        if (key) node.data = node.data.replace(word, TABS[lang][key]);
      }
    });
  }
  function translateHtml(lang) {
    document.querySelectorAll("[data-i18n]").forEach((el) => {
      const word = WORDS[lang][el.dataset.i18n];
      if (word) el.textContent = word;
    });
    document.querySelectorAll("[data-i18n-title]").forEach((el) => {
      const word = WORDS[lang][el.dataset.i18nTitle];
      if (word) el.title = word;
    });
  }
  // Gradio 6.31 heads a toast with its kind in English ("Error": the type, capitalised; no
  // title given to gr.Error is shown): the heading is written in the page's language as the
  // toast appears (the app's own title is the message's first line, ui/handlers.titled).
  const KINDS = ["error", "warning", "info", "success"];
  function headToasts(root) {
    const lang = document.documentElement.lang;
    if (!WORDS[lang]) return;
    root.querySelectorAll?.(".toast-title").forEach((title) => {
      const kind = KINDS.find((k) => title.classList.contains(k));
      const word = kind && WORDS[lang]["ui.toast." + kind];
      const node = title.firstChild;  // <span class="toast-title error">Error <!----></span>
      if (word && node && node.nodeType === Node.TEXT_NODE && node.data.trim() !== word) {
        node.data = word + " ";
      }
    });
    root.querySelectorAll?.(".toast-close").forEach((button) => {
      button.setAttribute("aria-label", WORDS[lang]["ui.toast.close"]);
    });
  }
  // Gradio 6.31 writes some accessible names and tooltips in English whatever the locale
  // ("Capture from camera", "Thumbnail 1 of 2", "number input for <label>"): each one known
  // is written in the page's language when it appears or changes (ATTRS: ui/i18n.py).
  const ATTRS = __ATTRS__;  // [[pattern, key], ...]: a whole-value regex and its words' key
  const NAMED = ["aria-label", "title"];
  function sayAttrs(el) {
    const lang = document.documentElement.lang;
    if (!WORDS[lang] || lang === "en") return;
    for (const name of NAMED) {
      const value = el.getAttribute?.(name);
      if (!value) continue;
      for (const [pattern, key] of ATTRS) {
        const found = new RegExp(pattern).exec(value);
        if (!found) continue;
        const word = WORDS[lang][key].replace(/\\{(\\w+)\\}/g, (_, n) => found.groups?.[n] ?? "");
        if (word !== value) el.setAttribute(name, word);
        break;
      }
    }
  }
  // And the status tracker's own text ("processing |", "queue: 1/2 |"), in text nodes.
  const TEXTS = __TEXTS__;
  function sayText(node) {
    const lang = document.documentElement.lang;
    if (!WORDS[lang] || lang === "en") return;
    const value = node.data.trim();
    for (const [pattern, key] of TEXTS) {
      const found = new RegExp(pattern).exec(value);
      if (!found) continue;
      const word = WORDS[lang][key].replace(/\\{(\\w+)\\}/g, (_, n) => found.groups?.[n] ?? "");
      if (word !== value) node.data = word;
      return;
    }
  }
  function sayAllAttrs(root) {
    if (root.nodeType === Node.TEXT_NODE) return sayText(root);
    if (root.nodeType !== Node.ELEMENT_NODE) return;
    sayAttrs(root);
    root.querySelectorAll("[aria-label], [title]").forEach(sayAttrs);
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (n.data.includes(" |")) sayText(n);  // cheap test first: both end with " |"
    }
  }
  new MutationObserver((changes) => {
    for (const change of changes) {
      if (change.type === "attributes") sayAttrs(change.target);
      else if (change.type === "characterData") sayText(change.target);
      else change.addedNodes.forEach(sayAllAttrs);
    }
  }).observe(document.documentElement, {
    childList: true, subtree: true, characterData: true,
    attributes: true, attributeFilter: NAMED,
  });
  new MutationObserver((changes) => {
    for (const change of changes) {
      for (const added of change.addedNodes) {
        if (added.nodeType === Node.ELEMENT_NODE) headToasts(added.parentElement || added);
      }
    }
  }).observe(document.documentElement, { childList: true, subtree: true });
  function mark(lang) {
    translateHtml(lang);
    sayAllAttrs(document.body);
    const select = document.querySelector("#lang-switch");
    if (select) select.value = lang;
  }
  async function apply(lang, remember) {
    if (!LANGS.includes(lang)) return;
    if (remember) { try { localStorage.setItem(KEY, lang); } catch (e) { /* private mode */ } }
    // The server renders toasts and status lines in this language (ui/i18n.language_of).
    document.cookie = COOKIE + "=" + lang + "; path=/; max-age=31536000; SameSite=Lax";
    document.documentElement.lang = lang;
    mark(lang);
    try {
      (await gradioCore()).changeLocale(lang);
      renameTabs(lang);
      document.documentElement.dataset.locale = lang;  // applied: tests wait on it
      // The server's words on the page (ui/layout.py: #lang-refresh), now in this language.
      if (remember) document.querySelector("#lang-refresh")?.click();
    } catch (e) {
      console.error("language switch:", e);
    }
  }
  document.addEventListener("change", (event) => {
    if (event.target.id === "lang-switch") apply(event.target.value, true);
  });
  // The header is drawn after this script runs: mark the current choice once it is there.
  const current = saved() || fromBrowser();
  const marking = setInterval(() => {
    if (document.querySelector("#lang-switch")) { mark(current); clearInterval(marking); }
  }, 50);
  apply(current, false);
})();
</script>"""


def language_script() -> str:
    return (
        LANGUAGE_SCRIPT.replace("__LANGS__", json.dumps(list(LANGUAGES)))
        .replace("__COOKIE__", json.dumps(COOKIE))
        .replace("__KEY__", json.dumps(STORAGE_KEY))
        .replace("__TABS__", _js(tab_names()))
        .replace("__WORDS__", _js(html_words()))
        .replace("__ATTRS__", _js([[pattern, key] for pattern, key in ATTRS]))
        .replace("__TEXTS__", _js([[pattern, key] for pattern, key in TEXTS]))
    )


def _js(value: object) -> str:
    return json.dumps(value, ensure_ascii=False).replace("</", "<\\/")


# The keys of words in HTML the app writes (data-i18n, data-i18n-title): ui/layout.py's header.
HTML_KEYS = (
    "ui.demo.badge",
    "ui.demo.title",
    # Toast headings, which Gradio writes in English (LANGUAGE_SCRIPT's headToasts)
    "ui.toast.error",
    "ui.toast.warning",
    "ui.toast.info",
    "ui.toast.success",
    "ui.toast.close",
)


# Gradio's English accessible names and tooltips (no key of its own to translate them by):
# a regex for the whole value (named groups fill the words' {fields}) and the catalogue key.
ATTRS = (
    ("^Capture from camera$", "attr.camera"),
    ("^Paste from clipboard$", "attr.clipboard"),
    ("^Upload file$", "attr.upload"),
    ("^Click to upload or drop files$", "attr.drop"),
    ("^Empty value$", "attr.empty"),
    ("^Reset to default value$", "attr.reset"),
    ("^detailed view of selected image$", "attr.detail_view"),
    ("^Thumbnail (?<index>\\d+) of (?<count>\\d+)$", "attr.thumbnail"),
    ("^number input for (?<label>.+)$", "attr.number_for"),
    ("^range slider for (?<label>.+)$", "attr.slider_for"),
    ("^Fullscreen$", "attr.fullscreen"),
    ("^Exit fullscreen mode$", "attr.exit_fullscreen"),
    ("^Remove Image$", "attr.remove_image"),
    ("^Close$", "attr.close"),
    ("^Download$", "attr.download"),
    ("^Share$", "attr.share"),
    ("^Clear$", "attr.clear"),
    ("^[Uu]ndo$", "attr.undo"),
    ("^[Rr]edo$", "attr.redo"),
    ("^Dropdown$", "attr.dropdown"),
    ("^Textbox$", "attr.textbox"),
    ("^Gradio footer navigation$", "attr.footer"),
)


# Gradio's status tracker text, the same way (whole text of one text node).
TEXTS = (
    ("^processing \\|$", "attr.processing"),
    ("^queue: (?<position>\\d+)/(?<size>\\d*) \\|$", "attr.queue"),
)


def html_words() -> dict[str, dict[str, str]]:
    keys = (*HTML_KEYS, *(key for _, key in ATTRS), *(key for _, key in TEXTS))
    return {lang: {k: CATALOGUES[lang][k] for k in keys} for lang in LANGUAGES}


def tab_names() -> dict[str, dict[str, str]]:
    return {
        lang: {k: v for k, v in _static(lang).items() if k.startswith("ui.tab.")}
        for lang in LANGUAGES
    }
