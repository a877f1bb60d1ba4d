"""The DashScope emulator, driven with plain `requests` / `http.client` over real sockets.

The SDK's view of it is tested elsewhere (tests/test_backend_dashscope.py); here every rule,
fault and route is checked at the HTTP level, at and just past each boundary.
"""

from __future__ import annotations

import base64
import http.client
import io
import json
import re
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
import requests
from PIL import Image

from services.emulator import CODE_TABLE, Emulator
from services.emulator.ratelimit import SlidingWindowLimiter
from tests.helpers import cut_short
from tests.support import TEST_KEY

GEN = "/services/aigc/multimodal-generation/generation"
ROOT = Path(__file__).resolve().parents[1]


# -- helpers ------------------------------------------------------------------------------------


def encode(image: Image.Image, fmt: str = "PNG", **save: Any) -> bytes:
    out = io.BytesIO()
    image.save(out, format=fmt, **save)
    return out.getvalue()


def data_uri(raw: bytes, mime: str = "image/png") -> str:
    return f"data:{mime};base64,{base64.b64encode(raw).decode()}"


def png_uri(width: int = 64, height: int = 48, colour=(200, 30, 30)) -> str:
    return data_uri(encode(Image.new("RGB", (width, height), colour)))


def payload(
    images: list[str] | None = None,
    text: str | None = "make it blue",
    model: str = "qwen-image-edit-plus",
    **parameters: Any,
) -> dict[str, Any]:
    images = [png_uri()] if images is None else images
    content: list[dict[str, str]] = [{"image": i} for i in images]
    if text is not None:
        content.append({"text": text})
    return {
        "model": model,
        "input": {"messages": [{"role": "user", "content": content}]},
        "parameters": parameters,
    }


def post(
    emu: Emulator, body: Any, key: str | None = TEST_KEY, timeout: float = 10
) -> requests.Response:
    headers = {"Authorization": f"Bearer {key}"} if key is not None else {}
    data = {"data": body} if isinstance(body, bytes | str) else {"json": body}
    return requests.post(emu.base_url + GEN, headers=headers, timeout=timeout, **data)


def assert_error(reply: requests.Response, status: int, code: str, words: str = "") -> dict:
    assert reply.status_code == status, reply.text
    assert reply.headers["Content-Type"] == "application/json"
    body = reply.json()
    assert set(body) == {"request_id", "code", "message"}
    assert body["code"] == code
    assert words in body["message"]
    return body


def image_urls(reply: requests.Response) -> list[str]:
    assert reply.status_code == 200, reply.text
    choices = reply.json()["output"]["choices"]
    assert choices[0]["finish_reason"] == "stop"
    assert choices[0]["message"]["role"] == "assistant"
    return [item["image"] for item in choices[0]["message"]["content"]]


def fetch(url: str) -> Image.Image:
    reply = requests.get(url, timeout=10)
    assert reply.status_code == 200
    assert reply.headers["Content-Type"] == "image/png"
    assert int(reply.headers["Content-Length"]) == len(reply.content)
    return Image.open(io.BytesIO(reply.content))


# -- auth ---------------------------------------------------------------------------------------


def test_success_has_the_documented_shape(emulator):
    reply = post(emulator, payload(seed=1))
    assert reply.headers["Content-Type"] == "application/json"
    assert int(reply.headers["Content-Length"]) == len(reply.content)
    body = reply.json()
    assert set(body) == {"output", "usage", "request_id"}
    assert re.fullmatch(r"[0-9a-f-]{36}", body["request_id"])
    assert body["usage"]["image_count"] == 1 == len(image_urls(reply))
    record = emulator.requests[-1]
    assert (record.status, record.code, record.fault) == (200, None, None)
    assert record.model == "qwen-image-edit-plus" and record.text == "make it blue"
    assert record.parameters == {"seed": 1}
    assert record.images[0] | {"bytes": None} == {
        "kind": "data", "mime": "image/png", "bytes": None, "width": 64, "height": 48, "url": None
    }  # fmt: skip
    assert record.request_id == body["request_id"] and record.result_urls == image_urls(reply)


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer sk-wrong"}, {"Authorization": f"Basic {TEST_KEY}"},
     {"Authorization": "Bearer "}],
    ids=["missing", "wrong", "not-bearer", "empty"],
)  # fmt: skip
def test_bad_auth_is_401(emulator, headers):
    reply = requests.post(emulator.base_url + GEN, json=payload(), headers=headers, timeout=10)
    assert_error(reply, 401, "InvalidApiKey", "Invalid API-key provided.")
    assert emulator.requests[-1].status == 401


