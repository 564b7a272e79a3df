"""A TinyDB storage that never leaves a half-written file and never serves another process's stale data.

* Writes go to a temporary file in the same directory, are fsynced, moved over the target with
  ``os.replace`` and the directory is fsynced: a crash leaves the old file or the new one, never a mix.
* Reads are cached, keyed by the file's (inode, size, mtime); a write by another process replaces the inode,
  so the next read parses the new file. The version in memory is kept open (on POSIX): file systems reuse a
  freed inode number at once, and a replaced file with the same size and the same coarse mtime would
  otherwise look unchanged; an open inode's number cannot be given to another file.
* Text that cannot be encoded (a lone surrogate) is refused before anything is written.
* ``batch()`` collects the writes of several TinyDB operations into one file write.
* A symlinked data file keeps its link: the write replaces the link's target.

Locking is the caller's job (the store holds a file lock around each whole read-modify-write).
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import orjson
from tinydb.storages import Storage

from readq.store.safety import StoreError

TMP_SUFFIX = ".readq-tmp"
COPY_SUFFIX = ".copying"  # a backup being copied (safety.rotate_backup)

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
        elif error.errno == errno.EDQUOT:
            reason = "the disk quota is used up"
        elif error.errno == errno.EFBIG:
            reason = "the file would exceed the size limit (file system or ulimit -f)"
        elif error.errno == errno.EROFS:
            reason = "the file system is read-only"
        elif error.errno in (errno.EACCES, errno.EPERM):
            reason = "permission denied (is the data directory read-only?)"
        elif error.errno == errno.EISDIR:
            reason = "it is a folder (give a file name)"
        elif error.errno == errno.ENOENT:
            reason = "its folder does not exist"
        kept = "the previous version is intact" if os.path.isfile(path) else "nothing was written"
        super().__init__(f"could not write {path}: {reason}; {kept}")
        self.path = path
        self.error = error


class NotRegularFileError(StoreError):
    """The path names a pipe, a device or a socket: a write would replace it with a file, so none is made."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"could not write {path}: it is not a regular file (a pipe, a device or a socket)")
        self.path = path


class UnsavableDataError(StoreError):
    """The data cannot be encoded as JSON (e.g. a lone surrogate from a file name); nothing was written."""

    def __init__(self, path: Path, error: Exception) -> None:
        super().__init__(
            f"could not save {path.name}: some text is not valid Unicode ({error}); nothing was written"
        )
        self.path = path


PIN_FILES = os.name != "nt"  # Windows cannot replace a file that is open


class _Pin:
    """An open descriptor on the version held in memory; closed when replaced or garbage-collected."""

    __slots__ = ("fd",)

    def __init__(self, fd: int) -> None:
        self.fd = fd

    def close(self) -> None:
        if self.fd >= 0:
            with contextlib.suppress(OSError):
                os.close(self.fd)
            self.fd = -1

    def __del__(self) -> None:
        self.close()


def signature(path: Path) -> Signature | None:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns)


def real_target(path: Path) -> Path:
    """The file a write should replace: the symlink's target when ``path`` is a symlink."""
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def refuse_special(target: Path) -> None:
    """Raise :class:`NotRegularFileError` when ``target`` exists and is neither a file nor a folder."""
    try:
        mode = os.stat(target).st_mode
    except OSError:
        return
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        raise NotRegularFileError(target)


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


def atomic_write(
    path: Path,
    payload: bytes | Callable[[Callable[[bytes], None]], None],
    *,
    mode: int = 0o600,
    keep_open: bool = False,
    cap: int = 0o777,
) -> int | None:
    """Write ``payload`` to ``path`` atomically and durably; on failure ``path`` is left intact. A new file
    gets ``mode`` (less the umask); a replaced one keeps its own. ``payload`` is the bytes, or a function
    that produces them piece by piece through the ``write`` function it is given (buffered).

    ``cap`` bounds both (an export holding notes is never readable by more people than the data files).

    With ``keep_open`` (POSIX only) the descriptor of the new file is returned, still open."""
    target = real_target(path)
    refuse_special(target)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.{time.monotonic_ns()}{TMP_SUFFIX}")
    fd = -1
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode & cap)
        if callable(payload):
            pending = bytearray()

            def write(data: bytes) -> None:
                pending.extend(data)
                if len(pending) >= 1 << 20:
                    _write_all(fd, pending)
                    pending.clear()

            payload(write)
            _write_all(fd, pending)
        else:
            _write_all(fd, payload)
        os.fsync(fd)
        if not keep_open:
            os.close(fd)
            fd = -1
        if target.exists():
            with contextlib.suppress(OSError):
                os.chmod(tmp, os.stat(target).st_mode & 0o777 & cap)
        os.replace(tmp, target)
    except BaseException as error:
        if fd >= 0:
            with contextlib.suppress(OSError):
                os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(error, OSError):
            raise WriteFailedError(path, error) from error
        raise
    fsync_dir(target.parent)
    return fd if keep_open else None


