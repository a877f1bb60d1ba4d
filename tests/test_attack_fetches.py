"""Attack class: fetches the server should never make.

In demo mode (what a public Space runs) the emulator inside the app downloaded any
`image_urls` link: a loopback-only image came back in the output, and the wording showed
which ports were open. Every fetch made on a user's behalf now refuses loopback, private,
link-local, shared and metadata addresses after resolving, connects to the address it
checked, re-checks every redirect, and answers every failure with one message. Each case
asserts what the caller reads, that the target saw no request, and that nothing was made."""

from __future__ import annotations

import io
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from gradio_client import Client
from gradio_client.exceptions import AppError
from PIL import Image

from services.emulator import fetch
from services.emulator.fetch import FetchRefused, PublicOnlyOpener, is_public
from tests.support import close_app, edit_kwargs, free_port, launch_app

ONE_MESSAGE = "The service could not download an input image."


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (400, 400), "red").save(out, "PNG")
    return out.getvalue()


class Target:
    """A server only the machine itself can reach, holding an image: what must not leak."""

    def __init__(self, host: str = "127.0.0.1", redirect_to: str | None = None) -> None:
        self.hits: list[str] = []
        body, hits = png(), self.hits

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802
                hits.append(self.path)
                if redirect_to:
                    self.send_response(302)
                    self.send_header("Location", redirect_to)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", "image/png")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer((host, 0), Handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="module")
def target():
    t = Target()
    yield t
    t.close()


@pytest.fixture(scope="module")
def public_app(tmp_path_factory):
    """The app as a public Space runs it: its emulator fetches from public addresses only."""
    app = launch_app(tmp_path_factory.mktemp("fetches"), private_inputs=False)
    yield app
    close_app(app)


def closed_port() -> int:
    return free_port()  # bound and released: nothing listens there now


def internal_links(target: Target) -> list[str]:
    port = target.port
    return [
        f"http://127.0.0.1:{port}/secret.png",
        f"http://localhost:{port}/secret.png",
        f"http://127.1:{port}/secret.png",
        f"http://2130706433:{port}/secret.png",  # 127.0.0.1 as one number
        f"http://0x7f.0.0.1:{port}/secret.png",
        f"http://0.0.0.0:{port}/secret.png",
        f"http://[::1]:{port}/secret.png",
        f"http://[::ffff:127.0.0.1]:{port}/secret.png",
        f"https://127.0.0.1:{port}/secret.png",
        f"http://127.0.0.1:{closed_port()}/secret.png",  # a closed port reads the same
        "http://169.254.169.254/latest/meta-data/iam/",
        "http://10.0.0.1/secret.png",
        "http://192.168.1.1/secret.png",
        "http://172.16.0.1/secret.png",
        "http://100.64.0.1/secret.png",
        "http://[fd00::1]/secret.png",
        "http://[fe80::1]/secret.png",
        "http://224.0.0.1/secret.png",
    ]


def test_internal_addresses_are_refused_through_edit_with_one_message(public_app, target):
    client = Client(public_app.url, verbose=False)
    messages = set()
    for link in internal_links(target):
        with pytest.raises(AppError) as err:
            client.predict(**edit_kwargs([], image_urls=link), api_name="/edit")
        text = str(err.value)
        messages.add(text.split(" (request id")[0])  # the id differs; nothing else may
    assert messages == {
        ONE_MESSAGE
        + " Use JPEG, PNG, BMP, TIFF, WEBP or GIF files up to 10 MB, or public http(s) links."
    }
    assert target.hits == []  # not one request reached the internal server
    assert all(not r.result_urls for r in public_app.emulator.requests)  # nothing made


@pytest.mark.parametrize(
    "address, public",
    [
        ("127.0.0.1", False), ("10.1.2.3", False), ("172.31.0.1", False), ("192.168.0.1", False),
        ("169.254.169.254", False), ("100.64.0.1", False), ("0.0.0.0", False),
        ("224.0.0.1", False), ("255.255.255.255", False), ("::1", False), ("fe80::1", False),
        ("fd12::1", False), ("::ffff:10.0.0.1", False), ("64:ff9b::a00:1", False),
        ("2002:7f00:1::", False), ("::", False),
        ("8.8.8.8", True), ("1.1.1.1", True), ("2606:4700:4700::1111", True),
        ("::ffff:8.8.8.8", True),
    ],
)  # fmt: skip
def test_address_classification(address, public):
    assert is_public(address) is public


@pytest.fixture
def pretend_public(monkeypatch):
    """Let 127.0.0.2 stand for a public host ("public.test"), so redirects and mixed DNS
    answers can be tested offline; everything else keeps the real rules."""
    real_is_public, real_getaddrinfo = fetch.is_public, socket.getaddrinfo
    answers: dict[str, list[str]] = {"public.test": ["127.0.0.2"]}

    def getaddrinfo(host, port, *args, **kwargs):
        if host in answers:
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, port)) for a in answers[host]]
        return real_getaddrinfo(host, port, *args, **kwargs)

    monkeypatch.setattr(fetch, "is_public", lambda a: a == "127.0.0.2" or real_is_public(a))
    monkeypatch.setattr(fetch.socket, "getaddrinfo", getaddrinfo)
    return answers


def test_a_public_page_is_fetched(pretend_public):
    public = Target("127.0.0.2")
    try:
        with PublicOnlyOpener().open(f"http://public.test:{public.port}/ok.png", 5) as reply:
            assert reply.read()[:8] == b"\x89PNG\r\n\x1a\n"
    finally:
        public.close()
    assert public.hits == ["/ok.png"]


def test_every_redirect_is_checked_again(pretend_public, target):
    redirector = Target("127.0.0.2", redirect_to=f"http://127.0.0.1:{target.port}/secret.png")
    try:
        with pytest.raises(FetchRefused, match="not a public address"):
            PublicOnlyOpener().open(f"http://public.test:{redirector.port}/img.png", 5)
    finally:
        redirector.close()
    assert redirector.hits == ["/img.png"] and target.hits == []


def test_a_name_with_any_internal_address_is_refused(pretend_public, target):
    """DNS that answers with a public and an internal address (or changes its answer between
    a check and the connection) cannot lead the fetch inside: all must be public, and the
    connection goes to the address that was checked."""
    pretend_public["rebind.test"] = ["127.0.0.2", "127.0.0.1"]
    with pytest.raises(FetchRefused):
        PublicOnlyOpener().open(f"http://rebind.test:{target.port}/secret.png", 5)
    assert target.hits == []


@pytest.mark.parametrize(
    "link",
    ["http://user:pw@public.test/x.png", "ftp://public.test/x.png", "http:///x.png"],
)
def test_odd_urls_are_refused(pretend_public, link):
    with pytest.raises(FetchRefused):
        PublicOnlyOpener().open(link, 5)
