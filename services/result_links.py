"""Which output links may be downloaded, and the exact URL that is then contacted.

A result link comes from the service's answer, so it is checked before anything connects to
it. The check and the connection must agree on the host: URL parsers disagree on odd input
(`https://127.0.0.1:9443\\@bucket.aliyuncs.com/x` is the bucket to `urlsplit` and 127.0.0.1 to
urllib3). So a link is parsed once, by a grammar strict enough that every parser reads it the
same way (no userinfo, no backslash, no port but the scheme's own, no trailing dot), and the URL
that is fetched is rebuilt from the parts that were checked, never the text that came in.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from urllib3.util import parse_url

# DashScope's result buckets in every region: dashscope-result-bj.oss-cn-beijing,
# dashscope-result-sgp.oss-ap-southeast-1, dashscope-result-wlcb-acdr-1.oss-cn-wulanchabu-acdr-1...
RESULT_BUCKET = re.compile(
    r"^dashscope-result(?:-[a-z0-9]+)*\.oss-[a-z]{2}(?:-[a-z0-9]+)+\.aliyuncs\.com$"
)
# The host list the API reference gives for restricted outbound traffic; all match the rule
# above, and are listed so the rule is tested against them.
DOCUMENTED_RESULT_HOSTS = (
    *(
        f"dashscope-result-{b}.oss-cn-{z}.aliyuncs.com"
        for b, z in (
            ("bj", "beijing"),
            ("hz", "hangzhou"),
            ("sh", "shanghai"),
            ("wlcb", "wulanchabu"),
            ("zjk", "zhangjiakou"),
            ("sz", "shenzhen"),
            ("hy", "heyuan"),
            ("cd", "chengdu"),
            ("gz", "guangzhou"),
        )
    ),
    "dashscope-result-wlcb-acdr-1.oss-cn-wulanchabu-acdr-1.aliyuncs.com",
    # Seen in Singapore answers:
    "dashscope-result-sgp.oss-ap-southeast-1.aliyuncs.com",
    "dashscope-result-sg.oss-ap-southeast-1.aliyuncs.com",
)

_DEFAULT_PORT = {"http": 80, "https": 443}
# RFC 3986 characters only, and no "\": what one parser takes for a separator, another must
# not take for part of a name. The authority holds a host name (or IPv4) and a port only.
_URL = re.compile(
    r"^(?P<scheme>https?)://"
    r"(?P<host>[a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?)"
    r"(?::(?P<port>[0-9]{1,5}))?"
    r"(?P<path>/[A-Za-z0-9\-._~!$&'()*+,;=:@/%]*)?"
    r"(?:\?(?P<query>[A-Za-z0-9\-._~!$&'()*+,;=:@/?%]*))?"
    r"(?:#[A-Za-z0-9\-._~!$&'()*+,;=:@/?%]*)?$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Origin:
    """A host (and port) trusted to serve results, e.g. a custom endpoint's own host."""

    host: str
    port: int | None = None  # None: any port of this host (the operator named the host only)

    @classmethod
    def parse(cls, text: str) -> Origin:
        host, sep, port = text.strip().lower().partition(":")
        return cls(host.rstrip("."), int(port) if sep and port.isdigit() else None)


@dataclass(frozen=True)
class ResultHosts:
    """DashScope's result buckets, plus origins the deployment trusts (a custom endpoint)."""

    trusted: frozenset[Origin] = frozenset()

    @classmethod
    def with_trusted(cls, origins: Iterable[str]) -> ResultHosts:
        return cls(frozenset(Origin.parse(o) for o in origins if o.strip()))

    def checked_url(self, url: object) -> str | None:
        """The URL to contact for this link, or None if it must not be contacted.

        A result bucket is always fetched over https (its http links carry the same path and
        query); a trusted origin keeps its scheme (a local emulator serves plain http)."""
        if not isinstance(url, str) or len(url) > 8192:
            return None
        match = _URL.fullmatch(url)
        if match is None:
            return None
        scheme, host = match["scheme"].lower(), match["host"].lower()
        port = int(match["port"]) if match["port"] else None
        path, query = match["path"] or "/", match["query"]
        if host.endswith(".") or ".." in host:
            return None
        if (
            Origin(host, port or _DEFAULT_PORT[scheme]) in self.trusted
            or Origin(host) in self.trusted
        ):
            netloc = host if port is None else f"{host}:{port}"
        elif RESULT_BUCKET.match(host) and port in (None, _DEFAULT_PORT[scheme]):
            scheme, netloc = "https", host
        else:
            return None
        rebuilt = f"{scheme}://{netloc}{path}" + (f"?{query}" if query is not None else "")
        # Belt and braces: the HTTP client's own parser must read the host that was checked.
        parsed = parse_url(rebuilt)
        if (parsed.host or "").lower() != host or parsed.auth is not None:
            return None
        return rebuilt

    def allows(self, url: object) -> bool:
        return self.checked_url(url) is not None
