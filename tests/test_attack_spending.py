"""Attack class: spending on a public Space with the operator's key.

Any visitor could spend without limit. An operator can now cap edits and images per visitor
per day and set a daily budget in USD for the whole deployment, priced from the model table.
Each case asserts the message the visitor reads, that a refused edit never reached the
service, and that the counts hold across ids from one address."""

from __future__ import annotations

from pathlib import Path

import pytest
from gradio_client import Client
from gradio_client.exceptions import AppError
from PIL import Image

from tests.support import TEST_KEY, close_app, edit_kwargs, launch_app
from ui import handlers


@pytest.fixture(scope="module")
def photo(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("in") / "p.png"
    Image.new("RGB", (512, 512), "olive").save(path)
    return path


@pytest.fixture
def capped(tmp_path):
    apps = []

    def start(**caps):
        app = launch_app(tmp_path / f"app{len(apps)}", **caps)
        apps.append(app)
        return app

    yield start
    for app in apps:
        close_app(app)


def edit(app, photo, **kw):
    return Client(app.url, verbose=False).predict(**edit_kwargs([photo], **kw), api_name="/edit")


def test_edits_per_visitor_are_capped_across_new_ids_from_one_address(capped, photo):
    app = capped(cap_edits_per_visitor=2)
    _, meta = edit(app, photo)
    edit(app, photo, user_id=meta["user_id"])
    sent = len(app.emulator.requests)
    with pytest.raises(AppError, match="today's limit of 2 edits on this app's key") as err:
        edit(app, photo)  # a fresh history id, the same address
    assert "resets at 00:00 UTC" in str(err.value)
    assert len(app.emulator.requests) == sent  # refused before anything was sent


def test_images_per_visitor_say_how_many_are_left(capped, photo):
    app = capped(cap_images_per_visitor=6)
    _, meta = edit(app, photo, n=4)
    with pytest.raises(AppError, match=r"limit of 6 images on this app's key \(2 left today"):
        edit(app, photo, n=3, user_id=meta["user_id"])
    files, _ = edit(app, photo, n=2, user_id=meta["user_id"])
    assert len(files) == 2


def test_the_deployment_budget_is_shared_by_every_visitor(capped, photo):
    app = capped(budget_usd_per_day=0.10)
    edit(app, photo, n=3)  # $0.09 on Plus in Singapore
    with pytest.raises(AppError, match=r"daily budget of \$0.10 for the service"):
        edit(app, photo, n=1)  # 0.09 + 0.03 > 0.10
    # Another model's price counts the same way (qwen-image-edit: $0.045 per image).
    with pytest.raises(AppError, match="daily budget"):
        edit(app, photo, model="qwen-image-edit", prompt_extend=False)


def test_failed_edits_cost_nothing_and_count_nothing(capped, photo):
    app = capped(cap_edits_per_visitor=1)
    app.emulator.inject("error", code="InvalidParameter", message="no")
    with pytest.raises(AppError, match="rejected a parameter"):
        edit(app, photo)
    files, _ = edit(app, photo)  # the failed one did not use up the day's only edit
    assert len(files) == 1


def test_a_visitors_own_key_is_not_capped(tmp_path, photo):
    app = launch_app(tmp_path, cap_edits_per_visitor=1, operator_key=None)
    try:
        for _ in range(3):
            files, _ = edit(app, photo, api_key=TEST_KEY)
            assert len(files) == 1
    finally:
        close_app(app)


def test_totals_reach_the_page(capped, photo):
    app = capped(cap_edits_per_visitor=20, budget_usd_per_day=5)
    _, meta = edit(app, photo, n=2)
    user = app.services.identities.verify(meta["user_id"])
    today = handlers.spending_today(app.services, (user, "ip:127.0.0.1"))
    assert today == (
        "Today: 1 of 20 edits, $0.06 of this app's $5.00 daily budget (resets at 00:00 UTC)"
    )
