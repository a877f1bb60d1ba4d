"""A budget on what anonymous visitors may upload, in front of Gradio's upload route.

Gradio stores every upload in its cache, and anyone can upload: a script filled ~200 MB/s.
This ASGI middleware counts the bytes each address sends to `/gradio_api/upload` in a sliding
hour, refuses an upload that would pass the budget (by its declared length, and again as the
bytes arrive), and refuses every upload while the disk's free space is under a floor. The
refusal is a 429 (or 507) with a sentence a person can act on.
"""

from __future__ import annotations

import json
import shutil
import threading
import time
from collections import deque
from pathlib import Path

WINDOW_S = 3600.0


class _Refused(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status, self.message = status, message


class UploadBudget:
    def __init__(
        self, app, *, bytes_per_hour: int, min_free_bytes: int, disk: Path, clock=time.monotonic
    ) -> None:
        self.app = app
        self.bytes_per_hour = bytes_per_hour
        self.min_free_bytes = min_free_bytes
        self.disk = disk
        self._clock = clock
        self._spent: dict[str, deque[tuple[float, int]]] = {}
        self._lock = threading.Lock()

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http" or not _is_upload(scope):
            await self.app(scope, receive, send)
            return
        who = (scope.get("client") or ("unknown", 0))[0]
        charged = _declared_length(scope)
        try:
            self._check_disk()
            self._take(who, charged)  # the declared length, before a byte is stored
        except _Refused as refused:
            await _refuse(send, refused)
            return
        received = 0

        async def counting_receive():
            nonlocal received, charged
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > charged:  # no length declared, or more than declared
                    self._take(who, received - charged)
                    charged = received
            return message

        try:
            await self.app(scope, counting_receive, send)
        except _Refused as refused:
            await _refuse(send, refused)

    def _check_disk(self) -> None:
        try:
            free = shutil.disk_usage(self.disk).free
        except OSError:
            return
        if free < self.min_free_bytes:
            raise _Refused(
                507,
                "The server is short of disk space, so uploads are paused. Try again later; "
                "the operator has been told in the log.",
            )

    def _take(self, who: str, size: int) -> None:
        """Charge `size` bytes to this address, or refuse if the hour's budget would pass."""
        now = self._clock()
        with self._lock:
            spent = self._spent.setdefault(who, deque())
            while spent and spent[0][0] <= now - WINDOW_S:
                spent.popleft()
            used = sum(size for _, size in spent)
            if used + size > self.bytes_per_hour:
                wait = int(spent[0][0] + WINDOW_S - now) // 60 + 1 if spent else 60
                raise _Refused(
                    429,
                    f"You have uploaded {used / 2**20:.0f} MB in the last hour; the limit is "
                    f"{self.bytes_per_hour / 2**20:.0f} MB per hour. Try again in about "
                    f"{wait} minutes, or use smaller images.",
                )
            if size:
                spent.append((now, size))
            if len(self._spent) > 4096:  # forget idle addresses
                self._spent = {k: v for k, v in self._spent.items() if v}


def _is_upload(scope) -> bool:
    return scope.get("method") == "POST" and scope.get("path", "").rstrip("/").endswith(
        "/gradio_api/upload"
    )


def _declared_length(scope) -> int:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            try:
                return max(0, int(value))
            except ValueError:
                return 0
    return 0


async def _refuse(send, refused: _Refused) -> None:
    body = json.dumps({"detail": refused.message, "error": refused.message}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": refused.status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
