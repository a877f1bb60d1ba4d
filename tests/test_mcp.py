"""MCP for agents (issue 14): the app's tools through Gradio's MCP server, driven by the official
`mcp` Python client (1.x) over streamable HTTP, as an agent would: list the tools, edit an image
given as a data: URI, get the images back as MCP image content, find the edit in the history
with the user_id the answer gave, and be refused readably (another user's history, a bad
request)."""

from __future__ import annotations

import asyncio
import base64
import functools
import http.server
import io
import json
import os
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager, suppress
from pathlib import Path

import httpx
import pytest
import requests
from mcp import ClientSession
from mcp.client.streamable_http import streamable_http_client
from PIL import Image

from tests.support import ROOT, close_app, free_port, launch_app

TOOLS = {"edit", "history_list", "history_entry"}
SLOTS = 6  # image outputs per answer (ui/mcp_tools.MAX_OUTPUTS)


@contextmanager
def mcp_server_on():
    """GRADIO_MCP_SERVER=true for one launch: Gradio's own switch, as a Space would set it."""
    before = os.environ.get("GRADIO_MCP_SERVER")
    os.environ["GRADIO_MCP_SERVER"] = "true"
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("GRADIO_MCP_SERVER", None)
        else:
            os.environ["GRADIO_MCP_SERVER"] = before


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    with mcp_server_on():
        launched = launch_app(tmp_path_factory.mktemp("mcp"))
    yield launched
    close_app(launched)


def session_run(base_url: str, script, source: str | None = None):
    """Run `await script(session)` in one MCP session with the app; return what it returns.
    `source`: the local address to call from (another loopback address is another caller)."""

    async def main():
        transport = httpx.AsyncHTTPTransport(local_address=source) if source else None
        endpoint = base_url.rstrip("/") + "/gradio_api/mcp/"
        async with (
            httpx.AsyncClient(transport=transport, timeout=120) as http,
            streamable_http_client(endpoint, http_client=http) as (read, write, _),
            ClientSession(read, write) as session,
        ):
            await session.initialize()
            return await script(session)

    return asyncio.run(main())


def call(base_url: str, tool: str, source: str | None = None, **arguments):
    return session_run(base_url, lambda s: s.call_tool(tool, arguments), source)


def png_uri(size=(640, 480), color="red") -> str:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, "PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


def answer_parts(result):
    """(the JSON of the first text, the decoded images, the other texts) of a tool answer."""
    assert not result.isError, result.content
    first, *rest = result.content
    images = [Image.open(io.BytesIO(base64.b64decode(c.data))) for c in rest if c.type == "image"]
    texts = [c.text for c in rest if c.type == "text"]
    return json.loads(first.text), images, texts


def error_text(result) -> str:
    assert result.isError
    assert all(c.type == "text" for c in result.content)
    text = " ".join(c.text for c in result.content)
    assert "Traceback" not in text and 'File "' not in text
    return text


def test_tools_are_edit_and_reading_history_not_the_ui_nor_delete(app):
    tools = session_run(app.url, lambda s: s.list_tools()).tools
    by_name = {t.name: t for t in tools}
    assert set(by_name) == TOOLS  # no UI event, no history_delete/export/fetch, no /edit twin
    edit = by_name["edit"]
    assert edit.inputSchema["required"] == ["image_1", "prompt"]
    assert "data:image" in edit.inputSchema["properties"]["image_1"]["description"]
    for text in (edit.description, by_name["history_list"].description):
        assert "user_id" in text
    assert set(by_name["history_entry"].inputSchema["required"]) == {"user_id", "entry_id"}
    # Gradio's schema route (used by Hugging Face's MCP client) says the same.
    schema = requests.get(app.url + "gradio_api/mcp/schema", timeout=10).json()
    assert {t["name"] for t in schema} == TOOLS
    # The program API's page is as it was: the MCP events are not documented there.
    info = requests.get(app.url + "gradio_api/info", timeout=10).json()
    assert not [name for name in info["named_endpoints"] if "mcp" in name]


