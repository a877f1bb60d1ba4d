"""Edits recorded in the history by the edit service, through the real SDK and the emulator."""

from __future__ import annotations

import io
import threading
import time

import pytest
from PIL import Image

from services import errors as e
from services.config import Settings
from services.container import build_services
from services.editing import _trusted_only
from services.history import new_user_id
from services.messages import Translatable, msg, render
from services.types import EditRequest, ServiceAnswer


def png(color: str = "teal") -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (600, 400), color).save(buf, "PNG")
    return buf.getvalue()


@pytest.fixture
def services(tmp_path, emulator):
    settings = Settings(
        data_dir=tmp_path, base_url=emulator.base_url, retry_base_s=0.01, max_retries=1
    )
    built = build_services(settings)
    yield built
    built.close()


def test_success_is_recorded_with_inputs_as_sent(services, test_key, emulator):
    user = new_user_id()
    creds = services.settings.credentials(test_key)
    request = EditRequest(
        images=(png(), "http://127.0.0.1:1/not-fetched.png"), prompt="tint", n=2, seed=99
    )
    with pytest.raises(e.InputRejectedError):  # the emulator cannot fetch that URL
        services.editor.edit(request, creds, user=user)
    failed = services.history.list(user)[0]
    assert failed.status == "failed" and failed.error_code == "BadRequest.InputDownloadFailed"
    assert failed.inputs == ["in-1.png", "http://127.0.0.1:1/not-fetched.png"]

    result = services.editor.edit(
        EditRequest(images=(png(),), prompt="tint", n=2, seed=99), creds, user=user
    )
    saved = services.history.get(user, result.entry_id)
    assert saved.status == "ok" and saved.request_id == result.request_id
    assert [str(p) for p in saved.output_paths()] == [str(p) for p in result.images]
    assert all(p.exists() for p in result.images)
    assert (saved.folder / "in-1.png").read_bytes() == result.prepared[0].data
    assert saved.parameters == result.parameters and saved.seed == 99
    assert saved.cost_usd == pytest.approx(0.06) and saved.usage["image_count"] == 2
    assert set(saved.timings) == {"prepare_s", "service_s", "download_s"}
    # Nothing is left in the download staging area once the entry holds the files.
    assert not [p for p in (services.history.root / "staging").rglob("*") if p.is_file()]


def test_service_error_is_recorded(services, test_key, emulator):
    user = new_user_id()
    emulator.inject("error", code="DataInspectionFailed")
    with pytest.raises(e.ContentModerationError) as err:
        services.editor.edit(
            EditRequest(images=(png(),), prompt="x"),
            services.settings.credentials(test_key),
            user=user,
        )
    (saved,) = services.history.list(user)
    assert saved.id == err.value.entry_id
    assert saved.status == "failed" and saved.outputs == [] and saved.image_count == 0
    assert saved.error_code == "DataInspectionFailed" and "content check" in saved.error_message
    assert saved.request_id == err.value.request_id


def test_expired_results_are_recorded_with_the_request_id(services, test_key, emulator):
    user = new_user_id()
    emulator.inject("expired_urls")
    with pytest.raises(e.ResultDownloadError) as err:
        services.editor.edit(
            EditRequest(images=(png(),), prompt="x"),
            services.settings.credentials(test_key),
            user=user,
        )
    (saved,) = services.history.list(user)
    assert saved.status == "failed" and saved.request_id == emulator.requests[-1].request_id
    # The hint says where the edit is kept, in the reader's language.
    assert err.value.hint_kind == "hint.edit.kept_in_history"
    assert "'Fetch outputs again'" in err.value.hint
    assert "「出力を再取得」" in err.value.render("ja")
    assert "“重新获取输出”" in err.value.render("zh-CN")


