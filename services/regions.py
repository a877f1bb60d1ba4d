"""Where requests go. Keys are per region: a Singapore key fails in Beijing and vice versa."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit


@dataclass(frozen=True)
class Region:
    name: str
    label: str
    base_url: str  # ends in /api/v1, as the SDK expects
    console_hint: str


REGIONS: dict[str, Region] = {
    r.name: r
    for r in (
        Region(
            "singapore",
            "Singapore (international)",
            "https://dashscope-intl.aliyuncs.com/api/v1",
            "Create a key in the international Model Studio console (Singapore).",
        ),
        Region(
            "beijing",
            "Beijing (China mainland)",
            "https://dashscope.aliyuncs.com/api/v1",
            "Create a key in the China mainland Model Studio console (Beijing).",
        ),
    )
}

DEFAULT_REGION = "singapore"


def normalise_base_url(url: str) -> str:
    """Accept 'https://host', 'https://host/' or 'https://host/api/v1' and return '.../api/v1'."""
    url = url.strip().rstrip("/")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"not an http(s) base URL: {url!r}")
    if not parts.path:
        url += "/api/v1"
    return url


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()
