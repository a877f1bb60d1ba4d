"""Attack class: one user slows everyone.

Image preparation used to run on 3 threads shared by all users: 12 requests of two
64-megapixel flat PNGs plus a broken third image (nothing sent, nothing billed) took a
victim's edit from 0.6 s to 30 s. Now every input's header is checked before any is decoded,
each visitor prepares one edit at a time, and the pool is sized from the machine. Asserted by
order (what reached the service first, what was decoded at all), never by time."""

from __future__ import annotations

import io
import threading

import pytest
from PIL import Image

from services import editing
from services.config import Settings
from services.container import build_services
from services.errors import CancelledError, ImageInputError
from services.fairness import VisitorSlots
from services.types import EditRequest


def flat_png(side: int, color: str = "white") -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (side, side), color).save(buf, "PNG", compress_level=1)
    return buf.getvalue()


def declared_png(width: int, height: int) -> bytes:
    """A PNG header declaring a size, with no pixel data behind it."""
    import struct
    import zlib

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + ihdr
    return (
        b"\x89PNG\r\n\x1a\n"
        + struct.pack(">I", len(ihdr))
        + chunk
        + struct.pack(">I", zlib.crc32(chunk))
    )


@pytest.fixture
def services(tmp_path, emulator):
    built = build_services(
        Settings(data_dir=tmp_path, base_url=emulator.base_url, rate_limit_per_s=1000.0)
    )
    yield built
    built.close()


@pytest.fixture
def finished(monkeypatch) -> list[str]:
    """Which inputs reached the expensive step (a spy on the app's own function)."""
    seen: list[str] = []
    real = editing.finish

    def spy(item):
        seen.append(item.label)
        return real(item)

    monkeypatch.setattr(editing, "finish", spy)
    return seen


BROKEN_THIRD = {
    "text named png": b"this is not an image at all",
    "html page": b"<!doctype html><html><body>not found</body></html>",
    "zero bytes": b"",
    "over 64 megapixels by header": declared_png(9000, 9000),
    "one pixel": declared_png(1, 1),
    "truncated header": flat_png(64)[:20],
}


@pytest.mark.parametrize("name", list(BROKEN_THIRD))
def test_a_broken_third_image_is_refused_before_the_big_ones_are_decoded(
    services, emulator, test_key, finished, name
):
    big = flat_png(4000)
    request = EditRequest(images=(big, big, BROKEN_THIRD[name]), prompt="make it pop")
    with pytest.raises(ImageInputError, match="Image 3"):
        services.editor.edit(request, services.settings.credentials(test_key), user=None)
    assert finished == []  # nothing decoded, resized or encoded
    assert emulator.attempts == 0  # nothing sent, nothing billed


def test_a_heavy_visitor_waits_for_their_own_turn_not_the_victim(services, emulator, test_key):
    """Six heavy edits from one visitor and one light edit from another, sent right after:
    the light one reaches the service before most of the heavy ones."""
    creds = services.settings.credentials(test_key)
    heavy = flat_png(6000, "gray")
    started = threading.Barrier(7)
    errors: list[BaseException] = []

    def attacker(i: int) -> None:
        started.wait()
        try:
            services.editor.edit(
                EditRequest(images=(heavy, heavy), prompt=f"heavy {i}"),
                creds,
                visitor=("ip:203.0.113.9", f"anon-attacker-{i}"),  # new ids, same address
            )
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=attacker, args=(i,)) for i in range(6)]
    for t in threads:
        t.start()
    started.wait()
    while services.editor.slots.busy("ip:203.0.113.9") == 0:
        threading.Event().wait(0.01)  # the first heavy edit is being prepared
    services.editor.edit(
        EditRequest(images=(flat_png(512, "red"),), prompt="the victim's edit"),
        creds,
        visitor=("ip:198.51.100.4", "anon-victim"),
    )
    for t in threads:
        t.join()
    assert not errors
    order = [r.text for r in emulator.requests]
    assert order.index("the victim's edit") <= 2, order  # not behind six heavy preparations
    assert len(order) == 7


def test_slots_count_every_key_of_a_visitor():
    slots = VisitorSlots(per_visitor=1)
    entered = threading.Event()
    with slots.hold(["ip:1", "id-a"]):
        waiter = threading.Thread(
            target=lambda: slots.hold(["ip:1", "id-b"]).__enter__() or entered.set()
        )
        waiter.start()
        waiter.join(0.3)
        assert not entered.is_set()  # same address, another id: waits
        with slots.hold(["ip:2", "id-c"]):  # someone else: goes straight in
            pass
    waiter.join()
    assert entered.is_set()


def test_a_stop_while_waiting_for_a_slot_sends_nothing():
    slots = VisitorSlots(per_visitor=1)
    with (
        slots.hold(["v"]),
        pytest.raises(CancelledError),
        slots.hold(["v"], cancelled=lambda: True),
    ):
        pass
    assert slots.busy("v") == 0


def test_the_pool_is_sized_from_the_machine(services):
    import os

    assert services.editor._prep_pool._max_workers == max(2, os.cpu_count() or 2)
