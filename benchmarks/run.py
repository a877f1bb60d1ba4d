"""Run the benchmarks, print one table, write JSON.

    .venv/bin/python -m benchmarks.run                      # all six, ~4 minutes
    .venv/bin/python -m benchmarks.run --only latency upload
    .venv/bin/python -m benchmarks.run --quick              # a smoke run, ~1.5 minutes
    .venv/bin/python -m benchmarks.run --json out.json      # default benchmarks/results/latest.json

The first run also generates the input photos (~20 s; cached in benchmarks/results/inputs/).
Each benchmark runs in a child process of its own, so that one's threads, caches and heap do
not weigh on the next; --in-process runs them here instead. Exit status: 0 when every target
is met, 1 when one is missed, 2 when a benchmark failed to run. Profiles of the misses:
benchmarks/profile.py.
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib
import json
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

from benchmarks.common import RESULTS_DIR, ROOT, Row, isolate_gradio, machine, machine_line

BENCHMARKS = (
    "latency",
    "upload",
    "throughput",
    "downloads",
    "coldstart",
    "memory",
    "first_pixels",
    "history_paging",
    "region_edit",
    "batch_cli",
    "experiment_grid",
    "max_schedule",
)
COLUMNS = ("benchmark", "measured", "baseline / floor", "ratio / delta", "target", "result")


def run_one(name: str, quick: bool) -> list[Row]:
    module = importlib.import_module(f"benchmarks.{name}")
    return module.run(quick=quick)


def run_child(name: str, quick: bool) -> list[Row]:
    with tempfile.TemporaryDirectory(prefix="qwen-bench-child-") as tmp:
        out = Path(tmp) / "rows.json"
        command = [sys.executable, "-m", "benchmarks.run", "--child", name, "--json", str(out)]
        if quick:
            command.append("--quick")
        # Its output (Gradio's "Closing server..." lines) is shown only if it fails.
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
        if done.returncode != 0 or not out.is_file():
            sys.stderr.write(done.stdout[-5000:] + done.stderr[-5000:])
            raise RuntimeError(f"benchmark {name!r} exited with status {done.returncode}")
        return [Row(**row) for row in json.loads(out.read_text())]


def table(rows: list[Row]) -> str:
    cells = [COLUMNS] + [
        (r.benchmark, r.measured, r.baseline, r.ratio, r.target, r.verdict) for r in rows
    ]
    widths = [max(len(row[i]) for row in cells) for i in range(len(COLUMNS))]
    lines = [
        "| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |"
        for row in cells
    ]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.run",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--only",
        nargs="+",
        choices=BENCHMARKS,
        metavar="NAME",
        help=f"run only these: {', '.join(BENCHMARKS)}",
    )
    parser.add_argument("--quick", action="store_true", help="fewer iterations: a smoke run")
    parser.add_argument("--json", type=Path, default=RESULTS_DIR / "latest.json")
    parser.add_argument(
        "--in-process",
        action="store_true",
        help="run every benchmark in this process (for a profiler)",
    )
    parser.add_argument("--child", choices=BENCHMARKS, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.child:  # inside run_child: one benchmark, rows to --json, no table
        isolate_gradio()
        rows = run_one(args.child, args.quick)
        args.json.write_text(json.dumps([dataclasses.asdict(r) for r in rows], default=str))
        return 0

    names = args.only or list(BENCHMARKS)
    if args.in_process:
        isolate_gradio()
    info = machine()
    print(f"machine: {machine_line(info)}", flush=True)
    rows: list[Row] = []
    failures: dict[str, str] = {}
    timings: dict[str, float] = {}
    started = time.perf_counter()
    for name in names:
        t0 = time.perf_counter()
        print(f"running {name}...", flush=True)
        try:
            rows += run_one(name, args.quick) if args.in_process else run_child(name, args.quick)
        except Exception as exc:
            traceback.print_exc()
            failures[name] = f"{type(exc).__name__}: {exc}"
        timings[name] = round(time.perf_counter() - t0, 1)
    total = time.perf_counter() - started

    print()
    print(table(rows))
    for name, error in failures.items():
        print(f"FAILED to run {name}: {error}")
    print(f"\nmachine: {machine_line(info)}")
    print(
        f"total {total:.0f} s ({', '.join(f'{k} {v:g} s' for k, v in timings.items())})"
        f"{' [quick]' if args.quick else ''}"
    )

    args.json.parent.mkdir(parents=True, exist_ok=True)
    report = {
        "machine": info,
        "quick": args.quick,
        "total_s": round(total, 1),
        "timings_s": timings,
        "rows": [dataclasses.asdict(r) | {"result": r.verdict} for r in rows],
        "failed": failures,
    }
    args.json.write_text(json.dumps(report, indent=2, default=str))
    print(f"JSON: {args.json}")
    if failures:
        return 2
    return 1 if any(r.passed is False for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
