"""The state journal: each change is one appended line, so a keypress costs the same in any library.

TinyDB rewrites its whole file on every write; once a researcher has triaged a year of digests the state file
holds most papers and rewriting it per keypress grows with the library. So a change is appended to
``state.journal`` as one JSON line, fsynced: a paper's whole new state (``{"id": …, …}``), or for a change
to several papers at once (a bulk mark) a list of them on the one line, so that a change is all there or not
there at all. The journal is folded into the TinyDB state file now and then (``Store`` compacts it when it
grows, at start, and before a backup).

Replaying is idempotent (each entry carries a paper's full state), so a crash between writing the compacted
state file and emptying the journal loses nothing. A torn last line (the process died while appending, before
the change was acknowledged) is ignored and cut off by the next writer; damage anywhere else is reported.

The version of the journal this process has read is kept open (as the state file's is, see jsonfile.py), so
that a journal started afresh by another process never gets its inode number and passes for the same file.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import orjson

from readq.store.jsonfile import (
    PIN_FILES,
    TMP_SUFFIX,
    Signature,
    UnsavableDataError,
    WriteFailedError,
    fsync_dir,
)


class JournalDamaged(Exception):
    def __init__(self, line: int, reason: str) -> None:
        super().__init__(f"line {line} is damaged ({reason})")
        self.line = line


class Journal:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.offset = 0  # bytes of the journal already applied by this process
        self.inode: int | None = None
        self.entries = 0  # paper states in the journal (what replaying it costs)
        self.lines = 0  # complete lines read or written (to name a damaged one)
        self._pin = -1  # an open descriptor on the version ``inode`` names

    def _forget(self, inode: int | None, fd: int = -1) -> None:
        """Start over on the journal ``inode`` (None: there is none), pinning it through ``fd``."""
        if self._pin >= 0:
            with contextlib.suppress(OSError):
                os.close(self._pin)
        self._pin = -1
        if fd >= 0 and PIN_FILES:
            self._pin = os.dup(fd)
        self.inode, self.offset, self.entries, self.lines = inode, 0, 0, 0

    def close(self) -> None:
        self._forget(None)

    def __del__(self) -> None:
        if self._pin >= 0:
            with contextlib.suppress(OSError):
                os.close(self._pin)

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
            self._forget(None)
            return restarted, {}
        with handle:
            st = os.fstat(handle.fileno())
            restarted = st.st_ino != self.inode or st.st_size < self.offset
            if restarted:
                self._forget(st.st_ino, handle.fileno())
            handle.seek(self.offset)
            data = handle.read()
        entries: dict[str, dict[str, Any]] = {}
        consumed = 0
        for raw in data.splitlines(keepends=True):
            if not raw.endswith(b"\n"):
                break  # a torn last line: never acknowledged, ignored
            self.lines += 1
            try:
                value = orjson.loads(raw)
                items = value if isinstance(value, list) else [value]
                for entry in items:
                    pid = str(entry["id"])
                    int(pid, 16)
                    entries[pid] = entry
            except (orjson.JSONDecodeError, KeyError, TypeError, ValueError) as error:
                raise JournalDamaged(self.lines, str(error)) from None
            self.entries += len(items)
            consumed += len(raw)
        self.offset += consumed
        return restarted, entries

    def append(self, states: Mapping[str, Mapping[str, Any]]) -> None:
        """Append the states as one line and fsync, cutting off a torn tail first (the caller holds the lock).
        If the write fails, the journal is cut back to what it was."""
        items = [{"id": pid, **state} for pid, state in states.items()]
        try:
            payload = orjson.dumps(items[0] if len(items) == 1 else items) + b"\n"
        except orjson.JSONEncodeError as error:
            raise UnsavableDataError(self.path, error) from None
        try:
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT, 0o600)
            try:
                st = os.fstat(fd)
                if st.st_ino != self.inode:  # created just now (or replaced and not yet read: caller synced)
                    self._forget(st.st_ino, fd)
                try:
                    if st.st_size != self.offset:
                        os.ftruncate(fd, self.offset)  # a torn line of a writer that died
                    os.lseek(fd, self.offset, os.SEEK_SET)
                    view = memoryview(payload)
                    while view:
                        view = view[os.write(fd, view) :]
                    os.fsync(fd)
                except OSError:
                    with contextlib.suppress(OSError):
                        os.ftruncate(fd, self.offset)  # no half line left for anyone to trip on
                    raise
            finally:
                os.close(fd)
        except OSError as error:
            raise WriteFailedError(self.path, error) from error
        if st.st_size == 0:
            fsync_dir(self.path.parent)
        self.offset += len(payload)
        self.entries += len(items)
        self.lines += 1

    def reset(self) -> None:
        """Start an empty journal (after its contents were folded into the state file)."""
        tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.{time.monotonic_ns()}{TMP_SUFFIX}")
        fd = -1
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            os.fsync(fd)
            os.replace(tmp, self.path)
        except OSError as error:
            if fd >= 0:
                os.close(fd)
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise WriteFailedError(self.path, error) from error
        try:
            fsync_dir(self.path.parent)
            self._forget(os.fstat(fd).st_ino, fd)
        finally:
            os.close(fd)
