"""`qwen-edit`, the command line (issue 14): run as a subprocess against the emulator, through the
real dashscope SDK. Outputs and their names, --json, files that are not images, refusals
(exit 2, the app's words, nothing sent), resume (nothing sent twice, even after a kill),
partial failure (exit 1). Then services/batch.py itself through EditService."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from PIL import Image

from services.backends.dashscope import DashScopeBackend
from services.batch import BatchRefused, BatchSpec, Journal, Status, plan_batch, run_batch
from services.config import Settings
from services.editing import EditService
from services.emulator import Emulator
from services.errors import ValidationError
from services.ratelimit import RateLimiter
from services.results import DownloadPolicy, ResultStore
from services.types import EditRequest
from services.validation import validate
from tests.support import ROOT, TEST_KEY

PROMPT = "make the sky red"


def photos(folder: Path, count: int, text_file: bool = False) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        path = folder / f"photo-{i:02d}.jpg"
        Image.new("RGB", (96 + 8 * i, 64), (20 * i % 256, 120, 200)).save(path)
        paths.append(path)
    if text_file:
        (folder / "notes.jpg").write_text("not a picture at all\n")
    return paths


def cli_env(emu: Emulator, tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DASHSCOPE_", "QWEN_EDIT_"))}
    env.update(
        DASHSCOPE_API_KEY=TEST_KEY,
        DASHSCOPE_HTTP_BASE_URL=emu.base_url,
        QWEN_EDIT_DATA_DIR=str(tmp_path / "data"),
        QWEN_EDIT_RATE_LIMIT="20",  # tests need not wait for Plus's 2 a second
        **extra,
    )
    return env


def command(*args: object) -> list[str]:
    return [sys.executable, "-m", "services.cli", *map(str, args)]


def run_cli(env: dict[str, str], *args: object, timeout: float = 90) -> subprocess.CompletedProcess:
    return subprocess.run(
        command(*args), cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )


def sent(emu: Emulator) -> int:
    return len(emu.requests)


def test_a_batch_writes_named_outputs_lists_a_text_file_and_reports_every_item_in_json(
    emulator, tmp_path
):
    inputs = photos(tmp_path / "in", 3, text_file=True)
    out = tmp_path / "out"
    env = cli_env(emulator, tmp_path)
    done = run_cli(env, tmp_path / "in", "-p", PROMPT, "-n", 2, "-o", out, "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)  # stdout holds the one document and nothing else
    assert report["status"] == "done" and report["exit_code"] == 0
    by_name = {Path(item["input"]).name: item for item in report["items"]}
    assert set(by_name) == {p.name for p in inputs} | {"notes.jpg"}
    assert by_name["notes.jpg"]["status"] == "not_image"
    assert "not an image" in by_name["notes.jpg"]["error"]["message"]
    for path in inputs:
        item = by_name[path.name]
        assert item["status"] == "ok"
        assert item["request_id"] and isinstance(item["seed"], int)
        assert item["cost_usd"] == pytest.approx(0.06)  # 2 x $0.03, Plus in Singapore
        expected = [out / f"{path.stem}-1.png", out / f"{path.stem}-2.png"]
        assert [Path(p) for p in item["outputs"]] == expected
        for output in expected:
            with Image.open(output) as im:
                assert im.format == "PNG"
    assert report["counts"]["ok"] == 3 and report["counts"]["not_image"] == 1
    assert sent(emulator) == 3  # the text file was never sent
    assert "notes.jpg" in done.stderr and "[4/4]" in done.stderr
    journal = json.loads((out / ".qwen-edit.json").read_text())
    ids = {v["request_id"] for v in journal["done"].values()}
    assert ids == {by_name[p.name]["request_id"] for p in inputs}
    assert not (out / ".qwen-edit-staging").exists()


def test_a_request_the_app_refuses_exits_2_with_its_words_and_sends_nothing(emulator, tmp_path):
    photos(tmp_path / "in", 2)
    env = cli_env(emulator, tmp_path)
    with pytest.raises(ValidationError) as refused:
        validate(EditRequest(images=(b"x",), prompt=PROMPT, n=7))
    done = run_cli(env, tmp_path / "in", "-p", PROMPT, "-n", 7, "-o", tmp_path / "out")
    assert done.returncode == 2
    assert refused.value.user_text() in done.stderr  # the app's words, verbatim
    assert "Nothing was sent" in done.stderr
    as_json = run_cli(env, tmp_path / "in", "-p", PROMPT, "-n", 7, "--json")
    assert as_json.returncode == 2
    report = json.loads(as_json.stdout)
    assert report["status"] == "refused"
    assert report["error"]["message"] == refused.value.user_text()
    assert emulator.attempts == 0 and sent(emulator) == 0
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    "args, words",
    [
        (["-p", PROMPT, "--key", ""], "API key"),  # no key anywhere
        (["-p", "  "], "instruction"),
        (["-p", PROMPT, "--size", "9x9", "-n", "1"], "size"),
        (["-p", PROMPT, "--model", "no-such-model"], "no-such-model"),
        (["-p", PROMPT, "--bogus"], "unrecognized arguments"),
    ],
)
def test_refusals_exit_2_before_anything_is_sent(emulator, tmp_path, args, words):
    photos(tmp_path / "in", 1)
    env = cli_env(emulator, tmp_path)
    if "--key" in args:
        env.pop("DASHSCOPE_API_KEY")
    done = run_cli(env, tmp_path / "in", *args)
    assert done.returncode == 2, done.stderr
    assert words in done.stderr
    assert emulator.attempts == 0


def test_a_folder_without_images_is_refused(emulator, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("hello")
    done = run_cli(cli_env(emulator, tmp_path), folder, "-p", PROMPT)
    assert done.returncode == 2 and "None of the 1 input file(s) is an image" in done.stderr
    empty = run_cli(cli_env(emulator, tmp_path), "-p", PROMPT)
    assert empty.returncode == 2 and "no input images" in empty.stderr
    assert emulator.attempts == 0


def test_a_rerun_skips_everything_done_and_sends_nothing(emulator, tmp_path):
    photos(tmp_path / "in", 3)
    env = cli_env(emulator, tmp_path)
    args = (tmp_path / "in", "-p", PROMPT, "-o", tmp_path / "out", "--json")
    first = run_cli(env, *args)
    assert first.returncode == 0, first.stderr
    assert sent(emulator) == 3
    again = run_cli(env, *args)
    assert again.returncode == 0, again.stderr
    report = json.loads(again.stdout)
    assert report["counts"]["skipped"] == 3 and report["counts"]["ok"] == 0
    assert sent(emulator) == 3  # nothing sent twice
    assert "skipped: already done" in again.stderr


# SIGINT as a progress line is printed (the handler must not need the progress lock or the
# stream), SIGTERM as soon as the first outputs exist.
@pytest.mark.parametrize("sig, when", [(signal.SIGINT, "line"), (signal.SIGTERM, "file")])
def test_a_run_stopped_halfway_and_run_again_edits_every_input_exactly_once(tmp_path, sig, when):
    inputs = photos(tmp_path / "in", 8)
    out = tmp_path / "out"
    emu = Emulator(keys={TEST_KEY}, latency_s=0.8).start()
    try:
        env = cli_env(emu, tmp_path)
        args = (tmp_path / "in", "-p", PROMPT, "-o", out, "--workers", 2)
        proc = subprocess.Popen(
            command(*args), cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            text=True,
        )  # fmt: skip
        lines = []
        if when == "line":
            assert proc.stderr is not None
            for line in proc.stderr:
                lines.append(line)
                if " ok (" in line:
                    break
        deadline = time.monotonic() + 60
        while not list(out.glob("*.png")) and time.monotonic() < deadline:
            time.sleep(0.02)
        proc.send_signal(sig)
        stdout, stderr = proc.communicate(timeout=60)
        stderr = "".join(lines) + stderr
        assert proc.returncode == 130, stderr
        assert "Interrupted" in stderr
        first = sent(emu)
        assert 1 <= first < len(inputs)  # stopped halfway: the rest was not sent
        again = run_cli(env, *args)
        assert again.returncode == 0, again.stderr
        assert sent(emu) == len(inputs)  # every input edited exactly once overall
        assert {p.name for p in out.glob("*.png")} == {f"{p.stem}-1.png" for p in inputs}
    finally:
        emu.stop()


def test_a_failed_input_exits_1_names_it_and_a_rerun_retries_only_it(emulator, tmp_path):
    inputs = photos(tmp_path / "in", 3)
    env = cli_env(emulator, tmp_path)
    emulator.inject("error", code="DataInspectionFailed")  # the first request only
    args = (tmp_path / "in", "-p", PROMPT, "-o", tmp_path / "out", "--workers", 1)
    done = run_cli(env, *args, "--json")
    assert done.returncode == 1, done.stderr
    report = json.loads(done.stdout)
    assert report["status"] == "partial"
    (failed,) = [i for i in report["items"] if i["status"] == "failed"]
    assert Path(failed["input"]).name == inputs[0].name  # one worker: the first was sent first
    assert failed["error"]["code"] == "DataInspectionFailed"
    assert f"failed: {inputs[0].name}" in done.stderr
    again = run_cli(env, *args)
    assert again.returncode == 0, again.stderr
    assert sent(emulator) == 4  # three, then the failed one again


def test_help_names_the_exit_codes():
    done = subprocess.run(command("--help"), cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0
    assert "130 interrupted" in " ".join(done.stdout.split())


# -- services/batch.py through EditService, the real SDK and the emulator ---------------------


@pytest.fixture
def service(tmp_path):
    def build(emu: Emulator, rate: float | None = 50.0) -> tuple[EditService, Settings]:
        settings = Settings(data_dir=tmp_path, base_url=emu.base_url, rate_limit_per_s=rate)
        policy = DownloadPolicy(trusted_hosts=frozenset({"127.0.0.1"}), timeout_s=10)
        results = ResultStore(tmp_path / "staging", policy)
        limiter = RateLimiter(rate or 2.0, safety=settings.rate_limit_safety)
        made.append(results)
        return EditService(settings, DashScopeBackend(), results, limiter), settings

    made: list[ResultStore] = []
    yield build
    for results in made:
        results.close()


def test_plan_refuses_a_bad_request_and_an_empty_batch(tmp_path):
    inputs = photos(tmp_path / "in", 1)
    with pytest.raises(ValidationError):
        plan_batch(inputs, BatchSpec(PROMPT, n=7), tmp_path / "out")
    with pytest.raises(ValidationError):
        plan_batch(inputs, BatchSpec(PROMPT, n=2, size="1024x1024"), tmp_path / "out")
    with pytest.raises(BatchRefused):
        plan_batch([], BatchSpec(PROMPT), tmp_path / "out")


def test_plan_gives_inputs_sharing_a_stem_their_whole_names(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    Image.new("RGB", (64, 64)).save(folder / "shot.jpg")
    Image.new("RGB", (64, 64)).save(folder / "shot.png")
    plan = plan_batch(sorted(folder.iterdir()), BatchSpec(PROMPT), tmp_path / "out")
    assert sorted(stem for _, stem in plan.todo) == ["shot.jpg", "shot.png"]
    other = tmp_path / "other"
    other.mkdir()
    Image.new("RGB", (64, 64)).save(other / "shot.jpg")
    with pytest.raises(BatchRefused, match="same outputs"):
        plan_batch([folder / "shot.jpg", other / "shot.jpg"], BatchSpec(PROMPT), tmp_path / "o")


def test_run_batch_edits_journals_and_a_new_plan_skips_what_is_done(emulator, service, tmp_path):
    editor, settings = service(emulator)
    inputs = photos(tmp_path / "in", 3)
    out = tmp_path / "out"
    seen = []
    plan = plan_batch(inputs, BatchSpec(PROMPT, n=2, seed=5), out)
    result = run_batch(plan, editor, settings.credentials(TEST_KEY), workers=2, on_item=seen.append)
    assert [i.status for i in result.items] == [Status.OK] * 3
    assert len(seen) == 3 and result.outputs == 6 and not result.interrupted
    assert all(i.seed == 5 for i in result.items)
    assert {r.parameters["seed"] for r in emulator.requests} == {5}
    assert set(Journal(out).done_outputs()) == {p.stem for p in inputs}
    again = plan_batch(inputs, BatchSpec(PROMPT, n=2, seed=5), out)
    assert again.todo == () and [i.status for i in again.left_out] == [Status.SKIPPED] * 3
    # An output deleted by hand: that input is edited again, the others stay skipped.
    (out / f"{inputs[1].stem}-2.png").unlink()
    third = plan_batch(inputs, BatchSpec(PROMPT, n=2, seed=5), out)
    assert [p for p, _ in third.todo] == [inputs[1]]


def test_a_cancelled_batch_sends_nothing_more(emulator, service, tmp_path):
    editor, settings = service(emulator)
    plan = plan_batch(photos(tmp_path / "in", 4), BatchSpec(PROMPT), tmp_path / "out")
    cancel = threading.Event()
    cancel.set()
    result = run_batch(plan, editor, settings.credentials(TEST_KEY), cancel=cancel)
    assert [i.status for i in result.items] == [Status.CANCELLED] * 4
    assert result.interrupted and emulator.attempts == 0


def test_a_batch_keeps_the_models_own_rate_with_no_429(tmp_path, service):
    # The emulator enforces each model's limit per key (Plus: 2 a second); the app's limiter
    # keeps to it (rate None: the model table's own rate).
    emu = Emulator(keys={TEST_KEY}, model_rate_limits=True).start()
    try:
        editor, settings = service(emu, rate=None)
        plan = plan_batch(photos(tmp_path / "in", 4), BatchSpec(PROMPT), tmp_path / "out")
        result = run_batch(plan, editor, settings.credentials(TEST_KEY), workers=4)
        assert [i.status for i in result.items] == [Status.OK] * 4
        assert [r.code for r in emu.requests] == [None] * 4  # no Throttling answers
    finally:
        emu.stop()


def test_demo_mode_needs_no_key_and_bills_nothing(tmp_path):
    photos(tmp_path / "in", 2)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DASHSCOPE_", "QWEN_EDIT_"))}
    env["QWEN_EDIT_RATE_LIMIT"] = "20"
    args = (tmp_path / "in", "-p", PROMPT, "-o", tmp_path / "out", "--demo", "--demo-latency", 0)
    done = run_cli(env, *args, "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["demo"] is True and report["counts"]["ok"] == 2
    assert "demo: nothing billed" in done.stderr
    assert len(list((tmp_path / "out").glob("photo-*-1.png"))) == 2


def test_outputs_written_into_the_input_folder_are_not_taken_as_inputs(emulator, tmp_path):
    folder = tmp_path / "in"
    photos(folder, 2)
    env = cli_env(emulator, tmp_path)
    for _ in range(2):
        done = run_cli(env, folder, "-p", PROMPT, "-o", folder, "--json")
        assert done.returncode == 0, done.stderr
        assert len(json.loads(done.stdout)["items"]) == 2
    assert sent(emulator) == 2


def _in(lang_env: dict[str, str], env: dict[str, str]) -> dict[str, str]:
    """env with the locale variables replaced by lang_env (the machine's own left out)."""
    kept = {k: v for k, v in env.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")}
    return kept | lang_env


def test_the_words_on_stderr_follow_the_users_locale_and_the_json_stays_english(emulator, tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "notes.jpg").write_text("not a picture at all\n")
    env = cli_env(emulator, tmp_path)
    ja = run_cli(_in({"LANG": "ja_JP.UTF-8"}, env), tmp_path / "in", "-p", PROMPT, "--json")
    assert ja.returncode == 2
    assert (
        "サービスが編集できる画像はありません" in ja.stderr and "何も送信していません" in ja.stderr
    )
    assert "Nothing was sent" not in ja.stderr and "None of the" not in ja.stderr
    refused = json.loads(ja.stdout)["error"]
    assert refused["code"] == "BatchRefused"
    assert refused["message"].startswith("None of the 1 input file(s) is an image")  # programs
    zh = run_cli(_in({"LC_MESSAGES": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}, env), "-n", 1)
    assert zh.returncode == 2 and "请用 -p" in zh.stderr and "没有发送任何内容" in zh.stderr
    # LC_ALL wins over LANG; "C" is English.
    c = run_cli(_in({"LC_ALL": "C", "LANG": "ja_JP.UTF-8"}, env), tmp_path / "in", "-p", PROMPT)
    assert "Nothing was sent." in c.stderr and "何も" not in c.stderr
    assert sent(emulator) == 0


def test_a_batch_reports_in_japanese_item_by_item_and_in_its_summary(emulator, tmp_path):
    photos(tmp_path / "in", 2, text_file=True)
    env = _in({"LANG": "ja_JP.UTF-8"}, cli_env(emulator, tmp_path))
    done = run_cli(env, tmp_path / "in", "-p", PROMPT, "-o", tmp_path / "out")
    assert done.returncode == 0, done.stderr
    err = done.stderr
    assert "完了（出力 1 枚）" in err and "除外（画像ではありません）" in err
    assert "2 件を編集（出力 2 枚）" in err and "1 件は画像ではありません" in err
    assert "推定費用 $0.0600" in err and "出力先: " in err
    # The image check's own words, in Japanese too (an ImageInputError's Message).
    assert "画像ファイルではありません" in err or "読み取れる画像ファイル" in err, err
    for english in ("edited", "outputs)", "left out", "Outputs in", "estimated cost"):
        assert english not in err, english


@pytest.mark.parametrize(
    "env, expected",
    [
        ({"LANG": "ja_JP.UTF-8"}, "ja"),
        ({"LANG": "zh_CN.UTF-8"}, "zh-CN"),
        ({"LANG": "zh_TW.UTF-8"}, "zh-CN"),
        ({"LANG": "en_GB.UTF-8"}, "en"),
        ({"LANG": "fr_FR.UTF-8"}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LC_ALL": "POSIX", "LANG": "ja_JP.UTF-8"}, "en"),
        ({"LC_MESSAGES": "ja_JP", "LANG": "zh_CN"}, "ja"),
        ({"LC_ALL": "", "LANG": "ja_JP.eucJP@euro"}, "ja"),
        ({}, "en"),
    ],
)
def test_the_language_of_a_shell(env, expected):
    from services.messages import posix_language

    assert posix_language(env) == expected
