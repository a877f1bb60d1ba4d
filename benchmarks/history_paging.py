"""History refresh at 500 edits: the History tab's list handler, before and after paging.

Before: the first version's refresh, copied here as it was: list the newest 200 (its silent
cap), publish a thumbnail for each (ui/files.publish hashes and copies a file into Gradio's
cache) and build a "choose edits" checkbox for each. Also the same over all 500 ("list all").
After: ui/history_browse.Browse.load for one page of 24 (a count, one page of rows, 24
thumbnails) and its captions. The store, files and Gradio cache are the same for all three.

Each is timed cold (the first call: thumbnails copied into an empty cache) and warm (the
median of later calls: thumbnails only hashed). Nothing is judged; the figures are reported.

    .venv/bin/python -m benchmarks.history_paging [--quick]
"""

from __future__ import annotations

import io
import shutil
import sys
import time
from pathlib import Path

from benchmarks.common import Row, isolate_gradio, median, ms, scratch

ENTRIES = 500


def _png(seed: int, side: int) -> bytes:
    from PIL import Image

    image = Image.effect_noise((side, side), 40 + seed % 40).convert("RGB")
    buf = io.BytesIO()
    image.save(buf, "PNG")
    return buf.getvalue()


def fill(store, user: str, count: int, side: int) -> None:
    """`count` edits, each with one input and one output PNG (a few distinct images, so that
    the cache holds a realistic number of distinct files)."""
    from services.history import NewEntry

    images = [_png(i, side) for i in range(8)]
    now = time.time()
    for i in range(count):
        out = store.staging_dir() / "out.png"
        out.write_bytes(images[i % 8] + i.to_bytes(4, "big"))  # distinct content per edit
        store.record(
            user,
            NewEntry(
                status="failed" if i % 9 == 4 else "ok",
                model="qwen-image-edit-plus",
                region="singapore",
                prompt=f"Make the sky a warm sunset and add a small red kite, take {i}",
                negative_prompt="",
                parameters={"n": 1, "seed": i},
                inputs=[(images[(i + 3) % 8], "image/png")],
                outputs=[out],
                seed=i,
                created=now - i * 60,
            ),
        )


def before(store, user: str, limit: int = 200):
    """The refresh handler of the first version (ui/history_panel.py before paging)."""
    from ui.history_browse import thumbnail
    from ui.history_view import caption, when

    def old_caption(e):
        return f"{caption(e)} · {when(e.created)}"

    entries = store.list(user, search="", model=None, status=None, limit=limit)
    t = store.totals(user)
    totals = f"{t.images_all} images in {t.entries} edits"
    gallery = [(thumbnail(e), old_caption(e)) for e in entries]
    picks = [(old_caption(e), e.id) for e in entries]
    return gallery, [e.id for e in entries], picks, totals


def after(store, user: str, page: int):
    """The refresh handler with paging: one page, its thumbnails only."""
    from ui.history_browse import Browse, Filters
    from ui.history_view import page_line

    browse = Browse()
    browse.load(store, user, Filters(), page)
    t = store.totals(user)
    totals = f"{t.images_all} images in {t.entries} edits"
    return browse.gallery(), page_line(browse.page, browse.pages, browse.total, False), totals


def timed(fn, repeats: int) -> tuple[float, float]:
    """(the first call, the median of `repeats` later calls), in seconds."""
    t0 = time.perf_counter()
    fn()
    cold = time.perf_counter() - t0
    warm = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        warm.append(time.perf_counter() - t0)
    return cold, median(warm)


def _clear_cache() -> None:
    from gradio.utils import get_upload_folder

    folder = Path(get_upload_folder())
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True, exist_ok=True)


def run(quick: bool = False) -> list[Row]:
    from services.history import HistoryStore, new_user_id

    repeats = 3 if quick else 9
    side = 256 if quick else 512  # output size: hashing and copying grow with it
    with scratch("history-paging") as tmp:
        store = HistoryStore(tmp / "history").open()
        try:
            user = new_user_id()
            fill(store, user, ENTRIES, side)
            figures = {}
            for name, fn in [
                ("before", lambda: before(store, user)),
                ("before_all", lambda: before(store, user, limit=ENTRIES)),
                ("after_page1", lambda: after(store, user, 1)),
                ("after_page11", lambda: after(store, user, 11)),
            ]:
                _clear_cache()
                figures[name] = timed(fn, repeats)
            assert len(after(store, user, 1)[0]) == 24  # a page is 24 tiles
            assert len(before(store, user)[0]) == 200
        finally:
            store.close()
    data = {k: {"cold_s": v[0], "warm_s": v[1]} for k, v in figures.items()}
    data |= {"entries": ENTRIES, "output_px": side, "repeats": repeats}
    rows = []
    for label, key in [("page 1 of 21", "after_page1"), ("page 11 of 21", "after_page11")]:
        cold, warm = figures[key]
        base_cold, base_warm = figures["before"]
        rows.append(
            Row(
                benchmark=f"history: refresh at {ENTRIES} edits, {label} (warm / cold)",
                measured=f"{ms(warm)} / {ms(cold)}",
                baseline=f"{ms(base_warm)} / {ms(base_cold)} (list 200)",
                ratio=f"{base_warm / warm:.1f}x / {base_cold / cold:.1f}x faster",
                data=data,
            )
        )
    all_cold, all_warm = figures["before_all"]
    rows.append(
        Row(
            benchmark=f"history: refresh listing all {ENTRIES} (before, for reference)",
            measured=f"{ms(all_warm)} / {ms(all_cold)}",
            data=data,
        )
    )
    return rows


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    isolate_gradio()
    for row in run(quick="--quick" in argv):
        print(f"{row.benchmark}: {row.measured}  (before: {row.baseline}; {row.ratio})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
