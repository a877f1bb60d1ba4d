"""The history store: every edit of every user, kept in sqlite3 (WAL) with its files beside it.

Layout under the root:
    history.sqlite3            the index, one row per edit; it can be rebuilt from the manifests
    files/<user>/<entry>/      in-1.png ... out-1.png ... manifest.json of one entry
                               (<user> is a hash; manifest.json holds everything the row holds)
    staging/<token>/           outputs being downloaded
    staging/entry-<id>/        an entry being written; moved into files/ before its row commits
    exports/<user>/            zip files made for download (a few per user, for an hour)

Saving is ordered so that a crash or an error never loses a paid output: files and the
manifest are written into staging, the folder is renamed into files/, and only then is the row
inserted (retried with backoff). If the insert still fails, the folder stays; the next start
indexes every folder that has a manifest but no row. Only folders with neither (a crash before
the manifest) are removed.

The database is only an index. At open, a database that cannot be read or fails its quick
check is moved aside (history.sqlite3.damaged-<time>, with its -wal/-shm) and rebuilt from the
manifests; `recovered_notice` then says so, for the UI to show.

Disk use is bounded: per user by Retention (entries, age, bytes: the oldest entries go first,
never the one just saved), per export by `export_limit` distinct entries (one export at a time
per user, the last few kept for an hour). Leftovers are cleaned at open and then by any write,
at most every `cleanup_every_s` (no thread to start or stop).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import re
import secrets
import shutil
import sqlite3
import threading
import time
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import NamedTuple

from services.errors import EditorError
from services.results import atomic_write

log = logging.getLogger(__name__)

_USER_RE = re.compile(r"^[A-Za-z0-9_.:@-]{8,128}$")
_USER_HASH_RE = re.compile(r"^[0-9a-f]{32}$")
_ENTRY_RE = re.compile(r"^[A-Za-z0-9_-]{22}$")
_FILE_RE = re.compile(r"^(in|out)-[1-9][0-9]?\.(png|jpg|webp)$")
_EXT = {"image/png": "png", "image/jpeg": "jpg", "image/webp": "webp"}

DB_NAME = "history.sqlite3"
MANIFEST = "manifest.json"
MANIFEST_FORMAT = 1
EXPORT_TTL_S = 3600  # an export is fetched right after it is made; an hour is generous
EXPORTS_KEPT = 3  # per user, the newest; older ones go when a new one is made
PART_STALE_S = 3600  # a .part this old belongs to an export that died
STAGING_EMPTY_S = 3600  # an empty staging folder: its files were moved into an entry
# A staging folder still holding files: outputs of an edit whose save failed before its folder
# was complete; the user was told to download them. Kept as long as their links would live.
STAGING_KEEP_S = 24 * 3600

_SCHEMA = """
CREATE TABLE IF NOT EXISTS entries (
    id TEXT PRIMARY KEY,
    user TEXT NOT NULL,
    created REAL NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('ok', 'failed')),
    model TEXT NOT NULL,
    region TEXT NOT NULL,
    prompt TEXT NOT NULL,
    negative_prompt TEXT NOT NULL,
    parameters TEXT NOT NULL,
    request_id TEXT,
    seed INTEGER,
    usage TEXT,
    image_count INTEGER NOT NULL DEFAULT 0,
    cost_usd REAL,
    warnings TEXT NOT NULL,
    timings TEXT NOT NULL,
    error_code TEXT,
    error_message TEXT,
    inputs TEXT NOT NULL,
    outputs TEXT NOT NULL,
    pending_urls TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX IF NOT EXISTS entries_by_user ON entries (user, created DESC);
