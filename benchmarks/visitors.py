"""New visitors while many others edit: `python app.py --demo` in its own process, N gradio_client
users looping edits (demo latency 2 s), and a new visitor fetching `/config` (what the page
needs before it shows anything) every half second. Reported: the visitor's /config times,
median and worst, and how many did not arrive within 10 s.

    .venv/bin/python -m benchmarks.visitors --clients 80 --seconds 40
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import requests

from benchmarks.common import client, edit_kwargs, median, scratch, wait_for
from benchmarks.inputs import MP1, photo_files
from tests.helpers import free_port

ROOT = Path(__file__).resolve().parent.parent


def _wait_up(url: str, proc: subprocess.Popen, timeout_s: float = 60) -> None:
    def answered() -> bool:
        if proc.poll() is not None:
            raise RuntimeError("the app exited")
        try:
            return requests.get(url, timeout=2).status_code == 200
        except requests.RequestException:
            return False

    if not wait_for(answered, timeout_s, step_s=0.2):
        raise RuntimeError("the app did not come up")


def run(clients: int, seconds: float, app_dir: Path = ROOT) -> dict:
    with scratch("visitors") as tmp:
        port = free_port()
        env = {
            **os.environ,
            "GRADIO_SERVER_PORT": str(port),
            "GRADIO_ANALYTICS_ENABLED": "False",
            "QWEN_EDIT_DATA_DIR": str(tmp / "data"),
        }
        proc = subprocess.Popen(
            [sys.executable, "app.py", "--demo", "--demo-latency", "2"],
            cwd=app_dir,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        url = f"http://127.0.0.1:{port}/"
        try:
            _wait_up(url, proc)
            image = photo_files(MP1, seed=1)["jpeg"]
            stop = threading.Event()
            done, refused = [0], [0]
            lock = threading.Lock()

            def user(i: int) -> None:
                try:
                    c = client(url, tmp / f"dl-{i}")  # gradio_client reads /config: 5 s timeout
                except Exception:
                    with lock:
                        refused[0] += 1  # a visitor whose page would not have loaded
                    return
                try:
                    while not stop.is_set():
                        try:
                            c.predict(**edit_kwargs([image]), api_name="/edit")
                            with lock:
                                done[0] += 1
                        except Exception:
                            time.sleep(0.5)
                finally:
                    c.close()

            threads = [
                threading.Thread(target=user, args=(i,), daemon=True) for i in range(clients)
            ]
            for t in threads:
                t.start()
            time.sleep(5)  # let the load build
            times, missed = [], 0
            end = time.monotonic() + seconds
            while time.monotonic() < end:
                t0 = time.monotonic()
                try:
                    requests.get(url + "config", timeout=10).raise_for_status()
                    times.append(time.monotonic() - t0)
                except requests.RequestException:
                    missed += 1
                time.sleep(0.5)
            stop.set()
            return {
                "clients": clients,
                "config_median_s": round(median(times), 3) if times else None,
                "config_worst_s": round(max(times), 3) if times else None,
                "config_missed": missed,
                "config_fetches": len(times) + missed,
                "edits_done": done[0],
                "clients_that_could_not_connect": refused[0],
            }
        finally:
            proc.terminate()
            proc.wait(timeout=20)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=80)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--app-dir", type=Path, default=ROOT, help="a checkout to measure")
    args = parser.parse_args()
    print(json.dumps(run(args.clients, args.seconds, args.app_dir), indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
