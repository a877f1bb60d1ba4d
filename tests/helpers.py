"""Helpers without side effects, shared by the tests and the benchmarks."""

from __future__ import annotations

import socket


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def edit_kwargs(files, **overrides) -> dict:
    """Every parameter of the /edit endpoint, defaulted, for gradio_client's predict()."""
    from gradio_client import handle_file

    kwargs = dict(
        images=[handle_file(str(f)) for f in files],
        image_urls="",
        prompt="make it pop",
        negative_prompt="",
        model="qwen-image-edit-plus",
        n=1,
        seed=None,
        width=None,
        height=None,
        prompt_extend=True,
        watermark=False,
        api_key=None,
        region=None,
        user_id=None,
        mask=None,
        margin=None,
        feather=None,
    )
    kwargs.update(overrides)
    return kwargs


def cut_short(conn, path: str) -> tuple[int, int]:
    """(length promised, bytes that arrived) of a GET on `conn` whose body must be cut short
    (http.client reports what it got in IncompleteRead)."""
    import http.client

    try:
        conn.request("GET", path)
        reply = conn.getresponse()
        promised = int(reply.getheader("Content-Length"))
        try:
            reply.read()
        except http.client.IncompleteRead as cut:
            return promised, len(cut.partial)
        raise AssertionError("the whole body arrived")
    finally:
        conn.close()
