"""Spending caps for a deployment whose own key pays for every visitor (a public Space).

Three caps an operator may set (0 = none): edits and images per visitor per day, and a daily
budget in USD for the whole deployment, priced from the model table. An edit reserves its
worst case (n images at the model's price) before it is sent, so visitors editing at once
cannot overshoot together; the reservation is settled with what the service billed, or
released when nothing can have been billed. Days are UTC days; the ledger is a small sqlite
file, so a restart does not reset what was spent.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from services.errors import EditorError
from services.messages import Message, Translatable, join, msg

_SCHEMA = """
CREATE TABLE IF NOT EXISTS spend (
    day TEXT NOT NULL,
    who TEXT NOT NULL,          -- a visitor key, or '*' for the whole deployment
    edits INTEGER NOT NULL DEFAULT 0,
    images INTEGER NOT NULL DEFAULT 0,
    usd REAL NOT NULL DEFAULT 0,
    PRIMARY KEY (day, who)
);
"""
ALL = "*"


class SpendingCapError(EditorError):
    code = "SpendingCap"


@dataclass(frozen=True)
class Caps:
    edits_per_visitor: int = 0
    images_per_visitor: int = 0
    budget_usd: float = 0.0

    @property
    def any(self) -> bool:
        return bool(self.edits_per_visitor or self.images_per_visitor or self.budget_usd)


@dataclass(frozen=True)
class Reservation:
    day: str
    who: tuple[str, ...]  # the visitor keys charged, and ALL
    images: int
    usd: float


@dataclass(frozen=True)
class Today:
    """What a visitor and the deployment have spent today, for the page."""

    edits: int
    images: int
    deployment_usd: float
    caps: Caps

    def describe_message(self) -> Message | None:
        caps, parts = self.caps, []
        if caps.edits_per_visitor:
            parts.append(msg("spending.edits", used=self.edits, limit=caps.edits_per_visitor))
        if caps.images_per_visitor:
            parts.append(msg("spending.images", used=self.images, limit=caps.images_per_visitor))
        if caps.budget_usd:
            parts.append(msg("spending.budget", spent=self.deployment_usd, budget=caps.budget_usd))
        # Always "a, b, c": each part is a figure, not words of a sentence.
        listed = join(parts, last="list.pair")
        return msg("spending.today", parts=listed) if parts else None

    def describe(self) -> str:
        """The English line (a Translatable: the UI edge may show it in another language)."""
        said = self.describe_message()
        return Translatable(said) if said else ""


def utc_day(now: float | None = None) -> str:
    return time.strftime("%Y-%m-%d", time.gmtime(time.time() if now is None else now))


class SpendingLedger:
    def __init__(self, path: Path, caps: Caps, clock=time.time) -> None:
        self.caps = caps
        self._clock = clock
        self._lock = threading.Lock()
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path, timeout=30, isolation_level=None, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.executescript(_SCHEMA)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def _row(self, day: str, who: str) -> tuple[int, int, float]:
        row = self._db.execute(
            "SELECT edits, images, usd FROM spend WHERE day = ? AND who = ?", (day, who)
        ).fetchone()
        return (int(row[0]), int(row[1]), float(row[2])) if row else (0, 0, 0.0)

    def _add(self, day: str, who: Iterable[str], edits: int, images: int, usd: float) -> None:
        for key in who:
            self._db.execute(
                "INSERT INTO spend (day, who, edits, images, usd) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (day, who) DO UPDATE SET edits = edits + excluded.edits, "
                "images = images + excluded.images, usd = usd + excluded.usd",
                (day, key, edits, images, usd),
            )

    def reserve(self, visitors: Iterable[str], images: int, unit_usd: float | None) -> Reservation:
        """Charge one edit of `images` outputs to each visitor key and the deployment, or
        refuse with the cap it would pass. A model without a published price counts at 0 USD
        against the budget (it still counts against the edit and image caps)."""
        day, caps = utc_day(self._clock()), self.caps
        who = tuple(dict.fromkeys(v for v in visitors if v)) + (ALL,)
        usd = round(images * (unit_usd or 0.0), 6)
        with self._lock:
            for key in who[:-1]:
                edits, spent_images, _ = self._row(day, key)
                if caps.edits_per_visitor and edits + 1 > caps.edits_per_visitor:
                    raise _limit(msg("error.spending.edits", limit=caps.edits_per_visitor))
                if caps.images_per_visitor and spent_images + images > caps.images_per_visitor:
                    left = max(0, caps.images_per_visitor - spent_images)
                    raise _limit(
                        msg("error.spending.images_left", limit=caps.images_per_visitor, left=left)
                        if left
                        else msg("error.spending.images", limit=caps.images_per_visitor)
                    )
            _, _, deployment = self._row(day, ALL)
            if caps.budget_usd and deployment + usd > caps.budget_usd + 1e-9:
                raise SpendingCapError(
                    msg(
                        "error.spending.budget", budget=caps.budget_usd, spent=deployment, cost=usd
                    ),
                    msg("hint.spending.budget"),
                )
            self._add(day, who, 1, images, usd)
        return Reservation(day, who, images, usd)

    def settle(self, reservation: Reservation, billed_images: int, unit_usd: float | None) -> None:
        """Replace the worst case with what was billed (0 when the edit failed for sure)."""
        billed = max(0, min(billed_images, reservation.images))
        usd = round(billed * (unit_usd or 0.0), 6)
        with self._lock:
            self._add(
                reservation.day,
                reservation.who,
                0 if billed else -1,  # an edit nothing was billed for does not count
                billed - reservation.images,
                usd - reservation.usd,
            )

    def today(self, visitors: Iterable[str]) -> Today:
        day = utc_day(self._clock())
        keys = [v for v in visitors if v]
        with self._lock:
            rows = [self._row(day, key) for key in keys] or [(0, 0, 0.0)]
            deployment = self._row(day, ALL)[2]
        # The visitor's figure is the largest over their keys (id and address).
        return Today(max(r[0] for r in rows), max(r[1] for r in rows), deployment, self.caps)


def _limit(message: Message) -> SpendingCapError:
    return SpendingCapError(message, msg("hint.spending.limit"))
