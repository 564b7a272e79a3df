"""Where ``-o FILE`` output goes: a regular file is replaced atomically; a pipe (FIFO) or a character device
(``/dev/stdout``, a terminal) is written through, as a shell's ``>`` would; anything else that is not a file
is refused by :func:`~readq.store.jsonfile.atomic_write`. Nothing that is not a regular file is replaced."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from readq.store.jsonfile import WriteFailedError, atomic_write


def is_stream(path: Path) -> bool:
    """Whether ``path`` (after symlinks) is a FIFO or a character device."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return stat.S_ISFIFO(mode) or stat.S_ISCHR(mode)


def write_output(path: Path, data: bytes, *, cap: int = 0o777) -> None:
    """Write ``data`` to ``path``: through for a stream, atomically otherwise (a new file's mode is 0o666 less
    the umask, and never wider than ``cap``). Raises a :class:`~readq.store.StoreError` on failure."""
    if not is_stream(path):
        atomic_write(path, data, mode=0o666, cap=cap)  # a file to share: the umask, then the cap
        return
    try:
        fd = os.open(path, os.O_WRONLY | os.O_NOCTTY)
    except OSError as error:
        raise WriteFailedError(path, error) from error
    try:
        with memoryview(data) as whole:
            start = 0
            while start < len(whole):
                start += os.write(fd, whole[start:])
    except OSError as error:
        raise WriteFailedError(path, error) from error
    finally:
        os.close(fd)
