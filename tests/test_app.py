"""The entry point as people and Spaces start it: `python app.py --demo`, a module-level
`demo`, and a requirements.txt that matches pyproject.toml."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import requests
from gradio_client import Client

from tests.support import edit_kwargs, free_port

ROOT = Path(__file__).resolve().parent.parent


def clean_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DASHSCOPE_", "QWEN_EDIT_"))}
    env.update(
        QWEN_EDIT_DATA_DIR=str(tmp_path / "data"),
        GRADIO_ANALYTICS_ENABLED="False",
        PYTHONUNBUFFERED="1",
        **extra,
    )
    return env


def wait_for(url: str, proc: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert proc.poll() is None, proc.stdout.read() if proc.stdout else "app exited"
        try:
            if requests.get(url, timeout=1).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.2)
    raise AssertionError(f"{url} did not answer in {seconds} s")


def test_demo_mode_works_with_no_key(tmp_path):
    port = free_port()
    env = clean_env(tmp_path, GRADIO_SERVER_PORT=str(port))
    proc = subprocess.Popen(
        [sys.executable, "app.py", "--demo", "--demo-latency", "0.2"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        url = f"http://127.0.0.1:{port}/"
        wait_for(url, proc)
        config = requests.get(url + "config", timeout=5).text
        assert "Demo mode" in config and "EMULATED" in config
        photo = ROOT / "assets" / "examples" / "coffee.jpg"
        kwargs = edit_kwargs([photo], prompt="Turn the coffee into a matcha latte", n=2)
        files, meta = Client(url, verbose=False).predict(**kwargs, api_name="/edit")
        assert len(files) == 2 and meta["usage"]["image_count"] == 2
        # Kept in the data dir's history, under the id the answer gives back.
        assert meta["entry_id"] and meta["user_id"]
        saved = list((tmp_path / "data" / "history" / "files").glob(f"*/{meta['entry_id']}/out-*"))
        assert len(saved) == 2
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_module_level_demo_for_spaces(tmp_path):
    code = (
        "import app, gradio; print(isinstance(app.demo, gradio.Blocks), app.services.settings.demo)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=clean_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.stdout.split() == ["True", "False"], out.stderr[-2000:]
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=clean_env(tmp_path, QWEN_EDIT_DEMO="1"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.stdout.split() == ["True", "True"], out.stderr[-2000:]


def test_requirements_match_pyproject():
    # tomllib is 3.11+, and the project supports 3.10: read the one array by hand.
    block = re.search(
        r"^dependencies = \[(.*?)^\]", (ROOT / "pyproject.toml").read_text(), re.M | re.S
    ).group(1)
    declared = re.findall(r'"([^"]+)"', block)
    lines = [
        line.strip()
        for line in (ROOT / "requirements.txt").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert sorted(lines) == sorted(declared)


def test_readme_front_matter_fits_a_space():
    import gradio

    readme = (ROOT / "README.md").read_text()
    front = readme.split("---", 2)[1]
    assert re.search(r"^sdk: gradio$", front, re.M)
    assert re.search(r"^app_file: app.py$", front, re.M)
    assert f"sdk_version: {gradio.__version__}" in front
    assert re.search(r'^python_version: "3\.\d+"$', front, re.M)
