"""The emulator's real-host mode: result links on DashScope's own host names, downloaded by a
plain `requests` client through the emulator acting as its proxy, with TLS verified for real.

Nothing here touches the network: a CONNECT for an allowed host is answered by the emulator
itself, everything else is refused (and every proxy request is logged, so the tests can tell
which path a download took).
"""

from __future__ import annotations

import datetime
import http.client
import io
import re
import shlex
import ssl
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from PIL import Image

from services.emulator import DASHSCOPE_RESULT_HOSTS, Emulator
from tests.helpers import cut_short
from tests.realhosts import BJ, SGP, generate, png_data_uri, raw_connect, use_emulator_proxy
from tests.support import TEST_KEY

ROOT = Path(__file__).resolve().parents[1]
StartEmulator = Callable[..., Emulator]


@pytest.fixture
def start_emulator() -> Iterator[StartEmulator]:
    started: list[Emulator] = []

    def start(result_host: str = SGP, result_scheme: str = "https") -> Emulator:
        emu = Emulator(
            keys={TEST_KEY},
            result_host=result_host,
            result_scheme=result_scheme,
            private_inputs=True,
        )
        started.append(emu.start())
        return emu

    yield start
    for emu in started:
        emu.stop()


def log_of(emu: Emulator) -> list[tuple[str, str, int, bool]]:
    return [(r.method, r.host, r.port, r.allowed) for r in emu.proxy_log]


def assert_png(reply: requests.Response, size: tuple[int, int] | None = None) -> None:
    assert reply.status_code == 200, reply.text[:300]
    assert reply.headers["Content-Type"] == "image/png"
    assert int(reply.headers["Content-Length"]) == len(reply.content)
    image = Image.open(io.BytesIO(reply.content))
    assert image.format == "PNG"
    if size:
        assert image.size == size


# -- downloads through the proxy ----------------------------------------------------------------


def test_singapore_https_links_download_over_verified_tls(start_emulator, monkeypatch):
    emu = start_emulator(SGP, "https")
    use_emulator_proxy(monkeypatch, emu)
    session = requests.Session()
    assert session.trust_env  # the environment decides routing and trust, as in the app
    urls = generate(session, emu, n=2)
    assert emu.requests[-1].result_urls == urls
    for url in urls:
        parts = urlsplit(url)
        assert (parts.scheme, parts.hostname, parts.port) == ("https", SGP, None)
        assert re.fullmatch(r"/results/[\w-]+\.png", parts.path)
        assert set(parse_qs(parts.query)) == {"Expires", "Signature"}
        assert_png(session.get(url, timeout=10))
    assert emu.downloads == 2
    # Both downloads went through a tunnel to the real name; the API call went direct.
    assert set(log_of(emu)) == {("CONNECT", SGP, 443, True)}


def test_beijing_http_links_download_through_http_proxy(start_emulator, monkeypatch):
    emu = start_emulator(BJ, "http")
    use_emulator_proxy(monkeypatch, emu)
    session = requests.Session()
    urls = generate(session, emu, n=2)
    assert all(u.startswith(f"http://{BJ}/results/") for u in urls)
    for url in urls:
        assert_png(session.get(url, timeout=10))
    # Plain http through a proxy is one absolute-form request per download, each logged.
    assert log_of(emu) == [("GET", BJ, 80, True)] * 2
    assert emu.downloads == 2


def test_every_dashscope_result_host_is_served(start_emulator, monkeypatch):
    emu = start_emulator(SGP, "https")
    use_emulator_proxy(monkeypatch, emu)
    path = urlsplit(generate(requests.Session(), emu)[0])
    session = requests.Session()
    for host in DASHSCOPE_RESULT_HOSTS:  # one emulator stands in for every region
        assert_png(session.get(f"https://{host}{path.path}?{path.query}", timeout=10))
    assert set(log_of(emu)) == {("CONNECT", h, 443, True) for h in DASHSCOPE_RESULT_HOSTS}


