"""The region edit as two steps around the backend call (issue 12), so that any backend gets
them: `prepare` turns an EditRequest with a painted region into the request actually sent (the
crop as image 1, the crop's shape asked for when the model allows it), and `finish` stitches
each downloaded output back into the full-resolution original.

Time matters here: for a 12 MP photo, encoding one full-size PNG costs more than the whole
stitch. So `prepare` sends the crop as soon as it is cut, and encodes the original (for the
history, and the rows every output shares: png_rows.py) in the background while the service
works; `finish` stitches and writes the outputs in parallel, from the decoded original it kept."""

from __future__ import annotations

import shutil
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageOps

from services.messages import Translatable, msg
from services.models import ModelSpec
from services.region_edit import RegionError, RegionPlan, Stitched, crop_input, plan, stitch
from services.region_edit.png_rows import RowBandPng
from services.types import EditRequest, RegionRequest, Size

ORIENTATION = 0x0112  # the EXIF tag


@dataclass(frozen=True)
class RegionJob:
    """What `finish` needs: the plan, and the files behind it (kept in the history entry),
    which are written while the service works by `writer`, which also holds the decoded
    original."""

    plan: RegionPlan
    original: Path  # image 1 at full resolution, upright, as PNG
    mask: Path  # the mask as painted (white = edit), as PNG
    warnings: tuple[str, ...] = ()
    writer: Future | None = field(default=None, compare=False, repr=False)  # -> RowBandPng

    def png_writer(self) -> RowBandPng:
        """The encoder of the original's rows, once original-1.png and mask.png are written."""
        if self.writer is None:
            raise RuntimeError("this region job was not prepared with a writer")
        return self.writer.result()


@dataclass(frozen=True)
class Finished:
    outputs: list[Path]  # stitched, at the original's size
    raws: list[Path]  # the model's outputs as they came
    parameters: dict  # what the history keeps about the region: box, margin, feather, alignment
    warnings: tuple[str, ...]


def prepare(
    request: EditRequest, spec: ModelSpec, workdir: Path, pool: Executor
) -> tuple[EditRequest, RegionJob]:
    """The request to send for a region edit, and the job to finish it with. `pool` writes
    the original's files meanwhile."""
    region: RegionRequest = request.region  # type: ignore[assignment]
    first = request.images[0] if request.images else None
    if not isinstance(first, Path):
        raise RegionError(msg("error.region.needs_file"), msg("hint.region.needs_file"))
    try:
        painted = pool.submit(_read_mask, region.mask)  # decoded side by side with image 1
        with Image.open(first) as opened:
            original = _upright_rgb(opened)
            lossy = opened.format == "JPEG"
        mask = painted.result()
    except (OSError, ValueError) as exc:
        raise RegionError(msg("error.region.unreadable"), msg("hint.region.unreadable")) from exc
    job_plan = plan(original.size, mask, margin=region.margin, feather=region.feather)
    workdir.mkdir(parents=True, exist_ok=True)
    original_path, mask_path = workdir / "original-1.png", workdir / "mask.png"
    crop = _sendable(crop_input(original, job_plan), job_plan)
    # A JPEG's crop goes as a fine JPEG (its detail is already JPEG's): 5x smaller than a PNG,
    # which the person's upload link feels; anything else stays lossless.
    if lossy:
        crop_path = workdir / "crop.jpg"
        crop.save(crop_path, format="JPEG", quality=95)
    else:
        crop_path = workdir / "crop.png"
        crop.save(crop_path, format="PNG", compress_level=1)
    writer = pool.submit(_write_originals, original, mask, job_plan, original_path, mask_path)
    size, warnings = _size_to_ask(request, spec, job_plan)
    sent = replace(request, images=(crop_path, *request.images[1:]), size=size, region=None)
    job = RegionJob(job_plan, original_path, mask_path, warnings, writer=writer)
    return sent, job


def _read_mask(path: Path) -> Image.Image:
    with Image.open(path) as painted:
        return painted.convert("L").point(lambda v: 255 if v >= 128 else 0)


def _upright_rgb(image: Image.Image) -> Image.Image:
    """Image 1 as the person saw it when painting (EXIF orientation applied), in RGB, copied
    only when it has to be (each copy of a 12 MP photo costs ~15 ms)."""
    if image.getexif().get(ORIENTATION, 1) != 1:
        image = ImageOps.exif_transpose(image)
    return image.convert("RGB") if image.mode != "RGB" else image.copy()


