"""A TinyDB storage that never leaves a half-written file and never serves another process's stale data.

* Writes go to a temporary file in the same directory, are fsynced, moved over the target with
  ``os.replace`` and the directory is fsynced: a crash leaves the old file or the new one, never a mix.
* Reads are cached, keyed by the file's (inode, size, mtime); a write by another process replaces the inode,
  so the next read parses the new file.
* ``batch()`` collects the writes of several TinyDB operations into one file write.
* A symlinked data file keeps its link: the write replaces the link's target.

Locking is the caller's job (the store holds a file lock around each whole read-modify-write).
"""

from __future__ import annotations

import contextlib
import errno
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
from tinydb.storages import Storage

from readq.store.safety import StoreError

TMP_SUFFIX = ".readq-tmp"

Signature = tuple[int, int, int]


class CorruptFileError(Exception):
    """The file exists but does not hold a readq TinyDB document."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class WriteFailedError(StoreError):
    """Writing failed; the previous file is untouched."""

    def __init__(self, path: Path, error: OSError) -> None:
        reason = os.strerror(error.errno) if error.errno else str(error)
        if error.errno == errno.ENOSPC:
            reason = "the disk is full"
        elif error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            reason = "permission denied (is the data directory read-only?)"
        super().__init__(f"could not write {path}: {reason}; the previous version is intact")
        self.path = path
        self.error = error


def signature(path: Path) -> Signature | None:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns)


def real_target(path: Path) -> Path:
    """The file a write should replace: the symlink's target when ``path`` is a symlink."""
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def fsync_dir(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:  # pragma: no cover - platforms without directory fds
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover
        pass
    finally:
        os.close(fd)


def atomic_write(path: Path, payload: bytes, *, mode: int = 0o600) -> None:
    """Write ``payload`` to ``path`` atomically and durably; on failure ``path`` is left intact. A new file
    gets ``mode`` (less the umask); a replaced one keeps its own."""
    target = real_target(path)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.{time.monotonic_ns()}{TMP_SUFFIX}")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
        try:
            view = memoryview(payload)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        if target.exists():
            with contextlib.suppress(OSError):
                os.chmod(tmp, os.stat(target).st_mode & 0o777)
        os.replace(tmp, target)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise WriteFailedError(path, error) from error
    fsync_dir(target.parent)


def clean_stale_temp_files(directory: Path, max_age: float = 60.0) -> list[Path]:
    """Remove temp files left by a writer that died; a file younger than ``max_age`` s may be in use."""
    removed = []
    now = time.time()
    with contextlib.suppress(OSError):
        for entry in directory.iterdir():
            if not entry.name.endswith(TMP_SUFFIX):
                continue
            try:
                pid = int(entry.name.split(".")[-3])
            except (ValueError, IndexError):
                pid = -1
            try:
                age = now - entry.stat().st_mtime
            except OSError:
                continue
            if age > max_age or not _alive(pid):
                with contextlib.suppress(OSError):
                    entry.unlink()
                    removed.append(entry)
    return removed


def _alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def load(path: Path) -> dict[str, dict[str, Any]]:
    """Parse a store file; raise CorruptFileError for anything that is not a TinyDB document."""
    raw = path.read_bytes()
    if not raw.strip():
        raise CorruptFileError(path, "the file is empty" if not raw else "the file holds only whitespace")
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        raise CorruptFileError(path, f"it is not valid JSON ({error})") from None
    if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
        raise CorruptFileError(path, "it is JSON but not a readq/TinyDB document (wrong type)")
    return data


class AtomicJSONStorage(Storage):
    """TinyDB storage over one JSON file; see the module docstring."""

    def __init__(self, path: str | Path, **_: Any) -> None:
        self.path = Path(path)
        self._cache: dict[str, dict[str, Any]] | None = None
        self._cache_sig: Signature | None = None
        self._pending: dict[str, dict[str, Any]] | None = None
        self._batching = 0

    # -- TinyDB interface -------------------------------------------------------------------------
    def read(self) -> dict[str, dict[str, Any]] | None:
        if self._pending is not None:
            return self._pending
        sig = signature(self.path)
        if sig is None:
            self._cache, self._cache_sig = None, None
            return None
        if sig != self._cache_sig or self._cache is None:
            self._cache = load(self.path)
            self._cache_sig = sig
        return self._cache

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        if self._batching:
            self._pending = data
            return
        self._write_now(data)

    def close(self) -> None:
        self._cache = None

    # -- readq extras -----------------------------------------------------------------------------
    @property
    def changed_on_disk(self) -> bool:
        """True when the file differs from what this process last read or wrote."""
        return signature(self.path) != self._cache_sig

    @contextlib.contextmanager
    def batch(self) -> Iterator[None]:
        """Collect the writes inside the block into one atomic file write at its end."""
        self._batching += 1
        try:
            yield
        except BaseException:
            self._batching -= 1
            if not self._batching:
                self._pending = None
                self.invalidate()
            raise
        self._batching -= 1
        if not self._batching and self._pending is not None:
            data, self._pending = self._pending, None
            self._write_now(data)

    def invalidate(self) -> None:
        """Forget the cache (after a failed write the cached object may hold unwritten changes)."""
        self._cache, self._cache_sig = None, None

    def _write_now(self, data: dict[str, dict[str, Any]]) -> None:
        payload = orjson.dumps(data)
        try:
            atomic_write(self.path, payload)
        except WriteFailedError:
            self.invalidate()
            raise
        self._cache = data
        self._cache_sig = signature(self.path)
