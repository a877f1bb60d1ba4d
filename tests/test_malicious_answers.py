"""An attacker's corpus: answers a malicious or broken service (or whatever sits between it and
the app) could send. Every case goes through the real SDK, the real backend, the real download
path and, where it matters, the real history, against the emulator's `raw_answer` and
`evil_outputs` faults. Each asserts what the user is told and that whatever was valid is kept.
"""

from __future__ import annotations

import io
import struct
import threading
import zlib
from collections.abc import Iterator
from contextlib import contextmanager

import psutil
import pytest
import requests
from PIL import Image

from services import errors as e
from services.config import Settings
from services.container import build_services
from services.history import new_user_id
from services.results import MAX_OUTPUT_PIXELS
from services.types import EditRequest
from tests.support import KeyWatch

PRICE = 0.03  # qwen-image-edit-plus, Singapore, per image
MB = 1024 * 1024


# -- bytes an attacker would serve ---------------------------------------------------------------


def png(width: int = 640, height: int = 480, color: str = "steelblue") -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (width, height), color).save(buf, "PNG")
    return buf.getvalue()


def lossless_webp(side: int) -> bytes:
    """A side×side lossless WEBP of one colour: 8000×8000 (64 MP, 256 MB decoded) is tens of
    bytes."""
    buf = io.BytesIO()
    Image.new("RGB", (side, side), "black").save(buf, "WEBP", lossless=True, method=0)
    return buf.getvalue()


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def handmade_png(
    width: int, height: int, *, depth: int = 8, colour: int = 2, idat: bytes = b""
) -> bytes:
    """A PNG with whatever IHDR one likes, every chunk checksummed (so only its size is odd)."""
    ihdr = struct.pack(">IIBBBBB", width, height, depth, colour, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", ihdr)
        + _chunk(b"IDAT", idat or zlib.compress(b"\x00" * 64))
        + _chunk(b"IEND", b"")
    )


def zero_png(width: int, height: int, *, depth: int = 8, colour: int = 6) -> bytes:
    """A real, complete PNG of zeros: a zlib bomb (megabytes of pixels in kilobytes)."""
    channels = {0: 1, 2: 3, 6: 4}[colour]
    row = b"\x00" * (1 + (width * channels * depth + 7) // 8)
    packer = zlib.compressobj(9)
    idat = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
    return handmade_png(width, height, depth=depth, colour=colour, idat=idat)


def answer(*images: object, usage: object = None, request_id: object = "$REQUEST_ID") -> dict:
    """A 200 body in the service's shape; "$RESULT" becomes a real link to a rendered output."""
    body: dict = {
        "output": {
            "choices": [
                {
                    "finish_reason": "stop",
                    "message": {"role": "assistant", "content": [{"image": i} for i in images]},
                }
            ]
        },
        "request_id": request_id,
    }
    if usage is not None:
        body["usage"] = usage
    return body


# -- fixtures --------------------------------------------------------------------------------------


@pytest.fixture
def services(tmp_path, emulator):
    settings = Settings(
        data_dir=tmp_path,
        base_url=emulator.base_url,
        retry_base_s=0.01,
        max_retries=1,
        download_attempts=2,
        download_backoff_s=0.01,
    )
    built = build_services(settings)
    yield built
    built.close()


@pytest.fixture
def run(services, test_key):
    """Run one edit for a fresh user; returns (result, user)."""
    creds = services.settings.credentials(test_key)

    def edit(n: int = 1, user: str | None = None, **kw):
        user = user or new_user_id()
        request = EditRequest(images=(png(),), prompt="make the sky a sunset", n=n, **kw)
        return services.editor.edit(request, creds, user=user), user

    return edit


def user_text(exc: pytest.ExceptionInfo) -> str:
    return exc.value.user_text()


@contextmanager
def peak_rss_growth() -> Iterator[list[int]]:
    """Samples this process's RSS every few ms; yields a list that ends up holding the peak
    growth in bytes. A bound on memory, never on time."""
    proc = psutil.Process()
    base = proc.memory_info().rss
    peak = [0]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.002):
            peak[0] = max(peak[0], proc.memory_info().rss - base)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        yield peak
    finally:
        done.set()
        sampler.join()
        peak[0] = max(peak[0], proc.memory_info().rss - base)


