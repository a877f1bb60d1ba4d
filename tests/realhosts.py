"""Helpers for driving the emulator's real-host mode from a client's side.

A client reaches result links on the real DashScope host names the way a user would configure
it: environment variables (HTTPS_PROXY, HTTP_PROXY, REQUESTS_CA_BUNDLE, NO_PROXY) that
`requests` honours with `trust_env`. `use_emulator_proxy` sets exactly those through pytest's
monkeypatch, after clearing every variable that could route or trust differently (the
lowercase forms win over the uppercase ones in urllib's reading, so both go).
"""

from __future__ import annotations

import base64
import io
import socket
from typing import Any

import pytest
import requests
from PIL import Image

from services.emulator import Emulator
from tests.support import TEST_KEY

SGP = "dashscope-result-sgp.oss-ap-southeast-1.aliyuncs.com"
BJ = "dashscope-result-bj.oss-cn-beijing.aliyuncs.com"
GENERATION = "/services/aigc/multimodal-generation/generation"
_ROUTING_VARIABLES = (
    "HTTPS_PROXY", "HTTP_PROXY", "ALL_PROXY", "NO_PROXY", "REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE",
)  # fmt: skip


def use_emulator_proxy(
    monkeypatch: pytest.MonkeyPatch, emulator: Emulator, *, trust_ca: bool = True
) -> None:
    """Configure this process as a client of `emulator` in real-host mode. Without
    `trust_ca`, TLS is verified against the default store (certifi), as on a machine that was
    never told about the emulator's CA."""
    for name in _ROUTING_VARIABLES:
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)
    for name, value in emulator.client_env.items():
        if trust_ca or name != "REQUESTS_CA_BUNDLE":
            monkeypatch.setenv(name, value)


def png_data_uri(width: int = 64, height: int = 48) -> str:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (30, 120, 200)).save(out, format="PNG")
    return "data:image/png;base64," + base64.b64encode(out.getvalue()).decode()


def generate(
    session: requests.Session,
    emu: Emulator,
    images: list[str] | None = None,
    **parameters: Any,
) -> list[str]:
    """One successful generation request; returns the result URLs."""
    body = {
        "model": "qwen-image-edit-plus",
        "input": {
            "messages": [
                {
                    "role": "user",
                    "content": [{"image": i} for i in images or [png_data_uri()]]
                    + [{"text": "make it blue"}],
                }
            ]
        },
        "parameters": parameters,
    }
    reply = session.post(
        emu.base_url + GENERATION,
        json=body,
        headers={"Authorization": f"Bearer {TEST_KEY}"},
        timeout=10,
    )
    assert reply.status_code == 200, reply.text
    content = reply.json()["output"]["choices"][0]["message"]["content"]
    return [item["image"] for item in content]


def raw_connect(emulator: Emulator, target: str) -> bytes:
    """Send `CONNECT target` by hand; returns everything the emulator sent until it closed."""
    with socket.create_connection(("127.0.0.1", emulator.port), timeout=5) as sock:
        sock.sendall(f"CONNECT {target} HTTP/1.1\r\nHost: {target}\r\n\r\n".encode())
        received = b""
        while chunk := sock.recv(65536):  # a refusal closes the connection: b"" ends this
            received += chunk
    return received
