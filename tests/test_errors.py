from services.errors import EditorError, ValidationError, scrub
from services.messages import Message, msg


def test_scrub_removes_given_secret_and_key_shapes():
    text = "failed for sk-abcdef0123456789 with Bearer tok.en.value and custom-secret"
    out = scrub(text, "custom-secret")
    assert "sk-abcdef" not in out and "tok.en" not in out and "custom-secret" not in out
    assert out.count("[redacted]") == 3


def test_error_text_is_scrubbed_and_carries_hint_and_request_id():
    err = EditorError("bad key sk-0123456789abcdef0", "Check it.", request_id="req-1")
    assert "sk-0123" not in str(err)
    assert str(err) == "bad key [redacted] Check it. (request id req-1)"


def test_validation_error_shortens_huge_values():
    err = ValidationError("prompt", "x" * 5000, "something shorter")
    assert len(str(err)) < 200 and "..." in str(err)
    assert err.kind == "error.validation.value_allowed"
    assert err.params["value"] == "'" + "x" * 56 + "..."
    assert err.params["allowed"] == Message("verbatim", {"text": "something shorter"})


def test_validation_error_names_an_unknown_field_and_takes_a_message_hint():
    err = ValidationError("foo", 3, msg("allowed.bool"), msg("hint.size.auto"))
    assert err.params == {
        "field": msg("field.other", name="foo"),
        "value": "3",
        "allowed": msg("allowed.bool"),
    }
    assert str(err) == "The value of foo cannot be 3. Allowed: true or false. Choose Auto size."
    assert err.render("ja") == (
        "foo の値に 3 は指定できません。指定できる値: true または false。"
        "解像度を「自動」にしてください。"
    )
