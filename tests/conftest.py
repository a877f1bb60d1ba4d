"""Shared fixtures. The emulator part: a fresh local DashScope stand-in per test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from services.emulator import Emulator

TEST_KEY = "sk-emulatortestkey0123456789abcdef"


@pytest.fixture
def test_key() -> str:
    return TEST_KEY


@pytest.fixture
def emulator() -> Iterator[Emulator]:
    emu = Emulator(keys={TEST_KEY}, host="127.0.0.1", port=0).start()
    try:
        yield emu
    finally:
        emu.stop()


# --- The launched app: the real UI on a free loopback port, backed by an emulator. ---

import os  # noqa: E402
import socket  # noqa: E402
from dataclasses import dataclass, replace  # noqa: E402
from pathlib import Path  # noqa: E402

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")  # no phoning home from tests


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class LaunchedApp:
    url: str
    emulator: Emulator
    services: object
    blocks: object
    data_dir: Path


def launch_app(
    data_dir: Path, *, latency_s: float = 0.0, port: int | None = None, **overrides
) -> LaunchedApp:
    from services.config import Settings
    from services.container import build_services
    from services.types import ApiKey
    from ui.layout import build_app, launch_kwargs

    emu = Emulator(keys={TEST_KEY}, latency_s=latency_s).start()
    settings = Settings(
        data_dir=data_dir,
        base_url=emu.base_url,
        operator_key=ApiKey(TEST_KEY),
        retry_base_s=0.01,
        request_timeout_s=10,
    )
    services = build_services(replace(settings, **overrides))
    blocks = build_app(services)
    blocks.launch(
        server_name="127.0.0.1",
        server_port=port or free_port(),
        prevent_thread_lock=True,
        quiet=True,
        **launch_kwargs(services),
    )
    return LaunchedApp(blocks.local_url, emu, services, blocks, data_dir)


def close_app(app: LaunchedApp) -> None:
    app.blocks.close()
    app.services.close()
    app.emulator.stop()


@pytest.fixture(scope="module")
def launched(tmp_path_factory) -> Iterator[LaunchedApp]:
    app = launch_app(tmp_path_factory.mktemp("app-data"))
    try:
        yield app
    finally:
        close_app(app)


# --- A real browser: Debian's Chromium, headless, with the flags that keep it off the network.

import shutil  # noqa: E402

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


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(
            "Chromium is missing: install Debian's package (apt-get install chromium); "
            ".ci/run does this."
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        yield b
        b.close()
