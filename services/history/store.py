"""HistoryStore: every edit of every user, kept in sqlite3 (WAL) with its files beside it.

Saving is ordered so that a crash or an error never loses a paid output: files and the
manifest are written into staging, the folder is renamed into files/, and only then is the row
inserted (retried with backoff). If the insert still fails, the folder stays; the next start
indexes every folder that has a manifest but no row. Only folders with neither (a crash before
the manifest) are removed.

This module holds the store's state, its connections, opening, writing and reading. Its other
methods come from one mixin per concern, each in its own module: recovery.py (repair at open,
cleanup), retention.py (deleting, retention, quota) and export.py (zips). They share this
object's state; callers see one class.
"""

from __future__ import annotations

import contextlib
import json
import logging
import secrets
import shutil
import sqlite3
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from services.messages import msg
from services.results import atomic_write

from .export import ExportMixin
from .records import (
    _FILE_RE,
    DB_NAME,
    Entry,
    HistoryError,
    HistoryNotIndexedError,
    NewEntry,
    Retention,
    Totals,
    _check_entry,
    _check_extras,
    _check_user,
)
from .recovery import RecoveryMixin
from .retention import RetentionMixin
from .schema import _INSERT, _apply_schema, _entry_of, _row_of_new, _write_manifest

# The package's one logger name, as it was before the split into modules.
log = logging.getLogger("services.history")


