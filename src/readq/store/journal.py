"""The state journal: each change is one appended line, so a keypress costs the same in any library.

TinyDB rewrites its whole file on every write; once a researcher has triaged a year of digests the state file
holds most papers and rewriting it per keypress grows with the library. So a change is appended to
``state.journal`` as one JSON line, fsynced: a paper's whole new state (``{"id": …, …}``), or for a change
to several papers at once (a bulk mark) a list of them on the one line, so that a change is all there or not
there at all. The journal is folded into the TinyDB state file now and then (``Store`` compacts it when it
grows, at start, and before a backup).

Replaying is idempotent (each entry carries a paper's full state), so a crash between writing the compacted
state file and emptying the journal loses nothing. Lines end at ``\n`` only (a stray ``\r`` is damage, not
a line break). A torn last line (the process died while appending, before the change was acknowledged) is
recognised by its shape — the start of a line this module writes, no control bytes, not yet whole JSON — and
cut off by the next writer, which first copies its bytes aside. A last line that is whole but lost its
newline is read, and the next append adds the newline. Anything else (garbage, NULs, ``{}``, a JSON array of
non-states, an entry from a newer readq) is damage: reported with the line, never truncated.

The version of the journal this process has read is kept open (as the state file's is, see jsonfile.py), so
that a journal started afresh by another process never gets its inode number and passes for the same file.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import orjson

from readq import clock
from readq.store.jsonfile import (
    PIN_FILES,
    TMP_SUFFIX,
    Signature,
    UnsavableDataError,
    WriteFailedError,
    fsync_dir,
)
from readq.user_state import PaperState

VERSION = 1
HEADER = b'{"readq-journal":%d}\n' % VERSION  # every journal starts with it: an empty file is damage
KNOWN_KEYS = frozenset({"id", *(field.name for field in dataclasses.fields(PaperState))})
TORN_MARK = ".torn-"


def looks_torn(tail: bytes) -> bool:
    """True when ``tail`` (the bytes after the last newline, not whole JSON) can be the start of a line that
    ``append`` was writing when its process died: ``{"id"`` or ``[{"id"`` (or a start of it), no control
    byte."""
    if not tail or any(b < 0x20 or b == 0x7F for b in tail):
        return False
    rest = tail.removeprefix(b"[").lstrip(b" ")
    if not rest.startswith(b"{"):
        return rest == b""
    rest = rest[1:].lstrip(b" ")
    return b'"id"'.startswith(rest) or rest.startswith(b'"id"')


def entries_of(raw: bytes) -> list[dict[str, Any]]:
    """The paper states of one journal line; ValueError (with the reason) when it is not one."""
    try:
        value = orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        raise ValueError(str(error)) from None
    items = value if isinstance(value, list) else [value]
    if not items:
        raise ValueError("an empty list")
    for entry in items:
        if not isinstance(entry, dict):
            raise ValueError(f"{type(entry).__name__} where a paper's state was expected")
        pid = entry.get("id")
        if not isinstance(pid, str) or not pid:
            raise ValueError("no paper id")
        try:
            int(pid, 16)
        except ValueError:
            raise ValueError(f"paper id {pid[:20]!r} is not one readq writes") from None
        unknown = sorted(set(entry) - KNOWN_KEYS)
        if unknown:
            raise ValueError(f"written by a newer readq? unknown fields {', '.join(unknown[:3])}")
        try:
            PaperState.from_dict(entry)
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise ValueError(f"not a paper's state ({error})") from None
    return items


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
        self._unterminated = False  # the last line read is whole but has no newline: the next append adds it

    def _forget(self, inode: int | None, fd: int = -1) -> None:
        """Start over on the journal ``inode`` (None: there is none), pinning it through ``fd``."""
        if self._pin >= 0:
            with contextlib.suppress(OSError):
                os.close(self._pin)
        self._pin = -1
        if fd >= 0 and PIN_FILES:
            self._pin = os.dup(fd)
        self.inode, self.offset, self.entries, self.lines = inode, 0, 0, 0
        self._unterminated = False

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
        if self.offset == 0:
            if data and b"\n" not in data and HEADER.startswith(data):
                return restarted, {}  # a new journal whose first append was torn: nothing acknowledged
            consumed = self._header(data)
            data = data[consumed:]
        *whole, tail = data.split(b"\n")  # only \n ends a line: bytes.splitlines would also split on \r
        for raw in whole:
            self.lines += 1
            try:
                items = entries_of(raw)
            except ValueError as error:
                raise JournalDamaged(self.lines, str(error)) from None
            for entry in items:
                entries[entry["id"]] = entry
            self.entries += len(items)
            consumed += len(raw) + 1
        if tail:
            try:
                items = entries_of(tail)
            except ValueError as error:
                whole_json = True
                try:
                    orjson.loads(tail)
                except orjson.JSONDecodeError:
                    whole_json = False
                if whole_json or not looks_torn(tail):
                    raise JournalDamaged(self.lines + 1, f"{error}; the line has no end") from None
                items = []  # a torn line: never acknowledged, cut off (and kept aside) by the next append
            if items:  # whole, only its newline is missing: read it, and the next append adds the newline
                self.lines += 1
                for entry in items:
                    entries[entry["id"]] = entry
                self.entries += len(items)
                consumed += len(tail)
                self._unterminated = True
        self.offset += consumed
        return restarted, entries

    def _header(self, data: bytes) -> int:
        """Check the header line at the start of ``data``; returns its length."""
        line = data.split(b"\n", 1)[0]
        self.lines = 1
        if not data:
            raise JournalDamaged(1, "the file is empty, its header line is gone")
        if not data.startswith(line + b"\n"):
            raise JournalDamaged(1, "its header line has no end")
        try:
            value = orjson.loads(line)
        except orjson.JSONDecodeError:
            value = None
        if not isinstance(value, dict) or set(value) != {"readq-journal"}:
            raise JournalDamaged(1, "its first line is not a readq journal header")
        version = value["readq-journal"]
        if not isinstance(version, int) or version < 1:
            raise JournalDamaged(1, "its header names no version")
        if version > VERSION:
            raise JournalDamaged(1, f"it was written by a newer readq (journal version {version})")
        return len(line) + 1

    def append(self, states: Mapping[str, Mapping[str, Any]]) -> None:
        """Append the states as one line and fsync, cutting off a torn tail first (the caller holds the lock).
        If the write fails, the journal is cut back to what it was."""
        items = [{"id": pid, **state} for pid, state in states.items()]
        try:
            payload = orjson.dumps(items[0] if len(items) == 1 else items) + b"\n"
            if self._unterminated:
                payload = b"\n" + payload
            if self.offset == 0:  # a new journal: its header and the first change, in one write
                payload = HEADER + payload
        except orjson.JSONEncodeError as error:
            raise UnsavableDataError(self.path, error) from None
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
            try:
                st = os.fstat(fd)
                if st.st_ino != self.inode:  # replaced and not yet read (the caller synced: never expected)
                    self._forget(st.st_ino, fd)
                    if os.pread(fd, len(HEADER), 0) == HEADER:
                        self.offset, self.lines = len(HEADER), 1
                try:
                    if st.st_size > self.offset:  # a torn line of a writer that died: keep its bytes, cut it
                        self._keep_torn(fd, st.st_size)
                        os.ftruncate(fd, self.offset)
                    elif st.st_size < self.offset:
                        os.ftruncate(fd, self.offset)
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
        self.lines += 1 + payload.startswith(HEADER)
        self.offset += len(payload)
        self.entries += len(items)
        self._unterminated = False

    def _keep_torn(self, fd: int, size: int) -> None:
        """Copy the bytes past what was read (a torn last line) to ``state.journal.torn-STAMP`` before they
        are cut off: a line cut short by damage rather than by a dying writer is then still on disk."""
        tail = os.pread(fd, size - self.offset, self.offset)
        if not tail:
            return
        stamp = clock.now().strftime("%Y%m%dT%H%M%S")
        aside = self.path.with_name(f"{self.path.name}{TORN_MARK}{stamp}-{os.getpid()}")
        with open(aside, "ab") as out:
            out.write(tail)
            out.flush()
            os.fsync(out.fileno())

    def reset(self) -> None:
        """Start an empty journal (after its contents were folded into the state file)."""
        with contextlib.suppress(OSError):  # a torn last line goes with the old journal: keep its bytes
            fd = os.open(self.path, os.O_RDONLY)
            try:
                st = os.fstat(fd)
                if st.st_ino == self.inode and st.st_size > self.offset:
                    self._keep_torn(fd, st.st_size)
            finally:
                os.close(fd)
        tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.{time.monotonic_ns()}{TMP_SUFFIX}")
        fd = -1
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            view = memoryview(HEADER)
            while view:
                view = view[os.write(fd, view) :]
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
            self.offset, self.lines = len(HEADER), 1
        finally:
            os.close(fd)
