"""What the benchmarks share: the machine, result rows, statistics, memory, and launching the
real app (in this process, on loopback, with the DashScope emulator behind it)."""

from __future__ import annotations

import contextlib
import ctypes
import datetime
import gc
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from tests.helpers import edit_kwargs as shared_edit_kwargs
from tests.helpers import free_port

ROOT = Path(__file__).resolve().parent.parent
RESULTS_DIR = ROOT / "benchmarks" / "results"
KEY = "sk-benchmarkkey0123456789abcdef0123"
PROMPT = "Make the sky a warm sunset and add a small red kite"


# -- results -------------------------------------------------------------------------------


@dataclass
class Row:
    """One line of the table; `data` holds the raw figures for the JSON."""

    benchmark: str
    measured: str
    baseline: str = ""
    ratio: str = ""
    target: str = ""
    passed: bool | None = None  # None: reported, no target
    data: dict[str, Any] = field(default_factory=dict)

    @property
    def verdict(self) -> str:
        return {True: "pass", False: "MISS", None: "-"}[self.passed]


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def fmt_mb(size: float) -> str:
    return f"{size / 2**20:.2f} MB"


# -- the machine ---------------------------------------------------------------------------


def machine() -> dict[str, Any]:
    cpu = platform.processor() or platform.machine()
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    ram = 0
    with contextlib.suppress(OSError, ValueError, IndexError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                ram = int(line.split()[1]) * 1024
    try:
        from importlib.metadata import version

        gradio = version("gradio")
    except Exception:
        gradio = "?"
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "ram_gb": round(ram / 2**30, 1),
        "python": platform.python_version(),
        "gradio": gradio,
        "os": f"{platform.system()} {platform.release()}",
        "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
    }


def machine_line(m: dict[str, Any]) -> str:
    return (
        f"{m['cpu']}, {m['cores']} cores, {m['ram_gb']:g} GB RAM, {m['os']}, "
        f"Python {m['python']}, gradio {m['gradio']}, {m['date'][:10]}"
    )


# -- memory ----------------------------------------------------------------------------------


def rss_bytes() -> int:
    import psutil

    return psutil.Process().memory_info().rss


def trimmed_rss_bytes() -> int:
    """RSS after gc and glibc's malloc_trim(0): freed heap handed back to the OS."""
    gc.collect()
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    return rss_bytes()


# -- the process environment -----------------------------------------------------------------


def isolate_gradio() -> Path:
    """Gradio's cache in a temporary folder of this run, no analytics (there is no network).
    Must run before gradio is imported."""
    os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"
    cache = Path(tempfile.mkdtemp(prefix="qwen-bench-gradio-"))
    os.environ["GRADIO_TEMP_DIR"] = str(cache)
    return cache


@contextlib.contextmanager
def scratch(prefix: str):
    path = Path(tempfile.mkdtemp(prefix=f"qwen-bench-{prefix}-"))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


# -- the real app ----------------------------------------------------------------------------


@dataclass
class RunningApp:
    url: str
    emulator: Any
    services: Any
    blocks: Any

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.blocks.close()
        with contextlib.suppress(Exception):
            self.services.close()
        self.emulator.stop()


def launch(
    data_dir: Path,
    *,
    latency_s: float = 0.0,
    emulator_rate: float | None = None,
    emulator_results: int = 512,
    gradio_defaults: bool = False,
    **overrides: Any,
) -> RunningApp:
    """The app as app.py builds it, against an in-process emulator.

    gradio_defaults=True rebuilds the baseline of the throughput benchmark: the same app, but
    every event back on Gradio's defaults (queue() with no arguments: each event its own
    concurrency group of limit 1; launch() with its default thread pool)."""
    from services.config import Settings
    from services.container import build_services
    from services.emulator import Emulator
    from services.types import ApiKey
    from ui.layout import build_app, launch_kwargs

    emulator = Emulator(
        keys={KEY},
        latency_s=latency_s,
        rate_limit_per_s=emulator_rate,
        max_results=emulator_results,
    ).start()
    try:
        settings = Settings(data_dir=data_dir, base_url=emulator.base_url, operator_key=ApiKey(KEY))
        services = build_services(replace(settings, **overrides))
        blocks = build_app(services)
        kwargs = launch_kwargs(services)
        if gradio_defaults:
            for fn in blocks.fns.values():
                fn.concurrency_limit = "default"
                fn.concurrency_id = str(id(fn.fn))
            blocks.queue()
            kwargs.pop("max_threads")
        blocks.launch(
            server_name="127.0.0.1",
            server_port=free_port(),
            prevent_thread_lock=True,
            quiet=True,
            **kwargs,
        )
    except BaseException:
        emulator.stop()
        raise
    return RunningApp(blocks.local_url, emulator, services, blocks)


def edit_kwargs(files: list[Path], n: int = 1, prompt: str = PROMPT, **extra: Any) -> dict:
    """Every parameter of the app's /edit endpoint, for gradio_client's predict()."""
    return shared_edit_kwargs(files, n=n, prompt=prompt, **extra)


def client(url: str, downloads: Path):
    from gradio_client import Client

    return Client(url, verbose=False, download_files=str(downloads))


def wait_for(predicate, timeout_s: float, step_s: float = 0.02) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step_s)
    return False


def python() -> str:
    return sys.executable


class EmulatorProcess:
    """`python -m services.emulator` in a process of its own, as DashScope is another machine:
    in the client's process, its handler threads wait for the same interpreter lock as the
    client's, and the arrival times its rate limit counts drift by a scheduler's whim (100 ms
    seen on a busy machine), which is the emulator measuring itself, not the client's pacing.
    `requests()` reads its log over its own route."""

    def __init__(self, *args: str) -> None:
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}/api/v1"
        command = [python(), "-m", "services.emulator", "--port", str(self.port), *args]
        self._proc = subprocess.Popen(
            command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        health = f"http://127.0.0.1:{self.port}/_emulator/health"
        if not wait_for(lambda: self._answers(health), timeout_s=30, step_s=0.1):
            self.stop()
            raise RuntimeError("the emulator process did not start")

    @staticmethod
    def _answers(url: str) -> bool:
        try:
            with urllib.request.urlopen(url, timeout=1) as reply:
                return reply.status == 200
        except OSError:
            return False

    def requests(self) -> list[dict[str, Any]]:
        url = f"http://127.0.0.1:{self.port}/_emulator/requests"
        with urllib.request.urlopen(url, timeout=30) as reply:
            return json.loads(reply.read())

    def stop(self) -> None:
        self._proc.terminate()
        try:
            self._proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait()
