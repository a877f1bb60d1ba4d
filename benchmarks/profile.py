"""Profiles behind the misses, with pyinstrument (not a dependency of the project:
`.venv/bin/pip install pyinstrument` first). Not used by the runner.

    .venv/bin/python -m benchmarks.profile edit       # one 3 x 12 MP, n=6 edit inside the app
    .venv/bin/python -m benchmarks.profile prepare    # prepare_image: 3 x 12 MP JPEG, 12 MP PNG
    .venv/bin/python -m benchmarks.profile downloads  # fetch_all of 6 outputs, part by part

pyinstrument samples only the thread it starts in, and the app edits in a worker thread, so
`edit` wraps EditService.edit to profile inside that thread."""

from __future__ import annotations

import argparse
import statistics
import time

from benchmarks.common import isolate_gradio


def _profiler():
    try:
        from pyinstrument import Profiler
    except ImportError:
        raise SystemExit(
            "pyinstrument is not installed: .venv/bin/pip install pyinstrument"
        ) from None
    return Profiler(interval=0.0005)


def _show(profiler) -> None:
    print(profiler.output_text(unicode=False, color=False))


def edit() -> None:
    isolate_gradio()
    import services.editing as editing
    from benchmarks.common import client, edit_kwargs, launch, scratch
    from benchmarks.inputs import MP12, photo_files

    profiles = []
    original = editing.EditService.edit

    def profiled(self, *args, **kwargs):
        profiler = _profiler()
        profiler.start()
        try:
            return original(self, *args, **kwargs)
        finally:
            profiler.stop()
            profiles.append(profiler)

    editing.EditService.edit = profiled
    files = [photo_files(MP12, seed)["jpeg"] for seed in (1, 2, 3)]
    with scratch("profile") as tmp:
        app = launch(tmp / "data", rate_limit_per_s=1000.0)
        try:
            c = client(app.url, tmp / "dl")
            for _ in range(2):  # the first one warms up
                c.predict(**edit_kwargs(files, n=6), api_name="/edit")
            print(f"service time {app.emulator.requests[-1].elapsed_s:.3f} s (the emulator's)")
            c.close()
        finally:
            app.close()
    _show(profiles[-1])


def prepare() -> None:
    from benchmarks.inputs import MP12, photo_files
    from services.imaging import prepare_image

    jpegs = [photo_files(MP12, seed)["jpeg"] for seed in (1, 2, 3)]
    png = photo_files(MP12, 1)["png"]
    prepare_image(jpegs[0])  # warm-up: imports, codecs
    for label, paths in (("three 12 MP JPEGs, one after another", jpegs), ("12 MP PNG", [png])):
        profiler = _profiler()
        profiler.start()
        for path in paths:
            prepared = prepare_image(path)
        profiler.stop()
        print(
            f"== {label}: last sent as {prepared.mime}, {prepared.byte_size} bytes, "
            f"{prepared.width}x{prepared.height}"
        )
        _show(profiler)


def downloads() -> None:
    import io
    import tempfile
    from pathlib import Path

    from PIL import Image

    from benchmarks.common import KEY
    from benchmarks.downloads import result_urls
    from services.emulator import Emulator
    from services.results import DownloadPolicy, ResultStore, _write_png

    def timed(fn, runs: int = 15) -> float:
        samples = []
        for _ in range(runs):
            t0 = time.perf_counter()
            fn()
            samples.append(time.perf_counter() - t0)
        return statistics.median(samples) * 1000

    with Emulator(keys={KEY}) as emulator, tempfile.TemporaryDirectory() as tmp:
        urls = result_urls(emulator, 6)
        store = ResultStore(Path(tmp), DownloadPolicy(trusted_hosts=frozenset({"127.0.0.1"})))
        try:
            data = store._get(urls[0])
            folder = Path(tmp)
            parts = {
                "HTTP GET of 1 output (ResultStore._get)": lambda: store._get(urls[0]),
                "HTTP GET of 6, in parallel": lambda: list(store._pool.map(store._get, urls)),
                "_write_png of 1": lambda: _write_png(data, folder, 0),
                "  of which Image.load() (full decode)": lambda: Image.open(
                    io.BytesIO(data)
                ).load(),
                "_write_png of 6, in parallel": lambda: list(
                    store._pool.map(lambda i: _write_png(data, folder, i), range(6))
                ),
                "fetch_all of 1": lambda: store.fetch_all(urls[:1], folder),
                "fetch_all of 6": lambda: store.fetch_all(urls, folder),
            }
            print(f"one output: {len(data)} bytes")
            for label, fn in parts.items():
                print(f"{label:45s} {timed(fn):7.1f} ms (median)")
        finally:
            store.close()


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.profile", description=__doc__)
    parser.add_argument("what", choices=("edit", "prepare", "downloads"))
    {"edit": edit, "prepare": prepare, "downloads": downloads}[parser.parse_args().what]()


if __name__ == "__main__":
    main()
