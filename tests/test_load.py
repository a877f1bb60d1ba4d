"""Load: 50 simulated users, 4 edits each, through gradio_client against the launched app, with
the emulator answering after a realistic latency and enforcing a per-key rate limit as the real
service does. Every user shares the operator's one key. Loopback only; bounded in count and time.

What must hold: every edit completes (or, at worst, is told plainly the app is busy), no
throttling answer of the service (HTTP 429, Throttling.*) ever reaches a user, and the process
memory stays bounded. The figures (wall time, edits/s, latency, RSS, 429s on the emulator side)
are printed; run with -s to see them.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import logging
import statistics
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import psutil
import pytest
from gradio_client import Client
from gradio_client.exceptions import AppError
from PIL import Image

from services.config import Settings
from tests.support import LaunchedApp, close_app, edit_kwargs, launch_app

USERS = 50
EDITS_PER_USER = 4
LATENCY_S = 2.0
# The account's requests/s, enforced by the emulator (a 1 s sliding window per key) and known
# to the app's per-key limiter. The real default is 2/s; 8/s keeps the run bounded (200 edits
# need at least 200 / 8 = 25 s, plus the latency) and the property under test is the same at
# 2/s, which the benchmarks measure: the app's per-key limiter spaces the users sharing a key
# so that the service's 429s do not reach them.
RATE_PER_S = 8.0
# Requests the rate lets through during one service latency: 16. Edits capped at 6 threads
# (CPUs + 4: 79 s instead of ~36 s for the run) never had more than 6 at the service at once.
# The run's wall time and edits/s are figures for benchmarks/throughput.py, not asserted here.
MIN_IN_FLIGHT = RATE_PER_S * LATENCY_S / 2
# Still held after malloc_trim, 200 edits: +169..+232 MB idle, up to +309 MB with both cores
# busy (glibc keeps more per-thread arenas when 50 client threads and the app's threads
# contend). A leak of one output per edit (>= 2 MB each) would be over 400 MB.
MAX_RSS_GROWTH_MB = 400.0
BUSY_MARKERS = ("busy", "try again")
THROTTLE_MARKERS = ("429", "throttl", "limiting requests", "ratequota")


def launch_rate_limited_app(data_dir: Path) -> LaunchedApp:
    """The app, with an emulator that enforces the per-key limit like the real service."""
    return launch_app(
        data_dir,
        latency_s=LATENCY_S,
        emulator_rate=RATE_PER_S,
        rate_limit_per_s=RATE_PER_S,
        request_timeout_s=30,
        # The app's own backoff after a 429 (1, 2, 4 s), not the tests' 0.01 s: arrivals at the
        # service bunch under load (14 in one second was seen), and retries 10 ms apart all
        # landed in the same full window.
        retry_base_s=Settings.retry_base_s,
    )


@dataclass
class Outcome:
    user: int
    index: int
    seconds: float
    ok: bool
    error: str = ""


def edit(client: Client, image: Path, prompt: str):
    return client.predict(**edit_kwargs([image], prompt=prompt), api_name="/edit")


def one_output_png(files) -> str:
    """'' if the answer is exactly one existing PNG, else what is wrong with it."""
    if not isinstance(files, (list, tuple)) or len(files) != 1:
        return f"expected 1 file, got {files!r}"
    path = Path(files[0])
    if not path.is_file():
        return f"no file at {path}"
    try:
        with Image.open(path) as img:
            if img.format != "PNG":
                return f"{path.name} is {img.format}, not PNG"
    except OSError as exc:
        return f"{path.name} does not open: {exc}"
    return ""


def run_user(url: str, user: int, image: Path, start: threading.Barrier) -> list[Outcome]:
    outcomes: list[Outcome] = []
    try:
        # gradio_client's 5 s default read timeout is not a property of the app: 50 clients
        # fetching the config at once on a loaded machine can take longer than that.
        client = Client(url, verbose=False, httpx_kwargs={"timeout": 120})
    except Exception as exc:  # a user who cannot even connect: all 4 edits failed
        return [
            Outcome(user, i, 0.0, False, f"Client(): {type(exc).__name__}: {exc}")
            for i in range(EDITS_PER_USER)
        ]
    try:
        start.wait(timeout=120)  # everyone starts editing together, once connected
        for i in range(EDITS_PER_USER):
            t0 = time.monotonic()
            try:
                files, _meta = edit(client, image, f"user {user} edit {i}: make it pop")
                problem = one_output_png(files)
                outcomes.append(Outcome(user, i, time.monotonic() - t0, not problem, problem))
            except AppError as exc:
                outcomes.append(Outcome(user, i, time.monotonic() - t0, False, str(exc)))
            except Exception as exc:
                text = f"{type(exc).__name__}: {exc}"
                outcomes.append(Outcome(user, i, time.monotonic() - t0, False, text))
    finally:
        client.close()
    return outcomes


class _Warnings(logging.Handler):
    """Collects WARNING and above from every logger while the load runs."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []
        self._guard = threading.Lock()

    def emit(self, record: logging.LogRecord) -> None:
        with self._guard:
            self.records.append(record)


