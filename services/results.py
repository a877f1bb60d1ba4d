"""Downloading output images at once (their URLs expire after 24 hours) and keeping them on disk.

Only allowed hosts are contacted, redirects are not followed, every body is capped, checked to
decode as an image, and written atomically as PNG.
"""

from __future__ import annotations

import contextlib
import functools
import io
import os
import secrets
import tempfile
import threading
import time
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import requests
from PIL import Image, ImageFile

from services.errors import ResultDownloadError
from services.imaging import png_is_intact
from services.messages import Message, Translatable, msg
from services.result_links import ResultHosts

# The most pixels an output may declare. The service makes about 1 megapixel per output and
# at most 2048x2048 (4.2 MP) with `size`; 4096x4096 (16.8 MP) leaves room for a bigger model.
# A hostile answer can pack 64 MP into a 2.5 KB lossless WEBP, which decodes to 256 MB (six of
# them took the app from 0.2 to 5.9 GB): the declared size is checked from the header, before
# anything is decoded, and a larger output is refused.
MAX_OUTPUT_PIXELS = 4096 * 4096
# The formats an output may come in (the service sends PNG); Pillow's many other openers
# (EPS, PSD, ICNS...) are never given a third party's bytes.
_OUTPUT_FORMATS = ("PNG", "JPEG", "WEBP", "GIF", "BMP", "TIFF")


@dataclass(frozen=True)
class DownloadPolicy:
    # Origins ("host" or "host:port") trusted besides DashScope's result buckets, e.g. a custom
    # endpoint that serves its own results.
    trusted_hosts: frozenset[str] = frozenset()
    timeout_s: float = 30.0
    max_bytes: int = 40 * 1024 * 1024
    attempts: int = 3
    backoff_s: float = 0.5

    @functools.cached_property
    def hosts(self) -> ResultHosts:
        return ResultHosts.with_trusted(self.trusted_hosts)

    def checked_url(self, url: object) -> str | None:
        """The URL to contact for an output link, or None when it must not be contacted."""
        return self.hosts.checked_url(url)

    def allows(self, url: object) -> bool:
        return self.checked_url(url) is not None


class ResultStore:
    """Writes downloaded outputs under one directory, with unguessable names."""

    def __init__(self, directory: Path, policy: DownloadPolicy, workers: int = 16) -> None:
        self.directory = Path(directory)
        self.policy = policy
        self._session = requests.Session()
        self._session.trust_env = True
        adapter = requests.adapters.HTTPAdapter(pool_maxsize=workers)
        self._session.mount("https://", adapter)
        self._session.mount("http://", adapter)
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="download")

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
        self._session.close()

    def fetch_all(self, urls: Iterable[str], directory: Path | None = None) -> list[Path]:
        """Download every URL concurrently; all succeed or a ResultDownloadError is raised
        after the files that did arrive are kept (the caller may still want them)."""
        urls = list(urls)
        checked = [self.policy.checked_url(url) for url in urls]
        for url, fetchable in zip(urls, checked, strict=True):
            if fetchable is None:
                exc = ResultDownloadError(
                    msg("error.download.untrusted", link=url_label(url)),
                    msg("hint.download.trusted_hosts"),
                )
                exc.missing = tuple(urls)
                raise exc
        target = Path(directory or self.directory)
        target.mkdir(parents=True, exist_ok=True)
        futures = [
            self._pool.submit(self._fetch_one, url, target, i) for i, url in enumerate(checked)
        ]
        arrived: dict[int, Path] = {}
        failures: list[ResultDownloadError] = []
        for index, future in enumerate(futures):
            try:
                arrived[index] = future.result()
            except ResultDownloadError as exc:
                failures.append(exc)
        if failures:
            exc = failures[0]
            # What did arrive, by position, so the caller can keep it and fetch the rest later.
            exc.arrived = tuple(arrived[i] for i in sorted(arrived))
            exc.missing = tuple(u for i, u in enumerate(urls) if i not in arrived)
            if arrived:
                exc.message = msg(
                    "error.download.partial",
                    saved=len(arrived),
                    total=len(urls),
                    reason=exc.message_obj,
                )
            raise exc
        return [arrived[i] for i in range(len(urls))]

    def _fetch_one(self, url: str, directory: Path, index: int) -> Path:
        last: ResultDownloadError | None = None
        for attempt in range(self.policy.attempts):
            if attempt:
                time.sleep(self.policy.backoff_s * 2 ** (attempt - 1))
            try:
                data = self._get(url)
                return _write_png(data, directory, index)
            except ResultDownloadError as exc:
                last = exc
                if not exc.retryable:
                    break
        assert last is not None
        raise last

    def _get(self, url: str) -> bytes:
        try:
            resp = self._session.get(
                url, stream=True, timeout=self.policy.timeout_s, allow_redirects=False
            )
        except requests.exceptions.Timeout:
            raise _download_error(msg("error.download.slow"), True) from None
        except requests.RequestException:
            raise _download_error(msg("error.download.unreachable"), retryable=True) from None
        try:
            return self._read(url, resp)
        except BaseException:
            # Leaving a body unread must not wait for it: closing normally would drain a
            # stalled transfer to the end. Cut the socket instead (if it is still ours).
            with contextlib.suppress(RuntimeError, OSError):
                resp.raw.shutdown()
            raise
        finally:
            resp.close()

    def _read(self, url: str, resp: requests.Response) -> bytes:
        policy = self.policy
        deadline = time.monotonic() + policy.timeout_s
        if resp.status_code in (401, 403, 404, 410):
            raise _download_error(
                msg("error.download.gone", link=url_label(url), status=resp.status_code),
                retryable=False,
            )
        if resp.status_code != 200:
            raise _download_error(
                msg("error.download.http", status=resp.status_code), retryable=True
            )
        declared = int(resp.headers.get("Content-Length") or 0)
        if declared > policy.max_bytes:
            raise _download_error(msg("error.download.too_big"), retryable=False)
        chunks, total = [], 0
        # A trickle can keep every single read under the timeout, so the whole download gets
        # a wall-clock deadline: a timer cuts the socket when it passes.
        expired = threading.Event()

        def cut() -> None:
            expired.set()
            with contextlib.suppress(RuntimeError, OSError):
                resp.raw.shutdown()

        watchdog = threading.Timer(max(0.0, deadline - time.monotonic()), cut)
        watchdog.daemon = True
        watchdog.start()
        try:
            for chunk in resp.iter_content(64 * 1024):
                total += len(chunk)
                if total > policy.max_bytes:
                    raise _download_error(msg("error.download.too_big"), retryable=False)
                chunks.append(chunk)
        except (
            requests.exceptions.ChunkedEncodingError,
            requests.exceptions.ContentDecodingError,
            requests.RequestException,
            OSError,
        ) as exc:
            if expired.is_set() or "timed out" in str(exc).lower():
                raise _download_error(msg("error.download.slow"), True) from None
            if isinstance(
                exc,
                (
                    requests.exceptions.ChunkedEncodingError,
                    requests.exceptions.ContentDecodingError,
                ),
            ):
                raise _download_error(msg("error.download.cut"), retryable=True) from None
            raise _download_error(msg("error.download.broke"), retryable=True) from None
        finally:
            watchdog.cancel()
        if expired.is_set():
            raise _download_error(msg("error.download.slow"), True)
        data = b"".join(chunks)
        if declared and len(data) < declared:
            raise _download_error(msg("error.download.cut"), retryable=True)
        return data


