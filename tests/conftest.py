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
