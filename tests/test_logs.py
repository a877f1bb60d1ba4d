"""A key in the server log (item 5), as an attacker or an unlucky user would put it there.

Every case formats records the way a handler prints them (message, traceback, stack) through
the filter the app installs (services/logsafe.py), and asserts the output holds no key, nor
any part of one. The last cases check the wiring: app.py installs the filter everywhere
(handlers made later included), and a user's mistake is logged as one line, not a traceback."""

from __future__ import annotations

import asyncio
import io
import logging
import os
import subprocess
import sys
import uuid
from pathlib import Path

import gradio as gr
import pytest
import requests

from services import logsafe
from services.config import Settings
from services.container import build_services
from services.errors import MissingApiKeyError
from tests.support import ROOT
from ui import handlers

KEY = "sk-livekey0123456789abcdef01234567"
ODD_KEY = "tok_Live.0123456789-ABCdef"  # a token of no known shape: caught by where it stands
PIECES = (KEY, KEY[3:], ODD_KEY, "0123456789abcdef")


def formatted(emit, *secrets: str, logger_name: str | None = None) -> str:
    """What a handler with the app's filter prints for the records `emit` logs."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    logsafe.protect([handler], secrets)
    logger = logging.getLogger(logger_name or f"tests.logs.{uuid.uuid4().hex[:8]}")
    old_level, logger.level = logger.level, logging.DEBUG
    logger.addHandler(handler)
    try:
        emit(logger)
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old_level)
    return stream.getvalue()


def assert_no_key(output: str, *secrets: str) -> None:
    assert output.strip(), "nothing was logged: the case proves nothing"
    for piece in (*PIECES, *secrets):
        assert piece not in output, f"{piece[:8]}… leaked:\n{output}"


def test_a_record_carrying_an_authorization_header():
    def emit(log):
        log.debug("request headers: %s", {"Authorization": f"Bearer {KEY}", "Accept": "*/*"})
        log.debug("request headers: %s", {"authorization": ODD_KEY})  # no "Bearer"
        log.info("Authorization: Bearer %s", ODD_KEY)
        log.warning("retrying with header 'Authorization: bearer %s'", KEY)

    out = formatted(emit)
    assert_no_key(out)
    assert "'Accept': '*/*'" in out  # the rest of the line is kept


def test_a_traceback_whose_exception_text_holds_a_key():
    def emit(log):
        try:
            try:
                raise ConnectionError(f"POST failed for key {KEY}")
            except ConnectionError as inner:
                raise RuntimeError(f"Request failed: Authorization: Bearer {ODD_KEY}") from inner
        except RuntimeError:
            log.exception("Request failed")  # what the SDK logs (http_request.py)

    out = formatted(emit)
    assert_no_key(out)
    assert "Traceback" in out and "The above exception was the direct cause" in out


def test_an_sdk_debug_line_with_headers():
    # The SDK's logger, and urllib3's, as http.client-style debug output would show a request.
    dump = (
        f"POST /api/v1/services/aigc/multimodal-generation/generation HTTP/1.1\r\n"
        f"Host: dashscope-intl.aliyuncs.com\r\nAuthorization: Bearer {KEY}\r\n"
        f"X-DashScope-Api-Key: {ODD_KEY}\r\n\r\n"
    ).encode()
    out = formatted(lambda log: log.debug("send: %r", dump), logger_name="urllib3.connection")
    out += formatted(
        lambda log: log.debug("Request headers: %s", {"Authorization": f"Bearer {KEY}"}),
        logger_name="dashscope",
    )
    out += formatted(
        lambda log: log.debug("Starting request: %s", f"https://x/api?api_key={ODD_KEY}"),
        logger_name="dashscope",
    )
    assert_no_key(out)
    assert "dashscope-intl.aliyuncs.com" in out


def test_a_key_with_a_line_break_is_refused_before_use(tmp_path):
    broken = KEY[:16] + "\n" + KEY[16:]
    settings = Settings(data_dir=tmp_path)
    with pytest.raises(MissingApiKeyError) as refused:
        settings.credentials(broken)
    shown = f"{refused.value} {refused.value.hint} {refused.value!r}"
    assert KEY[:16] not in shown and KEY[16:] not in shown
    assert "line break" in shown

    # Had it reached the HTTP layer, its own error quotes the header (the incident): logged
    # with its traceback, neither half of the key may show.
    def emit(log):
        try:
            requests.models.PreparedRequest().prepare_headers({"Authorization": f"Bearer {broken}"})
        except requests.exceptions.InvalidHeader:
            log.exception("Request failed")

    out = formatted(emit)
    assert "InvalidHeader" in out
    assert_no_key(out, KEY[:16], KEY[16:])


def test_a_key_in_an_exceptions_args():
    operator_key = "opkey-NoKnownShape-42x"  # an operator's key of any shape is named
    error = RuntimeError("call failed", {"api_key": ODD_KEY, "model": "qwen"}, operator_key)

    def emit(log):
        try:
            raise error
        except RuntimeError as exc:
            log.error("edit failed: %r", exc)
            log.warning("args were %s", exc.args)
            log.exception("unexpected")
        log.error("with a stack, key %s", operator_key, stack_info=True)

    out = formatted(emit, operator_key)
    assert_no_key(out, operator_key)
    assert "'model': 'qwen'" in out and "Stack (most recent call last)" in out


def test_text_from_a_service_cannot_forge_log_lines():
    code = "InvalidParameter\n2026-01-01 ERROR root: Authorization: Bearer " + ODD_KEY
    out = formatted(lambda log: log.info("edit refused: %s", code))
    assert out.count("\n") == 1 and "\\n2026-01-01" in out
    assert_no_key(out)


def test_a_user_mistake_is_one_log_line_without_traceback(tmp_path, caplog):
    services = build_services(Settings(data_dir=tmp_path))  # no operator key
    form = handlers.EditForm(images=["a.png"], prompt="p", api_key=KEY[:16] + " " + KEY[16:])
    caplog.set_level(logging.INFO, logger="ui.handlers")
    try:
        with pytest.raises(gr.Error) as refused:
            asyncio.run(handlers.run_edit(services, form))
    finally:
        services.close()
    assert not refused.value.print_exception  # Gradio prints no traceback for it either
    mine = [r for r in caplog.records if r.name == "ui.handlers"]
    assert [r.getMessage() for r in mine] == ["edit refused: MissingApiKey"]
    assert mine[0].levelno == logging.INFO and not mine[0].exc_info and not mine[0].exc_text


APP_LOGGING = """
import logging, sys
import app
app.configure_logging(app.services)
log = logging.getLogger("services.probe")
log.info("operator key %s and user key %s", "opkey-NoKnownShape-42x", "{key}")
logging.getLogger("dashscope").debug("Request body with headers %s", "{key}")
# uvicorn makes its handlers at launch, after the setup: they get scrubbed records too.
late = logging.StreamHandler(sys.stdout)
late.setFormatter(logging.Formatter("LATE %(message)s"))
logging.getLogger("uvicorn.error").addHandler(late)
try:
    raise ValueError("Invalid header value b'Bearer {key}'")
