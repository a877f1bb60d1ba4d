"""The history store: every edit of every user, kept in sqlite3 (WAL) with its files beside it.

Layout under the root:
    history.sqlite3            the index, one row per edit; it can be rebuilt from the manifests
    files/<user>/<entry>/      in-1.png ... out-1.png ... manifest.json of one entry
                               (<user> is a hash; manifest.json holds everything the row holds)
    staging/<token>/           outputs being downloaded
    staging/entry-<id>/        an entry being written; moved into files/ before its row commits
    exports/<user>/            zip files made for download (a few per user, for an hour)

What lives where:
    store.py      HistoryStore: its state and connections, open, record and attach_outputs
                  (the save order that never loses a paid output), list, get, totals
    records.py    NewEntry, Entry, Totals, Retention, Recovery, the errors, the id checks
    schema.py     the SQL schema and columns; row <-> manifest <-> Entry; manifest files
    recovery.py   a damaged database set aside and rebuilt, recover(), cleanup()
    retention.py  delete, retention and the per-user disk quota
    export.py     zip exports, bounded per user

Import from here (`from services.history import HistoryStore`): how the code is split into
modules is not part of the API.
"""

# Every name the single module had at its top level stays importable from here. Private
# helpers are re-exported with a redundant `as` (tests may reach for some, e.g. _check_user).
# shutil is among them because tests make a save fail halfway by patching
# `services.history.shutil.move`: shutil is one module object, so that patch reaches the
# store's own calls.
import shutil as shutil

from .export import EXPORTS_KEPT
from .records import _ENTRY_RE as _ENTRY_RE
from .records import _EXT as _EXT
from .records import _FILE_RE as _FILE_RE
from .records import _USER_HASH_RE as _USER_HASH_RE
from .records import _USER_RE as _USER_RE
from .records import (
    DB_NAME,
    MANIFEST,
    Entry,
    HistoryError,
    HistoryNotIndexedError,
    NewEntry,
    Recovery,
    Retention,
    Totals,
    new_user_id,
)
from .records import _check_entry as _check_entry
from .records import _check_user as _check_user
from .recovery import EXPORT_TTL_S, PART_STALE_S, STAGING_EMPTY_S, STAGING_KEEP_S
from .recovery import _is_damage as _is_damage
from .recovery import _newest_mtime as _newest_mtime
from .recovery import _remove as _remove
from .requests import SavedRegion, SavedRequest, request_record, saved_request
from .retention import _folder_bytes as _folder_bytes
from .retention import _megabytes as _megabytes
from .schema import _COLUMNS as _COLUMNS
from .schema import _INSERT as _INSERT
from .schema import _JSON_COLUMNS as _JSON_COLUMNS
from .schema import _SCHEMA as _SCHEMA
from .schema import MANIFEST_FORMAT
from .schema import _manifest_of as _manifest_of
from .schema import _read_manifest as _read_manifest
from .schema import _row_of as _row_of
from .schema import _write_manifest as _write_manifest
from .store import HistoryStore
from .store import log as log

__all__ = [
    "DB_NAME",
    "EXPORTS_KEPT",
    "EXPORT_TTL_S",
    "MANIFEST",
    "MANIFEST_FORMAT",
    "PART_STALE_S",
    "STAGING_EMPTY_S",
    "STAGING_KEEP_S",
    "Entry",
    "HistoryError",
    "SavedRegion",
    "SavedRequest",
    "request_record",
    "saved_request",
    "HistoryNotIndexedError",
    "HistoryStore",
    "NewEntry",
    "Recovery",
    "Retention",
    "Totals",
    "new_user_id",
]
