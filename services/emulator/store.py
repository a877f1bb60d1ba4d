"""Generated PNGs kept in memory behind signed, expiring URLs (like OSS result links)."""

from __future__ import annotations

import hashlib
import hmac
import math
import secrets
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass


@dataclass
class StoredResult:
    png: bytes | None  # None once expired: the entry stays as a tombstone so it answers 403
    expires_at: float
    delivery: str = "normal"  # or "slow" / "truncated" (download faults)
    seconds: float = 0.0  # for "slow": how long the whole download trickles
    faulty_gets: int = 0  # downloads that misbehave before delivery turns normal (0 = all)
    served: int = 0

    def delivery_now(self) -> str:
        """The delivery of the next download, counting it."""
        self.served += 1
        if self.faulty_gets and self.served > self.faulty_gets:
            return "normal"
        return self.delivery


class ResultStore:
    """Bounded: at most `max_results` images; expired ones keep only a tiny tombstone."""

    def __init__(self, max_results: int) -> None:
        self._max = max(1, max_results)
        self._items: OrderedDict[str, StoredResult] = OrderedDict()
        self._lock = threading.Lock()
        self._secret = secrets.token_bytes(32)

    def put(
        self,
        png: bytes,
        expires_at: float,
        delivery: str = "normal",
        seconds: float = 0.0,
        faulty_gets: int = 0,
    ) -> str:
        token = secrets.token_urlsafe(24)
        with self._lock:
            self._drop_expired_bytes()
            self._items[token] = StoredResult(png, expires_at, delivery, seconds, faulty_gets)
            # Tombstones are tiny, but bound them too so a long run stays bounded.
            while len(self._items) > 4 * self._max or self._live() > self._max:
                self._items.popitem(last=False)
        return token

    def path_and_query(self, token: str, expires_at: float) -> str:
        expires = str(math.ceil(expires_at))
        return f"/results/{token}.png?Expires={expires}&Signature={self.sign(token, expires)}"

    def sign(self, token: str, expires: str) -> str:
        return hmac.new(self._secret, f"{token}:{expires}".encode(), hashlib.sha256).hexdigest()

    def get(self, token: str) -> StoredResult | None:
        with self._lock:
            return self._items.get(token)

    def _live(self) -> int:
        return sum(1 for item in self._items.values() if item.png is not None)

    def _drop_expired_bytes(self) -> None:
        now = time.time()
        for item in self._items.values():
            if item.png is not None and item.expires_at <= now:
                item.png = None
