"""2. Bytes uploaded per edit for a 12 MP photo, against the naive way (the original file as a
base64 data: URI), and how faithful the image sent is: PSNR of what is sent, decoded, against
the original resized the same way (LANCZOS) to the size sent."""

from __future__ import annotations

import base64
import io
import math
import time

import numpy as np
from PIL import Image

from benchmarks.common import Row, fmt_mb
from benchmarks.inputs import MP12, photo_files

RATIO_TARGET = 0.35  # for the PNG
PSNR_TARGET_DB = 40.0
MIME = {"png": "image/png", "jpeg": "image/jpeg"}


def psnr(a: np.ndarray, b: np.ndarray) -> float:
    mse = float(np.mean((a.astype(np.float64) - b.astype(np.float64)) ** 2))
    return math.inf if mse == 0 else 10 * math.log10(255.0**2 / mse)


def measure(kind: str) -> dict:
    from services.imaging import prepare_image

    path = photo_files(MP12, 1)[kind]
    original = path.read_bytes()
    naive = len(f"data:{MIME[kind]};base64,") + len(base64.b64encode(original))
    t0 = time.perf_counter()
    prepared = prepare_image(path)
    prepare_s = time.perf_counter() - t0
    sent = len(prepared.ref)
    with Image.open(io.BytesIO(prepared.data)) as im:
        decoded = np.asarray(im.convert("RGB"))
    with Image.open(path) as im:
        im = im.convert("RGB")
        if im.size != (prepared.width, prepared.height):
            size = (prepared.width, prepared.height)
            im = im.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)
        reference = np.asarray(im)
    return {
        "file": path.name,
        "original_bytes": len(original),
        "original_size": list(MP12),
        "naive_bytes": naive,
        "sent_bytes": sent,
        "sent_mime": prepared.mime,
        "sent_size": [prepared.width, prepared.height],
        "ratio": sent / naive,
        "psnr_db": psnr(decoded, reference),
        "prepare_s": prepare_s,
    }


def run(quick: bool = False) -> list[Row]:
    rows = []
    for kind in ("png", "jpeg"):
        m = measure(kind)
        target = kind == "png"
        ok = m["ratio"] <= RATIO_TARGET and m["psnr_db"] >= PSNR_TARGET_DB
        sent_as = m["sent_mime"].split("/")[1].upper()
        w, h = m["sent_size"]
        rows.append(
            Row(
                benchmark=f"upload: 12 MP {kind.upper()} ({fmt_mb(m['original_bytes'])})",
                measured=f"{fmt_mb(m['sent_bytes'])} sent ({sent_as} {w}x{h}, "
                f"PSNR {m['psnr_db']:.1f} dB)",
                baseline=f"{fmt_mb(m['naive_bytes'])} (base64 of file)",
                ratio=f"{m['ratio']:.2f}x",
                target=f"<= {RATIO_TARGET}x, >= {PSNR_TARGET_DB:g} dB" if target else "",
                passed=ok if target else None,
                data=m,
            )
        )
    return rows