class HistoryStore(RecoveryMixin, RetentionMixin, ExportMixin):
    """One store per data folder, shared by every thread of the app: each thread has its own
    connection, writes take turns (`_lock`). open() it before use; close() drops this
    thread's connection."""

    def __init__(
        self,
        root: Path,
        retention: Retention | None = None,
        *,
        busy_timeout_s: float = 10.0,
        write_attempts: int = 3,
        retry_base_s: float = 0.5,
        export_limit: int = 500,
        cleanup_every_s: float = 600.0,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.root = Path(root)
        self.retention = retention or Retention()
        # A write waits busy_timeout_s for the database, and is tried write_attempts times with
        # exponential backoff from retry_base_s: a busy moment must not cost a saved edit.
        self.busy_timeout_s = busy_timeout_s
        self.write_attempts = max(1, write_attempts)
        self.retry_base_s = retry_base_s
        self.export_limit = export_limit  # distinct entries in one zip
        self.cleanup_every_s = cleanup_every_s
        self._sleep = sleep
        self._lock = threading.Lock()  # one writer at a time; sqlite WAL lets readers go on
        self._local = threading.local()
        self._ready = False
        self._cleanup_lock = threading.Lock()
        self._last_cleanup = 0.0
        self._exporting: set[str] = set()  # users with an export being written
        # Set by open() when the database had to be rebuilt: a sentence for the UI to show.
        self.recovered_notice: str | None = None

    @property
    def db_path(self) -> Path:
        return self.root / DB_NAME

    # -- set-up --------------------------------------------------------------------------
    def open(self) -> HistoryStore:
        """Create the folders and schema, rebuild a damaged database from the manifests, and
        clean what a crash may have left behind."""
        for sub in ("files", "staging", "exports"):
            (self.root / sub).mkdir(parents=True, exist_ok=True)
        self.recovered_notice = None
        sidecars = self._snapshot_sidecars()
        try:
            damage = self._diagnose()
            kept_as = self._set_aside(damage, sidecars) if damage else None
        finally:
            for snapshot in sidecars.values():
                snapshot.unlink(missing_ok=True)
        self._create_schema()
        self._ready = True
        # With a damaged index, a folder without a manifest may be an older version's entry
        # whose row was lost: keep it rather than guess.
        recovery = self.recover(keep_unlisted=damage is not None)
        if kept_as is not None:
            self._announce_rebuild(damage, kept_as, recovery)
        self.cleanup()
        return self

    def _connect(self) -> sqlite3.Connection:
        db = getattr(self._local, "db", None)
        if db is None:
            db = sqlite3.connect(self.db_path, timeout=self.busy_timeout_s, isolation_level=None)
            try:
                db.execute("PRAGMA journal_mode=WAL")
                db.execute("PRAGMA synchronous=NORMAL")
            except BaseException:
                db.close()
                raise
            db.row_factory = sqlite3.Row
            self._local.db = db
        return db

    def _drop_connection(self) -> None:
        """Forget this thread's connection: the next call opens a fresh one."""
        db = getattr(self._local, "db", None)
        self._local.db = None
        if db is not None:
            with contextlib.suppress(sqlite3.Error):
                db.close()

    def _create_schema(self) -> None:
        with self._connect() as db:
            _apply_schema(db)

    def staging_dir(self) -> Path:
        """A fresh folder for outputs being downloaded; record() moves them into an entry."""
        path = self.root / "staging" / secrets.token_urlsafe(12)
        path.mkdir(parents=True)
        return path

    # -- writing -------------------------------------------------------------------------
    def check_user(self, user_id: str) -> None:
        """What recording needs, checked before an edit is sent (and paid for): a valid id
        and an open store. Raises HistoryError."""
        _check_user(user_id)
        if not self._ready:
            raise HistoryError(msg("error.history.unavailable"), msg("hint.history.unavailable"))

    def record(self, user_id: str, new: NewEntry) -> Entry:
        """Save an edit. Outputs are moved in, never copied; on any error they are not deleted
        (see _stage_entry and HistoryNotIndexedError). A region edit's extras are copied in;
        their names are checked before anything is written."""
        user = _check_user(user_id)
        extras = _check_extras(new.extras)
        self._maybe_cleanup()
        entry_id = secrets.token_urlsafe(16)
        row = self._new_row(user, entry_id, new, extras)
        final = self._stage_entry(row, new, extras)
        try:
            self._write(_INSERT, row)
        except Exception as exc:
            log.error("history: entry %s kept in %s but not indexed: %s", entry_id, final, exc)
            raise HistoryNotIndexedError(
                entry_id, final, [final / n for n in json.loads(row["outputs"])]
            ) from exc
        saved = self._entry(row)
        return replace(saved, notices=tuple(self._after_insert(user_id, entry_id)))

    def _new_row(
        self, user: str, entry_id: str, new: NewEntry, extras: Sequence[tuple[str, Path]] = ()
    ) -> dict:
        """The row of a new entry. The extras' names go into parameters["region"]["files"]
        when there are extras, and that key is dropped when there are none (parameters copied
        from an older region edit must not claim files this entry does not have): the schema
        stays as it is, and the manifest, which mirrors the row, carries them."""
        row = _row_of_new(user, entry_id, new)
        parameters = json.loads(row["parameters"])
        region = parameters.get("region")
        if extras:
            if region is None:
                region = {}
            if not isinstance(region, dict):
                raise HistoryError(msg("error.history.bad_extras"), msg("hint.history.bad_region"))
            parameters["region"] = {**region, "files": [name for name, _ in extras]}
        elif isinstance(region, dict) and "files" in region:
            parameters["region"] = {k: v for k, v in region.items() if k != "files"}
        else:
            return row
        row["parameters"] = json.dumps(parameters, sort_keys=True)
        return row

    def _stage_entry(
        self, row: dict, new: NewEntry, extras: Sequence[tuple[str, Path]] = ()
    ) -> Path:
        """Write the entry folder in staging (inputs, extras, outputs, manifest last) and move
        it into files/. On failure the outputs go back where they came from: a paid output is
        never deleted by an error path. Extras are copied, not moved: their sources stay."""
        stage = self.root / "staging" / f"entry-{row['id']}"
        stage.mkdir(parents=True)
        moved: list[tuple[Path, Path]] = []
        try:
            # Inputs first: they need disk space, and failing before the outputs moved is
            # the simplest failure to undo.
            for item, name in zip(new.inputs, json.loads(row["inputs"]), strict=True):
                if not isinstance(item, str):
                    atomic_write(stage / name, item[0])
            # Extras before the outputs too: a missing or unreadable source fails here, with
            # nothing to put back.
            for name, src in extras:
                shutil.copyfile(src, stage / name)
            for src, name in zip(new.outputs, json.loads(row["outputs"]), strict=True):
                shutil.move(str(src), stage / name)
                moved.append((Path(src), stage / name))
            _write_manifest(stage, row)
            final = self.root / "files" / row["user"] / row["id"]
            final.parent.mkdir(parents=True, exist_ok=True)
            stage.rename(final)
        except BaseException:
            self._put_back(moved)
            shutil.rmtree(stage, ignore_errors=True)
            raise
        return final

    @staticmethod
    def _put_back(moved: list[tuple[Path, Path]]) -> None:
        for src, dst in reversed(moved):
            try:
                shutil.move(str(dst), src)
            except OSError:
                log.exception("history: could not move %s back to %s", dst, src)

    def _write(self, sql: str, params: dict | Sequence) -> sqlite3.Cursor:
        """Run one write, retrying with backoff: a locked or briefly failing database must not
        lose an edit. Each retry opens a fresh connection."""
        for attempt in range(1, self.write_attempts + 1):
            try:
                with self._lock:
                    return self._connect().execute(sql, params)
            except sqlite3.Error as exc:
                self._drop_connection()
                if attempt == self.write_attempts:
                    raise
                delay = self.retry_base_s * 2 ** (attempt - 1)
                log.warning(
                    "history: write failed (%s), attempt %d/%d; retrying in %.2fs",
                    exc,
                    attempt,
                    self.write_attempts,
                    delay,
                )
                self._sleep(delay)
        raise AssertionError("unreachable")

    def _after_insert(self, user_id: str, entry_id: str) -> list[str]:
        """Retention and quota after a save. The entry is saved already: a failure here is
        logged, never raised (the next save tries again)."""
        try:
            self.apply_retention(user_id)  # may remove this very entry if it is already too old
            return self._enforce_quota(user_id, keep=entry_id)
        except Exception:
            log.exception("history: retention after a save failed")
            return []

    def attach_outputs(
        self, user_id: str, entry_id: str, arrived: Sequence[Path], still_pending: Sequence[str]
    ) -> Entry:
        """Add outputs fetched after the edit (their links had failed then); the entry becomes
        a success once nothing is pending."""
        entry = self.get(user_id, entry_id)
        names = list(entry.outputs)
        for src in arrived:
            name = f"out-{len(names) + 1}.png"
            shutil.move(str(src), entry.folder / name)
            names.append(name)
        ok = not still_pending and bool(names)
        row = self._row(user_id, entry_id)
        row.update(
            outputs=json.dumps(names),
            image_count=len(names),
            pending_urls=json.dumps(list(still_pending)),
            status="ok" if ok else entry.status,
            error_code=None if ok else entry.error_code,
            error_message=None if ok else entry.error_message,
        )
        if ok and entry.messages:  # the error is gone with the outputs that were missing
            kept = {k: v for k, v in entry.messages.items() if k != "error"}
            row["messages"] = json.dumps(kept, ensure_ascii=False)
        _write_manifest(entry.folder, row)  # the manifest first: the files are there already
        try:
            self._write(
                "UPDATE entries SET outputs = :outputs, image_count = :image_count, "
                "pending_urls = :pending_urls, status = :status, error_code = :error_code, "
                "error_message = :error_message, messages = :messages "
                "WHERE user = :user AND id = :id",
                row,
            )
        except sqlite3.Error as exc:
            raise HistoryError(
                msg("error.history.not_updated"),
                msg("hint.history.not_updated", folder=str(entry.folder)),
            ) from exc
        return self._entry(row)

    def _row(self, user_id: str, entry_id: str) -> dict:
        row = (
            self._connect()
            .execute(
                "SELECT * FROM entries WHERE user = ? AND id = ?",
                (_check_user(user_id), _check_entry(entry_id)),
            )
            .fetchone()
        )
        if row is None:  # another user's entry looks exactly like a missing one
            raise HistoryError("No such history entry.", "It may have been deleted.")
        return dict(row)

    # -- reading -------------------------------------------------------------------------
    def list(
        self,
        user_id: str,
        *,
        search: str = "",
        model: str | None = None,
        status: str | None = None,
        limit: int = 200,
        offset: int = 0,
    ) -> list[Entry]:
        """This user's entries that match, newest first: `limit` of them, after skipping
        `offset` (a page of them: see count() for how many match in all)."""
        where, args = _matching(_check_user(user_id), search, model, status)
        sql = f"SELECT * FROM entries WHERE {where} ORDER BY created DESC, id DESC LIMIT ? OFFSET ?"
        args += [int(limit), max(0, int(offset))]
        return [self._entry(row) for row in self._connect().execute(sql, args)]

    def count(
        self,
        user_id: str,
        *,
        search: str = "",
        model: str | None = None,
        status: str | None = None,
    ) -> int:
        """How many of this user's entries match the same filters as list()."""
        where, args = _matching(_check_user(user_id), search, model, status)
        sql = f"SELECT COUNT(*) FROM entries WHERE {where}"
        return int(self._connect().execute(sql, args).fetchone()[0])

    def get(self, user_id: str, entry_id: str) -> Entry:
        return self._entry(self._row(user_id, entry_id))

    def totals(self, user_id: str, now: float | None = None) -> Totals:
        user = _check_user(user_id)
        now = time.time() if now is None else now
        midnight = now - (now - time.timezone) % 86400  # local midnight, ignoring DST edges
        db = self._connect()
        q = (
            "SELECT COUNT(*), COALESCE(SUM(image_count), 0), COALESCE(SUM(cost_usd), 0) "
            "FROM entries WHERE user = ?"
        )
        count, images_all, cost_all = db.execute(q, (user,)).fetchone()
        _, images_today, cost_today = db.execute(
            q + " AND created >= ?", (user, midnight)
        ).fetchone()
        return Totals(
            int(images_today), float(cost_today), int(images_all), float(cost_all), int(count)
        )

    def _entry(self, row: sqlite3.Row | dict) -> Entry:
        return _entry_of(self.root, row)

    def file_path(self, user_id: str, entry_id: str, name: str) -> Path:
        """The path of one file of one entry of this user, or a HistoryError."""
        entry = self.get(user_id, entry_id)
        known = entry.inputs + entry.outputs + entry.extra_names()
        if not isinstance(name, str) or name not in known or not _FILE_RE.match(name):
            raise HistoryError("No such file in this entry.")
        return entry.folder / name

    def close(self) -> None:
        self._drop_connection()


def _matching(
    user: str, search: str, model: str | None, status: str | None
) -> tuple[str, list[object]]:
    """The WHERE clause (and its arguments) of list() and count(): the same filters for both."""
    where = "user = ?"
    args: list[object] = [user]
    if search.strip():
        escaped = search.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        where += " AND (prompt LIKE ? ESCAPE '\\' OR negative_prompt LIKE ? ESCAPE '\\')"
        args += [f"%{escaped}%"] * 2
    if model:
        where += " AND model = ?"
        args.append(model)
    if status in ("ok", "failed"):
        where += " AND status = ?"
        args.append(status)
    return where, args
