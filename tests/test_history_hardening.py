"""The history under attack and under failure, one corpus per class of the security issue:

- disk bounds: exports, quotas, leftovers and ids cannot make the disk grow without limit;
- paid outputs kept: no error path after the download deletes an output;
- a damaged database: the index is rebuilt from the entries' manifests, nothing is lost.

Every failure here is real (a second sqlite connection holding the write lock, a trigger that
makes the insert fail, a damaged file): the store itself is never mocked out. Each test checks
what the user is told and that their files and entries are still there."""

from __future__ import annotations

import io
import json
import os
import re
import sqlite3
import threading
import time
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from services import errors as e
from services.config import Settings
from services.container import build_services
from services.history import (
    HistoryError,
    HistoryNotIndexedError,
    HistoryStore,
    Retention,
    new_user_id,
)
from services.types import EditRequest
from tests.test_history import entry, png_bytes

HOUR = 3600


def fast(root: Path, **kw) -> HistoryStore:
    """A store that gives up on a locked database at once (the defaults wait seconds)."""
    kw.setdefault("busy_timeout_s", 0.05)
    kw.setdefault("retry_base_s", 0.001)
    return HistoryStore(root, **kw).open()


@pytest.fixture
def store(tmp_path) -> HistoryStore:
    s = fast(tmp_path / "history")
    yield s
    s.close()


def age(path: Path, seconds: float) -> None:
    then = time.time() - seconds
    os.utime(path, (then, then))


def png(color: str = "teal") -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (600, 400), color).save(buf, "PNG")
    return buf.getvalue()


class WriteLock:
    """Another connection holding the database's write lock, as a long writer would."""

    def __init__(self, root: Path) -> None:
        self.db = sqlite3.connect(root / "history.sqlite3", isolation_level=None)
        self.db.execute("BEGIN IMMEDIATE")

    def release(self) -> None:
        if self.db is not None:
            self.db.execute("ROLLBACK")
            self.db.close()
            self.db = None


def failing_inserts(root: Path, message: str = "disk I/O error") -> sqlite3.Connection:
    """Make every insert fail inside sqlite (as a failing disk would), from another connection."""
    db = sqlite3.connect(root / "history.sqlite3", isolation_level=None)
    db.execute(
        "CREATE TRIGGER fail_inserts BEFORE INSERT ON entries "
        f"BEGIN SELECT RAISE(ABORT, '{message}'); END"
    )
    return db


def damaged_copies(root: Path) -> list[Path]:
    """The damaged databases set aside (without their -wal/-shm)."""
    found = root.glob("history.sqlite3.damaged-*")
    return sorted(p for p in found if not p.name.endswith(("-wal", "-shm")))


def build(tmp_path, emulator, **overrides):
    settings = Settings(
        data_dir=tmp_path,
        base_url=emulator.base_url,
        retry_base_s=0.01,
        max_retries=1,
        **overrides,
    )
    built = build_services(settings)
    # Give up on a locked database at once (the default waits ten seconds per attempt).
    built.history.busy_timeout_s = 0.05
    built.history.retry_base_s = 0.001
    built.history.close()  # the next connection takes the short timeout
    return built


# == 1. disk bounds ============================================================================


def test_bounds_one_id_repeated_300_times_is_exported_once(store):
    user = new_user_id()
    saved = store.record(user, entry(store))
    one = store.export(user, [saved.id])
    many = store.export(user, [saved.id] * 300)
    with zipfile.ZipFile(many) as zf:
        manifest = json.loads(zf.read("manifest.json"))
        assert [x["id"] for x in manifest["entries"]] == [saved.id]
        assert sum(n.endswith(".png") for n in zf.namelist()) == 3  # one input, two outputs
    assert many.stat().st_size < 2 * one.stat().st_size  # not 300 copies


def test_bounds_an_export_beyond_the_cap_is_refused_and_writes_nothing(tmp_path):
    store = fast(tmp_path / "h", export_limit=3)
    user = new_user_id()
    ids = [store.record(user, entry(store, f"e{i}")).id for i in range(4)]
    with pytest.raises(HistoryError) as err:
        store.export(user, ids)
    assert err.value.message == "One export can hold at most 3 edits; this one asked for 4."
    assert "export them in parts" in err.value.hint
    with pytest.raises(HistoryError, match="at most 3 edits; this one asked for 4"):
        store.export(user)  # "all" is bounded too
    assert not list((store.root / "exports").rglob("*.*"))
    assert store.export(user, ids[:3] + ids[:3]).exists()  # 3 distinct ones fit
    assert len(store.list(user)) == 4  # refusing an export touches no entry
    store.close()


