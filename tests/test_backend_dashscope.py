"""The DashScope backend and the edit service, through the real `dashscope` SDK, against the
local emulator. Nothing here mocks the SDK: every answer crosses a real HTTP connection."""

from __future__ import annotations

import io
import logging
import socket

import pytest
from PIL import Image

from services import errors as e
from services.backends.dashscope import DashScopeBackend, _image_links, map_error
from services.config import Settings
from services.editing import EditService
from services.messages import msg, render
from services.ratelimit import RateLimiter
from services.results import DownloadPolicy, ResultStore
from services.types import EditRequest, Size


def png(width: int = 640, height: int = 480, color: str = "steelblue") -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (width, height), color).save(buf, "PNG")
    return buf.getvalue()


@pytest.fixture
def make_service(tmp_path, emulator):
    made: list[ResultStore] = []

    def make(timeout_s: float = 10.0, retries: int = 2, download_timeout_s: float = 3.0):
        settings = Settings(
            data_dir=tmp_path,
            base_url=emulator.base_url,
            request_timeout_s=timeout_s,
            max_retries=retries,
            retry_base_s=0.01,
        )
        policy = DownloadPolicy(
            trusted_hosts=frozenset({"127.0.0.1"}),
            timeout_s=download_timeout_s,
            attempts=2,
            backoff_s=0.01,
        )
        store = ResultStore(tmp_path / "outputs", policy)
        made.append(store)
        return EditService(settings, DashScopeBackend(), store, RateLimiter(1000.0))

    yield make
    for store in made:
        store.close()


@pytest.fixture
def service(make_service):
    return make_service()


@pytest.fixture
def creds(service, test_key):
    return service.settings.credentials(test_key)


def edit(service, creds, **kw):
    kw.setdefault("images", (png(),))
    kw.setdefault("prompt", "make the sky a sunset")
    return service.edit(EditRequest(**kw), creds)


def test_one_image_edit_lands_as_png_on_disk(service, creds, emulator):
    result = edit(service, creds)
    (path,) = result.images
    assert path.exists() and path.suffix == ".png"
    with Image.open(path) as img:
        assert img.format == "PNG"
        assert img.size == (result.usage.width, result.usage.height)
    sent = emulator.requests[-1]
    assert result.request_id and sent.status == 200
    assert sent.model == "qwen-image-edit-plus"
    assert sent.text == "make the sky a sunset"
    assert sent.images[0]["kind"] == "data" and sent.images[0]["mime"] == "image/png"
    # No seed was asked for: the service drew one, sent it, and recorded it.
    assert sent.parameters["seed"] == result.seed
    assert result.cost.usd == pytest.approx(0.03) and result.usage.image_count == 1
    assert result.elapsed_s > 0


def test_three_images_last_sets_aspect_ratio(service, creds, emulator):
    images = (png(600, 600, "red"), png(800, 600, "green"), png(400, 800, "blue"))
    result = edit(service, creds, images=images, prompt="put image 1 on image 3")
    assert len(emulator.requests[-1].images) == 3
    with Image.open(result.images[0]) as img:
        assert abs(img.width / img.height - 0.5) < 0.05  # the last image is 1:2


@pytest.mark.parametrize("n", [1, 2, 3, 4, 5, 6])
def test_n_outputs(service, creds, emulator, n):
    result = edit(service, creds, n=n)
    assert len(result.images) == n == result.usage.image_count
    assert len({p.read_bytes() for p in result.images}) == n  # each output differs
    assert emulator.requests[-1].parameters["n"] == n
    assert result.cost.usd == pytest.approx(0.03 * n)


def test_size_seed_and_flags_reach_the_service(service, creds, emulator):
    result = edit(
        service,
        creds,
        size=Size(1024, 768),
        seed=1234,
        negative_prompt="blurry",
        prompt_extend=False,
        watermark=True,
    )
    params = emulator.requests[-1].parameters
    assert params == {
        "n": 1,
        "seed": 1234,
        "watermark": True,
        "negative_prompt": "blurry",
        "size": "1024*768",
        "prompt_extend": False,
    }
    assert result.seed == 1234
    with Image.open(result.images[0]) as img:
        assert img.size == (1024, 768)


