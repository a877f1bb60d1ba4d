"""`python -m services.emulator`: serve the emulator until Ctrl-C (or SIGTERM).

With `--result-host`, result links point at that real host name and this process serves them
as a proxy; it prints the environment a client must set, as `export NAME=value` lines.
"""

from __future__ import annotations

import argparse
import logging
import shlex
import signal
import threading

from .server import Emulator


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m services.emulator",
        description="A local DashScope image-edit endpoint for tests and demos.",
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000, help="0 picks a free port")
    parser.add_argument(
        "--key",
        action="append",
        dest="keys",
        metavar="KEY",
        help="accepted API key (repeatable); none given accepts any non-empty key",
    )
    parser.add_argument("--latency", type=float, default=0.0, help="seconds per generation")
    parser.add_argument("--rate-limit", type=float, default=None, help="requests/s per key")
    parser.add_argument(
        "--model-rate-limits",
        action="store_true",
        help="enforce each model's own rate per key (qwen-image-edit-max: 2 a minute)",
    )
    parser.add_argument("--ttl", type=float, default=86400.0, help="result URL validity (s)")
    parser.add_argument(
        "--result-host",
        metavar="HOST",
        help="real-host mode: result links on HOST (e.g. dashscope-result-sgp.oss-"
        "ap-southeast-1.aliyuncs.com), served through this port acting as a proxy",
    )
    parser.add_argument("--result-scheme", choices=("http", "https"), default="https")
    parser.add_argument(
        "--realistic",
        action="store_true",
        help="answer like the model: image 1 at ~1 MP with an edit in a centred ellipse",
    )
    parser.add_argument(
        "--drift",
        default="none",
        metavar="SPEC",
        help='with --realistic: "none", "random" (from seed and output index), or fields '
        'such as "zoom=1.02,shift=0.01:-0.005,angle=0.5,gain=1.05:1:0.95,offset=4:0:-3"',
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log every request")
    args = parser.parse_args(argv)
    drift = None
    if args.drift.strip().lower() not in ("", "none"):
        if not args.realistic:
            parser.error("--drift needs --realistic")
        from .realistic import parse_drift

        try:
            drift = parse_drift(args.drift)
        except ValueError as exc:
            parser.error(f"--drift: {exc}")
    if args.verbose:
        logging.basicConfig(level=logging.DEBUG, format="%(asctime)s %(message)s")

    emulator = Emulator(
        keys=set(args.keys) if args.keys else None,
        host=args.host,
        port=args.port,
        latency_s=args.latency,
        rate_limit_per_s=args.rate_limit,
        model_rate_limits=args.model_rate_limits,
        result_ttl_s=args.ttl,
        result_host=args.result_host,
        result_scheme=args.result_scheme,
        realistic=args.realistic,
        drift=drift,
    ).start()
    done = threading.Event()
    # SIGTERM (what process managers and subprocess.terminate send) stops as cleanly as ^C.
    signal.signal(signal.SIGTERM, lambda *_: done.set())
    print(f"DashScope emulator on {emulator.base_url}", flush=True)  # always the first line
    if args.realistic:
        print(f"# realistic outputs, drift: {args.drift}", flush=True)
    if emulator.result_host is not None:
        print(f"# result links on {emulator.result_base_url}; a client must set:")
        for name, value in emulator.client_env.items():
            print(f"export {name}={shlex.quote(value)}")
        print(end="", flush=True)
    try:
        while not done.wait(0.5):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        emulator.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