def test_bounds_a_failing_export_leaves_no_part_file(store, monkeypatch):
    user = new_user_id()
    ids = [store.record(user, entry(store, f"e{i}")).id for i in range(2)]
    real_write = zipfile.ZipFile.write
    calls = {"n": 0}

    def disk_full_on_the_third_file(self, *args, **kw):
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError(28, "No space left on device")
        return real_write(self, *args, **kw)

    monkeypatch.setattr(zipfile.ZipFile, "write", disk_full_on_the_third_file)
    with pytest.raises(OSError, match="No space left"):
        store.export(user, ids)
    monkeypatch.undo()
    assert list((store.root / "exports").rglob("*.*")) == []  # no .part, no .zip
    assert all(p.exists() for i in ids for p in store.get(user, i).output_paths())
    assert store.export(user, ids).exists()  # and the next export is not refused as "busy"


def test_bounds_stale_exports_parts_and_staging_are_cleaned_while_running(store):
    user = new_user_id()
    store.record(user, entry(store))
    old_zip = store.export(user)
    age(old_zip, 2 * HOUR)
    fresh_zip = store.export(user)
    dead_part = old_zip.with_name("qwen-edits-dead.part")
    dead_part.write_bytes(b"half a zip")
    age(dead_part, 2 * HOUR)
    live_part = old_zip.with_name("qwen-edits-live.part")
    live_part.write_bytes(b"being written")
    empty_old = store.staging_dir()
    age(empty_old, 2 * HOUR)
    kept_outputs = store.staging_dir()
    (kept_outputs / "out.png").write_bytes(png_bytes())
    age(kept_outputs / "out.png", 2 * HOUR)
    age(kept_outputs, 2 * HOUR)
    forgotten = store.staging_dir()
    (forgotten / "out.png").write_bytes(png_bytes())
    age(forgotten / "out.png", 25 * HOUR)
    age(forgotten, 25 * HOUR)

    assert store.cleanup() == 4  # without a restart
    assert not old_zip.exists() and not dead_part.exists()
    assert not empty_old.exists() and not forgotten.exists()
    assert fresh_zip.exists() and live_part.exists()
    # Outputs a failed save left in staging stay while their owner may still want them.
    assert (kept_outputs / "out.png").exists()


def test_bounds_any_write_cleans_when_the_last_cleanup_is_old(tmp_path):
    store = fast(tmp_path / "h", cleanup_every_s=0)
    user = new_user_id()
    store.record(user, entry(store))
    old_zip = store.export(user)
    age(old_zip, 2 * HOUR)
    saved = store.record(user, entry(store, "the write that cleans"))
    assert not old_zip.exists()
    assert saved.output_paths()[0].exists()
    store.close()


def test_bounds_only_the_newest_exports_of_a_user_are_kept(store):
    user, other = new_user_id(), new_user_id()
    store.record(user, entry(store))
    store.record(other, entry(store))
    theirs = store.export(other)
    made = []
    for i in range(6):
        path = store.export(user)
        age(path, 60 * (10 - i))  # distinct times, oldest first
        made.append(path)
    left = sorted((store.root / "exports").glob(f"{made[0].parent.name}/*.zip"))
    assert sorted(left) == sorted(made[-3:])
    assert theirs.exists()  # another user's exports are not theirs to prune


def test_bounds_a_second_export_of_the_same_user_waits_its_turn(store, monkeypatch):
    user = new_user_id()
    saved = store.record(user, entry(store))
    inside, release = threading.Event(), threading.Event()
    real_write = zipfile.ZipFile.write

    def slow_write(self, *args, **kw):
        inside.set()
        release.wait(30)
        return real_write(self, *args, **kw)

    monkeypatch.setattr(zipfile.ZipFile, "write", slow_write)
    first: list[Path] = []
    worker = threading.Thread(target=lambda: first.append(store.export(user, [saved.id])))
    worker.start()
    assert inside.wait(30)
    with pytest.raises(HistoryError) as err:
        store.export(user, [saved.id])
    release.set()
    worker.join(30)
    assert err.value.message == "Your previous export is still being made."
    assert first and first[0].exists()


