"""Fixtures: a fresh emulator per test, the launched app, a headless Chromium. Shared helpers
live in tests/support.py (imported once, by this file and by the tests alike)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from services.emulator import Emulator
from tests.support import CHROMIUM, FLAGS, TEST_KEY, KeyWatch, LaunchedApp, close_app, launch_app


def pytest_configure(config) -> None:
    logging.getLogger().addHandler(KeyWatch(level=logging.DEBUG))
    for name in ("dashscope", "services", "ui", "httpx", "urllib3"):
        logging.getLogger(name).setLevel(logging.DEBUG)


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
