"""Where an import comes from, for the CLI and the app: file paths (``~`` expanded, clear errors, completion)
and pasted text. No Textual here; the reading is plain I/O that the app runs in a worker thread."""

from __future__ import annotations

import os
import select
import stat
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from readq import clock

COMPLETION_SCAN_LIMIT = 2000  # directory entries looked at for one completion
DEFAULT_IMPORT_LIMIT_MB = 200  # far above any real digest (the largest seen is a few MB)
FIFO_WAIT = 30.0  # seconds a named pipe may stay silent (no writer, or one that writes nothing)
CHUNK = 1 << 20


class SourceError(ValueError):
    """The file cannot be read; the message says why in words a person can act on."""


def expand(text: str) -> Path:
    """A typed path with ``~`` and ``$VARS`` expanded (quotes a shell would have removed are removed)."""
    value = text.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        value = value[1:-1]
    return Path(os.path.expandvars(os.path.expanduser(value)))


def read_path(
    text: str, *, limit: int = DEFAULT_IMPORT_LIMIT_MB * 1024 * 1024, wait: float | None = None
) -> tuple[bytes, str]:
    """The bytes of the file ``text`` names and the label its papers' source gets (the file's name); at
    most ``limit`` bytes (a larger file is refused), a named pipe silent for ``wait`` s refused."""
    wait = FIFO_WAIT if wait is None else wait
    if not text.strip():
        raise SourceError("type the path of a file to import")
    path = expand(text)
    shown = text.strip() if str(path) == text.strip() else f"{text.strip()} ({path})"
    if not path.exists():
        parent = path.parent
        hint = "" if parent.is_dir() else f"; the folder {parent} does not exist either"
        raise SourceError(f"no such file: {shown}{hint}")
    if path.is_dir():
        raise SourceError(f"{shown} is a folder: give a file inside it")
    try:
        return _read_file(path, shown, limit, wait), path.name
    except OSError as error:
        raise SourceError(f"cannot read {shown}: {error.strerror or error}") from None


def limit_bytes(limit_mb: int) -> int:
    return limit_mb * 1024 * 1024


def _too_big(shown: str, limit: int) -> SourceError:
    return SourceError(
        f"{shown} is larger than the import limit of {limit // (1024 * 1024)} MB, far more than any "
        "digest; is it the right file? (import_limit_mb in the settings raises the limit)"
    )


def _read_file(path: Path, shown: str, limit: int, wait: float) -> bytes:
    """At most ``limit`` bytes of the file, read in chunks: a regular file's size is checked before it is
    read; a device or pipe that goes on past the limit is refused; a named pipe that nothing writes to
    for ``wait`` seconds is refused (instead of blocking forever)."""
    info = path.stat()
    if stat.S_ISREG(info.st_mode) and info.st_size > limit:
        raise _too_big(shown, limit)
    if stat.S_ISFIFO(info.st_mode):
        return _read_fifo(path, shown, limit, wait)
    with path.open("rb") as handle:
        return read_bounded(handle, shown, limit)


def read_bounded(handle: BinaryIO, shown: str, limit: int) -> bytes:
    """Everything ``handle`` holds, refused (SourceError) as soon as it goes past ``limit`` bytes: memory
    never holds more than the limit and one chunk, whatever the input (``/dev/zero``, an endless pipe)."""
    chunks: list[bytes] = []
    total = 0
    while True:
        chunk = handle.read(min(CHUNK, limit + 1 - total))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        total += len(chunk)
        if total > limit:
            raise _too_big(shown, limit)


def _read_fifo(path: Path, shown: str, limit: int, wait: float) -> bytes:
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # opening a pipe with no writer would block
    try:
        poller = select.poll()
        poller.register(fd, select.POLLIN | select.POLLHUP)
        chunks: list[bytes] = []
        total = 0
        while True:
            if not poller.poll(int(wait * 1000)):
                what = "nothing was written to it" if total else "no program is writing to it"
                raise SourceError(f"{shown} is a named pipe and {what} for {wait:g} s; nothing imported")
            try:
                chunk = os.read(fd, min(CHUNK, limit + 1 - total))
            except BlockingIOError:
                continue
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise _too_big(shown, limit)
    finally:
        os.close(fd)


def pasted_label(now: datetime | None = None, kind: str = "pasted") -> str:
    """The source label of text pasted or read from the clipboard: ``pasted-2026-01-20-0815``; of standard
    input (``kind="stdin"``): ``stdin-2026-01-20-0815``."""
    moment = now or clock.now().astimezone()
    return moment.strftime(f"{kind}-%Y-%m-%d-%H%M")


def path_candidates(text: str) -> list[str]:
    """Every file or folder that completes ``text`` (folders end in ``/``), sorted, each written the way the
    user wrote the path (``~/dig`` -> ``~/digests/``); empty when nothing matches or ``text`` is complete."""
    if not text or text.strip() != text:
        return []
    typed_dir, _, stem = text.rpartition("/")
    folder = expand(typed_dir + "/") if typed_dir or text.startswith("/") else Path(".")
    if text.startswith("~") and "/" not in text:
        return []  # "~user" forms are left alone
    try:
        names: list[tuple[bool, str]] = []
        with os.scandir(folder) as entries:
            for count, entry in enumerate(entries):
                if count >= COMPLETION_SCAN_LIMIT:
                    break
                if (
                    entry.name.startswith(stem)
                    and entry.name != stem
                    and (stem or not entry.name.startswith("."))
                ):
                    names.append((not entry.is_dir(), entry.name))
    except OSError:
        return []
    prefix = (typed_dir + "/") if typed_dir or text.startswith("/") else ""
    names.sort(key=lambda n: (n[1].lower(), n[1]))
    return [prefix + name + ("" if is_file else "/") for is_file, name in names]


def complete_path(text: str) -> str | None:
    """The first of :func:`path_candidates` (the input's suggestion), or None."""
    candidates = path_candidates(text)
    return candidates[0] if candidates else None