def test_edit_returns_images_and_the_history_finds_them(app):
    meta, images, texts = answer_parts(
        call(app.url, "edit", image_1=png_uri(), prompt="make it blue", n=2, seed=7)
    )
    assert meta["seed"] == 7 and meta["usage"]["image_count"] == 2
    assert meta["user_id"] and meta["entry_id"] and "api_key" not in json.dumps(meta)
    size = (meta["usage"]["width"], meta["usage"]["height"])
    assert [im.size for im in images] == [size, size]
    assert [t for t in texts if t.startswith("Image URL: ")] and texts.count("None") == SLOTS - 2
    # The URL serves the same image.
    url = next(t for t in texts if t.startswith("Image URL: "))[len("Image URL: ") :]
    served = Image.open(io.BytesIO(requests.get(url, timeout=10).content))
    assert served.size == size and served.tobytes() == images[0].convert(served.mode).tobytes()

    # A second edit with the user_id joins the same history.
    again, _, _ = answer_parts(
        call(
            app.url,
            "edit",
            image_1=png_uri(color="green"),
            prompt="add a hat",
            user_id=meta["user_id"],
        )
    )
    assert again["user_id"] == meta["user_id"]

    listing = json.loads(call(app.url, "history_list", user_id=meta["user_id"]).content[0].text)
    assert listing["count"] == 2
    assert [e["id"] for e in listing["entries"]] == [again["entry_id"], meta["entry_id"]]
    assert listing["entries"][1]["prompt"] == "make it blue"
    found = call(app.url, "history_list", user_id=meta["user_id"], search="hat", limit=1)
    found = json.loads(found.content[0].text)
    assert [e["id"] for e in found["entries"]] == [again["entry_id"]]

    entry, kept, _ = answer_parts(
        call(app.url, "history_entry", user_id=meta["user_id"], entry_id=meta["entry_id"])
    )
    assert entry["id"] == meta["entry_id"] and entry["seed"] == 7
    # The input was kept by the history (the tool's decoded copy of the data: URI is gone).
    kept_inputs = app.services.history.get(
        app.services.identities.verify(meta["user_id"]), meta["entry_id"]
    ).local_inputs()
    assert len(kept_inputs) == 1 and Image.open(kept_inputs[0]).size == (640, 480)
    assert [im.tobytes() for im in kept] == [im.tobytes() for im in images]


def test_a_refused_edit_is_a_sentence_not_a_traceback(app):
    assert "instruction is empty" in error_text(call(app.url, "edit", image_1=png_uri(), prompt=""))
    assert "number of outputs cannot be 7" in error_text(
        call(app.url, "edit", image_1=png_uri(), prompt="x", n=7)
    )
    # Not an image, not decodable, or a path: refused by the image's number, nothing sent.
    sent = app.emulator.attempts
    text_file = "data:text/plain;base64," + base64.b64encode(b"hello").decode()
    assert "Image 1 is a data: address" in error_text(
        call(app.url, "edit", image_1=text_file, prompt="x")
    )
    broken = "data:image/png;base64,!!!"
    assert "not valid" in error_text(
        call(app.url, "edit", image_1=png_uri(), image_2=broken, prompt="x")
    )
    # A path on the server is never opened: text is a link or a data: URI, nothing else.
    assert "Image 1 is text that is not" in error_text(
        call(app.url, "edit", image_1="/etc/passwd", prompt="x")
    )
    link = "https://example.com/mask.png"
    assert "The mask must be" in error_text(
        call(app.url, "edit", image_1=png_uri(), prompt="x", mask=link)
    )
    assert app.emulator.attempts == sent


def test_a_file_uploaded_to_the_app_is_used_by_its_url(app):
    """What `gradio upload-mcp` gives an agent for a local file: this app's own file URL. It is
    the uploaded file (not fetched over HTTP, which Gradio's SSRF guard refuses on loopback)."""
    buffer = io.BytesIO()
    Image.new("RGB", (320, 240), "blue").save(buffer, "PNG")
    uploaded = requests.post(
        app.url + "gradio_api/upload", files={"files": ("photo.png", buffer.getvalue())}, timeout=10
    ).json()[0]
    url = app.url + "gradio_api/file=" + uploaded
    meta, images, _ = answer_parts(call(app.url, "edit", image_1=url, prompt="make it red"))
    assert len(images) == 1
    sent = app.emulator.requests[-1].images
    assert [(i["kind"], i["width"], i["height"]) for i in sent] == [("data", 320, 240)]
    # A file URL outside the upload folder is no file of ours: it is only a link (which the
    # server refuses to serve, so the service cannot fetch it).
    outside = app.url + "gradio_api/file=/etc/passwd"
    assert "could not download" in error_text(call(app.url, "edit", image_1=outside, prompt="x"))


def test_images_keep_their_order_when_a_link_comes_first(app, tmp_path):
    served = tmp_path / "served"
    served.mkdir()
    Image.new("RGB", (300, 200), "green").save(served / "first.png")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=served)
    with http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler) as server:
        threading.Thread(target=server.serve_forever, daemon=True).start()
        link = f"http://127.0.0.1:{server.server_port}/first.png"
        try:
            answer_parts(
                call(app.url, "edit", image_1=link, image_2=png_uri((640, 480)), prompt="merge")
            )
        finally:
            server.shutdown()
    sent = app.emulator.requests[-1].images
    assert [(i["kind"], i["width"]) for i in sent] == [("url", 300), ("data", 640)]


def test_a_region_edit_with_a_mask(app):
    mask = Image.new("L", (640, 480), 0)
    mask.paste(255, (200, 150, 440, 330))
    buffer = io.BytesIO()
    mask.save(buffer, "PNG")
    mask_uri = "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()
    meta, images, _ = answer_parts(
        call(app.url, "edit", image_1=png_uri(), prompt="a blue square", mask=mask_uri)
    )
    assert [im.size for im in images] == [(640, 480)]  # image 1's own size
    assert meta["parameters"]["region"]["box"]


