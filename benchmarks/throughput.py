"""3. Many users on one key: 16 gradio_client clients, each looping edits, against an emulator
that takes 3 s per edit and allows 2 requests/s per key (answering 429 beyond). The app runs
with its default rate limit (2/s); edits/s are counted over a fixed window after a warm-up.

The baseline is the same app with Gradio's default concurrency: after build_app, every event
is put back to concurrency_limit="default" in a group of its own and queue() is called with no
arguments (so each event runs one at a time), and launch() gets Gradio's default thread pool.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks.common import KEY, Row, client, edit_kwargs, launch, median, scratch
from benchmarks.inputs import MP1, photo_files

CLIENTS = 16
LATENCY_S = 3.0
RATE_PER_S = 2.0
TARGET_EDITS_PER_S = 1.8
THROTTLE_MARKERS = ("429", "throttl", "limiting requests", "ratequota", "rate limit")


@dataclass
class Outcome:
    started: float
    ended: float
    ok: bool
    error: str = ""


def _user(
    url: str,
    image: Path,
    downloads: Path,
    ready: threading.Barrier,
    stop: threading.Event,
    outcomes: list[Outcome],
    lock: threading.Lock,
) -> None:
    c = client(url, downloads)
    try:
        ready.wait(timeout=120)
        while not stop.is_set():
            t0 = time.monotonic()
            job = c.submit(**edit_kwargs([image], n=1), api_name="/edit")
            while not job.done() and not stop.is_set():
                time.sleep(0.02)
            if not job.done():  # the window is over: leave, do not wait for the queue
                job.cancel()
                return
            try:
                job.result()
                outcome = Outcome(t0, time.monotonic(), True)
            except Exception as exc:
                outcome = Outcome(t0, time.monotonic(), False, f"{type(exc).__name__}: {exc}")
            with lock:
                outcomes.append(outcome)
    finally:
        c.close()


def drive(url: str, emulator, image: Path, tmp: Path, warm_s: float, window_s: float) -> dict:
    stop, lock = threading.Event(), threading.Lock()
    ready = threading.Barrier(CLIENTS + 1)
    outcomes: list[Outcome] = []
    threads = [
        threading.Thread(
            target=_user,
            args=(url, image, tmp / f"dl-{i}", ready, stop, outcomes, lock),
            daemon=True,
        )
        for i in range(CLIENTS)
    ]
    for t in threads:
        t.start()
    ready.wait(timeout=120)  # every client connected
    start = time.monotonic()
    window = (start + warm_s, start + warm_s + window_s)
    time.sleep(warm_s + window_s)
    stop.set()
    for t in threads:
        t.join(timeout=30)
    time.sleep(LATENCY_S + 1.0)  # let requests still at the service be recorded
    with lock:
        done = list(outcomes)
    inside = [o for o in done if window[0] <= o.ended < window[1]]
    ok = [o for o in inside if o.ok]
    failed = [o for o in done if not o.ok and o.ended < window[1]]
    throttled = [o for o in failed if any(m in o.error.lower() for m in THROTTLE_MARKERS)]
    records = emulator.requests
    # The emulator's clock is time.time(); map the window onto it through "now".
    shift = time.time() - time.monotonic()
    sent = [r for r in records if r.time < window[1] + shift]
    after = [r for r in records if r.time >= window[1] + shift]
    return {
        "clients": CLIENTS,
        "warm_up_s": warm_s,
        "window_s": window_s,
        "edits_in_window": len(ok),
        "edits_per_s": len(ok) / window_s,
        "client_failures": len(failed),
        "client_failure_examples": [o.error[:200] for o in failed[:3]],
        "client_429s": len(throttled),
        "emulator_requests": len(sent),
        "emulator_429s": sum(1 for r in sent if r.status == 429),
        # After the window the clients cancel the edits still waiting: what the app sends then.
        "emulator_requests_after_stop": len(after),
        "emulator_429s_after_stop": sum(1 for r in after if r.status == 429),
        "latency_median_s": median([o.ended - o.started for o in inside if o.ok]),
    }


def _side(tmp: Path, image: Path, warm_s: float, window_s: float, defaults: bool) -> dict:
    app = launch(
        tmp / "data",
        latency_s=LATENCY_S,
        emulator_rate=RATE_PER_S,
        gradio_defaults=defaults,
        rate_limit_per_s=RATE_PER_S,
    )
    try:
        return drive(app.url, app.emulator, image, tmp, warm_s, window_s)
    finally:
        app.close()


def run(quick: bool = False) -> list[Row]:
    warm_s, window_s = (4.0, 8.0) if quick else (6.0, 30.0)
    image = photo_files(MP1, 1)["jpeg"]
    assert KEY  # one key shared by every client (the operator's)
    with scratch("throughput-app") as tmp:
        app = _side(tmp, image, warm_s, window_s, defaults=False)
    with scratch("throughput-base") as tmp:
        base = _side(tmp, image, warm_s, window_s, defaults=True)
    ok = app["edits_per_s"] >= TARGET_EDITS_PER_S and app["client_429s"] == 0
    ratio = app["edits_per_s"] / base["edits_per_s"] if base["edits_per_s"] else float("inf")

    def describe(m: dict) -> str:
        return (
            f"{m['edits_per_s']:.2f} edits/s; 429s: {m['client_429s']} to clients, "
            f"{m['emulator_429s']} at service; {m['client_failures']} failed"
        )

    return [
        Row(
            benchmark=f"throughput: {CLIENTS} clients, 1 key, {RATE_PER_S:g} req/s, "
            f"{LATENCY_S:g} s service",
            measured=describe(app),
            baseline=f"{describe(base)} (Gradio defaults)",
            ratio=f"{ratio:.1f}x",
            target=f">= {TARGET_EDITS_PER_S} edits/s, 0 429 to clients",
            passed=ok,
            data={"app": app, "gradio_defaults": base},
        )
    ]
