"""The launched app through gradio_client, as a program would use it; the emulator behind it
records what actually reached the service."""

from __future__ import annotations

import io
import re
import threading
from pathlib import Path

import pytest
from gradio_client import Client, handle_file
from gradio_client.exceptions import AppError
from PIL import Image

from tests.support import TEST_KEY, close_app, edit_kwargs, launch_app


@pytest.fixture(scope="module")
def images(tmp_path_factory) -> list[Path]:
    folder = tmp_path_factory.mktemp("inputs")
    paths = []
    for name, size, color in [
        ("a.png", (640, 480), "red"),
        ("b.jpg", (500, 500), "green"),
        ("c.png", (400, 800), "blue"),
    ]:
        path = folder / name
        Image.new("RGB", size, color).save(path)
        paths.append(path)
    return paths


@pytest.fixture(scope="module")
def client(launched) -> Client:
    return Client(launched.url, verbose=False)


def call(client: Client, files, prompt="make it pop", **kw):
    return client.predict(**edit_kwargs(files, prompt=prompt, **kw), api_name="/edit")


def test_api_surface_is_documented_and_minimal(client):
    endpoints = client.view_api(print_info=False, return_format="dict")["named_endpoints"]
    # Only the program-facing endpoints: every UI event is private.
    assert sorted(endpoints) == [
        "/edit",
        "/history_delete",
        "/history_entry",
        "/history_export",
        "/history_fetch",
        "/history_list",
    ]
    names = [p["parameter_name"] for p in endpoints["/edit"]["parameters"]]
    assert names == [
        "images",
        "image_urls",
        "prompt",
        "negative_prompt",
        "model",
        "n",
        "seed",
        "width",
        "height",
        "prompt_extend",
        "watermark",
        "api_key",
        "region",
        "user_id",
        "mask",
        "margin",
        "feather",
    ]


def test_one_image_edit(client, launched, images):
    files, meta = call(client, images[:1])
    assert len(files) == 1
    with Image.open(files[0]) as img:
        assert img.format == "PNG"
        assert (img.width, img.height) == (meta["usage"]["width"], meta["usage"]["height"])
    sent = launched.emulator.requests[-1]
    assert sent.request_id == meta["request_id"]
    assert sent.parameters["seed"] == meta["seed"]
    assert meta["cost_usd"] == pytest.approx(0.03)
    # The outputs were kept in the history under the data directory, for a new user id.
    user = launched.services.identities.verify(meta["user_id"])
    entry = launched.services.history.get(user, meta["entry_id"])
    assert [p.name for p in entry.output_paths()] == meta["files"]
    assert entry.output_paths()[0].read_bytes() == Path(files[0]).read_bytes()


def test_three_images_four_outputs(client, launched, images):
    files, meta = call(client, images, prompt="put image 1 and image 2 into image 3", n=4)
    assert len(files) == 4 and meta["usage"]["image_count"] == 4
    sent = launched.emulator.requests[-1]
    assert len(sent.images) == 3 and sent.parameters["n"] == 4
    with Image.open(files[0]) as img:
        assert abs(img.width / img.height - 0.5) < 0.05  # the last image (400x800) decides


def test_every_parameter_reaches_the_service(client, launched, images):
    call(
        client,
        images[:1],
        prompt="swap the colours",
        negative_prompt="blurry",
        model="qwen-image-edit-plus-2025-10-30",
        n=1,
        seed=4242,
        width=1024,
        height=768,
        prompt_extend=False,
        watermark=True,
    )
    sent = launched.emulator.requests[-1]
    assert sent.model == "qwen-image-edit-plus-2025-10-30"
    assert sent.text == "swap the colours"
    assert sent.parameters == {
        "n": 1,
        "seed": 4242,
        "watermark": True,
        "negative_prompt": "blurry",
        "size": "1024*768",
        "prompt_extend": False,
    }


def test_basic_model_gets_no_prompt_extend(client, launched, images):
    _, meta = call(client, images[:1], model="qwen-image-edit", prompt_extend=True)
    assert "prompt_extend" not in launched.emulator.requests[-1].parameters
    assert meta["cost_usd"] == pytest.approx(0.045)


