"""Where requests go. Keys are per region: a Singapore key fails in Beijing and vice versa."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from services.messages import Translatable, msg


@dataclass(frozen=True)
class Region:
    name: str
    label: str  # words for people: Translatable (English str that carries its Message)
    base_url: str  # ends in /api/v1, as the SDK expects
    console_hint: str
    zone: str  # the cloud region id, as in workspace endpoints

    def workspace_url(self, workspace_id: str) -> str:
        """A workspace's own endpoint in this region (Model Studio's newer host names)."""
        return f"https://{workspace_id}.{self.zone}.maas.aliyuncs.com/api/v1"


REGIONS: dict[str, Region] = {
    r.name: r
    for r in (
        Region(
            "singapore",
            Translatable(msg("region.singapore.label")),
            "https://dashscope-intl.aliyuncs.com/api/v1",
            Translatable(msg("hint.region.singapore")),
            "ap-southeast-1",
        ),
        Region(
            "beijing",
            Translatable(msg("region.beijing.label")),
            "https://dashscope.aliyuncs.com/api/v1",
            Translatable(msg("hint.region.beijing")),
            "cn-beijing",
        ),
    )
}

DEFAULT_REGION = "singapore"
# A workspace id becomes a DNS label of the endpoint's host name: nothing else may pass.
WORKSPACE_ID = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")


def normalise_base_url(url: str) -> str:
    """Accept 'https://host', 'https://host/' or 'https://host/api/v1' and return '.../api/v1'."""
    url = url.strip().rstrip("/")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"not an http(s) base URL: {url!r}")
    if not parts.path:
        url += "/api/v1"
    return url


def origin_of(url: str) -> str:
    """ "host:port" of a base URL (the port the scheme implies when none is written)."""
    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    return f"{(parts.hostname or '').lower()}:{port}"
