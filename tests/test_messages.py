"""The message catalogue: complete in every language, used correctly by the code, rendered
in the reader's language without ever showing a key."""

from __future__ import annotations

import ast
import json
import re
import string
from pathlib import Path

import pytest

from services.config import Settings
from services.errors import SERVICE_SAID, EditorError, ImageInputError, ValidationError
from services.identity import Identities, IdentityError
from services.imaging import prepare_image
from services.messages import (
    CATALOGUES,
    LANGUAGES,
    Message,
    Translatable,
    best_language,
    join,
    msg,
    render,
    text,
)
from services.models import MODELS
from services.regions import REGIONS
from services.types import EditRequest
from services.validation import validate

ROOT = Path(__file__).resolve().parent.parent
# The modules whose words live in the catalogue.
CONVERTED = [
    ROOT / "services" / name
    for name in (
        "errors.py",
        "validation.py",
        "imaging.py",
        "results.py",
        "image_urls.py",
        "spending.py",
        "identity.py",
        "fairness.py",
        "ratelimit.py",
        "config.py",
        "regions.py",
        "models.py",
        "editing.py",
        "backends/dashscope.py",
        "history/records.py",
        "history/export.py",
        "history/recovery.py",
        "history/retention.py",
        "history/store.py",
    )
] + [
    ROOT / "services" / "region_edit" / name
    for name in ("__init__.py", "crop.py", "align.py", "step.py")
]
PREFIXES = (
    "error.",
    "hint.",
    "field.",
    "warning.",
    "allowed.",
    "label.",
    "term.",
    "looks.",
    "part.",
    "spending.",
    "unsure.",
    "model.",
    "region.",
    "value.",
    "list.",
)
ENGLISH = CATALOGUES["en"]


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def test_every_language_has_every_key_with_the_same_parameters():
    assert set(CATALOGUES) == set(LANGUAGES)
    for lang, catalogue in CATALOGUES.items():
        assert set(catalogue) == set(ENGLISH), lang
        for key, template in catalogue.items():
            assert template.strip(), (lang, key)
            if key == SERVICE_SAID and lang != "en":
                # The service's English words: quoted in English, named by their code in the
                # other languages (services/errors.py).
                assert fields(template) == {"code"}, (lang, key)
            else:
                assert fields(template) == fields(ENGLISH[key]), (lang, key)


def test_translations_are_translated():
    """A few sentences that must not have been left in English."""
    for lang in ("ja", "zh-CN"):
        for key in ("error.validation.value", "hint.prompt.empty", "error.download.slow"):
            assert CATALOGUES[lang][key] != ENGLISH[key], (lang, key)


def _literal_calls(tree: ast.AST):
    """(key, keyword names or None when **kwargs is passed) for msg("key", ...) and
    Message("key", {...}) calls with a literal key."""
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        name = getattr(node.func, "id", getattr(node.func, "attr", ""))
        first = node.args[0]
        if name not in ("msg", "Message", "_note") or not isinstance(first, ast.Constant):
            continue
        if name == "Message":
            params = node.args[1] if len(node.args) > 1 else None
            if params is None:
                yield first.value, set()
            elif isinstance(params, ast.Dict) and all(
                isinstance(k, ast.Constant) for k in params.keys
            ):
                yield first.value, {k.value for k in params.keys}
            continue
        if any(k.arg is None for k in node.keywords):
            yield first.value, None
        else:
            yield first.value, {k.arg for k in node.keywords}


def test_every_key_the_code_uses_is_in_the_catalogue_with_its_parameters():
    used: set[str] = set()
    for path in CONVERTED:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and node.value.startswith(PREFIXES)
                and " " not in node.value
                and "." in node.value.rstrip(".")
            ):
                used.add(node.value)
                assert node.value in ENGLISH, f"{path.name}: {node.value!r} is not a key"
        for key, names in _literal_calls(tree):
            if names is not None and key in ENGLISH:
                assert names == fields(ENGLISH[key]), f"{path.name}: {key} given {names}"
    assert len(used) > 100  # the scan really saw the converted code


def test_model_and_region_words_are_in_the_catalogue():
    for spec in MODELS.values():
        for said in (spec.note, *spec.unsure, spec.rate_text()):
            assert isinstance(said, Translatable) and said.message.key in ENGLISH
        if spec.size is not None:
            assert spec.size.describe().message.key in ENGLISH
    for region in REGIONS.values():
        assert region.label.message.key in ENGLISH
        assert region.console_hint.message.key in ENGLISH
    assert render(REGIONS["beijing"].label, "zh-CN") == "北京（中国内地）"