def test_same_seed_same_pixels(service, creds):
    first = edit(service, creds, seed=7).images[0].read_bytes()
    second = edit(service, creds, seed=7).images[0].read_bytes()
    third = edit(service, creds, seed=8).images[0].read_bytes()
    assert first == second != third


def test_basic_model_omits_unsupported_parameters(service, creds, emulator):
    result = edit(service, creds, model="qwen-image-edit")
    assert "prompt_extend" not in emulator.requests[-1].parameters
    assert result.cost.usd == pytest.approx(0.045)


ERROR_CASES = [
    ("InvalidApiKey", e.AuthenticationError, "Singapore and Beijing keys are different"),
    ("DataInspectionFailed", e.ContentModerationError, "Rephrase"),
    ("InvalidParameter", e.InvalidParameterError, "rejected a parameter"),
    ("BadRequest.InputDownloadFailed", e.InputRejectedError, "could not download"),
    ("BadRequest.UnsupportedFileFormat", e.InputRejectedError, "format"),
    ("BadRequest.TooLarge", e.InputRejectedError, "10 MB"),
    ("BadRequest.EmptyInput", e.InputRejectedError, "rejected the request"),
    ("InvalidURL", e.InputRejectedError, "rejected the request"),
    ("Arrearage", e.AccountError, "balance"),
    ("AccessDenied", e.AccountError, "activated"),
    ("AccessDenied.Unpurchased", e.AccountError, "activated"),
    ("Throttling.AllocationQuota", e.AccountError, "quota"),
    ("ModelNotFound", e.ModelNotFoundError, "does not know this model"),
]


@pytest.mark.parametrize("code, kind, words", ERROR_CASES)
def test_error_codes_become_typed_errors(service, creds, emulator, code, kind, words):
    emulator.inject("error", code=code)
    with pytest.raises(kind) as err:
        edit(service, creds)
    assert words in str(err.value)
    assert err.value.code == code and err.value.request_id
    assert emulator.attempts == 1  # not retried: the same request would fail the same way


def test_invalid_parameter_shows_the_services_words(service, creds, emulator):
    emulator.inject("error", code="InvalidParameter", message="The size is odd today.")
    with pytest.raises(e.InvalidParameterError, match="The size is odd today."):
        edit(service, creds)


@pytest.mark.parametrize(
    "fault, code",
    [
        ("throttle", "Throttling.RateQuota"),
        ("server_error", "InternalError"),
        ("unavailable", "ModelUnavailable"),
    ],
)
def test_transient_errors_are_retried_to_success(service, creds, emulator, fault, code):
    emulator.inject(fault, times=2)
    result = edit(service, creds)
    assert result.images and emulator.attempts == 3
    assert [r.code for r in emulator.requests] == [code, code, None]


@pytest.mark.parametrize(
    "fault, kind",
    [
        ("throttle", e.RateLimitedError),
        ("server_error", e.ServiceUnavailableError),
        ("unavailable", e.ServiceUnavailableError),
    ],
)
def test_transient_errors_give_up_after_bounded_retries(service, creds, emulator, fault, kind):
    emulator.inject(fault, times=10)
    with pytest.raises(kind, match="tried 3 times"):
        edit(service, creds)
    assert emulator.attempts == 3


def test_wrong_key(service, emulator):
    bad = service.settings.credentials("sk-wrongkey0000000000000000000000")
    with pytest.raises(e.AuthenticationError, match="region") as err:
        edit(service, bad)
    assert "sk-wrongkey" not in str(err.value)


def test_missing_key_says_where_to_put_one(service):
    with pytest.raises(e.MissingApiKeyError, match="DASHSCOPE_API_KEY"):
        service.settings.credentials("")


def test_timeout_is_not_retried(make_service, test_key, emulator):
    service = make_service(timeout_s=0.5)
    emulator.inject("hang", seconds=5)
    with pytest.raises(e.ServiceTimeoutError, match="0.5 seconds") as err:
        edit(service, service.settings.credentials(test_key))
    assert "billed" in err.value.hint
    assert emulator.attempts == 1  # it may have been billed: never sent twice


