"""A region edit's extra files in the history: the full-resolution original, the mask and the
model's raw outputs, kept with the entry (issue 12, point 4).

They are copied in with the entry's other files (the caller keeps its own), named in
parameters["region"]["files"] (no schema change), served only to their owner, exported, deleted
with the entry, and rebuilt from the manifest after a damaged database. Every failure here is
real (a missing file, a damaged database); the store itself is never mocked out."""

from __future__ import annotations

import io
import json
import os
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from services.history import HistoryError, HistoryStore, NewEntry, Retention, new_user_id
from tests.test_history import entry, make_outputs, png_bytes
from tests.test_history_hardening import damaged_copies, fast


def png_of(size: tuple[int, int], color: str, mode: str = "RGB") -> bytes:
    buf = io.BytesIO()
    Image.new(mode, size, color).save(buf, "PNG")
    return buf.getvalue()


@pytest.fixture
def store(tmp_path) -> HistoryStore:
    s = fast(tmp_path / "history")
    yield s
    s.close()


def region_sources(folder: Path, raws: int = 2) -> list[tuple[str, Path]]:
    """The files a region edit has before it is recorded, each with distinct bytes."""
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        "original-1.png": png_of((64, 48), "orange"),
        "mask.png": png_of((64, 48), "white", "L"),
        **{
            f"raw-{i}.png": png_of((40, 40), ("navy", "olive", "plum")[i % 3])
            for i in range(1, raws + 1)
        },
    }
    pairs = []
    for name, data in files.items():
        path = folder / f"src-{name}"
        path.write_bytes(data)
        pairs.append((name, path))
    return pairs


def region_entry(store: HistoryStore, sources: list[tuple[str, Path]], **kw) -> NewEntry:
    new = entry(store, kw.pop("prompt", "recolour the mug"), **kw)
    new.parameters = {"n": 2, "seed": 7, "region": {"box": [8, 4, 56, 44], "margin": 0.25}}
    new.extras = sources
    return new


def staging_entries(store: HistoryStore) -> list[Path]:
    return list((store.root / "staging").glob("entry-*"))


# == recording =================================================================================


def test_extras_are_copied_in_and_named_in_the_parameters(store, tmp_path):
    user = new_user_id()
    sources = region_sources(tmp_path / "src")
    before = {name: path.read_bytes() for name, path in sources}
    saved = store.record(user, region_entry(store, sources))

    names = ["original-1.png", "mask.png", "raw-1.png", "raw-2.png"]
    assert saved.parameters["region"] == {
        "box": [8, 4, 56, 44],
        "margin": 0.25,
        "files": names,
    }
    for name, src in sources:
        kept = saved.folder / name
        assert kept.read_bytes() == before[name]  # byte for byte
        assert src.read_bytes() == before[name]  # copied, not moved: the source is still there
    # The manifest mirrors the row, so a rebuild from it keeps the names.
    manifest = json.loads((saved.folder / "manifest.json").read_text())
    assert manifest["parameters"]["region"]["files"] == names
    # Nothing left in staging for this entry.
    assert staging_entries(store) == []


def test_get_gives_the_extras_paths(store, tmp_path):
    user = new_user_id()
    saved = store.record(user, region_entry(store, region_sources(tmp_path / "src", raws=3)))
    got = store.get(user, saved.id)
    assert got == saved
    folder = got.folder
    assert got.extra_paths() == {
        "original-1.png": folder / "original-1.png",
        "mask.png": folder / "mask.png",
        "raw-1.png": folder / "raw-1.png",
        "raw-2.png": folder / "raw-2.png",
        "raw-3.png": folder / "raw-3.png",
    }
    assert got.original_path() == folder / "original-1.png"
    assert got.mask_path() == folder / "mask.png"
    assert got.raw_paths() == [folder / f"raw-{i}.png" for i in (1, 2, 3)]
    # Outputs and inputs are as for any entry.
    assert [p.name for p in got.output_paths()] == ["out-1.png", "out-2.png"]
    assert got.inputs[0] == "in-1.png"


