"""The HTTP side: a threaded HTTP/1.1 server, its routes, and the public `Emulator` handle.

HTTP/1.1 keep-alive matters: the SDK pools connections, so every reply carries an exact
Content-Length and every request body is read in full before answering.
"""

from __future__ import annotations

import contextlib
import json
import logging
import selectors
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit
from xml.sax.saxutils import escape

from .codes import ApiError, error_body, new_request_id
from .faults import FaultQueue, make_fault
from .records import RecordedRequest
from .service import JSON, GenerationService, Reply
from .store import ResultStore

logger = logging.getLogger(__name__)

GENERATION_PATH = "/api/v1/services/aigc/multimodal-generation/generation"
UPLOADS_PATH = "/api/v1/uploads"
# Three 10 MB images as base64 plus JSON: anything larger cannot be a valid request.
MAX_BODY = 48 * 1024 * 1024
_TRICKLE_STEPS = 20


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 64

    def __init__(self, address: tuple[str, int], emulator: Emulator, family: int) -> None:
        self.address_family = family
        self.emulator = emulator
        self._connections: set[socket.socket] = set()
        self._connections_lock = threading.Lock()
        super().__init__(address, _Handler)

    # Open connections are tracked so stop() can cut idle keep-alive ones too; otherwise a
    # pooled client could still be served by a handler thread after stop().
    def process_request(self, request: Any, client_address: Any) -> None:
        with self._connections_lock:
            self._connections.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        with self._connections_lock:
            self._connections.discard(request)
        super().shutdown_request(request)

    def close_connections(self) -> None:
        with self._connections_lock:
            connections = list(self._connections)
        for connection in connections:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)

    def handle_error(self, request: Any, client_address: Any) -> None:
        logger.debug("error while serving %s", client_address, exc_info=True)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "DashScopeEmulator/1.0"
    # Headers and body leave in separate writes; with Nagle on, the second waits for the
    # client's delayed ACK (~40 ms per reply on a keep-alive connection).
    disable_nagle_algorithm = True
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        logger.debug("%s " + format, self.address_string(), *args)

    @property
    def emulator(self) -> Emulator:
        return self.server.emulator

    # -- routing -----------------------------------------------------------------------------

    def do_POST(self) -> None:
        path = self._path()
        if path in (GENERATION_PATH, GENERATION_PATH + "/"):
            self.emulator._service.count_attempt()  # before reading: dropped ones count too
            body = self._read_body()
            headers = list(self.headers.items())
            reply = self.emulator._service.handle(headers, body, self.emulator.host_url)
            if reply is None:
                self.close_connection = True  # "drop"/"hang": close without a word
            else:
                self._send(reply)
            return
        body = self._read_body()
        if path == "/_emulator/faults":
            self._send(self._add_fault(body))
        else:
            self._not_found()

    def do_GET(self) -> None:
        self._get(head=False)

    def do_HEAD(self) -> None:
        self._get(head=True)

    def do_DELETE(self) -> None:
        self._read_body()
        if self._path() == "/_emulator/faults":
            self.emulator.clear_faults()
            self._send(_json_reply(200, {"ok": True}))
        else:
            self._not_found()

    def _get(self, head: bool) -> None:
        self._read_body()
        path = self._path()
        if path.startswith("/results/"):
            self._result(path, head)
        elif path == "/_emulator/health":
            self._send(_json_reply(200, {"ok": True}), head)
        elif path == "/_emulator/requests":
            records = [r.to_json() for r in self.emulator.requests]
            self._send(_json_reply(200, records), head)
        elif path.rstrip("/") == UPLOADS_PATH:
            message = "file upload is not emulated; send data: URIs or http(s) URLs"
            self._send(_error_reply(ApiError("InvalidParameter", message)), head)
        elif path.rstrip("/") == GENERATION_PATH:
            error = ApiError("InvalidParameter", "use POST on this path", status=405)
            self._send(_error_reply(error), head)
        else:
            self._not_found(head)

    # -- control -----------------------------------------------------------------------------

    def _add_fault(self, body: bytes | None) -> Reply:
        try:
            spec = json.loads(body or b"")
            if not isinstance(spec, dict):
                raise ValueError("expected a JSON object")
            options = {k: v for k, v in spec.items() if k not in ("kind", "times")}
            queued = self.emulator.inject(spec.get("kind", ""), spec.get("times", 1), **options)
        except (ValueError, TypeError) as exc:
            return _error_reply(ApiError("InvalidParameter", str(exc)))
        return _json_reply(200, {"ok": True, "queued": queued})

    # -- results -----------------------------------------------------------------------------

    def _result(self, path: str, head: bool) -> None:
        token = path.removeprefix("/results/").removesuffix(".png")
        query = parse_qs(urlsplit(self.path).query)
        store = self.emulator._store
        item = store.get(token)
        if item is None:
            self._send(_oss_error(404, "NoSuchKey", "The specified key does not exist."), head)
            return
        expires = query.get("Expires", [""])[0]
        signature = query.get("Signature", [""])[0]
        if not expires or signature != store.sign(token, expires):
            reply = _oss_error(403, "SignatureDoesNotMatch", "The request signature we calculated "
                               "does not match the signature you provided.")  # fmt: skip
            self._send(reply, head)
            return
        png = item.png
        if png is None or item.expires_at <= time.time():
            self._send(_oss_error(403, "AccessDenied", "Request has expired."), head)
            return
        self._send_headers(200, "image/png", len(png))
        if head:
            return
        self.emulator._count_download()
        delivery = item.delivery_now()
        if delivery == "truncated":
            # The full length was promised; half arrives, then the connection closes.
            self.wfile.write(png[: len(png) // 2])
            self.close_connection = True
        elif delivery == "slow":
            self._trickle(png, item.seconds)
        else:
            self.wfile.write(png)

    def _trickle(self, data: bytes, seconds: float) -> None:
        step = -(-len(data) // _TRICKLE_STEPS)
        pause = seconds / _TRICKLE_STEPS
        for start in range(0, len(data), step):
            if start and self.emulator._stopping.wait(pause):
                self.close_connection = True
                return
            self.wfile.write(data[start : start + step])

    # -- plumbing ----------------------------------------------------------------------------

    def _path(self) -> str:
        return urlsplit(self.path).path

    def _read_body(self) -> bytes | None:
        """The whole body (b"" if none); None if it exceeds MAX_BODY (then left unread)."""
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            return self._read_chunked()
        try:
            length = int(self.headers.get("Content-Length", "0"))
        except ValueError:
            length = -1
        if length < 0 or length > MAX_BODY:
            self.close_connection = True  # the unread rest would desynchronise the stream
            return None
        return self.rfile.read(length) if length else b""

    def _read_chunked(self) -> bytes | None:
        chunks: list[bytes] = []
        total = 0
        while True:
            line = self.rfile.readline(1024)
            try:
                size = int(line.split(b";")[0].strip() or b"0", 16)
            except ValueError:
                self.close_connection = True
                return None
            if size == 0:
                while self.rfile.readline(1024) not in (b"\r\n", b"\n", b""):
                    pass  # trailers
                return b"".join(chunks)
            total += size
            if total > MAX_BODY:
                self.close_connection = True
                return None
            chunks.append(self.rfile.read(size))
            self.rfile.readline(1024)  # the CRLF after each chunk

    def _send_headers(self, status: int, content_type: str, length: int) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(length))
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()

    def _send(self, reply: Reply, head: bool = False) -> None:
        self._send_headers(reply.status, reply.content_type, len(reply.body))
        if not head:
            self.wfile.write(reply.body)

    def _not_found(self, head: bool = False) -> None:
        message = f"no route for {self.command} {self._path()} in the DashScope emulator"
        self._send(_error_reply(ApiError("NotFound", message, status=404)), head)


def _json_reply(status: int, payload: object) -> Reply:
    return Reply(status, json.dumps(payload, ensure_ascii=False).encode("utf-8"), JSON)


def _error_reply(error: ApiError) -> Reply:
    return Reply(error.status, error_body(error.code, error.message, new_request_id()), JSON)


def _oss_error(status: int, code: str, message: str) -> Reply:
    body = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f"<Error><Code>{escape(code)}</Code><Message>{escape(message)}</Message>"
        f"<RequestId>{new_request_id()}</RequestId><HostId>emulator</HostId></Error>"
    )
    return Reply(status, body.encode(), "application/xml")


def _url_host(host: str) -> str:
    """The host to put in URLs: a wildcard bind is reached through loopback."""
    if host in ("", "0.0.0.0"):
        return "127.0.0.1"
    if host == "::":
        return "[::1]"
    return f"[{host}]" if ":" in host else host


class Emulator:
    """A local stand-in for the DashScope image-edit endpoint. See the package docstring."""

    def __init__(
        self,
        keys: set[str] | frozenset[str] | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
        latency_s: float = 0.0,
        rate_limit_per_s: float | None = None,
        result_ttl_s: float = 86400.0,
        max_results: int = 512,
    ) -> None:
        if isinstance(keys, str):
            raise TypeError("keys must be a set of keys, not one string")
        self.host, self._requested_port = host, port
        self._stopping = threading.Event()
        self._faults = FaultQueue()
        self._store = ResultStore(max_results)
        self._service = GenerationService(
            keys=None if keys is None else frozenset(keys),
            latency_s=latency_s,
            rate_limit_per_s=rate_limit_per_s,
            result_ttl_s=result_ttl_s,
            store=self._store,
            faults=self._faults,
            stopping=self._stopping,
        )
        self._downloads = 0
        self._lock = threading.Lock()
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self._wake: tuple[socket.socket, ...] = ()  # a socket pair once started

    # -- lifecycle ---------------------------------------------------------------------------

    def start(self) -> Emulator:
        if self._server is not None:
            raise RuntimeError("this Emulator was already started")
        family = socket.AF_INET6 if ":" in self.host else socket.AF_INET
        self._server = _Server((self.host, self._requested_port), self, family)
        self._server.timeout = 0.5  # handle_request() never blocks longer than this
        self._wake = socket.socketpair()
        self._thread = threading.Thread(
            target=self._serve, name=f"dashscope-emulator-{self.port}", daemon=True
        )
        self._thread.start()
        return self

    def _serve(self) -> None:
        # Not serve_forever(): its shutdown() waits out a poll interval, which adds up over a
        # test suite. Here stop() wakes the loop at once through a socket pair.
        server = self._server
        assert server is not None
        with selectors.DefaultSelector() as selector:
            selector.register(server, selectors.EVENT_READ)
            selector.register(self._wake[0], selectors.EVENT_READ)
            while not self._stopping.is_set():
                for key, _ in selector.select():
                    if key.fileobj is server and not self._stopping.is_set():
                        server.handle_request()  # accepts and hands off to a thread

    def stop(self) -> None:
        server = self._server
        if server is None or self._stopping.is_set():
            return
        self._stopping.set()  # also wakes hanging, sleeping and trickling handlers
        self._wake[1].send(b"\0")
        if self._thread is not None:
            self._thread.join(timeout=5)
        server.close_connections()
        server.server_close()
        for end in self._wake:
            end.close()

    def __enter__(self) -> Emulator:
        return self if self._server is not None else self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    # -- addresses ---------------------------------------------------------------------------

    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError("start() the Emulator first")
        return int(self._server.server_address[1])

    @property
    def host_url(self) -> str:
        return f"http://{_url_host(self.host)}:{self.port}"

    @property
    def base_url(self) -> str:
        return f"{self.host_url}/api/v1"

    # -- faults and observations -------------------------------------------------------------

    def inject(self, kind: str, times: int = 1, **options: Any) -> int:
        """Queue `kind` for the next `times` generation requests; returns the queue length."""
        return self._faults.push(make_fault(kind, **options), times)

    def clear_faults(self) -> None:
        self._faults.clear()

    @property
    def requests(self) -> list[RecordedRequest]:
        return self._service.records

    @property
    def attempts(self) -> int:
        return self._service.attempts

    @property
    def downloads(self) -> int:
        with self._lock:
            return self._downloads

    def _count_download(self) -> None:
        with self._lock:
            self._downloads += 1
