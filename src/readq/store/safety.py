"""Errors the store reports to people, rotating backups, and setting a damaged file aside."""

from __future__ import annotations

import contextlib
import os
import shutil
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from readq import clock

BACKUP_DIR = "backups"
KEEP_BACKUPS = 5  # state file; the papers file keeps fewer (it can be re-imported from digests)
CORRUPT_MARK = ".corrupt-"


class StoreError(Exception):
    """A problem with the library on disk, phrased for the person at the keyboard."""


class StoreLockedError(StoreError):
    pass


class StoreVersionError(StoreError):
    pass


class StoreReadOnlyError(StoreError):
    """A write to a library opened read-only (a read-only mount, a snapshot, a backup)."""


class StoreCorruptError(StoreError):
    def __init__(self, message: str, *, path: Path, moved_to: Path | None, backup: Path | None) -> None:
        super().__init__(message)
        self.path = path
        self.moved_to = moved_to
        self.backup = backup


class UnknownIdError(StoreError, LookupError):
    pass


class AmbiguousIdError(StoreError, LookupError):
    pass


@dataclass(frozen=True)
class Backup:
    path: Path
    taken: datetime
    size: int


def backup_dir(data_dir: Path) -> Path:
    return data_dir / BACKUP_DIR


def backups_of(data_dir: Path, name: str) -> list[Backup]:
    """Backups of ``name`` (e.g. "papers.json"), newest first."""
    found = []
    for index in range(1, KEEP_BACKUPS + 1):
        path = backup_dir(data_dir) / f"{name}.{index}"
        with contextlib.suppress(OSError):
            st = path.stat()
            found.append(Backup(path, datetime.fromtimestamp(st.st_mtime, UTC), st.st_size))
    return found


def rotate_backup(path: Path) -> Path | None:
    """Copy the current version of ``path`` to backup 1, shifting older ones (at most KEEP_BACKUPS).

    Called right after readq wrote (or loaded) the file, so backups hold versions known to be good. A copy,
    not a hard link: another program writing the file in place must not damage its backups too.
    """
    if not path.exists():
        return None
    folder = backup_dir(path.parent)
    target = folder / f"{path.name}.1"
    tmp = folder / f".{path.name}.{os.getpid()}.copying"
    try:
        folder.mkdir(exist_ok=True)
        shutil.copy2(os.path.realpath(path), tmp)  # keeps mtime: the backup shows the version's time
        for index in range(KEEP_BACKUPS - 1, 0, -1):
            older = folder / f"{path.name}.{index}"
            if older.exists():
                os.replace(older, folder / f"{path.name}.{index + 1}")
        os.replace(tmp, target)
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink()
        return None  # a backup that cannot be taken must not stop the user's work
    return target


def backup_age(path: Path) -> float | None:
    """Age in seconds of the version in the newest backup of ``path`` (None without one)."""
    try:
        taken = (backup_dir(path.parent) / f"{path.name}.1").stat().st_mtime
    except OSError:
        return None
    return max(0.0, time.time() - taken)


def is_backed_up(path: Path) -> bool:
    """True when the newest backup holds this very version of ``path`` (same size and mtime)."""
    try:
        current = os.stat(path)
        newest = (backup_dir(path.parent) / f"{path.name}.1").stat()
    except OSError:
        return False
    return (current.st_size, current.st_mtime_ns) == (newest.st_size, newest.st_mtime_ns)


def set_aside(path: Path) -> Path:
    """Move a damaged file out of the way (keeping it for inspection) and return where it went."""
    stamp = clock.now().strftime("%Y%m%dT%H%M%SZ")
    moved = path.with_name(f"{path.name}{CORRUPT_MARK}{stamp}")
    counter = 1
    while moved.exists():
        counter += 1
        moved = path.with_name(f"{path.name}{CORRUPT_MARK}{stamp}-{counter}")
    os.replace(path, moved)
    return moved


def set_aside_copies(path: Path) -> list[Path]:
    """Files that ``set_aside`` made for ``path`` earlier, oldest first."""
    return sorted(path.parent.glob(f"{path.name}{CORRUPT_MARK}*"))


def corrupt_message(path: Path, reason: str, moved_to: Path | None, backups: list[Backup]) -> str:
    lines = [f"readq cannot read {path.name}: {reason}."]
    if moved_to is not None:
        lines.append(f"The damaged file was set aside as {moved_to} (nothing was deleted).")
    if backups:
        newest = backups[0]
        when = newest.taken.astimezone().strftime("%Y-%m-%d %H:%M")
        lines.append(f"The newest backup is {newest.path} (taken {when}, {newest.size:,} bytes).")
        lines.append(f"Restore it with:  readq restore {path.stem}   (or copy it to {path})")
    else:
        lines.append(
            f"There is no backup of it. To start again with an empty file: readq restore {path.stem} --empty"
        )
    lines.append("readq will not run on an empty library in its place until you choose.")
    return "\n".join(lines)