# -- outputs that would take the app's memory ----------------------------------------------------


def test_six_64_megapixel_webps_are_refused_before_decoding(services, run, emulator):
    bomb = lossless_webp(8000)
    assert len(bomb) < 4096  # 64 MP in a few bytes: 256 MB each if decoded
    run()  # warm up: imports, thread pools, connections
    emulator.inject("evil_outputs", data=bomb)
    downloads = emulator.downloads
    with peak_rss_growth() as growth, pytest.raises(e.ResultDownloadError) as caught:
        run(n=6)
    assert growth[0] < 100 * MB, f"RSS grew by {growth[0] / MB:.0f} MB"
    text = user_text(caught)
    assert "was refused: it declares 8000×8000 pixels (64.0 megapixels)" in text
    assert "It was not decoded" in text
    assert not caught.value.retryable and caught.value.arrived == ()
    assert emulator.downloads - downloads == 6  # each fetched once: a refusal is not retried
    # Nothing of theirs reached the disk; the failure is in the user's history.
    assert not [p for p in services.history.root.rglob("*.png") if "staging" in p.parts]


def test_a_bomb_beside_a_valid_output_keeps_the_valid_one(services, run, emulator):
    bomb = lossless_webp(8000)
    emulator.inject("raw_answer", body=answer("$RESULT", "$DATA"), data=bomb)
    user = new_user_id()
    with pytest.raises(e.ResultDownloadError) as caught:
        run(n=2, user=user)
    text = user_text(caught)
    assert text.startswith("1 of 2 outputs were saved. Output 2 was refused")
    assert "'Fetch outputs again'" in text  # the hint points at the kept entry
    (entry,) = services.history.list(user)
    assert entry.status == "failed" and len(entry.output_paths()) == 1
    with Image.open(entry.output_paths()[0]) as kept:
        assert kept.format == "PNG" and kept.size[0] * kept.size[1] < MAX_OUTPUT_PIXELS


def test_a_png_with_a_huge_ihdr_is_refused_by_its_header(run, emulator, recwarn):
    emulator.inject("evil_outputs", data=handmade_png(100_000, 100_000))
    with pytest.raises(e.ResultDownloadError) as caught:
        run()
    assert "Output 1 was refused: it declares 100000×100000 pixels (10000.0 megapixels)" in (
        user_text(caught)
    )
    # Refused by its size, not by Pillow's decompression-bomb guard (nor its warning).
    assert not [w for w in recwarn if "DecompressionBomb" in type(w.message).__name__]


def test_a_zlib_bomb_png_is_refused_without_inflating_it(run, emulator):
    bomb = zero_png(20_000, 20_000)  # 1.6 GB of RGBA pixels
    assert len(bomb) < 4 * MB
    run()
    emulator.inject("evil_outputs", data=bomb)
    with peak_rss_growth() as growth, pytest.raises(e.ResultDownloadError) as caught:
        run()
    assert growth[0] < 100 * MB, f"RSS grew by {growth[0] / MB:.0f} MB"
    assert "declares 20000×20000 pixels (400.0 megapixels)" in user_text(caught)


def test_a_dense_png_within_the_cap_is_kept_without_decoding(run, emulator):
    """4096×4096 RGBA of zeros (67 MB of pixels, tens of KB of file): plausible, so kept,
    verified by checksums and stored byte for byte, never inflated."""
    dense = zero_png(4096, 4096)
    run()
    emulator.inject("evil_outputs", data=dense)
    with peak_rss_growth() as growth:
        result, _ = run()
    assert growth[0] < 50 * MB, f"RSS grew by {growth[0] / MB:.0f} MB"
    assert result.images[0].read_bytes() == dense


