"""Attack class: server files through text image sources.

A line of /edit's `image_urls` (or any text source) that is not an http(s) link or a data:
image used to be opened as a path on the server: its bytes were sent and handed back through
the history, and the wording told whether the path existed. Now text is never a path. Every
case asserts what the caller reads (one message for all, so nothing is learnt about the disk),
that nothing reached the service, and, with an audit hook, that the server opened none of it.
"""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import pytest
from gradio_client import Client
from gradio_client.exceptions import AppError

from services.errors import ImageInputError
from services.imaging import prepare_image
from tests.support import ROOT, edit_kwargs

NOT_TEXT_IMAGE = (
    "is text that is not an http(s) link or a data:image URI; images given as text must be "
    "one of those. Upload the image file, or give a public http:// or https:// address."
)


class OpenWatch:
    """Records every path this process opens while `active` (Python's audit hook 'open')."""

    def __init__(self) -> None:
        self.active = False
        self.opened: list[str] = []
        self._lock = threading.Lock()
        sys.addaudithook(self._hook)  # cannot be removed; it records only while active

    def _hook(self, event: str, args: tuple) -> None:
        if self.active and event == "open" and isinstance(args[0], (str, bytes, Path)):
            with self._lock:
                self.opened.append(str(args[0]))

    def touched(self, target: str) -> list[str]:
        name = Path(target).name
        return [p for p in self.opened if name and p.endswith(name)]


WATCH = OpenWatch()


def server_paths(data_dir: Path) -> list[str]:
    db = data_dir / "history" / "history.sqlite3"
    return [
        "/etc/passwd",
        "/etc/hostname",
        str(ROOT / "app.py"),
        str(ROOT / "assets" / "examples" / "coffee.jpg"),  # an image the server can read
        "assets/examples/coffee.jpg",  # relative to the working folder
        "app.py",
        str(db),
        str(db) + "-wal",
        str(db) + "-shm",
        str(data_dir / "browser-secret"),
        str(data_dir),  # a folder
        "/proc/self/environ",
        "~/.bashrc",
        "../../../../etc/passwd",
        "/nonexistent/file.png",  # a missing one reads the same as the rest
        "C:\\Windows\\win.ini",
        "\\\\server\\share\\x.png",
    ]


SCHEMES = [
    "file:///etc/passwd",
    "FILE:///etc/passwd",
    "file://localhost/etc/passwd",
    "oss://bucket/key.png",
    "ftp://example.com/x.png",
    "gopher://127.0.0.1:6379/_INFO",
    "javascript:alert(1)",
    "data:text/plain;base64,aGVsbG8=",
    "jar:file:///x.zip!/y.png",
]


def test_every_server_path_gets_the_same_refusal_and_is_never_opened(tmp_path):
    paths = server_paths(tmp_path)
    WATCH.active = True
    try:
        messages = []
        for path in paths:
            with pytest.raises(ImageInputError) as err:
                prepare_image(path, index=2)
            messages.append(err.value.user_text())
    finally:
        WATCH.active = False
    assert set(messages) == {f"Image 2 {NOT_TEXT_IMAGE}"}  # no oracle: one message for all
    assert not [p for path in paths for p in WATCH.touched(path)]


@pytest.mark.parametrize("source", SCHEMES)
def test_other_schemes_are_refused_by_name(source):
    with pytest.raises(ImageInputError, match="address; only uploaded files and http"):
        prepare_image(source)


@pytest.fixture(scope="module")
def client(launched) -> Client:
    return Client(launched.url, verbose=False)


def test_image_urls_lines_naming_server_files_through_edit(client, launched, tmp_path):
    """The reported attack, through the public endpoint: nothing sent, read or recorded."""
    paths = server_paths(launched.data_dir)
    before = len(launched.emulator.requests)
    token = launched.services.identities.issue()
    WATCH.active = True
    try:
        for path in paths:
            with pytest.raises(AppError) as err:
                client.predict(**edit_kwargs([], image_urls=path, user_id=token), api_name="/edit")
            assert str(err.value).startswith(f"Image 1 {NOT_TEXT_IMAGE}"), path
    finally:
        WATCH.active = False
    assert len(launched.emulator.requests) == before  # nothing reached the service
    assert not [p for path in paths for p in WATCH.touched(path)]
    history = launched.services.history
    assert (
        history.list(launched.services.identities.verify(token)) == []
    )  # nothing recorded, nothing handed back


def test_the_database_keeps_its_locks_after_wal_and_shm_are_named(client, launched, tmp_path):
    """Opening -wal/-shm through the old path dropped SQLite's locks and lost a later edit."""
    db = launched.data_dir / "history" / "history.sqlite3"
    for suffix in ("-wal", "-shm"):
        with pytest.raises(AppError):
            client.predict(**edit_kwargs([], image_urls=f"{db}{suffix}"), api_name="/edit")
    image = tmp_path / "ok.png"
    from PIL import Image

    Image.new("RGB", (400, 400), "red").save(image)
    _, meta = client.predict(**edit_kwargs([image]), api_name="/edit")
    user = launched.services.identities.verify(meta["user_id"])
    launched.services.history.close()  # drop this thread's connection, read back from disk
    from services.history import HistoryStore

    fresh = HistoryStore(launched.data_dir / "history").open()
    try:
        assert [e.id for e in fresh.list(user)] == [meta["entry_id"]]
    finally:
        fresh.close()
