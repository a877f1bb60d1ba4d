"""The app's own request in the history (services/history/requests.py): what a restore reads,
for new entries, for entries made before it existed, and for manifests that were tampered with."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from services.history import SavedRegion, SavedRequest, request_record, saved_request
from services.types import EditRequest, RegionRequest, Size

requests = st.builds(
    EditRequest,
    images=st.just((Path("in.png"),)),
    prompt=st.just("x"),
    n=st.integers(1, 6),
    size=st.none() | st.builds(Size, st.integers(512, 2048), st.integers(512, 2048)),
    seed=st.none() | st.integers(0, 2**31 - 1),
    prompt_extend=st.none() | st.booleans(),
    watermark=st.booleans(),
    region=st.none()
    | st.builds(
        RegionRequest,
        mask=st.just(Path("mask.png")),
        margin=st.floats(0, 1),
        feather=st.none() | st.integers(0, 200),
    ),
)


@given(requests)
def test_a_request_comes_back_as_it_was_asked_through_json(request):
    # The manifest is JSON on disk: the record must survive it.
    parameters = json.loads(json.dumps({"n": 9, "size": "1*1", "request": request_record(request)}))
    saved = saved_request(parameters)
    region = request.region
    assert saved == SavedRequest(
        n=request.n,
        size=request.size,
        seed=request.seed,
        prompt_extend=request.prompt_extend,
        watermark=request.watermark,
        region=None if region is None else SavedRegion(region.margin, region.feather),
    )


def test_an_entry_from_before_the_record_is_read_from_what_was_sent():
    wire = {"n": 2, "seed": 5, "watermark": True, "size": "1024*768", "prompt_extend": False}
    assert saved_request(wire) == SavedRequest(
        n=2, size=Size(1024, 768), seed=5, prompt_extend=False, watermark=True
    )
    assert saved_request({}) == SavedRequest()


@pytest.mark.parametrize(
    "record",
    [
        {"n": "many", "size": {"width": "x", "height": 5}, "seed": True, "watermark": "yes"},
        {"n": None, "size": [1024, 1024], "prompt_extend": "on", "region": "everything"},
        {"size": {"width": -5, "height": 100}, "region": {"margin": "wide", "feather": -3}},
        {"region": {"margin": None, "feather": "soft"}},
    ],
)
def test_a_tampered_record_falls_back_to_defaults_instead_of_failing_a_restore(record):
    saved = saved_request({"request": record})
    assert saved.n == 1 and saved.size is None and saved.seed is None
    assert saved.watermark is False and saved.prompt_extend is None
    if isinstance(record.get("region"), dict):
        assert saved.region == SavedRegion(RegionRequest.margin, None)
    else:
        assert saved.region is None
