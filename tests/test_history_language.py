"""The History tab's words in each language (issue 13): captions, details, the page and choice
lines, failures and the Help text render in English as before, and in Chinese and Japanese
with no English word left but names (model ids, units, API, PNG, zip, request ids)."""

from __future__ import annotations

import re
import time
from dataclasses import replace

import pytest

from services.history import HistoryStore, NewEntry, new_user_id
from services.messages import CATALOGUES, LANGUAGES
from ui import examples
from ui import history_view as hv
from ui.layout import help_text

OTHERS = [lang for lang in LANGUAGES if lang != "en"]
# Words that stay as they are in every language: names, units, formats.
NAMES = {
    "api", "id", "png", "zip", "qwen", "dashscope", "alibaba", "model", "studio", "mt", "jpeg",
    "bmp", "tiff", "webp", "gif", "heic", "mb", "px", "cny", "usd", "hello", "plus", "max",
    "edit", "image", "key", "qwen-image-edit-plus", "req", "mask",
}  # fmt: skip
KEYS = [
    key
    for key in CATALOGUES["en"]
    if key.startswith(("history.", "ui.history.", "example.", "ui.help."))
]


def english_words(said: str) -> set[str]:
    """Latin words of three letters or more that are not names (code spans, links and
    {fields} left out)."""
    said = re.sub(r"<code>.*?</code>|`[^`]*`|\{[^}]*\}|&#\d+;", " ", said)
    words = {w.lower() for w in re.findall(r"[A-Za-z][A-Za-z-]{2,}", said)}
    return {w for w in words if w not in NAMES and not w.startswith("qwen")}


@pytest.fixture
def shown(tmp_path):
    store = HistoryStore(tmp_path / "history").open()
    user = new_user_id()
    out = tmp_path / "out.png"
    out.write_bytes(b"\x89PNG\r\n\x1a\n")
    saved = store.record(
        user,
        NewEntry(
            model="qwen-image-edit-plus",
            region="singapore",
            prompt="make the sky a warm sunset",
            negative_prompt="blur",
            parameters={
                "n": 2,
                "seed": 7,
                "size": "1024*768",
                "prompt_extend": True,
                "watermark": False,
            },
            inputs=[],
            request_id="req-1",
            seed=7,
            usage={"width": 32, "height": 32, "image_count": 2},
            cost_usd=0.06,
            warnings=[],
            timings={"service_s": 1.5},
            status="ok",
            outputs=[],
        ),
    )
    return replace(saved, created=time.mktime((2025, 11, 27, 14, 5, 0, 0, 0, -1)))


def test_every_new_template_is_translated():
    for lang in OTHERS:
        for key in KEYS:
            said = CATALOGUES[lang][key]
            assert not english_words(said), (lang, key, english_words(said))


@pytest.mark.parametrize("lang", OTHERS)
def test_details_and_captions_render_without_english(shown, lang):
    failed = replace(
        shown,
        status="failed",
        error_code="Throttling.RateQuota",
        error_message="",
        pending_urls=["https://example.com/a.png"],
    )
    now = time.mktime((2025, 12, 1, 9, 0, 0, 0, 0, -1))
    for entry in (shown, failed):
        details = hv.describe(entry, lang)
        # The instruction and the negative prompt are the user's words: left out of the check.
        details = details.replace(hv.text.markdown(entry.prompt), "")
        details = details.replace(hv.text.markdown(entry.negative_prompt), "")
        assert not english_words(details), (lang, details)
        caption = hv.tile_caption(replace(entry, prompt="空"), now=now, lang=lang)
        assert not english_words(caption), (lang, caption)
        assert "11月27日" in caption
    said = [
        hv.page_line(2, 21, 500, False, lang),
        hv.page_line(1, 1, 1, True, lang),
        hv.page_line(1, 1, 0, False, lang),
        hv.page_line(1, 1, 0, True, lang),
        hv.chosen_line(3, True, lang),
        hv.chosen_line(0, True, lang),
        hv.failure_words("ResultDownloadFailed", lang),
        hv.failure_words("SomethingNew", lang),
        hv.when(shown.created, lang),
    ]
    for line in said:
        assert not english_words(line), (lang, line)
    assert hv.when(shown.created, lang) == "2025年11月27日 14:05"


def test_english_reads_as_before(shown):
    details = hv.describe(shown)
    assert details.startswith("**Succeeded** · 27 Nov 2025&#44; 14&#58;05 · ")
    assert "Singapore" in details and "seed <code>7</code>" in details
    assert "prompt rewriting on · watermark off" in details
    assert "Negative: <em>blur</em>" in details
    assert hv.when(shown.created) == "27 Nov 2025, 14:05"
    assert hv.page_line(2, 21, 500, False) == "Page 2 of 21 · 500 edits, newest first"


def test_examples_load_an_instruction_the_models_read():
    coffee = examples.EXAMPLES[0]
    assert examples.prompt_for(coffee, "en") == coffee.prompt
    assert examples.prompt_for(coffee, "ja") == coffee.prompt  # no Japanese for the models
    assert examples.prompt_for(coffee, "zh-CN") == CATALOGUES["zh-CN"]["example.coffee"]
    label, name = examples.example_names("ja")[0]
    assert label.startswith("例 1 を読み込む") and name == CATALOGUES["ja"]["example.coffee"]
    assert examples.example_names("en")[0] == [f"Load example 1: {coffee.prompt}", coffee.prompt]


@pytest.mark.parametrize("lang", OTHERS)
def test_help_is_translated_with_its_model_table(lang):
    shown = help_text(lang)
    assert not english_words(shown.replace("Model Studio", "")) - {"token"}, english_words(shown)
    assert "| `qwen-image-edit-plus` | 1-6 |" in shown  # ids and figures as they are
    assert help_text("en").startswith("Edit up to three images with one instruction")
    english = help_text("en")
    assert "| model | outputs | custom size |" in english and "(assumed)" in english
