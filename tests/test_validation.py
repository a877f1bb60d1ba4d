"""Every rule of the reference, at and just past its boundary, for each model."""

from __future__ import annotations

import pytest

from services.errors import ValidationError
from services.messages import Message, Translatable, msg
from services.models import MODELS
from services.types import EditRequest, Size
from services.validation import parse_size, validate

# Models with Plus's rules: 1-6 outputs, each side 512-2048, 800 characters.
PLUS_LIKE = [
    m
    for m, s in MODELS.items()
    if s.n_max == 6 and s.size is not None and s.size.kind == "per_side"
]
IMG = b"not decoded by validation"


def req(**kw) -> EditRequest:
    kw.setdefault("images", (IMG,))
    kw.setdefault("prompt", "make the sky a sunset")
    return EditRequest(**kw)


def test_model_table_has_the_documented_models():
    assert set(MODELS) == {
        "qwen-image-edit-plus",
        "qwen-image-edit-plus-2025-10-30",
        "qwen-image-edit-plus-2025-12-15",
        "qwen-image-edit",
        "qwen-image-edit-max",
        "qwen-image-edit-max-2026-01-16",
        "qwen-image-2.0",
        "qwen-image-2.0-pro",
    }
    basic = MODELS["qwen-image-edit"]
    assert (basic.n_max, basic.supports_size, basic.supports_prompt_extend) == (1, False, False)
    assert MODELS["qwen-image-edit-plus"].price("singapore") == 0.03
    assert MODELS["qwen-image-edit-plus"].price("beijing") == 0.028671
    assert basic.price("singapore") == 0.045 and basic.price("beijing") == 0.043


def test_unknown_model_names_the_known_ones():
    with pytest.raises(ValidationError) as err:
        validate(req(model="qwen-image-edit-ultra"))
    assert err.value.field == "model"
    assert "qwen-image-edit-plus" in err.value.message
    assert err.value.params["allowed"] == msg("allowed.one_of", names=", ".join(MODELS))


@pytest.mark.parametrize("count, ok", [(0, False), (1, True), (3, True), (4, False)])
def test_image_count(count, ok):
    r = req(images=(IMG,) * count)
    if ok:
        assert len(validate(r).request.images) == count
    else:
        with pytest.raises(ValidationError, match="1 to 3 images") as err:
            validate(r)
        assert (err.value.kind, err.value.hint_kind) == (
            "error.validation.value_allowed",
            "hint.images.count",
        )
        assert err.value.params == {
            "field": Message("field.images"),
            "value": repr(count),
            "allowed": msg("allowed.images", max=3),
        }


@pytest.mark.parametrize("prompt", ["", "   ", "\n\t"])
def test_empty_prompt_refused(prompt):
    with pytest.raises(ValidationError) as err:
        validate(req(prompt=prompt))
    assert err.value.field == "prompt" and err.value.message == "The instruction is empty."
    assert "Describe the edit" in err.value.hint


def test_prompt_at_limit_is_kept_whole():
    checked = validate(req(prompt="a" * 800))
    assert checked.request.prompt == "a" * 800 and checked.warnings == ()


@pytest.mark.parametrize("length", [801, 5000])
def test_long_prompt_is_cut_with_a_warning(length):
    checked = validate(req(prompt="b" * 800 + ("TAIL" + "c" * length)[: length - 800]))
    assert len(checked.request.prompt) == 800
    (warning,) = checked.warnings
    assert f"{length} characters" in warning and f"last {length - 800}" in warning
    assert isinstance(warning, Translatable)
    expected = "warning.text.cut_one" if length == 801 else "warning.text.cut_many"
    assert warning.message.key == expected
    assert warning.message.params["what"] == msg("term.instruction")
    assert warning.message.params["count"] == length - 800
    assert "starting at “T" in warning  # quotes the start of what was cut, as typed


def test_emoji_prompt_counts_characters():
    checked = validate(req(prompt="🎨" * 800))
    assert checked.request.prompt == "🎨" * 800 and not checked.warnings


def test_negative_prompt_limit():
    assert validate(req(negative_prompt="n" * 500)).warnings == ()
    checked = validate(req(negative_prompt="n" * 501))
    assert len(checked.request.negative_prompt) == 500
    assert "negative prompt had 501 characters" in checked.warnings[0]


@pytest.mark.parametrize("model", PLUS_LIKE)
@pytest.mark.parametrize("n, ok", [(0, False), (1, True), (6, True), (7, False), (-1, False)])
def test_n_range_on_plus_models(model, n, ok):
    if ok:
        assert validate(req(model=model, n=n)).request.n == n
    else:
        with pytest.raises(ValidationError, match="from 1 to 6"):
            validate(req(model=model, n=n))


