"""Zip exports of a user's history: the chosen entries' images, plus one manifest.json.

Each entry's folder in the zip holds its inputs, its outputs and, for a region edit, its extras
(original-1.png, mask.png, raw-N.png); manifest.json lists them all under the entry's "files".

Disk use is bounded: one zip holds at most `export_limit` distinct entries (an id named 300
times is one entry), each user has one export in progress at a time, and only the user's newest
EXPORTS_KEPT zips are kept; cleanup() (recovery.py) removes any older than an hour. A zip is
streamed to a .part file and renamed when complete, so a failure leaves no file to serve.
"""

from __future__ import annotations

import contextlib
import json
import secrets
import time
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from services.messages import msg

from .records import _FILE_RE, Entry, HistoryError, _check_user

EXPORTS_KEPT = 3  # per user, the newest; older ones go when a new one is made


class ExportMixin:
    """HistoryStore's exports. They work on the store's state (root, export_limit, _lock,
    _exporting, list(), get(), totals(), _maybe_cleanup()), which store.py sets up."""

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
                msg("error.history.export_limit", limit=limit, wanted=wanted),
                msg("hint.history.export_limit"),
            )
        if not entries:
            raise HistoryError(
                msg("error.history.nothing_to_export"), msg("hint.history.nothing_to_export")
            )
        return entries

    @contextlib.contextmanager
    def _export_slot(self, user: str) -> Iterator[None]:
        """One export at a time per user: parallel requests cannot multiply the disk used."""
        with self._lock:
            if user in self._exporting:
                raise HistoryError(
                    msg("error.history.export_busy"), msg("hint.history.export_busy")
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
                names = [
                    *[i for i in entry.inputs if _FILE_RE.match(i)],
                    *entry.outputs,
                    *entry.extra_names(),  # a region edit's original, mask and raw outputs
                ]
                for name in names:
                    path = entry.folder / name
                    if path.exists():
                        zf.write(path, f"{prefix}/{name}")
                        data["files"].append(f"{prefix}/{name}")
                manifest["entries"].append(data)
            zf.writestr("manifest.json", json.dumps(manifest, indent=2, ensure_ascii=False))
