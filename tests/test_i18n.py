"""ui/i18n.py without a browser: which language a request reads in, and what gr.I18n gets."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from services.messages import CATALOGUES, LANGUAGES
from services.validation import SEED_MAX
from ui.i18n import I18N, language_of, language_script, t


def request(cookie: str | None = None, accept: str | None = None):
    cookies = {} if cookie is None else {"qwen_lang": cookie}
    headers = {} if accept is None else {"accept-language": accept}
    return SimpleNamespace(cookies=cookies, headers=headers)


def test_the_switch_cookie_beats_the_browser_header():
    assert language_of(request("ja", "zh-CN,zh;q=0.9")) == "ja"
    assert language_of(request("en", "ja-JP,ja;q=0.9")) == "en"
    assert language_of(request("zh-CN", "en-US")) == "zh-CN"


def test_the_header_when_there_is_no_cookie_and_english_when_unknown():
    assert language_of(request(accept="ja-JP,ja;q=0.9,en;q=0.8")) == "ja"
    assert language_of(request(accept="zh-TW,zh;q=0.9")) == "zh-CN"
    assert language_of(request(accept="fr-FR,fr;q=0.9")) == "en"
    assert language_of(request("fr", "de")) == "en"  # a cookie we did not set: ignored
    assert language_of(request()) == "en"
    assert language_of(None) == "en"


def test_every_language_gets_every_static_word_under_gradios_locale_codes():
    translations = I18N.translations_dict
    # Gradio's frontend names its locales en, zh-CN and ja (lang/*.json); "zh" catches zh-TW.
    assert set(translations) == {*LANGUAGES, "zh"}
    english = translations["en"]
    assert len(english) > 60
    for lang in LANGUAGES:
        assert set(translations[lang]) == set(english), lang
        # No parameters in our words; Gradio's own keys (ui/i18n.py _made) keep its ICU fields
        ours = {k: v for k, v in translations[lang].items() if k.startswith("ui.")}
        assert all("{" not in word for word in ours.values())
    assert translations["ja"]["ui.run"] == "編集" and translations["zh-CN"]["ui.run"] == "编辑"
    assert translations["zh"] == translations["zh-CN"]


def test_a_missing_key_fails_when_the_page_is_built():
    assert t("ui.run").key == "ui.run"
    with pytest.raises(KeyError):
        t("ui.no_such_word")


def test_the_seed_range_written_out_in_each_language_is_the_services():
    for lang in LANGUAGES:
        assert str(SEED_MAX) in CATALOGUES[lang]["ui.seed.info"], lang


def test_the_head_script_knows_the_languages_and_the_cookie():
    script = language_script()
    assert '["en", "zh-CN", "ja"]' in script and '"qwen_lang"' in script
    assert "__" not in script.replace("__proto__", "")  # every placeholder filled


def test_the_status_line_in_japanese_keeps_the_values_as_text():
    from services.types import CostEstimate, EditResult, Usage
    from ui import handlers

    result = EditResult(
        images=(),
        request_id="req-*1*",
        seed=42,
        usage=Usage(1024, 768, 1),
        elapsed_s=1.5,
        cost=CostEstimate(0.03, 1, 0.03, "singapore"),
        model="qwen-image-edit-plus",
        region="singapore",
        warnings=(),
        entry_id="e1",
    )
    status = handlers.status_text(result, lang="ja")
    assert status.startswith("**1&#46;5 秒で完了**")
    assert "シード <code>42</code>" in status and "履歴に保存しました" in status
    assert "リクエスト <code>req&#45;&#42;1&#42;</code>" in status  # the id, as text
    assert "Done in" not in handlers.status_text(result, lang="zh-CN")


def test_the_translation_notice_names_the_language_in_the_readers_language():
    from services.language import LANGUAGES as DETECTED
    from ui.translate_panel import notice_text

    for code, (name, _) in DETECTED.items():  # English: the detector's own names
        assert CATALOGUES["en"][f"lang.{code}"] == name
    assert "The instruction looks Japanese" in notice_text("ja")
    assert "日本語のようです" in notice_text("ja", "ja")
    assert "提示词似乎是韩文" in notice_text("ko", "zh-CN")
    assert "中国語・英語以外" in notice_text("und", "ja")


def test_gradios_own_words_and_the_model_names_are_given_in_every_language():
    """Words Gradio shows in English in Chinese and Japanese pages (its catalogues lack them)
    are given under its own keys; the names of its English tooltips and accessible names are
    in the head script's words; a snapshot's name says "snapshot" in the page's language."""
    from ui.i18n import ATTRS, TEXTS, html_words, model_choices

    translations = I18N.translations_dict
    for lang in LANGUAGES:
        assert translations[lang]["image_editor.brush_size"].strip()
        assert translations[lang]["common.complete"].strip()
        words = html_words()[lang]
        assert all(words[key].strip() for _, key in (*ATTRS, *TEXTS))
    assert translations["ja"]["image_editor.clear_canvas"] == "キャンバスを消去"
    assert (
        translations["zh-CN"]["status.queue_position"] == "排队中：第 {position} 位，共 {size} 位"
    )
    assert html_words()["ja"]["attr.thumbnail"] == "サムネイル {index} / {count}"
    name = "qwen-image-edit-plus-2025-12-15"
    assert translations["ja"][f"ui.model.name.{name}"] == (
        "Qwen Image Edit Plus（2025-12-15 スナップショット）"
    )
    assert (
        translations["en"][f"ui.model.name.{name}"] == "Qwen Image Edit Plus (2025-12-15 snapshot)"
    )
    assert [value for _, value in model_choices()][0] == "qwen-image-edit-plus"
    # The Help tab is one key (Gradio translates one per string): the guide and the table.
    assert "| モデル | 出力枚数 |" in translations["ja"]["ui.help.page"]
    assert "| model | outputs |" in translations["en"]["ui.help.page"]
