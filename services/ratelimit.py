"""A token bucket per API key and model: every call to the service waits here first.

An account's limit is shared by everyone using the same key, and it differs by model (2 per
second on Plus, 2 per minute on Max: see services/models.py), so there is one bucket per key
and model, keyed by a hash of the key, never by the key itself.

Two rules, both per bucket:
- Reservation: each caller takes the next slot, 1/rate (plus the safety margin) after the last
  one, so callers queue in order without busy waiting.
- Release: a caller goes only once `interval` has passed since the previous caller actually
  went. A thread woken late (a busy machine) must not pull the next one closer to it: slots
  kept on paper while the sends bunch up is how rate + 1 requests land in one second and the
  service answers 429.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections import deque
from collections.abc import Callable


class RateLimiter:
    def __init__(
        self,
        rate_per_s: float = 2.0,
        burst: int = 1,
        safety: float = 0.0,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if rate_per_s <= 0:
            raise ValueError("rate_per_s must be positive")
        self.rate = rate_per_s
        self.burst = max(1, burst)
        self.interval = (1.0 + max(0.0, safety)) / rate_per_s
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        self._next_free: dict[str, float] = {}  # key hash -> earliest time of the next slot
        self._went: dict[str, deque[float]] = {}  # key hash -> when the last callers went

    @staticmethod
    def bucket_id(api_key: str) -> str:
        return hashlib.sha256(api_key.encode()).hexdigest()[:16]

    def interval_for(self, rate_per_s: float | None) -> float:
        if rate_per_s is None:
            return self.interval
        if rate_per_s <= 0:
            raise ValueError("rate_per_s must be positive")
        return self.interval * self.rate / rate_per_s

    def _bucket(self, api_key: str, scope: str) -> str:
        return self.bucket_id(api_key) + (f":{scope}" if scope else "")

    def reserve(self, api_key: str, *, scope: str = "", rate_per_s: float | None = None) -> float:
        """Take the next slot for this key (and scope, e.g. the model) at its rate; return how
        long the caller must wait for it."""
        interval = self.interval_for(rate_per_s)
        bucket = self._bucket(api_key, scope)
        with self._lock:
            now = self._clock()
            # A key idle for a while may spend up to `burst` slots at once, no more.
            earliest = max(self._next_free.get(bucket, now), now - (self.burst - 1) * interval)
            self._next_free[bucket] = earliest + interval
            if len(self._next_free) > 1024:  # forget keys that have been idle
                self._next_free = {k: t for k, t in self._next_free.items() if t > now}
                self._went = {k: w for k, w in self._went.items() if k in self._next_free}
            return max(0.0, earliest - now)

    def _go(self, bucket: str, interval: float) -> float:
        """Let the caller go now if fewer than `burst` callers went in the last burst x
        interval (and note that it went); else return how much longer it must wait."""
        with self._lock:
            now = self._clock()
            went = self._went.setdefault(bucket, deque(maxlen=self.burst))
            if len(went) == self.burst:
                left = went[0] + self.burst * interval - now
                if left > 0:
                    return left
            went.append(now)
            return 0.0

    def acquire(
        self,
        api_key: str,
        cancelled: Callable[[], bool] | None = None,
        *,
        scope: str = "",
        rate_per_s: float | None = None,
    ) -> bool:
        """Block until this key may send. Return False if cancelled while waiting: the caller
        must then not send (its slot is simply left unused)."""
        interval = self.interval_for(rate_per_s)
        bucket = self._bucket(api_key, scope)
        deadline = self._clock() + self.reserve(api_key, scope=scope, rate_per_s=rate_per_s)
        while True:
            if cancelled is not None and cancelled():
                return False
            left = deadline - self._clock()  # against the clock: oversleeps do not add up
            if left <= 0:
                left = self._go(bucket, interval)
                if left <= 0:
                    return True
            self._sleep(min(0.1, left))
