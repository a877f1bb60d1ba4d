"""The HTTP side: a threaded HTTP/1.1 server, its routes, and the public `Emulator` handle.

HTTP/1.1 keep-alive matters: the SDK pools connections, so every reply carries an exact
Content-Length and every request body is read in full before answering.

In real-host mode (`result_host=`) the same port is also a proxy for the DashScope result
hosts (see proxy.py): CONNECT tunnels get TLS terminated here and a fresh handler on the TLS
socket, so downloads over https take exactly the code paths (and faults) they take over http.
"""

from __future__ import annotations

import contextlib
import json
import logging
import selectors
import socket
import ssl
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit
from xml.sax.saxutils import escape

from .codes import ApiError, error_body, new_request_id
from .faults import FaultQueue, make_fault
from .fetch import PublicOnlyOpener
from .inputs import DIRECT, Opener
from .proxy import (
    DASHSCOPE_RESULT_HOSTS,
    HTTP_PORT,
    HTTPS_PORT,
    ProxyLog,
    ProxyRequest,
    RoutedOpener,
    check_host_name,
    split_authority,
)
from .records import RecordedRequest
from .service import JSON, GenerationService, Reply
from .store import ResultStore
from .textgen import TextGeneration

logger = logging.getLogger(__name__)

GENERATION_PATH = "/api/v1/services/aigc/multimodal-generation/generation"
TEXT_GENERATION_PATH = "/api/v1/services/aigc/text-generation/generation"  # Qwen-MT only
UPLOADS_PATH = "/api/v1/uploads"
# Three 10 MB images as base64 plus JSON: anything larger cannot be a valid request.
MAX_BODY = 48 * 1024 * 1024
_TRICKLE_STEPS = 20
# A tunnel whose client never starts TLS must not hold a thread forever.
_HANDSHAKE_TIMEOUT_S = 10.0


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
        self.untrack(request)
        super().shutdown_request(request)

    # A TLS tunnel's socket replaces the accepted one (wrap_socket detaches it), so it is
    # tracked on its own for as long as its handler runs.
    def track(self, connection: socket.socket) -> None:
        with self._connections_lock:
            self._connections.add(connection)

    def untrack(self, connection: socket.socket) -> None:
        with self._connections_lock:
            self._connections.discard(connection)

    def close_connections(self) -> None:
        with self._connections_lock:
            connections = list(self._connections)
        for connection in connections:
            with contextlib.suppress(OSError):
                # The plain socket method even on an SSLSocket: its own shutdown() drops the
                # TLS object under a handler thread that may be reading from it.
                socket.socket.shutdown(connection, socket.SHUT_RDWR)

    def handle_error(self, request: Any, client_address: Any) -> None:
        logger.debug("error while serving %s", client_address, exc_info=True)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "DashScopeEmulator/1.0"
    # Headers and body leave in separate writes; with Nagle on, the second waits for the
    # client's delayed ACK (~40 ms per reply on a keep-alive connection).
    disable_nagle_algorithm = True
    server: _Server
    # Real-host mode: the result host this connection was tunnelled to (CONNECT), and the one
    # the current request is addressed to (the tunnel's, or an absolute-form request's).
    tunnel_host: str | None = None
    origin: str | None = None

    def log_message(self, format: str, *args: Any) -> None:
        logger.debug("%s " + format, self.address_string(), *args)

    @property
    def emulator(self) -> Emulator:
        return self.server.emulator

    # -- routing -----------------------------------------------------------------------------

    def parse_request(self) -> bool:
        if not super().parse_request():
            return False
        self.origin = self.tunnel_host
        if self.command == "CONNECT" or self.path.startswith("/") or self.path == "*":
            return True
        return self._absolute_form()

    def do_POST(self) -> None:
        if self.origin:
            self._read_body()
            self._send(_oss_not_allowed())  # a result host serves downloads only
            return
        path = self._path()
        if path in (GENERATION_PATH, GENERATION_PATH + "/"):
            arrived = time.monotonic()  # the rate limit counts arrivals (emulator/ratelimit.py)
            self.emulator._service.count_attempt()  # before reading: dropped ones count too
            body = self._read_body()
            headers = list(self.headers.items())
            base = self.emulator.result_base_url
            reply = self.emulator._service.handle(headers, body, base, arrived)
            if reply is None:
                self.close_connection = True  # "drop"/"hang": close without a word
            else:
                self._send(reply)
            return
        if path in (TEXT_GENERATION_PATH, TEXT_GENERATION_PATH + "/"):
            body = self._read_body()
            reply = self.emulator._text.handle(list(self.headers.items()), body)
            if reply is None:
                self.close_connection = True
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
        if self.origin:
            self._send(_oss_not_allowed())
        elif self._path() == "/_emulator/faults":
            self.emulator.clear_faults()
            self._send(_json_reply(200, {"ok": True}))
        else:
            self._not_found()

    def _get(self, head: bool) -> None:
        self._read_body()
        path = self._path()
        if path.startswith("/results/"):
            self._result(path, head)
        elif self.origin:  # the emulator's own routes are not on a result host
            self._send(_oss_error(404, "NoSuchKey", "The specified key does not exist."), head)
        elif path == "/_emulator/health":
            self._send(_json_reply(200, {"ok": True}), head)
        elif path in ("/_emulator/requests", "/_emulator/translations"):
            log = (
                self.emulator.requests if path.endswith("requests") else self.emulator.translations
            )
            self._send(_json_reply(200, [r.to_json() for r in log]), head)
        elif path.rstrip("/") == UPLOADS_PATH:
            message = "file upload is not emulated; send data: URIs or http(s) URLs"
            self._send(_error_reply(ApiError("InvalidParameter", message)), head)
        elif path.rstrip("/") in (GENERATION_PATH, TEXT_GENERATION_PATH):
            error = ApiError("InvalidParameter", "use POST on this path", status=405)
            self._send(_error_reply(error), head)
        else:
            self._not_found(head)

    # -- proxy (real-host mode) --------------------------------------------------------------

    def do_CONNECT(self) -> None:
        target = split_authority(self.path)
        host, port = target or (self.path[:255], 0)
        emulator = self.emulator
        # No CONNECT inside a tunnel: one level of proxying is all any client needs.
        allowed = target is not None and not self.tunnel_host and emulator._proxies(host, port)
        emulator._proxy_log.add("CONNECT", host, port, allowed)
        if not allowed:
            self._refuse(host, port)
            return
        self.close_connection = True  # once the tunnel ends, so does this connection
        self.send_response(200, "Connection established")
        self.end_headers()
        # The client sends its ClientHello only after reading the 200, so nothing of it can be
        # sitting in self.rfile's buffer: the raw socket carries all of the TLS stream.
        self._serve_tunnel(host)

    def _serve_tunnel(self, host: str) -> None:
        context = self.emulator._tls_context()
        raw = self.connection
        raw.settimeout(_HANDSHAKE_TIMEOUT_S)
        try:
            tls = context.wrap_socket(raw, server_side=True, do_handshake_on_connect=False)
        except OSError:
            return
        self.server.track(tls)
        try:
            tls.do_handshake()
            tls.settimeout(self.timeout)  # as for a plain connection (None: no limit)
            _TunnelHandler(tls, self.client_address, self.server, host)
        except OSError as exc:  # SSLError included: e.g. a client that rejects the CA
            logger.debug("tunnel to %s ended: %r", host, exc)
        finally:
            self.server.untrack(tls)
            # No close_notify: a truncated download must end exactly as a cut connection does,
            # and Content-Length already delimits every complete reply.
            tls.close()

    def _absolute_form(self) -> bool:
        """`GET http://host/...`: a plain-http proxy request. Served for result hosts only."""
        emulator = self.emulator
        if emulator.result_host is None:
            return True  # plain mode routes by the path alone, as it always has
        parts = urlsplit(self.path)
        try:
            host, port = (parts.hostname or "").lower(), parts.port or HTTP_PORT
        except ValueError:
            host, port = self.path[:255], 0
        if parts.scheme.lower() != "http":
            allowed = False
        elif emulator._is_self(host, port):
            allowed = True  # a client proxying even its API calls: serve them as usual
        else:
            allowed = emulator._proxies(host, port, HTTP_PORT)
            self.origin = host
        emulator._proxy_log.add(self.command, host, port, allowed)
        if not allowed:
            self._refuse(host, port)
        return allowed

    def _refuse(self, host: str, port: int) -> None:
        self.close_connection = True  # any body or tunnel bytes that follow go unread
        message = f"the DashScope emulator proxies its result hosts only, not {host}:{port}\n"
        reply = Reply(403, message.encode(), "text/plain; charset=utf-8")
        self._send(reply, head=self.command == "HEAD")

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


