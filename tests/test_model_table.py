"""The model table drives validation, the rate limiter, the cost estimate and the UI; regions,
workspaces and keys are checked before anything is sent."""

from __future__ import annotations

import threading

import pytest

from services.config import Settings
from services.container import build_services
from services.errors import MissingApiKeyError, ValidationError
from services.models import ASSUMED, MODELS, PRICING_2026, estimate_cost
from services.ratelimit import RateLimiter
from services.types import EditRequest, Size
from services.validation import estimate_tokens, validate
from ui import choices

IMG = b"not decoded by validation"


def req(**kw) -> EditRequest:
    kw.setdefault("images", (IMG,))
    kw.setdefault("prompt", "make the sky a sunset")
    return EditRequest(**kw)


# -- the rules each model carries -------------------------------------------------------------


def test_max_has_plus_rules_a_two_per_minute_limit_and_a_pricing_page_price():
    for name in ("qwen-image-edit-max", "qwen-image-edit-max-2026-01-16"):
        spec = MODELS[name]
        assert (spec.n_max, spec.size.kind, spec.size.low, spec.size.high) == (
            6,
            "per_side",
            512,
            2048,
        )
        assert spec.requests_per_minute == 2 and spec.rate_text() == "2 requests per minute"
        assert spec.prices["singapore"].usd == 0.075
        assert spec.prices["singapore"].source == PRICING_2026
        assert spec.prices["beijing"].published == "0.5 CNY"


def test_qwen_image_2_sizes_by_total_pixels_and_counts_tokens():
    for name, usd, cny in (
        ("qwen-image-2.0", 0.035, "0.2 CNY"),
        ("qwen-image-2.0-pro", 0.075, "0.5 CNY"),
    ):
        spec = MODELS[name]
        assert spec.size.kind == "total_pixels" and spec.n_max == 6
        assert (spec.prompt_limit.limit, spec.prompt_limit.unit) == (1300, "tokens")
        assert spec.price("singapore") == usd and spec.prices["beijing"].published == cny
        assert spec.sources["rate"] == ASSUMED and spec.unsure  # said, not guessed silently


def test_plus_snapshot_has_plus_rules():
    plus, snap = MODELS["qwen-image-edit-plus"], MODELS["qwen-image-edit-plus-2025-12-15"]
    assert (snap.n_max, snap.size, snap.prompt_limit, snap.rate_per_s) == (
        plus.n_max,
        plus.size,
        plus.prompt_limit,
        plus.rate_per_s,
    )


@pytest.mark.parametrize(
    "size, ok",
    [
        ("1024*1024", True),
        ("512*512", True),
        ("2048*2048", True),
        ("4096*1024", True),  # one side over 2048: fine by total pixels
        ("3072*1360", True),
        ("496*512", False),  # under 512*512 in all
        ("2048*2064", False),  # over 2048*2048 in all
        ("8192*512", True),
        ("16384*256", True),
    ],
)
def test_total_pixel_rule(size, ok):
    request = req(model="qwen-image-2.0", size=size)
    if ok:
        assert validate(request).request.size is not None
    else:
        with pytest.raises(ValidationError, match="pixels in all"):
            validate(request)


def test_per_side_rule_still_holds_on_max():
    with pytest.raises(ValidationError, match="each side from 512 to 2048"):
        validate(req(model="qwen-image-edit-max", size="4096*1024"))


def test_token_limit_warns_but_does_not_cut():
    long_english = "make the sky a sunset and the sea calm " * 120  # ~4,700 characters
    checked = validate(req(model="qwen-image-2.0", prompt=long_english))
    assert checked.request.prompt == long_english  # the service, not the app, cuts tokens
    (warning,) = checked.warnings
    assert "1300 tokens" in warning and "estimate" in warning
    short = validate(req(model="qwen-image-2.0", prompt="夕焼けの空にして" * 100))
    assert short.warnings == ()
    # On Plus the same text is cut at 800 characters, openly.
    assert len(validate(req(prompt=long_english)).request.prompt) == 800


