"""Fixtures: a fresh emulator per test, the launched app, a headless Chromium. Shared helpers
live in tests/support.py (imported once, by this file and by the tests alike)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from services import logsafe
from services.emulator import Emulator
from tests.support import CHROMIUM, FLAGS, TEST_KEY, KeyWatch, LaunchedApp, close_app, launch_app


def pytest_configure(config) -> None:
    # The app's logging filter on every handler there is (services/logsafe.py), but not at
    # birth and not on KeyWatch, added after it: KeyWatch must see what the app really logs.
    logsafe.install(at_birth=False, quiet_libraries=False)
    logging.getLogger().addHandler(KeyWatch(level=logging.DEBUG))
    for name in ("dashscope", "services", "ui", "httpx", "urllib3"):
        logging.getLogger(name).setLevel(logging.DEBUG)


def pytest_sessionstart(session) -> None:
    # pytest's own handlers (captured logs in reports, caplog, live and file logs) exist only
    # once its logging plugin is configured, after the hook above: filter them too.
    plugin = session.config.pluginmanager.get_plugin("logging-plugin")
    if plugin is not None:
        logsafe.protect(h for h in vars(plugin).values() if isinstance(h, logging.Handler))


@pytest.fixture
def test_key() -> str:
    return TEST_KEY


@pytest.fixture
def emulator() -> Iterator[Emulator]:
    # Tests serve input images from loopback: the emulator may fetch them (a public
    # deployment's may not: tests/test_attack_fetches.py).
    emu = Emulator(keys={TEST_KEY}, host="127.0.0.1", port=0, private_inputs=True).start()
    try:
        yield emu
    finally:
        emu.stop()


@pytest.fixture(scope="module")
def launched(tmp_path_factory) -> Iterator[LaunchedApp]:
    app = launch_app(tmp_path_factory.mktemp("app-data"))
    try:
        yield app
    finally:
        close_app(app)


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