def test_validation_error_carries_kind_and_params_and_renders_in_each_language():
    with pytest.raises(ValidationError) as caught:
        validate(EditRequest(images=(b"x",), prompt="sky", n=7))
    err = caught.value
    assert err.kind == "error.validation.value_allowed"
    assert err.params == {
        "field": Message("field.n"),
        "value": "7",
        "allowed": msg("allowed.n_range", low=1, high=6, model="qwen-image-edit-plus"),
    }
    assert (err.field, err.value) == ("n", 7)
    assert err.message == (
        "The number of outputs cannot be 7. Allowed: a whole number from 1 to 6 for "
        "qwen-image-edit-plus."
    )
    ja, zh = err.render("ja"), err.render("zh-CN")
    assert ja.startswith("出力画像数に 7 は指定できません。") and "1〜6 の整数" in ja
    assert zh.startswith("输出图像数量不能为 7。") and "1 至 6 的整数" in zh
    assert err.render("fr") == err.user_text()  # a language we do not have: English


def test_empty_prompt_and_bool_values_are_translated():
    with pytest.raises(ValidationError) as caught:
        validate(EditRequest(images=(b"x",), prompt="  "))
    err = caught.value
    assert (err.kind, err.hint_kind) == ("error.validation.empty", "hint.prompt.empty")
    assert (
        err.render("ja")
        == "プロンプトが空です。編集内容を記述してください。例: 「空を夕焼けにする」。"
    )
    with pytest.raises(ValidationError) as caught:
        validate(
            EditRequest(images=(b"x",), prompt="sky", model="qwen-image-edit", prompt_extend=True)
        )
    err = caught.value
    assert err.params["value"] == Message("value.on")
    assert "オン" in err.render("ja") and "开启" in err.render("zh-CN")
    assert err.message.startswith("Prompt rewriting (prompt_extend) cannot be on.")


def test_errors_built_from_kinds_and_from_strings():
    err = EditorError(
        kind="error.download.http", params={"status": 503}, hint_kind="hint.download.retry"
    )
    assert (err.kind, err.params, err.hint_kind, err.hint_params) == (
        "error.download.http",
        {"status": 503},
        "hint.download.retry",
        {},
    )
    assert str(err) == (
        "Downloading an output failed (HTTP 503). Try again in a moment; result links live "
        "24 hours."
    )
    assert err.render("ja") == (
        "出力画像のダウンロードに失敗しました (HTTP 503)。しばらくしてからもう一度お試しください。"
        "結果のリンクは 24 時間有効です。"
    )
    old = EditorError("Something broke.", "Try again.", request_id="r-1")
    assert (old.kind, old.params, old.hint_kind) == (
        "verbatim",
        {"text": "Something broke."},
        "verbatim",
    )
    assert old.render("zh-CN") == "Something broke.Try again.（请求 ID：r-1）"
    old.message += " (tried 3 times)"  # what unconverted code does: still works
    assert old.user_text() == "Something broke. (tried 3 times) Try again. (request id r-1)"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_render_never_shows_a_key(lang):
    key = "sk-" + "0123456789abcdef" * 2
    nested = msg("error.url.no_host", label=msg("label.image", index=2), url=f"http://{key}@")
    errors = [
        EditorError(nested, msg("hint.url.give")),
        ValidationError("region", key, join([key, "beijing"], last="list.or")),
        EditorError(f"bad {key}", f"Bearer {key}", request_id="r"),
    ]
    for err in errors:
        shown = err.render(lang)
        assert "sk-0123" not in shown and "[redacted]" in shown, shown
        assert "sk-0123" not in err.user_text()


def test_image_errors_and_notes_carry_kinds(tmp_path):
    with pytest.raises(ImageInputError) as caught:
        prepare_image(b"", index=2)
    err = caught.value
    assert (err.kind, err.params) == (
        "error.image.zero_bytes",
        {"label": msg("label.image", index=2)},
    )
    assert err.message == "Image 2 is empty (0 bytes)."
    assert err.render("ja").startswith("画像 2が空です (0 バイト)。")
    with pytest.raises(ImageInputError) as caught:
        prepare_image(b"<html><body>nope</body></html>", index=1)
    assert caught.value.hint_kind == "hint.image.looks_like"
    assert "ウェブページ (HTML)" in caught.value.render("ja")
    assert "JPEG、PNG、BMP、TIFF、WEBP、GIF、HEIC" in caught.value.render("ja")
    assert "JPEG、PNG、BMP、TIFF、WEBP、GIF和HEIC" in caught.value.render("zh-CN")
    prepared = prepare_image("https://example.com/ü.png")
    (note,) = prepared.warnings
    assert isinstance(note, Translatable) and note.message.key == "warning.image.url_encoded"
    assert note.startswith("Image 1's URL had characters that must be percent-encoded")
    assert render(note, "zh-CN").startswith("图像1的 URL 含有需要百分号编码的字符")
    assert json.loads(json.dumps([note])) == [str(note)]  # stored as its English words