def test_a_non_png_output_is_converted_only_after_its_size_is_checked(run, emulator):
    buf = io.BytesIO()
    Image.new("RGB", (800, 600), "orange").save(buf, "WEBP", quality=80)
    emulator.inject("evil_outputs", data=buf.getvalue())
    result, _ = run()
    with Image.open(result.images[0]) as kept:
        assert kept.format == "PNG" and kept.size == (800, 600)


def test_an_output_that_is_no_image_at_all(run, emulator):
    emulator.inject("evil_outputs", data=b"<html><body>Bucket listing</body></html>")
    with pytest.raises(e.ResultDownloadError) as caught:
        run()
    assert "Output 1 was not a readable image." in user_text(caught)


# -- more outputs than asked for -----------------------------------------------------------------


def test_120_links_for_one_requested_output_download_one(run, emulator):
    emulator.inject("raw_answer", body=answer(*["$RESULT"] * 120))
    downloads = emulator.downloads
    result, _ = run(n=1)
    assert len(result.images) == 1 and result.images[0].exists()
    assert emulator.downloads - downloads == 1
    assert (
        "The service sent 120 output links for 1 requested image: the first 1 was downloaded, "
        "119 extra links ignored." in result.warnings
    )
    assert result.cost.usd == pytest.approx(PRICE)


# -- usage: counts and sizes -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("usage", "shown"),
    [
        ({"width": 1024, "height": 1024, "image_count": 10**30}, "image_count=a 31-digit number"),
        ({"width": 1024, "height": 1024, "image_count": -5}, "image_count=-5"),
        ({"width": 1024, "height": 1024, "image_count": -1_000_000}, "image_count=-1000000"),
        ({"width": 1024, "height": 1024, "image_count": "lots"}, "image_count='lots'"),
        ({"width": 1024, "height": 1024, "image_count": 2}, "image_count=2"),  # more than n
        ({"width": 1024, "height": 1024, "image_count": True}, "image_count=True"),
        ({"width": 1024, "height": 1024, "image_count": 1.0}, "image_count=1.0"),
        ({"width": float("inf"), "height": 1024, "image_count": 1}, "width=inf"),
        ({"width": 1024, "height": float("nan"), "image_count": 1}, "height=nan"),
        ({"width": 0, "height": 1024, "image_count": 1}, "width=0"),
        ({"width": 10**6, "height": 1024, "image_count": 1}, "width=1000000"),
        ({"width": {"a": 1}, "height": 1024, "image_count": 1}, "width={'a': 1}"),
        ({"image_count": 1}, "width=None"),
    ],
)
def test_implausible_usage_is_dropped_and_the_cost_counts_the_outputs(
    services, run, emulator, usage, shown
):
    emulator.inject("raw_answer", body=answer("$RESULT", usage=usage))
    result, user = run(n=1)
    assert len(result.images) == 1 and result.usage is None
    assert result.cost.usd == pytest.approx(PRICE)  # one output arrived; never negative
    (warning,) = [w for w in result.warnings if "implausible usage" in w]
    assert shown in warning and "the cost is counted from the outputs received" in warning
    # The history, and its listing and totals, hold only sane values.
    (entry,) = services.history.list(user)
    assert entry.usage is None and entry.cost_usd == pytest.approx(PRICE)
    totals = services.history.totals(user)
    assert totals.images_all == 1 and totals.cost_all == pytest.approx(PRICE)


def test_sane_usage_with_fewer_billed_than_made_is_kept(run, emulator):
    emulator.inject(
        "raw_answer",
        body=answer("$RESULT", "$RESULT", usage={"width": 1024, "height": 768, "image_count": 1}),
    )
    result, _ = run(n=2)
    assert len(result.images) == 2 and result.usage.image_count == 1
    assert result.cost.usd == pytest.approx(PRICE) and not result.warnings


def test_usage_that_is_not_an_object_fails_cleanly(run, emulator):
    """The SDK itself raises TypeError on such a body (MultiModalConversationUsage(**"lots")),
    so nothing can be kept; the user gets a clean error, never a traceback."""
    emulator.inject("raw_answer", body=answer("$RESULT", usage="lots"))
    with pytest.raises(e.MalformedResponseError) as caught:
        run()
    assert "The service sent an answer this app cannot read." in user_text(caught)