def test_a_dropped_connection_is_never_resent(service, creds, emulator):
    # The request was read, then the connection broke: it may have been billed. The SDK
    # would resend it once; the backend's session stops that, and the service does not retry.
    emulator.inject("drop", times=5)
    with pytest.raises(e.ConnectionFailedError, match="broke before it answered") as err:
        edit(service, creds)
    assert "made the images anyway" in err.value.hint
    assert emulator.attempts == 1


def test_the_next_edit_after_a_drop_works(service, creds, emulator):
    emulator.inject("drop")
    with pytest.raises(e.ConnectionFailedError):
        edit(service, creds)
    assert edit(service, creds).images and emulator.attempts == 2


def test_connection_refused_is_retried_then_explained(make_service, test_key, tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again: nothing listens there
    service = make_service()
    settings = Settings(
        data_dir=tmp_path,
        base_url=f"http://127.0.0.1:{port}/api/v1",
        max_retries=1,
        retry_base_s=0.01,
    )
    service.settings = settings
    with pytest.raises(e.ConnectionFailedError, match="Could not connect") as err:
        edit(service, settings.credentials(test_key))
    assert "tried 2 times" in str(err.value)
    assert err.value.kind == "error.edit.tried" and err.value.params["attempts"] == 2
    assert "2 回試行しました" in err.value.render("ja")
    assert "已尝试 2 次" in err.value.render("zh-CN")


@pytest.mark.parametrize("fault", ["non_json", "no_output"])
def test_malformed_answers(service, creds, emulator, fault):
    emulator.inject(fault)
    with pytest.raises(e.MalformedResponseError, match="cannot read"):
        edit(service, creds)
    assert emulator.attempts == 1  # a 200 may have been billed


def test_html_error_page_is_summarised(service, creds, emulator):
    emulator.inject("html_error", times=10)
    with pytest.raises(e.ServiceUnavailableError) as err:
        edit(service, creds)
    assert "<html" not in str(err.value)


def test_expired_result_urls(service, creds, emulator):
    emulator.inject("expired_urls")
    with pytest.raises(e.ResultDownloadError, match="expire 24 hours"):
        edit(service, creds)


def test_result_on_a_foreign_host_is_refused_without_contacting_it(service, creds, emulator):
    emulator.inject("foreign_host")
    with pytest.raises(e.ResultDownloadError, match="does not trust"):
        edit(service, creds)
    assert emulator.downloads == 0


def test_truncated_download_is_detected(service, creds, emulator):
    emulator.inject("truncated_download")
    with pytest.raises(e.ResultDownloadError, match="was cut off"):
        edit(service, creds)


def test_stalled_download_times_out(make_service, test_key, emulator):
    service = make_service(download_timeout_s=0.5)
    emulator.inject("slow_download", seconds=10)
    with pytest.raises(e.ResultDownloadError, match="took too long"):
        edit(service, service.settings.credentials(test_key))


@pytest.mark.parametrize(
    "name",
    ["{secret}", "file://{secret}", "~/.bashrc", "/etc/passwd", "{missing}", "file://{missing}"],
)
def test_an_instruction_naming_a_file_is_sent_as_words(service, creds, emulator, tmp_path, name):
    """The SDK uploads any content string naming an existing file. No text reaches that check,
    so an instruction that names a file, existing or not, goes out as the words it is: nothing
    is read or uploaded, and the answer is the same whether the file exists (no oracle)."""
    secret = tmp_path / "secret.txt"
    secret.write_text("server data")
    prompt = name.format(secret=secret, missing=tmp_path / "missing.txt")
    result = edit(service, creds, prompt=prompt)
    record = emulator.requests[-1]
    assert record.status == 200 and record.text == prompt and len(result.images) == 1
    assert "x-dashscope-ossresourceresolve" not in {h.lower() for h in record.headers}
    assert [r.text for r in emulator.requests] == [prompt]  # no upload, one request


def test_the_key_never_appears_in_logs_or_errors(service, creds, emulator, caplog, test_key):
    caplog.set_level(logging.DEBUG)
    messages = []
    edit(service, creds)
    for code in ("InvalidApiKey", "InvalidParameter", "Arrearage"):
        emulator.inject("error", code=code, message=f"echo {test_key}")
        with pytest.raises(e.EditorError) as err:
            edit(service, creds)
        messages.append(str(err.value) + err.value.hint)
    emulator.inject("non_json")
    with pytest.raises(e.EditorError) as err:
        edit(service, creds)
    messages.append(str(err.value))
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert caplog.records  # the SDK and the service did log
    assert test_key not in logged
    assert not any(test_key in m for m in messages)
    assert test_key not in repr(creds)


@pytest.mark.parametrize(
    "message, says",
    [
        ("Input data may contain inappropriate content.", "flagged your instruction or one"),
        ("Output data may contain inappropriate content.", "blocked the result"),
        ("Input or output data may contain inappropriate content.", "does not say whether"),
        (
            "Download the media resource timed out during the data inspection process.",
            "could not download an input image in time",
        ),
    ],
)
def test_content_check_says_which_side_was_blocked(service, creds, emulator, message, says):
    code = "InvalidParameter.DataInspection" if "timed out" in message else "DataInspectionFailed"
    emulator.inject("error", code=code, message=message, status=400)
    with pytest.raises(e.ContentModerationError) as err:
        edit(service, creds)
    assert says in err.value.message and err.value.hint
    assert err.value.request_id == emulator.requests[-1].request_id


def test_error_answers_carry_kinds_and_render_in_each_language():
    throttled = map_error(429, "Throttling.RateQuota", "Requests rate limit exceeded", "r-1")
    assert isinstance(throttled, e.RateLimitedError) and throttled.code == "Throttling.RateQuota"
    assert (throttled.kind, throttled.params) == (
        "error.service.throttled",
        {"rate": msg("term.rate.edit")},
    )
    assert throttled.hint_kind == "hint.service.throttled"
    assert throttled.message == (
        "The service is limiting requests for this key (about 2 per second per account)."
    )
    assert throttled.render("ja") == (
        "サービスがこのキーのリクエストを制限しています (アカウントあたり毎秒約 2 件)。"
        "数秒待ってからもう一度お試しください。(リクエスト ID: r-1)"
    )
    assert throttled.render("zh-CN").startswith(
        "服务正在限制此 API Key 的请求（每个账号每秒约 2 次）。"
    )
    page = map_error(502, "", "<html>bad gateway</html>", "r-2")
    assert (page.kind, page.params) == ("error.service.internal", {})
    assert page.message == "The service had an internal problem."
    rejected = map_error(400, "BadRequest.Other", "<!doctype html>", "r-3")
    assert isinstance(rejected, e.InputRejectedError)
    assert (rejected.kind, rejected.params) == (
        "error.service.input_rejected",
        {"said": msg("term.html_page")},
    )
    assert rejected.message == "The service rejected the request: an HTML error page"
    assert "HTML のエラーページ" in rejected.render("ja")
    assert "一个 HTML 错误页面" in rejected.render("zh-CN")
    blocked = map_error(400, "DataInspectionFailed", "Output data may be bad.", "r-4")
    assert (blocked.kind, blocked.hint_kind) == (
        "error.moderation.output",
        "hint.moderation.output",
    )
    assert blocked.render("zh-CN").startswith("服务已完成编辑，但内容审核拦截了结果。")


def test_answer_notes_carry_kinds_and_render_in_each_language():
    notes: list = []
    links = _image_links(
        [{"image": f"https://x.example/{i}.png"} for i in range(3)] + [{"image": "ftp://a"}],
        1,
        notes,
    )
    assert links == ("https://x.example/0.png",)
    skipped, extra = notes
    assert skipped == "1 output in the service's answer was not a web link and was skipped."
    assert skipped.message == msg("warning.answer.not_links_one", count=1)
    assert extra == (
        "The service sent 3 output links for 1 requested image: the first 1 was downloaded, "
        "2 extra links ignored."
    )
    assert extra.message.key == "warning.answer.extra_one"
    assert render(extra, "ja") == (
        "サービスは要求した 1 枚の画像に対して 3 件の出力画像のリンクを返しました。最初の 1 件を"
        "ダウンロードし、余分な 2 件のリンクは無視しました。"
    )
    assert render(extra, "zh-CN") == (
        "服务针对请求的 1 张图像返回了 3 个输出图像链接：已下载前 1 个，忽略了多余的 2 个链接。"
    )
