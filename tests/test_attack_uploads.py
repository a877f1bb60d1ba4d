"""Attack class: disk without bounds, through uploads.

Anyone can post files to Gradio's upload route, and Gradio keeps each one in its cache:
anonymous uploads filled ~200 MB/s. Each address now has an hourly upload budget, and all
uploads stop while free disk is under a floor. Asserted: the status and sentence the
uploader gets, that the cache did not grow past the budget, and that other addresses (and
edits) are unaffected."""

from __future__ import annotations

import io

import pytest
import requests
from PIL import Image

from tests.support import close_app, launch_app
from ui.upload_budget import UploadBudget

MB = 2**20


def upload(app, payload: bytes, name: str = "x.png", address: str | None = None):
    headers = {"X-Forwarded-For": address} if address else {}
    return requests.post(
        f"{app.url}gradio_api/upload",
        files=[("files", (name, payload, "image/png"))],
        headers=headers,
        timeout=30,
    )


def noise(size: int) -> bytes:
    return bytes(range(256)) * (size // 256)


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    launched = launch_app(tmp_path_factory.mktemp("uploads"), upload_mb_per_hour=8)
    yield launched
    close_app(launched)


def test_an_address_is_refused_past_its_hourly_budget_and_others_are_not(app):
    accepted = 0
    for _ in range(6):
        reply = upload(app, noise(3 * MB), address="203.0.113.50")
        if reply.status_code != 200:
            break
        accepted += 1
    assert accepted == 2  # 3 + 3 MB fit in 8 MB; the third would pass it
    assert reply.status_code == 429
    message = reply.json()["detail"]
    assert message.startswith(
        "You have uploaded 6 MB in the last hour; the limit is 8 MB per hour."
    )
    assert "Try again in about" in message
    assert upload(app, noise(3 * MB), address="198.51.100.7").status_code == 200  # someone else


@pytest.mark.parametrize("size_mb", [9, 20, 49])
def test_one_upload_over_the_budget_is_refused_before_it_is_stored(app, size_mb):
    reply = upload(app, noise(size_mb * MB), address=f"192.0.2.{size_mb}")
    assert reply.status_code == 429 and "the limit is 8 MB per hour" in reply.json()["detail"]


def test_small_images_still_go_through(app):
    out = io.BytesIO()
    Image.new("RGB", (64, 64), "red").save(out, "PNG")
    reply = upload(app, out.getvalue(), address="192.0.2.200")
    assert reply.status_code == 200 and reply.json()[0].endswith("x.png")


def test_uploads_pause_when_the_disk_is_nearly_full(tmp_path):
    app = launch_app(tmp_path, min_free_disk_mb=10**9)  # more than any disk has free
    try:
        reply = upload(app, noise(MB))
        assert reply.status_code == 507
        assert reply.json()["detail"].startswith("The server is short of disk space")
    finally:
        close_app(app)


async def _drive(budget: UploadBudget, chunks: list[bytes], declared: int | None):
    sent: list[dict] = []
    stored: list[int] = []
    headers = [] if declared is None else [(b"content-length", str(declared).encode())]
    scope = {"type": "http", "method": "POST", "path": "/gradio_api/upload",
             "client": ("203.0.113.9", 1), "headers": headers}  # fmt: skip
    messages = [{"type": "http.request", "body": c, "more_body": True} for c in chunks]

    async def receive():
        return messages.pop(0)

    async def send(message):
        sent.append(message)

    async def app(scope, receive, send):  # stands for Gradio: reads the whole body
        while True:
            message = await receive()
            stored.append(len(message["body"]))
            if not messages:
                break
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})

    await UploadBudget(
        app, bytes_per_hour=budget, min_free_bytes=0, disk=__import__("pathlib").Path("/")
    )(scope, receive, send)
    return sent[0]["status"], sum(stored)


@pytest.mark.parametrize(
    "declared, expected",
    [(None, 429), (10, 429)],  # no length, or a lying one: counted as the bytes arrive
)
def test_bodies_without_an_honest_length_are_counted_as_they_arrive(declared, expected):
    import asyncio

    status, stored = asyncio.run(_drive(4 * MB, [b"x" * MB] * 8, declared))
    assert status == expected and stored <= 5 * MB  # cut off once past the budget
