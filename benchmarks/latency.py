"""1. What the app adds to an edit: end-to-end time through gradio_client minus the service
time the emulator spent on that request, against the echo app (the transport floor).

Both apps run in this process on loopback and are called alternately (ABBA), so drift on a
noisy machine hits both. The app's rate limit is set to 1000/s here so that its limiter (which
spaces requests 0.525 s apart at the default 2/s) adds no wait between sequential edits; the
emulator answers at once (its service time is subtracted anyway)."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

from benchmarks import echo
from benchmarks.common import Row, client, edit_kwargs, launch, median, ms, scratch
from benchmarks.inputs import MP1, MP12, photo_files

TARGETS_S = {"1mp_n1": 0.050, "3x12mp_n6": 0.300}


def cases() -> list[tuple[str, str, list[Path], int]]:
    return [
        ("1mp_n1", "one 1 MP JPEG, n=1", [photo_files(MP1, 1)["jpeg"]], 1),
        (
            "3x12mp_n6",
            "three 12 MP JPEGs, n=6",
            [photo_files(MP12, seed)["jpeg"] for seed in (1, 2, 3)],
            6,
        ),
    ]


def _timed_real(app, c, files: list[Path], n: int) -> dict:
    before = app.emulator.attempts
    seen = len(app.emulator.requests)
    t0 = time.perf_counter()
    out, meta = c.predict(**edit_kwargs(files, n=n), api_name="/edit")
    total = time.perf_counter() - t0
    records = app.emulator.requests[seen:]
    assert app.emulator.attempts - before == len(records) == 1, "expected one service request"
    assert len(out) == n
    service = sum(r.elapsed_s for r in records)
    return {
        "e2e_s": total,
        "service_s": service,
        "added_s": total - service,
        "pipeline_s": meta["elapsed_s"] - service,  # prepare + send + download, in the app
    }


def _timed_echo(c, files: list[Path], n: int) -> float:
    t0 = time.perf_counter()
    out, _ = c.predict(**edit_kwargs(files, n=n), api_name="/edit")
    assert len(out) == n
    return time.perf_counter() - t0


def run(quick: bool = False) -> list[Row]:
    iterations = 3 if quick else 15
    rows = []
    with scratch("latency") as tmp:
        app = launch(tmp / "data", rate_limit_per_s=1000.0)
        floor_app = None
        try:
            real = client(app.url, tmp / "dl-real")
            # Warm-up, and the real outputs whose copies the echo app will return.
            stand_ins: dict[int, list[Path]] = {}
            for key, _label, files, n in cases():
                out, _ = real.predict(**edit_kwargs(files, n=n), api_name="/edit")
                keep = tmp / "stand-ins" / key
                keep.mkdir(parents=True)
                stand_ins[n] = [Path(shutil.copy(p, keep / f"{i}.png")) for i, p in enumerate(out)]
            floor_app = echo.launch(stand_ins, tmp / "echo-out")
            floor = client(floor_app.local_url, tmp / "dl-echo")
            for key, label, files, n in cases():
                _timed_echo(floor, files, n)  # warm-up
                samples, floors = [], []
                for i in range(iterations):
                    if i % 2 == 0:
                        floors.append(_timed_echo(floor, files, n))
                        samples.append(_timed_real(app, real, files, n))
                    else:
                        samples.append(_timed_real(app, real, files, n))
                        floors.append(_timed_echo(floor, files, n))
                added = median([s["added_s"] for s in samples])
                floor_s = median(floors)
                delta = added - floor_s
                paired = median([s["added_s"] - f for s, f in zip(samples, floors, strict=True)])
                target = TARGETS_S[key]
                rows.append(
                    Row(
                        benchmark=f"latency: {label}",
                        measured=f"{ms(added)} (e2e - service)",
                        baseline=f"{ms(floor_s)} (echo)",
                        ratio=f"+{ms(delta)}" if delta >= 0 else f"-{ms(-delta)}",
                        target=f"<= +{ms(target)}",
                        passed=delta <= target,
                        data={
                            "iterations": iterations,
                            "app_added_median_s": added,
                            "floor_median_s": floor_s,
                            "over_floor_s": delta,
                            "over_floor_paired_median_s": paired,
                            "e2e_median_s": median([s["e2e_s"] for s in samples]),
                            "service_median_s": median([s["service_s"] for s in samples]),
                            "app_pipeline_median_s": median([s["pipeline_s"] for s in samples]),
                            "samples": samples,
                            "floors_s": floors,
                            "app_rate_limit_per_s": 1000.0,
                        },
                    )
                )
            real.close()
            floor.close()
        finally:
            if floor_app is not None:
                floor_app.close()
            app.close()
    return rows
