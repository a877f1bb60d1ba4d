"""Attack class: other users' history.

With login on, the history id used to be `user:<name>`, and every history endpoint took any
`user_id` from any caller: one logged-in user listed, downloaded, exported, deleted and wrote
entries in another's history. Now who a caller is comes from the server: the login of the
request, or a history id this server signed. Tested with two logged-in users, and with forged,
altered and replayed ids, each asserting what the caller reads and that nothing of the victim
was read, changed or sent."""

from __future__ import annotations

import zipfile
from pathlib import Path
from types import SimpleNamespace

import pytest
from gradio_client import Client
from gradio_client.exceptions import AppError
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from services.identity import Identities, IdentityError
from tests.support import close_app, edit_kwargs, launch_app
from ui.wiring import user_identifier

REFUSED = "not issued by this app, or it was changed"
USERS = [("alice", "alice-password"), ("bob", "bob-password")]


@pytest.fixture(scope="module")
def photo(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("in") / "photo.png"
    Image.new("RGB", (512, 512), "teal").save(path)
    return path


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    launched = launch_app(tmp_path_factory.mktemp("identity"), auth=USERS)
    yield launched
    close_app(launched)


def login(app, name: str) -> Client:
    password = dict(USERS)[name]
    return Client(app.url, auth=(name, password), verbose=False)


def edit(client: Client, photo: Path, **kw):
    return client.predict(**edit_kwargs([photo], **kw), api_name="/edit")


def entries(client: Client, user_id: str = "") -> list[dict]:
    return client.predict(user_id, "", "", "", api_name="/history_list")


# -- two logged-in users ----------------------------------------------------------------------


def test_a_logged_in_user_cannot_reach_another_ones_history(app, photo):
    alice, bob = login(app, "alice"), login(app, "bob")
    _, meta = edit(alice, photo, prompt="alice's secret edit")
    assert meta["user_id"] is None  # her login is her history: no id to keep
    victim = meta["entry_id"]
    # Bob tries every way he could name Alice: the old id form, her name, her entry id.
    for claimed in ("", "user:alice", "alice", "h1~user:alice~" + "0" * 32):
        assert entries(bob, claimed) == []
        with pytest.raises(AppError, match="No such history entry"):
            bob.predict(claimed, victim, api_name="/history_entry")
        with pytest.raises(AppError, match="No such history entry"):
            bob.predict(claimed, victim, api_name="/history_export")
        assert bob.predict(claimed, victim, api_name="/history_delete") == {"deleted": 0}
        assert bob.predict(claimed, "all", api_name="/history_delete") == {"deleted": 0}
    # An edit Bob makes while naming Alice lands in Bob's history, not hers.
    edit(bob, photo, prompt="bob writes", user_id="user:alice")
    assert [e["prompt"] for e in entries(alice)] == ["alice's secret edit"]
    assert [e["prompt"] for e in entries(bob)] == ["bob writes"]
    files, entry = alice.predict("", victim, api_name="/history_entry")
    assert entry["prompt"] == "alice's secret edit" and all(Path(f).exists() for f in files)
    archive = alice.predict("", "", api_name="/history_export")
    with zipfile.ZipFile(archive) as zf:
        assert "alice's secret edit" in zf.read("manifest.json").decode()


# -- forged, altered and replayed ids without a login --------------------------------------------


@pytest.fixture(scope="module")
def open_app(tmp_path_factory):
    launched = launch_app(tmp_path_factory.mktemp("identity-open"))
    yield launched
    close_app(launched)


def forgeries(real: str, other_deployment: str) -> list[str]:
    prefix, user, mac = real.split("~")
    flipped = mac[:-1] + ("0" if mac[-1] != "0" else "1")
    return [
        "user:alice",  # the old login id form
        "alice-history-id",  # a name the caller chose
        user,  # the bare id inside a real token
        f"{prefix}~{user}~{flipped}",  # altered signature
        f"{prefix}~{user}x~{mac}",  # altered id, real signature
        f"{prefix}~user:alice~{mac}",  # another user's id under this signature
        f"{prefix}~{user}~{mac[:-2]}",  # truncated signature
        f"{prefix}~{user}~{mac.upper()}",
        f"h2~{user}~{mac}",
        f"{prefix}~{user}~{mac}~extra",
        real.replace("~", "."),
        other_deployment,  # signed, but by another deployment's secret
        real + "\n",
        real + "\u200b",
        "h1~" + "a" * 8 + "~" + "0" * 32,
        "x" * 300,
    ]


def test_forged_and_altered_ids_are_refused_before_anything_is_sent(open_app, photo):
    client = Client(open_app.url, verbose=False)
    _, meta = edit(client, photo, prompt="the owner's edit")
    real = meta["user_id"]
    elsewhere = Identities("another deployment's secret, 32+ characters long").issue()
    sent = len(open_app.emulator.requests)
    for fake in forgeries(real, elsewhere):
        if fake.strip() == real:
            continue  # surrounding whitespace is forgiven; the id itself is intact
        with pytest.raises(AppError, match=REFUSED):
            entries(client, fake)
        with pytest.raises(AppError, match=REFUSED):
            client.predict(fake, "all", api_name="/history_delete")
        with pytest.raises(AppError, match=REFUSED):
            edit(client, photo, prompt="forged write", user_id=fake)
    assert len(open_app.emulator.requests) == sent  # no refused edit reached the service
    owner = entries(client, real)
    assert [e["prompt"] for e in owner] == ["the owner's edit"]


def test_an_id_is_a_bearer_secret_and_survives_a_restart_but_not_a_new_secret(tmp_path, photo):
    first = launch_app(tmp_path / "a")
    try:
        _, meta = edit(Client(first.url, verbose=False), photo, prompt="kept")
    finally:
        close_app(first)
    token = meta["user_id"]
    again = launch_app(tmp_path / "a")  # same data folder: same server secret
    try:
        assert [e["prompt"] for e in entries(Client(again.url, verbose=False), token)] == ["kept"]
    finally:
        close_app(again)
    other = launch_app(tmp_path / "b")  # a replay against another deployment
    try:
        with pytest.raises(AppError, match=REFUSED):
            entries(Client(other.url, verbose=False), token)
    finally:
        close_app(other)


# -- the browser's kept id ------------------------------------------------------------------------


def test_the_browser_keeps_a_signed_id_and_a_forged_one_starts_a_new_history(open_app):
    identify = user_identifier(open_app.services)
    anonymous = SimpleNamespace(username=None)
    uid, token = identify("", anonymous)  # first visit
    assert open_app.services.identities.verify(token) == uid
    assert identify(token, anonymous)[0] == uid  # the next visit: same history
    forged = token.replace(uid, "user:alice")
    other, fresh = identify(forged, anonymous)
    assert other not in (uid, "user:alice") and open_app.services.identities.verify(fresh) == other
    assert identify("whatever", SimpleNamespace(username="alice"))[0] == "user:alice"


# -- the parser, on generated text --------------------------------------------------------------

IDS = Identities("a server secret of at least thirty-two characters")


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=120))
def test_no_generated_text_verifies(text):
    with pytest.raises(IdentityError):
        IDS.verify(text)


@settings(max_examples=300, deadline=None)
@given(st.from_regex(r"[A-Za-z0-9_.:@-]{8,40}", fullmatch=True), st.integers(0, 60))
def test_every_single_character_change_of_a_real_token_is_refused(user, position):
    token = IDS.issue(user)
    assert IDS.verify(token) == user
    position %= len(token)
    changed = token[:position] + ("A" if token[position] != "A" else "B") + token[position + 1 :]
    with pytest.raises(IdentityError):
        IDS.verify(changed)
