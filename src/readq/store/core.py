"""The library on disk: a papers file written only by imports and a small state file of what the user did.

Both are TinyDB files behind :class:`AtomicJSONStorage`; each whole read-modify-write holds a file lock, so a
TUI, a ``readq import`` and a ``readq mark`` running at once never lose a change. The store keeps both files
in memory and re-reads one only when another process replaced it (``refresh``).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator, MutableMapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from filelock import FileLock
from filelock import Timeout as LockTimeout
from tinydb import TinyDB
from tinydb.table import Document, Table

from readq.models import DEFAULT_STATE, Paper, PaperState, ParseResult, Source, Warning_, now_iso
from readq.store import safety
from readq.store.jsonfile import (
    AtomicJSONStorage,
    CorruptFileError,
    Signature,
    clean_stale_temp_files,
    signature,
)
from readq.store.merge import ImportPlan, Index, plan_import
from readq.store.safety import StoreCorruptError, StoreError, StoreLockedError, StoreVersionError

PAPERS_FILE = "papers.json"
STATE_FILE = "state.json"
SCHEMA = 1
META = "_meta"

# schema version -> function upgrading a file's tables from that version to the next one
MIGRATIONS: dict[int, Callable[[dict[str, dict[str, Any]]], None]] = {}


def doc_id(pid: str) -> int:
    return int(pid, 16)


@dataclass
class ImportReport:
    file: str
    layout: str
    digest_date: str | None
    entries: int
    new: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    present: list[str] = field(default_factory=list)
    repeated: int = 0
    warnings: tuple[Warning_, ...] = ()
    previous: dict[str, Paper] = field(default_factory=dict)
    added: dict[str, Paper] = field(default_factory=dict)  # the new papers (also in a dry run), in order
    written: bool = False


@dataclass
class Changes:
    """What ``refresh`` found another process changed."""

    papers: bool = False
    states: set[str] = field(default_factory=set)

    def __bool__(self) -> bool:
        return self.papers or bool(self.states)


class _File:
    """One TinyDB file, its lock and the signature of the version held in memory."""

    def __init__(self, path: Path, kind: str, table: str, lock_timeout: float) -> None:
        self.path = path
        self.kind = kind
        self.db = TinyDB(path, storage=AtomicJSONStorage)
        self.storage = cast(AtomicJSONStorage, self.db.storage)
        self.table: Table = self.db.table(table, cache_size=0)
        self.table_name = table
        self.lock = FileLock(str(path) + ".lock", timeout=lock_timeout)
        self.loaded: Signature | None = None
        # State is the user's own work: a copy at start and at most every ten minutes of changes. Papers can
        # be re-imported from digests and are large: a copy after an import, at most once an hour.
        self.backup_every = 3600.0 if kind == "papers" else 600.0

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        try:
            with self.lock:
                yield
        except LockTimeout:
            raise StoreLockedError(
                f"{self.path.name} is locked by another readq process (waited {self.lock.timeout:.0f} s); "
                "try again when it has finished"
            ) from None
        except PermissionError as error:
            raise StoreError(
                f"cannot lock {self.path}: {error.strerror} (is the data directory read-only?)"
            ) from None

    def raw(self) -> dict[str, dict[str, Any]]:
        """The file's tables, freshly read if another process replaced it."""
        try:
            data = self.storage.read()
        except CorruptFileError as error:
            raise self._corrupt(error.reason) from None
        if data is None:
            raise StoreError(f"{self.path} disappeared while readq was running")
        return data

    def rows(self) -> dict[str, Any]:
        return self.raw().get(self.table_name, {})

    def write_batch(self) -> contextlib.AbstractContextManager[None]:
        return self.storage.batch()

    def _corrupt(self, reason: str) -> StoreCorruptError:
        moved = safety.set_aside(self.path)
        self.storage.invalidate()
        backups = safety.backups_of(self.path.parent, self.path.name)
        return StoreCorruptError(
            safety.corrupt_message(self.path, reason, moved, backups),
            path=self.path,
            moved_to=moved,
            backup=backups[0].path if backups else None,
        )

    def open(self) -> None:
        """Create the file if new, refuse a set-aside one, check the schema, back it up once per open."""
        if not self.path.exists():
            aside = safety.set_aside_copies(self.path)
            if aside:
                backups = safety.backups_of(self.path.parent, self.path.name)
                raise StoreCorruptError(
                    safety.corrupt_message(
                        self.path, "it was damaged earlier and set aside", aside[-1], backups
                    ),
                    path=self.path,
                    moved_to=aside[-1],
                    backup=backups[0].path if backups else None,
                )
            with self.locked():
                if not self.path.exists():
                    self.storage.write(
                        {
                            META: {"1": {"schema": SCHEMA, "kind": self.kind, "created": now_iso()}},
                            self.table_name: {},
                        }
                    )
        with self.locked():
            data = self.raw()
            meta = data.get(META, {}).get("1")
            if not isinstance(meta, dict) or meta.get("kind") != self.kind:
                raise self._corrupt(f"it is not a readq {self.kind} file (no or wrong '_meta' record)")
            version = meta.get("schema")
            if not isinstance(version, int) or version < 1:
                raise self._corrupt(f"its schema version {version!r} is not valid")
            if version > SCHEMA:
                raise StoreVersionError(
                    f"{self.path} was written by a newer readq (schema {version}; this one knows {SCHEMA}). "
                    "Upgrade readq; the file was left as it is."
                )
            if version < SCHEMA:
                safety.rotate_backup(self.path)  # the old version, before migrating it
                for step in range(version, SCHEMA):
                    MIGRATIONS[step](data)
                data[META]["1"]["schema"] = SCHEMA
                self.storage.write(data)
            if self.kind == "state":
                self.backup_if_due()

    def backup_if_due(self) -> None:
        """Keep a copy of the file as it is now (just read or written, so known good), unless the newest
        backup already holds this version or, for the state file, is less than ten minutes old."""
        if safety.is_backed_up(self.path):
            return
        age = safety.backup_age(self.path)
        if age is None or age > self.backup_every:
            safety.rotate_backup(self.path)


