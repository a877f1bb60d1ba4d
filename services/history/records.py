"""What the history keeps, and the checks on every id that names something in it.

NewEntry is an edit to record, Entry one recorded edit as read back, Totals a user's counts
and costs, Retention the per-user limits, Recovery what a repair at start did; HistoryError and
HistoryNotIndexedError are what the store raises. Nothing here touches the disk or the database.

The id checks live beside the records because every path and every query of the store is built
from a checked id: a user id is hashed before it names a folder or a row, an entry id must have
the exact shape the store gives out, and a file name must be one the store writes. The names of
the files in the layout are here for the same reason: every module names them the same way.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import NamedTuple

from services.errors import EditorError
from services.messages import msg

_USER_RE = re.compile(r"^[A-Za-z0-9_.:@-]{8,128}$")
_USER_HASH_RE = re.compile(r"^[0-9a-f]{32}$")
_ENTRY_RE = re.compile(r"^[A-Za-z0-9_-]{22}$")
# The extra files of a region edit (NewEntry.extras): image 1 at full resolution before it was
# cropped, the mask, and the model's raw outputs before stitching (at most 6, like outputs).
_EXTRA_RE = re.compile(r"^(?:original-1\.png|mask\.png|raw-[1-6]\.png)\Z")
# Every name file_path() may serve: inputs, outputs and those extras, nothing else (\Z, not $:
# "$" would let a trailing newline through).
_FILE_RE = re.compile(
    r"^(?:(?:in|out)-[1-9][0-9]?\.(?:png|jpg|webp)|original-1\.png|mask\.png|raw-[1-6]\.png)\Z"
)
_EXT = {"image/png": "png", "image/jpeg": "jpg", "image/webp": "webp"}

DB_NAME = "history.sqlite3"
MANIFEST = "manifest.json"


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
            msg("error.history.not_indexed"),
            msg("hint.history.not_indexed", folder=str(folder)),
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
    # Region edits: (name, source file) pairs COPIED into the entry (the caller keeps its
    # files). Names: "original-1.png", "mask.png", "raw-1.png" ... "raw-6.png" (_EXTRA_RE).
    # Their names are recorded in parameters["region"]["files"].
    extras: Sequence[tuple[str, Path]] = ()
    # The error and the warnings as messages, so History shows them in its reader's language:
    # {"error": {"key", "params", "hint_key", "hint_params"}, "warnings": [{"key", "params"} or
    # null, one per warning]} (services/messages.to_data). error_message and warnings keep
    # the English text beside them: what older readers and entries have.
    messages: dict | None = None


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
    messages: dict | None = None  # as NewEntry.messages; None for entries made before it
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

    def extra_names(self) -> list[str]:
        """The names of the region edit's extra files (parameters["region"]["files"]), only
        those of an allowed shape: a manifest read back at recovery is not trusted further."""
        region = self.parameters.get("region") if isinstance(self.parameters, dict) else None
        files = region.get("files") if isinstance(region, dict) else None
        if not isinstance(files, list):
            return []
        names = [n for n in files if isinstance(n, str) and _EXTRA_RE.match(n)]
        return list(dict.fromkeys(names))

    def extra_paths(self) -> dict[str, Path]:
        """name -> path of the region edit's extra files that exist in the entry folder."""
        paths = {name: self.folder / name for name in self.extra_names()}
        return {name: path for name, path in paths.items() if path.is_file()}

    def original_path(self) -> Path | None:
        """Image 1 at full resolution, before it was cropped for a region edit."""
        return self.extra_paths().get("original-1.png")

    def mask_path(self) -> Path | None:
        """The region edit's mask (white = edit)."""
        return self.extra_paths().get("mask.png")

    def raw_paths(self) -> list[Path]:
        """The model's raw outputs before stitching, raw-1.png first."""
        raws = [(n, p) for n, p in self.extra_paths().items() if n.startswith("raw-")]
        return [p for _, p in sorted(raws)]

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
        raise HistoryError(msg("error.history.bad_id"), msg("hint.history.bad_id"))
    # Folders and rows are keyed by a hash: no id, however crafted, can name a path.
    return hashlib.sha256(user_id.encode()).hexdigest()[:32]


def _check_extras(extras: Sequence[tuple[str, Path]]) -> list[tuple[str, Path]]:
    """The extras of a NewEntry as (name, source) pairs, or a HistoryError: each name must be
    one of the allowed shapes (_EXTRA_RE) and appear once. Nothing is read or written here."""
    bad = HistoryError(msg("error.history.bad_extras"), msg("hint.history.bad_extras"))
    if isinstance(extras, (str, bytes)):
        raise bad
    checked: list[tuple[str, Path]] = []
    for item in extras:
        if not isinstance(item, tuple) or len(item) != 2:
            raise bad
        name, source = item
        if not isinstance(name, str) or not _EXTRA_RE.match(name):
            raise bad
        if not isinstance(source, (str, Path)) or not str(source):
            raise bad
        checked.append((name, Path(source)))
    if len({name for name, _ in checked}) != len(checked):
        raise bad
    return checked


def _check_entry(entry_id: str) -> str:
    if not isinstance(entry_id, str) or not _ENTRY_RE.match(entry_id):
        raise HistoryError(msg("error.history.no_entry"), msg("hint.history.no_entry"))
    return entry_id
