"""The state file (TinyDB) with its journal: what the user did with each paper they touched."""

from __future__ import annotations

import contextlib
from collections.abc import MutableMapping
from pathlib import Path
from typing import Any

from tinydb.table import Document

from readq.store import safety
from readq.store.files import STATE_FILE, TinyFile
from readq.store.journal import Journal, JournalDamaged
from readq.store.jsonfile import WriteFailedError, signature
from readq.store.papers import companion, doc_id
from readq.user_state import PaperState

JOURNAL_FILE = "state.journal"
COMPACT_AT = 2000  # journal entries (paper states) folded into the state file once this many have piled up
COMPACT_AT_OPEN = 200


class StateFile(TinyFile):
    def __init__(self, path: Path, lock_timeout: float) -> None:
        super().__init__(path, "state", "state", lock_timeout)
        # Part of the state file, so beside the real file (a symlink's target), where its lock is: every
        # data dir linking to one state file shares its journal.
        self.journal = Journal(companion(self.target, STATE_FILE, JOURNAL_FILE))
        self.states: dict[str, PaperState] = {}

    def opened(self) -> None:
        self.load()
        if self.journal.entries >= COMPACT_AT_OPEN:
            with contextlib.suppress(WriteFailedError):  # a full disk must not stop anyone reading
                self.compact()
        else:
            self.backup_if_due()

    def read_snapshot(self) -> None:
        """The state file and its journal without the lock: read again when the state file was replaced
        between the two reads (a compaction, which empties the journal after rewriting the file)."""
        for _ in range(20):
            self.load()
            if signature(self.path) == self.loaded:
                return
        raise safety.StoreLockedError(f"{self.path.name} keeps changing under readq; try again")

    # -- reading ------------------------------------------------------------------------------------
    @property
    def changed(self) -> bool:
        """The file was replaced, or the journal has lines this process has not read."""
        return super().changed or self.journal.has_news

    def reload(self) -> None:
        self.load()

    def load(self) -> set[str]:
        """Read the state file and the whole journal; returns the ids whose state differs from before."""
        rows = self.rows()
        self.loaded = self.storage._cache_sig
        fresh: dict[str, PaperState] = {}
        for key, row in rows.items():
            try:
                pid = str(row["id"])
                if doc_id(pid) != int(key):
                    raise ValueError(f"its id {pid!r} does not match its key")
                fresh[pid] = PaperState.from_dict(row)
            except (KeyError, TypeError, ValueError, AttributeError) as error:
                raise self.bad_record(key, error) from None
        self.journal.inode = None  # replay the journal from its start
        fresh.update(self._journal_entries())
        changed = {pid for pid in fresh.keys() | self.states.keys() if fresh.get(pid) != self.states.get(pid)}
        self.states = fresh
        return changed

    def _journal_entries(self) -> dict[str, PaperState]:
        try:
            _, entries = self.journal.read()
        except JournalDamaged as error:
            raise self._damaged_journal(str(error)) from None
        return {pid: PaperState.from_dict(entry) for pid, entry in entries.items()}

    def _damaged_journal(self, reason: str) -> safety.StoreCorruptError:
        moved = safety.set_aside(self.journal.path)
        return safety.StoreCorruptError(
            f"readq cannot read {self.journal.path.name}: {reason}.\n"
            f"The damaged journal was set aside as {moved} (nothing was deleted). The changes in it since "
            f"the state file was last compacted are in that file; {self.path.name} itself is intact and "
            "readq will use it on the next start.",
            path=self.journal.path,
            moved_to=moved,
            backup=None,
        )

    def catch_up(self) -> set[str]:
        """Catch up with other processes: the journal's new lines, or everything when a file was replaced."""
        if signature(self.path) != self.loaded:
            return self.load()
        if not self.journal.has_news:
            return set()
        try:
            restarted, entries = self.journal.read()
        except JournalDamaged as error:
            raise self._damaged_journal(str(error)) from None
        if restarted:  # compacted by another process (it rewrote the state file first)
            return self.load()
        changed = set()
        for pid, entry in entries.items():
            state = PaperState.from_dict(entry)
            if self.states.get(pid) != state:
                self.states[pid] = state
                changed.add(pid)
        return changed

    # -- writing (the caller holds the lock and has synced) ---------------------------------------------
    def write(self, states: dict[str, PaperState]) -> None:
        if not states:
            return
        self.journal.append({pid: s.to_dict() for pid, s in states.items()})
        self.states.update(states)
        if self.journal.entries >= COMPACT_AT or self.backup_due():
            # The change is saved (in the journal). Folding it in can wait if the disk refuses it now: a
            # failed compaction leaves the state file as it was and the journal whole, and is tried again.
            with contextlib.suppress(WriteFailedError):
                self.compact()

    def backup_due(self) -> bool:
        age = safety.backup_age(self.path)
        return age is None or age > self.backup_every

    def compact(self) -> None:
        """Fold the journal into the state file (one TinyDB write), then start an empty journal."""
        if self.journal.entries:
            rows = {doc_id(pid): {"id": pid, **s.to_dict()} for pid, s in self.states.items()}
            existing = {int(k) for k in self.rows()}
            with self.write_batch():
                present = [d for d in rows if d in existing]
                if present:

                    def replace_row(row: MutableMapping[str, Any]) -> None:
                        fresh = rows[doc_id(row["id"])]
                        row.clear()
                        row.update(fresh)

                    self.table.update(replace_row, doc_ids=present)
                missing = [Document(row, doc_id=d) for d, row in rows.items() if d not in existing]
                if missing:
                    self.table.insert_multiple(missing)
            self.loaded = self.storage._cache_sig
            self.journal.reset()
        self.backup_if_due()