def test_bounds_quota_removes_the_oldest_never_the_new_and_says_so(tmp_path):
    store = fast(tmp_path / "h")
    user, other = new_user_id(), new_user_id()
    first = store.record(user, entry(store, "e0", created=1000))
    size = store.usage(user)
    assert size > 0
    store.retention = Retention(max_entries=0, max_bytes=int(size * 2.5))
    store.record(other, entry(store, "theirs", created=1))
    second = store.record(user, entry(store, "e1", created=1001))
    assert second.notices == ()
    third = store.record(user, entry(store, "e2", created=1002))
    (notice,) = third.notices
    assert re.fullmatch(
        r"Your history is limited to [0-9.]+ MB: the 1 oldest edit\(s\) were removed to make "
        r"room for this one\.",
        notice,
    )
    assert [x.prompt for x in store.list(user)] == ["e2", "e1"]
    assert not first.folder.exists()
    assert all(p.exists() for p in third.output_paths())
    assert store.usage(user) <= size * 2.5
    assert len(store.list(other)) == 1  # one user's quota never touches another's
    store.close()


def test_bounds_an_edit_larger_than_the_quota_is_kept_and_flagged(tmp_path):
    store = fast(tmp_path / "h", retention=Retention(max_entries=0, max_bytes=100))
    user = new_user_id()
    older = store.record(user, entry(store, "older", created=1000))
    assert "This edit alone takes more than your history's limit" in older.notices[-1]
    newer = store.record(user, entry(store, "newer", created=2000))
    assert "the 1 oldest edit(s) were removed" in newer.notices[0]
    assert "it is kept, but your next edit will replace it" in newer.notices[1]
    assert [x.prompt for x in store.list(user)] == ["newer"]  # the paid one is never removed
    assert all(p.exists() for p in newer.output_paths())
    store.close()


def test_bounds_an_invalid_history_id_is_refused_before_anything_is_sent(
    tmp_path, emulator, test_key
):
    built = build(tmp_path, emulator)
    try:
        for bad in ("../../etc/passwd", "short", "x" * 129):
            with pytest.raises(HistoryError) as err:
                built.editor.edit(
                    EditRequest(images=(png(),), prompt="x"),
                    built.settings.credentials(test_key),
                    user=bad,
                )
            assert err.value.message == "This history id is not valid."
        assert emulator.attempts == 0  # nothing sent, nothing billed
        staging = built.history.root / "staging"
        assert not [p for p in staging.rglob("*") if p.is_file()]
    finally:
        built.close()


def test_bounds_the_quota_setting_reaches_the_edit_result(tmp_path, emulator, test_key):
    env = {"QWEN_EDIT_HISTORY_QUOTA_MB": "0.001", "QWEN_EDIT_DATA_DIR": str(tmp_path)}
    assert Settings.from_env(env).history_quota_mb == 0.001
    assert Settings.from_env({"QWEN_EDIT_DATA_DIR": str(tmp_path)}).history_quota_mb == 500
    built = build(tmp_path, emulator, history_quota_mb=0.001)  # ~1 KB: every edit is over
    user = new_user_id()
    creds = built.settings.credentials(test_key)
    try:
        first = built.editor.edit(EditRequest(images=(png(),), prompt="a"), creds, user=user)
        second = built.editor.edit(EditRequest(images=(png(),), prompt="b"), creds, user=user)
        assert any("oldest edit(s) were removed" in w for w in second.warnings)
        assert all(p.exists() for p in second.images)
        assert not any(p.exists() for p in first.images)
        assert [x.id for x in built.history.list(user)] == [second.entry_id]
    finally:
        built.close()


# == 2. paid outputs are kept ===================================================================


