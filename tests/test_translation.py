"""Instructions in other languages (issue 13): the language guess, by a table and by
properties, and the Qwen-MT translation through the real `dashscope` SDK against the emulator
(nothing here mocks the SDK: every answer crosses a real HTTP connection)."""

from __future__ import annotations

import json
import re

import pytest
import requests
from hypothesis import given
from hypothesis import strategies as st

from services import errors as e
from services.backends.dashscope import DashScopeBackend
from services.config import Settings
from services.emulator.textgen import count_tokens
from services.language import _WORDS, UNDERSTOOD
from services.ratelimit import RateLimiter
from services.translation import (
    MODEL,
    PRICES,
    RATE_PER_S,
    TranslationRequest,
    TranslationService,
    detect_language,
    needs_translation,
)
from tests.support import ALL_TEST_KEYS

JAPANESE = "背景を夕焼けの空にしてください"

# -- the guess, by examples ------------------------------------------------------------------

EXAMPLES = [
    # Japanese: any kana, even among kanji or Latin words
    ("背景を青空にして", "ja"),
    ("猫に赤い帽子をかぶせて", "ja"),
    ("イラスト風にして", "ja"),
    ("make it look like ジブリ", "ja"),
    ("ｶﾀｶﾅ", "ja"),  # half-width katakana
    # Chinese: Han only, or Han outweighing a Latin brand name
    ("把背景换成蓝天", "zh"),
    ("讓貓戴上紅色的帽子", "zh"),  # traditional characters
    ("把女孩的衣服换成 Gucci 的风格", "zh"),
    ("青空", "zh"),  # kanji only: the known limit, it reads as Chinese
    # English, including a foreign word or name inside it
    ("Make the sky a sunset", "en"),
    ("make the girl wear a 旗袍", "en"),
    ('Add the text "Bienvenue" in the corner', "en"),
    ("Put Señor Gato on the left", "en"),
    ("replace the background with Das Boot poster", "en"),
    ("qwen", "en"),
    # Other Latin-script languages: function words and letters
    ("Mets un chapeau rouge sur le chat", "fr"),
    ("Ajoute des nuages dans le ciel", "fr"),
    ("Cambia el fondo a un atardecer", "es"),
    ("¿Puedes poner los gatos en la playa y el perro?", "es"),
    ("Mach den Hintergrund blau", "de"),
    ("Füge einen Hut hinzu", "de"),
    ("Rendi lo sfondo più scuro", "it"),
    ("Aggiungi il cielo nella foto", "it"),
    ("Coloque um chapéu no gato e mude o fundo", "pt"),
    ("Thay đổi nền thành màu xanh", "vi"),
    # Other scripts
    ("하늘을 파랗게 해 주세요", "ko"),
    ("Сделай небо синим", "ru"),
    ("اجعل السماء زرقاء", "ar"),
    ("הפוך את השמיים לכחולים", "he"),
    ("Κάνε τον ουρανό μπλε", "el"),
    ("ทำให้ท้องฟ้าเป็นสีฟ้า", "th"),
    ("आसमान को नीला करो", "hi"),
    ("ᏣᎳᎩ", "und"),  # Cherokee: letters of a script not in the table
    # No letters at all
    ("", None),
    ("   ", None),
    ("1024 * 768 !!", None),
    ("🙂🎨", None),
    ("・、。", None),  # CJK punctuation alone
]


@pytest.mark.parametrize(("text", "expected"), EXAMPLES)
def test_the_language_guess_for_each_example(text, expected):
    assert detect_language(text) == expected
    assert needs_translation(text) == (expected not in (None, "en", "zh"))


def test_no_function_word_is_counted_for_two_languages():
    words = list(_WORDS.items())
    for i, (code, mine) in enumerate(words):
        for other, theirs in words[i + 1 :]:
            assert not mine & theirs, (code, other, mine & theirs)


# -- the guess, by properties ----------------------------------------------------------------

KANA = st.characters(min_codepoint=0x3041, max_codepoint=0x3096)  # hiragana letters
HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
HANGUL = st.characters(min_codepoint=0xAC00, max_codepoint=0xD7A3)
NOT_LETTERS = st.text(st.characters(categories=["Nd", "P", "S", "Zs"]), max_size=40)
ENGLISH = st.lists(
    st.sampled_from(
        sorted(_WORDS["en"]) + ["sky", "cat", "hat", "sunset", "girl", "dress", "sea", "dog"]
    ),
    min_size=1,
    max_size=12,
).map(" ".join)


@given(st.text(max_size=60), KANA, st.integers(min_value=0))
def test_any_kana_letter_makes_it_japanese(text, kana, at):
    at %= len(text) + 1
    assert detect_language(text[:at] + kana + text[at:]) == "ja"


@given(st.lists(HAN, min_size=1, max_size=30).map("".join), NOT_LETTERS)
def test_han_alone_is_chinese(han, noise):
    assert detect_language(han + noise) == "zh"
    assert not needs_translation(noise + han)


@given(st.text(HANGUL, min_size=1, max_size=20), st.text(max_size=20))
def test_hangul_without_kana_is_korean(hangul, other):
    other = "".join(ch for ch in other if detect_language(ch) != "ja")
    assert detect_language(other + hangul) == "ko"


