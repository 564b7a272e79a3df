"""Run a command in a pseudo-terminal of a fixed size, type keys, and collect every byte it writes."""

from __future__ import annotations

import fcntl
import os
import select
import struct
import subprocess
import termios
import time
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass
class PtyResult:
    output: bytes
    returncode: int | None  # None: it had to be killed


def _read(master: int, until: float, buffer: bytearray, marker: bytes | None = None) -> bool:
    """Read into ``buffer`` until ``until`` (monotonic) or, when given, until ``marker`` appeared."""
    while time.monotonic() < until:
        if marker is not None and marker in buffer:
            return True
        ready, _, _ = select.select([master], [], [], 0.05)
        if ready:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the child closed the terminal
                return marker is None or marker in buffer
            if not chunk:
                return marker is None or marker in buffer
            buffer.extend(chunk)
    return marker is None or marker in buffer


def run_in_pty(
    argv: Sequence[str],
    *,
    env: dict[str, str],
    keys: Sequence[bytes] = (),
    ready: bytes,
    size: tuple[int, int] = (100, 30),
    pause: float = 0.3,
    timeout: float = 40.0,
) -> PtyResult:
    """Start ``argv`` on a new pty of ``size`` (columns, rows), wait until ``ready`` appears in its output,
    send each of ``keys`` with ``pause`` seconds between them, then wait for it to exit."""
    master, slave = os.openpty()
    columns, rows = size
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    proc = subprocess.Popen(
        list(argv), stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True, close_fds=True
    )
    os.close(slave)
    buffer = bytearray()
    deadline = time.monotonic() + timeout
    try:
        if not _read(master, deadline, buffer, ready):
            raise AssertionError(f"{ready!r} never appeared; output so far: {bytes(buffer[-2000:])!r}")
        for key in keys:
            os.write(master, key)
            _read(master, min(deadline, time.monotonic() + pause), buffer)
        while proc.poll() is None and time.monotonic() < deadline:
            _read(master, min(deadline, time.monotonic() + 0.2), buffer)
        _read(master, time.monotonic() + 0.2, buffer)
    finally:
        code = proc.poll()
        if code is None:
            proc.kill()
            proc.wait(10)
        os.close(master)
    return PtyResult(bytes(buffer), code)
