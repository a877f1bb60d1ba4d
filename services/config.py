"""Settings, built once in app.py from the environment and the command line, then passed down."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from services.errors import MissingApiKeyError, ValidationError
from services.messages import join, msg
from services.regions import DEFAULT_REGION, REGIONS, WORKSPACE_ID, normalise_base_url
from services.types import ApiKey, Credentials

# Printable ASCII without spaces: what an HTTP header can carry unchanged.
_KEY_SHAPE = re.compile(r"^[\x21-\x7e]{1,512}$")


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    region: str = DEFAULT_REGION
    base_url: str | None = None  # a custom endpoint; when set, every region goes there
    # region -> workspace id: that region's requests go to the workspace's own endpoint
    workspaces: dict[str, str] = field(default_factory=dict)
    operator_key: ApiKey | None = None  # the deployment's own key (DASHSCOPE_API_KEY)
    # None: each model's own limit from the model table; a number: that limit for every model
    # (an account with a raised quota, or tests).
    rate_limit_per_s: float | None = None
    # Requests are spaced this much wider than 1/rate, so that jitter on the way (30 ms at
    # 2/s) cannot squeeze rate + 1 of them into one second at the service (which would answer
    # 429). Lateness before sending is the limiter's own concern (services/ratelimit.py).
    rate_limit_safety: float = 0.03
    request_timeout_s: float = 180.0
    download_timeout_s: float = 60.0
    download_attempts: int = 3  # per output; downloads are idempotent, unlike the edit itself
    download_backoff_s: float = 0.5
    max_retries: int = 3  # extra attempts after throttling / 5xx, with exponential backoff
    retry_base_s: float = 1.0
    extra_result_hosts: frozenset[str] = field(default_factory=frozenset)
    demo: bool = False
    max_concurrent_edits: int = 64  # edits in flight at once across all users (I/O bound)
    queue_size: int = 256  # waiting edits beyond this are told the app is busy
    ask_user_key: bool = False  # show the key field even when the operator set a key
    # Gradio's BrowserState key: keeps browser values readable across restarts. It is sent to
    # every page, so it protects nothing (history ids are signed by services/identity.py).
    browser_secret: str | None = None
    history_max_entries: int = 500  # per user; the oldest go first (0 = no limit)
    history_max_days: float = 0  # entries older than this are removed (0 = keep)
    prepares_per_visitor: int = 1  # edits one visitor may have in image preparation at once
    # Caps on what the operator's key may spend per UTC day (0 = none): per visitor, and a
    # budget for the whole deployment, priced from the model table.
    cap_edits_per_visitor: int = 0
    cap_images_per_visitor: int = 0
    budget_usd_per_day: float = 0.0
    upload_mb_per_hour: float = 500  # per address: Gradio keeps every upload in its cache
    min_free_disk_mb: float = 1024  # below this much free disk, uploads are refused
    # per user, files on disk; the oldest entries go first, never the new one (0 = no limit)
    history_quota_mb: float = 500
    max_run_requests: int = 60  # requests in one experiment run (services/experiments)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides: object) -> Settings:
        env = os.environ if env is None else env
        key = env.get("DASHSCOPE_API_KEY", "").strip()
        if key and not _KEY_SHAPE.match(key):
            raise ValueError("DASHSCOPE_API_KEY must be one line without spaces")
        base = env.get("DASHSCOPE_HTTP_BASE_URL", "").strip()
        hosts = env.get("QWEN_EDIT_RESULT_HOSTS", "")
        workspaces = {
            name: env[f"QWEN_EDIT_WORKSPACE_{name.upper()}"].strip().lower()
            for name in REGIONS
            if env.get(f"QWEN_EDIT_WORKSPACE_{name.upper()}", "").strip()
        }
        for name, workspace in workspaces.items():
            if not WORKSPACE_ID.match(workspace):
                raise ValueError(
                    f"QWEN_EDIT_WORKSPACE_{name.upper()} must be a workspace id (letters, digits "
                    "and hyphens), as shown in the Model Studio console"
                )
        settings = cls(
            data_dir=Path(env.get("QWEN_EDIT_DATA_DIR") or default_data_dir(env)),
            region=env.get("QWEN_EDIT_REGION", DEFAULT_REGION).strip().lower() or DEFAULT_REGION,
            base_url=normalise_base_url(base) if base else None,
            workspaces=workspaces,
            operator_key=ApiKey(key) if key else None,
            rate_limit_per_s=float(env["QWEN_EDIT_RATE_LIMIT"])
            if env.get("QWEN_EDIT_RATE_LIMIT", "").strip()
            else None,
            request_timeout_s=float(env.get("QWEN_EDIT_TIMEOUT", "180")),
            extra_result_hosts=frozenset(h.strip().lower() for h in hosts.split(",") if h.strip()),
            max_concurrent_edits=int(env.get("QWEN_EDIT_MAX_CONCURRENT", "64")),
            ask_user_key=env.get("QWEN_EDIT_ASK_KEY", "").lower() in ("1", "true", "yes"),
            browser_secret=env.get("QWEN_EDIT_BROWSER_SECRET") or None,
            history_max_entries=int(env.get("QWEN_EDIT_HISTORY_MAX", "500")),
            history_max_days=float(env.get("QWEN_EDIT_HISTORY_DAYS", "0")),
            history_quota_mb=float(env.get("QWEN_EDIT_HISTORY_QUOTA_MB", "500")),
            prepares_per_visitor=int(env.get("QWEN_EDIT_PREPARES_PER_VISITOR", "1")),
            cap_edits_per_visitor=int(env.get("QWEN_EDIT_CAP_EDITS_PER_DAY", "0")),
            cap_images_per_visitor=int(env.get("QWEN_EDIT_CAP_IMAGES_PER_DAY", "0")),
            budget_usd_per_day=float(env.get("QWEN_EDIT_BUDGET_USD_PER_DAY", "0")),
            upload_mb_per_hour=float(env.get("QWEN_EDIT_UPLOAD_MB_PER_HOUR", "500")),
            min_free_disk_mb=float(env.get("QWEN_EDIT_MIN_FREE_DISK_MB", "1024")),
            max_run_requests=int(env.get("QWEN_EDIT_MAX_RUN_REQUESTS", "60")),
        )
        if settings.region not in REGIONS:
            raise ValueError(f"QWEN_EDIT_REGION must be one of {', '.join(REGIONS)}")
        return replace(settings, **overrides)  # type: ignore[arg-type]

    def credentials(self, user_key: str | None = None, region: str | None = None) -> Credentials:
        """The key a user typed wins over the operator's; a missing key is a clear error."""
        typed = (user_key or "").strip()
        if typed and not _KEY_SHAPE.match(typed):
            # A key pasted across lines (or with a space) would reach the HTTP layer, which
            # refuses it with the header (key included) in its error text: stop it here.
            raise MissingApiKeyError(msg("error.auth.key_shape"), msg("hint.auth.key_shape"))
        key = ApiKey(typed) if typed else self.operator_key
        if key is None:
            raise MissingApiKeyError(msg("error.auth.missing"), msg("hint.auth.missing"))
        name = (region.strip().lower() if isinstance(region, str) else region) or self.region
        if name not in REGIONS:
            raise ValidationError("region", region, join(REGIONS, last="list.or"))
        return Credentials(key, name, self.base_url_for(name))

    def base_url_for(self, region: str) -> str:
        """A custom endpoint wins; then the region's workspace endpoint; then its default."""
        if self.base_url:
            return self.base_url
        if region in self.workspaces:
            return REGIONS[region].workspace_url(self.workspaces[region])
        return REGIONS[region].base_url


def default_data_dir(env: Mapping[str, str]) -> Path:
    """A folder that survives restarts: /data on a Space with persistent storage, else the
    user's XDG data folder."""
    if env.get("SPACE_ID") and Path("/data").is_dir():
        return Path("/data/qwen-image-edit-studio")
    base = env.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "qwen-image-edit-studio"