def test_extra_paths_lists_only_files_that_exist(store, tmp_path):
    user = new_user_id()
    saved = store.record(user, region_entry(store, region_sources(tmp_path / "src")))
    (saved.folder / "raw-2.png").unlink()
    got = store.get(user, saved.id)
    assert sorted(got.extra_paths()) == ["mask.png", "original-1.png", "raw-1.png"]
    assert got.raw_paths() == [saved.folder / "raw-1.png"]


def test_an_entry_without_extras_has_none_and_claims_none(store, tmp_path):
    user = new_user_id()
    plain = store.record(user, entry(store))
    assert "region" not in plain.parameters
    assert plain.extra_paths() == {} and plain.mask_path() is None and plain.raw_paths() == []
    # Parameters copied from an older region edit (run again) do not claim its files.
    again = entry(store)
    again.parameters = {"n": 1, "region": {"box": [1, 2, 3, 4], "files": ["mask.png"]}}
    saved = store.record(user, again)
    assert saved.parameters["region"] == {"box": [1, 2, 3, 4]}
    assert saved.extra_paths() == {}
    with pytest.raises(HistoryError, match="No such file"):
        store.file_path(user, saved.id, "mask.png")


def test_only_some_extras_may_be_given(store, tmp_path):
    user = new_user_id()
    mask = [pair for pair in region_sources(tmp_path / "src") if pair[0] == "mask.png"]
    new = entry(store)
    new.extras = mask
    saved = store.record(user, new)
    assert saved.parameters["region"] == {"files": ["mask.png"]}
    assert saved.extra_paths() == {"mask.png": saved.folder / "mask.png"}
    assert saved.original_path() is None and saved.raw_paths() == []


# == refused before anything is written ========================================================


@pytest.mark.parametrize(
    "name",
    [
        "../x.png",
        "mask.jpg",
        "raw-7.png",
        "raw-0.png",
        "raw-10.png",
        "original-2.png",
        "original.png",
        "in-1.png",
        "out-1.png",
        "manifest.json",
        "mask.png\n",
        "mask.png/../../x",
        "sub/mask.png",
        "MASK.PNG",
        "",
    ],
)
def test_a_bad_extra_name_is_refused_before_anything_is_written(store, tmp_path, name):
    user = new_user_id()
    sources = region_sources(tmp_path / "src")
    sources.append((name, sources[1][1]))
    new = region_entry(store, sources)
    with pytest.raises(HistoryError, match="extra files cannot be kept"):
        store.record(user, new)
    assert store.list(user) == []
    assert list((store.root / "files").glob("*/*")) == []
    assert staging_entries(store) == []
    assert all(Path(p).exists() for p in new.outputs)  # the outputs were never touched
    assert all(src.exists() for _, src in sources)


@pytest.mark.parametrize(
    "extras",
    [
        [("mask.png", "a"), ("mask.png", "b")],  # the same name twice
        [("mask.png",)],
        [("mask.png", None)],
        [("mask.png", "")],
        "mask.png",
    ],
)
def test_malformed_extras_are_refused(store, extras):
    user = new_user_id()
    new = entry(store)
    new.extras = extras
    with pytest.raises(HistoryError, match="extra files cannot be kept"):
        store.record(user, new)
    assert store.list(user) == [] and staging_entries(store) == []


def test_a_region_parameter_that_is_not_a_mapping_is_refused(store, tmp_path):
    user = new_user_id()
    new = region_entry(store, region_sources(tmp_path / "src"))
    new.parameters = {"n": 2, "region": "everything"}
    with pytest.raises(HistoryError, match="extra files cannot be kept"):
        store.record(user, new)
    assert store.list(user) == [] and staging_entries(store) == []
    assert all(Path(p).exists() for p in new.outputs)


# == failures while staging ====================================================================