def test_one_users_id_cannot_read_anothers_history(app):
    alice, _, _ = answer_parts(call(app.url, "edit", image_1=png_uri(), prompt="alice's"))
    bob, _, _ = answer_parts(call(app.url, "edit", image_1=png_uri(), prompt="bob's"))
    assert alice["user_id"] != bob["user_id"]
    listing = json.loads(call(app.url, "history_list", user_id=bob["user_id"]).content[0].text)
    assert [e["id"] for e in listing["entries"]] == [bob["entry_id"]]
    refused = call(app.url, "history_entry", user_id=bob["user_id"], entry_id=alice["entry_id"])
    assert "No such history entry" in error_text(refused)
    # Made-up, altered or empty ids are refused with a reason, never a new empty history.
    token = alice["user_id"]
    for forged in ("alice", token[:-2] + ("xx" if not token.endswith("xx") else "yy"), ""):
        text = error_text(call(app.url, "history_list", user_id=forged))
        assert "not issued by this app" in text


def test_edits_beyond_the_waiting_room_are_told_the_server_is_busy(tmp_path):
    """MCP edits run outside Gradio's queue (ui/mcp_tools.py): their own bound holds instead."""
    with mcp_server_on():
        small = launch_app(tmp_path, max_concurrent_edits=1, queue_size=0)  # room for 1
    try:
        small.emulator.inject("latency", seconds=3)  # the first edit stays under way a while
        with ThreadPoolExecutor(1) as pool:
            first = pool.submit(call, small.url, "edit", image_1=png_uri(), prompt="first")
            while small.emulator.attempts == 0:  # until the first has reached the service
                assert not first.done(), first.result().content
                time.sleep(0.05)
            busy = error_text(call(small.url, "edit", image_1=png_uri(), prompt="second"))
            assert "busy" in busy and "Try again" in busy
            answer_parts(first.result())  # the first one was not disturbed
        assert small.emulator.attempts == 1  # the refused one was never sent
    finally:
        close_app(small)


def test_an_mcp_call_counts_for_its_callers_address(tmp_path):
    """The caps per visitor count the MCP caller's own address (not one shared by every MCP
    client): one edit a day each, and a fresh user_id starts no fresh count."""
    with mcp_server_on():
        capped = launch_app(tmp_path, cap_edits_per_visitor=1)
    try:
        answer_parts(call(capped.url, "edit", "127.0.0.2", image_1=png_uri(), prompt="x"))
        again = call(capped.url, "edit", "127.0.0.2", image_1=png_uri(), prompt="x")
        assert "limit of 1 edits" in error_text(again)  # a new history, the same address
        # Another address has its own count.
        answer_parts(call(capped.url, "edit", "127.0.0.3", image_1=png_uri(), prompt="x"))
        assert capped.emulator.attempts == 2
    finally:
        close_app(capped)


def test_with_a_login_on_mcp_offers_no_tools(tmp_path):
    """Gradio's login does not guard its MCP route: the tools are withdrawn instead."""
    with mcp_server_on():
        guarded = launch_app(tmp_path, auth=[("alice", "a-long-password")])
    try:
        assert session_run(guarded.url, lambda s: s.list_tools()).tools == []
        refused = call(guarded.url, "edit", image_1=png_uri(), prompt="x")
        assert "Unknown tool" in error_text(refused)
        assert guarded.emulator.attempts == 0
    finally:
        close_app(guarded)


def test_python_app_py_mcp_in_demo_mode(tmp_path):
    """The entry point as a person starts it: `python app.py --demo --mcp`."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DASHSCOPE_", "QWEN_EDIT_"))}
    env.pop("GRADIO_MCP_SERVER", None)  # the flag alone turns it on
    env.update(GRADIO_SERVER_PORT=str(port), GRADIO_ANALYTICS_ENABLED="False")
    log = (tmp_path / "app.log").open("w")
    command = [sys.executable, "app.py", "--demo", "--mcp", "--demo-latency", "0"]
    proc = subprocess.Popen(
        [*command, "--data-dir", str(tmp_path / "data")],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        url = f"http://127.0.0.1:{port}/"
        _wait_for(url, proc, tmp_path / "app.log")
        tools = session_run(url, lambda s: s.list_tools()).tools
        assert {t.name for t in tools} == TOOLS
        photo = ROOT / "assets" / "examples" / "coffee.jpg"
        uri = "data:image/jpeg;base64," + base64.b64encode(photo.read_bytes()).decode()
        meta, images, _ = answer_parts(call(url, "edit", image_1=uri, prompt="matcha latte"))
        assert len(images) == 1 and images[0].size == (
            meta["usage"]["width"],
            meta["usage"]["height"],
        )
        saved = list((tmp_path / "data" / "history" / "files").glob(f"*/{meta['entry_id']}/out-*"))
        assert len(saved) == 1
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.close()


def _wait_for(url: str, proc: subprocess.Popen, log: Path) -> None:
    """Until the app answers (no clock: it ends when the app answers or exits, or at the
    test's own timeout)."""
    while True:
        assert proc.poll() is None, log.read_text()
        try:
            if requests.get(url, timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        with suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=0.3)