def test_kept_a_locked_database_keeps_the_edit_and_says_where(tmp_path, emulator, test_key):
    built = build(tmp_path, emulator)
    user = new_user_id()
    lock = WriteLock(built.history.root)
    try:
        result = built.editor.edit(
            EditRequest(images=(png(),), prompt="locked", n=2),
            built.settings.credentials(test_key),
            user=user,
        )
    finally:
        lock.release()
        built.close()
    (warning,) = [w for w in result.warnings if "could not list it" in w]
    folder = result.images[0].parent
    assert str(folder) in warning and "added to your history at the next start" in warning
    assert result.entry_id is None
    assert len(result.images) == 2 and all(p.exists() for p in result.images)
    assert (folder / "manifest.json").exists()
    again = HistoryStore(tmp_path / "history").open()  # the next start
    (listed,) = again.list(user)
    assert listed.prompt == "locked" and listed.status == "ok" and listed.image_count == 2
    assert [p.read_bytes() for p in listed.output_paths()] == [
        p.read_bytes() for p in result.images
    ]
    again.close()


def test_kept_a_lock_released_between_attempts_is_retried(tmp_path):
    root = tmp_path / "h"
    pauses: list[float] = []
    store = fast(root, write_attempts=4, sleep=lambda s: (pauses.append(s), lock.release()))
    lock = WriteLock(root)
    user = new_user_id()
    saved = store.record(user, entry(store))
    assert pauses and pauses == sorted(pauses)  # it waited, then tried again
    assert saved.notices == () and store.get(user, saved.id).output_paths()[0].exists()
    store.close()


def test_kept_an_insert_failing_inside_sqlite_keeps_files_and_manifest(tmp_path):
    root = tmp_path / "h"
    store = fast(root)
    user = new_user_id()
    breaker = failing_inserts(root)
    new = entry(store, "paid for", cost_usd=0.09)
    with pytest.raises(HistoryNotIndexedError) as err:
        store.record(user, new)
    kept = err.value
    assert kept.message == (
        "This edit's files are saved, but the history database could not list it just now."
    )
    assert str(kept.folder) in kept.hint
    assert [p.name for p in kept.outputs] == ["out-1.png", "out-2.png"]
    assert all(p.read_bytes() == png_bytes("blue") for p in kept.outputs)
    manifest = json.loads((kept.folder / "manifest.json").read_text())
    assert manifest["prompt"] == "paid for" and manifest["cost_usd"] == 0.09
    assert manifest["outputs"] == ["out-1.png", "out-2.png"]
    breaker.execute("DROP TRIGGER fail_inserts")
    breaker.close()
    store.close()
    again = HistoryStore(root).open()
    listed = again.get(user, kept.entry_id)
    assert listed.cost_usd == 0.09 and listed.inputs[0] == "in-1.png"
    assert again.recovered_notice is None  # a healthy database is not "rebuilt"
    again.close()


def test_kept_a_failed_edit_with_pending_links_survives_a_locked_database(
    tmp_path, emulator, test_key
):
    built = build(tmp_path, emulator)
    user = new_user_id()
    emulator.inject("expired_urls")
    lock = WriteLock(built.history.root)
    try:
        with pytest.raises(e.ResultDownloadError) as err:
            built.editor.edit(
                EditRequest(images=(png(),), prompt="x"),
                built.settings.credentials(test_key),
                user=user,
            )
    finally:
        lock.release()
        built.close()
    assert "added to your history at the next start" in err.value.hint
    again = HistoryStore(tmp_path / "history").open()
    (listed,) = again.list(user)
    # The links are kept, so 'Fetch outputs again' can still get what was paid for.
    assert listed.status == "failed" and len(listed.pending_urls) == 1
    assert listed.request_id == emulator.requests[-1].request_id
    again.close()


def test_kept_a_save_failing_before_its_folder_is_complete_puts_outputs_back(
    tmp_path, emulator, test_key
):
    built = build(tmp_path, emulator)
    user = new_user_id()
    creds = built.settings.credentials(test_key)
    try:
        # The user's folder cannot be made (a file stands in its way): a real OSError.
        probe = built.editor.edit(EditRequest(images=(png(),), prompt="probe"), creds, user=user)
        user_dir = probe.images[0].parent.parent
        built.history.delete_all(user)
        os.rmdir(user_dir)
        user_dir.write_bytes(b"in the way")
        result = built.editor.edit(EditRequest(images=(png(),), prompt="x", n=2), creds, user=user)
    finally:
        built.close()
    assert result.entry_id is None
    assert any(
        "could not be saved to your history; download its outputs now" in w for w in result.warnings
    )
    assert len(result.images) == 2 and all(p.exists() for p in result.images)
    HistoryStore(tmp_path / "history").open().close()  # a restart keeps them too
    assert all(p.exists() for p in result.images)


