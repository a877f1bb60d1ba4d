"""Fetching input URLs the way a public service must: never into its own network.

In demo mode the emulator runs inside the app, so an `image_urls` link it fetched came from
inside the server: a loopback-only image came back in the output, and the wording told which
ports were open. This opener resolves the host first, refuses it if any address is not a
public one (loopback, private, link-local, shared, metadata, multicast, reserved, IPv4 mapped
into IPv6...), connects to the very address it checked (so a second DNS answer cannot swap
it), and follows redirects itself, checking each hop the same way. Every refusal looks like
every other download failure: the caller answers them all with one message.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
from typing import Any
from urllib.parse import urljoin, urlsplit

MAX_REDIRECTS = 3
_DEFAULT_PORTS = {"http": 80, "https": 443}


class FetchRefused(Exception):
    """Not fetched: the address is not public, or the URL could not be fetched safely."""


def is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if embedded is not None:
            return is_public(str(embedded))
        if ip in ipaddress.ip_network("64:ff9b::/96"):  # NAT64: the IPv4 address inside
            return is_public(str(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)))
    return ip.is_global and not (ip.is_multicast or ip.is_reserved or ip.is_unspecified)


def resolve_public(host: str, port: int) -> str:
    """One public address of `host`, or FetchRefused if it has any other kind."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, ValueError):
        raise FetchRefused("unresolvable") from None
    addresses = [info[4][0] for info in infos]
    if not addresses or not all(is_public(a) for a in addresses):
        raise FetchRefused("not a public address")
    return addresses[0]


class _PinnedHTTP(http.client.HTTPConnection):
    def __init__(self, host: str, address: str, port: int, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self._address = address

    def connect(self) -> None:
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _PinnedHTTPS(_PinnedHTTP):
    def __init__(self, host: str, address: str, port: int, timeout: float) -> None:
        super().__init__(host, address, port, timeout)
        self._context = ssl.create_default_context()

    def connect(self) -> None:
        super().connect()
        # The certificate is checked against the host name, not the pinned address.
        self.sock = self._context.wrap_socket(self.sock, server_hostname=self.host)


class _Reply:
    """What inputs._fetch reads: headers and read(), as a context manager."""

    def __init__(self, connection: http.client.HTTPConnection, response: Any) -> None:
        self._connection, self._response = connection, response
        self.headers = response.headers

    def read(self, size: int = -1) -> bytes:
        return self._response.read(size)

    def __enter__(self) -> _Reply:
        return self

    def __exit__(self, *exc: object) -> None:
        self._connection.close()


class PublicOnlyOpener:
    def open(self, url: str, timeout: float) -> _Reply:
        for _ in range(MAX_REDIRECTS + 1):
            parts = urlsplit(url)
            scheme, host = parts.scheme.lower(), parts.hostname
            if scheme not in _DEFAULT_PORTS or not host or parts.username or parts.password:
                raise FetchRefused("not an http(s) URL to a host")
            port = parts.port or _DEFAULT_PORTS[scheme]
            address = resolve_public(host, port)
            kind = _PinnedHTTPS if scheme == "https" else _PinnedHTTP
            connection = kind(host, address, port, timeout)
            path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
            try:
                connection.request("GET", path, headers={"User-Agent": "DashScopeEmulator/1.0"})
                response = connection.getresponse()
            except BaseException:
                connection.close()
                raise
            if response.status in (301, 302, 303, 307, 308):
                location = response.headers.get("Location")
                connection.close()
                if not location:
                    raise FetchRefused("a redirect without a location")
                url = urljoin(url, location)  # checked like the first hop, on the next turn
                continue
            if response.status != 200:
                connection.close()
                raise FetchRefused(f"HTTP {response.status}")
            return _Reply(connection, response)
        raise FetchRefused("too many redirects")
