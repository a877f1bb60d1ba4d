"""Experiments, planned before anything is sent (services/experiments): the run is the product
of its axes, each cell labelled by its place; the estimate counts requests, images, cost and
time from each model's rate; and every refusal carries a catalogue kind in three languages."""

from __future__ import annotations

import itertools
import json
import random
import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from services.config import Settings
from services.editing import EditService
from services.experiments import (
    Experiments,
    ExperimentSpec,
    InputSet,
    draw_seeds,
)
from services.experiments.layout import grid
from services.experiments.plan import TYPICAL_SERVICE_S, blank_cells, in_flight
from services.experiments.store import message_json, message_of, spec_json, spec_of
from services.experiments.types import ExperimentRefused, RunView
from services.messages import LANGUAGES, Message, msg, render
from services.models import MODELS
from services.ratelimit import RateLimiter
from services.results import DownloadPolicy, ResultStore
from services.spending import Caps, SpendingLedger
from services.types import ApiKey, Size
from services.validation import SEED_MAX
from tests.support import TEST_KEY

PLUS, MAX = "qwen-image-edit-plus", "qwen-image-edit-max"


@pytest.fixture
def photo(tmp_path):
    path = tmp_path / "photo.png"
    Image.new("RGB", (640, 480), (20, 120, 200)).save(path)
    return path


def make(tmp_path, spending: SpendingLedger | None = None, **overrides) -> Experiments:
    settings = Settings(data_dir=tmp_path / "data", operator_key=ApiKey(TEST_KEY), **overrides)
    results = ResultStore(tmp_path / "out", DownloadPolicy(frozenset()))
    editor = EditService(settings, backend=None, results=results, limiter=RateLimiter(2.0),  # type: ignore[arg-type]
                         spending=spending)  # fmt: skip
    return Experiments(settings, editor)


def spec_of_axes(photo, prompts=1, seeds=1, models=(PLUS,), sets=1, **kw) -> ExperimentSpec:
    return ExperimentSpec(
        prompts=tuple(f"instruction {i}" for i in range(prompts)),
        seeds=tuple(range(100, 100 + seeds)),
        models=tuple(models),
        input_sets=tuple(InputSet((photo,), f"photo-{i}.png") for i in range(sets)),
        **kw,
    )


def view_of(spec: ExperimentSpec) -> RunView:
    return RunView("0" * 20, "", spec, "running", blank_cells(spec), 0.0, None)  # type: ignore[arg-type]


@settings(max_examples=60, deadline=None)
@given(
    prompts=st.integers(1, 4),
    seeds=st.integers(1, 4),
    models=st.lists(st.sampled_from(sorted(MODELS)), min_size=1, max_size=3, unique=True),
    sets=st.integers(1, 3),
)
def test_the_run_is_the_product_of_the_axes_each_cell_once_and_labelled_apart(
    tmp_path_factory, prompts, seeds, models, sets
):
    photo = tmp_path_factory.getbasetemp() / "p.png"
    spec = spec_of_axes(photo, prompts, seeds, models, sets)
    cells = blank_cells(spec)
    assert len(cells) == prompts * seeds * len(models) * sets
    places = {(c.prompt, c.seed, c.model, c.input_set) for c in cells}
    assert places == set(
        itertools.product(range(prompts), range(seeds), range(len(models)), range(sets))
    )
    assert [c.index for c in cells] == list(range(len(cells)))
    view = view_of(spec)
    for lang in LANGUAGES:
        labels = [view.label(c, lang) for c in cells]
        assert len(set(labels)) == len(cells)  # no two cells share a label
        assert all("{" not in label for label in labels)
    # The grid holds every cell once: one axis across, the product of the others down.
    layout = grid(view)
    placed = [c for row in layout.cells for c in row]
    assert sorted(c.index for c in placed if c) == list(range(len(cells)))
    assert len(layout.rows) * len(layout.columns) == len(cells)