@given(NOT_LETTERS)
def test_no_letters_no_language(text):
    assert detect_language(text) is None
    assert not needs_translation(text)


@given(ENGLISH, NOT_LETTERS)
def test_english_words_are_english_whatever_the_punctuation(words, noise):
    assert detect_language(words + " " + noise) == "en"
    assert not needs_translation(words.capitalize() + ".")


@given(st.text(max_size=80), NOT_LETTERS)
def test_digits_punctuation_and_symbols_never_change_the_guess(text, noise):
    assert detect_language(text + " " + noise) == detect_language(text)
    assert detect_language(noise + " " + text) == detect_language(text)


@given(st.text(max_size=120))
def test_needs_translation_is_exactly_not_chinese_english_or_nothing(text):
    code = detect_language(text)  # never raises, for any text at all
    assert needs_translation(text) == (code is not None and code not in UNDERSTOOD)


# -- the service, through the real SDK, against the emulator ---------------------------------


class WatchedLimiter(RateLimiter):
    """The app's own limiter, recording how it was asked (scope, rate) before it waits."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.asked: list[tuple[str, float | None]] = []

    def reserve(self, api_key, *, scope="", rate_per_s=None):
        self.asked.append((scope, rate_per_s))
        return super().reserve(api_key, scope=scope, rate_per_s=rate_per_s)


@pytest.fixture
def settings(tmp_path, emulator):
    return Settings(data_dir=tmp_path, base_url=emulator.base_url, request_timeout_s=10)


@pytest.fixture
def translator(settings):
    return TranslationService(settings, DashScopeBackend(), WatchedLimiter(1000.0))


def test_a_japanese_instruction_is_translated_to_english_and_priced(
    translator, settings, emulator, test_key
):
    result = translator.translate(
        TranslationRequest(f"  {JAPANESE}\n"), settings.credentials(test_key)
    )

    (sent,) = emulator.translations
    assert sent.status == 200 and sent.model == MODEL == "qwen-mt-turbo"
    assert sent.text == JAPANESE  # trimmed, otherwise as typed
    assert sent.parameters["translation_options"] == {
        "source_lang": "Japanese",
        "target_lang": "English",
    }
    assert sent.parameters["result_format"] == "message"
    assert sent.headers["Authorization"] == "Bearer ***"
    assert emulator.requests == []  # the image endpoint saw nothing

    assert result.text == f"[EN translation of: {JAPANESE}]"
    assert (result.source_lang, result.target_lang) == ("ja", "en")
    assert result.input_tokens == count_tokens(JAPANESE)
    assert result.output_tokens == count_tokens(result.text)
    price = PRICES["singapore"]
    expected = (result.input_tokens * 0.16 + result.output_tokens * 0.49) / 1e6
    assert price.input_usd == 0.16 and price.output_usd == 0.49
    assert result.cost_usd == pytest.approx(expected)
    assert result.cost_cny is None  # the price is published in USD only
    assert result.request_id == sent.request_id
    described = result.describe_cost()
    assert f"{result.input_tokens} tokens in, {result.output_tokens} out" in described
    assert "$0.16 in / $0.49 out per million tokens" in described
    # The panel says the same figures in the reader's language (ui/translate_panel.py): in
    # English exactly as the service layer words them, in Japanese and Chinese no English.
    from ui.translate_panel import cost_text, describe_cost

    assert describe_cost(result, "en") == described
    ja, zh = describe_cost(result, "ja"), describe_cost(result, "zh-CN")
    assert f"入力 {result.input_tokens} トークン、出力 {result.output_tokens} トークン" in ja
    assert "100 万トークンあたり入力 $0.16 / 出力 $0.49" in ja and "シンガポール" in ja
    assert f"输入 {result.input_tokens} 个 Token" in zh and "每百万 Token 输入 $0.16" in zh
    for said in (ja, zh, cost_text(result, demo=True, lang="ja")):
        said = re.sub(r"<code>.*?</code>|<br>", " ", said)  # ids; the Markdown line breaks
        latin = {w.lower() for w in re.findall(r"[A-Za-z]+", said)}
        assert latin <= {"token", "model", "studio", "qwen", "mt", "turbo"}, latin
    # The app's limiter was asked first, for this model at its own rate (60 a minute).
    assert translator.limiter.asked == [(MODEL, RATE_PER_S)]


def test_to_chinese_in_beijing_with_the_source_left_to_the_service(
    translator, settings, emulator, test_key
):
    creds = settings.credentials(test_key, "beijing")
    result = translator.translate(TranslationRequest("Mets un chapeau rouge", "zh"), creds)
    (sent,) = emulator.translations
    # French is a guess from function words: the service is left to tell the source.
    assert sent.parameters["translation_options"] == {
        "source_lang": "auto",
        "target_lang": "Chinese",
    }
    assert result.text == "[ZH translation of: Mets un chapeau rouge]"
    expected = (result.input_tokens * 0.101 + result.output_tokens * 0.28) / 1e6
    assert result.cost_usd == pytest.approx(expected) and result.region == "beijing"


def test_a_wrong_key_is_a_typed_error_that_never_shows_the_key(translator, settings, emulator):
    wrong = ALL_TEST_KEYS[1]
    with pytest.raises(e.AuthenticationError) as caught:
        translator.translate(TranslationRequest(JAPANESE), settings.credentials(wrong))
    err = caught.value
    assert err.status == 401 and err.request_id == emulator.translations[-1].request_id
    assert err.message and err.hint
    for shown in (str(err), err.user_text(), err.message, err.hint, repr(err.args)):
        assert wrong not in shown


def test_a_rate_limited_answer_is_a_retryable_typed_error(translator, settings, emulator, test_key):
    emulator.inject("throttle", endpoint="text")
    with pytest.raises(e.RateLimitedError) as caught:
        translator.translate(TranslationRequest(JAPANESE), settings.credentials(test_key))
    assert caught.value.retryable and caught.value.status == 429
    assert "60 requests per minute" in caught.value.message  # Qwen-MT's limit, not an edit's
    (sent,) = emulator.translations
    assert (sent.status, sent.code, sent.fault) == (429, "Throttling.RateQuota", "throttle")
    # The next one goes through: the fault was for one request.
    assert translator.translate(TranslationRequest(JAPANESE), settings.credentials(test_key)).text


@pytest.mark.parametrize(
    ("fault", "error"),
    [
        ("no_output", e.MalformedResponseError),
        ("non_json", e.MalformedResponseError),
        ("server_error", e.ServiceUnavailableError),
    ],
)
def test_broken_answers_are_typed_errors(translator, settings, emulator, test_key, fault, error):
    emulator.inject(fault, endpoint="text")
    with pytest.raises(error) as caught:
        translator.translate(TranslationRequest(JAPANESE), settings.credentials(test_key))
    assert caught.value.message and caught.value.hint


def test_nothing_is_sent_for_an_empty_instruction(translator, settings, emulator, test_key):
    with pytest.raises(e.ValidationError) as caught:
        translator.translate(TranslationRequest("  \n "), settings.credentials(test_key))
    assert caught.value.field == "prompt" and caught.value.hint
    with pytest.raises(e.ValidationError):
        translator.translate(TranslationRequest(JAPANESE, "fr"), settings.credentials(test_key))
    assert emulator.translations == []


def test_a_translation_stopped_while_waiting_for_its_slot_is_never_sent(
    settings, emulator, test_key
):
    now = [0.0]
    limiter = RateLimiter(1.0, clock=lambda: now[0], sleep=lambda s: None)
    translator = TranslationService(settings, DashScopeBackend(), limiter)
    creds = settings.credentials(test_key)
    translator.translate(TranslationRequest(JAPANESE), creds)  # takes the free slot
    with pytest.raises(e.CancelledError):
        translator.translate(TranslationRequest(JAPANESE), creds, cancelled=lambda: True)
    assert len(emulator.translations) == 1


def test_the_app_builds_its_translator_on_the_edit_limiter(tmp_path, emulator):
    from services.container import build_services

    built = build_services(Settings(data_dir=tmp_path, base_url=emulator.base_url))
    try:
        assert built.translator is not None
        assert built.translator.limiter is built.editor.limiter
    finally:
        built.close()


# -- the emulator's own rules for the endpoint -----------------------------------------------


def post(emulator, body: dict, key: str) -> requests.Response:
    return requests.post(
        emulator.base_url + "/services/aigc/text-generation/generation",
        data=json.dumps(body),
        headers={"Authorization": f"Bearer {key}", "Content-Type": "application/json"},
        timeout=10,
    )


def body(**changes) -> dict:
    base = {
        "model": "qwen-mt-turbo",
        "input": {"messages": [{"role": "user", "content": "猫"}]},
        "parameters": {"translation_options": {"target_lang": "English"}},
    }
    base.update(changes)
    return base


def test_the_emulator_answers_in_the_text_format_by_default(emulator, test_key):
    answer = post(emulator, body(), test_key).json()
    assert answer["output"] == {"text": "[EN translation of: 猫]", "finish_reason": "stop"}
    usage = answer["usage"]
    assert usage["total_tokens"] == usage["input_tokens"] + usage["output_tokens"]
    assert answer["request_id"] == emulator.translations[-1].request_id


@pytest.mark.parametrize(
    ("changes", "status", "code"),
    [
        ({"parameters": {}}, 400, "InvalidParameter"),  # no translation_options
        ({"parameters": {"translation_options": {"target_lang": "en"}}}, 400, "InvalidParameter"),
        ({"model": "qwen-image-edit-plus"}, 404, "ModelNotFound"),
        ({"input": {"messages": []}}, 400, "BadRequest.EmptyInput"),
        (
            {"input": {"messages": [{"role": "user", "content": "a"}] * 2}},
            400,
            "InvalidParameter",
        ),
    ],
)
def test_the_emulator_refuses_what_qwen_mt_refuses(emulator, test_key, changes, status, code):
    reply = post(emulator, body(**changes), test_key)
    assert reply.status_code == status and reply.json()["code"] == code
    assert emulator.translations[-1].code == code