def test_without_keys_any_non_empty_token_works():
    with Emulator().start() as emu:
        assert post(emu, payload(), key="anything").status_code == 200
        assert post(emu, payload(), key=None).status_code == 401


def test_the_key_is_never_recorded(emulator):
    post(emulator, payload())
    post(emulator, payload(), key="sk-not-the-right-one")
    assert {r.headers["Authorization"] for r in emulator.requests} == {"Bearer ***"}
    listing = requests.get(emulator.host_url + "/_emulator/requests", timeout=5).text
    assert TEST_KEY not in listing and "sk-not-the-right-one" not in listing
    assert "Bearer ***" in listing


def test_trailing_slash_is_tolerated(emulator):
    url = emulator.base_url + GEN + "/"
    reply = requests.post(url, json=payload(), headers={"Authorization": f"Bearer {TEST_KEY}"})
    assert reply.status_code == 200


# -- validation ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        (b"{not json", 400, "InvalidParameter"),
        ({"input": payload()["input"]}, 400, "BadRequest.EmptyModel"),
        ({"model": "qwen-image-edit-plus"}, 400, "BadRequest.EmptyInput"),
        (payload(model="qwen-image-edit-ultra"), 404, "ModelNotFound"),
    ],
    ids=["not-json", "no-model", "no-input", "unknown-model"],
)
def test_body_level_errors(emulator, body, status, code):
    message = assert_error(post(emulator, body), status, code)["message"]
    assert message == CODE_TABLE[code][1] or "body invalid" in message


@pytest.mark.parametrize(("count", "ok"), [(0, False), (1, True), (3, True), (4, False)])
def test_one_to_three_images(emulator, count, ok):
    reply = post(emulator, payload(images=[png_uri(32, 32)] * count))
    if ok:
        assert len(image_urls(reply)) == 1 and len(emulator.requests[-1].images) == count
    else:
        assert_error(reply, 400, "InvalidParameter", f"got {count}")


@pytest.mark.parametrize(
    "messages",
    [[], [{"role": "user", "content": [{"text": "a"}]}] * 2,
     [{"role": "assistant", "content": [{"image": "x"}, {"text": "a"}]}],
     [{"role": "user", "content": "just text"}],
     [{"role": "user", "content": [{"image": png_uri(), "text": "both"}]}],
     [{"role": "user", "content": [{"image": png_uri()}, {"text": "a"}, {"text": "b"}]}]],
    ids=["none", "two", "assistant", "string-content", "mixed-item", "two-texts"],
)  # fmt: skip
def test_message_structure(emulator, messages):
    body = {"model": "qwen-image-edit-plus", "input": {"messages": messages}}
    assert_error(post(emulator, body), 400, "InvalidParameter")


@pytest.mark.parametrize("text", [None, "", "   "], ids=["missing", "empty", "blank"])
def test_text_is_required(emulator, text):
    assert_error(post(emulator, payload(text=text)), 400, "InvalidParameter", "text")


def test_text_over_800_characters_is_truncated_silently(emulator):
    exact = post(emulator, payload(text="a" * 800, seed=3))
    assert exact.status_code == 200 and emulator.requests[-1].notes == []
    long = post(emulator, payload(text="a" * 800 + "b", seed=3))
    assert long.status_code == 200
    record = emulator.requests[-1]
    assert len(record.text) == 801  # the log keeps what was sent
    assert "text truncated from 801 to 800 characters" in record.notes
    # What the service worked from is the same 800 characters: the same picture.
    assert fetch(image_urls(exact)[0]).tobytes() == fetch(image_urls(long)[0]).tobytes()


def test_negative_prompt_over_500_is_truncated(emulator):
    assert post(emulator, payload(negative_prompt="x" * 501)).status_code == 200
    assert "negative_prompt truncated from 501 to 500" in emulator.requests[-1].notes


@pytest.mark.parametrize(
    ("model", "n", "ok"),
    [("qwen-image-edit-plus", 0, False), ("qwen-image-edit-plus", 1, True),
     ("qwen-image-edit-max", 6, True), ("qwen-image-edit-plus-2025-10-30", 7, False),
     ("qwen-image-edit", 1, True), ("qwen-image-edit", 2, False),
     ("qwen-image-edit-plus", True, False), ("qwen-image-edit-plus", "2", False),
     ("qwen-image-edit-plus", 2.0, False)],
)  # fmt: skip
def test_n_range_per_model(emulator, model, n, ok):
    reply = post(emulator, payload(model=model, n=n))
    if ok:
        assert reply.json()["usage"]["image_count"] == n == len(image_urls(reply))
    else:
        assert_error(reply, 400, "InvalidParameter", "n should be")