def test_labels_name_each_axis_in_the_readers_language(photo):
    spec = spec_of_axes(photo, prompts=2, seeds=2, models=(PLUS, MAX))
    view = view_of(spec)
    cell = view.cells[-1]
    assert view.label(cell) == "prompt 2 · seed 101 · max · photo-0.png"
    assert view.label(cell, "ja") == "プロンプト 2 · シード 101 · max · photo-0.png"
    assert view.label(cell, "zh-CN") == "提示词 2 · 随机数种子 101 · max · photo-0.png"
    assert grid(view).column_axis == "seed"


def test_estimate_counts_requests_images_cost_and_time_from_each_models_rate(tmp_path, photo):
    experiments = make(tmp_path)
    safety = experiments.settings.rate_limit_safety
    plus = experiments.estimate(spec_of_axes(photo, prompts=3, seeds=4, n=2))
    assert (plus.requests, plus.images) == (12, 24)
    assert plus.cost_usd == pytest.approx(24 * 0.03)
    # 12 sends spaced at 2 a second, the last answered a service time later.
    assert plus.seconds == pytest.approx(11 * (1 + safety) / 2 + TYPICAL_SERVICE_S, abs=0.1)

    both = experiments.estimate(spec_of_axes(photo, prompts=1, seeds=5, models=(PLUS, MAX)))
    by_model = {load.model: load for load in both.per_model}
    assert by_model[MAX].seconds == pytest.approx(4 * 30 * (1 + safety) + TYPICAL_SERVICE_S, 0.01)
    assert by_model[PLUS].seconds < by_model[MAX].seconds
    # Side by side: the run takes as long as its slowest model, not the sum.
    assert both.seconds == by_model[MAX].seconds
    assert both.requests == 10 and both.cost_usd == pytest.approx(5 * 0.03 + 5 * 0.075)
    # Enough sends in flight that the rate, not the pool, sets Plus's pace.
    assert in_flight(PLUS, None, 60, TYPICAL_SERVICE_S) >= 2 * TYPICAL_SERVICE_S
    assert in_flight(MAX, None, 5, TYPICAL_SERVICE_S) == 2


def _rendered_everywhere(exc: ExperimentRefused) -> None:
    for lang in LANGUAGES:
        words = exc.render(lang)
        assert words and "{" not in words and "experiment." not in words


@pytest.mark.parametrize("axis", ["prompts", "seeds", "models", "input_sets"])
def test_an_empty_axis_is_refused_by_name(tmp_path, photo, axis):
    spec = spec_of_axes(photo)
    empty = ExperimentSpec(**{**spec.__dict__, axis: ()})
    with pytest.raises(ExperimentRefused) as caught:
        make(tmp_path).estimate(empty)
    assert caught.value.kind == "error.experiment.empty_axis"
    assert caught.value.params["axis"] == Message(f"experiment.axis.{axis}")
    assert caught.value.hint_kind == "hint.experiment.empty_axis"
    _rendered_everywhere(caught.value)


def test_a_run_over_the_deployments_cap_is_refused(tmp_path, photo):
    experiments = make(tmp_path, max_run_requests=10)
    experiments.estimate(spec_of_axes(photo, prompts=2, seeds=5))  # exactly the cap
    with pytest.raises(ExperimentRefused) as caught:
        experiments.estimate(spec_of_axes(photo, prompts=3, seeds=4))
    assert caught.value.kind == "error.experiment.too_many"
    assert caught.value.params == {"requests": 12, "cap": 10}
    _rendered_everywhere(caught.value)


def test_the_cap_comes_from_the_environment():
    env = {"QWEN_EDIT_MAX_RUN_REQUESTS": "25", "QWEN_EDIT_DATA_DIR": "/nonexistent"}
    assert Settings.from_env(env).max_run_requests == 25
    assert Settings.from_env({"QWEN_EDIT_DATA_DIR": "/x"}).max_run_requests == 60


