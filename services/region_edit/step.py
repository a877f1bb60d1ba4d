"""The region edit as two steps around the backend call (issue 12), so that any backend gets
them: `prepare` turns an EditRequest with a painted region into the request actually sent (the
crop as image 1, the crop's shape asked for when the model allows it), and `finish` stitches
each downloaded output back into the full-resolution original."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, replace
from pathlib import Path

from PIL import Image, ImageOps

from services.models import ModelSpec
from services.region_edit import RegionError, RegionPlan, crop_input, plan, stitch_all
from services.types import EditRequest, RegionRequest, Size


@dataclass(frozen=True)
class RegionJob:
    """What `finish` needs: the plan, and the files behind it (kept in the history entry)."""

    plan: RegionPlan
    original: Path  # image 1 at full resolution, upright, as PNG
    mask: Path  # the mask as painted (white = edit), as PNG
    warnings: tuple[str, ...] = ()
    asked_size: Size | None = None  # the size the person asked for (None: Auto)


@dataclass(frozen=True)
class Finished:
    outputs: list[Path]  # stitched, at the original's size
    raws: list[Path]  # the model's outputs as they came
    parameters: dict  # what the history keeps about the region: box, margin, feather, alignment
    warnings: tuple[str, ...]


def prepare(request: EditRequest, spec: ModelSpec, workdir: Path) -> tuple[EditRequest, RegionJob]:
    """The request to send for a region edit, and the job to finish it with."""
    region: RegionRequest = request.region  # type: ignore[assignment]
    first = request.images[0] if request.images else None
    if not isinstance(first, Path):
        raise RegionError(
            "A region edit needs image 1 as an uploaded file.",
            "Upload image 1 (a link cannot be cropped here), then paint the region again.",
        )
    try:
        with Image.open(first) as opened:
            # Upright, as the person saw it when painting.
            original = ImageOps.exif_transpose(opened).convert("RGB")
        with Image.open(region.mask) as painted:
            mask = painted.convert("L").point(lambda v: 255 if v >= 128 else 0)
    except (OSError, ValueError) as exc:
        raise RegionError(
            "Image 1 or the painted region could not be read.",
            "Upload image 1 again and paint the region again.",
        ) from exc
    job_plan = plan(original.size, mask, margin=region.margin, feather=region.feather)
    workdir.mkdir(parents=True, exist_ok=True)
    crop_path, original_path, mask_path = (
        workdir / "crop.png",
        workdir / "original-1.png",
        workdir / "mask.png",
    )
    crop_input(original, job_plan).save(crop_path, format="PNG")
    original.save(original_path, format="PNG", compress_level=1)
    mask.save(mask_path, format="PNG")
    size, warnings = _size_to_ask(request, spec, job_plan)
    sent = replace(request, images=(crop_path, *request.images[1:]), size=size, region=None)
    return sent, RegionJob(job_plan, original_path, mask_path, warnings, request.size)


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
        return None, (
            "The outputs take the shape of the last image, not of the painted region; they "
            "are fitted to the region before stitching. For the best fit ask for 1 output, or "
            "put the reference images in the region's shape.",
        )
    return None, ()


def finish(job: RegionJob, downloads: list[Path]) -> Finished:
    """Stitch every output into the original; the raw outputs are kept beside them."""
    with Image.open(job.original) as opened:
        original = opened.convert("RGB")
    outputs = []
    for path in downloads:
        with Image.open(path) as opened:
            outputs.append(opened.convert("RGB"))
    stitched = stitch_all(original, outputs, job.plan)
    finals, raws, alignments, warnings = [], [], [], list(job.warnings)
    for index, (path, result) in enumerate(zip(downloads, stitched, strict=True), 1):
        raw = path.with_name(f"raw-{index}.png")
        shutil.move(str(path), raw)
        final = path.with_name(f"stitched-{index}.png")
        result.image.save(final, format="PNG", compress_level=1)
        finals.append(final)
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