def test_kept_a_crash_after_the_manifest_but_before_the_move_is_finished_at_start(tmp_path):
    root = tmp_path / "h"
    store = fast(root)
    user = new_user_id()
    saved = store.record(user, entry(store, "nearly saved"))
    store.close()
    # The state a crash leaves between writing the manifest and renaming the folder.
    db = sqlite3.connect(root / "history.sqlite3", isolation_level=None)
    db.execute("DELETE FROM entries")
    db.close()
    saved.folder.rename(root / "staging" / f"entry-{saved.id}")
    again = HistoryStore(root).open()
    listed = again.get(user, saved.id)
    assert listed.prompt == "nearly saved" and all(p.exists() for p in listed.output_paths())
    assert not (root / "staging" / f"entry-{saved.id}").exists()
    again.close()


def test_kept_a_deleted_entry_does_not_come_back(tmp_path):
    root = tmp_path / "h"
    store = fast(root)
    user = new_user_id()
    gone = store.record(user, entry(store, "gone"))
    kept = store.record(user, entry(store, "kept"))
    assert store.delete(user, [gone.id]) == 1
    store.close()
    again = HistoryStore(root).open()
    assert [x.prompt for x in again.list(user)] == ["kept"]
    assert not gone.folder.exists() and kept.folder.exists()
    again.close()


# == 3. a damaged database ======================================================================


def three_entries(root: Path) -> tuple[str, list]:
    store = fast(root)
    user = new_user_id()
    saved = [store.record(user, entry(store, f"edit {i}", created=1000 + i)) for i in range(3)]
    store.close()
    return user, saved


def assert_rebuilt(root: Path, user: str, saved: list) -> HistoryStore:
    store = HistoryStore(root).open()
    (aside,) = damaged_copies(root)
    assert store.recovered_notice == (
        "Your history database was damaged; it was rebuilt from 3 saved edits. "
        f"The damaged file was kept as {aside.name}."
    )
    assert [x.id for x in store.list(user)] == [s.id for s in reversed(saved)]
    for old in saved:
        got = store.get(user, old.id)
        assert got == old and all(p.exists() for p in got.output_paths())
    store.close()
    again = HistoryStore(root).open()  # and the rebuilt one is healthy
    assert again.recovered_notice is None and len(again.list(user)) == 3
    again.close()
    return store


def test_damaged_a_garbage_file_is_set_aside_and_rebuilt(tmp_path):
    root = tmp_path / "h"
    user, saved = three_entries(root)
    garbage = os.urandom(8192)
    (root / "history.sqlite3").write_bytes(garbage)
    assert_rebuilt(root, user, saved)
    assert damaged_copies(root)[0].read_bytes() == garbage  # kept for a person to look at


def test_damaged_a_folder_in_place_of_the_database(tmp_path):
    root = tmp_path / "h"
    user, saved = three_entries(root)
    (root / "history.sqlite3").unlink()
    (root / "history.sqlite3").mkdir()
    assert_rebuilt(root, user, saved)
    assert damaged_copies(root)[0].is_dir()


