"""5. Cold start: `python app.py` until its page first answers 200, beside `import gradio`
alone (the floor no Gradio app can go under). Fresh data folder each time, no DASHSCOPE_*
variables (so the app asks for a key), analytics off (there is no network here)."""

from __future__ import annotations

import contextlib
import os
import subprocess
import time
import urllib.error
import urllib.request

from benchmarks.common import ROOT, Row, free_port, median, python, scratch

TARGET_S = 4.0


def _env(data_dir, port: int) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DASHSCOPE_", "QWEN_EDIT_"))}
    env.update(
        QWEN_EDIT_DATA_DIR=str(data_dir),
        GRADIO_SERVER_PORT=str(port),
        GRADIO_SERVER_NAME="127.0.0.1",
        GRADIO_ANALYTICS_ENABLED="False",
        GRADIO_TEMP_DIR=str(data_dir / "gradio"),
    )
    return env


def _ok(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=1) as resp:
            return resp.status == 200
    except (urllib.error.URLError, OSError):
        return False


def app_start() -> float:
    port = free_port()
    with scratch("coldstart") as tmp:
        t0 = time.perf_counter()
        proc = subprocess.Popen(
            [python(), "app.py"],
            cwd=ROOT,
            env=_env(tmp, port),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        try:
            url = f"http://127.0.0.1:{port}/"
            while not _ok(url):
                if proc.poll() is not None:
                    err = proc.stderr.read().decode(errors="replace")[-2000:]
                    raise RuntimeError(f"app.py exited with {proc.returncode}: {err}")
                if time.perf_counter() - t0 > 60:
                    raise RuntimeError("app.py did not answer within 60 s")
                time.sleep(0.02)
            return time.perf_counter() - t0
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            with contextlib.suppress(Exception):
                proc.stderr.close()


def import_gradio() -> float:
    t0 = time.perf_counter()
    subprocess.run(
        [python(), "-c", "import gradio"],
        check=True,
        cwd=ROOT,
        env={**os.environ, "GRADIO_ANALYTICS_ENABLED": "False"},
    )
    return time.perf_counter() - t0


def run(quick: bool = False) -> list[Row]:
    runs = 1 if quick else 3
    starts, imports = [], []
    for _ in range(runs):  # alternated, so both see the same disk cache and load
        imports.append(import_gradio())
        starts.append(app_start())
    start, imp = median(starts), median(imports)
    return [
        Row(
            benchmark="cold start: python app.py to first 200 on /",
            measured=f"{start:.2f} s",
            baseline=f"{imp:.2f} s (import gradio)",
            ratio=f"+{start - imp:.2f} s",
            target=f"<= {TARGET_S:g} s",
            passed=start <= TARGET_S,
            data={
                "runs": runs,
                "app_s": starts,
                "import_gradio_s": imports,
                "app_median_s": start,
                "import_gradio_median_s": imp,
            },
        )
    ]
