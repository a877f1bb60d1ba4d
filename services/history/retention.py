"""Deleting entries, and the limits that delete them: how much history each user keeps.

Both limits run after every save (HistoryStore._after_insert). Retention removes the entries
past its age or beyond its count. The byte quota (`Retention.max_bytes`) removes the oldest
entries first, never the one just saved: that edit was paid for, so it is kept even when it
alone is over the quota, and the user is told to download it.

A deletion goes manifest, then row, then files, so that a crash at any step leaves something
the next start settles one way: a deleted entry never comes back (see _delete_one).
"""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
import time
from collections.abc import Iterable
from pathlib import Path

from services.messages import Translatable, msg
from services.results import atomic_write

from .records import MANIFEST, _check_entry, _check_user


def _folder_bytes(folder: Path) -> int:
    total = 0
    for path in folder.rglob("*"):
        with contextlib.suppress(OSError):  # removed meanwhile
            if path.is_file():
                total += path.stat().st_size
    return total


def _megabytes(size: int) -> str:
    return f"{size / 2**20:.0f} MB" if size >= 2**20 else f"{size / 2**20:.2g} MB"


class RetentionMixin:
    """HistoryStore's deleting and its limits. They work on the store's state (root,
    retention, _lock, _connect(), list()), which store.py sets up."""

    def usage(self, user_id: str) -> int:
        """Bytes this user's entries take on disk (exports not included: they last an hour)."""
        folder = self.root / "files" / _check_user(user_id)
        return _folder_bytes(folder) if folder.is_dir() else 0

    # -- deleting ------------------------------------------------------------------------
    def delete(self, user_id: str, entry_ids: Iterable[str]) -> int:
        user = _check_user(user_id)
        ids = list(dict.fromkeys(_check_entry(e) for e in entry_ids))
        removed = 0
        with self._lock:
            db = self._connect()
            for entry_id in ids:
                removed += self._delete_one(db, user, entry_id)
        return removed

    def _delete_one(self, db: sqlite3.Connection, user: str, entry_id: str) -> int:
        """Manifest, then row, then files. A crash after the manifest leaves a row whose
        manifest the next start writes again; one after the row leaves a folder with neither,
        which the next start removes. A deleted entry never comes back."""
        folder = self.root / "files" / user / entry_id
        manifest = folder / MANIFEST
        kept = manifest.read_bytes() if manifest.is_file() else None
        manifest.unlink(missing_ok=True)
        try:
            gone = db.execute("DELETE FROM entries WHERE user = ? AND id = ?", (user, entry_id))
        except BaseException:
            if kept is not None:
                atomic_write(manifest, kept)
            raise
        if gone.rowcount:
            shutil.rmtree(folder, ignore_errors=True)
            return 1
        if kept is not None:  # a folder not (yet) indexed: not this call's to delete
            atomic_write(manifest, kept)
        return 0

    def delete_all(self, user_id: str) -> int:
        return self.delete(user_id, [e.id for e in self.list(user_id, limit=1_000_000)])

    def apply_retention(self, user_id: str, now: float | None = None) -> int:
        user = _check_user(user_id)
        now = time.time() if now is None else now
        db = self._connect()
        doomed: list[str] = []
        if self.retention.max_age_days > 0:
            cutoff = now - self.retention.max_age_days * 86400
            doomed += [
                r[0]
                for r in db.execute(
                    "SELECT id FROM entries WHERE user = ? AND created < ?", (user, cutoff)
                )
            ]
        if self.retention.max_entries > 0:
            doomed += [
                r[0]
                for r in db.execute(
                    "SELECT id FROM entries WHERE user = ? ORDER BY created DESC LIMIT -1 OFFSET ?",
                    (user, self.retention.max_entries),
                )
            ]
        return self.delete(user_id, set(doomed)) if doomed else 0

    def _enforce_quota(self, user_id: str, keep: str) -> list[str]:
        """Remove this user's oldest entries until their files fit the quota, never `keep`
        (the edit just paid for); return what the user should be told."""
        limit = self.retention.max_bytes
        if limit <= 0:
            return []
        used = self.usage(user_id)
        if used <= limit:
            return []
        user = _check_user(user_id)
        doomed = []
        oldest_first = self._connect().execute(
            "SELECT id FROM entries WHERE user = ? AND id != ? ORDER BY created ASC", (user, keep)
        )
        for (entry_id,) in oldest_first.fetchall():
            if used <= limit:
                break
            used -= _folder_bytes(self.root / "files" / user / entry_id)
            doomed.append(entry_id)
        removed = self.delete(user_id, doomed) if doomed else 0
        notices = []
        if removed:
            notices.append(
                Translatable(msg("warning.history.trimmed", limit=_megabytes(limit), count=removed))
            )
        if used > limit:
            notices.append(Translatable(msg("warning.history.too_big", limit=_megabytes(limit))))
        return notices
