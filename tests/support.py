"""Helpers shared by the tests, imported once as `tests.support` (the conftest and the test
files both import from here, so the state below exists exactly once in a run)."""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from services.emulator import Emulator
from tests.helpers import edit_kwargs, free_port  # noqa: F401  (re-exported)

ROOT = Path(__file__).resolve().parent.parent

TEST_KEY = "sk-emulatortestkey0123456789abcdef"
# Every key string any test sends: none may appear in a log, an answer or a file the app wrote.
ALL_TEST_KEYS = (
    TEST_KEY,
    "sk-wrongkey0000000000000000000000",
    "sk-notthekey0000000000000000000000",
)

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")  # no phoning home from tests
# Gradio's cache for this run only, so that the secrets check can read everything it holds.
GRADIO_CACHE = Path(tempfile.mkdtemp(prefix="qwen-edit-gradio-"))
os.environ["GRADIO_TEMP_DIR"] = str(GRADIO_CACHE)


class KeyWatch(logging.Handler):
    """Sees every log record of the run (the SDK's debug lines included) and keeps those that
    carry a key. Installed once for the whole session by the conftest's pytest_configure."""

    hits: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        try:
            text = record.getMessage()
            if record.exc_info:
                text += logging.Formatter().formatException(record.exc_info)
        except Exception:  # a record that cannot format itself is not ours to judge
            return
        for key in ALL_TEST_KEYS:
            if key in text:
                self.hits.append(f"{record.name}: {text[:300]}")


@dataclass
class LaunchedApp:
    url: str
    emulator: Emulator
    services: object
    blocks: object
    data_dir: Path


def launch_app(
    data_dir: Path,
    *,
    latency_s: float = 0.0,
    port: int | None = None,
    emulator_rate: float | None = None,  # the service's own per-key limit, if any
    auth: list[tuple[str, str]] | None = None,  # Gradio's login, for tests with several users
    private_inputs: bool = True,  # may the emulator fetch inputs from loopback (tests serve them)
    **overrides,
) -> LaunchedApp:
    from services.config import Settings
    from services.container import build_services
    from services.types import ApiKey
    from ui.layout import build_app, launch_kwargs

    emu = Emulator(
        keys={TEST_KEY},
        latency_s=latency_s,
        rate_limit_per_s=emulator_rate,
        private_inputs=private_inputs,
    ).start()
    settings = Settings(
        data_dir=data_dir,
        base_url=emu.base_url,
        operator_key=ApiKey(TEST_KEY),
        retry_base_s=0.01,
        request_timeout_s=10,
    )
    try:
        services = build_services(replace(settings, **overrides))
        blocks = build_app(services)
        blocks.launch(
            server_name="127.0.0.1",
            server_port=port or free_port(),
            prevent_thread_lock=True,
            quiet=True,
            auth=auth,
            **launch_kwargs(services),
        )
    except BaseException:
        emu.stop()
        raise
    return LaunchedApp(blocks.local_url, emu, services, blocks, data_dir)


def close_app(app: LaunchedApp) -> None:
    app.blocks.close()
    app.services.close()
    app.emulator.stop()


# A real browser: Debian's Chromium, headless, with the flags that keep it off the network.
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def wait_until_loaded(page) -> None:
    """Let the page's load chain (history id, remembered key, history) finish before typing."""
    page.wait_for_selector("body[data-app-ready='1']", state="attached")


def watch_failures(page, app_url: str | None = None) -> list[str]:
    """What a person would see as breakage, collected while a test runs (it asserts the list
    is empty at the end): errors thrown in the page, and answers >= 500 (from the app only,
    when `app_url` is given)."""
    failures: list[str] = []
    page.on("pageerror", lambda exc: failures.append(f"page error: {exc}"))

    def on_response(response) -> None:
        if response.status >= 500 and (app_url is None or response.url.startswith(app_url)):
            failures.append(f"HTTP {response.status} {response.url}")

    page.on("response", on_response)
    return failures


@contextmanager
def local_editor(
    folder: Path, *, timeout_s: float = 30, **emulator_options
) -> Iterator[tuple[Emulator, object, object]]:
    """An EditService with a history in `folder`, talking through the real SDK to an emulator
    started here with `emulator_options` (only the test key accepted, results trusted from
    127.0.0.1, no rate limit of our own). Yields (emulator, service, history); stops them all.
    For the tests and the benchmarks that drive the service without the app around it."""
    from services.backends.dashscope import DashScopeBackend
    from services.config import Settings
    from services.editing import EditService
    from services.history import HistoryStore
    from services.ratelimit import RateLimiter
    from services.results import DownloadPolicy, ResultStore

    emulator = Emulator(keys={TEST_KEY}, **emulator_options).start()
    settings = Settings(data_dir=folder, base_url=emulator.base_url, request_timeout_s=timeout_s)
    policy = DownloadPolicy(
        trusted_hosts=frozenset({"127.0.0.1"}), timeout_s=timeout_s, attempts=1, backoff_s=0.01
    )
    results = ResultStore(folder / "outputs", policy)
    history = HistoryStore(folder / "history").open()
    service = EditService(
        settings, DashScopeBackend(), results, RateLimiter(1000.0), history=history
    )
    try:
        yield emulator, service, history
    finally:
        history.close()
        results.close()
        emulator.stop()