# -- the request id ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("request_id", "shown"),
    [
        ({"id": "x"}, "{'id': 'x'}"),
        (["a", "b"], "['a', 'b']"),
        (12345, "12345"),
        (float("inf"), "inf"),
        (float("nan"), "nan"),
        (True, "True"),
        ("x" * 5000, "'xxxxxxxxxxxxxxxxxxxxxx…"),
        ("id\nInjected: header", "'id\\nInjected: header'"),
        ("<script>alert(1)</script> ", "'<script>alert(1)</scri…"),
    ],
)
def test_a_request_id_that_is_not_a_short_printable_string_is_dropped(
    services, run, emulator, request_id, shown
):
    emulator.inject("raw_answer", body=answer("$RESULT", request_id=request_id))
    result, user = run()
    assert result.request_id == "" and len(result.images) == 1
    (warning,) = [w for w in result.warnings if "request id" in w]
    assert warning == f"The service's request id ({shown}) was not a short printable text; " + (
        "it was left out."
    )
    (entry,) = services.history.list(user)
    assert entry.request_id in ("", None) and entry.status == "ok"


def test_a_request_id_that_echoes_the_key_is_dropped_and_not_quoted(
    services, run, emulator, test_key
):
    before = len(KeyWatch.hits)
    emulator.inject("raw_answer", body=answer("$RESULT", request_id=test_key))
    result, user = run()
    assert result.request_id == "" and len(result.images) == 1
    assert not [w for w in result.warnings if test_key[:12] in w]
    assert any("request id ('[redacted]" in w for w in result.warnings)
    (entry,) = services.history.list(user)
    assert test_key not in str(entry)
    # The hostile answer itself carries the key, and the SDK's own debug line prints that
    # answer. The tests turn SDK debug logging on and watch raw records; the app turns it off
    # and scrubs every record where it is made (tests/test_logs.py). Only that line may hold
    # the key; it is the service's echo, not the app's leak.
    echoed = KeyWatch.hits[before:]
    assert all(hit.startswith("dashscope: Response:") for hit in echoed), echoed
    del KeyWatch.hits[before:]


def test_a_good_request_id_is_kept(run, emulator):
    emulator.inject("raw_answer", body=answer("$RESULT"))
    result, _ = run()
    assert result.request_id == emulator.requests[-1].request_id and not result.warnings


# -- output links --------------------------------------------------------------------------------


def test_non_string_image_values_are_skipped_and_the_valid_one_kept(run, emulator):
    junk = [5, None, {"url": "http://x"}, ["http://x"], True, 1.5, "javascript:alert(1)", ""]
    emulator.inject("raw_answer", body=answer(*junk, "$RESULT"))
    result, _ = run(n=1)
    assert len(result.images) == 1 and result.images[0].exists()
    assert "8 outputs in the service's answer were not web links and were skipped." in (
        result.warnings
    )


def test_an_untrusted_link_beside_a_valid_one_is_not_fetched(run, emulator):
    emulator.inject(
        "raw_answer", body=answer("http://results.evil.example/steal.png?x=1", "$RESULT")
    )
    result, _ = run(n=2)
    assert len(result.images) == 1
    assert (
        "1 output link(s) pointed at a host this app does not trust and were not downloaded."
        in result.warnings
    )


def test_a_repeated_link_is_downloaded_once(run, emulator):
    emulator.inject("raw_answer", body=answer("$RESULT"))
    first, _ = run()
    link = emulator.requests[-1].result_urls[0]
    emulator.inject("raw_answer", body=answer(link, link))
    downloads = emulator.downloads
    result, _ = run(n=2)
    assert len(result.images) == 1 and emulator.downloads - downloads == 1
    assert "1 output link repeated an earlier one and was skipped." in result.warnings
    assert first.images[0].read_bytes() == result.images[0].read_bytes()


