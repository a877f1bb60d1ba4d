"""The history store: every edit of every user, kept in sqlite3 (WAL) with its files beside it.

Layout under the root:
    history.sqlite3            the index, one row per edit
    files/<user>/<entry>/      in-1.png ... out-1.png ... of one entry (<user> is a hash)
    staging/<token>/           an entry being written; moved into files/ before its row commits
    exports/<user>/            zip files made for download

Saving is ordered so that a crash leaves nothing half-done that the next start cannot clean:
files are written into staging, the folder is renamed into files/, and only then is the row
committed. At start, staging/ is emptied and entry folders without a row are removed.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import secrets
import shutil
import sqlite3
import threading
import time
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from services.errors import EditorError
from services.results import atomic_write

log = logging.getLogger(__name__)

_USER_RE = re.compile(r"^[A-Za-z0-9_.:@-]{8,128}$")
_ENTRY_RE = re.compile(r"^[A-Za-z0-9_-]{22}$")
_FILE_RE = re.compile(r"^(in|out)-[1-9][0-9]?\.(png|jpg|webp)$")
_EXT = {"image/png": "png", "image/jpeg": "jpg", "image/webp": "webp"}

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


class HistoryError(EditorError):
    code = "HistoryError"


@dataclass(frozen=True)
class Retention:
    max_entries: int = 500  # per user; 0 = no limit
    max_age_days: float = 0  # 0 = keep forever


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
        data["created_iso"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(self.created))
        return data


@dataclass(frozen=True)
class Totals:
    images_today: int
    cost_today: float
    images_all: int
    cost_all: float
    entries: int


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


class HistoryStore:
    def __init__(self, root: Path, retention: Retention | None = None) -> None:
        self.root = Path(root)
        self.retention = retention or Retention()
        self._lock = threading.Lock()  # one writer at a time; sqlite WAL lets readers go on
        self._local = threading.local()
        self._ready = False

    # -- set-up --------------------------------------------------------------------------
    def open(self) -> HistoryStore:
        """Create the folders and schema, and clean what a crash may have left behind."""
        for sub in ("files", "staging", "exports"):
            (self.root / sub).mkdir(parents=True, exist_ok=True)
        with self._connect() as db:
            db.executescript(_SCHEMA)
            columns = {row[1] for row in db.execute("PRAGMA table_info(entries)")}
            if "pending_urls" not in columns:  # a database made before that column existed
                db.execute("ALTER TABLE entries ADD COLUMN pending_urls TEXT NOT NULL DEFAULT '[]'")
        self._ready = True
        self.recover()
        return self

    def _connect(self) -> sqlite3.Connection:
        db = getattr(self._local, "db", None)
        if db is None:
            db = sqlite3.connect(self.root / "history.sqlite3", timeout=30, isolation_level=None)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.row_factory = sqlite3.Row
            self._local.db = db
        return db

    def recover(self) -> int:
        """Remove staging leftovers and entry folders that have no row; return how many."""
        removed = 0
        for leftover in (self.root / "staging").iterdir():
            shutil.rmtree(leftover, ignore_errors=True)
            removed += 1
        known = {row["id"] for row in self._connect().execute("SELECT id FROM entries")}
        for user_dir in (self.root / "files").iterdir():
            for folder in user_dir.iterdir():
                if folder.name not in known:
                    shutil.rmtree(folder, ignore_errors=True)
                    removed += 1
        for old in (self.root / "exports").glob("*/*.zip"):
            if time.time() - old.stat().st_mtime > 3600:
                old.unlink(missing_ok=True)
        if removed:
            log.info("history: cleaned %d leftover(s) of interrupted saves", removed)
        return removed

    def staging_dir(self) -> Path:
        """A fresh folder for outputs being downloaded; record() moves them into an entry."""
        path = self.root / "staging" / secrets.token_urlsafe(12)
        path.mkdir(parents=True)
        return path

    # -- writing -------------------------------------------------------------------------
    def record(self, user_id: str, new: NewEntry) -> Entry:
        user = _check_user(user_id)
        entry_id = secrets.token_urlsafe(16)
        stage = self.root / "staging" / f"entry-{entry_id}"
        stage.mkdir(parents=True)
        try:
            inputs: list[str] = []
            for i, item in enumerate(new.inputs, 1):
                if isinstance(item, str):
                    inputs.append(item)  # an http(s) URL, sent as is
                    continue
                data, mime = item
                name = f"in-{i}.{_EXT.get(mime, 'png')}"
                atomic_write(stage / name, data)
                inputs.append(name)
            outputs = []
            for i, src in enumerate(new.outputs, 1):
                name = f"out-{i}.png"
                shutil.move(str(src), stage / name)
                outputs.append(name)
            final = self.root / "files" / user / entry_id
            final.parent.mkdir(parents=True, exist_ok=True)
            stage.rename(final)
        except BaseException:
            shutil.rmtree(stage, ignore_errors=True)
            raise
        created = new.created if new.created is not None else time.time()
        row = {
            "id": entry_id,
            "user": user,
            "created": created,
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
        try:
            with self._lock:
                db = self._connect()
                cols = ", ".join(row)
                marks = ", ".join(f":{k}" for k in row)
                db.execute(f"INSERT INTO entries ({cols}) VALUES ({marks})", row)
        except BaseException:
            shutil.rmtree(final, ignore_errors=True)
            raise
        saved = self.get(user_id, entry_id)
        self.apply_retention(user_id)  # may remove this very entry if it is already too old
        return saved

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
        with self._lock:
            self._connect().execute(
                "UPDATE entries SET outputs = ?, image_count = ?, pending_urls = ?, status = ?, "
                "error_code = ?, error_message = ? WHERE user = ? AND id = ?",
                (
                    json.dumps(names),
                    len(names),
                    json.dumps(list(still_pending)),
                    "ok" if ok else entry.status,
                    None if ok else entry.error_code,
                    None if ok else entry.error_message,
                    _check_user(user_id),
                    entry_id,
                ),
            )
        return self.get(user_id, entry_id)

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
        user = _check_user(user_id)
        row = (
            self._connect()
            .execute(
                "SELECT * FROM entries WHERE user = ? AND id = ?", (user, _check_entry(entry_id))
            )
            .fetchone()
        )
        if row is None:  # another user's entry looks exactly like a missing one
            raise HistoryError("No such history entry.", "It may have been deleted.")
        return self._entry(row)

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

    def _entry(self, row: sqlite3.Row) -> Entry:
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
        ids = [_check_entry(e) for e in entry_ids]
        removed = 0
        with self._lock:
            db = self._connect()
            for entry_id in ids:
                cur = db.execute("DELETE FROM entries WHERE user = ? AND id = ?", (user, entry_id))
                if cur.rowcount:
                    removed += 1
                    # Row first, then files: a crash in between leaves an orphan folder,
                    # which recover() removes at the next start.
                    shutil.rmtree(self.root / "files" / user / entry_id, ignore_errors=True)
        return removed

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

    # -- exporting -----------------------------------------------------------------------
    def export(self, user_id: str, entry_ids: Iterable[str] | None = None) -> Path:
        """A zip of the chosen entries (all when None): images plus manifest.json."""
        user = _check_user(user_id)
        if entry_ids is None:
            entries = self.list(user_id, limit=1_000_000)
        else:
            entries = [self.get(user_id, e) for e in entry_ids]
        if not entries:
            raise HistoryError("There is nothing to export.", "Select at least one entry.")
        folder = self.root / "exports" / user
        folder.mkdir(parents=True, exist_ok=True)
        stamp = time.strftime("%Y%m%d-%H%M%S")
        target = folder / f"qwen-edits-{stamp}-{secrets.token_hex(4)}.zip"
        tmp = target.with_suffix(".part")
        manifest = {"exported": stamp, "entries": []}
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
        tmp.rename(target)
        return target

    def file_path(self, user_id: str, entry_id: str, name: str) -> Path:
        """The path of one file of one entry of this user, or a HistoryError."""
        entry = self.get(user_id, entry_id)
        if name not in entry.inputs + entry.outputs or not _FILE_RE.match(name):
            raise HistoryError("No such file in this entry.")
        return entry.folder / name

    def close(self) -> None:
        db = getattr(self._local, "db", None)
        if db is not None:
            db.close()
            self._local.db = None
