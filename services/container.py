"""Builds the services once from Settings; app.py hands the result to the UI."""

from __future__ import annotations

import os
import secrets
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

from services.backends.base import EditBackend
from services.backends.dashscope import DashScopeBackend
from services.config import Settings
from services.editing import EditService
from services.experiments import Experiments
from services.history import HistoryStore, Retention
from services.identity import Identities
from services.ratelimit import RateLimiter
from services.regions import origin_of
from services.results import DownloadPolicy, ResultStore
from services.spending import Caps, SpendingLedger
from services.translation import TranslationService


@dataclass
class Services:
    settings: Settings
    editor: EditService
    history: HistoryStore
    # Edits block on the network for seconds: they get threads of their own, as many as may
    # run at once (asyncio's default pool has only CPUs + 4).
    edit_pool: ThreadPoolExecutor
    identities: Identities  # who a caller is: a login, or a history id this server signed
    # Qwen-MT for instructions in other languages: the same key, endpoint and rate limiter.
    translator: TranslationService | None = None
    # Runs of many edits (services/experiments): on the server, resumed after a restart.
    experiments: Experiments | None = None

    def close(self) -> None:
        if self.experiments is not None:  # first: its sends in flight still record to History
            self.experiments.close()
        self.edit_pool.shutdown(wait=False, cancel_futures=True)
        if self.editor.spending is not None:
            self.editor.spending.close()
        self.editor.results.close()
        self.history.close()


def persistent_secret(path: Path) -> str:
    """A random secret created once and kept (mode 0600): values that browsers keep encrypted,
    such as their history id, must still decrypt after the app restarts."""
    try:
        value = path.read_text().strip()
        if len(value) >= 32:
            return value
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    value = secrets.token_urlsafe(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(value)
    return value


def download_policy(settings: Settings) -> DownloadPolicy:
    trusted = set(settings.extra_result_hosts)
    if settings.base_url:
        trusted.add(origin_of(settings.base_url))  # a custom endpoint may serve its own results
    return DownloadPolicy(
        trusted_hosts=frozenset(trusted),
        timeout_s=settings.download_timeout_s,
        attempts=settings.download_attempts,
        backoff_s=settings.download_backoff_s,
    )


def build_editor(
    settings: Settings, outputs: Path, backend: EditBackend | None = None
) -> EditService:
    """An EditService alone, downloading into `outputs`: no history, no spending caps, no
    secrets on disk (the command line, services/cli.py, runs on the user's own key)."""
    limiter = RateLimiter(settings.rate_limit_per_s or 2.0, safety=settings.rate_limit_safety)
    results = ResultStore(outputs, download_policy(settings))
    return EditService(settings, backend or DashScopeBackend(), results, limiter)


def build_services(settings: Settings, backend: EditBackend | None = None) -> Services:
    if not settings.browser_secret:
        secret = persistent_secret(settings.data_dir / "browser-secret")
        settings = replace(settings, browser_secret=secret)
    policy = download_policy(settings)
    results = ResultStore(settings.data_dir / "outputs", policy)
    limiter = RateLimiter(settings.rate_limit_per_s or 2.0, safety=settings.rate_limit_safety)
    retention = Retention(
        settings.history_max_entries,
        settings.history_max_days,
        max_bytes=int(settings.history_quota_mb * 2**20),
    )
    history = HistoryStore(settings.data_dir / "history", retention).open()
    caps = Caps(
        settings.cap_edits_per_visitor, settings.cap_images_per_visitor, settings.budget_usd_per_day
    )
    spending = SpendingLedger(settings.data_dir / "spending.sqlite3", caps) if caps.any else None
    backend = backend or DashScopeBackend()
    editor = EditService(
        settings,
        backend,
        results,
        limiter,
        history=history,
        spending=spending,
    )
    pool = ThreadPoolExecutor(max_workers=settings.max_concurrent_edits, thread_name_prefix="edit")
    # Its own secret, never sent anywhere (the browser-storage secret is in every page).
    identities = Identities(persistent_secret(settings.data_dir / "identity-secret"))
    # A test's fake edit backend need not translate: the real one does it then.
    translating = backend if hasattr(backend, "translate") else DashScopeBackend()
    translator = TranslationService(settings, translating, limiter)  # type: ignore[arg-type]
    experiments = Experiments(settings, editor)
    experiments.resume_all()  # runs left running by the last process go on (or wait: paused)
    return Services(settings, editor, history, pool, identities, translator, experiments)