def test_tls_is_verified_for_real(start_emulator, monkeypatch):
    emu = start_emulator(SGP, "https")
    use_emulator_proxy(monkeypatch, emu, trust_ca=False)  # the default store only
    session = requests.Session()
    url = generate(session, emu)[0]
    with pytest.raises(requests.exceptions.SSLError) as caught:
        session.get(url, timeout=10)
    assert "CERTIFICATE_VERIFY_FAILED" in str(caught.value)
    # The tunnel was granted: it is the certificate the client refused, not the proxy.
    assert log_of(emu) == [("CONNECT", SGP, 443, True)]
    assert emu.downloads == 0


def test_certificates_pass_strict_x509_checks(start_emulator):
    emu = start_emulator(SGP, "https")
    context = ssl.create_default_context(cafile=emu.ca_pem_path)
    context.verify_flags |= ssl.VERIFY_X509_STRICT  # Python 3.13's default; opt in here
    longest = max(DASHSCOPE_RESULT_HOSTS, key=len)  # over the 64 characters a CN may hold
    for host in (SGP, longest):
        conn = http.client.HTTPSConnection("127.0.0.1", emu.port, context=context, timeout=5)
        try:
            conn.set_tunnel(host, 443)
            conn.request("GET", "/results/unknown.png")
            reply = conn.getresponse()
            assert reply.status == 404 and b"<Code>NoSuchKey</Code>" in reply.read()
            cert = conn.sock.getpeercert()
        finally:
            conn.close()
        names = {value for kind, value in cert["subjectAltName"] if kind == "DNS"}
        assert names == set(DASHSCOPE_RESULT_HOSTS)
        now = datetime.datetime.now(datetime.timezone.utc).timestamp()
        assert ssl.cert_time_to_seconds(cert["notBefore"]) <= now - 23 * 3600
        assert ssl.cert_time_to_seconds(cert["notAfter"]) >= now + 47 * 3600


# -- refusals -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "target, host, port",
    [
        ("evil.example:443", "evil.example", 443),
        ("127.0.0.1:22", "127.0.0.1", 22),
        (f"{SGP}:80", SGP, 80),  # an allowed host, but only its TLS port is tunnelled
        (f"{BJ}:8443", BJ, 8443),
        ("no-port-here", "no-port-here", 0),
    ],
)
def test_connect_outside_the_allowed_hosts_is_refused_and_logged(
    start_emulator, target, host, port
):
    emu = start_emulator(SGP, "https")
    answer = raw_connect(emu, target)  # returns once the emulator has closed the connection
    head = answer.split(b"\r\n\r\n", 1)[0].decode()
    assert head.startswith("HTTP/1.1 403 ") and "Connection: close" in head
    assert log_of(emu) == [("CONNECT", host, port, False)]


def test_refused_tunnel_fails_the_client_cleanly(start_emulator, monkeypatch):
    emu = start_emulator(SGP, "https")
    use_emulator_proxy(monkeypatch, emu)
    with pytest.raises(requests.exceptions.ProxyError):
        requests.Session().get("https://evil.example/results/x.png", timeout=10)
    assert log_of(emu) == [("CONNECT", "evil.example", 443, False)]


def test_foreign_host_links_are_refused_by_the_proxy(start_emulator, monkeypatch):
    emu = start_emulator(BJ, "http")
    use_emulator_proxy(monkeypatch, emu)
    session = requests.Session()
    emu.inject("foreign_host")
    url = generate(session, emu)[0]
    assert url.startswith("http://results.evil.example/results/")  # unchanged by the mode
    reply = session.get(url, timeout=10)
    assert reply.status_code == 403 and "result hosts only" in reply.text
    assert log_of(emu) == [("GET", "results.evil.example", 80, False)]


def test_result_hosts_serve_results_only(start_emulator):
    emu = start_emulator(BJ, "http")
    conn = http.client.HTTPConnection("127.0.0.1", emu.port, timeout=5)
    try:
        conn.request("GET", f"http://{BJ}/_emulator/health")  # the emulator's own route
        reply = conn.getresponse()
        assert reply.status == 404 and b"<Code>NoSuchKey</Code>" in reply.read()
        conn.request("POST", f"http://{BJ}/api/v1{'/services/aigc/x'}", body=b"{}")
        reply = conn.getresponse()
        assert reply.status == 405 and b"<Code>MethodNotAllowed</Code>" in reply.read()
        # A client proxying its API calls too (no NO_PROXY) still reaches the API.
        conn.request("GET", f"{emu.host_url}/_emulator/health")
        reply = conn.getresponse()
        assert reply.status == 200 and reply.read() == b'{"ok": true}'
    finally:
        conn.close()
    assert [allowed for *_, allowed in log_of(emu)] == [True, True, True]