@pytest.mark.parametrize(
    "body",
    [
        answer(),  # no images
        {"output": {"choices": []}, "request_id": "$REQUEST_ID"},  # empty choices
        {
            "output": {"choices": [{"message": {"role": "assistant", "content": "hi"}}]},
            "request_id": "$REQUEST_ID",
        },  # fmt: skip
        {"output": {}, "request_id": "$REQUEST_ID"},
        answer(7, None, {"image": "$RESULT"}),
    ],
    ids=["no-images", "empty-choices", "text-content", "empty-output", "only-junk"],
)
def test_an_answer_without_a_valid_output_is_malformed_and_carries_the_request_id(
    services, run, emulator, body
):
    emulator.inject("raw_answer", body=body)
    user = new_user_id()
    with pytest.raises(e.MalformedResponseError) as caught:
        run(user=user)
    sent_id = emulator.requests[-1].request_id
    assert caught.value.request_id == sent_id
    text = user_text(caught)
    assert text.startswith("The service answered without any usable image.")
    assert text.endswith(f"(request id {sent_id})")
    (entry,) = services.history.list(user)
    assert entry.status == "failed" and entry.request_id == sent_id


def test_an_html_page_with_status_200_is_a_clean_error(run, emulator):
    emulator.inject(
        "raw_answer",
        body="<!doctype html><html><body>Welcome to the captive portal</body></html>",
        content_type="text/html; charset=utf-8",
    )
    with pytest.raises(e.MalformedResponseError) as caught:
        run()
    assert "cannot read" in user_text(caught) and "captive" not in user_text(caught)


def test_an_error_answer_with_odd_fields_is_still_a_typed_error(run, emulator):
    emulator.inject(
        "raw_answer",
        status=400,
        body={"code": {"nested": 1}, "message": "bad thing", "request_id": {"id": 1}},
    )
    with pytest.raises(e.InvalidParameterError) as caught:
        run()
    assert caught.value.request_id is None and caught.value.code == "HTTP400"
    assert "bad thing" in user_text(caught)


# -- the emulator's faults themselves ------------------------------------------------------------


def test_raw_answer_is_sent_verbatim_with_placeholders_filled(emulator, test_key):
    from tests.test_emulator import GEN, payload

    emulator.inject(
        "raw_answer",
        body=answer("$RESULT", "$RESULT", usage={"width": float("inf"), "image_count": 10**30}),
    )
    reply = requests.post(
        emulator.base_url + GEN,
        json=payload(n=1),
        headers={"Authorization": f"Bearer {test_key}"},
        timeout=10,
    )
    assert reply.status_code == 200
    assert b'"width": Infinity' in reply.content and str(10**30).encode() in reply.content
    record = emulator.requests[-1]
    assert record.fault == "raw_answer" and reply.json()["request_id"] == record.request_id
    links = [item["image"] for item in reply.json()["output"]["choices"][0]["message"]["content"]]
    assert links == record.result_urls and len(set(links)) == 2
    assert requests.get(links[1], timeout=10).content[:8] == b"\x89PNG\r\n\x1a\n"


def test_evil_outputs_serve_the_given_bytes(emulator, test_key):
    from tests.test_emulator import GEN, payload

    emulator.inject("evil_outputs", data=b"not an image")
    reply = requests.post(
        emulator.base_url + GEN,
        json=payload(n=2),
        headers={"Authorization": f"Bearer {test_key}"},
        timeout=10,
    )
    links = [item["image"] for item in reply.json()["output"]["choices"][0]["message"]["content"]]
    assert [requests.get(link, timeout=10).content for link in links] == [b"not an image"] * 2


@pytest.mark.parametrize(
    ("kind", "options"),
    [
        ("raw_answer", {}),
        ("raw_answer", {"body": {"x": object()}}),
        ("raw_answer", {"body": "x", "status": 99}),
        ("raw_answer", {"body": "x", "data": "***"}),
        ("evil_outputs", {}),
        ("evil_outputs", {"data": b""}),
        ("evil_outputs", {"data": "not base64!"}),
    ],
)
def test_bad_fault_options_fail_at_inject(emulator, kind, options):
    with pytest.raises((ValueError, TypeError)):
        emulator.inject(kind, **options)
