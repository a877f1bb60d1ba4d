"""The index's SQL, and the conversions between a row, its manifest and an Entry.

A row is the dict of one `entries` row, JSON columns as text. Its manifest
(files/<user>/<entry>/manifest.json) holds the same columns with the JSON decoded, so a person
can read it and a damaged index can be rebuilt from the folders alone (see recovery.py).
The INSERT and the manifests are both built from _COLUMNS: a new column goes into _SCHEMA,
_COLUMNS and, for databases made before it, the migration in _apply_schema.

A manifest is read back only through _row_of, which refuses anything this store did not write:
the ids and the status it holds become paths and rows, so they are checked like any other id.
"""

from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path

from services.results import atomic_write

from .records import _ENTRY_RE, _EXT, _USER_HASH_RE, MANIFEST, Entry, NewEntry

MANIFEST_FORMAT = 1

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
    pending_urls TEXT NOT NULL DEFAULT '[]',
    messages TEXT
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
    "messages",
)
# Columns added after the first manifests were written: a manifest without them is read as
# null (what an older entry had: the English text only).
_LATER_COLUMNS = frozenset({"messages"})
# Columns holding JSON text; the manifest holds them decoded, so a person can read it.
_JSON_COLUMNS = frozenset(
    {"parameters", "usage", "warnings", "timings", "inputs", "outputs", "pending_urls", "messages"}
)
_INSERT = (
    f"INSERT INTO entries ({', '.join(_COLUMNS)}) VALUES ({', '.join(':' + c for c in _COLUMNS)})"
)


def _apply_schema(db: sqlite3.Connection) -> None:
    """Create the table and index if missing, and add the columns older databases lack."""
    db.executescript(_SCHEMA)
    columns = {row[1] for row in db.execute("PRAGMA table_info(entries)")}
    if "pending_urls" not in columns:  # a database made before that column existed
        db.execute("ALTER TABLE entries ADD COLUMN pending_urls TEXT NOT NULL DEFAULT '[]'")
    if "messages" not in columns:  # the error and warnings as messages (issue 13)
        db.execute("ALTER TABLE entries ADD COLUMN messages TEXT")


def _row_of_new(user: str, entry_id: str, new: NewEntry) -> dict:
    """The row of a new entry: `user` is the hashed id; inputs and outputs get the file
    names they will have in the entry folder (inputs sent as links are kept as links)."""
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
        "messages": json.dumps(new.messages, ensure_ascii=False) if new.messages else None,
    }


def _entry_of(root: Path, row: sqlite3.Row | dict) -> Entry:
    """The Entry a row describes, its folder under the store's root."""
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
        folder=root / "files" / row["user"] / row["id"],
        pending_urls=json.loads(row["pending_urls"]),
        messages=_messages(row),
    )


def _messages(row: sqlite3.Row | dict) -> dict | None:
    """The entry's error and warnings as message data, or None (an entry from before they were
    kept, or a value that is not a dict: shown from the English text then)."""
    value = row["messages"]  # every row has the column (schema.py adds it to older ones)
    try:
        data = json.loads(value) if value else None
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


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
        # KeyError: a column is missing (one added later may be: the entry is older)
        value = data.get(col) if col in _LATER_COLUMNS else data[col]
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