@pytest.mark.parametrize(
    ("size", "ok"),
    [("511*1024", False), ("512*512", True), ("2048*2048", True), ("1024*2049", False),
     ("1024x1024", False), ("1024*", False), (1024, False)],
)  # fmt: skip
def test_size_bounds(emulator, size, ok):
    reply = post(emulator, payload(size=size))
    if ok:
        w, h = (int(v) for v in size.split("*"))
        assert reply.json()["usage"] | {"image_count": 1} == {"width": w, "height": h,
                                                              "image_count": 1}  # fmt: skip
        assert fetch(image_urls(reply)[0]).size == (w, h)
    else:
        assert_error(reply, 400, "InvalidParameter", "size")


def test_size_needs_n_1_and_a_plus_model(emulator):
    assert_error(post(emulator, payload(size="1024*1024", n=2)), 400, "InvalidParameter", "n=1")
    reply = post(emulator, payload(model="qwen-image-edit", size="1024*1024"))
    assert_error(reply, 400, "InvalidParameter", "size is not supported")
    reply = post(emulator, payload(model="qwen-image-edit", prompt_extend=False))
    assert_error(reply, 400, "InvalidParameter", "prompt_extend is not supported")


def test_size_is_rounded_to_multiples_of_16(emulator):
    reply = post(emulator, payload(size="1033*1032"))
    assert reply.json()["usage"] == {"width": 1040, "height": 1024, "image_count": 1}
    assert fetch(image_urls(reply)[0]).size == (1040, 1024)
    assert "size rounded from 1033*1032 to 1040*1024" in emulator.requests[-1].notes


@pytest.mark.parametrize(
    ("seed", "ok"),
    [(-1, False), (0, True), (2147483647, True), (2147483648, False), (True, False),
     (1.5, False)],
)  # fmt: skip
def test_seed_range(emulator, seed, ok):
    reply = post(emulator, payload(seed=seed))
    if ok:
        assert reply.status_code == 200
    else:
        assert_error(reply, 400, "InvalidParameter", "seed")


@pytest.mark.parametrize("name", ["prompt_extend", "watermark"])
def test_flags_must_be_booleans(emulator, name):
    assert post(emulator, payload(**{name: True})).status_code == 200
    assert_error(post(emulator, payload(**{name: "yes"})), 400, "InvalidParameter", name)


@pytest.mark.parametrize(
    ("fmt", "mime", "save"),
    [("JPEG", "image/jpeg", {}), ("JPEG", "image/jpg", {}), ("BMP", "image/bmp", {}),
     ("TIFF", "image/tiff", {}), ("WEBP", "image/webp", {}), ("PNG", "image/png", {})],
)  # fmt: skip
def test_accepted_formats(emulator, fmt, mime, save):
    raw = encode(Image.new("RGB", (40, 30), (10, 200, 10)), fmt, **save)
    assert post(emulator, payload(images=[data_uri(raw, mime)])).status_code == 200
    assert emulator.requests[-1].images[0] == {
        "kind": "data", "mime": mime, "bytes": len(raw), "width": 40, "height": 30, "url": None
    }  # fmt: skip


