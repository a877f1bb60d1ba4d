"""Image sources given as text: http(s) URLs (passed on, percent-encoded) and data: URIs.

`classify` tells what kind of text a source is; `normalise_url` makes a URL safe to send (the
service needs non-ASCII characters percent-encoded); `decode_data_uri` turns a base64 data:
URI back into bytes. Every failure is an ImageInputError naming the image ("Image 2 ...").
"""

from __future__ import annotations

import base64
import binascii
import re
from typing import Literal
from urllib.parse import quote, urlsplit, urlunsplit

from .errors import ImageInputError
from .messages import Message, msg

MAX_DATA_URI_BYTES = 100 * 1024 * 1024  # decoded; the same ceiling as a local file

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]+):")  # 2+ letters: "C:\..." stays a path
_LONE_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")  # a "%" that does not start an escape
_HOST = re.compile(r"^[A-Za-z0-9\-._~!$&'()*+,;=]+$|^\[[0-9A-Fa-f:.]+\]$")  # reg-name or [IPv6]
# Characters kept as they are: RFC 3986 reserved and unreserved ones, and "%" (escapes stay).
_SAFE_PATH = "/:@!$&'()*+,;=-._~%"
_SAFE_QUERY = _SAFE_PATH + "?[]"
_SAFE_USERINFO = ":!$&'()*+,;=-._~%"

_URL_HINT = msg("hint.url.give")
_ONLY_HINT = msg("hint.url.only")
_THE_IMAGE = msg("label.the_image")

SourceKind = Literal["url", "data"]


def classify(text: str, *, label: Message | str = _THE_IMAGE) -> SourceKind:
    """What a text source is: an http(s) URL or a base64 data:image URI, nothing else.

    Text is never opened as a path on the server: files come only as uploads (Path objects
    from the UI). The refusal is the same whatever the text names, so it cannot tell anyone
    whether a file exists, is a folder or holds text."""
    head = text.strip()[:16].lower()
    if head.startswith(("http://", "https://")):
        return "url"
    if head.startswith("data:image/"):
        return "data"
    match = _SCHEME.match(text.strip())
    if match:
        raise ImageInputError(
            msg("error.url.scheme", label=label, scheme=match.group(1)[:20]), _ONLY_HINT
        )
    raise ImageInputError(msg("error.url.not_link", label=label), _ONLY_HINT)


def normalise_url(url: str, *, label: Message | str = _THE_IMAGE) -> str:
    """The URL with non-ASCII and unsafe characters percent-encoded and a non-ASCII host in
    IDNA form. Existing %XX escapes are kept; a URL that needs nothing comes back unchanged."""
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        raise ImageInputError(msg("error.url.not_http", label=label), _URL_HINT)
    userinfo, at, hostport = parts.netloc.rpartition("@")
    if hostport.startswith("["):
        host, _, port = hostport.partition("]")
        host, port = host + "]", port.removeprefix(":")
    else:
        host, _, port = hostport.partition(":")
    if not host:
        raise ImageInputError(msg("error.url.no_host", label=label, url=url[:200]), _URL_HINT)
    try:
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number in range
    except ValueError:
        raise ImageInputError(
            msg("error.url.bad_port", label=label, port=port[:20]), _URL_HINT
        ) from None
    try:
        ascii_host = host if host.isascii() else host.encode("idna").decode("ascii")
    except UnicodeError:
        ascii_host = ""
    if not _HOST.match(ascii_host):
        raise ImageInputError(
            msg("error.url.bad_host", label=label, host=host[:100]), _URL_HINT
        ) from None
    netloc = (_quote(userinfo, _SAFE_USERINFO) + at if at else "") + ascii_host
    netloc += f":{port}" if port else ""
    encoded = (
        netloc,
        _quote(parts.path, _SAFE_PATH),
        _quote(parts.query, _SAFE_QUERY),
        _quote(parts.fragment, _SAFE_QUERY),
    )
    if encoded == (parts.netloc, parts.path, parts.query, parts.fragment):
        return url  # byte for byte what was given (urlunsplit would drop an empty "?")
    return urlunsplit((parts.scheme, *encoded))


def decode_data_uri(uri: str, *, label: Message | str = _THE_IMAGE) -> bytes:
    """The bytes of a `data:image/...;base64,...` URI (the declared type is not trusted)."""
    header, comma, payload = uri.strip().partition(",")
    params = [p.strip().lower() for p in header.split(";")[1:]]
    if not comma or "base64" not in params:
        raise ImageInputError(
            msg("error.data_uri.not_base64", label=label), msg("hint.data_uri.form")
        )
    if len(payload) > MAX_DATA_URI_BYTES * 4 // 3 + 16:
        raise ImageInputError(
            msg("error.data_uri.too_large", label=label, limit="100 MB"),
            msg("hint.data_uri.smaller", limit="10 MB", side=3072),
        )
    payload = "".join(payload.split())
    payload += "=" * (-len(payload) % 4)
    try:
        return base64.b64decode(payload, validate=True)
    except (binascii.Error, ValueError):
        raise ImageInputError(
            msg("error.data_uri.invalid", label=label), msg("hint.data_uri.upload")
        ) from None


def _quote(part: str, safe: str) -> str:
    return quote(_LONE_PERCENT.sub("%25", part), safe=safe)
