"""Builds the services once from Settings; app.py hands the result to the UI."""

from __future__ import annotations

from dataclasses import dataclass

from services.backends.base import EditBackend
from services.backends.dashscope import DashScopeBackend
from services.config import Settings
from services.editing import EditService
from services.history import HistoryStore, Retention
from services.ratelimit import RateLimiter
from services.regions import host_of
from services.results import DownloadPolicy, ResultStore


@dataclass
class Services:
    settings: Settings
    editor: EditService
    history: HistoryStore

    def close(self) -> None:
        self.editor.results.close()
        self.history.close()


def build_services(settings: Settings, backend: EditBackend | None = None) -> Services:
    trusted = set(settings.extra_result_hosts)
    if settings.base_url:
        trusted.add(host_of(settings.base_url))  # a custom endpoint may serve its own results
    policy = DownloadPolicy(trusted_hosts=frozenset(trusted), timeout_s=settings.download_timeout_s)
    results = ResultStore(settings.data_dir / "outputs", policy)
    limiter = RateLimiter(settings.rate_limit_per_s)
    retention = Retention(settings.history_max_entries, settings.history_max_days)
    history = HistoryStore(settings.data_dir / "history", retention).open()
    editor = EditService(settings, backend or DashScopeBackend(), results, limiter, history=history)
    return Services(settings, editor, history)