def test_a_missing_extra_source_leaves_no_folder_and_keeps_the_outputs(store, tmp_path):
    user = new_user_id()
    sources = region_sources(tmp_path / "src")
    sources[2][1].unlink()  # raw-1's source is gone: a real FileNotFoundError while copying
    new = region_entry(store, sources)
    outputs = [Path(p).read_bytes() for p in new.outputs]
    with pytest.raises(FileNotFoundError):
        store.record(user, new)
    assert store.list(user) == []
    assert list((store.root / "files").glob("*/*")) == []
    assert staging_entries(store) == []
    assert [Path(p).read_bytes() for p in new.outputs] == outputs
    assert all(src.exists() for name, src in sources if name != "raw-1.png")


def test_a_failure_after_the_outputs_moved_puts_them_back_and_keeps_the_sources(
    store, tmp_path, monkeypatch
):
    # The second output's move fails (as a full disk would): the first output and the copied
    # extras are in the stage by then; everything goes, the outputs go back.
    import services.history as history_module

    real_move = history_module.shutil.move
    calls = {"n": 0}

    def flaky_move(src, dst):
        calls["n"] += 1
        if calls["n"] == 2:
            raise OSError("disk full")
        return real_move(src, dst)

    user = new_user_id()
    sources = region_sources(tmp_path / "src")
    new = region_entry(store, sources)
    monkeypatch.setattr(history_module.shutil, "move", flaky_move)
    with pytest.raises(OSError, match="disk full"):
        store.record(user, new)
    monkeypatch.undo()
    assert store.list(user) == []
    assert list((store.root / "files").glob("*/*")) == []
    assert staging_entries(store) == []
    assert all(Path(p).read_bytes() == png_bytes("blue") for p in new.outputs)
    assert all(src.is_file() for _, src in sources)
    # The same edit saves once the disk is back.
    saved = store.record(user, new)
    assert sorted(saved.extra_paths()) == ["mask.png", "original-1.png", "raw-1.png", "raw-2.png"]


# == recovery ==================================================================================


def test_a_damaged_database_is_rebuilt_with_the_extras(tmp_path):
    root = tmp_path / "h"
    store = fast(root)
    user = new_user_id()
    saved = store.record(user, region_entry(store, region_sources(tmp_path / "src")))
    plain = store.record(user, entry(store, "plain"))
    store.close()
    (root / "history.sqlite3").write_bytes(os.urandom(8192))
    for side in ("-wal", "-shm"):
        Path(f"{root / 'history.sqlite3'}{side}").unlink(missing_ok=True)

    again = HistoryStore(root).open()
    try:
        assert len(damaged_copies(root)) == 1
        assert again.recovered_notice is not None
        got = again.get(user, saved.id)
        assert got == saved
        assert got.extra_paths() == saved.extra_paths() != {}
        assert again.file_path(user, saved.id, "mask.png") == saved.folder / "mask.png"
        assert again.get(user, plain.id).extra_paths() == {}
    finally:
        again.close()


def test_a_crafted_manifest_cannot_name_other_files(tmp_path):
    # A manifest read back at recovery is not trusted: names outside the allowed shapes are
    # neither listed nor served.
    root = tmp_path / "h"
    store = fast(root)
    user = new_user_id()
    saved = store.record(user, region_entry(store, region_sources(tmp_path / "src")))
    store.close()
    manifest_path = saved.folder / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    manifest["parameters"]["region"]["files"] += ["manifest.json", "../../history.sqlite3", 7]
    manifest_path.write_text(json.dumps(manifest))
    (root / "history.sqlite3").write_bytes(b"not a database" * 100)
    again = HistoryStore(root).open()
    try:
        got = again.get(user, saved.id)
        assert sorted(got.extra_paths()) == ["mask.png", "original-1.png", "raw-1.png", "raw-2.png"]
        for name in ("manifest.json", "../../history.sqlite3"):
            with pytest.raises(HistoryError, match="No such file"):
                again.file_path(user, saved.id, name)
    finally:
        again.close()


# == export, delete, quota, serving ============================================================