class Store:
    """The library: papers, the user's state, and the operations the CLI and TUI perform on them."""

    def __init__(self, data_dir: Path | str, *, lock_timeout: float = 10.0) -> None:
        self.data_dir = Path(data_dir)
        try:
            self.data_dir.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError(f"cannot create the data directory {self.data_dir}: {error.strerror}") from None
        if not self.data_dir.is_dir():
            raise StoreError(f"the data directory {self.data_dir} is not a directory")
        self.cleaned_temp_files = clean_stale_temp_files(self.data_dir)
        self._papers_file = _File(self.data_dir / PAPERS_FILE, "papers", "papers", lock_timeout)
        self._state_file = _File(self.data_dir / STATE_FILE, "state", "state", lock_timeout)
        self.papers: dict[str, Paper] = {}
        self.states: dict[str, PaperState] = {}
        self._index = Index()
        self._sorted_ids: list[str] | None = None
        for file in (self._papers_file, self._state_file):
            file.open()
        self._load_papers()
        self._load_states()

    # -- loading ------------------------------------------------------------------------------------
    def _load_papers(self) -> None:
        rows = self._papers_file.rows()
        self.papers = {}
        for row in rows.values():
            paper = Paper.from_dict(row)
            self.papers[paper.id] = paper
        self._index = Index.build(self.papers.values())
        self._papers_file.loaded = self._papers_file.storage._cache_sig
        self._sorted_ids = None

    def _load_states(self) -> set[str]:
        rows = self._state_file.rows()
        fresh = {str(row["id"]): PaperState.from_dict(row) for row in rows.values() if "id" in row}
        changed = {pid for pid in fresh.keys() | self.states.keys() if fresh.get(pid) != self.states.get(pid)}
        self.states = fresh
        self._state_file.loaded = self._state_file.storage._cache_sig
        return changed

    def refresh(self) -> Changes:
        """Pick up what other processes wrote since this one last looked."""
        changes = Changes()
        if signature(self._papers_file.path) != self._papers_file.loaded:
            self._load_papers()
            changes.papers = True
        if signature(self._state_file.path) != self._state_file.loaded:
            changes.states = self._load_states()
        return changes

    # -- lookups ------------------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self.papers)

    def state(self, pid: str) -> PaperState:
        return self.states.get(pid, DEFAULT_STATE)

    def resolve(self, prefix: str) -> str:
        """The id of the one paper whose id starts with ``prefix``."""
        key = prefix.strip().lower()
        if key in self.papers:
            return key
        if not key:
            raise safety.UnknownIdError("an empty id matches nothing")
        if self._sorted_ids is None:
            self._sorted_ids = sorted(self.papers)
        import bisect

        start = bisect.bisect_left(self._sorted_ids, key)
        matches = []
        for pid in self._sorted_ids[start:]:
            if not pid.startswith(key):
                break
            matches.append(pid)
            if len(matches) > 5:
                break
        if not matches:
            raise safety.UnknownIdError(f"no paper has an id starting with {prefix!r}")
        if len(matches) > 1:
            shown = ", ".join(matches[:5]) + (", …" if len(matches) > 5 else "")
            raise safety.AmbiguousIdError(
                f"{prefix!r} matches several papers ({shown}); give more characters"
            )
        return matches[0]

    # -- importing ----------------------------------------------------------------------------------
    def import_result(self, result: ParseResult, file_name: str, *, dry_run: bool = False) -> ImportReport:
        """Add a parsed digest to the library in one atomic write (or none when nothing changes)."""
        source = Source(file=file_name, date=result.digest_date, imported=now_iso(), layout=result.layout)
        file = self._papers_file
        with file.locked():
            self._sync_papers()
            index = Index(dict(self._index.by_identity), dict(self._index.by_title), self._index.next_seq)
            plan = plan_import(self.papers, index, result.entries, source)
            report = self._report(plan, result, file_name)
            if dry_run or not plan.changed:
                return report
            self._write_papers(plan.new, plan.updated)
            report.written = True
        return report

    @staticmethod
    def _report(plan: ImportPlan, result: ParseResult, file_name: str) -> ImportReport:
        return ImportReport(
            file=file_name,
            layout=result.layout,
            digest_date=result.digest_date,
            entries=plan.entries,
            new=list(plan.new),
            updated=list(plan.updated),
            present=plan.present,
            repeated=plan.repeated,
            warnings=result.warnings,
            previous=plan.previous,
            added=dict(plan.new),
        )

    def _sync_papers(self) -> None:
        self._papers_file.raw()  # re-reads when another process replaced the file
        if self._papers_file.storage._cache_sig != self._papers_file.loaded:
            self._load_papers()

    def _write_papers(
        self,
        new: dict[str, Paper],
        updated: dict[str, Paper],
        removed: Iterable[str] = (),
        *,
        rebuild: bool = False,
    ) -> None:
        file = self._papers_file
        removed = list(removed)
        with file.write_batch():
            if new:
                file.table.insert_multiple(Document(p.to_dict(), doc_id=doc_id(p.id)) for p in new.values())
            if updated:
                rows = {doc_id(p.id): p.to_dict() for p in updated.values()}

                def replace_row(row: MutableMapping[str, Any]) -> None:
                    fresh = rows[doc_id(row["id"])]
                    row.clear()
                    row.update(fresh)

                file.table.update(replace_row, doc_ids=list(rows))
            if removed:
                file.table.remove(doc_ids=[doc_id(pid) for pid in removed])
        self.papers.update(new)
        self.papers.update(updated)
        file.backup_if_due()
        for pid in removed:
            self.papers.pop(pid, None)
        if removed or rebuild:
            self._index = Index.build(self.papers.values())
        else:
            for paper in (*new.values(), *updated.values()):
                self._index.add(paper)
        file.loaded = file.storage._cache_sig
        self._sorted_ids = None

    def restore_papers(self, added: Iterable[str], previous: dict[str, Paper]) -> None:
        """Undo an import: remove the papers it added and put back the ones it changed.

        The user's state of the removed papers stays in the state file, so a redo or a later import of the
        same papers brings their marks back. The de-duplication index is rebuilt: a paper put back without
        the arXiv id the import gave it must not be found by that id any more."""
        with self._papers_file.locked():
            self._sync_papers()
            gone = [pid for pid in added if pid in self.papers]
            back = {pid: p for pid, p in previous.items() if pid in self.papers}
            if gone or back:
                self._write_papers({}, back, gone, rebuild=True)

    def reapply_import(self, added: dict[str, Paper], updated: dict[str, Paper]) -> tuple[int, int]:
        """Redo an undone import: put its new papers back (those not in the library again meanwhile) and
        its changes to papers that are still there. Returns (papers added, papers changed)."""
        with self._papers_file.locked():
            self._sync_papers()
            new = {pid: p for pid, p in added.items() if pid not in self.papers}
            back = {pid: p for pid, p in updated.items() if pid in self.papers and self.papers[pid] != p}
            if new or back:
                self._write_papers(new, back, rebuild=bool(back))
        return len(new), len(back)

    # -- the user's state ---------------------------------------------------------------------------
    def update_states(self, changes: dict[str, dict[str, Any]]) -> dict[str, tuple[PaperState, PaperState]]:
        """Apply field changes to several papers' state in one locked, atomic write.

        Returns ``{id: (before, after)}`` for the papers that really changed (for undo). Fields another
        process changed meanwhile are kept: each change is applied to the freshly read state.
        """
        unknown = [pid for pid in changes if pid not in self.papers]
        if unknown:
            raise safety.UnknownIdError(f"unknown paper id {unknown[0]!r}")
        with self._state_file.locked():
            self._sync_states()
            done: dict[str, tuple[PaperState, PaperState]] = {}
            for pid, fields in changes.items():
                before = self.state(pid)
                after = before.changed(**fields)
                if after is not before:
                    done[pid] = (before, after)
            if done:
                self._write_states({pid: after for pid, (_, after) in done.items()})
        return done

    def update_state(self, pid: str, **fields: Any) -> tuple[PaperState, PaperState] | None:
        return self.update_states({pid: fields}).get(pid)

    def put_states(self, states: dict[str, PaperState]) -> None:
        """Write whole states as given (undo/redo and merging use this)."""
        with self._state_file.locked():
            self._sync_states()
            self._write_states({pid: s for pid, s in states.items() if s != self.states.get(pid)})

    def _sync_states(self) -> None:
        self._state_file.raw()
        if self._state_file.storage._cache_sig != self._state_file.loaded:
            self._load_states()

    def _write_states(self, states: dict[str, PaperState]) -> None:
        if not states:
            return
        file = self._state_file
        rows = {doc_id(pid): {"id": pid, **s.to_dict()} for pid, s in states.items()}
        existing = {int(k) for k in file.rows()}
        with file.write_batch():
            present = [d for d in rows if d in existing]
            if present:

                def replace_row(row: MutableMapping[str, Any]) -> None:
                    fresh = rows[doc_id(row["id"])]
                    row.clear()
                    row.update(fresh)

                file.table.update(replace_row, doc_ids=present)
            missing = [Document(row, doc_id=d) for d, row in rows.items() if d not in existing]
            if missing:
                file.table.insert_multiple(missing)
        self.states.update(states)
        file.loaded = file.storage._cache_sig
        file.backup_if_due()

    # -- housekeeping -------------------------------------------------------------------------------
    @property
    def files(self) -> tuple[Path, Path]:
        return (self._papers_file.path, self._state_file.path)

    def close(self) -> None:
        for file in (self._papers_file, self._state_file):
            file.db.close()