def test_other_services_raise_kinds(tmp_path):
    with pytest.raises(IdentityError) as caught:
        Identities("s" * 32).verify("h1~forged-id-1~" + "0" * 32)
    assert (caught.value.kind, caught.value.hint_kind) == (
        "error.identity.refused",
        "hint.identity.refused",
    )
    settings = Settings(data_dir=tmp_path)
    with pytest.raises(EditorError) as caught:
        settings.credentials("")
    assert (caught.value.kind, caught.value.hint_kind) == (
        "error.auth.missing",
        "hint.auth.missing",
    )
    with pytest.raises(ValidationError) as caught:
        settings.credentials("sk-abcdefgh", region="moon")
    assert caught.value.message == "The region cannot be 'moon'. Allowed: singapore or beijing."
    assert "singapore或beijing" in caught.value.render("zh-CN")


def test_text_and_nested_messages_use_one_language():
    assert text("field.n", "ja") == "出力画像数"
    assert text("field.n", "xx") == "The number of outputs"
    said = msg("error.validation.value", field=msg("field.seed"), value="-1")
    assert render(said, "zh-CN") == "随机数种子不能为 -1。"
    assert render(join(["a", "b", "c"]), "en") == "a, b and c"
    assert render(join(["a", "b"], last="list.or"), "ja") == "a または b"
    assert join([]) == "" and join(["only"]) == "only"


@pytest.mark.parametrize(
    "value, expected",
    [
        ("ja-JP", "ja"),
        ("ja", "ja"),
        ("zh-CN,zh;q=0.9", "zh-CN"),
        ("zh-TW", "zh-CN"),
        ("zh_Hans_CN", "zh-CN"),
        ("fr", "en"),
        ("fr-FR,ja;q=0.8,en;q=0.5", "ja"),
        ("en-US,en;q=0.9,ja;q=0.8", "en"),
        ("de;q=1.0, ja;q=0.3, zh;q=0.7", "zh-CN"),
        ("ja;q=0, en;q=0.5", "en"),
        ("EN-gb", "en"),
        ("", "en"),
        (None, "en"),
        ("*", "en"),
        ("ja;q=abc", "ja"),  # a weight that is not a number counts as 1
    ],
)
def test_best_language(value, expected):
    assert best_language(value) == expected


def test_the_services_english_is_not_shown_in_chinese_or_japanese():
    """An error quoting the DashScope service's English message names its error code in
    Chinese and Japanese: our words and a name, no English sentence. Its kind and parameters
    stay as raised; the quote becomes a term.service_said Message where the words are made."""
    from services.backends.dashscope import map_error

    said = "Parameter size must be in [512*512, 2048*2048], got 10*10."
    err = map_error(400, "InvalidParameter", said, "req-1")
    assert (err.kind, err.params, err.code) == (
        "error.service.parameter",
        {"said": said},
        "InvalidParameter",
    )
    quoted = {"key": SERVICE_SAID, "params": {"said": said, "code": "InvalidParameter"}}
    assert err.data()["params"] == {"said": quoted}  # what History keeps
    assert said in err.user_text()  # English readers still get the service's own words
    assert err.render("ja").startswith(
        "サービスがパラメーターを拒否しました（エラーコード: InvalidParameter）。"
    )
    assert err.render("zh-CN").startswith("服务拒绝了一个参数（错误代码：InvalidParameter）。")
    for lang in ("ja", "zh-CN"):
        shown = err.render(lang)
        latin = set(re.findall(r"[A-Za-z]{2,}", shown))
        assert latin <= {"InvalidParameter", "req", "ID", "id"}, (lang, shown)
    # Wrapped in another message ("… (tried 3 times)"), the quote is found all the same.
    err.message = msg("error.edit.tried", message=err.message_obj, attempts=3)
    assert "Parameter size" not in err.render("ja") and "InvalidParameter" in err.render("ja")
    # Our own words in the quote's place (an HTML page) are shown in every language.
    page = map_error(400, "BadRequest.Other", "<!doctype html>", "r-3")
    assert "HTML のエラーページ" in page.render("ja")
    # Every key that quotes the service is covered: its quote goes through term.service_said.
    for key, template in ENGLISH.items():
        if "{said}" in template and key != SERVICE_SAID:
            assert key.startswith("error.service."), key