def data_file_mode(path: Path) -> int:
    """The permission bits of the data file ``path`` (0o600, readq's own, when it cannot be read): the
    most an export of its contents may allow."""
    try:
        return os.stat(path).st_mode & 0o777
    except OSError:
        return 0o600


def _write_all(fd: int, data: bytes | bytearray) -> None:
    with memoryview(data) as whole:
        start = 0
        while start < len(whole):
            with whole[start:] as rest:
                start += os.write(fd, rest)


def clean_stale_temp_files(directory: Path, max_age: float = 3600.0) -> list[Path]:
    """Remove temp files left by a writer that died (here and in ``backups/``).

    A file whose writer is alive is kept, unless it is older than ``max_age`` s (its pid was reused)."""
    removed = []
    now = time.time()
    candidates: list[tuple[Path, str]] = []
    for folder, suffix in ((directory, TMP_SUFFIX), (directory / "backups", COPY_SUFFIX)):
        with contextlib.suppress(OSError):
            candidates += [(e, suffix) for e in folder.iterdir() if e.name.endswith(suffix)]
    for entry, suffix in candidates:
        parts = entry.name[: -len(suffix)].split(".")
        try:
            pid = int(parts[-2] if suffix == TMP_SUFFIX else parts[-1])
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
    return parse(path, path.read_bytes())


def parse(path: Path, raw: bytes) -> dict[str, dict[str, Any]]:
    if not raw.strip():
        raise CorruptFileError(path, "the file is empty" if not raw else "the file holds only whitespace")
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        raise CorruptFileError(path, f"it is not valid JSON ({error})") from None
    if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
        raise CorruptFileError(path, "it is JSON but not a readq/TinyDB document (wrong type)")
    return data


def _read_fd(fd: int, size: int) -> bytes:
    chunks: list[bytes] = []
    while True:
        chunk = os.read(fd, max(size, 1 << 16))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


class AtomicJSONStorage(Storage):
    """TinyDB storage over one JSON file; see the module docstring."""

    def __init__(self, path: str | Path, **_: Any) -> None:
        self.path = Path(path)
        self._cache: dict[str, dict[str, Any]] | None = None
        self._cache_sig: Signature | None = None
        self._pin: _Pin | None = None
        self._pending: dict[str, dict[str, Any]] | None = None
        self._batching = 0

    # -- TinyDB interface -------------------------------------------------------------------------
    def read(self) -> dict[str, dict[str, Any]] | None:
        if self._pending is not None:
            return self._pending
        sig = signature(self.path)
        if sig is None:
            self.invalidate()
            return None
        if sig != self._cache_sig or self._cache is None:
            self._load()
        return self._cache

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        if self._batching:
            self._pending = data
            return
        self._write_now(data)

    def close(self) -> None:
        self.invalidate()

    # -- readq extras -----------------------------------------------------------------------------
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
        self._set_pin(None)

    def _set_pin(self, fd: int | None) -> None:
        if self._pin is not None:
            self._pin.close()
        self._pin = None
        if fd is not None:
            if PIN_FILES:
                self._pin = _Pin(fd)
            else:  # pragma: no cover - Windows
                os.close(fd)

    def _load(self) -> None:
        """Read the file through one descriptor: the signature and the bytes are of the same version."""
        self.invalidate()
        try:
            fd = os.open(self.path, os.O_RDONLY)
        except FileNotFoundError:
            return
        try:
            st = os.fstat(fd)
            data = parse(self.path, _read_fd(fd, st.st_size))
        except BaseException:
            os.close(fd)
            raise
        self._cache, self._cache_sig = data, (st.st_ino, st.st_size, st.st_mtime_ns)
        self._set_pin(fd)

    def _write_now(self, data: dict[str, dict[str, Any]]) -> None:
        try:
            payload = orjson.dumps(data)
        except TypeError as error:  # orjson.JSONEncodeError: lone surrogates, unknown types
            self.invalidate()  # TinyDB changed the cached object in place
            raise UnsavableDataError(self.path, error) from None
        try:
            fd = atomic_write(self.path, payload, keep_open=PIN_FILES)
        except BaseException:
            self.invalidate()
            raise
        if fd is None:  # pragma: no cover - Windows
            self._cache, self._cache_sig = data, signature(self.path)
            return
        st = os.fstat(fd)
        self._set_pin(fd)
        self._cache, self._cache_sig = data, (st.st_ino, st.st_size, st.st_mtime_ns)