def test_n_on_basic_model_is_one():
    assert validate(req(model="qwen-image-edit", n=1)).request.n == 1
    with pytest.raises(ValidationError, match="exactly 1 for qwen-image-edit"):
        validate(req(model="qwen-image-edit", n=2))


@pytest.mark.parametrize("n, expected", [("3", 3), (3.0, 3)])
def test_n_integral_values_are_accepted(n, expected):
    assert validate(req(n=n)).request.n == expected


@pytest.mark.parametrize("n", ["three", 2.5, True, None])
def test_n_non_integers_refused(n):
    with pytest.raises(ValidationError) as err:
        validate(req(n=n))
    assert err.value.field == "n"


@pytest.mark.parametrize(
    "seed, ok",
    [(0, True), (2147483647, True), (-1, False), (2147483648, False), (1.5, False), ("abc", False)],
)
def test_seed_range(seed, ok):
    if ok:
        assert validate(req(seed=seed)).request.seed == seed
    else:
        with pytest.raises(ValidationError, match="0 to 2147483647"):
            validate(req(seed=seed))


@pytest.mark.parametrize("model", PLUS_LIKE)
@pytest.mark.parametrize("side, ok", [(511, False), (512, True), (2048, True), (2049, False)])
def test_size_bounds(model, side, ok):
    if ok:
        assert validate(req(model=model, size=Size(side, 1024))).request.size == Size(side, 1024)
        assert validate(req(model=model, size=Size(1024, side))).request.size == Size(1024, side)
    else:
        with pytest.raises(ValidationError, match="512 to 2048") as err:
            validate(req(model=model, size=Size(side, 1024)))
        assert err.value.params["allowed"] == msg("allowed.size_per_side", low=512, high=2048)
        with pytest.raises(ValidationError, match="512 to 2048"):
            validate(req(model=model, size=Size(1024, side)))


def test_size_needs_single_output():
    with pytest.raises(ValidationError, match="only with 1 output") as err:
        validate(req(size=Size(1024, 1024), n=2))
    assert "size to Auto" in err.value.hint
    assert err.value.params["allowed"] == msg("allowed.size_single", n=2)
    assert err.value.hint_kind == "hint.size.single"


def test_size_not_on_basic_model():
    with pytest.raises(ValidationError, match="no custom size on qwen-image-edit"):
        validate(req(model="qwen-image-edit", size=Size(1024, 1024)))


def test_size_rounding_is_announced():
    checked = validate(req(size=Size(1033, 1032)))
    assert "1033*1032 becomes 1040*1024" in checked.warnings[0]
    assert checked.warnings[0].message == msg(
        "warning.size.rounded", step=16, size="1033*1032", rounded="1040*1024"
    )


@pytest.mark.parametrize(
    "text, expected",
    [
        ("1024*768", Size(1024, 768)),
        ("1024x768", Size(1024, 768)),
        (" 512 × 2048 ", Size(512, 2048)),
        ("auto", None),
        ("", None),
        (None, None),
        ((800, 600), Size(800, 600)),
    ],
)
def test_parse_size_forms(text, expected):
    assert parse_size(text) == expected


@pytest.mark.parametrize("text", ["abc", "1024", "1024*", "*768", "10.5*700", "-512*512"])
def test_parse_size_refuses_junk(text):
    with pytest.raises(ValidationError, match='"W\\*H"'):
        parse_size(text)


@pytest.mark.parametrize("text", ["511*512", "2049*2048"])
def test_size_strings_out_of_range(text):
    with pytest.raises(ValidationError, match="512 to 2048"):
        validate(req(size=text))


def test_prompt_extend_only_where_supported():
    assert validate(req(model="qwen-image-edit-plus", prompt_extend=True)).request.prompt_extend
    assert (
        validate(req(model="qwen-image-edit", prompt_extend=False)).request.prompt_extend is False
    )
    with pytest.raises(ValidationError, match="off for qwen-image-edit"):
        validate(req(model="qwen-image-edit", prompt_extend=True))


def test_watermark_must_be_bool():
    with pytest.raises(ValidationError, match="true or false"):
        validate(req(watermark="yes"))


def test_error_text_names_field_value_and_rule():
    with pytest.raises(ValidationError) as err:
        validate(req(n=7))
    assert str(err.value).startswith(
        "The number of outputs cannot be 7. Allowed: a whole number from 1 to 6"
    )
