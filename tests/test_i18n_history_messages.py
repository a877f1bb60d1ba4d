"""History keeps an edit's failure and warnings as messages (kind and parameters) beside their
English text, and shows them in the reader's language (issue 13); entries from before show
their English as it was stored. Through the real SDK and the emulator, and the store alone for
the manifest, the migration and a tampered manifest."""

from __future__ import annotations

import io
import json
import re
import sqlite3
from html import unescape

import pytest
from PIL import Image

from services import errors as e
from services.backends.dashscope import map_error
from services.config import Settings
from services.container import build_services
from services.editing import _Journal
from services.history import HistoryStore, NewEntry, new_user_id
from services.history.records import DB_NAME, MANIFEST
from services.messages import Translatable, msg
from services.types import EditRequest
from ui import history_view as hv

SAID = "Parameter size must be in [512*512, 2048*2048], got 10*10."


def png() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (600, 400), "teal").save(buf, "PNG")
    return buf.getvalue()


def latin_words(details: str) -> set[str]:
    """Latin words of the details outside <code> spans and the instruction's quote."""
    details = re.sub(r"<code>.*?</code>", " ", details)
    details = "\n".join(line for line in details.split("\n") if not line.startswith("> "))
    return set(re.findall(r"[A-Za-z][A-Za-z-]{2,}", details))


NAMES = {"Qwen", "Image", "Edit", "Plus", "Model", "Studio", "DashScope", "InvalidParameter"}


@pytest.fixture
def services(tmp_path, emulator):
    settings = Settings(
        data_dir=tmp_path, base_url=emulator.base_url, retry_base_s=0.01, max_retries=1
    )
    built = build_services(settings)
    yield built
    built.close()


def test_a_failed_edit_is_kept_as_kind_and_parameters_and_shown_in_each_language(
    services, test_key, emulator
):
    user = new_user_id()
    emulator.inject("error", code="InvalidParameter", message=SAID)
    request = EditRequest(images=(png(),), prompt="make the sky red", size=(1000, 1000))
    with pytest.raises(e.InvalidParameterError) as caught:
        services.editor.edit(request, services.settings.credentials(test_key), user=user)
    (entry,) = services.history.list(user)
    error = entry.messages["error"]
    assert error == {
        "key": "error.service.parameter",
        "params": {
            "said": {
                "key": "term.service_said",
                "params": {"said": SAID, "code": "InvalidParameter"},
            }
        },
        "hint_key": "hint.service.parameter",
        "hint_params": {},
    }
    # The size warning (1000 is rounded to 992) kept as a message beside its English text.
    (warning,) = entry.messages["warnings"]
    assert warning["key"] == "warning.size.rounded" and warning["params"]["step"] == 16
    assert entry.warnings[0].startswith("The service rounds sizes to multiples of 16")
    assert entry.error_message == caught.value.user_text()  # the English, as before

    english = unescape(hv.describe(entry, "en"))
    assert f"rejected a parameter: {SAID}" in english
    assert "original words" not in english  # English readers read the service's words inline
    for lang, original, sentence, note in (
        ("ja", "サービスからの原文", "パラメーターを拒否しました", "16 の倍数"),
        ("zh-CN", "服务返回的原文", "拒绝了一个参数", "16 的倍数"),
    ):
        details = unescape(hv.describe(entry, lang))
        assert sentence in details and "InvalidParameter" in details
        assert note in details  # the warning, in this language
        # The service's own words appear once, in code, labelled as its original.
        (line,) = [row for row in details.split("\n\n") if original in row]
        assert "<code>" in line and "512" in line
        assert not latin_words(details) - NAMES, (lang, latin_words(details) - NAMES)


def test_a_success_keeps_its_warnings_as_messages(services, test_key):
    user = new_user_id()
    request = EditRequest(images=(png(),), prompt="tint", size=(1000, 1000))
    result = services.editor.edit(request, services.settings.credentials(test_key), user=user)
    entry = services.history.get(user, result.entry_id)
    assert entry.status == "ok" and entry.messages["error"] is None
    assert [w["key"] for w in entry.messages["warnings"]] == ["warning.size.rounded"]
    assert "サービスはサイズを" in hv.describe(entry, "ja") or "16 の倍数" in hv.describe(
        entry, "ja"
    )
    assert "The service rounds sizes" in hv.describe(entry, "en")


