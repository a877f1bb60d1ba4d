"""Per-key sliding-window rate limiting, answering like DashScope's Throttling.RateQuota."""

from __future__ import annotations

import bisect
import math
import threading
import time
from collections.abc import Callable

_MAX_KEYS = 1024


class SlidingWindowLimiter:
    """At most `capacity` accepted requests per key in any `window` seconds.

    For rate r >= 1 that is floor(r) requests per 1 s window (2.0 -> 2 per second); for
    r < 1 it is one request per 1/r seconds, so fractional rates still mean something.
    Rejected requests do not count, so a client that backs off recovers after the window.
    """

    def __init__(self, rate_per_s: float, clock: Callable[[], float] = time.monotonic) -> None:
        if rate_per_s <= 0:
            raise ValueError("rate_per_s must be > 0")
        self.capacity = max(1, math.floor(rate_per_s))
        self.window = self.capacity / rate_per_s
        self._hits: dict[str, list[float]] = {}  # key id -> accepted arrivals, sorted
        self._lock = threading.Lock()
        self._clock = clock

    def allow(self, key_id: str, arrived: float | None = None) -> bool:
        """Accept a request that arrived at `arrived` (time.monotonic(); now if None) unless
        some `window` holding it would then hold more than `capacity` accepted requests.

        Requests are counted when they arrived, as a gateway stamps them, not when a handler
        thread got round to reading their body: on a busy machine those differ by more than
        the client's margin, and the emulator would throttle a client that kept the rate.
        So they may be decided out of order, and the hits are kept sorted."""
        now = self._clock()
        at = now if arrived is None else arrived
        with self._lock:
            if len(self._hits) > _MAX_KEYS:  # demo mode accepts any key: keep the map bounded
                self._hits = {
                    k: v for k, v in self._hits.items() if v and v[-1] > now - 2 * self.window
                }
            hits = self._hits.setdefault(key_id, [])
            # Forget what no window of a request still to come can hold (arrivals are at most
            # a window late).
            while hits and hits[0] <= now - 2 * self.window:
                hits.pop(0)
            i = bisect.bisect(hits, at)
            hits.insert(i, at)
            # capacity + 1 consecutive hits within one window, any run holding the new one
            for j in range(max(0, i - self.capacity), i + 1):
                k = j + self.capacity
                if k < len(hits) and hits[k] - hits[j] < self.window:
                    del hits[i]
                    return False
            return True
