"""One TinyDB file of the library: its lock, its schema check, its backups, and what happens when it is
damaged. Used for both the state file and (with the catalog on top, see papers.py) the papers file."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, cast

import orjson
from filelock import FileLock
from filelock import Timeout as LockTimeout
from tinydb import TinyDB
from tinydb.table import Table

from readq import clock
from readq.store import safety
from readq.store.jsonfile import AtomicJSONStorage, CorruptFileError, Signature, real_target, signature
from readq.store.safety import (
    StoreCorruptError,
    StoreError,
    StoreLockedError,
    StoreReadOnlyError,
    StoreVersionError,
)

PAPERS_FILE = "papers.json"
STATE_FILE = "state.json"
SCHEMA = 1
META = "_meta"

# schema version -> function upgrading a file's tables from that version to the next one
MIGRATIONS: dict[int, Callable[[dict[str, dict[str, Any]]], None]] = {}


class TinyFile:
    """One TinyDB file, its lock and the signature of the version held in memory."""

    def __init__(self, path: Path, kind: str, table: str, lock_timeout: float) -> None:
        self.path = path
        self.kind = kind
        self.db = TinyDB(path, storage=AtomicJSONStorage)
        self.storage = cast(AtomicJSONStorage, self.db.storage)
        self.table: Table = self.db.table(table, cache_size=0)
        self.table_name = table
        # The lock sits beside the real file: two data dirs linking to one file share one lock.
        self.lock = FileLock(os.path.realpath(path) + ".lock", timeout=lock_timeout)
        self.loaded: Signature | None = None
        # State is the user's own work: a copy at start and at most every ten minutes of changes. Papers can
        # be re-imported from digests and are large: a copy after an import, at most once an hour.
        self.backup_every = 3600.0 if kind == "papers" else 600.0
        # Why nothing can be written here ("Read-only file system"), once opening found the lock cannot
        # even be created: the file is then read as it is and every write is refused with this reason.
        self.read_only: str | None = None

    @contextlib.contextmanager
    def locked(self, timeout: float | None = None) -> Iterator[None]:
        wait = self.lock.timeout if timeout is None else timeout
        if self.read_only is not None:
            raise StoreReadOnlyError(
                f"{self.path.name} cannot be changed: the library in {self.path.parent} is read-only "
                f"({self.read_only}); readq shows it but saves nothing"
            )
        try:
            self.lock.acquire(timeout=wait)
        except LockTimeout:
            raise StoreLockedError(
                f"{self.path.name} is locked by another readq process (waited {wait:g} s); "
                "try again when it has finished"
            ) from None
        except OSError as error:  # the lock file cannot be created or opened
            raise StoreError(
                f"cannot lock {self.path.name} in {self.path.parent}: "
                f"{error.strerror or error} (is the data directory read-only?)"
            ) from None
        try:
            yield
        finally:
            self.lock.release()

    @property
    def target(self) -> Path:
        """The real file (the link's target when the data file is a symlink; the link itself is kept)."""
        return real_target(self.path)

    def bad_record(self, key: str, error: Exception) -> StoreCorruptError:
        detail = f"{type(error).__name__}: {error}"
        detail = detail if len(detail) <= 120 else detail[:119] + "…"
        return self.corrupt(f"record {key[:20]!r} is not a valid {self.kind} record ({detail})")

    def raw(self) -> dict[str, dict[str, Any]]:
        """The file's tables, freshly read if another process replaced it."""
        try:
            data = self.storage.read()
        except CorruptFileError as error:
            raise self.corrupt(error.reason) from None
        if data is None:
            raise self.missing()
        return data

    def missing(self) -> StoreError:
        aside = safety.set_aside_copies(self.target)
        if aside:
            return StoreError(
                f"{self.path.name} was damaged and set aside as {aside[-1]}; nothing more can be saved "
                f"to it. Quit readq and run: readq restore {self.path.stem}"
            )
        return StoreError(f"{self.path} disappeared while readq was running")

    @property
    def changed(self) -> bool:
        """True when the file on disk is not the version held in memory (another process replaced it)."""
        return signature(self.path) != self.loaded

    def sync(self) -> bool:
        """Read the file again when another process replaced it; True when it did."""
        if not self.changed:
            return False
        self.reload()
        return True

    def reload(self) -> None:
        """Read the file again (see :meth:`sync`)."""
        raise NotImplementedError

    def rows(self) -> dict[str, Any]:
        return self.raw().get(self.table_name, {})

    def write_batch(self) -> contextlib.AbstractContextManager[None]:
        return self.storage.batch()

    def corrupt(self, reason: str) -> StoreCorruptError:
        """Set the damaged file aside and describe what happened and how to restore it (a read-only
        library's damaged file is left where it is: nothing can be moved)."""
        self.storage.invalidate()
        moved = None if self.read_only is not None else safety.set_aside(self.target)
        backups = safety.backups_of(self.path.parent, self.path.name)
        return StoreCorruptError(
            safety.corrupt_message(self.path, reason, moved, backups),
            path=self.path,
            moved_to=moved,
            backup=backups[0].path if backups else None,
        )

    def initial(self) -> dict[str, dict[str, Any]]:
        return {
            META: {"1": {"schema": SCHEMA, "kind": self.kind, "created": clock.now_iso()}},
            self.table_name: {},
        }

    def create(self) -> None:
        self.storage.write(self.initial())

    def read_meta(self) -> dict[str, Any] | None:
        meta = self.raw().get(META, {}).get("1")
        return meta if isinstance(meta, dict) else None

    def migrate(self, version: int) -> None:
        safety.rotate_backup(self.path)  # the old version, before migrating it
        data = self.raw()
        for step in range(version, SCHEMA):
            MIGRATIONS[step](data)
        data[META]["1"]["schema"] = SCHEMA
        self.storage.write(data)

    def open(self) -> None:
        """Create the file if new, refuse a set-aside one, check the schema, migrate an older one."""
        if not self.path.exists():
            aside = safety.set_aside_copies(self.target)
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
                    self.create()
        try:
            self.lock.acquire(timeout=0)
        except LockTimeout:  # another process is writing: read the version on disk without waiting
            self._open_snapshot()
            return
        except OSError as error:  # no lock can be made here (a read-only mount, a snapshot): read-only
            self.read_only = error.strerror or str(error)
            self._open_snapshot()
            return
        try:
            self._open_locked()
        finally:
            self.lock.release()

    def _check_meta(self) -> int:
        meta = self.read_meta()
        if meta is None or meta.get("kind") != self.kind:
            raise self.corrupt(f"it is not a readq {self.kind} file (no or wrong '_meta' record)")
        version = meta.get("schema")
        if not isinstance(version, int) or version < 1:
            raise self.corrupt(f"its schema version {version!r} is not valid")
        if version > SCHEMA:
            raise StoreVersionError(
                f"{self.path} was written by a newer readq (schema {version}; this one knows {SCHEMA}). "
                "Upgrade readq; the file was left as it is."
            )
        return version

    def _open_snapshot(self) -> None:
        """Open without the lock: the files are only ever replaced whole (atomically), so what is read is
        one consistent version. Nothing is written (no migration, backup or compaction: done later by a
        process that holds the lock)."""
        if self._check_meta() < SCHEMA:
            raise StoreError(
                f"{self.path} needs upgrading to this readq's format, which needs the lock"
                + (f" and a writable library ({self.read_only})" if self.read_only else "; try again")
            )
        self.read_snapshot()

    def read_snapshot(self) -> None:
        """Read the file as it is on disk, writing nothing (see :meth:`_open_snapshot`)."""
        self.raw()

    def _open_locked(self) -> None:
        version = self._check_meta()
        if version < SCHEMA:
            self.migrate(version)
        self.opened()

    def opened(self) -> None:
        """Called under the lock once the file is known good."""
        self.backup_if_due()

    def backup_if_due(self) -> None:
        """Keep a copy of the file as it is now (just read or written, so known good), unless the newest
        backup already holds this version or is younger than ``backup_every``."""
        if safety.is_backed_up(self.path):
            return
        age = safety.backup_age(self.path)
        if age is None or age > self.backup_every:
            safety.rotate_backup(self.path)


def parse_header(line: bytes) -> dict[str, Any]:
    """The small tables from a line-layout file's first line (``{"_meta":{…},"papers":{``)."""
    data = orjson.loads(line.rstrip(b"\r\n") + b"}}")
    if not isinstance(data, dict):
        raise ValueError("not an object")
    return data
