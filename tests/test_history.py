"""The history store on its own (no gradio): recording, isolation, path tricks, concurrency,
crash safety, retention, restarts and export."""

from __future__ import annotations

import io
import json
import os
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from services.history import (
    HistoryError,
    HistoryNotIndexedError,
    HistoryStore,
    NewEntry,
    Retention,
    new_user_id,
)
from services.messages import Translatable, render

ROOT = Path(__file__).resolve().parent.parent


def png_bytes(color: str = "red") -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (32, 32), color).save(buf, "PNG")
    return buf.getvalue()


@pytest.fixture
def store(tmp_path) -> HistoryStore:
    s = HistoryStore(tmp_path / "history").open()
    yield s
    s.close()


def make_outputs(store: HistoryStore, count: int = 2) -> list[Path]:
    stage = store.staging_dir()
    paths = []
    for i in range(count):
        path = stage / f"download-{i}.png"
        path.write_bytes(png_bytes("blue"))
        paths.append(path)
    return paths


def entry(store: HistoryStore, prompt: str = "make it pop", **kw) -> NewEntry:
    kw.setdefault("outputs", make_outputs(store))
    kw.setdefault("status", "ok")
    return NewEntry(
        model=kw.pop("model", "qwen-image-edit-plus"),
        region="singapore",
        prompt=prompt,
        negative_prompt=kw.pop("negative_prompt", ""),
        parameters={"n": 2, "seed": 7},
        inputs=kw.pop("inputs", [(png_bytes(), "image/png"), "https://example.com/b.png"]),
        request_id="req-1",
        seed=7,
        usage={"width": 32, "height": 32, "image_count": 2},
        cost_usd=kw.pop("cost_usd", 0.06),
        **kw,
    )


def test_record_and_read_back(store):
    user = new_user_id()
    saved = store.record(user, entry(store, warnings=["cut"], timings={"service_s": 1.5}))
    got = store.get(user, saved.id)
    assert got == saved
    assert got.inputs == ["in-1.png", "https://example.com/b.png"]
    assert got.input_paths()[1] == "https://example.com/b.png"
    assert [p.name for p in got.output_paths()] == ["out-1.png", "out-2.png"]
    assert all(p.exists() for p in got.output_paths())
    assert (got.folder / "in-1.png").read_bytes() == png_bytes()
    assert got.warnings == ["cut"] and got.timings == {"service_s": 1.5}
    assert got.image_count == 2 and got.cost_usd == 0.06 and got.seed == 7
    # The downloaded files were moved, not copied: no staging leftovers.
    assert list((store.root / "staging").iterdir()) == [next((store.root / "staging").iterdir())]


def test_failed_edits_are_recorded_without_outputs(store):
    user = new_user_id()
    saved = store.record(
        user,
        entry(
            store,
            status="failed",
            outputs=[],
            cost_usd=None,
            error_code="DataInspectionFailed",
            error_message="The service's content check stopped it.",
        ),
    )
    assert saved.status == "failed" and saved.outputs == [] and saved.image_count == 0
    assert store.list(user, status="failed")[0].error_code == "DataInspectionFailed"
    assert store.list(user, status="ok") == []


def test_list_is_newest_first_with_search_and_filters(store):
    user = new_user_id()
    store.record(user, entry(store, "a red car", created=1000))
    store.record(user, entry(store, "a blue boat", created=2000, model="qwen-image-edit"))
    store.record(user, entry(store, "100% cotton_shirt", created=3000))
    assert [e.prompt for e in store.list(user)] == ["100% cotton_shirt", "a blue boat", "a red car"]
    assert [e.prompt for e in store.list(user, search="BLUE")] == ["a blue boat"]
    assert [e.prompt for e in store.list(user, search="0% c")] == ["100% cotton_shirt"]
    assert store.list(user, search="%") == store.list(user, search="100%")  # literal %
    assert store.list(user, search="1_0") == []  # literal _, or it would match "100"
    assert len(store.list(user, search="n_shirt")) == 1
    assert [e.prompt for e in store.list(user, model="qwen-image-edit")] == ["a blue boat"]


