"""`qwen-edit`: one instruction applied to one image or a folder of them, from the command line.

    qwen-edit photos/*.jpg -p "remove the background" -n 2 -o out/
    qwen-edit photos/ -p "make it a watercolour" --demo      # the built-in emulator, no key

It uses the services directly (no server): the app's validation and messages, the model's rate
limit per key, resume (inputs whose outputs are already in the output folder are skipped), and
exit codes: 0 all done (or already done), 1 some inputs failed, 2 refused before anything was
sent, 130 interrupted. See services/batch.py and the README's "Batches from the command line".
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import shutil
import signal
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TextIO

from services import logsafe
from services.batch import (
    STAGING_NAME,
    BatchItem,
    BatchPlan,
    BatchResult,
    BatchSpec,
    Status,
    default_workers,
    plan_batch,
    run_batch,
)
from services.config import Settings
from services.errors import EditorError, scrub
from services.messages import (
    DEFAULT_LANGUAGE,
    Message,
    Translatable,
    msg,
    posix_language,
    render,
    text,
)
from services.models import DEFAULT_MODEL, MODELS
from services.regions import REGIONS, normalise_base_url
from services.types import ApiKey

DEMO_KEY = "demo-key-not-secret"  # the emulator in demo mode accepts any key (as app.py)
_OUTPUT_NAME = re.compile(r".+-\d+\.png$")  # <stem>-<k>.png, as services/batch.py names them
EXIT_OK, EXIT_PARTIAL, EXIT_REFUSED, EXIT_INTERRUPTED = 0, 1, 2, 130


class _Refused(Exception):
    """Bad arguments: exit 2 before anything is sent."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise _Refused(message)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="qwen-edit",
        description="Edit images with Qwen image-edit models: one instruction, many images.",
        epilog=(
            "Exit status: 0 all done (or already done), 1 some inputs failed, 2 refused before "
            "anything was sent, 130 interrupted. A rerun into the same output folder skips the "
            "inputs already done."
        ),
    )
    parser.add_argument("inputs", nargs="*", type=Path, help="image files, or folders of them")
    parser.add_argument("-p", "--prompt", help="the instruction, the same for every image")
    parser.add_argument("--negative", default="", help="what to avoid (negative prompt)")
    parser.add_argument("-m", "--model", default=DEFAULT_MODEL, help=f"one of: {', '.join(MODELS)}")
    parser.add_argument("-n", default="1", help="outputs per image (1-6 on most models)")
    parser.add_argument("--size", help="output size WxH, e.g. 1024x1536 (with -n 1); or auto")
    parser.add_argument("--seed", help="a fixed seed (0-2147483647); else one per edit")
    parser.add_argument("--watermark", action="store_true", help="add the service's watermark")
    parser.add_argument(
        "--no-prompt-extend",
        action="store_true",
        help="do not let the service rewrite the instruction",
    )
    parser.add_argument("-o", "--output", type=Path, default=Path("out"), help="default: out/")
    parser.add_argument("--region", choices=list(REGIONS), help="default: QWEN_EDIT_REGION")
    parser.add_argument("--key", help="a DashScope API key (default: DASHSCOPE_API_KEY)")
    parser.add_argument("--base-url", help="a custom endpoint ending in /api/v1")
    parser.add_argument(
        "--demo", action="store_true", help="use the built-in emulator: no key, nothing billed"
    )
    parser.add_argument(
        "--demo-latency", type=float, default=2.0, help="seconds per edit in --demo"
    )
    parser.add_argument("--workers", type=int, help="edits in flight (default: the model's)")
    parser.add_argument(
        "--json",
        action="store_true",
        help="print one JSON document with every item on stdout (and nothing else)",
    )
    return parser


def main(argv: Sequence[str] | None = None, env: dict[str, str] | None = None) -> int:
    lang = posix_language(os.environ if env is None else env)
    try:
        return _main(argv, env)
    except KeyboardInterrupt:  # before the batch started (its own Ctrl-C handling is below)
        sys.stderr.write(f"qwen-edit: {text('cli.interrupted', lang)}\n")
        return EXIT_INTERRUPTED


