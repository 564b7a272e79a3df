"""The lists file (TinyDB): the user's watch list and saved searches.

Small and rarely written, so each change rewrites it whole (atomically, under its lock, like the other
files); another process's change is picked up by :meth:`ListsFile.sync`. It is opened only when first
needed, so a library whose user never watched anything has no such file.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from readq import clock
from readq.store.files import META, SCHEMA, TinyFile
from readq.store.safety import set_aside_copies

LISTS_FILE = "lists.json"
WATCHES = "watches"
SEARCHES = "searches"


class ListsFile(TinyFile):
    def __init__(self, path: Path, lock_timeout: float) -> None:
        super().__init__(path, "lists", WATCHES, lock_timeout)
        self.backup_every = 0.0  # small and rarely written: every version is backed up (five are kept)
        self.watches: list[dict[str, Any]] = []
        self.searches: list[dict[str, Any]] = []

    def initial(self) -> dict[str, dict[str, Any]]:
        return {
            META: {"1": {"schema": SCHEMA, "kind": self.kind, "created": clock.now_iso()}},
            WATCHES: {},
            SEARCHES: {},
        }

    def opened(self) -> None:
        self.load()
        self.backup_if_due()

    # -- reading ------------------------------------------------------------------------------------
    def load(self) -> None:
        data = self.raw()
        self.loaded = self.storage._cache_sig
        self.watches = _rows(data.get(WATCHES, {}))
        self.searches = _rows(data.get(SEARCHES, {}))

    def reload(self) -> None:
        self.load()

    def read_snapshot(self) -> None:
        self.load()

    # -- writing ------------------------------------------------------------------------------------
    def update(self, table: str, plan: Callable[[list[dict[str, Any]]], list[dict[str, Any]] | None]) -> bool:
        """Replace the rows of ``table`` with ``plan(current rows)`` in one locked, atomic write (None from
        ``plan``: nothing to change). True when something was written."""
        with self.locked():
            self.sync()
            current = self.watches if table == WATCHES else self.searches
            rows = plan([dict(row) for row in current])
            if rows is None:
                return False
            tiny = self.db.table(table, cache_size=0)
            with self.write_batch():  # one atomic file write
                tiny.truncate()
                tiny.insert_multiple(rows)
            self.load()
            self.backup_if_due()
        return True


def _rows(table: dict[str, Any]) -> list[dict[str, Any]]:
    """A table's rows in the order they were added (TinyDB document ids are increasing integers)."""
    ordered = sorted(table.items(), key=lambda item: int(item[0]) if item[0].isdigit() else 0)
    return [row for _, row in ordered if isinstance(row, dict)]


class StoreLists:
    """The store's watch list and saved searches (``Store`` inherits these), in ``lists.json``."""

    data_dir: Path
    _lock_timeout: float
    _lists_file: ListsFile | None

    def _open_lists(self) -> ListsFile:
        if self._lists_file is None:
            lists = ListsFile(self.data_dir / LISTS_FILE, self._lock_timeout)
            lists.open()
            self._lists_file = lists
        return self._lists_file

    def _lists_missing(self) -> bool:
        """True when there is no lists file and none was set aside: no watches, nothing to refuse. A file
        set aside as damaged and not yet restored is refused (by opening it) on every start, as the papers
        and the state are, never read as an empty watch list."""
        path = self.data_dir / LISTS_FILE
        return self._lists_file is None and not path.exists() and not set_aside_copies(path)

    def check_lists(self) -> None:
        """Refuse (StoreCorruptError) a lists file that was set aside and not restored."""
        if not self._lists_missing() and not (self.data_dir / LISTS_FILE).exists():
            self._open_lists()

    def _lists_rows(self, table: str) -> list[dict[str, Any]]:
        if self._lists_missing():
            return []
        lists = self._open_lists()
        return lists.watches if table == WATCHES else lists.searches

    @property
    def watches(self) -> list[str]:
        """The watch list: query terms, in the order they were added."""
        return [str(row["term"]) for row in self._lists_rows(WATCHES) if row.get("term")]

    def add_watch(self, term: str, key: str) -> bool:
        """Add a watch; ``key`` is its canonical form (a term already watched under the same key is not
        added again). True when it was added."""

        def plan(rows: list[dict[str, Any]]) -> list[dict[str, Any]] | None:
            if any(row.get("key") == key for row in rows):
                return None
            return [*rows, {"term": term, "key": key, "added": clock.now_iso()}]

        return self._open_lists().update(WATCHES, plan)

    def remove_watch(self, key: str) -> bool:
        """Remove the watch with canonical form ``key``; True when there was one."""

        def plan(rows: list[dict[str, Any]]) -> list[dict[str, Any]] | None:
            kept = [row for row in rows if row.get("key") != key]
            return kept if len(kept) < len(rows) else None

        return self._open_lists().update(WATCHES, plan)

    @property
    def saved_searches(self) -> dict[str, str]:
        """Saved searches: name -> query text, in the order they were saved."""
        return {
            str(row["name"]): str(row.get("query", ""))
            for row in self._lists_rows(SEARCHES)
            if row.get("name")
        }

    def save_search(self, name: str, query: str) -> bool:
        """Save ``query`` under ``name``, replacing a search of that name (any case). True when written."""
        key = name.casefold()

        def plan(rows: list[dict[str, Any]]) -> list[dict[str, Any]] | None:
            row = {"name": name, "query": query, "added": clock.now_iso()}
            for i, old in enumerate(rows):
                if str(old.get("name", "")).casefold() == key:
                    if old.get("name") == name and old.get("query") == query:
                        return None
                    return [*rows[:i], row, *rows[i + 1 :]]
            return [*rows, row]

        return self._open_lists().update(SEARCHES, plan)

    def remove_search(self, name: str) -> bool:
        """Remove the saved search called ``name`` (any case); True when there was one."""
        key = name.casefold()

        def plan(rows: list[dict[str, Any]]) -> list[dict[str, Any]] | None:
            kept = [row for row in rows if str(row.get("name", "")).casefold() != key]
            return kept if len(kept) < len(rows) else None

        return self._open_lists().update(SEARCHES, plan)

    def list_rows(self) -> dict[str, list[dict[str, Any]]]:
        """The watch list's and the saved searches' rows as stored (for undo)."""
        return {table: [dict(row) for row in self._lists_rows(table)] for table in (WATCHES, SEARCHES)}

    def put_list_rows(self, tables: dict[str, list[dict[str, Any]]]) -> bool:
        """Put back rows from :meth:`list_rows` (an undo or redo); True when anything was written."""
        written = False
        for table, wanted in tables.items():
            rows = [dict(row) for row in wanted]

            def plan(
                current: list[dict[str, Any]], rows: list[dict[str, Any]] = rows
            ) -> list[dict[str, Any]] | None:
                return None if current == rows else rows

            written |= self._open_lists().update(table, plan)
        return written
