"""The History and Help tabs and the examples in the reader's language, in Chromium (issue 13):
a Japanese browser makes an edit and reads its History (labels, the page line, the tile's
caption, the details) and the Help tab in Japanese; a Chinese one reads the page line in
Chinese. The examples load an instruction the models understand: Chinese for a Chinese reader,
English for a Japanese one (named in Japanese)."""

from __future__ import annotations

import pytest

from tests.support import ROOT, close_app, launch_app, wait_until_loaded, watch_failures

pytestmark = pytest.mark.browser
PHOTO = ROOT / "assets" / "examples" / "coffee.jpg"


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    launched = launch_app(tmp_path_factory.mktemp("language-history"), demo=True)
    yield launched
    close_app(launched)


@pytest.fixture
def open_page(browser, app):
    contexts, failures = [], []

    def open_in(locale: str):
        context = browser.new_context(locale=locale, viewport={"width": 1440, "height": 900})
        contexts.append(context)
        page = context.new_page()
        failures.append(watch_failures(page, app.url))
        page.goto(app.url)
        wait_until_loaded(page)
        page.wait_for_selector("html[data-locale]", state="attached")
        return page

    yield open_in
    for context in contexts:
        context.close()
    assert not [f for found in failures for f in found]


def edit(page, prompt: str, saved: str) -> None:
    page.locator("#image1 input[type=file]").set_input_files(str(PHOTO))
    page.locator("#image1 img").first.wait_for()
    page.locator("#prompt textarea").fill(prompt)
    page.locator("#run").click()
    page.wait_for_function(
        "w => document.querySelector('#status').innerText.includes(w)", arg=saved, timeout=30_000
    )


def inner(page, selector: str) -> str:
    return page.locator(selector).first.inner_text()


def wait_text(page, selector: str, words: str) -> None:
    page.wait_for_function(
        "([s, w]) => { const el = document.querySelector(s);"
        " return el && el.innerText.includes(w); }",
        arg=[selector, words],
        timeout=10_000,
    )


def test_history_and_help_read_in_japanese(open_page):
    page = open_page("ja-JP")
    edit(page, "make the cup blue", "履歴に保存しました")
    page.get_by_role("tab", name="履歴").click()
    wait_text(page, "#history-page", "1 / 1 ページ · 1 件の編集（新しい順）")
    # Static words, looked up in the browser.
    assert inner(page, "#history-refresh").strip() == "更新"
    assert inner(page, "#history-export-all").strip() == "すべてエクスポート"
    assert inner(page, "#history-delete-all").strip() == "すべて削除"
    assert "複数選択" in inner(page, "#history-select-mode")
    assert (
        page.locator("#history-search textarea, #history-search input").first.get_attribute(
            "placeholder"
        )
        == "プロンプトを検索…"
    )
    assert inner(page, "#history-restore").strip() == "エディターに復元"
    assert "編集を選ぶと詳細が表示されます" in inner(page, "#history-details")
    # Words the server writes: the totals, the choice line, the tile's caption.
    assert "**" not in inner(page, "#history-totals") and "本日" in inner(page, "#history-totals")
    assert "複数選択" in inner(page, "#history-chosen")
    tile = page.locator("#history-gallery .thumbnail-item").first
    caption = tile.locator(".caption-label").inner_text()
    assert "月" in caption and "日" in caption and "make the cup blue" in caption
    assert not any(m in caption for m in ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul",
                                          "Aug", "Sep", "Oct", "Nov", "Dec"))  # fmt: skip
    tile.click()
    wait_text(page, "#history-details", "成功")
    details = inner(page, "#history-details")
    for word in ("シード", "ウォーターマーク", "サポート用: リクエスト"):
        assert word in details, (word, details)
    for word in ("Succeeded", "seed", "watermark", "For support"):
        assert word not in details, (word, details)
    page.get_by_role("tab", name="ヘルプ").click()
    wait_text(page, "#help", "使い方")
    help_text = inner(page, "#help")
    assert "サービスの制限" in help_text and "How to use" not in help_text
    assert "qwen-image-edit-plus" in help_text  # the model table stays (names, figures)


def test_the_history_page_line_reads_in_chinese(open_page):
    page = open_page("zh-CN")
    edit(page, "make the cup blue", "已保存到历史记录")
    page.get_by_role("tab", name="历史记录").click()
    wait_text(page, "#history-page", "第 1 / 1 页 · 共 1 条编辑，最新的在前")
    assert inner(page, "#history-refresh").strip() == "刷新"
    page.locator("#history-gallery .thumbnail-item").first.click()
    wait_text(page, "#history-details", "随机数种子")
    assert "水印" in inner(page, "#history-details")


@pytest.mark.parametrize(
    ("locale", "loaded", "named"),
    [
        ("zh-CN", "把咖啡变成一杯带树叶拉花的抹茶拿铁", "加载示例 1：把咖啡"),
        # The models read no Japanese: the English instruction, named in Japanese.
        ("ja-JP", "Turn the coffee into a matcha latte with leaf latte art", "例 1 を読み込む"),
        ("en-US", "Turn the coffee into a matcha latte with leaf latte art", "Load example 1: "),
    ],
)
def test_an_example_loads_an_instruction_the_models_understand(open_page, locale, loaded, named):
    page = open_page(locale)
    thumb = page.locator("#examples button.gallery-item").first
    thumb.wait_for()
    page.wait_for_function(
        "n => (document.querySelector('#examples button.gallery-item')"
        ".getAttribute('aria-label') || '').startsWith(n)",
        arg=named,
    )
    thumb.click()
    page.wait_for_function(
        "v => document.querySelector('#prompt textarea').value == v", arg=loaded, timeout=10_000
    )


def test_switching_the_language_rewrites_the_history_list(open_page):
    page = open_page("en-US")
    edit(page, "make the cup blue", "History")
    page.get_by_role("tab", name="History").click()
    wait_text(page, "#history-page", "Page 1 of 1 · 1 edit, newest first")
    page.locator("#lang-switch").select_option("ja")
    wait_text(page, "#history-page", "1 / 1 ページ · 1 件の編集（新しい順）")
    wait_text(page, "#history-refresh", "更新")
    caption = page.locator("#history-gallery .caption-label").first.inner_text()
    assert "月" in caption