def _main(argv: Sequence[str] | None, env: dict[str, str] | None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    env = dict(os.environ if env is None else env)
    # The words on stderr in the user's language (LC_ALL, LC_MESSAGES, LANG); the --json
    # document keeps the English words, for programs.
    lang = posix_language(env)
    as_json = "--json" in argv
    _quiet_logging()
    try:
        args = build_parser().parse_args(argv)
    except _Refused as exc:
        return _refuse(as_json, "BadArguments", msg("cli.see_help", error=str(exc)), lang)
    emulator = None
    try:
        if args.prompt is None:
            raise _Refused(Translatable(msg("cli.no_prompt")))
        if args.workers is not None and not 1 <= args.workers <= 64:
            raise _Refused(Translatable(msg("cli.workers")))
        settings = _settings(args, env)
        spec = BatchSpec(
            prompt=args.prompt,
            negative_prompt=args.negative,
            model=args.model,
            n=_number(args.n),  # type: ignore[arg-type]  # validation refuses a bad one
            size=args.size,
            seed=None if args.seed is None else _number(args.seed),  # type: ignore[arg-type]
            watermark=args.watermark,
            prompt_extend=False if args.no_prompt_extend else None,
        )
        plan = plan_batch(_expand(args.inputs, args.output), spec, args.output)
        if args.demo:
            from services.emulator import Emulator

            emulator = Emulator(keys=None, latency_s=args.demo_latency).start()
            settings = replace(
                settings, demo=True, base_url=emulator.base_url, operator_key=ApiKey(DEMO_KEY)
            )
        credentials = settings.credentials(None if args.demo else args.key, args.region)
        logsafe.install(credentials.api_key.value)
    except _Refused as exc:
        said = exc.args[0] if exc.args else ""
        return _refuse(as_json, "BadArguments", msg("cli.see_help", error=said), lang)
    except EditorError as exc:
        if emulator is not None:
            emulator.stop()
        return _refuse(as_json, exc.code, exc.said(), lang)
    except ValueError as exc:  # a bad setting in the environment
        return _refuse(as_json, "BadSettings", str(exc), lang)
    try:
        return _run(args, settings, plan, credentials, as_json, lang)
    finally:
        if emulator is not None:
            emulator.stop()


def _number(text: str) -> int | str:
    """A whole number as an int; anything else as given, for validation to refuse in words."""
    try:
        return int(text)
    except ValueError:
        return text


def _settings(args: argparse.Namespace, env: dict[str, str]) -> Settings:
    settings = Settings.from_env(env)
    if args.base_url:
        settings = replace(settings, base_url=normalise_base_url(args.base_url))
    return settings


def _expand(inputs: Sequence[Path], output_dir: Path) -> list[Path]:
    """Files as given; a folder's files (not hidden, not in subfolders) by name, except the
    outputs of an earlier run when the output folder is that folder."""
    paths: list[Path] = []
    for path in inputs:
        if not path.is_dir():
            paths.append(path)
            continue
        own_outputs = path.resolve() == output_dir.resolve()
        paths += sorted(
            p
            for p in path.iterdir()
            if p.is_file()
            and not p.name.startswith(".")
            and not (own_outputs and _OUTPUT_NAME.match(p.name))
        )
    return paths


def _run(args, settings: Settings, plan: BatchPlan, credentials, as_json: bool, lang: str) -> int:
    from services.container import build_editor

    staging = plan.output_dir / STAGING_NAME
    service = build_editor(replace(settings, data_dir=staging), staging)
    progress = Progress(sys.stderr, plan, lang)
    for item in plan.left_out:
        progress.item(item)
    cancel = threading.Event()
    restore = _on_signals(cancel, progress)
    started = time.monotonic()
    try:
        result = run_batch(
            plan,
            service,
            credentials,
            workers=args.workers or default_workers(plan.spec.model),
            cancel=cancel,
            on_item=progress.item,
        )
    finally:
        restore()
        service.results.close()
        shutil.rmtree(staging, ignore_errors=True)
    progress.finish()
    elapsed = time.monotonic() - started
    code = exit_code(result)
    if as_json:
        json.dump(_document(result, code, settings.demo, elapsed), sys.stdout, indent=1)
        sys.stdout.write("\n")
    _summary(sys.stderr, result, settings.demo, elapsed, lang)
    return code


def exit_code(result: BatchResult) -> int:
    if result.interrupted:
        return EXIT_INTERRUPTED
    return EXIT_PARTIAL if result.count(Status.FAILED) else EXIT_OK


def _on_signals(cancel: threading.Event, progress: Progress):
    """Ctrl-C (or SIGTERM): stop sending; edits already sent finish and are kept (they are
    billed). A second one leaves at once."""

    def handler(signum, frame) -> None:
        # Only the event here: the main thread may be inside the progress lock or a write.
        if cancel.is_set():
            os._exit(EXIT_INTERRUPTED)
        cancel.set()

    def tell() -> None:
        cancel.wait()
        progress.note(text("cli.stopping", progress.lang))

    if threading.current_thread() is not threading.main_thread():
        return lambda: None
    threading.Thread(target=tell, name="qwen-edit-stop", daemon=True).start()
    previous = {sig: signal.signal(sig, handler) for sig in (signal.SIGINT, signal.SIGTERM)}

    def restore() -> None:
        for sig, old in previous.items():
            signal.signal(sig, old)

    return restore


def _refuse(as_json: bool, code: str, said: Message | str, lang: str) -> int:
    shown = scrub(render(said, lang))
    sys.stderr.write(f"qwen-edit: {shown}\n{text('cli.nothing_sent', lang)}\n")
    if as_json:
        english = scrub(render(said))  # the document is for programs: English
        doc = {"status": "refused", "exit_code": EXIT_REFUSED, "error": {"code": code,
               "message": english}, "items": []}  # fmt: skip
        json.dump(doc, sys.stdout, indent=1)
        sys.stdout.write("\n")
    return EXIT_REFUSED


def _document(result: BatchResult, code: int, demo: bool, elapsed: float) -> dict[str, object]:
    status = {0: "done", 1: "partial", 130: "interrupted"}.get(code, "done")
    return {
        "status": status,
        "exit_code": code,
        "demo": demo,
        "output_dir": str(result.output_dir.resolve()),
        "counts": result.counts,
        "outputs": result.outputs,
        "cost_usd": result.cost_usd,
        "elapsed_s": round(elapsed, 3),
        "items": [item.to_json() for item in result.items],
    }


def _summary(
    out: TextIO, result: BatchResult, demo: bool, elapsed: float, lang: str = DEFAULT_LANGUAGE
) -> None:
    counts = result.counts
    parts: list[Message] = [msg("cli.summary.edited", count=counts["ok"], outputs=result.outputs)]
    for status in ("skipped", "failed", "not_image", "cancelled"):
        if counts[status]:
            parts.append(msg(f"cli.summary.{status}", count=counts[status]))
    cost = result.cost_usd
    money = msg("cli.cost_unknown") if cost is None else msg("cli.cost", cost=cost)
    if demo:
        money = msg("cli.demo")
    listed = parts[0]
    for part in parts[1:]:  # "a, b, c": a list of counts, not a sentence ("list.pair")
        listed = Message("list.pair", {"first": listed, "second": part})
    line = text("cli.summary.line", lang, parts=listed, seconds=elapsed, money=money)
    out.write(f"{line}\n")
    out.write(text("cli.outputs_in", lang, folder=f"{result.output_dir}{os.sep}") + "\n")
    failed = [i for i in result.items if i.status is Status.FAILED]
    for item in failed:
        said = text("cli.failed_item", lang, name=item.input.name, error=_error(item, lang))
        out.write(f"  {said}\n")
    if failed:
        out.write(text("cli.retry", lang) + "\n")
    if result.interrupted:
        out.write(text("cli.interrupted_finish", lang) + "\n")
    out.flush()


def _error(item: BatchItem, lang: str) -> str:
    """An item's error in lang (its Message, when it kept one), scrubbed."""
    return scrub(render(item.error or "", lang))


class Progress:
    """A line per input on stderr (`[12/40] photo-12.jpg ok (2 outputs)`); on a terminal, a
    bar below them, redrawn in place."""

    WIDTH = 24

    def __init__(self, out: TextIO, plan: BatchPlan, lang: str = DEFAULT_LANGUAGE) -> None:
        self.out = out
        self.lang = lang
        self.total = plan.total
        self.done = 0
        self.tty = out.isatty()
        self._lock = threading.Lock()

    def item(self, item: BatchItem) -> None:
        with self._lock:
            self.done += 1
            self._clear()
            said = _describe(item, self.lang)
            self.out.write(f"[{self.done}/{self.total}] {item.input.name} {said}\n")
            self._bar()

    def note(self, text: str) -> None:
        with self._lock:
            self._clear()
            self.out.write(f"{text}\n")
            self._bar()

    def finish(self) -> None:
        with self._lock:
            self._clear()
            self.out.flush()

    def _clear(self) -> None:
        if self.tty:
            self.out.write("\r\033[K")

    def _bar(self) -> None:
        if self.tty:
            filled = self.WIDTH * self.done // max(1, self.total)
            bar = "#" * filled + "-" * (self.WIDTH - filled)
            self.out.write(f"[{bar}] {self.done}/{self.total}")
        self.out.flush()


def _describe(item: BatchItem, lang: str = DEFAULT_LANGUAGE) -> str:
    if item.status is Status.OK:
        n = len(item.outputs)
        return text("cli.item.ok_one" if n == 1 else "cli.item.ok_many", lang, count=n)
    if item.status is Status.SKIPPED:
        return text("cli.item.skipped", lang)
    if item.status is Status.NOT_IMAGE:
        return text("cli.item.not_image", lang, error=_error(item, lang))
    if item.status is Status.CANCELLED:
        return text("cli.item.cancelled", lang)
    return text("cli.item.failed", lang, error=_error(item, lang))


def _quiet_logging() -> None:
    """Warnings and errors only, on stderr, through the key-scrubbing filter."""
    logging.basicConfig(level=logging.WARNING, format="qwen-edit: %(levelname)s %(message)s")
    logsafe.install()


if __name__ == "__main__":
    sys.exit(main())
