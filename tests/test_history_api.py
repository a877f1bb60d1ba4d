"""History through gradio_client against the launched app: edit, list, restore, delete,
export, another user seeing nothing, crafted ids, and a restart."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
import requests
from gradio_client import Client
from gradio_client.exceptions import AppError
from PIL import Image

from tests.support import close_app, edit_kwargs, launch_app


@pytest.fixture(scope="module")
def photo(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("in") / "photo.png"
    Image.new("RGB", (640, 480), "orange").save(path)
    return path


@pytest.fixture(scope="module")
def client(launched) -> Client:
    return Client(launched.url, verbose=False)


def edit(client, photo, user_id, prompt="make it pop", **kw):
    return client.predict(
        **edit_kwargs([photo], prompt=prompt, user_id=user_id, **kw), api_name="/edit"
    )


def listing(client, user_id, search="", model="", status=""):
    return client.predict(user_id, search, model, status, api_name="/history_list")


def test_edit_list_restore_export_delete(client, launched, photo):
    alice = launched.services.identities.issue()
    _, first = edit(client, photo, alice, "first: a red car", n=2, seed=11)
    launched.emulator.inject("error", code="DataInspectionFailed")
    with pytest.raises(AppError, match="content check"):
        edit(client, photo, alice, "second: refused")
    _, third = edit(client, photo, alice, "third: a blue boat", negative_prompt="fog")

    entries = listing(client, alice)
    assert [e["prompt"] for e in entries] == [
        "third: a blue boat",
        "second: refused",
        "first: a red car",
    ]
    assert entries[1]["status"] == "failed" and entries[1]["error_code"] == "DataInspectionFailed"
    assert [e["prompt"] for e in listing(client, alice, search="boat")] == ["third: a blue boat"]
    assert len(listing(client, alice, status="failed")) == 1

    # Restore for a program: the input files and every parameter needed to run it again.
    files, entry = client.predict(alice, first["entry_id"], api_name="/history_entry")
    assert entry["parameters"] == first["parameters"] and entry["seed"] == 11
    assert entry["inputs"] == ["file:in-1.png"] and len(files) == 1 + 2
    assert Image.open(files[0]).size == (640, 480)
    again, rerun = edit(
        client, photo, alice, entry["prompt"], n=entry["parameters"]["n"], seed=entry["seed"]
    )
    assert rerun["seed"] == 11 and len(again) == 2

    archive = client.predict(
        alice, f"{first['entry_id']}, {third['entry_id']}", api_name="/history_export"
    )
    with zipfile.ZipFile(archive) as zf:
        manifest = json.loads(zf.read("manifest.json"))
        assert {e["prompt"] for e in manifest["entries"]} == {
            "first: a red car",
            "third: a blue boat",
        }
        assert sum(n.endswith(".png") for n in zf.namelist()) == (1 + 2) + (1 + 1)
    everything = client.predict(alice, "", api_name="/history_export")
    with zipfile.ZipFile(everything) as zf:
        assert len(json.loads(zf.read("manifest.json"))["entries"]) == 4

    assert client.predict(alice, first["entry_id"], api_name="/history_delete") == {"deleted": 1}
    assert len(listing(client, alice)) == 3
    assert client.predict(alice, "all", api_name="/history_delete") == {"deleted": 3}
    assert listing(client, alice) == []
    assert not list((launched.data_dir / "history" / "files").glob(f"*/{third['entry_id']}"))


def test_another_user_sees_nothing(client, launched, photo):
    alice, bob = launched.services.identities.issue(), launched.services.identities.issue()
    _, meta = edit(client, photo, alice)
    other = Client(launched.url, verbose=False)  # another browser, another session
    assert listing(other, bob) == []
    with pytest.raises(AppError, match="No such history entry"):
        other.predict(bob, meta["entry_id"], api_name="/history_entry")
    with pytest.raises(AppError, match="No such history entry"):
        other.predict(bob, meta["entry_id"], api_name="/history_export")
    assert other.predict(bob, meta["entry_id"], api_name="/history_delete") == {"deleted": 0}
    assert [e["id"] for e in listing(client, alice)] == [meta["entry_id"]]


@pytest.mark.parametrize("user_id", ["../", "../../etc/passwd", "a/b", "x" * 200, "short"])
def test_crafted_user_ids_are_refused(client, user_id):
    with pytest.raises(AppError, match="not issued by this app"):
        listing(client, user_id)


@pytest.mark.parametrize(
    "entry_id", ["../../history", "..", "%2e%2e%2fhistory.sqlite3", "A" * 22 + "/../x"]
)
def test_crafted_entry_ids_are_refused(client, launched, entry_id):
    with pytest.raises(AppError, match="No such history entry"):
        client.predict(launched.services.identities.issue(), entry_id, api_name="/history_entry")


def test_the_database_is_never_served(launched):
    db = launched.data_dir / "history" / "history.sqlite3"
    assert db.exists()
    for path in (db, launched.data_dir / "history", Path("/etc/passwd")):
        response = requests.get(f"{launched.url}gradio_api/file={path}", timeout=5)
        assert response.status_code in (403, 404), (path, response.status_code)


def test_history_survives_a_restart(tmp_path, photo):
    app = launch_app(tmp_path)
    try:
        _, meta = edit(Client(app.url, verbose=False), photo, None, "before the restart")
    finally:
        close_app(app)
    user = meta["user_id"]  # signed with the data folder's own secret: still valid
    app = launch_app(tmp_path)  # same data dir, new process state
    try:
        client = Client(app.url, verbose=False)
        (entry,) = listing(client, user)
        assert entry["id"] == meta["entry_id"] and entry["prompt"] == "before the restart"
        files, _ = client.predict(user, entry["id"], api_name="/history_entry")
        assert len(files) == 2 and all(Path(f).exists() for f in files)
    finally:
        close_app(app)
