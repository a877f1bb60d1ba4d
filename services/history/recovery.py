"""Bringing the history back in step after a crash or damage, and clearing what is left over.

At open (HistoryStore.open), in this order:
- The database is checked (_diagnose). One that cannot be read, fails its quick check, is a
  folder, or is empty although saved edits exist is moved aside (history.sqlite3.damaged-<time>,
  with the -wal/-shm it had before this open) and rebuilt from the manifests;
  `recovered_notice` then says so, for the UI to show. A database that is only busy or
  read-only is not damaged: that is an error to report, not a file to replace.
- recover() makes the index and the folders agree: entries staged with their manifest are moved
  in, folders with a manifest but no row are listed, rows of earlier versions get a manifest,
  and only folders with neither (a crash before the manifest) are removed. After a rebuild
  those are kept too: their row may be what was lost.
- cleanup() removes staging leftovers and old exports.

Afterwards any write runs cleanup() at most every `cleanup_every_s` (no thread to start or
stop). Only what is too old to be in use goes: the ages are the *_S constants below.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import secrets
import shutil
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

from services.messages import Message, Translatable, msg

from .records import DB_NAME, MANIFEST, HistoryError, Recovery
from .schema import _INSERT, _read_manifest, _row_of, _write_manifest

# The package's one logger name, as it was before the split into modules.
log = logging.getLogger("services.history")

EXPORT_TTL_S = 3600  # an export is fetched right after it is made; an hour is generous
PART_STALE_S = 3600  # a .part this old belongs to an export that died
STAGING_EMPTY_S = 3600  # an empty staging folder: its files were moved into an entry
# A staging folder still holding files: outputs of an edit whose save failed before its folder
# was complete; the user was told to download them. Kept as long as their links would live.
STAGING_KEEP_S = 24 * 3600


def _newest_mtime(folder: Path) -> float:
    """The last time anything in folder was written (a download in progress keeps it fresh)."""
    newest = folder.stat().st_mtime
    for path in folder.rglob("*"):
        with contextlib.suppress(OSError):
            newest = max(newest, path.stat().st_mtime)
    return newest


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def _is_damage(exc: sqlite3.Error) -> bool:
    """Errors that mean the file is not a usable database (not: busy, locked, read-only)."""
    name = getattr(exc, "sqlite_errorname", "")  # Python 3.11+
    if name:
        return name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB"))
    text = str(exc).lower()
    return "malformed" in text or "not a database" in text


class RecoveryMixin:
    """HistoryStore's repair and cleaning methods. They work on the store's state (root,
    db_path, _lock, _connect(), _drop_connection(), recovered_notice, cleanup_every_s,
    _cleanup_lock, _last_cleanup), which store.py sets up."""

    # -- the database at open --------------------------------------------------------------
    def _diagnose(self) -> str | None:
        """Why the database cannot serve as the index (None: it can). A database that is only
        busy or read-only is not damaged: that is an error to report, not a file to replace."""
        if self.db_path.is_dir():
            return "a folder stands in its place"
        if not self.db_path.exists():
            return None
        try:
            db = self._connect()
            verdict = [r[0] for r in db.execute("PRAGMA quick_check")]
            has_table = db.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'entries'"
            ).fetchone()
        except sqlite3.Error as exc:
            self._drop_connection()
            if _is_damage(exc):
                return f"it cannot be read ({exc})"
            raise HistoryError(
                msg("error.history.cannot_open", error=str(exc)),
                msg("hint.history.cannot_open"),
            ) from exc
        if verdict != ["ok"]:
            return f"its quick check failed ({'; '.join(verdict[:3])})"
        if not has_table and any(self._entry_folders()):
            return "it is empty although saved edits exist"  # e.g. truncated to nothing
        return None

    def _snapshot_sidecars(self) -> dict[str, Path]:
        """Keep the -wal/-shm as they are before the first connection: opening a damaged
        database may delete or rewrite them, and they belong with the damaged copy."""
        snapshots: dict[str, Path] = {}
        for suffix in ("-wal", "-shm"):
            side = Path(f"{self.db_path}{suffix}")
            snapshot = self.root / f".{DB_NAME}{suffix}.before-open"
            snapshot.unlink(missing_ok=True)  # left by a crash during an earlier open
            if not side.is_file():
                continue
            # The -wal is deleted rather than rewritten by a failed open, so a hard link keeps
            # it without copying megabytes; the -shm is rewritten in place, so it is copied.
            if suffix == "-wal":
                with contextlib.suppress(OSError):  # no hard links here: copy it too
                    os.link(side, snapshot)
            if not snapshot.exists():
                shutil.copy2(side, snapshot)
            snapshots[suffix] = snapshot
        return snapshots

    def _set_aside(self, reason: str, sidecars: dict[str, Path]) -> Path:
        """Move the damaged database and its -wal/-shm (as they were before this open) out of
        the way; return its new path. None of the old -wal may stay: sqlite would replay it
        into the new database."""
        self._drop_connection()
        stamp = time.strftime("%Y%m%d-%H%M%S")
        aside = self.db_path.with_name(f"{DB_NAME}.damaged-{stamp}")
        while aside.exists():  # two repairs in one second
            aside = self.db_path.with_name(f"{DB_NAME}.damaged-{stamp}-{secrets.token_hex(2)}")
        try:
            self.db_path.rename(aside)
            for suffix in ("-wal", "-shm"):
                current = Path(f"{self.db_path}{suffix}")
                if suffix in sidecars:
                    sidecars[suffix].rename(f"{aside}{suffix}")
                    current.unlink(missing_ok=True)
                elif current.exists():
                    current.rename(f"{aside}{suffix}")
        except OSError as exc:
            raise HistoryError(
                msg("error.history.stuck", reason=reason),
                msg("hint.history.stuck", path=str(self.db_path), error=str(exc)),
            ) from exc
        log.error("history: the database was damaged (%s); it was moved to %s", reason, aside)
        return aside

    def _announce_rebuild(self, reason: str, kept_as: Path, recovery: Recovery) -> None:
        said = msg("warning.history.rebuilt", count=recovery.indexed, name=kept_as.name)
        if recovery.unlisted:
            unlisted = msg("warning.history.unlisted", count=recovery.unlisted)
            said = Message("part.sentences", {"first": said, "second": unlisted})
        notice = Translatable(said)
        self.recovered_notice = notice
        log.warning("history: %s (%s)", notice, reason)

    # -- recovery and cleaning -------------------------------------------------------------
    def _entry_folders(self) -> Iterator[Path]:
        for user_dir in (self.root / "files").iterdir():
            if user_dir.is_dir():
                yield from user_dir.iterdir()

    def recover(self, *, keep_unlisted: bool = False) -> Recovery:
        """Bring the index and the folders back in step after a crash or a rebuild:
        finish saves that had their manifest, list folders that have a manifest but no row,
        write the manifest of rows that lack one (entries of earlier versions), and remove
        only what has neither a row nor a manifest."""
        indexed = self._rescue_staged_entries()
        removed = self._clean_staging(time.time(), at_start=True)
        rows = {row["id"] for row in self._connect().execute("SELECT id FROM entries")}
        unlisted = 0
        for folder in list(self._entry_folders()):
            if folder.name in rows:
                self._ensure_manifest(folder)
            elif (folder / MANIFEST).exists():
                indexed += self._index_folder(folder)
            elif keep_unlisted:
                unlisted += 1
            else:
                _remove(folder)
                removed += 1
        if removed or indexed:
            log.info("history: %d leftover(s) cleaned, %d folder(s) indexed", removed, indexed)
        return Recovery(indexed, removed, unlisted)

    def _ensure_manifest(self, folder: Path) -> None:
        """Write the manifest of an entry made before manifests existed (a one-time migration:
        afterwards every folder has one)."""
        if (folder / MANIFEST).exists():
            return
        row = self._connect().execute("SELECT * FROM entries WHERE id = ?", (folder.name,))
        found = row.fetchone()
        if found is not None and found["user"] == folder.parent.name:
            _write_manifest(folder, dict(found))

    def _index_folder(self, folder: Path) -> int:
        """Insert the row a folder's manifest describes; 1 if it was listed. A manifest that
        cannot be read keeps its folder (it holds someone's files) and is reported."""
        try:
            row = _read_manifest(folder)
            if row["user"] != folder.parent.name:
                raise ValueError("manifest of another user")
        except (OSError, ValueError, KeyError, TypeError) as exc:
            log.warning("history: kept %s, whose manifest cannot be used (%s)", folder, exc)
            return 0
        with self._lock:
            cur = self._connect().execute(_INSERT.replace("INSERT", "INSERT OR IGNORE", 1), row)
        return cur.rowcount

    def _rescue_staged_entries(self) -> int:
        """An entry folder complete with its manifest but not yet moved into files/ (a crash
        at that moment): move it in and list it."""
        rescued = 0
        for stage in (self.root / "staging").glob("entry-*"):
            try:
                row = _row_of(json.loads((stage / MANIFEST).read_text(encoding="utf-8")))
                final = self.root / "files" / row["user"] / row["id"]
                if stage.name != f"entry-{row['id']}" or final.exists():
                    continue
                final.parent.mkdir(parents=True, exist_ok=True)
                stage.rename(final)
            except (OSError, ValueError, KeyError, TypeError):
                continue  # incomplete: _clean_staging removes it
            rescued += self._index_folder(final)
        return rescued

    def _clean_staging(self, now: float, *, at_start: bool) -> int:
        """Remove staging leftovers. At start nothing is in flight: unfinished entries and
        partial downloads go at once. Finished downloads stay while their owner may want
        them (see STAGING_KEEP_S)."""
        removed = 0
        for leftover in (self.root / "staging").iterdir():
            try:
                if at_start and (leftover.name.startswith("entry-") or not leftover.is_dir()):
                    _remove(leftover)
                    removed += 1
                    continue
                if at_start:
                    for partial in leftover.glob(".tmp-*"):
                        partial.unlink(missing_ok=True)
                empty = not any(leftover.iterdir())
                age = now - _newest_mtime(leftover)
                if (empty and (at_start or age > STAGING_EMPTY_S)) or age > STAGING_KEEP_S:
                    _remove(leftover)
                    removed += 1
            except OSError:  # removed meanwhile by another cleaner
                continue
        return removed

    def _clean_exports(self, now: float) -> int:
        removed = 0
        for path in (self.root / "exports").glob("*/*"):
            with contextlib.suppress(OSError):
                age = now - path.stat().st_mtime
                stale = PART_STALE_S if path.suffix == ".part" else EXPORT_TTL_S
                if age > stale:
                    _remove(path)
                    removed += 1
        return removed

    def cleanup(self, now: float | None = None) -> int:
        """Remove exports older than an hour, stale .part files and staging leftovers; return
        how many. Safe while the app runs: only what is too old to be in use goes. Runs at
        open and by any write at most every `cleanup_every_s`; the app may also call it."""
        now = time.time() if now is None else now
        self._last_cleanup = now
        removed = self._clean_exports(now) + self._clean_staging(now, at_start=False)
        if removed:
            log.info("history: cleanup removed %d stale file(s)", removed)
        return removed

    def _maybe_cleanup(self) -> None:
        if time.time() - self._last_cleanup < self.cleanup_every_s:
            return
        if not self._cleanup_lock.acquire(blocking=False):
            return  # another thread is at it
        try:
            self.cleanup()
        except OSError:
            log.exception("history: cleanup failed; it is tried again later")
        finally:
            self._cleanup_lock.release()
