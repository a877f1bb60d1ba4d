"""What one browser tab is looking at in History: the page, the tiles on it, and the edits
chosen for export or deletion. Kept in gr.State as one object per session, changed in place
under a lock: two quick clicks on tiles run at the same time, and neither may lose the
other's choice."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from services.history import Entry, HistoryStore
from services.messages import DEFAULT_LANGUAGE
from ui import history_view as view
from ui.experiments_view import history_run, in_run
from ui.files import publish

PLACEHOLDER = Path(__file__).resolve().parent.parent / "assets" / "no-output.png"


@dataclass(frozen=True)
class Tile:
    entry: Entry
    image: str  # the published thumbnail


def thumbnail(entry: Entry) -> str:
    outs = entry.output_paths()
    if outs:
        return publish(outs[0])
    local = entry.local_inputs()
    return publish(local[0] if local else PLACEHOLDER)


@dataclass(frozen=True)
class Filters:
    search: str = ""
    model: str | None = None
    status: str | None = None
    run: str | None = None  # "run:<id>" in the search: one experiment's edits (issue 14)

    @classmethod
    def of(cls, search: str | None, model: str | None, status: str | None) -> Filters:
        run, rest = history_run(search or "")
        return cls(rest.strip(), model or None, status or None, run)

    @property
    def active(self) -> bool:
        return bool(self.search or self.model or self.status or self.run)

    def kwargs(self) -> dict:
        return {"search": self.search, "model": self.model, "status": self.status}


class Browse:
    """One session's view of its history, changed in place (handlers running at once share it
    and its lock). Gradio gives each session a deep copy of a State's default value: a copy of
    a Browse is a new, empty one, so that no two sessions share a view. (A callable default
    would do the same, but Gradio makes it a public API endpoint.)"""

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.page = 1
        self.pages = 1
        self.total = 0
        self.filtered = False
        self.tiles: list[Tile] = []
        self.chosen: dict[str, None] = {}  # entry ids, in the order they were chosen

    def __deepcopy__(self, memo: dict) -> Browse:
        return Browse()

    def load(self, store: HistoryStore, user: str, filters: Filters, page: int) -> None:
        """Read one page (clamped to the pages there are) and publish only its thumbnails."""
        if filters.run:  # the store has no run column: its tag in the parameters is read here
            found = [
                e
                for e in store.list(user, **filters.kwargs(), limit=10**6)
                if in_run(e, filters.run)
            ]
            total = len(found)
        else:
            total = store.count(user, **filters.kwargs())
        pages = view.pages_for(total)
        page = min(max(1, page), pages)
        offset = (page - 1) * view.PAGE_SIZE
        if filters.run:
            entries = found[offset : offset + view.PAGE_SIZE]
        else:
            entries = store.list(user, **filters.kwargs(), limit=view.PAGE_SIZE, offset=offset)
        tiles = [Tile(e, thumbnail(e)) for e in entries]
        with self.lock:
            self.page, self.pages, self.total, self.tiles = page, pages, total, tiles
            self.filtered = filters.active

    def clear(self) -> None:
        with self.lock:
            self.page, self.pages, self.total, self.tiles = 1, 1, 0, []

    def entry_at(self, index: int) -> Entry:
        with self.lock:
            return self.tiles[index].entry

    def toggle(self, index: int) -> bool:
        """Choose the tile at `index`, or un-choose it; True when it is chosen now."""
        with self.lock:
            entry_id = self.tiles[index].entry.id
            if entry_id in self.chosen:
                del self.chosen[entry_id]
                return False
            self.chosen[entry_id] = None
            return True

    def chosen_ids(self) -> list[str]:
        with self.lock:
            return list(self.chosen)

    def forget(self, ids) -> None:
        """Drop deleted entries from the choice."""
        with self.lock:
            for entry_id in ids:
                self.chosen.pop(entry_id, None)

    def unchoose_all(self) -> int:
        with self.lock:
            count = len(self.chosen)
            self.chosen.clear()
            return count

    def gallery(self, lang: str = DEFAULT_LANGUAGE) -> list[tuple[str, str]]:
        """The page's tiles with their captions ('✓ ' on the chosen ones), in `lang`."""
        with self.lock:
            return [
                (t.image, view.tile_caption(t.entry, t.entry.id in self.chosen, lang=lang))
                for t in self.tiles
            ]

    def index_of(self, entry_id: str) -> int | None:
        with self.lock:
            return next((i for i, t in enumerate(self.tiles) if t.entry.id == entry_id), None)