def _sendable(crop: Image.Image, job_plan: RegionPlan) -> Image.Image:
    """The crop at the size the model will work at: the service scales every input to ~1 MP,
    so sending more pixels costs upload and encoding time and gains nothing."""
    width, height = job_plan.request_size
    if crop.width * crop.height <= width * height:
        return crop
    small = cv2.resize(np.asarray(crop), (width, height), interpolation=cv2.INTER_AREA)
    return Image.fromarray(small, "RGB")


def _write_originals(
    image: Image.Image, mask: Image.Image, job_plan: RegionPlan, original: Path, mask_path: Path
) -> RowBandPng:
    _, top, _, bottom = job_plan.box
    writer = RowBandPng(np.asarray(image), top, bottom)
    writer.write_original(original)
    mask.save(mask_path, format="PNG")
    return writer


def _size_to_ask(
    request: EditRequest, spec: ModelSpec, job_plan: RegionPlan
) -> tuple[Size | None, tuple[str, ...]]:
    """The output follows the LAST image: ask for the crop's shape where the model allows a
    size (one output), else say what will happen when references come after image 1."""
    if request.size is not None:
        return request.size, ()
    wanted = Size(*job_plan.request_size)
    rule = spec.size
    if (
        rule is not None
        and (request.n == 1 or not rule.single_output_only)
        and rule.accepts(wanted)
    ):
        return wanted, ()
    if len(request.images) > 1:
        return None, (Translatable(msg("warning.region.last_image_shape")),)
    return None, ()


def finish(job: RegionJob, downloads: list[Path], pool: Executor, workers: int = 2) -> Finished:
    """Stitch every output into the original and write it, in parallel (OpenCV, numpy and
    zlib let go of the GIL): the outputs side by side, and each output's rows in pieces when
    there are fewer outputs than workers. The raw outputs are kept beside them."""
    writer = job.png_writer()  # also: original-1.png and mask.png are on disk
    stitched = list(pool.map(lambda path: _stitch_one(writer.original, job.plan, path), downloads))
    parts = max(1, workers // max(1, len(downloads)))
    writes = [
        pool.submit(_write, writer, path.with_name(f"stitched-{index}.png"), result, parts)
        for index, (path, result) in enumerate(zip(downloads, stitched, strict=True), 1)
    ]
    for future in writes:
        future.result()
    finals, raws, alignments, warnings = [], [], [], list(job.warnings)
    for index, (path, result) in enumerate(zip(downloads, stitched, strict=True), 1):
        raw = path.with_name(f"raw-{index}.png")
        shutil.move(str(path), raw)
        finals.append(path.with_name(f"stitched-{index}.png"))
        raws.append(raw)
        a = result.alignment
        alignments.append(
            {
                "applied": a.applied,
                "dx": round(a.dx, 3),
                "dy": round(a.dy, 3),
                "scale": round(a.scale, 5),
                "angle": round(a.angle, 4),
                "residual_px": None if a.residual_px is None else round(a.residual_px, 3),
            }
        )
        warnings += [w for w in result.warnings if w not in warnings]
    parameters = {
        "box": list(job.plan.box),
        "margin": job.plan.margin,
        "feather": job.plan.feather,
        "alignment": alignments,
    }
    return Finished(finals, raws, parameters, tuple(warnings))


def _stitch_one(original: np.ndarray, job_plan: RegionPlan, path: Path) -> Stitched:
    with Image.open(path) as opened:
        output = opened.convert("RGB")
    return stitch(original, output, job_plan)


def _write(writer: RowBandPng, path: Path, result: Stitched, parts: int) -> None:
    # Only the box's rows differ from the original: the rest is the writer's, compressed once.
    band = result.pixels[writer.top : writer.bottom]
    if parts == 1:
        writer.write(path, band)
        return
    # Its pieces in threads of their own: waiting on this same pool from inside it could
    # leave every worker waiting for a piece none is free to run.
    with ThreadPoolExecutor(max_workers=parts, thread_name_prefix="png-rows") as own:
        writer.write(path, band, own, parts)