def test_damaged_a_truncated_database(tmp_path):
    root = tmp_path / "h"
    user, saved = three_entries(root)
    db = root / "history.sqlite3"
    data = db.read_bytes()
    db.write_bytes(data[: len(data) // 2])
    for side in ("-wal", "-shm"):
        Path(f"{db}{side}").unlink(missing_ok=True)
    assert_rebuilt(root, user, saved)


def test_damaged_an_empty_database_file(tmp_path):
    root = tmp_path / "h"
    user, saved = three_entries(root)
    (root / "history.sqlite3").write_bytes(b"")
    for side in ("-wal", "-shm"):
        Path(f"{root / 'history.sqlite3'}{side}").unlink(missing_ok=True)
    assert_rebuilt(root, user, saved)


def test_damaged_wal_and_shm_are_set_aside_with_it(tmp_path):
    root = tmp_path / "h"
    user, saved = three_entries(root)
    db = root / "history.sqlite3"
    db.write_bytes(b"not a database at all, " * 100)
    Path(f"{db}-wal").write_bytes(b"wal")
    Path(f"{db}-shm").write_bytes(b"shm")
    assert_rebuilt(root, user, saved)
    (aside,) = damaged_copies(root)
    assert Path(f"{aside}-wal").read_bytes() == b"wal"  # as they were, not as sqlite left them
    assert Path(f"{aside}-shm").read_bytes() == b"shm"
    assert not list(root.glob(".history.sqlite3-*"))  # no snapshot left behind


def test_damaged_recover_never_deletes_a_folder_with_a_manifest(tmp_path):
    root = tmp_path / "h"
    user, saved = three_entries(root)
    db = sqlite3.connect(root / "history.sqlite3", isolation_level=None)
    db.execute("DELETE FROM entries WHERE id = ?", (saved[0].id,))  # a lost row
    db.close()
    orphan = saved[0].folder.parent / ("o" * 22)  # a crash before the manifest was written
    orphan.mkdir()
    (orphan / "out-1.png").write_bytes(b"half")
    store = HistoryStore(root).open()
    assert store.recovered_notice is None  # the database was fine
    assert {x.id for x in store.list(user)} == {s.id for s in saved}
    assert not orphan.exists()
    store.close()


def test_damaged_old_entries_get_their_manifest_and_survive_a_later_damage(tmp_path):
    root = tmp_path / "h"
    user, saved = three_entries(root)
    for old in saved:  # as an earlier version left them
        (old.folder / "manifest.json").unlink()
    HistoryStore(root).open().close()  # a healthy start writes them (a one-time migration)
    assert all((old.folder / "manifest.json").exists() for old in saved)
    (root / "history.sqlite3").write_bytes(b"\0" * 4096)
    assert_rebuilt(root, user, saved)


def test_damaged_with_an_unreadable_manifest_keeps_that_folder(tmp_path):
    root = tmp_path / "h"
    user, saved = three_entries(root)
    (saved[0].folder / "manifest.json").write_text("{ cut off")
    (root / "history.sqlite3").write_bytes(os.urandom(4096))
    store = HistoryStore(root).open()
    assert store.recovered_notice.startswith(
        "Your history database was damaged; it was rebuilt from 2 saved edits."
    )
    assert {x.id for x in store.list(user)} == {saved[1].id, saved[2].id}
    assert all(p.exists() for p in saved[0].output_paths())  # not listed, not deleted
    store.close()


def test_damaged_older_folders_without_manifest_are_kept_not_deleted(tmp_path):
    root = tmp_path / "h"
    user, saved = three_entries(root)
    (saved[0].folder / "manifest.json").unlink()  # an earlier version's entry
    (root / "history.sqlite3").write_bytes(os.urandom(4096))
    store = HistoryStore(root).open()
    assert store.recovered_notice.endswith(
        "1 older edit folder(s) had no manifest and could not be listed; their files were kept."
    )
    assert len(store.list(user)) == 2 and all(p.exists() for p in saved[0].output_paths())
    store.close()


def test_damaged_a_busy_database_is_reported_not_replaced(tmp_path):
    root = tmp_path / "h"
    user, saved = three_entries(root)
    db = sqlite3.connect(root / "history.sqlite3", isolation_level=None)
    db.execute("PRAGMA journal_mode=DELETE")  # without WAL an exclusive lock blocks readers
    db.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(HistoryError, match="cannot be opened"):
            HistoryStore(root, busy_timeout_s=0.05).open()
    finally:
        db.execute("ROLLBACK")
        db.close()
    assert damaged_copies(root) == []
    store = HistoryStore(root).open()
    assert store.recovered_notice is None and len(store.list(user)) == 3
    store.close()


def test_damaged_the_app_starts_shows_the_notice_and_edits_again(tmp_path, emulator, test_key):
    root = tmp_path / "history"
    user, saved = three_entries(root)
    (root / "history.sqlite3").write_bytes(b"SQLite format 3\0" + os.urandom(4000))
    built = build(tmp_path, emulator)
    try:
        assert "rebuilt from 3 saved edits" in built.history.recovered_notice
        result = built.editor.edit(
            EditRequest(images=(png(),), prompt="after the repair"),
            built.settings.credentials(test_key),
            user=user,
        )
        assert [x.prompt for x in built.history.list(user)][:1] == ["after the repair"]
        assert len(built.history.list(user)) == 4 and result.entry_id
    finally:
        built.close()