def url_label(url: object) -> str:
    """A short, safe label for a result URL (no signature or query string)."""
    try:
        parts = urlsplit(str(url))
        return f"{parts.hostname}/…{parts.path[-24:]}"
    except ValueError:
        return Translatable(msg("term.unreadable_link"))


def _download_error(message: Message, retryable: bool) -> ResultDownloadError:
    exc = ResultDownloadError(message, msg("hint.download.retry"))
    exc.retryable = retryable
    return exc


def _write_png(data: bytes, directory: Path, index: int) -> Path:
    """Keep output number index + 1 as PNG: its declared size is checked from the header
    first, then a PNG is verified by its checksums (never decoded) and anything else is
    decoded (now known to be at most MAX_OUTPUT_PIXELS) and converted."""
    label = msg("label.output", index=index + 1)
    unreadable = msg("error.download.unreadable", label=label)
    img = _open_header(data)
    if img is None:
        raise _download_error(unreadable, retryable=True)
    with img:
        width, height = img.size
        if width * height > MAX_OUTPUT_PIXELS:
            exc = ResultDownloadError(
                msg(
                    "error.download.too_many_pixels",
                    label=label,
                    width=width,
                    height=height,
                    megapixels=width * height / 1e6,
                    limit=MAX_OUTPUT_PIXELS / 1e6,
                ),
                msg("hint.download.report"),
            )
            exc.retryable = False
            raise exc
        if img.format == "PNG":
            # Checked by its chunk checksums, not decoded: a full decode only to verify
            # was most of a download's time (24 of 27 ms for a 1.3 MB output).
            if not png_is_intact(data):
                raise _download_error(unreadable, retryable=True)
            png = data
        else:
            try:
                img.load()
                png = _to_png(img)
            except Exception:  # corrupt, truncated or odd data: Pillow raises many types
                raise _download_error(unreadable, retryable=True) from None
    name = f"{secrets.token_urlsafe(12)}-{index + 1}.png"
    return atomic_write(directory / name, png)


def _open_header(data: bytes) -> ImageFile.ImageFile | None:
    """The image's header, parsed without decoding pixels (None if no output format reads
    it). Each format's opener is called directly, as Image.open would, minus its own
    decompression-bomb check, which would refuse a large image before its size is known."""
    Image.init()
    for fmt in _OUTPUT_FORMATS:
        factory, accept = Image.OPEN.get(fmt, (None, None))
        accepted = factory is not None and (accept is None or accept(data[:16]))
        if not accepted or isinstance(accepted, str):  # a str: "support not installed"
            continue
        try:
            return factory(io.BytesIO(data), "")
        except Exception:  # a header this format claims but cannot parse
            continue
    return None


def _to_png(img: Image.Image) -> bytes:
    buf = io.BytesIO()
    img.save(buf, "PNG")
    return buf.getvalue()


def atomic_write(path: Path, data: bytes) -> Path:
    """Write to a temp file beside the target and rename, so readers never see half a file."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