def test_users_see_only_their_own(store):
    alice, bob = new_user_id(), new_user_id()
    mine = store.record(alice, entry(store))
    assert store.list(bob) == []
    with pytest.raises(HistoryError, match="No such history entry"):
        store.get(bob, mine.id)
    with pytest.raises(HistoryError):
        store.file_path(bob, mine.id, "out-1.png")
    with pytest.raises(HistoryError):
        store.export(bob, [mine.id])
    assert store.delete(bob, [mine.id]) == 0
    assert store.get(alice, mine.id).id == mine.id  # untouched
    assert store.totals(bob).entries == 0


@pytest.mark.parametrize(
    "user_id",
    ["", "short", "../../etc", "a/b/c/d/e/f/g", "x" * 129, "null\x00byte-id", None, 12345678],
)
def test_crafted_user_ids_are_refused(store, user_id):
    with pytest.raises(HistoryError, match="not valid"):
        store.list(user_id)


def test_user_id_never_becomes_a_path(store):
    user = "..:..:..:..:evil"  # valid characters, but the folder is a hash of it
    saved = store.record(user, entry(store))
    assert saved.folder.parent.parent == store.root / "files"
    assert ".." not in saved.folder.relative_to(store.root).parts


@pytest.mark.parametrize(
    "entry_id", ["../../../history.sqlite3", "", "a" * 21, "a" * 22 + "/", "..%2F..%2Fetc%2Fpasswd"]
)
def test_crafted_entry_ids_are_refused(store, entry_id):
    user = new_user_id()
    with pytest.raises(HistoryError, match="No such history entry"):
        store.get(user, entry_id)


@pytest.mark.parametrize(
    "name", ["../../history.sqlite3", "in-1.png/../../x", "manifest.json", "out-9.png"]
)
def test_file_names_outside_the_entry_are_refused(store, name):
    user = new_user_id()
    saved = store.record(user, entry(store))
    with pytest.raises(HistoryError, match="No such file"):
        store.file_path(user, saved.id, name)
    assert store.file_path(user, saved.id, "out-1.png").exists()


def test_concurrent_saves_all_land(store):
    user = new_user_id()
    outputs = [make_outputs(store, 1) for _ in range(24)]
    errors: list[BaseException] = []

    def save(i: int) -> None:
        try:
            store.record(user, entry(store, f"edit {i}", outputs=outputs[i]))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=save, args=(i,)) for i in range(24)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    entries = store.list(user)
    assert len(entries) == 24 == len({e.id for e in entries})
    assert sorted(e.prompt for e in entries) == sorted(f"edit {i}" for i in range(24))
    assert all(e.output_paths()[0].exists() for e in entries)


def test_failure_mid_save_leaves_no_half_entry(store, monkeypatch):
    user = new_user_id()
    import services.history as history_module

    real_move = history_module.shutil.move
    calls = {"n": 0}

    def flaky_move(src, dst):
        calls["n"] += 1
        if calls["n"] == 2:
            raise OSError("disk full")
        return real_move(src, dst)

    monkeypatch.setattr(history_module.shutil, "move", flaky_move)
    new = entry(store)
    with pytest.raises(OSError, match="disk full"):
        store.record(user, new)
    assert store.list(user) == []
    assert list((store.root / "files").glob("*/*")) == []
    assert not list((store.root / "staging").glob("entry-*"))
    # The downloaded (paid) outputs are back where they were, not deleted with the half entry.
    assert all(Path(p).read_bytes() == png_bytes("blue") for p in new.outputs)


