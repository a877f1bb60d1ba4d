from services.errors import EditorError, ValidationError, scrub


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
