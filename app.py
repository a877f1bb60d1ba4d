"""Qwen Image Edit Studio: entry point. `demo` at module level is what Hugging Face Spaces and
`gradio app.py` look for; `python app.py [--demo]` launches it."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from dataclasses import replace
from pathlib import Path

from services import logsafe
from services.config import Settings
from services.container import Services, build_services
from services.types import ApiKey
from ui.layout import build_app, launch_kwargs

DEMO_KEY = "demo-key-not-secret"


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--demo",
        action="store_true",
        help="serve results from the built-in emulator: no key, no billing",
    )
    parser.add_argument(
        "--demo-latency",
        type=float,
        default=2.0,
        help="seconds the emulator takes per edit in demo mode",
    )
    parser.add_argument("--data-dir", help="where outputs (and history) are kept")
    parser.add_argument(
        "--mcp",
        action="store_true",
        help="also serve the edit and history tools to MCP clients at /gradio_api/mcp/ "
        "(the same as GRADIO_MCP_SERVER=true)",
    )
    return parser.parse_args(argv)


def create_services(
    demo_mode: bool, env=os.environ, data_dir: str | None = None, demo_latency: float = 2.0
) -> Services:
    settings = Settings.from_env(env)
    if data_dir:
        settings = replace(settings, data_dir=Path(data_dir))
    if demo_mode:
        from services.emulator import Emulator

        emulator = Emulator(keys=None, latency_s=demo_latency).start()
        settings = replace(
            settings, demo=True, base_url=emulator.base_url, operator_key=ApiKey(DEMO_KEY)
        )
        if "QWEN_EDIT_MAX_CONCURRENT" not in env:
            # The service is emulated inside this process: an edit is CPU work here, not a
            # wait on the network. Beyond a few per core, more at once only starve the page
            # itself (with 80 clients editing, new visitors' /config timed out); the rest
            # wait their turn in Gradio's queue, which costs nothing.
            cores = os.cpu_count() or 2
            settings = replace(settings, max_concurrent_edits=min(4 * cores, 64))
    return build_services(settings)


def configure_logging(services: Services | None = None) -> None:
    """One line per record on stderr, through a filter that scrubs keys and Authorization
    values from every message and traceback (services/logsafe.py)."""
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    key = services.settings.operator_key if services else None
    logsafe.install(key.value if key else None)


def _demo_from_env() -> bool:
    return os.environ.get("QWEN_EDIT_DEMO", "").lower() in ("1", "true", "yes")


if __name__ == "__main__":
    configure_logging()  # before anything can log
    args = parse_args(sys.argv[1:])
    services = create_services(
        args.demo or _demo_from_env(), data_dir=args.data_dir, demo_latency=args.demo_latency
    )
    configure_logging(services)  # again, now knowing the operator's key
    demo = build_app(services)
    # None: Gradio's own GRADIO_MCP_SERVER decides (how a Space turns it on without a flag).
    demo.launch(**launch_kwargs(services), mcp_server=True if args.mcp else None)
else:
    services = create_services(_demo_from_env())
    # Imported (`gradio app.py`, a host's runner): the host owns the logging setup; only the
    # filter is added to whatever handlers it has made.
    logsafe.install(
        services.settings.operator_key.value if services.settings.operator_key else None,
        quiet_libraries=False,
    )
    demo = build_app(services)