def test_untrusted_links_are_dropped_with_a_translatable_note():
    answer = ServiceAnswer(
        image_urls=("https://good.example/1.png", "https://bad.example/2.png"),
        usage=None,
        request_id="r",
    )
    kept = _trusted_only(answer, lambda url: url.startswith("https://good."))
    assert kept.image_urls == ("https://good.example/1.png",)
    (note,) = kept.warnings
    assert isinstance(note, Translatable)
    assert note.message == msg("warning.edit.untrusted_links", count=1)
    assert note == (
        "1 output link(s) pointed at a host this app does not trust and were not downloaded."
    )
    assert render(note, "ja").startswith("1 件の出力画像のリンク")
    assert render(note, "zh-CN") == "有 1 个输出图像链接指向本应用不信任的主机，未下载。"


def test_validation_errors_are_not_edits(services, test_key):
    user = new_user_id()
    with pytest.raises(e.ValidationError):
        services.editor.edit(
            EditRequest(images=(png(),), prompt="x", n=9),
            services.settings.credentials(test_key),
            user=user,
        )
    assert services.history.list(user) == []


def test_without_a_user_nothing_is_recorded(services, test_key):
    result = services.editor.edit(
        EditRequest(images=(png(),), prompt="x"), services.settings.credentials(test_key)
    )
    assert result.entry_id is None and result.images[0].exists()


def test_outputs_that_failed_to_download_are_fetched_later(services, test_key, emulator):
    # The service made two images; every download attempt at the time was cut off half way.
    user = new_user_id()
    attempts = services.editor.results.policy.attempts
    emulator.inject("truncated_download", gets=attempts)
    with pytest.raises(e.ResultDownloadError, match="cut off"):
        services.editor.edit(
            EditRequest(images=(png(),), prompt="x", n=2),
            services.settings.credentials(test_key),
            user=user,
        )
    (failed,) = services.history.list(user)
    assert failed.status == "failed" and failed.outputs == [] and len(failed.pending_urls) == 2
    assert failed.request_id == emulator.requests[-1].request_id
    # Later (the links live 24 hours) the outputs are fetched into the same entry, and the
    # edit itself is not sent again: nothing is billed twice.
    entry = services.editor.fetch_pending(user, failed.id)
    assert entry.status == "ok" and entry.pending_urls == [] and len(entry.outputs) == 2
    assert entry.error_code is None and all(p.exists() for p in entry.output_paths())
    assert emulator.attempts == 1


def test_fetching_expired_links_says_so(services, test_key, emulator):
    user = new_user_id()
    emulator.inject("expired_urls")
    with pytest.raises(e.ResultDownloadError):
        services.editor.edit(
            EditRequest(images=(png(),), prompt="x"),
            services.settings.credentials(test_key),
            user=user,
        )
    (failed,) = services.history.list(user)
    with pytest.raises(e.ResultDownloadError, match="no longer available"):
        services.editor.fetch_pending(user, failed.id)
    assert services.history.get(user, failed.id).pending_urls == failed.pending_urls


def test_stop_while_waiting_for_the_rate_limit_sends_nothing(tmp_path, emulator, test_key):
    # A user presses Stop while their edit waits for a slot of the key's rate limit: the edit
    # must not be sent afterwards (it would be billed, and burst past the limit).
    slot_s = 30.0  # the next slot is this far off: waiting it out would be unmistakable
    settings = Settings(data_dir=tmp_path, base_url=emulator.base_url, rate_limit_per_s=1 / slot_s)
    built = build_services(settings)
    try:
        creds = settings.credentials(test_key)
        request = EditRequest(images=(png(),), prompt="x")
        built.editor.edit(request, creds)  # takes the key's slot: the next waits ~30 s
        stop = {"now": False}
        timer = threading.Timer(0.3, lambda: stop.update(now=True))
        timer.start()
        started = time.monotonic()
        with pytest.raises(e.CancelledError, match="stopped before it was sent") as stopped:
            built.editor.edit(request, creds, cancelled=lambda: stop["now"])
        assert (stopped.value.kind, stopped.value.params) == ("error.edit.cancelled", {})
        assert stopped.value.render("ja") == "編集は送信前に中止されました。"
        # Gave up because of the stop, not at the slot: a 30 s wait cut short, however slow the
        # machine (the stop is polled every 0.1 s).
        assert stop["now"] and time.monotonic() - started < slot_s / 2
        assert emulator.attempts == 1
    finally:
        built.close()
