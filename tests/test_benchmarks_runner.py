"""The benchmark runner still runs (a smoke run of two quick benchmarks; no timing is judged
here: the figures belong to `python -m benchmarks.run`, by hand)."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.support import ROOT


def test_runner_quick_smoke(tmp_path):
    out = tmp_path / "bench.json"
    proc = subprocess.run(
        [sys.executable, "-m", "benchmarks.run", "--quick", "--only", "upload", "downloads",
         "--json", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert proc.returncode in (0, 1), proc.stdout[-2000:] + proc.stderr[-2000:]  # 1: a miss
    report = json.loads(out.read_text())
    names = [row["benchmark"] for row in report["rows"]]
    assert any(n.startswith("upload: 12 MP PNG") for n in names)
    assert any(n.startswith("downloads: 6 outputs vs 1") for n in names)
    assert report["machine"]["cores"] >= 1
    assert "| benchmark" in proc.stdout  # the table is printed
