"""Secrets and access, checked last (the file name sorts last) so that the search for the key
covers everything the whole test run wrote.

- The key appears nowhere: not in a log record (the SDK's debug lines included), a page, an API
  answer, a history record, an exported zip, or any file the app or the tests' apps wrote.
- Gradio's file routes serve only what they must, and uploads are capped.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
import zipfile
from pathlib import Path

import pytest
import requests
from gradio_client import Client
from gradio_client.exceptions import AppError
from PIL import Image

from tests.support import (
    ALL_TEST_KEYS,
    GRADIO_CACHE,
    TEST_KEY,
    KeyWatch,
    close_app,
    edit_kwargs,
    launch_app,
)


@pytest.fixture(scope="module")
def byo_app(tmp_path_factory):
    """A deployment without its own key: users bring theirs (the riskiest case)."""
    app = launch_app(tmp_path_factory.mktemp("byo"), operator_key=None)
    yield app
    close_app(app)


@pytest.fixture(scope="module")
def photo(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("in") / "p.png"
    Image.new("RGB", (512, 384), "navy").save(path)
    return path


def edit(client: Client, photo: Path, user: str, key: str | None, **kw):
    kwargs = edit_kwargs([photo], prompt="keep my secret", api_key=key, user_id=user, **kw)
    return client.predict(**kwargs, api_name="/edit")


def hits_in(blob: bytes | str, where: str) -> list[str]:
    data = blob.encode() if isinstance(blob, str) else blob
    return [f"{where}: {key[:6]}…" for key in ALL_TEST_KEYS if key.encode() in data]


def scan_tree(root: Path) -> list[str]:
    found: list[str] = []
    for path in root.rglob("*"):
        if not path.is_file():
            continue
        try:
            data = path.read_bytes()
        except OSError:
            continue
        found += hits_in(data, str(path))
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as zf:
                for name in zf.namelist():
                    found += hits_in(zf.read(name), f"{path}!{name}")
    return found


def test_the_scan_finds_a_planted_key():
    # The search below must be able to fail: plant the key in a file and in a zip member.
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "note.bin").write_bytes(b"\x00" + TEST_KEY.encode() + b"\x00")
        with zipfile.ZipFile(Path(folder) / "a.zip", "w", zipfile.ZIP_DEFLATED) as zf:
            zf.writestr("m.json", json.dumps({"k": TEST_KEY}) * 50)
        found = scan_tree(Path(folder))
    assert len(found) == 2 and any("!m.json" in f for f in found)
    before = len(KeyWatch.hits)
    logging.getLogger("services.canary").warning("oops %s", TEST_KEY)
    assert len(KeyWatch.hits) == before + 1
    del KeyWatch.hits[before:]  # the planted record is not a leak


def test_the_key_is_nowhere(byo_app, photo, tmp_path_factory):
    client = Client(byo_app.url, verbose=False)
    user = byo_app.services.identities.issue()
    answers: list[str] = []

    # Every kind of answer a user or program gets: successes, refusals, service errors that
    # even echo the key back, history listings and entries, an export.
    files, meta = edit(client, photo, user, TEST_KEY)
    answers.append(json.dumps(meta))
    for code in ("InvalidApiKey", "InvalidParameter", "Arrearage", "DataInspectionFailed"):
        byo_app.emulator.inject("error", code=code, message=f"bad request from {TEST_KEY}")
        with pytest.raises(AppError) as err:
            edit(client, photo, user, TEST_KEY)
        answers.append(str(err.value))
    with pytest.raises(AppError) as err:
        edit(client, photo, user, "sk-wrongkey0000000000000000000000")
    answers.append(str(err.value))
    byo_app.emulator.inject("expired_urls")
    with pytest.raises(AppError) as err:
        edit(client, photo, user, TEST_KEY)
    answers.append(str(err.value))
    listing = client.predict(user, "", "", "", api_name="/history_list")
    answers.append(json.dumps(listing))
    _, entry = client.predict(user, listing[0]["id"], api_name="/history_entry")
    answers.append(json.dumps(entry))
    archive = client.predict(user, "", api_name="/history_export")
    # Pages and descriptions anyone can fetch.
    for path in ("", "config", "gradio_api/info", "gradio_api/openapi.json"):
        answers.append(requests.get(byo_app.url + path, timeout=10).text)
    # What the emulator (the service) stored of the requests never includes the key either.
    answers.append(repr([r.headers for r in byo_app.emulator.requests]))

    found = [h for i, a in enumerate(answers) for h in hits_in(a, f"answer {i}")]
    found += scan_tree(Path(archive).parent)
    found += scan_tree(byo_app.data_dir)
    found += scan_tree(tmp_path_factory.getbasetemp())  # every test's files in this run
    found += scan_tree(GRADIO_CACHE)  # every file Gradio cached in this run
    found += [f"log {h}" for h in KeyWatch.hits]
    assert not found, "the key leaked:\n" + "\n".join(found[:20])
    assert len(listing) == 7  # the check above did see real history: 1 ok, 6 failed


def test_file_routes_serve_only_what_they_must(byo_app, photo):
    client = Client(byo_app.url, verbose=False, download_files=False)
    alice_token = byo_app.services.identities.issue()
    alice = byo_app.services.identities.verify(alice_token)
    files, meta = edit(client, photo, alice_token, TEST_KEY)
    served = files[0]["url"]
    assert requests.get(served, timeout=10).status_code == 200  # the copy made for her
    entry = byo_app.services.history.get(alice, meta["entry_id"])
    refused = [
        entry.output_paths()[0],  # the kept original, even for someone who knows the path
        entry.folder / "in-1.png",
        byo_app.data_dir / "history" / "history.sqlite3",
        byo_app.data_dir / "browser-secret",
        Path("/etc/passwd"),
        Path(__file__),
        Path(os.getcwd()) / "app.py",
    ]
    for path in refused:
        status = requests.get(f"{byo_app.url}gradio_api/file={path}", timeout=10).status_code
        assert status in (403, 404), (path, status)
    for trick in ("../../../../etc/passwd", "..%2F..%2F..%2Fetc%2Fpasswd"):
        status = requests.get(f"{byo_app.url}gradio_api/file={trick}", timeout=10).status_code
        assert status in (400, 403, 404), (trick, status)


def test_uploads_are_capped(byo_app, tmp_path):
    big = tmp_path / "big.png"
    with big.open("wb") as fh:
        fh.truncate(51 * 1024 * 1024)  # one byte over the 50 MB cap is enough; sparse file
    with big.open("rb") as fh:
        response = requests.post(
            f"{byo_app.url}gradio_api/upload",
            files={"files": ("big.png", fh, "image/png")},
            timeout=60,
        )
    assert response.status_code == 413
    small = tmp_path / "small.png"
    Image.new("RGB", (32, 32)).save(small)
    with small.open("rb") as fh:
        ok = requests.post(
            f"{byo_app.url}gradio_api/upload",
            files={"files": ("small.png", fh, "image/png")},
            timeout=60,
        )
    assert ok.status_code == 200