def test_token_estimate_counts_wide_characters_one_each():
    assert estimate_tokens("") == 0
    assert estimate_tokens("日本語") == 3
    assert estimate_tokens("abcdef") == 2
    assert estimate_tokens("日本 abc") == 2 + 2


def test_prompt_extend_must_be_a_boolean():
    with pytest.raises(ValidationError, match="true or false"):
        validate(req(prompt_extend="yes"))


def test_cost_estimate_reads_the_table():
    cost = estimate_cost(MODELS["qwen-image-edit-max"], "singapore", 2)
    assert cost.usd == pytest.approx(0.15) and cost.unit_price == 0.075
    cost = estimate_cost(MODELS["qwen-image-2.0"], "beijing", 3)
    assert cost.usd == pytest.approx(3 * 0.2 * 0.143355, rel=1e-4)


# -- the rate limiter, per key and per model ---------------------------------------------------


class RecordingLimiter(RateLimiter):
    """The real limiter, recording what each send asked it for."""

    def __init__(self) -> None:
        super().__init__(2.0)
        self.asked: list[tuple[str, float | None]] = []
        self._asked_lock = threading.Lock()

    def acquire(self, api_key, cancelled=None, *, scope="", rate_per_s=None):
        with self._asked_lock:
            self.asked.append((scope, rate_per_s))
        return True


@pytest.mark.parametrize(
    "model, rate", [("qwen-image-edit-max", 2 / 60), ("qwen-image-edit-plus", 2.0)]
)
def test_each_send_waits_for_its_models_own_limit(emulator, test_key, tmp_path, model, rate):
    services = build_services(Settings(data_dir=tmp_path, base_url=emulator.base_url))
    limiter = RecordingLimiter()
    services.editor.limiter = limiter
    try:
        services.editor.edit(
            req(images=(_png(),), model=model), services.settings.credentials(test_key)
        )
    finally:
        services.close()
    assert limiter.asked == [(model, pytest.approx(rate))]


def test_models_have_separate_buckets_and_max_is_spaced_by_half_a_minute():
    limiter = RateLimiter(2.0, safety=0.05, clock=lambda: 100.0)
    waits_max = [limiter.reserve("k", scope="max", rate_per_s=2 / 60) for _ in range(3)]
    waits_plus = [limiter.reserve("k", scope="plus", rate_per_s=2.0) for _ in range(3)]
    assert waits_max == pytest.approx([0.0, 31.5, 63.0])  # 30 s apart, plus the 5% margin
    assert waits_plus == pytest.approx([0.0, 0.525, 1.05])  # untouched by Max's queue


def test_operator_rate_overrides_the_table(emulator, test_key, tmp_path):
    services = build_services(
        Settings(data_dir=tmp_path, base_url=emulator.base_url, rate_limit_per_s=5.0)
    )
    limiter = RecordingLimiter()
    services.editor.limiter = limiter
    try:
        services.editor.edit(
            req(images=(_png(),), model="qwen-image-edit-max"),
            services.settings.credentials(test_key),
        )
    finally:
        services.close()
    assert limiter.asked == [("qwen-image-edit-max", 5.0)]


# -- the UI reads the same table -----------------------------------------------------------------


def test_ui_controls_and_notes_follow_the_table():
    caps = choices.model_capabilities(MODELS["qwen-image-2.0"], 1)
    assert caps["size"] == (
        True,
        "From 512×512 to 2048×2048 pixels in all; rounded to multiples of 16",
    )
    assert choices.model_capabilities(MODELS["qwen-image-edit-max"], 3)["size"][0] is False
    note = choices.model_note("qwen-image-edit-max", "singapore")
    assert "$0.075" in note and "[pricing page (2026)]" in note and "2 requests per minute" in note
    note = choices.model_note("qwen-image-2.0", "beijing")
    assert "0.2 CNY" in note and note.count("Not known for sure") == len(
        MODELS["qwen-image-2.0"].unsure
    )
    assert "Not known for sure" not in choices.model_note("qwen-image-edit-plus", "singapore")
    table = choices.models_help()
    assert all(f"`{name}`" in table for name in MODELS)
    for name in MODELS:
        assert name in choices.COUNTER_JS["prompt"]


