"""The state journal: each change is one appended line, so a keypress costs the same in any library.

TinyDB rewrites its whole file on every write; once a researcher has triaged a year of digests the state file
holds most papers and rewriting it per keypress grows with the library. So a change is appended to
``state.journal`` (one JSON line per paper: its whole new state, fsynced) and the journal is folded into the
TinyDB state file now and then (``Store`` compacts it when it grows, at start, and before a backup).

Replaying is idempotent (each line carries a paper's full state), so a crash between writing the compacted
state file and emptying the journal loses nothing. A torn last line (the process died while appending, before
the key was acknowledged) is ignored and cut off by the next writer; damage anywhere else is reported.
"""

from __future__ import annotations

import os
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import orjson

from readq.store.jsonfile import TMP_SUFFIX, Signature, UnsavableDataError, WriteFailedError, fsync_dir


class JournalDamaged(Exception):
    def __init__(self, line: int, reason: str) -> None:
        super().__init__(f"line {line} is damaged ({reason})")
        self.line = line


class Journal:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.offset = 0  # bytes of the journal already applied by this process
        self.inode: int | None = None
        self.lines = 0

    def signature(self) -> Signature | None:
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            return None
        return (st.st_ino, st.st_size, st.st_mtime_ns)

    @property
    def has_news(self) -> bool:
        """True when another process appended or the journal was replaced since this one last read it."""
        sig = self.signature()
        if sig is None:
            return self.inode is not None
        return sig[0] != self.inode or sig[1] != self.offset

    def read(self) -> tuple[bool, dict[str, dict[str, Any]]]:
        """New entries since the last read: ``(restarted, {pid: state dict})``. ``restarted`` says the journal
        was replaced (compacted), so the caller must reload the state file first and apply all of it."""
        try:
            handle = open(self.path, "rb")  # noqa: SIM115 - closed below, fstat needs it open
        except FileNotFoundError:
            restarted = self.inode is not None
            self.inode, self.offset, self.lines = None, 0, 0
            return restarted, {}
        with handle:
            st = os.fstat(handle.fileno())
            restarted = st.st_ino != self.inode or st.st_size < self.offset
            if restarted:
                self.inode, self.offset, self.lines = st.st_ino, 0, 0
            handle.seek(self.offset)
            data = handle.read()
        entries: dict[str, dict[str, Any]] = {}
        consumed = 0
        for raw in data.splitlines(keepends=True):
            if not raw.endswith(b"\n"):
                break  # a torn last line: never acknowledged, ignored
            self.lines += 1
            try:
                entry = orjson.loads(raw)
                pid = str(entry["id"])
                int(pid, 16)
                entries[pid] = entry
            except (orjson.JSONDecodeError, KeyError, TypeError, ValueError) as error:
                raise JournalDamaged(self.lines, str(error)) from None
            consumed += len(raw)
        self.offset += consumed
        return restarted, entries

    def append(self, states: Mapping[str, Mapping[str, Any]]) -> None:
        """Append one line per paper and fsync, cutting off a torn tail first (the caller holds the lock)."""
        try:
            payload = b"".join(orjson.dumps({"id": pid, **state}) + b"\n" for pid, state in states.items())
        except orjson.JSONEncodeError as error:
            raise UnsavableDataError(self.path, error) from None
        try:
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT, 0o600)
            try:
                st = os.fstat(fd)
                if st.st_ino != self.inode:  # created just now (or replaced and not yet read: caller synced)
                    self.inode, self.offset, self.lines = st.st_ino, 0, 0
                if st.st_size != self.offset:
                    os.ftruncate(fd, self.offset)  # a torn line of a writer that died
                os.lseek(fd, self.offset, os.SEEK_SET)
                view = memoryview(payload)
                while view:
                    view = view[os.write(fd, view) :]
                os.fsync(fd)
            finally:
                os.close(fd)
        except OSError as error:
            raise WriteFailedError(self.path, error) from error
        if st.st_size == 0:
            fsync_dir(self.path.parent)
        self.offset += len(payload)
        self.lines += len(states)

    def reset(self) -> None:
        """Start an empty journal (after its contents were folded into the state file)."""
        tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.{time.monotonic_ns()}{TMP_SUFFIX}")
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            os.fsync(fd)
            os.close(fd)
            os.replace(tmp, self.path)
        except OSError as error:
            raise WriteFailedError(self.path, error) from error
        fsync_dir(self.path.parent)
        self.inode, self.offset, self.lines = os.stat(self.path).st_ino, 0, 0
