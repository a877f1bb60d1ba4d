"""The spending ledger on its own: caps per visitor and per deployment, reservations settled
with what was billed, days in UTC, and a restart that keeps what was spent."""

from __future__ import annotations

import threading

import pytest

from services.spending import Caps, SpendingCapError, SpendingLedger

DAY = 1_790_000_000.0  # some UTC day, at 10:13


def ledger(tmp_path, clock=lambda: DAY, **caps) -> SpendingLedger:
    return SpendingLedger(tmp_path / "spending.sqlite3", Caps(**caps), clock=clock)


def test_edits_per_visitor_cap_counts_only_that_visitor(tmp_path):
    book = ledger(tmp_path, edits_per_visitor=2)
    for _ in range(2):
        book.settle(book.reserve(["alice"], 1, 0.03), 1, 0.03)
    with pytest.raises(SpendingCapError, match="today's limit of 2 edits") as err:
        book.reserve(["alice"], 1, 0.03)
    assert "00:00 UTC" in err.value.hint and "your own DashScope API key" in err.value.hint
    assert (err.value.kind, err.value.params) == ("error.spending.edits", {"limit": 2})
    assert err.value.hint_kind == "hint.spending.limit"
    book.reserve(["bob"], 1, 0.03)  # another visitor is not affected


def test_images_cap_says_how_many_are_left(tmp_path):
    book = ledger(tmp_path, images_per_visitor=5)
    book.settle(book.reserve(["alice"], 4, 0.03), 4, 0.03)
    with pytest.raises(
        SpendingCapError, match=r"limit of 5 images on this app's key \(1 left"
    ) as err:
        book.reserve(["alice"], 2, 0.03)
    assert (err.value.kind, err.value.params) == (
        "error.spending.images_left",
        {"limit": 5, "left": 1},
    )
    assert "残りは 1 枚" in err.value.render("ja")
    book.reserve(["alice"], 1, 0.03)  # exactly what is left


def test_deployment_budget_uses_the_worst_case_until_settled(tmp_path):
    book = ledger(tmp_path, budget_usd=0.20)
    first = book.reserve(["a"], 6, 0.03)  # $0.18 reserved
    with pytest.raises(SpendingCapError, match=r"daily budget of \$0.20") as err:
        book.reserve(["b"], 1, 0.03)  # 0.18 + 0.03 > 0.20
    assert err.value.kind == "error.spending.budget"
    assert err.value.params == pytest.approx({"budget": 0.20, "spent": 0.18, "cost": 0.03})
    book.settle(first, 2, 0.03)  # only 2 were billed: $0.06
    book.reserve(["b"], 4, 0.03)  # 0.06 + 0.12 = 0.18 fits
    assert book.today(["b"]).deployment_usd == pytest.approx(0.18)


def test_a_failed_edit_costs_nothing_and_does_not_count(tmp_path):
    book = ledger(tmp_path, edits_per_visitor=1, images_per_visitor=6, budget_usd=1)
    book.settle(book.reserve(["alice"], 6, 0.03), 0, 0.03)
    today = book.today(["alice"])
    assert (today.edits, today.images, today.deployment_usd) == (0, 0, 0)
    book.reserve(["alice"], 6, 0.03)


def test_caps_count_every_key_of_a_visitor(tmp_path):
    """A visitor is their history id and their address: a new id from the same address
    does not reset the count."""
    book = ledger(tmp_path, edits_per_visitor=1)
    book.reserve(["id-1", "ip:203.0.113.7"], 1, 0.03)
    with pytest.raises(SpendingCapError):
        book.reserve(["id-2", "ip:203.0.113.7"], 1, 0.03)


def test_the_next_utc_day_starts_afresh(tmp_path):
    now = [DAY]
    book = ledger(tmp_path, clock=lambda: now[0], edits_per_visitor=1, budget_usd=0.03)
    book.reserve(["alice"], 1, 0.03)
    with pytest.raises(SpendingCapError):
        book.reserve(["alice"], 1, 0.03)
    now[0] += 86_400
    book.reserve(["alice"], 1, 0.03)


def test_a_restart_keeps_what_was_spent(tmp_path):
    book = ledger(tmp_path, budget_usd=0.05)
    book.settle(book.reserve(["a"], 1, 0.045), 1, 0.045)
    book.close()
    again = ledger(tmp_path, budget_usd=0.05)
    with pytest.raises(SpendingCapError, match=r"spent \$0.04"):
        again.reserve(["a"], 1, 0.045)


def test_concurrent_reservations_never_overshoot_the_budget(tmp_path):
    book = ledger(tmp_path, budget_usd=0.30)
    granted, refused = [], []

    def one():
        try:
            granted.append(book.reserve(["v"], 1, 0.03))
        except SpendingCapError:
            refused.append(1)

    threads = [threading.Thread(target=one) for _ in range(40)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(granted) == 10 and len(refused) == 30


def test_today_describes_the_caps_in_force(tmp_path):
    book = ledger(tmp_path, edits_per_visitor=20, budget_usd=5)
    book.settle(book.reserve(["alice"], 2, 0.03), 2, 0.03)
    assert book.today(["alice"]).describe() == (
        "Today: 1 of 20 edits, $0.06 of this app's $5.00 daily budget (resets at 00:00 UTC)"
    )
    assert ledger(tmp_path / "none").today(["x"]).describe() == ""