"""
_COLUMNS = (
    "id",
    "user",
    "created",
    "status",
    "model",
    "region",
    "prompt",
    "negative_prompt",
    "parameters",
    "request_id",
    "seed",
    "usage",
    "image_count",
    "cost_usd",
    "warnings",
    "timings",
    "error_code",
    "error_message",
    "inputs",
    "outputs",
    "pending_urls",
)
# Columns holding JSON text; the manifest holds them decoded, so a person can read it.
_JSON_COLUMNS = frozenset(
    {"parameters", "usage", "warnings", "timings", "inputs", "outputs", "pending_urls"}
)
_INSERT = (
    f"INSERT INTO entries ({', '.join(_COLUMNS)}) VALUES ({', '.join(':' + c for c in _COLUMNS)})"
)


class HistoryError(EditorError):
    code = "HistoryError"


class HistoryNotIndexedError(HistoryError):
    """The entry's files and manifest are on disk, but its row could not be inserted. Nothing
    was deleted: the next start indexes the folder from its manifest."""

    code = "HistoryNotIndexed"

    def __init__(self, entry_id: str, folder: Path, outputs: Sequence[Path]) -> None:
        self.entry_id = entry_id
        self.folder = folder
        self.outputs = tuple(outputs)
        super().__init__(
            "This edit's files are saved, but the history database could not list it just now.",
            f"They are kept in {folder} and will be added to your history at the next start of "
            "the app; download the outputs now if you need them sooner.",
        )


@dataclass(frozen=True)
class Retention:
    max_entries: int = 500  # per user; 0 = no limit
    max_age_days: float = 0  # 0 = keep forever
    max_bytes: int = 0  # per user, files on disk; 0 = no limit


@dataclass
class NewEntry:
    """An edit to record. Input bytes are the images as sent; outputs are files to move in."""

    status: str
    model: str
    region: str
    prompt: str
    negative_prompt: str
    parameters: dict
    inputs: Sequence[tuple[bytes, str] | str] = ()  # in order: (encoded bytes, mime) or a URL
    outputs: Sequence[Path] = ()
    request_id: str | None = None
    seed: int | None = None
    usage: dict | None = None
    cost_usd: float | None = None
    warnings: Sequence[str] = ()
    timings: dict = field(default_factory=dict)
    error_code: str | None = None
    error_message: str | None = None
    created: float | None = None
    pending_urls: Sequence[str] = ()  # outputs the service made that could not be downloaded


@dataclass(frozen=True)
class Entry:
    id: str
    created: float
    status: str
    model: str
    region: str
    prompt: str
    negative_prompt: str
    parameters: dict
    request_id: str | None
    seed: int | None
    usage: dict | None
    image_count: int
    cost_usd: float | None
    warnings: list[str]
    timings: dict
    error_code: str | None
    error_message: str | None
    inputs: list[str]  # file names in the entry folder, or http(s) URLs as sent
    outputs: list[str]
    folder: Path
    pending_urls: list[str] = field(default_factory=list)
    # What saving this entry did that its maker should hear of (older entries removed to stay
    # within the quota...). Set by record() only; not stored.
    notices: tuple[str, ...] = field(default=(), compare=False)

    def pending_until(self) -> float:
        """Result links live 24 hours from the edit."""
        return self.created + 24 * 3600

    def input_paths(self) -> list[str]:
        return [
            i if i.startswith(("http://", "https://")) else str(self.folder / i)
            for i in self.inputs
        ]

    def local_inputs(self) -> list[Path]:
        """The input files kept in the entry (inputs sent as http(s) links are not files)."""
        return [self.folder / i for i in self.inputs if not i.startswith(("http://", "https://"))]

    def output_paths(self) -> list[Path]:
        return [self.folder / name for name in self.outputs]

    def manifest(self) -> dict:
        data = asdict(self)
        data.pop("folder")
        data.pop("notices")
        data["created_iso"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(self.created))
        return data


@dataclass(frozen=True)
class Totals:
    images_today: int
    cost_today: float
    images_all: int
    cost_all: float
    entries: int


class Recovery(NamedTuple):
    indexed: int  # folders with a manifest but no row, now listed again
    removed: int  # leftovers of interrupted saves
    unlisted: int  # folders kept although neither a row nor a manifest describes them


def new_user_id() -> str:
    return secrets.token_urlsafe(18)


def _check_user(user_id: str) -> str:
    if not isinstance(user_id, str) or not _USER_RE.match(user_id):
        raise HistoryError(
            "This history id is not valid.",
            "Reload the page to get a new one (ids are 8-128 letters, digits or -_.:@).",
        )
    # Folders and rows are keyed by a hash: no id, however crafted, can name a path.
    return hashlib.sha256(user_id.encode()).hexdigest()[:32]


def _check_entry(entry_id: str) -> str:
    if not isinstance(entry_id, str) or not _ENTRY_RE.match(entry_id):
        raise HistoryError("No such history entry.", "It may have been deleted.")
    return entry_id


# -- manifests -----------------------------------------------------------------------------
def _manifest_of(row: dict) -> dict:
    data: dict = {"format": MANIFEST_FORMAT}
    for col in _COLUMNS:
        value = row[col]
        data[col] = json.loads(value) if col in _JSON_COLUMNS and value is not None else value
    return data


def _row_of(data: dict) -> dict:
    """The row a manifest describes; ValueError when it is not a manifest this store wrote."""
    if not isinstance(data, dict) or data.get("format") != MANIFEST_FORMAT:
        raise ValueError("not a history manifest")
    row = {}
    for col in _COLUMNS:
        value = data[col]  # KeyError: a column is missing
        row[col] = json.dumps(value) if col in _JSON_COLUMNS and value is not None else value
    if not (_ENTRY_RE.match(str(row["id"])) and _USER_HASH_RE.match(str(row["user"]))):
        raise ValueError("bad id or user in manifest")
    if row["status"] not in ("ok", "failed"):
        raise ValueError("bad status in manifest")
    return row


def _write_manifest(folder: Path, row: dict) -> None:
    text = json.dumps(_manifest_of(row), indent=1, ensure_ascii=False)
    atomic_write(folder / MANIFEST, text.encode())


def _read_manifest(folder: Path) -> dict:
    """The row of the manifest in folder; OSError/ValueError/KeyError when it is unusable."""
    row = _row_of(json.loads((folder / MANIFEST).read_text(encoding="utf-8")))
    if row["id"] != folder.name:
        raise ValueError("manifest of another entry")
    return row


# -- small file helpers ----------------------------------------------------------------------
def _folder_bytes(folder: Path) -> int:
    total = 0
    for path in folder.rglob("*"):
        with contextlib.suppress(OSError):  # removed meanwhile
            if path.is_file():
                total += path.stat().st_size
    return total


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


def _megabytes(size: int) -> str:
    return f"{size / 2**20:.0f} MB" if size >= 2**20 else f"{size / 2**20:.2g} MB"


class HistoryStore:
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
            db.executescript(_SCHEMA)
            columns = {row[1] for row in db.execute("PRAGMA table_info(entries)")}
            if "pending_urls" not in columns:  # a database made before that column existed
                db.execute("ALTER TABLE entries ADD COLUMN pending_urls TEXT NOT NULL DEFAULT '[]'")

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
                f"The history database cannot be opened ({exc}).",
                "Check that the data folder is writable and no other copy of the app uses it.",
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
                f"The history database is damaged ({reason}) and could not be moved aside.",
                f"Move {self.db_path} away by hand and start the app again ({exc}).",
            ) from exc
        log.error("history: the database was damaged (%s); it was moved to %s", reason, aside)
        return aside

    def _announce_rebuild(self, reason: str, kept_as: Path, recovery: Recovery) -> None:
        notice = (
            f"Your history database was damaged; it was rebuilt from {recovery.indexed} saved "
            f"edits. The damaged file was kept as {kept_as.name}."
        )
        if recovery.unlisted:
            notice += (
                f" {recovery.unlisted} older edit folder(s) had no manifest and could not be "
                "listed; their files were kept."
            )
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
            raise HistoryError("The history is not available.", "Restart the app.")

    def record(self, user_id: str, new: NewEntry) -> Entry:
        """Save an edit. Outputs are moved in, never copied; on any error they are not deleted
        (see _stage_entry and HistoryNotIndexedError)."""
        user = _check_user(user_id)
        self._maybe_cleanup()
        entry_id = secrets.token_urlsafe(16)
        row = self._new_row(user, entry_id, new)
        final = self._stage_entry(row, new)
        try:
            self._write(_INSERT, row)
        except Exception as exc:
            log.error("history: entry %s kept in %s but not indexed: %s", entry_id, final, exc)
            raise HistoryNotIndexedError(
                entry_id, final, [final / n for n in json.loads(row["outputs"])]
            ) from exc
        saved = self._entry(row)
        return replace(saved, notices=tuple(self._after_insert(user_id, entry_id)))

    def _new_row(self, user: str, entry_id: str, new: NewEntry) -> dict:
        inputs = [
            item if isinstance(item, str) else f"in-{i}.{_EXT.get(item[1], 'png')}"
            for i, item in enumerate(new.inputs, 1)
        ]
        outputs = [f"out-{i}.png" for i in range(1, len(new.outputs) + 1)]
        return {
            "id": entry_id,
            "user": user,
            "created": new.created if new.created is not None else time.time(),
            "status": new.status,
            "model": new.model,
            "region": new.region,
            "prompt": new.prompt,
            "negative_prompt": new.negative_prompt,
            "parameters": json.dumps(new.parameters, sort_keys=True),
            "request_id": new.request_id,
            "seed": new.seed,
            "usage": json.dumps(new.usage) if new.usage else None,
            "image_count": len(outputs),
            "cost_usd": new.cost_usd,
            "warnings": json.dumps(list(new.warnings)),
            "timings": json.dumps(new.timings),
            "error_code": new.error_code,
            "error_message": new.error_message,
            "inputs": json.dumps(inputs),
            "outputs": json.dumps(outputs),
            "pending_urls": json.dumps(list(new.pending_urls)),
        }

    def _stage_entry(self, row: dict, new: NewEntry) -> Path:
        """Write the entry folder in staging (inputs, outputs, manifest last) and move it into
        files/. On failure the outputs go back where they came from: a paid output is never
        deleted by an error path."""
        stage = self.root / "staging" / f"entry-{row['id']}"
        stage.mkdir(parents=True)
        moved: list[tuple[Path, Path]] = []
        try:
            # Inputs first: they need disk space, and failing before the outputs moved is
            # the simplest failure to undo.
            for item, name in zip(new.inputs, json.loads(row["inputs"]), strict=True):
                if not isinstance(item, str):
                    atomic_write(stage / name, item[0])
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
        _write_manifest(entry.folder, row)  # the manifest first: the files are there already
        try:
            self._write(
                "UPDATE entries SET outputs = :outputs, image_count = :image_count, "
                "pending_urls = :pending_urls, status = :status, error_code = :error_code, "
                "error_message = :error_message WHERE user = :user AND id = :id",
                row,
            )
        except sqlite3.Error as exc:
            raise HistoryError(
                "The outputs were downloaded, but the history could not be updated just now.",
                f"They are kept in {entry.folder}; try again in a moment.",
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
    ) -> list[Entry]:
        user = _check_user(user_id)
        sql = "SELECT * FROM entries WHERE user = ?"
        args: list[object] = [user]
        if search.strip():
            escaped = search.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            sql += " AND (prompt LIKE ? ESCAPE '\\' OR negative_prompt LIKE ? ESCAPE '\\')"
            args += [f"%{escaped}%"] * 2
        if model:
            sql += " AND model = ?"
            args.append(model)
        if status in ("ok", "failed"):
            sql += " AND status = ?"
            args.append(status)
        sql += " ORDER BY created DESC LIMIT ?"
        args.append(int(limit))
        return [self._entry(row) for row in self._connect().execute(sql, args)]

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

    def usage(self, user_id: str) -> int:
        """Bytes this user's entries take on disk (exports not included: they last an hour)."""
        folder = self.root / "files" / _check_user(user_id)
        return _folder_bytes(folder) if folder.is_dir() else 0

    def _entry(self, row: sqlite3.Row | dict) -> Entry:
        return Entry(
            id=row["id"],
            created=row["created"],
            status=row["status"],
            model=row["model"],
            region=row["region"],
            prompt=row["prompt"],
            negative_prompt=row["negative_prompt"],
            parameters=json.loads(row["parameters"]),
            request_id=row["request_id"],
            seed=row["seed"],
            usage=json.loads(row["usage"]) if row["usage"] else None,
            image_count=row["image_count"],
            cost_usd=row["cost_usd"],
            warnings=json.loads(row["warnings"]),
            timings=json.loads(row["timings"]),
            error_code=row["error_code"],
            error_message=row["error_message"],
            inputs=json.loads(row["inputs"]),
            outputs=json.loads(row["outputs"]),
            folder=self.root / "files" / row["user"] / row["id"],
            pending_urls=json.loads(row["pending_urls"]),
        )

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
                f"Your history is limited to {_megabytes(limit)}: the {removed} oldest "
                f"edit(s) were removed to make room for this one."
            )
        if used > limit:
            notices.append(
                f"This edit alone takes more than your history's limit of {_megabytes(limit)}; "
                "it is kept, but your next edit will replace it. Download it now."
            )
        return notices

    # -- exporting -----------------------------------------------------------------------
    def export(self, user_id: str, entry_ids: Iterable[str] | None = None) -> Path:
        """A zip of the chosen entries (all when None): images plus manifest.json. Each entry
        once, at most `export_limit` of them, streamed to disk; a failure leaves no file."""
        user = _check_user(user_id)
        entries = self._entries_to_export(user_id, entry_ids)
        self._maybe_cleanup()
        folder = self.root / "exports" / user
        folder.mkdir(parents=True, exist_ok=True)
        with self._export_slot(user):
            self._prune_exports(folder)
            stamp = time.strftime("%Y%m%d-%H%M%S")
            target = folder / f"qwen-edits-{stamp}-{secrets.token_hex(4)}.zip"
            tmp = target.with_suffix(".part")
            try:
                self._write_zip(tmp, entries, stamp)
                tmp.rename(target)
            finally:
                tmp.unlink(missing_ok=True)  # gone already when the rename succeeded
        return target

    def _entries_to_export(self, user_id: str, entry_ids: Iterable[str] | None) -> list[Entry]:
        limit = self.export_limit
        if entry_ids is None:
            wanted = self.totals(user_id).entries
            entries = self.list(user_id, limit=limit + 1) if wanted <= limit else []
        else:
            # One id named 300 times is one entry, not 300 copies of its files.
            ids = list(dict.fromkeys(entry_ids))
            wanted = len(ids)
            entries = [self.get(user_id, e) for e in ids] if wanted <= limit else []
        if wanted > limit:
            raise HistoryError(
                f"One export can hold at most {limit} edits; this one asked for {wanted}.",
                "Choose fewer edits, or export them in parts.",
            )
        if not entries:
            raise HistoryError("There is nothing to export.", "Select at least one entry.")
        return entries

    @contextlib.contextmanager
    def _export_slot(self, user: str) -> Iterator[None]:
        """One export at a time per user: parallel requests cannot multiply the disk used."""
        with self._lock:
            if user in self._exporting:
                raise HistoryError(
                    "Your previous export is still being made.", "Wait for it, then try again."
                )
            self._exporting.add(user)
        try:
            yield
        finally:
            with self._lock:
                self._exporting.discard(user)

    @staticmethod
    def _prune_exports(folder: Path) -> None:
        """Keep the user's newest exports only (EXPORTS_KEPT, counting the one being made)."""
        zips = sorted(folder.glob("*.zip"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in zips[EXPORTS_KEPT - 1 :]:
            old.unlink(missing_ok=True)

    @staticmethod
    def _write_zip(tmp: Path, entries: Sequence[Entry], stamp: str) -> None:
        manifest: dict = {"exported": stamp, "entries": []}
        # zf.write copies each file in chunks: nothing is held in memory whole.
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_STORED) as zf:  # PNGs do not compress
            for entry in entries:
                prefix = time.strftime("%Y%m%d-%H%M%S", time.gmtime(entry.created))
                prefix += f"-{entry.id[:8]}"
                data = entry.manifest()
                data["files"] = []
                for name in [*[i for i in entry.inputs if _FILE_RE.match(i)], *entry.outputs]:
                    path = entry.folder / name
                    if path.exists():
                        zf.write(path, f"{prefix}/{name}")
                        data["files"].append(f"{prefix}/{name}")
                manifest["entries"].append(data)
            zf.writestr("manifest.json", json.dumps(manifest, indent=2, ensure_ascii=False))

    def file_path(self, user_id: str, entry_id: str, name: str) -> Path:
        """The path of one file of one entry of this user, or a HistoryError."""
        entry = self.get(user_id, entry_id)
        if name not in entry.inputs + entry.outputs or not _FILE_RE.match(name):
            raise HistoryError("No such file in this entry.")
        return entry.folder / name

    def close(self) -> None:
        self._drop_connection()