def _failed(store: HistoryStore, user: str, messages: dict | None) -> str:
    exc = map_error(400, "InvalidParameter", SAID, "req-9")
    notes = (
        Translatable(msg("warning.size.rounded", step=16, size="1000×1000", rounded="992×992")),
    )
    entry = store.record(
        user,
        NewEntry(
            status="failed",
            model="qwen-image-edit-plus",
            region="singapore",
            prompt="sky",
            negative_prompt="",
            parameters={"n": 1, "seed": 1},
            request_id="req-9",
            seed=1,
            warnings=notes,
            error_code=exc.code,
            error_message=exc.user_text(),
            messages=messages if messages is not None else _Journal.said(notes, exc),
        ),
    )
    return entry.id


def test_entries_written_before_show_their_english_as_it_was(tmp_path):
    store = HistoryStore(tmp_path / "h").open()
    user = new_user_id()
    entry_id = _failed(store, user, messages={})  # {} is stored as null: an older entry
    entry = store.get(user, entry_id)
    assert entry.messages is None
    details = unescape(hv.describe(entry, "ja"))
    assert f"rejected a parameter: {SAID}" in details  # English, as stored, under Japanese words
    assert "The service rounds sizes" in details
    assert "サービスからの原文" not in details


def test_the_manifest_round_trips_the_messages_and_older_manifests_still_load(tmp_path):
    root = tmp_path / "h"
    store = HistoryStore(root).open()
    user = new_user_id()
    entry_id = _failed(store, user, messages=None)
    kept = store.get(user, entry_id)
    manifest = json.loads((kept.folder / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["messages"]["error"]["key"] == "error.service.parameter"
    assert kept.manifest()["messages"] == kept.messages  # the export's copy too
    # An older entry's manifest has no "messages"; the index is rebuilt from the manifests.
    older = dict(manifest)
    older.pop("messages")
    (kept.folder / MANIFEST).write_text(json.dumps(older), encoding="utf-8")
    store.close()
    (root / DB_NAME).write_bytes(b"this is not a database")
    again = HistoryStore(root).open()
    (rebuilt,) = again.list(user)
    assert rebuilt.id == entry_id and rebuilt.messages is None
    assert rebuilt.error_message == kept.error_message
    again.close()


def test_an_older_database_gains_the_column_and_keeps_its_rows(tmp_path):
    root = tmp_path / "h"
    store = HistoryStore(root).open()
    user = new_user_id()
    entry_id = _failed(store, user, messages=None)
    store.close()
    with sqlite3.connect(root / DB_NAME) as db:  # as a database made before the column
        db.execute("ALTER TABLE entries DROP COLUMN messages")
    again = HistoryStore(root).open()
    entry = again.get(user, entry_id)
    assert entry.messages is None and entry.error_message.startswith("The service rejected")
    new_id = _failed(again, user, messages=None)
    assert again.get(user, new_id).messages["error"]["key"] == "error.service.parameter"
    again.close()


@pytest.mark.parametrize(
    "error",
    [
        {"key": "error.no_such_key", "params": {}},
        {"key": "error.service.parameter", "params": {"said": ["a list"], "code": "X"}},
        {"key": "error.service.throttled", "params": {}},  # a parameter missing
        {"key": "error.region.margin", "params": {"margin": "not a number"}},  # a bad format
        "not a dict",
    ],
)
def test_a_stored_message_that_cannot_be_shown_falls_back_to_the_english(tmp_path, error):
    store = HistoryStore(tmp_path / "h").open()
    user = new_user_id()
    entry_id = _failed(store, user, messages={"error": error, "warnings": [{"key": 7}]})
    entry = store.get(user, entry_id)
    details = unescape(hv.describe(entry, "ja"))
    assert "The service rejected a parameter" in details
    assert "The service rounds sizes" in details
