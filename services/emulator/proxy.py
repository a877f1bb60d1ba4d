"""Real-host mode's proxy side: which hosts it serves, and the log of what was asked of it.

The real service links results on OSS hosts (`https://dashscope-result-sgp.oss-...`). To let
an app download such links through its real code path (proxy settings, DNS, TLS) with no
network, the emulator's port doubles as an HTTP proxy that serves exactly those hosts itself:
`CONNECT host:443` is answered and TLS terminated in-process with a throwaway CA
(see tls.py), and plain `GET http://host/...` (absolute-form) is answered directly. Anything
else is refused, so a test can never reach the internet through it.
"""

from __future__ import annotations

import re
import ssl
import threading
import time
import urllib.request
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

# Where DashScope's result links point, by region (Singapore, Beijing, Hangzhou, ...).
DASHSCOPE_RESULT_HOSTS = (
    "dashscope-result-sgp.oss-ap-southeast-1.aliyuncs.com",
    "dashscope-result-sg.oss-ap-southeast-1.aliyuncs.com",
    "dashscope-result-bj.oss-cn-beijing.aliyuncs.com",
    "dashscope-result-hz.oss-cn-hangzhou.aliyuncs.com",
    "dashscope-result-sh.oss-cn-shanghai.aliyuncs.com",
    "dashscope-result-wlcb.oss-cn-wulanchabu.aliyuncs.com",
    "dashscope-result-wlcb-acdr-1.oss-cn-wulanchabu-acdr-1.aliyuncs.com",
)
HTTPS_PORT, HTTP_PORT = 443, 80
# A DNS name only: it goes into a certificate's SAN and into URLs as is.
_LABEL = r"[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?"
_HOST_NAME = re.compile(rf"(?=.{{1,253}}$)({_LABEL}\.)*{_LABEL}")


def check_host_name(host: str) -> str:
    """`host` lowercased, or ValueError if it is not a bare DNS name (no scheme, port or path)."""
    if not isinstance(host, str) or not _HOST_NAME.fullmatch(host.lower()):
        raise ValueError(f"result_host must be a DNS host name like {DASHSCOPE_RESULT_HOSTS[0]}")
    return host.lower()


def split_authority(target: str) -> tuple[str, int] | None:
    """`host:port` (a CONNECT target) as (lowercased host, port); None if malformed."""
    try:
        parts = urlsplit("//" + target)
        host, port = parts.hostname, parts.port
    except ValueError:
        return None
    if not host or port is None or parts.path or parts.query or parts.username:
        return None
    return host, port


@dataclass(frozen=True)
class ProxyRequest:
    method: str  # "CONNECT", or the method of an absolute-form request ("GET http://...")
    host: str  # lowercased; the raw target (cut short) if it could not be parsed
    port: int  # 0 if it could not be parsed
    allowed: bool
    time: float


class ProxyLog:
    """Thread-safe and bounded, like the request log: handler threads append concurrently."""

    def __init__(self, history: int = 1000) -> None:
        self._lock = threading.Lock()
        self._items: deque[ProxyRequest] = deque(maxlen=history)

    def add(self, method: str, host: str, port: int, allowed: bool) -> None:
        with self._lock:
            self._items.append(ProxyRequest(method, host, port, allowed, time.time()))

    def items(self) -> list[ProxyRequest]:
        with self._lock:
            return list(self._items)


class RoutedOpener:
    """How the emulator fetches input image URLs in real-host mode.

    An app may send an earlier result back as an input. The real service can read its own
    OSS links; the emulator reads them through its own proxy, trusting its own CA, so that
    such a link never sends it to the real Alibaba host. Every other URL goes to `other`, the
    opener of plain mode (public addresses only, unless tests allow loopback).
    """

    def __init__(
        self, hosts: Iterable[str], proxy_url: str, context: ssl.SSLContext, other: Any
    ) -> None:
        self._hosts = frozenset(hosts)
        no_env = urllib.request.ProxyHandler({})  # else build_opener reads *_proxy from env
        self._proxied = urllib.request.build_opener(
            no_env,
            _ViaProxy(urlsplit(proxy_url).netloc),
            urllib.request.HTTPSHandler(context=context),
        )
        self._direct = other

    def open(self, url: str, timeout: float) -> Any:
        host = (urlsplit(url).hostname or "").lower()
        opener = self._proxied if host in self._hosts else self._direct
        return opener.open(url, timeout=timeout)


class _ViaProxy(urllib.request.BaseHandler):
    """Routes every request through one proxy. Not urllib's ProxyHandler: that one obeys
    NO_PROXY from the environment, which could send a result-host fetch to the internet."""

    def __init__(self, proxy: str) -> None:
        self._proxy = proxy

    def http_request(self, request: urllib.request.Request) -> urllib.request.Request:
        # What ProxyHandler does: https becomes a CONNECT tunnel, http an absolute-form GET.
        request.set_proxy(self._proxy, "http")
        return request

    https_request = http_request
