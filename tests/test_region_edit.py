"""The region pipeline (issue 12), without the UI or a backend: the crop that is sent, the
alignment of a drifted output, the colour match, and the stitch that leaves every pixel
outside the mask and its feather exactly as it was."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image, ImageDraw

from services import region_edit as region
from services.errors import EditorError
from services.messages import Translatable, msg, render
from services.region_edit.align import align_output, ring_mask
from services.region_edit.crop import MAX_ASPECT, SIZE_HIGH, SIZE_LOW, SIZE_STEP
from services.region_edit.drift import Drift, drift_in_crop, rms_error
from tests.support import ROOT

EXAMPLES = ROOT / "assets" / "examples"

# -- helpers (benchmarks/region_edit.py uses them too) ------------------------------------------


def photo_like(size: tuple[int, int], seed: int, source: str = "rocket.jpg") -> Image.Image:
    """An example photo upscaled, with soft texture and sensor noise: edges, gradients and
    texture everywhere, as an alignment meets in a real photo."""
    rng = np.random.default_rng(seed)
    width, height = size
    base = cv2.resize(
        np.asarray(Image.open(EXAMPLES / source).convert("RGB")), size, cv2.INTER_CUBIC
    )
    grid = rng.normal(0, 1, (height // 6 + 2, width // 6 + 2)).astype(np.float32)
    texture = cv2.resize(grid, size, interpolation=cv2.INTER_CUBIC)
    noise = rng.integers(-3, 4, (height, width, 1), dtype=np.int16)
    pixels = base.astype(np.int16) + (12 * texture[..., None]).astype(np.int16) + noise
    return Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8), "RGB")


def ellipse_mask(size: tuple[int, int], box: tuple[int, int, int, int]) -> np.ndarray:
    mask = Image.new("L", size, 0)
    ImageDraw.Draw(mask).ellipse(box, fill=255)
    return np.asarray(mask) > 127


def fake_model(crop: Image.Image, plan: region.RegionPlan, drift: Drift) -> Image.Image:
    """What the service does, as far as the stitch can tell: the crop at the size asked for,
    an edit well inside the painted region, and the drift over everything."""
    out = crop.resize(plan.request_size, Image.Resampling.BICUBIC)
    rows, cols = np.nonzero(plan.mask)
    fx, fy = out.width / plan.mask.shape[1], out.height / plan.mask.shape[0]
    cx, cy = cols.mean() * fx, rows.mean() * fy
    rx, ry = 0.2 * np.ptp(cols) * fx, 0.2 * np.ptp(rows) * fy
    ImageDraw.Draw(out).ellipse((cx - rx, cy - ry, cx + rx, cy + ry), fill=(210, 40, 50))
    return region.apply_drift(out, drift)


def seam_energy(image: np.ndarray, mask: np.ndarray, band: int) -> float:
    """Mean squared gradient across the mask's border (the component along the border's
    normal) within `band` px of it on either side: where a seam would show."""
    grey = cv2.cvtColor(image, cv2.COLOR_RGB2GRAY).astype(np.float32)
    gx, gy = cv2.Sobel(grey, cv2.CV_32F, 1, 0), cv2.Sobel(grey, cv2.CV_32F, 0, 1)
    soft = cv2.GaussianBlur(mask.astype(np.float32), (0, 0), 3)
    nx, ny = cv2.Sobel(soft, cv2.CV_32F, 1, 0), cv2.Sobel(soft, cv2.CV_32F, 0, 1)
    across = (gx * nx + gy * ny) / (np.hypot(nx, ny) + 1e-9)
    outside = cv2.distanceTransform((~mask).astype(np.uint8), cv2.DIST_L2, 5)
    inside = cv2.distanceTransform(mask.astype(np.uint8), cv2.DIST_L2, 5)
    near = ((outside > 0) & (outside <= band)) | ((inside > 0) & (inside <= band))
    return float((across[near] ** 2).mean())


def hard_paste(original: Image.Image, output: Image.Image, plan: region.RegionPlan):
    """The naive stitch: the output scaled to the crop, pasted inside the mask as it is."""
    result = np.array(original)
    left, top, right, bottom = plan.box
    scaled = np.asarray(output.resize(plan.crop_size, Image.Resampling.BICUBIC))
    view = result[top:bottom, left:right]
    view[plan.mask] = scaled[plan.mask]
    return result


def outside_diff(original: Image.Image, result: Image.Image, plan: region.RegionPlan) -> int:
    """Largest difference outside the mask dilated (a disc) by the feather."""
    radius = plan.feather
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * radius + 1, 2 * radius + 1))
    grown = cv2.dilate(plan.full_mask().astype(np.uint8), kernel) > 0
    diff = np.abs(np.asarray(original, np.int16) - np.asarray(result, np.int16)).max(axis=2)
    return int(diff[~grown].max())


# -- the crop ------------------------------------------------------------------------------


def check_plan(plan: region.RegionPlan, mask: np.ndarray) -> None:
    width, height = plan.image_size
    left, top, right, bottom = plan.box
    assert 0 <= left < right <= width and 0 <= top < bottom <= height
    assert plan.full_mask().sum() == mask.sum()  # every painted pixel is inside the box
    w, h = plan.crop_size
    if max(width, height) <= MAX_ASPECT * min(width, height):
        assert max(w, h) <= MAX_ASPECT * min(w, h) + 1
    rw, rh = plan.request_size
    assert rw % SIZE_STEP == 0 and rh % SIZE_STEP == 0
    assert SIZE_LOW <= rw <= SIZE_HIGH and SIZE_LOW <= rh <= SIZE_HIGH
    assert 0.8e6 <= rw * rh <= 1.3e6  # the service's ~1 MP
    assert abs(rw / rh - w / h) <= 0.05 * w / h or max(w, h) > MAX_ASPECT * min(w, h)
    assert plan.feather >= 4


def test_a_small_region_gets_context_and_the_service_size():
    mask = ellipse_mask((4000, 3000), (1800, 1400, 2000, 1500))
    plan = region.plan((4000, 3000), mask)
    check_plan(plan, mask)
    w, h = plan.crop_size
    assert w > 200 * 1.5 and h > 100 * 1.5  # the margin
    assert plan.request_size[0] * plan.request_size[1] > 4 * w * h  # sent at more detail


def test_a_region_at_the_edge_shifts_the_box_inward():
    mask = np.zeros((600, 800), bool)
    mask[0:50, 700:800] = True
    plan = region.plan((800, 600), mask, margin=0.5)
    check_plan(plan, mask)
    assert plan.box[2] == 800 and plan.box[1] == 0


def test_a_thin_region_is_widened_to_three_to_one():
    mask = np.zeros((1000, 3000), bool)
    mask[500:510, 100:2900] = True
    plan = region.plan((3000, 1000), mask)
    check_plan(plan, mask)
    w, h = plan.crop_size
    assert w / h <= MAX_ASPECT + 0.01


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    width=st.integers(64, 1600),
    aspect=st.floats(1 / 3, 3),
    rects=st.lists(
        st.tuples(*(st.floats(0, 1),) * 4), min_size=1, max_size=4
    ),  # x, y, w, h as shares
    margin=st.floats(0, 1),
)
def test_plan_properties_over_random_masks(width, aspect, rects, margin):
    height = max(64, min(1600, round(width / aspect)))
    mask = np.zeros((height, width), bool)
    for x, y, w, h in rects:
        x0, y0 = int(x * (width - 9)), int(y * (height - 9))
        mask[y0 : y0 + 9 + int(h * height / 2), x0 : x0 + 9 + int(w * width / 2)] = True
    try:
        plan = region.plan((width, height), mask, margin=margin)
    except region.MaskTooLargeError:
        assert mask.mean() > 0.9
        return
    check_plan(plan, mask)


@pytest.mark.parametrize(
    ("mask", "error", "words"),
    [
        (np.zeros((300, 400), bool), region.EmptyMaskError, "empty"),
        (np.ones((300, 400), bool), region.MaskTooLargeError, "normal edit"),
        (np.pad(np.ones((3, 3), bool), ((100, 197), (100, 297))), region.MaskTooSmallError, "9"),
        (np.ones((200, 400), bool), region.MaskSizeError, "400x200"),
        (Image.new("L", (401, 300), 255), region.MaskSizeError, "401x300"),
    ],
    ids=["empty", "everything", "a few pixels", "other size", "other size (image)"],
)
def test_each_bad_mask_gets_its_own_clear_error(mask, error, words):
    with pytest.raises(error) as caught:
        region.plan((400, 300), mask)
    assert isinstance(caught.value, EditorError)
    assert words in caught.value.user_text()
    assert caught.value.hint


def test_a_panorama_too_thin_for_the_service_is_refused_clearly():
    mask = np.zeros((500, 4000), bool)
    mask[200:300, 0:4000] = True
    with pytest.raises(region.MaskShapeError, match="too long and thin"):
        region.plan((4000, 500), mask)


def test_region_errors_and_warnings_carry_kinds_and_render_in_each_language():
    with pytest.raises(region.MaskSizeError) as caught:
        region.plan((400, 300), np.ones((200, 400), bool))
    err = caught.value
    assert (err.kind, err.params) == (
        "error.region.mask_size",
        {"mask": "400x200", "image": "400x300"},
    )
    assert err.hint_kind == "hint.region.mask_size"
    assert err.render("ja").startswith("マスクは 400x200 ピクセルですが、画像 1 は 400x300 です。")
    assert err.render("zh-CN").startswith("蒙版为 400x200 像素，但图像 1 为 400x300。")
    with pytest.raises(region.MaskTooLargeError) as caught:
        region.plan((400, 300), np.ones((300, 400), bool))
    assert (caught.value.kind, caught.value.params) == ("error.region.too_large", {"coverage": 1.0})
    assert caught.value.message == "The mask covers 100% of the image."
    assert "100%" in caught.value.render("ja")
    with pytest.raises(region.RegionError) as caught:
        region.plan((400, 300), np.ones((300, 400), bool), margin=3)
    assert (caught.value.kind, caught.value.params) == ("error.region.margin", {"margin": 3})
    assert caught.value.render("zh-CN") == "上下文边距不能为 3。请使用 0 至 2 之间的边距。"
    mask = np.zeros((500, 4000), bool)
    mask[200:300, 0:4000] = True
    with pytest.raises(region.MaskShapeError) as caught:
        region.plan((4000, 500), mask)
    assert caught.value.kind == "error.region.too_thin" and caught.value.params["aspect"] == 3.0
    assert "3:1" in caught.value.render("ja") and "3:1" in caught.value.render("zh-CN")
    image = photo_like((400, 300), seed=2)
    mask = np.zeros((300, 400), bool)
    mask[20:280, 20:380] = True
    plan = region.plan(image.size, mask)
    out = fake_model(region.crop_input(image, plan), plan, Drift(shift=(0.01, 0.0)))
    (warning,) = region.stitch(image, out, plan).warnings
    assert isinstance(warning, Translatable)
    assert warning.message == msg("warning.region.little_context")
    assert warning == "Too little context around the region to align the output."
    assert render(warning, "ja") == "領域の周囲が少なすぎるため、出力画像の位置を合わせられません。"
    assert render(warning, "zh-CN") == "区域周围的上下文太少，无法对齐输出图像。"


def test_a_pil_mask_is_read_white_for_edit():
    mask = Image.new("L", (400, 300), 0)
    ImageDraw.Draw(mask).rectangle((100, 100, 199, 149), fill=255)
    plan = region.plan((400, 300), mask)
    assert plan.full_mask().sum() == 100 * 50


# -- drift and alignment -------------------------------------------------------------------


@pytest.fixture(scope="module")
def scene():
    image = photo_like((1600, 1200), seed=1)
    mask = ellipse_mask(image.size, (520, 380, 1040, 820))
    plan = region.plan(image.size, mask)
    return image, plan, region.crop_input(image, plan)


def test_drifted_outputs_are_aligned_back_within_half_a_pixel(scene):
    image, plan, crop = scene
    rng = np.random.default_rng(12)
    before, after = [], []
    for _ in range(5):
        drift = region.random_drift(rng)
        stitched = region.stitch(image, fake_model(crop, plan, drift), plan)
        truth = drift_in_crop(drift, plan.crop_size, plan.request_size)
        assert stitched.alignment.applied and not stitched.warnings
        after.append(rms_error(stitched.alignment.matrix, truth, plan.crop_size))
        before.append(rms_error(np.eye(2, 3), truth, plan.crop_size))
        assert stitched.alignment.residual_px is not None
        assert stitched.alignment.residual_px < 1.0
    assert max(after) <= 0.5, after
    assert min(before) > 3.0, before  # without alignment: several pixels off


def test_the_recovered_drift_reads_like_the_true_one(scene):
    image, plan, crop = scene
    drift = Drift(zoom=1.02, shift=(0.01, -0.015), angle=0.6)
    found = region.stitch(image, fake_model(crop, plan, drift), plan).alignment
    assert found.scale == pytest.approx(1.02, abs=0.002)
    assert found.angle == pytest.approx(0.6, abs=0.05)
    assert found.dx == pytest.approx(0.01 * plan.crop_size[0], abs=0.5)
    assert found.dy == pytest.approx(-0.015 * plan.crop_size[1], abs=0.5)


def test_a_colour_cast_is_matched_in_the_ring(scene):
    image, plan, crop = scene
    drift = Drift(gain=(1.08, 0.93, 1.02), offset=(-8.0, 6.0, 4.0))
    stitched = region.stitch(image, fake_model(crop, plan, drift), plan)
    ring = ring_mask(plan.mask, plan.feather)
    original = np.asarray(crop, np.float32)[ring]
    # The stitch copies the original in the ring, so look at what the blend received there:
    # the raw output -> the crop's size -> aligned -> colour-matched.
    scaled = cv2.resize(np.asarray(stitched.raw), plan.crop_size, interpolation=cv2.INTER_CUBIC)
    matched, _, _ = align_output(np.asarray(crop), scaled, plan.mask, plan.feather)
    cast = np.abs(scaled.astype(np.float32)[ring] - original).mean()
    left_over = np.abs(matched.astype(np.float32)[ring] - original).mean()
    assert left_over < 2.5, left_over  # noise and interpolation, no cast
    assert cast > 3 * left_over


def test_without_context_the_output_is_used_as_it_came_and_a_warning_says_so():
    image = photo_like((400, 300), seed=2)
    mask = np.zeros((300, 400), bool)
    mask[20:280, 20:380] = True  # 78 % of the image: the crop is the image, no ring left
    plan = region.plan(image.size, mask)
    out = fake_model(region.crop_input(image, plan), plan, Drift(shift=(0.01, 0.0)))
    stitched = region.stitch(image, out, plan)
    assert not stitched.alignment.applied
    assert stitched.warnings and "context" in stitched.warnings[0]
    assert outside_diff(image, stitched.image, plan) == 0


# -- the stitch ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("size", "source", "box"),
    [
        ((640, 427), "rocket.jpg", (200, 100, 420, 300)),
        ((1200, 800), "coffee.jpg", (50, 500, 500, 790)),  # touches the bottom edge
        ((900, 900), "astronaut.jpg", (300, 250, 700, 650)),
    ],
)
def test_outside_mask_and_feather_every_pixel_is_the_originals(size, source, box):
    image = photo_like(size, seed=3, source=source)
    plan = region.plan(image.size, ellipse_mask(size, box))
    rng = np.random.default_rng(4)
    output = fake_model(region.crop_input(image, plan), plan, region.random_drift(rng))
    stitched = region.stitch(image, output, plan)
    assert stitched.image.size == image.size
    assert outside_diff(image, stitched.image, plan) == 0
    inside = np.asarray(stitched.image)[plan.full_mask()]
    assert np.abs(inside.astype(int) - np.asarray(image)[plan.full_mask()]).max() > 50  # edited


def test_a_12_megapixel_original_is_stitched_at_full_size_untouched_outside():
    image = photo_like((4000, 3000), seed=5)
    mask = ellipse_mask(image.size, (2500, 600, 3300, 1350))
    plan = region.plan(image.size, mask)
    output = fake_model(region.crop_input(image, plan), plan, Drift(1.015, (0.01, 0.005), 0.4))
    stitched = region.stitch(image, output, plan)
    assert stitched.image.size == (4000, 3000)
    assert outside_diff(image, stitched.image, plan) == 0
    assert stitched.alignment.applied
    assert stitched.heatmap.size == (1600, 1200)  # a preview of the whole frame
    heat = np.asarray(stitched.heatmap).astype(int).sum(axis=2)
    small = cv2.resize(plan.full_mask().astype(np.uint8), (1600, 1200), cv2.INTER_NEAREST) > 0
    assert heat[small].mean() > heat[~small].mean() + 60  # bright where the edit is


def test_the_seam_is_as_smooth_as_the_photo_and_a_hard_paste_is_not(scene):
    image, plan, crop = scene
    drift = Drift(zoom=1.02, shift=(0.012, -0.01), angle=0.5, gain=(1.06, 0.95, 1.0))
    output = fake_model(crop, plan, drift)
    stitched = region.stitch(image, output, plan)
    mask, band = plan.full_mask(), plan.feather
    original = seam_energy(np.asarray(image), mask, band)
    blended = seam_energy(np.asarray(stitched.image), mask, band) / original
    pasted = seam_energy(hard_paste(image, output, plan), mask, band) / original
    assert blended <= 1.2, blended
    assert pasted > blended * 1.2, (pasted, blended)


def test_feather_alpha_is_exactly_zero_beyond_the_feather():
    from services.region_edit.blend import feather_alpha

    mask = ellipse_mask((300, 200), (100, 50, 200, 150))
    alpha = feather_alpha(mask, 10)
    outside = cv2.distanceTransform((~mask).astype(np.uint8), cv2.DIST_L2, cv2.DIST_MASK_PRECISE)
    assert (alpha[outside >= 10] == 0).all()
    assert (alpha[mask] == 1).all()
    assert 0 < alpha[(outside > 2) & (outside < 8)].min() < 1


def test_a_resized_image_1_is_refused_at_crop_and_stitch():
    image = photo_like((400, 300), seed=6)
    plan = region.plan(image.size, ellipse_mask(image.size, (100, 100, 200, 200)))
    with pytest.raises(region.MaskSizeError):
        region.crop_input(image.resize((200, 150)), plan)
    with pytest.raises(region.MaskSizeError):
        region.stitch(image.resize((200, 150)), image, plan)


def test_several_outputs_each_keep_the_promise(scene):
    image, plan, crop = scene
    rng = np.random.default_rng(7)
    outputs = [fake_model(crop, plan, region.random_drift(rng)) for _ in range(3)]
    results = region.stitch_all(image, outputs, plan)
    assert [r.raw for r in results] == outputs
    for stitched in results:
        assert stitched.alignment.applied
        assert outside_diff(image, stitched.image, plan) == 0


def test_an_output_in_another_shape_is_fitted_and_the_user_told(scene):
    # With reference images after image 1 the output takes the last image's shape.
    image, plan, crop = scene
    square = fake_model(crop, plan, Drift()).resize((1024, 1024))
    stitched = region.stitch(image, square, plan)
    assert any("shape" in w for w in stitched.warnings)
    assert outside_diff(image, stitched.image, plan) == 0


@pytest.mark.parametrize("kind", ["another photo", "flat grey"])
def test_an_output_that_cannot_be_aligned_is_used_as_it_came_with_a_warning(scene, kind):
    image, plan, _ = scene
    output = (
        photo_like(plan.request_size, seed=9, source="coffee.jpg")
        if kind == "another photo"
        else Image.new("RGB", plan.request_size, (128, 128, 128))
    )
    stitched = region.stitch(image, output, plan)
    assert not stitched.alignment.applied
    assert stitched.warnings and "could not be aligned" in stitched.warnings[0]
    assert outside_diff(image, stitched.image, plan) == 0