def rss_mb() -> float:
    return psutil.Process().memory_info().rss / 2**20


def rss_trimmed_mb() -> float:
    """RSS once garbage is collected and glibc has handed its freed heap back to the OS.

    With a few hundred threads, glibc keeps freed memory in per-thread arenas: raw RSS after a
    burst shows the burst's peak, not what is still held. malloc_trim shows what is held."""
    gc.collect()
    with contextlib.suppress(OSError, AttributeError):  # not glibc: raw RSS is all there is
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    return rss_mb()


def max_in_window(times: list[float], window: float) -> int:
    times = sorted(times)
    best, lo = 0, 0
    for hi, t in enumerate(times):
        while times[lo] <= t - window:
            lo += 1
        best = max(best, hi - lo + 1)
    return best


def max_overlap(spans: list[tuple[float, float]]) -> int:
    events = sorted([(s, 1) for s, _ in spans] + [(e, -1) for _, e in spans])
    best = cur = 0
    for _, step in events:
        cur += step
        best = max(best, cur)
    return best


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


@pytest.mark.timeout(300)
def test_fifty_users_sharing_one_key(tmp_path):
    images = []
    for user in range(USERS):
        path = tmp_path / f"user-{user:02d}.png"
        colour = ((user * 53) % 256, (user * 97) % 256, (user * 151) % 256)
        Image.new("RGB", (512, 384), colour).save(path)
        images.append(path)

    app = launch_rate_limited_app(tmp_path / "data")
    handler = _Warnings()
    root = logging.getLogger()
    try:
        # Warm-up: one edit end to end, so the baseline RSS includes the imports and caches
        # every edit needs, not just the idle app.
        warm = Client(app.url, verbose=False)
        try:
            files, _ = edit(warm, images[0], "warm-up")
            assert one_output_png(files) == ""
        finally:
            warm.close()
        gc.collect()
        rss_before = rss_mb()
        held_before = rss_trimmed_mb()
        warm_requests = len(app.emulator.requests)

        root.addHandler(handler)
        barrier = threading.Barrier(USERS)
        started = time.monotonic()
        with ThreadPoolExecutor(max_workers=USERS, thread_name_prefix="load-user") as pool:
            futures = [
                pool.submit(run_user, app.url, user, images[user], barrier) for user in range(USERS)
            ]
            outcomes = [o for f in futures for o in f.result()]
        wall = time.monotonic() - started
        root.removeHandler(handler)

        gc.collect()
        rss_after = rss_mb()
        held_after = rss_trimmed_mb()

        # -- what the emulator saw ---------------------------------------------------------------
        sent = app.emulator.requests[warm_requests:]
        throttled = [r for r in sent if r.status == 429 or (r.code or "").startswith("Throttling")]
        answered = [r for r in sent if r.status == 200]
        arrivals = [r.time for r in sent]
        accepted = [r.time for r in answered]
        in_flight = max_overlap([(r.time, r.time + r.elapsed_s) for r in sent])

        # -- what users saw ----------------------------------------------------------------------
        ok = [o for o in outcomes if o.ok]
        failed = [o for o in outcomes if not o.ok]
        latencies = [o.seconds for o in ok] or [0.0]
        total = USERS * EDITS_PER_USER
        floor_s = total / RATE_PER_S + LATENCY_S

        print(
            f"\nload: {USERS} users x {EDITS_PER_USER} edits, emulator latency {LATENCY_S:g} s, "
            f"{RATE_PER_S:g} requests/s per key (one key shared)\n"
            f"  edits: {len(ok)}/{total} succeeded, {len(failed)} failed\n"
            f"  wall time {wall:.1f} s (rate floor {floor_s:.1f} s), "
            f"{len(ok) / wall:.2f} edits/s\n"
            f"  per-edit latency seen by a client: median {statistics.median(latencies):.2f} s, "
            f"p95 {pct(latencies, 0.95):.2f} s, max {max(latencies):.2f} s\n"
            f"  RSS before {rss_before:.0f} MB, after {rss_after:.0f} MB, "
            f"growth {rss_after - rss_before:+.0f} MB; still held after malloc_trim: "
            f"before {held_before:.0f} MB, after {held_after:.0f} MB, "
            f"growth {held_after - held_before:+.0f} MB\n"
            f"  emulator: {len(sent)} generation requests, {len(answered)} answered 200, "
            f"{len(throttled)} throttled (429); at most {max_in_window(accepted, 1.0)} accepted "
            f"and {max_in_window(arrivals, 1.0)} arriving in any 1 s; "
            f"at most {in_flight} in flight at once"
        )
        for o in failed[:10]:
            print(f"  failed: user {o.user} edit {o.index} after {o.seconds:.1f} s: {o.error}")
        warnings = handler.records
        for record in warnings[:10]:
            print(f"  log {record.levelname} {record.name}: {record.getMessage()[:200]}")
        if len(warnings) > 10:
            print(f"  ... {len(warnings) - 10} more log records at WARNING or above")

        # No throttling answer reached a user, whatever else happened.
        leaked = [o for o in failed if any(m in o.error.lower() for m in THROTTLE_MARKERS)]
        assert not leaked, f"throttling reached users: {leaked[:3]}"
        # A failure may only be a plain "busy, try again"; with queue_size 256 and 50 users
        # even that should not happen, so every edit must have succeeded.
        unclear = [o for o in failed if not any(m in o.error.lower() for m in BUSY_MARKERS)]
        assert not unclear, f"edits failed without a clear busy message: {unclear[:3]}"
        assert len(ok) == total, f"{len(failed)} edits were refused as busy: {failed[:3]}"
        # Each success was one answered request; retries after a 429 are the only extras.
        assert len(answered) == total
        assert len(sent) == total + len(throttled)
        errors = [r for r in warnings if r.levelno >= logging.ERROR]
        assert not errors, [f"{r.name}: {r.getMessage()[:200]}" for r in errors[:3]]
        # The edits ran side by side at the service, not a few at a time: at least half of
        # what the rate admits during one latency were in flight at once.
        assert in_flight >= MIN_IN_FLIGHT, f"at most {in_flight} edits in flight at once"
        # Bounded memory. The process holds the app, the emulator and the 50 clients. What stays
        # is small: the emulator keeps at most max_results PNGs (~30 KB each here), Gradio keeps
        # a state per session (~0.2 MB each) and caches returned files on disk, as the history
        # does. Raw RSS after the burst is mostly freed heap that glibc keeps in its per-thread
        # arenas (measured: ~+340 MB raw, of which malloc_trim returns ~220 MB; tracemalloc sees
        # ~+18 MB of live Python objects), so the bound applies to what is still held.
        assert held_after - held_before < MAX_RSS_GROWTH_MB
    finally:
        root.removeHandler(handler)
        close_app(app)


def test_helpers():
    assert max_in_window([0.0, 0.5, 0.99, 1.0, 1.5], 1.0) == 3
    assert max_overlap([(0, 2), (1, 3), (2.5, 4)]) == 2
    assert pct([1.0, 2.0, 3.0, 4.0], 0.5) in (2.0, 3.0)
