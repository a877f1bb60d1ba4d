"""Per-key sliding-window rate limiting, answering like DashScope's Throttling.RateQuota."""

from __future__ import annotations

import math
import threading
import time
from collections import deque

_MAX_KEYS = 1024


class SlidingWindowLimiter:
    """At most `capacity` accepted requests per key in any `window` seconds.

    For rate r >= 1 that is floor(r) requests per 1 s window (2.0 -> 2 per second); for
    r < 1 it is one request per 1/r seconds, so fractional rates still mean something.
    Rejected requests do not count, so a client that backs off recovers after the window.
    """

    def __init__(self, rate_per_s: float) -> None:
        if rate_per_s <= 0:
            raise ValueError("rate_per_s must be > 0")
        self.capacity = max(1, math.floor(rate_per_s))
        self.window = self.capacity / rate_per_s
        self._hits: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def allow(self, key_id: str) -> bool:
        now = time.monotonic()
        with self._lock:
            if len(self._hits) > _MAX_KEYS:  # demo mode accepts any key: keep the map bounded
                self._hits = {
                    k: v for k, v in self._hits.items() if v and v[-1] > now - self.window
                }
            hits = self._hits.setdefault(key_id, deque())
            while hits and hits[0] <= now - self.window:
                hits.popleft()
            if len(hits) >= self.capacity:
                return False
            hits.append(now)
            return True
