"""Which output links are downloaded, and that the URL contacted is the URL checked.

The check parses a link once with a strict grammar and rebuilds the URL it fetches from the
checked parts; these tests hold it to that against the parsers that would otherwise disagree
(urllib3, which requests connects with, and urllib.parse), on a corpus of known tricks and on
generated text."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
import requests
from hypothesis import given, settings
from hypothesis import strategies as st
from urllib3.util import parse_url

from services.result_links import DOCUMENTED_RESULT_HOSTS, RESULT_BUCKET, ResultHosts
from services.results import DownloadPolicy

SGP = "dashscope-result-sgp.oss-ap-southeast-1.aliyuncs.com"
BJ = "dashscope-result-bj.oss-cn-beijing.aliyuncs.com"
LINK = "/1d/7a/20251201/abc/output-1.png?Expires=1764000000&OSSAccessKeyId=LTAI&Signature=a%2Bb%3D"
HOSTS = ResultHosts()


@pytest.mark.parametrize("host", DOCUMENTED_RESULT_HOSTS)
def test_every_documented_result_host_is_accepted(host):
    assert HOSTS.checked_url(f"https://{host}{LINK}") == f"https://{host}{LINK}"


@pytest.mark.parametrize(
    "host",
    [
        "dashscope-result-sg.oss-ap-southeast-1.aliyuncs.com",
        "dashscope-result-us.oss-us-east-1.aliyuncs.com",
        "dashscope-result-fra.oss-eu-central-1.aliyuncs.com",
        "dashscope-result.oss-cn-hongkong.aliyuncs.com",
    ],
)
def test_result_buckets_in_other_regions_are_accepted(host):
    assert HOSTS.allows(f"https://{host}{LINK}")


@pytest.mark.parametrize("host", [SGP, BJ])
def test_http_links_are_fetched_over_https_with_the_same_path_and_query(host):
    assert HOSTS.checked_url(f"http://{host}{LINK}") == f"https://{host}{LINK}"
    assert HOSTS.checked_url(f"http://{host}:80{LINK}") == f"https://{host}{LINK}"


def test_default_ports_and_letter_case_are_normalised_and_fragments_dropped():
    assert HOSTS.checked_url(f"https://{SGP}:443{LINK}") == f"https://{SGP}{LINK}"
    assert HOSTS.checked_url(f"HTTPS://{SGP.upper()}{LINK}#frag") == f"https://{SGP}{LINK}"


REFUSED = [
    # the example from the security report: urlsplit reads the bucket, urllib3 127.0.0.1
    f"https://127.0.0.1:9443\\@{BJ}/x.png",
    f"https://127.0.0.1:9443\\\\@{BJ}/x.png",
    f"https://user:pass@{BJ}/x.png",  # userinfo
    f"https://{BJ}@127.0.0.1/x.png",
    f"https://127.0.0.1@{BJ}/x.png",
    f"https://{BJ}%2F@evil.example/x.png",
    f"https://{BJ}:8443/x.png",  # a port other than the scheme's own
    f"https://{BJ}:80/x.png",
    f"http://{BJ}:443/x.png",
    f"https://{BJ}:/x.png",
    f"https://{BJ}./x.png",  # trailing dot
    f"https://{BJ}../x.png",
    f"https://{BJ}.evil.example/x.png",  # look-alikes
    f"https://evil-{BJ}/x.png",
    f"https://x{BJ}/x.png",
    "https://dashscope-result-bj.oss-cn-beijing.aliyuncs.co/x.png",
    "https://dashscope-result-bj.oss-cn-beijing.aliyuncs.com.cn/x.png",
    "https://dashscope-result-bj.aliyuncs.com/x.png",
    "https://dashscope-results-bj.oss-cn-beijing.aliyuncs.com/x.png",
    "https://dashscope-result-bj.oss-.aliyuncs.com/x.png",
    "https://dashscope-result-bj.evil.oss-cn-beijing.aliyuncs.com.evil/x.png",
    "https://127.0.0.1/x.png",  # addresses and other hosts
    "https://169.254.169.254/latest/meta-data",
    "https://[::1]/x.png",
    "https://localhost/x.png",
    "https://results.evil.example/x.png",
    f"ftp://{BJ}/x.png",  # other schemes
    f"file://{BJ}/etc/passwd",
    "file:///etc/passwd",
    "javascript:alert(1)",
    f"//{BJ}/x.png",
    f"https:{BJ}/x.png",
    f"https:///{BJ}/x.png",
    f" https://{BJ}/x.png",  # whitespace and control characters
    f"https://{BJ}/x.png\n",
    f"https://{BJ}/x y.png",
    f"https://{BJ}\t/x.png",
    f"https://{BJ}/x.png\r\nHost: evil.example",
    f"https://{BJ}\x00.evil.example/x.png",
    "https://dashscope-result-bj.oss-cn-beijing.aliyuncs.com\u3002evil.example/x.png",
    "https://dashscope-résult-bj.oss-cn-beijing.aliyuncs.com/x.png",  # non-ASCII host
    "https://xn--dashscope-rsult-bj-fpb.oss-cn-beijing.aliyuncs.com/x.png",
    f"https://{BJ}/x.png?q=<script>",  # characters outside RFC 3986
    f"https://{BJ}/x\\y.png",
    "",
    "https://",
    "x" * 9000,
]


@pytest.mark.parametrize("url", REFUSED)
def test_refused_links(url):
    assert HOSTS.checked_url(url) is None


@pytest.mark.parametrize("value", [None, 42, b"https://x", ["https://x"], {"image": "x"}])
def test_non_text_links_are_refused(value):
    assert HOSTS.checked_url(value) is None


def test_trusted_origin_keeps_its_scheme_and_only_its_port():
    hosts = ResultHosts.with_trusted(["127.0.0.1:8000", "results.example.com"])
    assert hosts.checked_url("http://127.0.0.1:8000/r/1.png") == "http://127.0.0.1:8000/r/1.png"
    assert hosts.checked_url("http://127.0.0.1:8001/r/1.png") is None
    assert hosts.checked_url("http://127.0.0.1/r/1.png") is None
    assert hosts.checked_url("https://results.example.com:444/a") == (
        "https://results.example.com:444/a"
    )
    assert hosts.checked_url("http://evil@127.0.0.1:8000/r/1.png") is None


def test_download_policy_exposes_the_same_check():
    policy = DownloadPolicy(trusted_hosts=frozenset({"127.0.0.1:9000"}))
    assert policy.checked_url(f"http://{SGP}{LINK}") == f"https://{SGP}{LINK}"
    assert policy.allows("http://127.0.0.1:9000/x") and not policy.allows("http://127.0.0.1/x")


# -- every parser agrees on what passes --------------------------------------------------------

URLISH = st.lists(
    st.sampled_from(
        list("abcdehlnopstruxy019-.:/@\\%?#&=[] \t\r\n\x00éＡ")
        + ["dashscope-result-bj", ".oss-cn-beijing", ".aliyuncs.com", "127.0.0.1", "https://"]
    ),
    max_size=30,
).map("".join)


def _agrees(url: str, hosts: ResultHosts) -> None:
    checked = hosts.checked_url(url)
    if checked is None:
        return
    split, parsed = urlsplit(checked), parse_url(checked)
    prepared = requests.Request("GET", checked).prepare()
    host = split.hostname
    assert host == parsed.host == urlsplit(prepared.url).hostname
    assert parsed.auth is None and "@" not in split.netloc and "\\" not in checked
    assert RESULT_BUCKET.match(host) or host == "127.0.0.1"


@settings(max_examples=400, deadline=None)
@given(URLISH)
def test_generated_links_either_fail_or_name_one_host_to_every_parser(text):
    _agrees(text, ResultHosts.with_trusted(["127.0.0.1:8000"]))


@settings(max_examples=300, deadline=None)
@given(
    prefix=st.sampled_from(["https://", "http://", "HTTPS://", "https:", "https:///"]),
    before=URLISH,
    host=st.sampled_from([BJ, SGP, "127.0.0.1:8000", "127.0.0.1"]),
    after=URLISH,
)
def test_generated_tricks_around_real_hosts(prefix, before, host, after):
    _agrees(prefix + before + host + after, ResultHosts.with_trusted(["127.0.0.1:8000"]))
