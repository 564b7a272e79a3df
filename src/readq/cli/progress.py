"""Progress for big imports on the command line, and ctrl+c that never leaves a half-written library.

A rich progress bar goes to standard error when it is a terminal and the file is big (over ``BIG_BYTES``)
or holds many entries (over ``BIG_ENTRIES``); otherwise nothing is drawn, so pipes and tests see plain text.
ctrl+c while a file is being read stops that file before anything of it is written; ctrl+c during the one
write of an import waits for the write to finish (a fraction of a second), so the library on disk is always
either before or after the import.
"""

from __future__ import annotations

import contextlib
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from types import FrameType
from typing import Any, TextIO

from readq.text.terminal import one_line

BIG_BYTES = 1_000_000
BIG_ENTRIES = 1000


class ImportProgress:
    """One progress bar for one file, drawn only when worth it (see the module rules)."""

    def __init__(self, name: str, size: int, stream: TextIO | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.name = one_line(name)  # a file name may hold escapes; shown as text, never as markup
        self.enabled = bool(getattr(self.stream, "isatty", lambda: False)())
        self._progress: Any = None
        self._task: Any = None
        if self.enabled and size > BIG_BYTES:
            self._start(f"reading {self.name}")

    def _start(self, description: str) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn

        self._progress = Progress(
            TextColumn("{task.description}", markup=False),
            BarColumn(),
            TaskProgressColumn(),
            TimeElapsedColumn(),
            TextColumn("ctrl+c cancels"),
            console=Console(file=self.stream),
            transient=True,
        )
        self._progress.start()
        self._task = self._progress.add_task(description, total=None)

    def update(self, done: int, total: int) -> None:
        """The parser's progress callback."""
        if self._progress is not None:
            self._progress.update(self._task, completed=done, total=total)

    def saving(self, entries: int) -> None:
        """The parse is done; the one write of ``entries`` entries follows."""
        if self._progress is None and self.enabled and entries > BIG_ENTRIES:
            self._start(f"saving {entries:,} entries from {self.name}")
        elif self._progress is not None:
            self._progress.update(self._task, description=f"saving {entries:,} entries", total=None)

    def close(self) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None


@contextlib.contextmanager
def interrupts_deferred() -> Iterator[Callable[[], bool]]:
    """Hold ctrl+c until the block ends, then raise it; yields a function telling whether one came.

    Only the main thread can handle signals; elsewhere the block runs as it is."""
    if threading.current_thread() is not threading.main_thread():
        yield lambda: False
        return
    caught: list[int] = []

    def hold(signum: int, frame: FrameType | None) -> None:
        caught.append(signum)

    previous = signal.signal(signal.SIGINT, hold)
    try:
        yield lambda: bool(caught)
    finally:
        signal.signal(signal.SIGINT, previous)
    if caught:
        raise KeyboardInterrupt