def test_failure_at_commit_keeps_the_files(tmp_path):
    # Another connection holds the write lock through every attempt: the row cannot go in,
    # but the paid outputs stay in their entry folder, with the manifest that lists them.
    root = tmp_path / "history"
    store = HistoryStore(root, busy_timeout_s=0.05, retry_base_s=0.01).open()
    user = new_user_id()
    blocker = sqlite3.connect(root / "history.sqlite3", isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    with pytest.raises(HistoryNotIndexedError, match="next start") as err:
        store.record(user, entry(store))
    blocker.execute("ROLLBACK")
    blocker.close()
    assert all(p.exists() for p in err.value.outputs)
    assert (err.value.folder / "manifest.json").exists()
    store.close()
    again = HistoryStore(root).open()
    assert [e.id for e in again.list(user)] == [err.value.entry_id]
    again.close()


def test_a_process_killed_mid_save_is_recovered_at_the_next_start(tmp_path):
    root = tmp_path / "history"
    # The child writes and renames an entry's folder, then dies just before the row commits,
    # the worst moment for a crash. It also leaves a half-downloaded file (downloads are
    # written to a .tmp- name and renamed) in a staging folder.
    script = textwrap.dedent(f"""
        import os, sys
        sys.path.insert(0, {str(ROOT)!r})
        from pathlib import Path
        from services.history import HistoryStore, NewEntry
        store = HistoryStore(Path({str(root)!r})).open()
        stage = store.staging_dir()
        (stage / ".tmp-half.png").write_bytes(b"\\x89PNG half")
        out = store.staging_dir() / "o.png"
        out.write_bytes(b"png")
        real = store._connect
        class Dying:
            def __init__(self, db): self.db = db
            def execute(self, sql, *a):
                if sql.startswith("INSERT"):
                    os._exit(9)
                return self.db.execute(sql, *a)
        store._connect = lambda: Dying(real())
        store.record("user-one-0123456789", NewEntry("ok", "m", "singapore", "p", "", {{}},
                     outputs=[out]))
    """)
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert proc.returncode == 9, proc.stderr
    assert len(list((root / "files").glob("*/*"))) == 1  # an entry folder without its row
    assert list((root / "staging").iterdir())  # and leftovers
    store = HistoryStore(root).open()  # the next start
    # The folder had its manifest: the paid output is listed again, not deleted.
    (saved,) = store.list("user-one-0123456789")
    assert saved.output_paths()[0].read_bytes() == b"png" and saved.prompt == "p"
    assert list((root / "staging").iterdir()) == []
    store.close()


def test_survives_a_restart(tmp_path):
    user = new_user_id()
    first = HistoryStore(tmp_path / "h").open()
    saved = first.record(user, entry(first))
    first.close()
    again = HistoryStore(tmp_path / "h").open()
    assert again.get(user, saved.id).output_paths()[0].exists()
    assert again.list(user)[0].id == saved.id
    again.close()


def test_retention_by_count_removes_oldest_and_their_files(tmp_path):
    store = HistoryStore(tmp_path / "h", Retention(max_entries=3)).open()
    user, other = new_user_id(), new_user_id()
    saved = [store.record(user, entry(store, f"e{i}", created=1000 + i)) for i in range(5)]
    store.record(other, entry(store, "theirs", created=1))
    assert [e.prompt for e in store.list(user)] == ["e4", "e3", "e2"]
    assert not saved[0].folder.exists() and not saved[1].folder.exists()
    assert saved[4].folder.exists()
    assert len(store.list(other)) == 1  # one user's retention never touches another's
    store.close()


def test_retention_by_age(tmp_path):
    store = HistoryStore(tmp_path / "h", Retention(max_entries=0, max_age_days=7)).open()
    user = new_user_id()
    now = time.time()
    old = store.record(user, entry(store, "old", created=now - 8 * 86400))
    # record() applies retention at once, so the old entry is already gone.
    assert store.list(user) == [] and not old.folder.exists()
    store.record(user, entry(store, "new", created=now - 86400))
    assert store.apply_retention(user, now=now) == 0
    assert [e.prompt for e in store.list(user)] == ["new"]
    store.close()


def test_delete_one_and_all_remove_files(store):
    user = new_user_id()
    a = store.record(user, entry(store, "a"))
    b = store.record(user, entry(store, "b"))
    assert store.delete(user, [a.id]) == 1 and not a.folder.exists() and b.folder.exists()
    assert store.delete_all(user) == 1 and not b.folder.exists()
    assert store.list(user) == []


def test_export_selection_and_all(store):
    user = new_user_id()
    a = store.record(user, entry(store, "first", created=1000))
    b = store.record(
        user,
        entry(
            store,
            "second",
            created=2000,
            status="failed",
            outputs=[],
            error_code="Throttling",
            error_message="busy",
        ),
    )
    one = store.export(user, [a.id])
    with zipfile.ZipFile(one) as zf:
        manifest = json.loads(zf.read("manifest.json"))
        assert [e["prompt"] for e in manifest["entries"]] == ["first"]
        names = zf.namelist()
        assert sum(n.endswith(".png") for n in names) == 3  # one input, two outputs
        for name in manifest["entries"][0]["files"]:
            Image.open(io.BytesIO(zf.read(name))).verify()
    everything = store.export(user)
    with zipfile.ZipFile(everything) as zf:
        manifest = json.loads(zf.read("manifest.json"))
        assert [e["prompt"] for e in manifest["entries"]] == ["second", "first"]
        assert manifest["entries"][0]["error_code"] == "Throttling"
        assert manifest["entries"][1]["parameters"] == {"n": 2, "seed": 7}
    assert one.parent == everything.parent and one.parent.is_relative_to(store.root / "exports")
    with pytest.raises(HistoryError, match="nothing to export"):
        store.export(new_user_id())
    assert b.id in {e.id for e in store.list(user)}


def test_totals_today_and_all_time(store):
    user = new_user_id()
    now = time.time()
    store.record(user, entry(store, created=now - 3 * 86400, cost_usd=0.06))
    store.record(user, entry(store, created=now, cost_usd=0.06))
    store.record(user, entry(store, status="failed", outputs=[], cost_usd=None, created=now))
    totals = store.totals(user, now=now)
    assert (totals.images_today, totals.images_all, totals.entries) == (2, 4, 3)
    assert totals.cost_today == pytest.approx(0.06) and totals.cost_all == pytest.approx(0.12)


def test_old_exports_are_cleaned_at_start(tmp_path):
    store = HistoryStore(tmp_path / "h").open()
    user = new_user_id()
    store.record(user, entry(store))
    path = store.export(user)
    os.utime(path, (time.time() - 7200, time.time() - 7200))
    store.close()
    HistoryStore(tmp_path / "h").open().close()
    assert not path.exists()


# -- paging: offset and count, with the same filters as list() -------------------------------


def test_pages_cover_every_entry_once_newest_first_with_count(store):
    user = new_user_id()
    for i in range(11):
        store.record(user, entry(store, f"edit {i}", outputs=[], created=1000.0 + i))
    assert store.count(user) == 11
    pages = [store.list(user, limit=4, offset=o) for o in (0, 4, 8)]
    assert [len(p) for p in pages] == [4, 4, 3]
    prompts = [e.prompt for page in pages for e in page]
    assert prompts == [f"edit {i}" for i in range(10, -1, -1)]
    assert store.list(user, limit=4, offset=12) == []  # past the end: empty, not an error
    assert [e.prompt for e in store.list(user, limit=2, offset=-5)] == ["edit 10", "edit 9"]
    assert store.count(new_user_id()) == 0  # another user's entries are not counted


def test_count_and_offset_apply_the_same_filters_as_list(store):
    user = new_user_id()
    for i in range(9):
        store.record(
            user,
            entry(
                store,
                f"{'sunset' if i % 3 == 0 else 'latte'} {i}",
                outputs=[],
                model="qwen-image-edit-max" if i % 2 else "qwen-image-edit-plus",
                status="failed" if i in (0, 3) else "ok",
                created=1000.0 + i,
            ),
        )
    assert store.count(user, search="sunset") == 3
    assert [e.prompt for e in store.list(user, search="sunset", limit=2, offset=1)] == [
        "sunset 3",
        "sunset 0",
    ]
    assert store.count(user, model="qwen-image-edit-max") == 4
    assert store.count(user, status="failed") == 2
    assert store.count(user, search="sunset", status="ok") == 1
    assert store.count(user, search="100%_") == 0  # LIKE wildcards are text, as in list()
    for filters in ({}, {"search": "latte"}, {"model": "qwen-image-edit-plus"}, {"status": "ok"}):
        assert store.count(user, **filters) == len(store.list(user, **filters))


def test_paging_ties_in_time_are_stable(store):
    user = new_user_id()
    for i in range(6):
        store.record(user, entry(store, f"same time {i}", outputs=[], created=5000.0))
    first = [e.id for e in store.list(user, limit=3)]
    second = [e.id for e in store.list(user, limit=3, offset=3)]
    assert len(set(first + second)) == 6  # no entry on both pages, none left out
    assert first + second == [e.id for e in store.list(user)]


# -- the History tab's words (ui/history_view.py: no gradio) ---------------------------------


def shown_entry(store, **changes):
    from dataclasses import replace

    user = new_user_id()
    saved = store.record(user, entry(store, "make the sky a warm sunset", outputs=[]))
    return replace(saved, **changes)


def test_tile_captions_say_date_model_status_and_instruction(store):
    from ui import history_view as hv

    created = time.mktime((2025, 11, 27, 14, 5, 0, 0, 0, -1))
    now = time.mktime((2025, 12, 1, 9, 0, 0, 0, 0, -1))
    ok = shown_entry(store, created=created, model="qwen-image-edit-plus")
    assert hv.tile_caption(ok, now=now) == "27 Nov 14:05 · Plus\nmake the sky a warm sunset"
    failed = shown_entry(store, created=created, status="failed", model="qwen-image-edit-max")
    assert hv.tile_caption(failed, now=now) == (
        "27 Nov 14:05 · Max\n✕ FAILED · make the sky a warm sunset"
    )
    assert hv.tile_caption(ok, chosen=True, now=now).startswith("✓ 27 Nov 14:05")
    # Another year's edit says its year; a model the table does not know shows its name.
    later = time.mktime((2026, 2, 1, 9, 0, 0, 0, 0, -1))
    assert hv.tile_caption(ok, now=later).startswith("27 Nov 2025 14:05 · ")
    odd = shown_entry(store, created=created, model="some-future-model")
    assert "· some-future-model\n" in hv.tile_caption(odd, now=now)


def test_tile_captions_keep_two_lines_of_instruction_as_plain_text(store):
    from ui import history_view as hv

    long = "word " * 60 + "<b>bold</b>\nsecond line\x1b"
    caption = hv.tile_caption(shown_entry(store, prompt=long))
    head, body = caption.split("\n")  # exactly one break: the meta line, then the instruction
    assert len(body) == hv.INSTRUCTION_CHARS and body.endswith("…")
    plain = hv.tile_caption(shown_entry(store, prompt="<b>bold</b> & co\nnext\x1b"))
    assert plain.endswith("<b>bold</b> & co next\ufffd")  # text, never escaped or markup
    for name, expected in [
        ("qwen-image-edit-plus", "Plus"),
        ("qwen-image-edit-plus-2025-12-15", "Plus 2025-12-15"),
        ("qwen-image-edit-max-2026-01-16", "Max 2026-01-16"),
        ("qwen-image-2.0-pro", "Image 2.0 Pro"),
        ("qwen-image-edit", "Image Edit"),
    ]:
        assert hv.model_short(name) == expected


def _error_codes() -> set[str]:
    """The code of every EditorError class of the services (their modules imported first)."""
    import services.backends.dashscope  # noqa: F401
    import services.identity  # noqa: F401
    import services.spending  # noqa: F401
    from services import errors

    seen, todo = set(), [errors.EditorError]
    while todo:
        cls = todo.pop()
        seen.add(cls.code)
        todo += cls.__subclasses__()
    return seen


def test_every_error_code_has_words_for_a_designer():
    from ui import history_view as hv

    codes = _error_codes()
    assert "ResultDownloadFailed" in codes and len(codes) >= 15
    assert codes <= set(hv.FAILURE_WORDS)  # a new error class needs its words here
    for code in codes:
        words = hv.failure_words(code)
        assert words.startswith("Failed: ") and code not in words
    assert hv.failure_words("ResultDownloadFailed") == (
        "Failed: the outputs were made but could not be downloaded"
    )
    # The service's detailed codes read as their family; unknown ones just "Failed".
    assert hv.failure_words("Throttling.RateQuota") == hv.failure_words("Throttling")
    assert hv.failure_words("BadRequest.TooLarge") == hv.failure_words("BadRequest")
    assert hv.failure_words("Arrearage") == hv.failure_words("AccessDenied")
    for unknown in ("HTTP502", "SomethingNew", "", None):
        assert hv.failure_words(unknown) == "Failed"


def test_details_say_the_failure_in_words_then_the_message_and_the_request_id_last(store):
    from ui import history_view as hv

    failed = shown_entry(
        store,
        status="failed",
        error_code="ResultDownloadFailed",
        error_message="1 of 2 outputs were not downloaded. Fetch them again. (request id req-1)",
    )
    details = hv.describe(failed)
    lines = details.split("\n\n")
    assert lines[0].startswith("**✕ Failed&#58; the outputs were made but could not be")
    assert "ResultDownloadFailed" not in details
    assert "Fetch them again&#46;" in lines[0] and "request id" not in lines[0]
    assert lines[-1] == "For support: request <code>req&#45;1</code>"
    ok = hv.describe(shown_entry(store))
    assert ok.startswith("**Succeeded** · ") and "Failed" not in ok


def test_page_and_choice_lines():
    from ui import history_view as hv

    assert hv.pages_for(0) == 1 and hv.pages_for(24) == 1 and hv.pages_for(25) == 2
    assert hv.pages_for(500) == 21
    assert hv.page_line(2, 21, 500, False) == "Page 2 of 21 · 500 edits, newest first"
    assert hv.page_line(1, 1, 1, True) == "Page 1 of 1 · 1 edit match, newest first"
    assert hv.page_line(1, 1, 0, False) == "No edits yet."
    assert hv.page_line(1, 1, 0, True) == "No edit matches these filters."
    assert hv.chosen_line(3, True) == "**3 chosen**"
    assert "Select several" in hv.chosen_line(0, False)


def test_each_session_browses_on_its_own_and_quick_toggles_are_all_kept(store):
    import copy

    from ui.history_browse import Browse, Filters

    user = new_user_id()
    for i in range(30):
        store.record(user, entry(store, f"edit {i}", outputs=[], created=1000.0 + i))
    first = Browse()
    first.load(store, user, Filters(), 2)
    assert (first.page, first.pages, first.total, len(first.tiles)) == (2, 2, 30, 6)
    other = copy.deepcopy(first)  # what Gradio gives a new session
    assert other is not first and other.tiles == [] and other.chosen == {}
    first.load(store, user, Filters(), 9)  # past the end: the last page
    assert first.page == 2
    first.load(store, user, Filters.of("edit 1", None, None), 2)
    assert (first.page, first.total, first.filtered) == (1, 11, True)  # 1, 10-19
    first.load(store, user, Filters(), 1)
    threads = [threading.Thread(target=first.toggle, args=(i,)) for i in range(24)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(first.chosen_ids()) == 24
    assert all(caption.startswith("✓ ") for _, caption in first.gallery())
    first.forget(first.chosen_ids()[:4])
    assert first.unchoose_all() == 20 and not first.chosen_ids()


def test_history_errors_and_notices_carry_kinds_and_render_in_each_language(store):
    with pytest.raises(HistoryError) as caught:
        store.list("bad id")
    err = caught.value
    assert (err.kind, err.params, err.hint_kind) == (
        "error.history.bad_id",
        {},
        "hint.history.bad_id",
    )
    assert err.message == "This history id is not valid."
    assert err.render("ja").startswith("この履歴 ID は無効です。")
    assert err.render("zh-CN").startswith("此历史记录 ID 无效。")
    user = new_user_id()
    with pytest.raises(HistoryError) as caught:
        store.get(user, "../etc")
    assert (caught.value.kind, caught.value.hint_kind) == (
        "error.history.no_entry",
        "hint.history.no_entry",
    )
    store.retention = Retention(max_entries=0, max_bytes=100)
    kept = store.record(user, entry(store, "big"))
    (note,) = kept.notices
    assert isinstance(note, Translatable) and note.message.key == "warning.history.too_big"
    assert note.startswith("This edit alone takes more than your history's limit of ")
    assert render(note, "ja").startswith("この編集だけで履歴の上限")
    assert render(note, "zh-CN").startswith("仅此次编辑就超过了历史记录的上限")
