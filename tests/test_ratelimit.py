from __future__ import annotations

import threading
import time

import pytest

from services.ratelimit import RateLimiter


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds


def test_spaces_calls_of_one_key_at_the_rate():
    clock = FakeClock()
    limiter = RateLimiter(2.0, clock=clock, sleep=clock.sleep)
    waits = [limiter.reserve("key-a") for _ in range(5)]
    assert waits == [0.0, 0.5, 1.0, 1.5, 2.0]


def test_keys_do_not_share_a_bucket():
    clock = FakeClock()
    limiter = RateLimiter(2.0, clock=clock, sleep=clock.sleep)
    assert limiter.reserve("key-a") == 0.0
    assert limiter.reserve("key-b") == 0.0
    assert limiter.reserve("key-a") == 0.5


def test_idle_key_gets_its_burst_back_but_no_more():
    clock = FakeClock()
    limiter = RateLimiter(2.0, burst=2, clock=clock, sleep=clock.sleep)
    limiter.reserve("k")
    clock.now += 60
    assert [limiter.reserve("k") for _ in range(3)] == [0.0, 0.0, 0.5]


def test_acquire_waits_and_can_be_cancelled():
    clock = FakeClock()
    limiter = RateLimiter(1.0, clock=clock, sleep=clock.sleep)
    assert limiter.acquire("k")
    start = clock.now
    assert limiter.acquire("k")
    assert abs(clock.now - start - 1.0) < 1e-9
    before = clock.now
    assert limiter.acquire("k", cancelled=lambda: True) is False
    assert clock.now == before  # gave up at once


def test_the_key_itself_is_not_kept():
    limiter = RateLimiter(2.0)
    limiter.reserve("sk-secret-value-123456")
    assert "sk-secret-value-123456" not in repr(limiter.__dict__)


def test_threads_sharing_a_key_get_distinct_slots_in_real_time():
    read = threading.local()  # the clock as each thread's own reservation read it

    def clock() -> float:
        read.now = time.monotonic()
        return read.now

    limiter = RateLimiter(20.0, clock=clock)  # 50 ms apart
    reserved: list[float] = []
    lock = threading.Lock()
    real = limiter.reserve

    def reserve(key: str, **kw) -> float:  # record each thread's slot, then wait for it for real
        wait = real(key, **kw)
        with lock:
            reserved.append(read.now + wait)  # when its slot is, on the limiter's clock
        return wait

    limiter.reserve = reserve  # type: ignore[method-assign]
    began = time.monotonic()
    threads = [threading.Thread(target=limiter.acquire, args=("shared",)) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    # Reservation is atomic: six distinct slots at least 50 ms apart, however the threads were
    # woken (exactly 50 ms when they come at once; a loaded machine may start some later).
    slots = sorted(reserved)
    gaps = [b - a for a, b in zip(slots, slots[1:], strict=False)]
    assert len(slots) == 6 and min(gaps) >= 0.05 - 1e-9, gaps
    assert time.monotonic() - began >= 0.245


def test_safety_margin_keeps_rate_plus_one_out_of_any_second():
    # Spaced exactly 1/rate apart, request k and k+rate are exactly 1 s apart, so any delay of
    # request k on the way makes rate + 1 arrive within one second. The margin widens that.
    clock = FakeClock()
    limiter = RateLimiter(2.0, safety=0.05, clock=clock, sleep=clock.sleep)
    waits = [limiter.reserve("k") for _ in range(3)]
    assert waits == pytest.approx([0.0, 0.525, 1.05])
    assert waits[2] - waits[0] > 1.0
    assert 1 / limiter.interval > 1.9  # still over 95% of the allowed rate


def test_a_caller_woken_late_does_not_pull_the_next_one_closer():
    # Slots are reserved 0.5 s apart, but the second caller's thread wakes 0.2 s late (a busy
    # machine). Going on its reserved slot, the third would follow it by only 0.3 s, and with
    # the first put three requests inside one second at the service: a 429.
    clock = FakeClock()
    late = {"once": True}

    def sleep(seconds: float) -> None:
        clock.now += seconds
        if late["once"] and clock.now >= 100.5:
            late["once"] = False
            clock.now += 0.2

    limiter = RateLimiter(2.0, clock=clock, sleep=sleep)
    went = []
    for _ in range(4):
        assert limiter.acquire("k")
        went.append(clock.now)
    gaps = [b - a for a, b in zip(went, went[1:], strict=False)]
    assert went[1] == pytest.approx(100.7)  # the late one
    assert min(gaps) >= 0.5 - 1e-9, gaps
    # ...and any three of them span at least two intervals
    assert all(c - a >= 1.0 - 1e-9 for a, c in zip(went, went[2:], strict=False))


def test_a_burst_goes_back_to_back_then_the_rate_holds():
    clock = FakeClock()
    limiter = RateLimiter(2.0, burst=2, clock=clock, sleep=clock.sleep)
    assert limiter.acquire("k")
    clock.now += 60  # idle: the burst is back
    went = []
    for _ in range(4):
        assert limiter.acquire("k")
        went.append(clock.now)
    assert went[:2] == [160.0, 160.0]
    assert went[2] - went[0] >= 1.0 - 1e-9 and went[3] - went[1] >= 1.0 - 1e-9