# -- download faults over TLS -------------------------------------------------------------------


def test_expired_urls_over_tls(start_emulator, monkeypatch):
    emu = start_emulator(SGP, "https")
    use_emulator_proxy(monkeypatch, emu)
    session = requests.Session()
    emu.inject("expired_urls")
    reply = session.get(generate(session, emu)[0], timeout=10)
    assert reply.status_code == 403 and reply.headers["Content-Type"] == "application/xml"
    assert "<Code>AccessDenied</Code>" in reply.text
    assert emu.downloads == 0


def test_slow_download_trickles_over_tls(start_emulator, monkeypatch):
    emu = start_emulator(SGP, "https")
    use_emulator_proxy(monkeypatch, emu)
    session = requests.Session()
    emu.inject("slow_download", seconds=0.4)
    url = generate(session, emu, size="512*512")[0]
    started = time.monotonic()
    with session.get(url, timeout=10, stream=True) as reply:
        headers_at = time.monotonic()
        body = reply.content
        done_at = time.monotonic()
    # The headers come at once and the body trickles after them (19 pauses of 20 ms).
    assert done_at - headers_at >= 0.3 and headers_at >= started
    assert Image.open(io.BytesIO(body)).size == (512, 512)
    assert log_of(emu) == [("CONNECT", SGP, 443, True)]


def test_truncated_download_sends_half_over_tls(start_emulator, monkeypatch):
    emu = start_emulator(SGP, "https")
    use_emulator_proxy(monkeypatch, emu)
    session = requests.Session()
    emu.inject("truncated_download", gets=2)
    url = generate(session, emu, size="512*512")[0]
    # What the app sees: the body ends short of its Content-Length, and requests says so.
    with pytest.raises(requests.exceptions.ChunkedEncodingError):
        session.get(url, timeout=10)
    # Exactly half arrived, then the tunnel closed (http.client reports what it got).
    context = ssl.create_default_context(cafile=emu.ca_pem_path)
    conn = http.client.HTTPSConnection("127.0.0.1", emu.port, context=context, timeout=5)
    conn.set_tunnel(SGP, 443)
    promised, arrived = cut_short(conn, url.removeprefix(f"https://{SGP}"))
    assert arrived == promised // 2
    # Each cut closed its tunnel; the third download opens a new one and gets it all (gets=2).
    assert_png(session.get(url, timeout=10), (512, 512))
    assert log_of(emu) == [("CONNECT", SGP, 443, True)] * 3
    assert emu.downloads == 3


# -- the emulator's side ------------------------------------------------------------------------


def test_a_result_link_can_come_back_as_an_input(start_emulator):
    emu = start_emulator(SGP, "https")
    session = requests.Session()
    session.trust_env = False  # this client needs no proxy: the emulator fetches the input
    url = generate(session, emu, size="512*512")[0]
    generate(session, emu, images=[url])
    record = emu.requests[-1]
    assert record.images[0]["url"] == url and record.images[0]["width"] == 512
    # It read the link through its own proxy, never from the real host.
    assert log_of(emu) == [("CONNECT", SGP, 443, True)]


def test_stop_cuts_open_tunnels(start_emulator):
    emu = start_emulator(SGP, "https")
    context = ssl.create_default_context(cafile=emu.ca_pem_path)
    conn = http.client.HTTPSConnection("127.0.0.1", emu.port, context=context, timeout=5)
    try:
        conn.set_tunnel(SGP, 443)
        conn.request("GET", "/results/unknown.png")
        assert conn.getresponse().read()  # answered; the tunnel now idles, kept alive
        emu.stop()
        assert conn.sock.recv(1) == b""  # cut by stop(): an idle tunnel would time out here
    finally:
        conn.close()