def test_validation_error_is_a_readable_message(client, launched, images):
    before = launched.emulator.attempts
    with pytest.raises(
        AppError, match=r"The number of outputs cannot be 7. Allowed: a whole number from 1 to 6"
    ):
        call(client, images[:1], n=7)
    assert launched.emulator.attempts == before  # refused before anything was sent


def test_service_error_carries_the_hint(client, launched, images):
    launched.emulator.inject("error", code="DataInspectionFailed")
    with pytest.raises(AppError) as err:
        call(client, images[:1])
    text = str(err.value)
    assert "content check stopped this edit" in text and "Rephrase" in text
    assert "Traceback" not in text


def test_fourth_image_through_url_is_refused(client, images):
    with pytest.raises(AppError, match="1 to 3 images"):
        call(client, images, image_urls="https://example.com/a.png")


def test_metadata_never_echoes_a_key(client, launched, images):
    _, meta = call(client, images[:1], api_key=TEST_KEY)
    assert TEST_KEY not in repr(meta)


def test_two_clients_at_once_are_both_served(tmp_path, images):
    app = launch_app(tmp_path, latency_s=3.0)
    try:
        results, errors = [], []
        # Both clients connect first (on a loaded machine that alone can take seconds), then
        # both edits go at once.
        clients = [Client(app.url, verbose=False) for _ in range(2)]
        ready = threading.Barrier(2)

        def one(client: Client) -> None:
            try:
                ready.wait(timeout=60)
                results.append(call(client, images[:1]))
            except Exception as exc:  # pragma: no cover - reported below
                errors.append(exc)

        threads = [threading.Thread(target=one, args=(c,)) for c in clients]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert not errors and len(results) == 2
        # Served side by side, not back to back: each edit reached the service while the
        # other one was still there (3 s each).
        a, b = [(r.time, r.time + r.elapsed_s) for r in app.emulator.requests]
        assert a[0] < b[1] and b[0] < a[1], (a, b)
    finally:
        close_app(app)


def test_user_key_is_used_when_the_operator_has_none(tmp_path, images):
    app = launch_app(tmp_path, operator_key=None)
    try:
        client = Client(app.url, verbose=False)
        with pytest.raises(AppError, match="No DashScope API key is set"):
            call(client, images[:1])
        files, _ = call(client, images[:1], api_key=TEST_KEY)
        assert len(files) == 1
        with pytest.raises(AppError, match="did not accept the API key"):
            call(client, images[:1], api_key="sk-notthekey0000000000000000000000")
    finally:
        close_app(app)


def test_png_bytes_roundtrip_is_lossless(client, tmp_path):
    # Outputs must be PNG files, not WEBP re-encodes (Gradio's default for images).
    src = tmp_path / "gradient.png"
    img = Image.new("RGB", (600, 600))
    img.putdata([(x % 256, y % 256, 128) for y in range(600) for x in range(600)])
    img.save(src)
    files, _ = call(client, [src])
    assert Path(files[0]).suffix == ".png"
    assert io.BytesIO(Path(files[0]).read_bytes()).read(8) == b"\x89PNG\r\n\x1a\n"


def test_edit_needs_only_images_and_prompt(client, launched, images):
    """Every other argument is optional with its documented default."""
    files, meta = client.predict(
        images=[handle_file(str(images[0]))], prompt="make it pop", api_name="/edit"
    )
    assert len(files) == 1 and meta["model"] == "qwen-image-edit-plus"
    record = launched.emulator.requests[-1]
    assert record.parameters["n"] == 1 and record.parameters["watermark"] is False
    assert record.parameters["prompt_extend"] is True and "size" not in record.parameters
    params = client.view_api(print_info=False, return_format="dict")["named_endpoints"]["/edit"]
    required = [p["parameter_name"] for p in params["parameters"] if not p["parameter_has_default"]]
    assert required == ["images", "prompt"]


@pytest.mark.parametrize(
    "override, message",
    [
        ({"region": "moon"}, "The region cannot be 'moon'. Allowed: singapore or beijing"),
        (
            {"prompt_extend": "yes"},
            "Prompt rewriting (prompt_extend) cannot be 'yes'. Allowed: true or false",
        ),
    ],
)
def test_values_the_service_would_misread_are_refused_not_replaced(
    client, launched, images, override, message
):
    before = len(launched.emulator.requests)
    with pytest.raises(AppError, match=re.escape(message)):
        call(client, images[:1], **override)
    assert len(launched.emulator.requests) == before