def test_counter_starts_from_the_models_limit():
    assert choices.counter_text(MODELS["qwen-image-edit-plus"], "prompt_limit") == "0 / 800"
    assert choices.counter_text(MODELS["qwen-image-2.0"], "prompt_limit") == (
        "0 / 1300 tokens (estimated)"
    )


# -- regions, workspaces and keys ----------------------------------------------------------------


def test_workspace_endpoints_per_region(tmp_path):
    env = {
        "QWEN_EDIT_DATA_DIR": str(tmp_path),
        "QWEN_EDIT_WORKSPACE_SINGAPORE": "ws-abc123",
        "DASHSCOPE_API_KEY": "sk-test",
    }
    settings = Settings.from_env(env)
    assert settings.credentials(region="singapore").base_url == (
        "https://ws-abc123.ap-southeast-1.maas.aliyuncs.com/api/v1"
    )
    assert (
        settings.credentials(region="beijing").base_url == "https://dashscope.aliyuncs.com/api/v1"
    )
    settings = Settings.from_env({**env, "QWEN_EDIT_WORKSPACE_BEIJING": "WS-Def"})
    assert settings.credentials(region="beijing").base_url == (
        "https://ws-def.cn-beijing.maas.aliyuncs.com/api/v1"
    )


@pytest.mark.parametrize("bad", ["ws.evil.example", "ws/x", "a@b", "-ws", "ws_1", "x" * 70])
def test_a_workspace_id_cannot_name_another_host(tmp_path, bad):
    with pytest.raises(ValueError, match="workspace id"):
        Settings.from_env(
            {"QWEN_EDIT_DATA_DIR": str(tmp_path), "QWEN_EDIT_WORKSPACE_SINGAPORE": bad}
        )


def test_results_are_not_trusted_from_a_workspace_host(tmp_path):
    settings = Settings.from_env(
        {"QWEN_EDIT_DATA_DIR": str(tmp_path), "QWEN_EDIT_WORKSPACE_SINGAPORE": "ws-abc"}
    )
    services = build_services(settings)
    try:
        policy = services.editor.results.policy
        assert not policy.allows("https://ws-abc.ap-southeast-1.maas.aliyuncs.com/x.png")
        assert policy.allows("https://dashscope-result-sgp.oss-ap-southeast-1.aliyuncs.com/x.png")
    finally:
        services.close()


@pytest.mark.parametrize("region", ["moon", "Singapore ", "us", 3])
def test_unknown_region_is_refused_not_replaced(tmp_path, region):
    settings = Settings(data_dir=tmp_path, operator_key=None)
    if isinstance(region, str) and region.strip().lower() == "singapore":
        assert settings.credentials("sk-abc", region).region == "singapore"
        return
    with pytest.raises(ValidationError, match="singapore or beijing"):
        settings.credentials("sk-abc", region)


@pytest.mark.parametrize(
    "key", ["sk-abc\ndef", "sk-abc\rdef", "sk abc", "sk-abc\x00", "sk-ключ", "sk-abc\tdef"]
)
def test_a_key_pasted_across_lines_is_refused_before_use(tmp_path, key):
    with pytest.raises(MissingApiKeyError, match="line break") as err:
        Settings(data_dir=tmp_path).credentials(key)
    assert key.strip() not in str(err.value) + err.value.hint


def test_size_rule_bounds_for_controls():
    assert MODELS["qwen-image-edit-plus"].size.side_bounds() == (512, 2048)
    low, high = MODELS["qwen-image-2.0"].size.side_bounds()
    assert MODELS["qwen-image-2.0"].size.accepts(Size(high, 1024)) and low <= 256


def _png() -> bytes:
    import io

    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (64, 64), "red").save(buf, "PNG")
    return buf.getvalue()
