"""A 40-photo batch from the command line (issue 14): `qwen-edit` as a subprocess against an
emulator that takes 3 s per edit and enforces Plus's own limit (2 requests a second per key,
answering 429 beyond). The CLI runs on the model table's rate (no override), as a user's would.

    .venv/bin/python -m benchmarks.batch_cli [--quick]

Figures: requests per second sustained at the emulator (from its receipt times, first to last)
against the 2/s limit (goal >= 95 %), 429 answers (goal 0), time from start to the first and
the last result (the progress lines on stderr); then a run killed halfway (SIGINT once half the
inputs are done) and run again: the edits the emulator accepted for the 40 photos (goal 40:
nothing sent twice; a 429 is refused, not billed, and retried, so it is not counted there).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.common import KEY, PROMPT, ROOT, Row, scratch
from benchmarks.inputs import MP1, photo_files

PHOTOS = 40
LATENCY_S = 3.0
LIMIT_PER_S = 2.0  # qwen-image-edit-plus, per key (services/models.py; the emulator's rules)
TARGET_SHARE = 0.95


def _folder(tmp: Path, count: int) -> Path:
    source = photo_files(MP1, 7)["jpeg"]
    folder = tmp / "photos"
    folder.mkdir()
    for i in range(count):
        shutil.copyfile(source, folder / f"photo-{i:02d}.jpg")
    return folder


def _env(emulator) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DASHSCOPE_", "QWEN_EDIT_"))}
    env.update(DASHSCOPE_API_KEY=KEY, DASHSCOPE_HTTP_BASE_URL=emulator.base_url)
    return env


def _command(folder: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "services.cli", str(folder), "-p", PROMPT, "-o", str(out)]


def _timed_run(folder: Path, out: Path, env: dict[str, str], stop_after: int | None = None):
    """Run the CLI; return (exit code, seconds to each ok line). With stop_after, send SIGINT
    once that many inputs are done."""
    started = time.monotonic()
    proc = subprocess.Popen(
        _command(folder, out), cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    results: list[float] = []
    assert proc.stderr is not None
    for line in proc.stderr:
        if line.startswith("[") and " ok (" in line:
            results.append(time.monotonic() - started)
            if stop_after is not None and len(results) == stop_after:
                proc.send_signal(signal.SIGINT)
    return proc.wait(timeout=300), results


def run(quick: bool = False) -> list[Row]:
    from services.emulator import Emulator

    count = 12 if quick else PHOTOS
    rows: list[Row] = []
    with scratch("batch-cli") as tmp:
        folder = _folder(tmp, count)
        emu = Emulator(keys={KEY}, latency_s=LATENCY_S, model_rate_limits=True).start()
        try:
            code, results = _timed_run(folder, tmp / "out", _env(emu))
            records = emu.requests
        finally:
            emu.stop()
        throttled = sum(1 for r in records if _throttled(r))
        accepted = sorted(r.time for r in _accepted(records))
        span = accepted[-1] - accepted[0] if len(accepted) > 1 else float("nan")
        rate = (len(accepted) - 1) / span if span > 0 else float("nan")
        share = rate / LIMIT_PER_S
        first, last = (results[0], results[-1]) if results else (float("nan"), float("nan"))
        ideal_last = LATENCY_S + (count - 1) / LIMIT_PER_S
        name = f"batch_cli: {count} photos, Plus 2/s, {LATENCY_S:g} s service"
        rows.append(
            Row(
                f"{name}: requests/s",
                f"{rate:.2f}/s ({share:.1%} of 2/s)",
                baseline="2/s limit",
                ratio=f"{share:.1%}",
                target=f">= {TARGET_SHARE:.0%}",
                passed=share >= TARGET_SHARE and code == 0 and len(results) == count,
                data={"rate_per_s": rate, "requests": len(records), "exit_code": code},
            )
        )
        rows.append(
            Row(f"{name}: 429 answers", str(throttled), target="0", passed=throttled == 0,
                data={"throttled": throttled})
        )  # fmt: skip
        rows.append(
            Row(
                f"{name}: first / last result",
                f"{first:.1f} s / {last:.1f} s",
                baseline=f"ideal last {ideal_last:.1f} s",
                ratio=f"+{last - ideal_last:.1f} s",
                data={"first_s": first, "last_s": last, "ideal_last_s": ideal_last},
            )
        )
        rows.append(_resume(tmp, folder, count))
    return rows


def _throttled(record) -> bool:
    return (record.code or "").startswith("Throttling")


def _accepted(records) -> list:
    """The edits the service took (a 429 is refused, not billed, and retried)."""
    return [r for r in records if not _throttled(r)]


def _resume(tmp: Path, folder: Path, count: int) -> Row:
    """Killed (SIGINT) once half are done, then run again into the same folder."""
    from services.emulator import Emulator

    out = tmp / "out-resume"
    emu = Emulator(keys={KEY}, latency_s=LATENCY_S, model_rate_limits=True).start()
    try:
        env = _env(emu)
        first_code, first = _timed_run(folder, out, env, stop_after=count // 2)
        sent_first = len(_accepted(emu.requests))
        second_code, second = _timed_run(folder, out, env)
        total = len(_accepted(emu.requests))
        throttled = len(emu.requests) - total
    finally:
        emu.stop()
    outputs = len(list(out.glob("*.png")))
    ok = first_code == 130 and second_code == 0 and total == count and outputs == count
    return Row(
        f"batch_cli: resume after a kill halfway ({count} photos)",
        f"{total} requests for {count} photos ({sent_first} before the kill, "
        f"{total - sent_first} after)",
        target=f"{count} (nothing sent twice)",
        passed=ok,
        data={
            "first_exit": first_code,
            "second_exit": second_code,
            "sent_before_kill": sent_first,
            "done_before_kill": len(first),
            "done_after": len(second),
            "requests": total,
            "throttled_and_retried": throttled,
            "outputs": outputs,
        },
    )


if __name__ == "__main__":
    for row in run(quick="--quick" in sys.argv):
        print(f"{row.benchmark}: {row.measured} [{row.verdict}] {row.data}")
