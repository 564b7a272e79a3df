"""A throwaway directory (``readq demo``'s library) that goes on every way out: a normal return, an
exception, Ctrl-C, and the signals a closed terminal or a ``kill`` sends (SIGHUP, SIGTERM), which would
otherwise end the process without running any cleanup."""

from __future__ import annotations

import os
import shutil
import signal
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

SIGNALS = tuple(s for s in (getattr(signal, "SIGHUP", None), signal.SIGTERM) if s is not None)


@contextmanager
def scratch_dir(prefix: str) -> Iterator[Path]:
    """A new temporary directory, removed when the block ends or the process is told to end."""
    path = Path(tempfile.mkdtemp(prefix=prefix))
    previous: dict[int, object] = {}

    def ended(signum: int, frame: FrameType | None) -> None:
        shutil.rmtree(path, ignore_errors=True)
        signal.signal(signum, signal.SIG_DFL)
        os.kill(os.getpid(), signum)  # end as the signal would have, with its exit status

    try:
        for signum in SIGNALS:
            try:
                previous[signum] = signal.signal(signum, ended)
            except ValueError:  # not the main thread: only the block's own exits clean up
                break
        yield path
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)  # type: ignore[arg-type]
        shutil.rmtree(path, ignore_errors=True)