def test_a_cell_the_editor_would_refuse_is_named(tmp_path, photo):
    experiments = make(tmp_path)
    # qwen-image-edit makes exactly 1 output: with n = 2, the second model's first cell.
    spec = spec_of_axes(photo, seeds=2, models=(PLUS, "qwen-image-edit"), n=2)
    with pytest.raises(ExperimentRefused) as caught:
        experiments.estimate(spec)
    assert caught.value.kind == "error.experiment.cell_refused"
    assert caught.value.params["number"] == 3
    assert render(caught.value.params["label"]) == "prompt 1 · seed 100 · edit · photo-0.png"
    assert "qwen-image-edit" in caught.value.message  # the editor's own reason follows
    _rendered_everywhere(caught.value)
    # An empty instruction among several; a size the model refuses.
    blank = ExperimentSpec(**{**spec_of_axes(photo).__dict__, "prompts": ("ok", " ")})
    with pytest.raises(ExperimentRefused, match="Request 2"):
        experiments.estimate(blank)
    with pytest.raises(ExperimentRefused, match="Request 1"):
        experiments.estimate(spec_of_axes(photo, size=Size(100, 100)))


def test_an_input_that_is_not_an_image_is_refused_before_anything_is_sent(tmp_path, photo):
    notes = tmp_path / "notes.png"
    notes.write_text("not an image")
    spec = ExperimentSpec(
        prompts=("a",), seeds=(1,), models=(PLUS,),
        input_sets=(InputSet((photo,), "photo"), InputSet((notes,), "notes")),
    )  # fmt: skip
    with pytest.raises(ExperimentRefused) as caught:
        make(tmp_path).estimate(spec)
    assert caught.value.params["number"] == 2 and "notes" in caught.value.message


def test_a_run_over_the_spending_budget_is_refused_when_the_operators_key_pays(tmp_path, photo):
    ledger = SpendingLedger(tmp_path / "spend.sqlite3", Caps(budget_usd=0.5))
    try:
        experiments = make(tmp_path, spending=ledger)
        experiments.estimate(spec_of_axes(photo, seeds=16))  # $0.48
        with pytest.raises(ExperimentRefused) as caught:
            experiments.estimate(spec_of_axes(photo, seeds=17))  # $0.51
        assert caught.value.kind == "error.experiment.over_budget"
        assert caught.value.params["left"] == pytest.approx(0.5)
        _rendered_everywhere(caught.value)
        # A user's own key spends their own money: no budget applies.
        own = experiments.settings.credentials("sk-someoneelse0123456789")
        experiments.estimate(spec_of_axes(photo, seeds=17), credentials=own)
    finally:
        ledger.close()


def test_seeds_are_drawn_distinct_and_in_the_services_range():
    seeds = draw_seeds(50, random.Random(7))
    assert len(seeds) == len(set(seeds)) == 50
    assert all(0 <= s <= SEED_MAX for s in seeds)
    assert draw_seeds(0) == ()


@given(st.text(string.printable + "提示词シード", max_size=30), st.integers(0, 10**6))
def test_errors_survive_the_database_as_messages(words, number):
    said = msg("error.with_hint", message=msg("error.experiment.no_cell", number=number),
               hint=Message("verbatim", {"text": words}))  # fmt: skip
    back = message_of(json.loads(json.dumps(message_json(said))))
    for lang in LANGUAGES:
        assert render(back, lang) == render(said, lang)


def test_a_spec_survives_the_database(photo):
    spec = spec_of_axes(photo, prompts=2, seeds=3, models=(PLUS, MAX), size=Size(1024, 768),
                        prompt_extend=False, watermark=True, name="実験")  # fmt: skip
    assert spec_of(json.loads(json.dumps(spec_json(spec)))) == spec


def test_a_run_over_a_visitors_daily_caps_is_refused_before_it_starts(tmp_path, photo):
    ledger = SpendingLedger(tmp_path / "spend.sqlite3", Caps(edits_per_visitor=5))
    try:
        experiments = make(tmp_path, spending=ledger)
        operator = experiments.settings.credentials(None)
        with pytest.raises(ExperimentRefused) as caught:
            experiments.start("visitor", spec_of_axes(photo, seeds=6), operator, remember_key=False)
        assert caught.value.kind == "error.experiment.over_caps"
        assert caught.value.params["edits_left"] == 5
        _rendered_everywhere(caught.value)
        assert experiments.list("visitor") == []
        assert not (experiments.root).exists()  # nothing copied, nothing sent
    finally:
        experiments.close()
        ledger.close()