class _TunnelHandler(_Handler):
    """Serves the requests that arrive inside one CONNECT tunnel, on its TLS socket."""

    def __init__(self, request: Any, client_address: Any, server: Any, host: str) -> None:
        self.tunnel_host = host
        super().__init__(request, client_address, server)  # serves until the tunnel closes


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


def _oss_not_allowed() -> Reply:
    message = "The specified method is not allowed against this resource."
    return _oss_error(405, "MethodNotAllowed", message)


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
        result_host: str | None = None,
        result_scheme: str = "https",
        private_inputs: bool = False,
        model_rate_limits: bool = False,
        realistic: bool = False,
        drift: Any = None,
    ) -> None:
        """`result_host` turns on real-host mode: result links on that host (for instance
        dashscope-result-sgp.oss-ap-southeast-1.aliyuncs.com) over `result_scheme`, served
        through this port acting as a proxy. See `client_env` for how a client reaches them.

        Input URLs are fetched only from public addresses, as a public service must (in demo
        mode the emulator runs inside the app's server); `private_inputs=True` lets tests
        serve inputs from loopback. `model_rate_limits` enforces each model's own rate per key
        (Max: 2 a minute), as the service does.

        `realistic=True` answers like the model rather than with a visibly fake collage: image 1
        at the output size with a recognisable edit in a centred ellipse and a small tag, then
        `drift` applied (None, "random" drawn from the seed and output index, or a
        `services.region_edit.drift.Drift`). See realistic.py; each request's record says what
        its outputs got (`RecordedRequest.realistic`). Off by default."""
        if isinstance(keys, str):
            raise TypeError("keys must be a set of keys, not one string")
        if result_scheme not in ("http", "https"):
            raise ValueError("result_scheme must be 'http' or 'https'")
        self.host, self._requested_port = host, port
        self.result_host = None if result_host is None else check_host_name(result_host)
        self.result_scheme = result_scheme
        # The hosts the proxy serves: the configured one, and every region's, since an app
        # may be pointed at any region while one emulator stands in for all of them.
        self.result_hosts: frozenset[str] = frozenset(
            () if self.result_host is None else (*DASHSCOPE_RESULT_HOSTS, self.result_host)
        )
        self._proxy_log = ProxyLog()
        self._tls: Any = None  # a tls.Authority once started in real-host mode
        self._stopping = threading.Event()
        self._faults = FaultQueue()
        self._store = ResultStore(max_results)
        self._service = GenerationService(
            keys=None if keys is None else frozenset(keys),
            latency_s=latency_s,
            rate_limit_per_s=rate_limit_per_s,
            model_limits=model_rate_limits,
            result_ttl_s=result_ttl_s,
            store=self._store,
            faults=self._faults,
            stopping=self._stopping,
            realistic=realistic,
            drift=drift,
        )
        self._text = TextGeneration(
            key_ids=self._service.key_ids,
            rate_limit_per_s=rate_limit_per_s,
            stopping=self._stopping,
        )
        self._inputs: Opener = DIRECT if private_inputs else PublicOnlyOpener()
        self._service.opener = self._inputs
        self._downloads = 0
        self._lock = threading.Lock()
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self._wake: tuple[socket.socket, ...] = ()  # a socket pair once started

    # -- lifecycle ---------------------------------------------------------------------------

    def start(self) -> Emulator:
        if self._server is not None:
            raise RuntimeError("this Emulator was already started")
        if self.result_host is not None:
            from .tls import Authority  # imports cryptography: real-host mode only

            self._tls = Authority(self.result_hosts)
        family = socket.AF_INET6 if ":" in self.host else socket.AF_INET
        try:
            self._server = _Server((self.host, self._requested_port), self, family)
        except BaseException:
            self._close_tls()
            raise
        if self._tls is not None:
            self._service.opener = RoutedOpener(
                self.result_hosts, self.host_url, self._tls.client_context(), self._inputs
            )
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
        self._close_tls()

    def _close_tls(self) -> None:
        if self._tls is not None:
            self._tls.close()  # removes ca_pem_path with its directory

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

    @property
    def result_base_url(self) -> str:
        """What result links start with: the real host in real-host mode, else this server."""
        if self.result_host is None:
            return self.host_url
        return f"{self.result_scheme}://{self.result_host}"

    # -- real-host mode ----------------------------------------------------------------------

    @property
    def proxy_url(self) -> str | None:
        """The proxy a client sets as HTTPS_PROXY and HTTP_PROXY (None in plain mode)."""
        return None if self.result_host is None else self.host_url

    @property
    def ca_pem_path(self) -> str | None:
        """The throwaway CA a client trusts (REQUESTS_CA_BUNDLE); removed by stop()."""
        return None if self._tls is None else self._tls.ca_pem_path

    @property
    def client_env(self) -> dict[str, str]:
        """The environment a `requests` client needs to download result links. NO_PROXY keeps
        the API calls themselves direct (they would be served through the proxy too)."""
        if self.result_host is None or self._tls is None:
            raise RuntimeError("client_env needs a started Emulator with result_host set")
        no_proxy = dict.fromkeys(["127.0.0.1", "localhost", _url_host(self.host).strip("[]")])
        return {
            "HTTPS_PROXY": self.host_url,
            "HTTP_PROXY": self.host_url,
            "REQUESTS_CA_BUNDLE": self._tls.ca_pem_path,
            "NO_PROXY": ",".join(no_proxy),
        }

    @property
    def proxy_log(self) -> list[ProxyRequest]:
        """Every proxy request (CONNECT or absolute-form), allowed or refused, oldest first."""
        return self._proxy_log.items()

    def _proxies(self, host: str, port: int, expected_port: int = HTTPS_PORT) -> bool:
        return port == expected_port and host in self.result_hosts

    def _is_self(self, host: str, port: int) -> bool:
        names = {"127.0.0.1", "localhost", "::1", self.host, _url_host(self.host).strip("[]")}
        return port == self.port and host in names

    def _tls_context(self) -> ssl.SSLContext:
        assert self._tls is not None, "CONNECT is only allowed in real-host mode"
        return self._tls.server_context

    # -- faults and observations -------------------------------------------------------------

    def inject(self, kind: str, times: int = 1, *, endpoint: str = "image", **options: Any) -> int:
        """Queue `kind` for the next `times` requests to one endpoint ("image": image edits,
        "text": Qwen-MT translations); returns that endpoint's queue length."""
        if endpoint == "text":
            return self._text.inject(kind, times, **options)
        if endpoint != "image":
            raise ValueError("endpoint must be 'image' or 'text'")
        return self._faults.push(make_fault(kind, **options), times)

    def clear_faults(self) -> None:
        self._faults.clear()
        self._text.faults.clear()

    @property
    def requests(self) -> list[RecordedRequest]:
        """The image-edit requests (translations are in `translations`)."""
        return self._service.records

    @property
    def translations(self) -> list[RecordedRequest]:
        """The text-generation (Qwen-MT) requests, oldest first, never with the key."""
        return self._text.records

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
