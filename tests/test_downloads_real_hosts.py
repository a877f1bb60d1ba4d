"""The app's download path on DashScope's real result host names, end to end.

The emulator answers as the real service does, with links on
`dashscope-result-sgp.oss-ap-southeast-1.aliyuncs.com` (Singapore, https) or
`dashscope-result-bj.oss-cn-beijing.aliyuncs.com` (Beijing, often plain http), and serves them
through a local proxy that terminates TLS with a throwaway CA the test trusts. So the app's
own code runs as it would against the service: the SDK call, the host check, the http-to-https
rewrite, the proxy (HTTPS_PROXY), the TLS handshake verified against REQUESTS_CA_BUNDLE, the
download and the history. Hosts that must be refused are asserted never to be contacted."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from services import errors as e
from services.config import Settings
from services.container import build_services
from services.emulator import Emulator
from services.results import DownloadPolicy, ResultStore
from services.types import EditRequest
from tests.realhosts import BJ, SGP, use_emulator_proxy
from tests.support import TEST_KEY


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (640, 480), "orange").save(out, "PNG")
    return out.getvalue()


@pytest.fixture
def real_host(request, monkeypatch):
    """An emulator in real-host mode, and this process configured as its client."""
    host, scheme = request.param
    emu = Emulator(keys={TEST_KEY}, result_host=host, result_scheme=scheme).start()
    use_emulator_proxy(monkeypatch, emu)
    yield emu
    emu.stop()


def services_for(emu: Emulator, tmp_path, region: str):
    # The endpoint is the emulator (a custom base URL), but its outputs live on the real
    # bucket hosts: only the bucket rule can let them through.
    return build_services(Settings(data_dir=tmp_path, base_url=emu.base_url, region=region))


@pytest.mark.parametrize(
    "real_host, region",
    [((SGP, "https"), "singapore"), ((BJ, "https"), "beijing"), ((BJ, "http"), "beijing")],
    indirect=["real_host"],
    ids=["singapore-https", "beijing-https", "beijing-http"],
)
def test_an_edit_downloads_its_outputs_from_the_real_result_host(real_host, region, tmp_path):
    services = services_for(real_host, tmp_path, region)
    try:
        creds = services.settings.credentials(TEST_KEY, region)
        user = services.identities.verify(services.identities.issue())
        result = services.editor.edit(
            EditRequest(images=(png(),), prompt="make it blue", n=2), creds, user=user
        )
    finally:
        services.close()
    assert len(result.images) == 2 and result.region == region
    for path in result.images:
        with Image.open(path) as out:
            assert out.format == "PNG"
    links = real_host.requests[-1].result_urls
    assert all(
        link.startswith(f"{real_host.result_scheme}://{real_host.result_host}/") for link in links
    )
    # Both outputs went through a verified TLS tunnel to the bucket host (http links too).
    tunnels = [p for p in real_host.proxy_log if p.method == "CONNECT"]
    assert {(p.host, p.port, p.allowed) for p in tunnels} == {(real_host.result_host, 443, True)}
    assert not [p for p in real_host.proxy_log if p.method != "CONNECT"]  # never plain http
    assert real_host.downloads == 2


@pytest.mark.parametrize("real_host", [(SGP, "https")], indirect=True)
def test_without_the_ca_the_download_fails_cleanly_and_the_edit_is_kept(
    real_host, tmp_path, monkeypatch
):
    monkeypatch.delenv("REQUESTS_CA_BUNDLE")
    services = services_for(real_host, tmp_path, "singapore")
    try:
        creds = services.settings.credentials(TEST_KEY)
        user = services.identities.verify(services.identities.issue())
        with pytest.raises(e.ResultDownloadError, match="Could not reach the server") as err:
            services.editor.edit(EditRequest(images=(png(),), prompt="x"), creds, user=user)
        (entry,) = services.history.list(user)
    finally:
        services.close()
    # TLS was really checked (and failed): the outputs the service made are kept for later.
    assert real_host.downloads == 0 and err.value.missing
    assert entry.status == "failed" and len(entry.pending_urls) == 1


REFUSED_LINKS = [
    "https://results.evil.example/x.png",
    f"https://127.0.0.1:1\\@{SGP}/x.png",
    f"https://{SGP}:8443/x.png",
    f"https://{SGP}./x.png",
    f"https://user@{SGP}/x.png",
    "https://169.254.169.254/latest/meta-data/",
]


@pytest.mark.parametrize("real_host", [(SGP, "https")], indirect=True)
@pytest.mark.parametrize("link", REFUSED_LINKS)
def test_links_that_must_be_refused_are_never_contacted(real_host, tmp_path, link):
    store = ResultStore(tmp_path, DownloadPolicy(timeout_s=5, attempts=1))
    try:
        with pytest.raises(e.ResultDownloadError, match="does not trust"):
            store.fetch_all([link])
    finally:
        store.close()
    assert real_host.proxy_log == [] and real_host.downloads == 0


@pytest.mark.parametrize("real_host", [(SGP, "https")], indirect=True)
def test_an_answer_on_a_foreign_host_is_refused_without_a_tunnel(real_host, tmp_path):
    services = services_for(real_host, tmp_path, "singapore")
    real_host.inject("foreign_host")
    try:
        with pytest.raises(e.ResultDownloadError, match="does not trust"):
            services.editor.edit(
                EditRequest(images=(png(),), prompt="x"), services.settings.credentials(TEST_KEY)
            )
    finally:
        services.close()
    assert real_host.proxy_log == [] and real_host.downloads == 0