def test_plain_mode_is_unchanged(emulator):
    assert emulator.result_host is None and emulator.result_hosts == frozenset()
    assert emulator.proxy_url is None and emulator.ca_pem_path is None
    with pytest.raises(RuntimeError):
        emulator.client_env  # noqa: B018
    url = generate(requests.Session(), emulator)[0]
    assert url.startswith(emulator.host_url + "/results/")
    # No proxy without real-host mode: CONNECT is refused (and logged) ...
    assert raw_connect(emulator, f"{SGP}:443").startswith(b"HTTP/1.1 403 ")
    assert log_of(emulator) == [("CONNECT", SGP, 443, False)]
    # ... and absolute-form requests route by their path alone, as they always have.
    conn = http.client.HTTPConnection("127.0.0.1", emulator.port, timeout=5)
    try:
        conn.request("GET", "http://anything.example/_emulator/health")
        assert conn.getresponse().status == 200
    finally:
        conn.close()


def test_plain_mode_does_not_import_cryptography():
    code = (
        "import sys; from services.emulator import Emulator; Emulator().start().stop(); "
        "assert 'cryptography' not in sys.modules, 'imported'"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, timeout=30)


def test_arguments_are_checked_and_stop_removes_the_ca():
    with pytest.raises(ValueError, match="result_scheme"):
        Emulator(result_host=SGP, result_scheme="ftp")
    for bad in (f"https://{SGP}", f"{SGP}:443", f"{SGP}/x", "", "a b"):
        with pytest.raises(ValueError, match="result_host"):
            Emulator(result_host=bad)
    emu = Emulator(result_host=SGP.upper()).start()
    assert emu.result_host == SGP and emu.result_base_url == f"https://{SGP}"
    ca = Path(emu.ca_pem_path)
    assert ca.read_text().startswith("-----BEGIN CERTIFICATE-----")
    emu.stop()
    assert not ca.exists() and not ca.parent.exists()


# -- the CLI ------------------------------------------------------------------------------------


def test_cli_prints_the_client_environment(monkeypatch):
    command = [sys.executable, "-m", "services.emulator", "--port", "0", "--result-host", SGP]
    proc = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        first = proc.stdout.readline().strip()
        match = re.fullmatch(r"DashScope emulator on (http://127\.0\.0\.1:\d+)/api/v1", first)
        assert match, first
        assert proc.stdout.readline().startswith(f"# result links on https://{SGP}")
        env = {}
        while len(env) < 4:
            name, _, value = proc.stdout.readline().strip().removeprefix("export ").partition("=")
            env[name] = shlex.split(value)[0]
        assert env["HTTPS_PROXY"] == env["HTTP_PROXY"] == match[1]
        assert env["NO_PROXY"] == "127.0.0.1,localhost"
        ca = Path(env["REQUESTS_CA_BUNDLE"])
        assert ca.read_text().startswith("-----BEGIN CERTIFICATE-----")
        # What it printed is all a client needs: configure this process with it and download.
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        for name in ("https_proxy", "http_proxy", "no_proxy", "all_proxy", "ALL_PROXY"):
            monkeypatch.delenv(name, raising=False)
        session = requests.Session()
        body = {
            "model": "qwen-image-edit-plus",
            "input": {"messages": [{"role": "user", "content": [
                {"image": png_data_uri()}, {"text": "make it blue"}]}]},
        }  # fmt: skip
        reply = session.post(
            match[1] + "/api/v1/services/aigc/multimodal-generation/generation",
            json=body,
            headers={"Authorization": "Bearer sk-any"},  # no --key: any key is accepted
            timeout=10,
        )
        url = reply.json()["output"]["choices"][0]["message"]["content"][0]["image"]
        assert url.startswith(f"https://{SGP}/results/")
        assert_png(session.get(url, timeout=10))
    finally:
        proc.terminate()
        assert proc.wait(timeout=5) == 0
        proc.stdout.close()
    assert not ca.exists()  # SIGTERM stops cleanly, removing the CA