def test_animated_gif_uses_its_first_frame(emulator):
    frames = [Image.new("RGB", (64, 64), c) for c in ((230, 20, 20), (20, 20, 230))]
    out = io.BytesIO()
    frames[0].save(out, format="GIF", save_all=True, append_images=frames[1:], duration=50)
    reply = post(emulator, payload(images=[data_uri(out.getvalue(), "image/gif")], text="x"))
    image = fetch(image_urls(reply)[0]).convert("RGB")
    r, g, b = image.getpixel((image.width // 2, image.height * 3 // 4))
    assert r > 150 and b < 120  # red (first frame), under a 20% tint


@pytest.mark.parametrize(
    ("uri", "status", "code"),
    [(data_uri(b"<svg/>", "image/svg+xml"), 415, "BadRequest.UnsupportedFileFormat"),
     (data_uri(b"not an image at all", "image/png"), 415, "BadRequest.UnsupportedFileFormat"),
     (data_uri(encode(Image.new("RGB", (8, 8)), "ICO"), "image/png"), 415,
      "BadRequest.UnsupportedFileFormat"),
     ("data:image/png;base64,@@@", 400, "InvalidParameter"),
     ("data:image/png,rawbytes", 400, "InvalidParameter")],
    ids=["svg-mime", "garbage", "ico-bytes", "bad-base64", "not-base64"],
)  # fmt: skip
def test_bad_image_data(emulator, uri, status, code):
    assert_error(post(emulator, payload(images=[uri])), status, code)


def test_ten_megabytes_is_the_limit(emulator):
    small = encode(Image.new("RGB", (16, 16), (0, 0, 255)))
    limit = 10 * 1024 * 1024
    # PNG decoders stop at IEND, so padding makes an exactly-10 MB file that still decodes.
    exact = small + b"\0" * (limit - len(small))
    assert post(emulator, payload(images=[data_uri(exact)])).status_code == 200
    assert emulator.requests[-1].images[0]["bytes"] == limit
    reply = post(emulator, payload(images=[data_uri(exact + b"\0")]))
    assert_error(reply, 413, "BadRequest.TooLarge", "Payload Too Large.")


@pytest.mark.parametrize(
    "url",
    ["http://example.com/ü.png", "ftp://127.0.0.1/a.png", "file:///etc/hosts", "just-a-word"],
)
def test_url_errors(emulator, url):
    assert_error(post(emulator, payload(images=[url])), 400, "InvalidParameter", "url error")
    assert emulator.requests[-1].images[0]["url"] == url


def test_http_url_inputs_are_fetched(emulator):
    # Feeding an output back as the next input: the emulator fetches its own result URL.
    first = image_urls(post(emulator, payload(size="768*512")))[0]
    reply = post(emulator, payload(images=[first]))
    assert reply.json()["usage"] == {"width": 1248, "height": 832, "image_count": 1}
    assert emulator.requests[-1].images[0] | {"bytes": 0} == {
        "kind": "url", "mime": "image/png", "bytes": 0, "width": 768, "height": 512, "url": first
    }  # fmt: skip


@pytest.mark.parametrize("path", ["/results/nope.png", "/_emulator/requests"])
def test_undownloadable_or_undecodable_url(emulator, path):
    url = emulator.host_url + path
    reply = post(emulator, payload(images=[url]))
    if path.startswith("/results"):
        assert_error(reply, 415, "BadRequest.InputDownloadFailed", url)
    else:
        assert_error(reply, 415, "BadRequest.UnsupportedFileFormat")


# -- outputs ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sizes", "expected"),
    [([(64, 48)], (1184, 880)), ([(300, 200)], (1248, 832)), ([(40, 40)], (1024, 1024)),
     ([(64, 48), (40, 80)], (720, 1456)), ([(1000, 10)], (2048, 512))],
    ids=["4:3", "3:2-doc-example", "square", "last-image-wins", "extreme-clamped"],
)  # fmt: skip
def test_default_output_size_follows_the_last_image(emulator, sizes, expected):
    reply = post(emulator, payload(images=[png_uri(w, h) for w, h in sizes]))
    usage = reply.json()["usage"]
    assert (usage["width"], usage["height"]) == expected
    assert expected[0] % 16 == 0 and expected[1] % 16 == 0
    assert fetch(image_urls(reply)[0]).size == expected


def test_n_outputs_are_distinct_downloadable_pngs(emulator):
    urls = image_urls(post(emulator, payload(n=3, seed=5)))
    assert len(set(urls)) == 3
    for url in urls:
        assert re.fullmatch(
            re.escape(emulator.host_url)
            + r"/results/[\w-]{20,}\.png\?Expires=\d+&Signature=[0-9a-f]+",
            url,
        )
        image = fetch(url)
        assert image.format == "PNG" and image.size == (1184, 880)
    assert emulator.downloads == 3


def test_outputs_are_deterministic_per_seed_and_index(emulator):
    def pngs(seed: int) -> list[bytes]:
        urls = image_urls(post(emulator, payload(n=2, seed=seed)))
        return [requests.get(u, timeout=5).content for u in urls]

    first, again, other = pngs(7), pngs(7), pngs(8)
    assert first == again
    assert first[0] != first[1]
    assert first[0] != other[0]


def test_missing_seed_is_drawn_and_noted(emulator):
    post(emulator, payload())
    assert any(note.startswith("seed drawn at random: ") for note in emulator.requests[-1].notes)


def test_output_shows_the_input_and_says_emulated(emulator):
    image = fetch(image_urls(post(emulator, payload(text="x")))[0]).convert("RGB")
    r, g, b = image.getpixel((image.width // 2, image.height // 2))
    assert r > 150 and g < 100 and b < 100  # the red input, under a 20% tint
    assert image.getpixel((image.width - 5, image.height - 3)) == (255, 214, 10)  # the band


# -- faults -------------------------------------------------------------------------------------


@pytest.mark.parametrize("code", sorted(CODE_TABLE))
def test_error_fault_for_every_code(emulator, code):
    emulator.inject("error", code=code)
    status, message = CODE_TABLE[code]
    assert assert_error(post(emulator, payload()), status, code)["message"] == message
    assert (emulator.requests[-1].fault, emulator.requests[-1].code) == ("error", code)
    assert post(emulator, payload()).status_code == 200  # consumed


def test_error_fault_overrides(emulator):
    emulator.inject("error", code="InvalidParameter", message="odd today")
    emulator.inject("error", code="Custom.Code", status=418)
    assert_error(post(emulator, payload()), 400, "InvalidParameter", "odd today")
    assert_error(post(emulator, payload()), 418, "Custom.Code")


@pytest.mark.parametrize(
    ("kind", "status", "code"),
    [("throttle", 429, "Throttling.RateQuota"), ("server_error", 500, "InternalError"),
     ("unavailable", 503, "ModelUnavailable")],
)  # fmt: skip
def test_shorthand_faults(emulator, kind, status, code):
    emulator.inject(kind, times=2)
    assert_error(post(emulator, payload()), status, code)
    assert_error(post(emulator, payload()), status, code)
    assert post(emulator, payload()).status_code == 200
    assert [r.fault for r in emulator.requests] == [kind, kind, None]


def test_faults_queue_in_order_and_clear(emulator):
    emulator.inject("throttle")
    emulator.inject("unavailable")
    assert post(emulator, payload()).status_code == 429
    assert post(emulator, payload()).status_code == 503
    emulator.inject("server_error", times=5)
    emulator.clear_faults()
    assert post(emulator, payload()).status_code == 200


def test_unauthorised_requests_do_not_consume_faults(emulator):
    emulator.inject("throttle")
    assert post(emulator, payload(), key="sk-wrong").status_code == 401
    assert post(emulator, payload()).status_code == 429


def test_invalid_injections_fail_early(emulator):
    for kind, options in [("explode", {}), ("error", {}), ("error", {"code": "Made.Up"}),
                          ("hang", {"seconds": -1}), ("drop", {"seconds": 1})]:  # fmt: skip
        with pytest.raises(ValueError):
            emulator.inject(kind, **options)
    with pytest.raises(ValueError):
        emulator.inject("drop", times=0)


def test_drop_closes_without_an_answer(emulator):
    emulator.inject("drop", times=2)
    for _ in range(2):
        with pytest.raises(requests.ConnectionError):
            post(emulator, payload())
    assert post(emulator, payload()).status_code == 200
    assert emulator.attempts == 3
    assert [(r.status, r.fault) for r in emulator.requests] == [
        (None, "drop"), (None, "drop"), (200, None)
    ]  # fmt: skip
    assert emulator.requests[0].model == "qwen-image-edit-plus"  # the request was read


def test_hang_waits_then_closes(emulator):
    emulator.inject("hang", seconds=0.3)
    started = time.monotonic()
    # Closed by the emulator once the hang was over: a ConnectionError, not the ReadTimeout a
    # hang that never ended (or lasted the default 30 s) would give after post()'s 10 s.
    with pytest.raises(requests.ConnectionError):
        post(emulator, payload())
    assert time.monotonic() - started >= 0.3
    record = emulator.requests[-1]
    assert (record.status, record.fault) == (None, "hang") and record.elapsed_s >= 0.3


def test_hang_trips_a_client_read_timeout(emulator):
    emulator.inject("hang", seconds=5)
    with pytest.raises(requests.ReadTimeout):
        post(emulator, payload(), timeout=0.2)
    assert emulator.attempts == 1


def test_stop_wakes_a_hanging_handler():
    hang_s = 30.0
    emu = Emulator(keys={TEST_KEY}).start()
    emu.inject("hang", seconds=hang_s)
    errors: list[BaseException] = []

    def call() -> None:
        try:
            post(emu, payload())
        except requests.RequestException as exc:
            errors.append(exc)

    caller = threading.Thread(target=call)
    caller.start()
    while emu.attempts == 0:
        time.sleep(0.01)
    time.sleep(0.05)  # let it reach the hang
    emu.stop()
    caller.join(timeout=hang_s)
    assert not caller.is_alive()
    assert errors and isinstance(errors[0], requests.ConnectionError)  # cut, not timed out
    # The handler itself was woken: its record, written only once the hang is over, appears
    # long before the 30 s hang would have ended, and shows the hang cut short.
    deadline = time.monotonic() + hang_s / 2
    while not emu.requests and time.monotonic() < deadline:
        time.sleep(0.01)
    (record,) = emu.requests
    assert (record.status, record.fault) == (None, "hang") and record.elapsed_s < hang_s / 2


def test_stop_cuts_idle_keep_alive_connections():
    emu = Emulator(keys={TEST_KEY}).start()
    with requests.Session() as session:
        assert session.get(emu.host_url + "/_emulator/health", timeout=5).status_code == 200
        emu.stop()
        with pytest.raises(requests.ConnectionError):
            session.get(emu.host_url + "/_emulator/health", timeout=5)


def test_non_json_reply(emulator):
    emulator.inject("non_json")
    reply = post(emulator, payload())
    assert reply.status_code == 200 and reply.headers["Content-Type"].startswith("text/plain")
    assert reply.text == "upstream says hi"


def test_html_error_reply(emulator):
    emulator.inject("html_error")
    reply = post(emulator, payload())
    assert reply.status_code == 502 and reply.headers["Content-Type"].startswith("text/html")
    assert reply.text == "<html><body><h1>502 Bad Gateway</h1></body></html>"


def test_no_output_reply(emulator):
    emulator.inject("no_output")
    reply = post(emulator, payload())
    assert reply.status_code == 200 and reply.headers["Content-Type"] == "application/json"
    body = reply.json()
    assert "output" not in body
    assert body["code"] == "InternalError" and body["message"] == "no output"


def test_expired_urls_fault(emulator):
    emulator.inject("expired_urls")
    url = image_urls(post(emulator, payload()))[0]
    assert int(re.search(r"Expires=(\d+)", url)[1]) <= time.time()
    reply = requests.get(url, timeout=5)
    assert reply.status_code == 403 and reply.headers["Content-Type"] == "application/xml"
    assert "<Code>AccessDenied</Code><Message>Request has expired.</Message>" in reply.text
    assert emulator.downloads == 0


def test_slow_download_trickles(emulator):
    emulator.inject("slow_download", seconds=0.4)
    url = image_urls(post(emulator, payload(size="512*512")))[0]
    started = time.monotonic()
    with requests.get(url, timeout=10, stream=True) as reply:
        pieces = [(time.monotonic(), p) for p in iter(lambda: reply.raw.read1(1 << 20), b"")]
    image = Image.open(io.BytesIO(b"".join(p for _, p in pieces)))
    assert image.size == (512, 512)
    first, last = pieces[0][0] - started, pieces[-1][0] - started
    assert last >= 0.35  # slow: spread over the fault's seconds
    assert first < last / 2  # a trickle from the start, not one late burst after a wait


def test_truncated_download_sends_half(emulator):
    emulator.inject("truncated_download")
    url = image_urls(post(emulator, payload(size="512*512")))[0]
    conn = http.client.HTTPConnection("127.0.0.1", emulator.port, timeout=5)
    promised, arrived = cut_short(conn, url.removeprefix(emulator.host_url))
    assert arrived == promised // 2


def test_foreign_host_fault(emulator):
    emulator.inject("foreign_host")
    urls = image_urls(post(emulator, payload(n=2)))
    assert all(u.startswith("http://results.evil.example/results/") for u in urls)


def test_latency_fault_and_latency_setting(emulator):
    emulator.inject("latency", seconds=1.0)
    started = time.monotonic()
    assert post(emulator, payload()).status_code == 200
    assert time.monotonic() - started >= 1.0 and emulator.requests[-1].elapsed_s >= 1.0
    assert post(emulator, payload()).status_code == 200
    delayed, prompt = emulator.requests[-2:]
    assert (delayed.fault, prompt.fault) == ("latency", None)  # the fault was used up
    # The same work without the 1 s wait: rendering alone (tens of ms) takes a fraction of it.
    assert prompt.elapsed_s < delayed.elapsed_s / 2


def test_configured_latency_runs_requests_concurrently():
    with Emulator(keys={TEST_KEY}, latency_s=0.3).start() as emu:
        replies: list[int] = []
        threads = [
            threading.Thread(target=lambda: replies.append(post(emu, payload()).status_code))
            for _ in range(4)
        ]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=5)
        assert replies == [200] * 4
        assert time.monotonic() - started >= 0.3
        # In parallel, not 4 x 0.3 s in a row: every request began before any had ended.
        spans = [(r.time, r.time + r.elapsed_s) for r in emu.requests]
        assert len(spans) == 4 and max(s for s, _ in spans) < min(e for _, e in spans)


# -- result URLs --------------------------------------------------------------------------------


def test_result_urls_expire_after_the_ttl():
    with Emulator(keys={TEST_KEY}, result_ttl_s=0.5).start() as emu:
        url = image_urls(post(emu, payload(size="512*512")))[0]
        assert fetch(url).size == (512, 512)
        # The link names its own end (Expires, whole seconds, rounded up): wait past it, not
        # a fixed delay after the request (the clock starts when the image is stored).
        expires = int(re.search(r"Expires=(\d+)", url).group(1))
        time.sleep(max(0.0, expires + 0.05 - time.time()))
        reply = requests.get(url, timeout=5)
        assert reply.status_code == 403 and "Request has expired." in reply.text


def test_result_urls_are_signed_and_unguessable(emulator):
    url = image_urls(post(emulator, payload(size="512*512")))[0]
    tampered = re.sub(r"Signature=[0-9a-f]+", "Signature=00", url)
    assert requests.get(tampered, timeout=5).status_code == 403
    later = re.sub(r"Expires=\d+", "Expires=9999999999", url)
    assert requests.get(later, timeout=5).status_code == 403
    unknown = requests.get(emulator.host_url + "/results/nope.png", timeout=5)
    assert unknown.status_code == 404 and unknown.headers["Content-Type"] == "application/xml"
    assert requests.head(url, timeout=5).headers["Content-Type"] == "image/png"
    assert emulator.downloads == 0


def test_results_in_memory_are_bounded():
    with Emulator(keys={TEST_KEY}, max_results=2).start() as emu:
        urls = image_urls(post(emu, payload(n=3, seed=1)))
        assert requests.get(urls[0], timeout=5).status_code == 404  # evicted, oldest first
        assert [fetch(u).size for u in urls[1:]] == [(1184, 880)] * 2


# -- rate limiting ------------------------------------------------------------------------------


def test_rate_limit_per_key_with_a_sliding_window():
    with Emulator(keys={TEST_KEY, "sk-other"}, rate_limit_per_s=2).start() as emu:
        started = time.monotonic()
        # Throttling comes before validation, so cheap invalid bodies count as requests too.
        codes = [post(emu, {}).json()["code"] for _ in range(3)]
        assert codes == ["BadRequest.EmptyModel", "BadRequest.EmptyModel", "Throttling.RateQuota"]
        reply = post(emu, {})
        assert_error(reply, 429, "Throttling.RateQuota", "rate limit exceeded")
        assert post(emu, {}, key="sk-other").status_code == 400  # another key, its own window
        time.sleep(max(0.0, started + 1.05 - time.monotonic()))
        assert post(emu, payload()).status_code == 200


def test_rate_limit_counts_arrivals_even_when_decided_out_of_order():
    # Handler threads may decide in another order than requests arrived: the window is about
    # arrival times, as a gateway stamps them. Capacity 2 per 1 s.
    limiter = SlidingWindowLimiter(2.0, clock=lambda: 12.0)
    assert limiter.allow("k", 10.0)
    assert limiter.allow("k", 11.2)
    assert limiter.allow("k", 10.6)  # decided last, arrived between: no window holds three
    assert not limiter.allow("k", 10.9)  # 10.0, 10.6, 10.9: three within one second
    assert not limiter.allow("k", 11.5)  # 10.6, 11.2, 11.5
    assert limiter.allow("k", 11.7)  # 11.2, 11.7 (10.6 is a second before)
    assert limiter.allow("other-key", 11.7)  # each key its own window


# -- HTTP plumbing and control routes -----------------------------------------------------------


def test_keep_alive_connection_serves_many_requests(emulator):
    conn = http.client.HTTPConnection("127.0.0.1", emulator.port, timeout=5)
    headers = {"Authorization": f"Bearer {TEST_KEY}", "Content-Type": "application/json"}
    try:
        sock_ids = set()
        for key in (TEST_KEY, "sk-wrong", TEST_KEY):
            body = json.dumps(payload(size="512*512"))
            conn.request(
                "POST", "/api/v1" + GEN, body, headers | {"Authorization": f"Bearer {key}"}
            )
            reply = conn.getresponse()
            data = reply.read()
            assert len(data) == int(reply.getheader("Content-Length"))
            assert reply.status == (200 if key == TEST_KEY else 401)
            sock_ids.add(id(conn.sock))
        url = json.loads(data)["output"]["choices"][0]["message"]["content"][0]["image"]
        conn.request("GET", url.removeprefix(emulator.host_url))
        assert conn.getresponse().read().startswith(b"\x89PNG")
        sock_ids.add(id(conn.sock))
        assert len(sock_ids) == 1  # one connection throughout
    finally:
        conn.close()


def test_chunked_request_bodies_are_read(emulator):
    conn = http.client.HTTPConnection("127.0.0.1", emulator.port, timeout=5)
    body = json.dumps(payload()).encode()
    chunks = (body[i : i + 1000] for i in range(0, len(body), 1000))
    try:
        conn.request("POST", "/api/v1" + GEN, chunks, {"Authorization": f"Bearer {TEST_KEY}"},
                     encode_chunked=True)  # fmt: skip
        assert conn.getresponse().status == 200
    finally:
        conn.close()


def test_control_routes(emulator):
    base = emulator.host_url
    assert requests.get(base + "/_emulator/health", timeout=5).json() == {"ok": True}
    added = requests.post(base + "/_emulator/faults", json={"kind": "throttle", "times": 2})
    assert added.json() == {"ok": True, "queued": 2}
    assert post(emulator, payload()).status_code == 429
    assert requests.delete(base + "/_emulator/faults", timeout=5).json() == {"ok": True}
    assert post(emulator, payload()).status_code == 200
    hang = requests.post(base + "/_emulator/faults", json={"kind": "latency", "seconds": 0.01})
    assert hang.status_code == 200
    bad = requests.post(base + "/_emulator/faults", json={"kind": "explode"}, timeout=5)
    assert_error(bad, 400, "InvalidParameter", "unknown fault kind")
    listing = requests.get(base + "/_emulator/requests", timeout=5).json()
    assert [(r["status"], r["fault"]) for r in listing] == [(429, "throttle"), (200, None)]
    assert "data:" not in json.dumps(listing)  # no image data in the log
    assert listing[-1]["images"][0]["kind"] == "data"


def test_uploads_and_unknown_routes(emulator):
    reply = requests.get(emulator.base_url + "/uploads?action=getPolicy&model=x", timeout=5)
    assert_error(reply, 400, "InvalidParameter", "file upload is not emulated")
    assert requests.get(emulator.host_url + "/nowhere", timeout=5).status_code == 404
    assert requests.get(emulator.base_url + GEN, timeout=5).status_code == 405
    assert emulator.attempts == 0  # none of these were generation POSTs


# -- the CLI ------------------------------------------------------------------------------------


def test_cli_serves_until_terminated():
    command = [sys.executable, "-m", "services.emulator", "--port", "0", "--key", "sk-cli"]
    proc = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline().strip()
        match = re.fullmatch(r"DashScope emulator on (http://127\.0\.0\.1:(\d+)/api/v1)", line)
        assert match and int(match[2]) > 0, line
        host = match[1].removesuffix("/api/v1")
        assert requests.get(host + "/_emulator/health", timeout=5).json() == {"ok": True}
        reply = requests.post(
            match[1] + GEN, json=payload(), headers={"Authorization": "Bearer sk-cli"}, timeout=10
        )
        assert reply.status_code == 200
    finally:
        proc.terminate()
        assert proc.wait(timeout=5) == 0
        proc.stdout.close()


def test_oversized_body_is_refused_unread(emulator):
    conn = http.client.HTTPConnection("127.0.0.1", emulator.port, timeout=5)
    try:
        conn.putrequest("POST", "/api/v1" + GEN)
        conn.putheader("Authorization", f"Bearer {TEST_KEY}")
        conn.putheader("Content-Length", str(60 * 1024 * 1024))
        conn.endheaders()
        reply = conn.getresponse()
        assert reply.status == 413 and reply.getheader("Connection") == "close"
        assert json.loads(reply.read())["code"] == "BadRequest.TooLarge"
    finally:
        conn.close()
    assert emulator.attempts == 1 and emulator.requests[-1].code == "BadRequest.TooLarge"


def test_model_rate_limits_hold_max_to_one_request_per_thirty_seconds():
    """Max allows 2 requests a minute, enforced per second as the service does (RPM/60); Plus
    on the same key is not affected. Only with model_rate_limits on."""
    with Emulator(keys={TEST_KEY}, model_rate_limits=True).start() as emu:
        first = post(emu, payload(model="qwen-image-edit-max"))
        second = post(emu, payload(model="qwen-image-edit-max"))
        plus = post(emu, payload(model="qwen-image-edit-plus"))
        assert (first.status_code, second.status_code, plus.status_code) == (200, 429, 200)
        assert second.json()["code"] == "Throttling.RateQuota"
    with Emulator(keys={TEST_KEY}).start() as emu:  # off by default
        codes = [post(emu, payload(model="qwen-image-edit-max")).status_code for _ in range(2)]
        assert codes == [200, 200]
