"""Fair shares of the machine between visitors.

Preparing images (decoding, resizing, encoding) is the app's own heavy work. One visitor
sending many edits of 64-megapixel images must not make everyone else wait behind them, so
each visitor (every key that names them: history id, address) prepares at most a few edits
at a time; their other edits wait for their own turn, not in everyone's way.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

from services.errors import CancelledError
from services.messages import msg


class VisitorSlots:
    def __init__(self, per_visitor: int = 1) -> None:
        self.per_visitor = max(1, per_visitor)
        self._busy: Counter[str] = Counter()
        self._cond = threading.Condition()

    def busy(self, key: str) -> int:
        with self._cond:
            return self._busy[key]

    @contextmanager
    def hold(
        self, keys: Iterable[str], cancelled: Callable[[], bool] | None = None
    ) -> Iterator[None]:
        """Wait until every key of this visitor has a free slot, then take one of each."""
        keys = tuple(dict.fromkeys(k for k in keys if k))
        with self._cond:
            while any(self._busy[k] >= self.per_visitor for k in keys):
                if cancelled is not None and cancelled():
                    raise CancelledError(msg("error.cancelled.before_send"))
                self._cond.wait(0.1)
            self._busy.update(keys)
        try:
            yield
        finally:
            with self._cond:
                self._busy.subtract(keys)
                for key in keys:
                    if self._busy[key] <= 0:
                        del self._busy[key]
                self._cond.notify_all()