def test_export_holds_the_extras_and_lists_them(store, tmp_path):
    user = new_user_id()
    saved = store.record(user, region_entry(store, region_sources(tmp_path / "src")))
    path = store.export(user, [saved.id])
    with zipfile.ZipFile(path) as zf:
        manifest = json.loads(zf.read("manifest.json"))
        (listed,) = manifest["entries"]
        folder = listed["files"][0].split("/")[0]
        for name in ("original-1.png", "mask.png", "raw-1.png", "raw-2.png"):
            assert f"{folder}/{name}" in listed["files"]
            assert zf.read(f"{folder}/{name}") == (saved.folder / name).read_bytes()
        assert f"{folder}/out-1.png" in listed["files"] and f"{folder}/in-1.png" in listed["files"]
        assert sorted(zf.namelist()) == sorted([*listed["files"], "manifest.json"])
        assert listed["parameters"]["region"]["files"] == saved.extra_names()


def test_delete_removes_the_extras(store, tmp_path):
    user = new_user_id()
    sources = region_sources(tmp_path / "src")
    saved = store.record(user, region_entry(store, sources))
    extras = list(saved.extra_paths().values())
    assert extras and all(p.exists() for p in extras)
    assert store.delete(user, [saved.id]) == 1
    assert not saved.folder.exists() and not any(p.exists() for p in extras)
    assert all(src.exists() for _, src in sources)  # the caller's own files are its own


def test_the_quota_counts_the_extras(tmp_path):
    user = new_user_id()
    store = fast(tmp_path / "h")
    try:
        plain = store.record(user, entry(store, "plain"))
        plain_bytes = store.usage(user)
        sources = region_sources(tmp_path / "src")
        extra_bytes = sum(src.stat().st_size for _, src in sources)
        region = store.record(user, region_entry(store, sources))
        region_only = store.usage(user) - plain_bytes
        assert region_only >= extra_bytes
        store.delete(user, [region.id])
        assert store.usage(user) == plain_bytes
        # A quota that one plain entry fits but not a region entry besides it: the oldest
        # (plain) entry goes when the region entry is saved.
        store.retention = Retention(max_bytes=plain_bytes + region_only - extra_bytes // 2)
        kept = store.record(user, region_entry(store, region_sources(tmp_path / "src2")))
        assert [e.id for e in store.list(user)] == [kept.id]
        assert not plain.folder.exists()
        assert any("oldest" in n for n in kept.notices)
    finally:
        store.close()


def test_file_path_serves_the_mask_to_its_owner_only(store, tmp_path):
    alice, bob = new_user_id(), new_user_id()
    saved = store.record(alice, region_entry(store, region_sources(tmp_path / "src")))
    assert store.file_path(alice, saved.id, "mask.png") == saved.folder / "mask.png"
    assert store.file_path(alice, saved.id, "raw-2.png").exists()
    assert store.file_path(alice, saved.id, "original-1.png").exists()
    with pytest.raises(HistoryError, match="No such history entry"):
        store.file_path(bob, saved.id, "mask.png")
    for name in ("raw-3.png", "raw-7.png", "mask.png/..", "../mask.png", "mask.png\n"):
        with pytest.raises(HistoryError, match="No such file"):
            store.file_path(alice, saved.id, name)


def test_an_extra_name_outside_this_entry_is_not_served(store, tmp_path):
    # raw-5.png is a valid shape, but this entry has no such file.
    user = new_user_id()
    saved = store.record(user, region_entry(store, region_sources(tmp_path / "src")))
    (saved.folder / "raw-5.png").write_bytes(png_bytes())
    with pytest.raises(HistoryError, match="No such file"):
        store.file_path(user, saved.id, "raw-5.png")
    assert "raw-5.png" not in store.get(user, saved.id).extra_paths()


def test_outputs_attached_later_keep_the_extras(store, tmp_path):
    user = new_user_id()
    new = region_entry(store, region_sources(tmp_path / "src"), outputs=[])
    new.status = "failed"
    new.pending_urls = ["https://example.com/out.png"]
    saved = store.record(user, new)
    done = store.attach_outputs(user, saved.id, make_outputs(store, 1), [])
    assert done.status == "ok" and done.extra_paths() == saved.extra_paths() != {}