except ValueError:
    logging.getLogger("uvicorn.error").exception("Exception in ASGI application")
import http.client
print("debuglevel", http.client.HTTPConnection.debuglevel,
      logging.getLogger("dashscope").getEffectiveLevel(),
      logging.getLogger("urllib3").getEffectiveLevel())
"""


def test_app_installs_the_filter_everywhere(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DASHSCOPE_", "QWEN_EDIT_"))}
    env.update(
        QWEN_EDIT_DATA_DIR=str(tmp_path / "data"),
        DASHSCOPE_API_KEY="opkey-NoKnownShape-42x",
        DASHSCOPE_LOGGING_LEVEL="debug",  # the SDK adds its own handler at import
        GRADIO_ANALYTICS_ENABLED="False",
    )
    out = subprocess.run(
        [sys.executable, "-c", APP_LOGGING.format(key=KEY)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    printed = out.stdout + out.stderr
    assert out.returncode == 0, printed[-3000:]
    assert "operator key [redacted] and user key [redacted]" in printed
    assert "LATE Exception in ASGI application" in printed and "ValueError" in printed
    assert "Request body with headers" not in printed  # the SDK's debug lines are off
    assert f"debuglevel 0 {logging.INFO} {logging.INFO}" in printed
    assert_no_key(printed, "opkey-NoKnownShape-42x")


def test_the_filter_does_not_hide_what_is_not_a_secret():
    out = formatted(
        lambda log: log.info(
            "edit done request_id=%s model=%s for %s", "req-123", "qwen-image-edit-plus", Path("a")
        )
    )
    assert "edit done request_id=req-123 model=qwen-image-edit-plus for a" in out
