"""Faults injected through the emulator, each repeated 20 times, through gradio_client against
the launched app. For each: the edit succeeds after bounded retries or ends in a clear message;
the app keeps serving and the next edit works; what the service delivered is kept in the
history; and a request that may have been billed is never sent twice."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from gradio_client import Client
from gradio_client.exceptions import AppError
from PIL import Image

from tests.support import close_app, edit_kwargs, launch_app

REPEAT = 20
# Short enough to keep 20 hangs quick, long enough that a normal answer on a loaded 2-core CI
# machine (several test processes at once) never hits it.
TIMEOUT_S = 2.0
DOWNLOAD_ATTEMPTS = 2


@dataclass(frozen=True)
class Case:
    fault: str
    options: dict
    times: int  # faults queued per edit
    outcome: str  # "ok", or words the user must see
    sends: int  # generation requests per edit the emulator must see
    kept: bool = False  # a failed edit whose outputs the history keeps for later


CASES = [
    Case("throttle", {}, 2, "ok", 3),  # a burst: two 429s, then success within the retries
    Case("throttle", {}, 3, "limiting requests for this key", 3),  # longer than the retries
    Case("server_error", {}, 1, "ok", 2),
    Case("unavailable", {}, 1, "ok", 2),
    Case("hang", {"seconds": 6}, 1, f"did not answer within {TIMEOUT_S:g} seconds", 1),
    Case("drop", {}, 1, "broke before it answered", 1),
    Case("non_json", {}, 1, "cannot read", 1),
    Case("html_error", {}, 3, "internal problem", 3),
    Case("no_output", {}, 1, "cannot read", 1),
    Case("expired_urls", {}, 1, "no longer available", 1),
    Case("slow_download", {"seconds": 10, "gets": DOWNLOAD_ATTEMPTS}, 1, "took too long", 1, True),
    Case("truncated_download", {"gets": DOWNLOAD_ATTEMPTS}, 1, "was cut off", 1, True),
]


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    launched = launch_app(
        tmp_path_factory.mktemp("faults"),
        request_timeout_s=TIMEOUT_S,
        download_timeout_s=1.0,  # a stalled download (10 s trickle) is cut; a normal one is not
        download_attempts=DOWNLOAD_ATTEMPTS,
        download_backoff_s=0.01,
        max_retries=2,
        rate_limit_per_s=1000.0,  # faults, not the rate, are under test here
    )
    yield launched
    close_app(launched)


@pytest.fixture(scope="module")
def photo(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("in") / "p.png"
    Image.new("RGB", (512, 384), "purple").save(path)
    return path


def edit(client: Client, photo: Path, user: str):
    kwargs = edit_kwargs([photo], prompt="fault drill", n=2, user_id=user)
    return client.predict(**kwargs, api_name="/edit")


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.fault}x{c.times}")
def test_fault_repeated(app, photo, case):
    client = Client(app.url, verbose=False)
    user = app.services.identities.issue()
    emulator = app.emulator
    for i in range(REPEAT):
        before = emulator.attempts
        emulator.inject(case.fault, times=case.times, **case.options)
        if case.outcome == "ok":
            files, meta = edit(client, photo, user)
            assert len(files) == 2 and meta["usage"]["image_count"] == 2, i
        else:
            with pytest.raises(AppError) as err:
                edit(client, photo, user)
            text = str(err.value)
            assert case.outcome in text, (i, text)
            assert "Traceback" not in text and "Error(" not in text, text
        # Retries stay bounded, and a request that may have been billed is sent only once.
        assert emulator.attempts - before == case.sends, (i, emulator.attempts - before)
        emulator.clear_faults()
        if case.kept:
            # The images the service made are not lost: the entry keeps their links, and
            # fetching them now brings them in without sending the edit again.
            (entry,) = [
                e for e in client.predict(user, "", "", "failed", api_name="/history_list")
            ][:1]
            assert len(entry["pending_urls"]) == 2
            files, fetched = client.predict(user, entry["id"], api_name="/history_fetch")
            assert len(files) == 2 and fetched["status"] == "ok"
            assert emulator.attempts - before == case.sends
        if i % 5 == 4:  # the worker is alive and the next edit works
            files, _ = edit(client, photo, user)
            assert len(files) == 2
    files, _ = edit(Client(app.url, verbose=False), photo, app.services.identities.issue())
    assert len(files) == 2


def test_failed_edits_are_in_the_history_with_their_request_ids(app, photo):
    client = Client(app.url, verbose=False)
    user = app.services.identities.issue()
    app.emulator.inject("expired_urls")
    with pytest.raises(AppError):
        edit(client, photo, user)
    (entry,) = client.predict(user, "", "", "", api_name="/history_list")
    assert entry["status"] == "failed"
    assert entry["request_id"] == app.emulator.requests[-1].request_id
    assert entry["error_code"] == "ResultDownloadFailed"
