"""4. Downloading the outputs of an edit: ResultStore.fetch_all for the 6 result URLs of one
emulator request with n=6, against the 1 URL of a request with n=1 (same input, so outputs of
the same size). Alternated, median of several runs.

Twice: over loopback as it is (the target's figure: no network, so this measures the app's own
work per output), and with each output trickled over NETWORK_S by the emulator (its
slow_download fault), as a download from the real result host takes time: that shows whether
the downloads overlap. Only the first is judged."""

from __future__ import annotations

import base64
import json
import shutil
import time
import urllib.request

from benchmarks.common import KEY, PROMPT, Row, median, ms, scratch
from benchmarks.inputs import MP1, photo_files

TARGET_RATIO = 1.5
NETWORK_S = 0.15  # per output, for the second measurement
GENERATION = "/services/aigc/multimodal-generation/generation"


def result_urls(emulator, n: int) -> list[str]:
    image = photo_files(MP1, 1)["jpeg"].read_bytes()
    body = {
        "model": "qwen-image-edit-plus",
        "input": {
            "messages": [
                {
                    "role": "user",
                    "content": [
                        {"image": "data:image/jpeg;base64," + base64.b64encode(image).decode()},
                        {"text": PROMPT},
                    ],
                }
            ]
        },
        "parameters": {"n": n, "seed": 7},
    }
    request = urllib.request.Request(
        emulator.base_url + GENERATION,
        data=json.dumps(body).encode(),
        headers={"Authorization": f"Bearer {KEY}", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=60) as resp:
        answer = json.loads(resp.read())
    return [item["image"] for item in answer["output"]["choices"][0]["message"]["content"]]


def measure(iterations: int, network_s: float) -> dict:
    from services.emulator import Emulator
    from services.results import DownloadPolicy, ResultStore

    with Emulator(keys={KEY}) as emulator, scratch("downloads") as tmp:
        if network_s:
            emulator.inject("slow_download", times=2, seconds=network_s)
        six, one = result_urls(emulator, 6), result_urls(emulator, 1)
        policy = DownloadPolicy(trusted_hosts=frozenset({"127.0.0.1"}))
        store = ResultStore(tmp / "outputs", policy)
        sizes = []
        try:

            def timed(urls: list[str]) -> float:
                folder = tmp / "run"
                t0 = time.perf_counter()
                paths = store.fetch_all(urls, folder)
                elapsed = time.perf_counter() - t0
                sizes.extend(p.stat().st_size for p in paths)
                shutil.rmtree(folder)
                return elapsed

            timed(six), timed(one)  # warm-up: connections, imports
            t6, t1 = [], []
            for i in range(iterations):
                if i % 2 == 0:
                    t6.append(timed(six))
                    t1.append(timed(one))
                else:
                    t1.append(timed(one))
                    t6.append(timed(six))
        finally:
            store.close()
    m6, m1 = median(t6), median(t1)
    return {
        "iterations": iterations,
        "network_s_per_output": network_s,
        "six_median_s": m6,
        "one_median_s": m1,
        "ratio": m6 / m1,
        "output_bytes_median": median(sizes),
        "six_s": t6,
        "one_s": t1,
    }


def run(quick: bool = False) -> list[Row]:
    iterations = 4 if quick else 21
    rows = []
    for network_s in (0.0, NETWORK_S):
        m = measure(iterations, network_s)
        judged = network_s == 0
        where = "loopback" if judged else f"+{ms(network_s)} network per output"
        rows.append(
            Row(
                benchmark=f"downloads: 6 outputs vs 1 ({where})",
                measured=f"{ms(m['six_median_s'])} for 6",
                baseline=f"{ms(m['one_median_s'])} for 1",
                ratio=f"{m['ratio']:.2f}x",
                target=f"<= {TARGET_RATIO}x" if judged else "",
                passed=m["ratio"] <= TARGET_RATIO if judged else None,
                data=m,
            )
        )
    return rows
