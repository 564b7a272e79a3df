"""Measurements of the running app: key to frame in a real pseudo-terminal, search as you type."""

from __future__ import annotations

import asyncio
import contextlib
import os
import sys
import time
from pathlib import Path

from readq.bench.data import search_words
from readq.bench.report import Row, median_ms, pct_ms


# -- 3. key to frame (in a real pseudo-terminal) ----------------------------------------------------------
def _read_burst(fd: int, first_timeout: float, quiet: float = 0.03) -> tuple[bytes, float]:
    """Bytes of one output burst and the time its last byte arrived (perf_counter)."""
    import select

    data = bytearray()
    last = time.perf_counter()
    timeout = first_timeout
    while True:
        ready, _, _ = select.select([fd], [], [], timeout)
        if not ready:
            return bytes(data), last
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            return bytes(data), last
        if not chunk:
            return bytes(data), last
        data += chunk
        last = time.perf_counter()
        timeout = quiet


def key_to_frame(folder: Path, presses: int, settle: float = 0.3) -> list[float]:
    """Start the real app in a pty, wait ``settle`` seconds after the first frame, press keys, and time each
    key to the end of the frame it caused."""
    import fcntl
    import pty
    import struct
    import termios

    pid, fd = pty.fork()
    if pid == 0:  # child
        os.environ.update({"TERM": "xterm-256color", "COLUMNS": "140", "LINES": "40"})
        os.execv(sys.executable, [sys.executable, "-m", "readq.cli", "--data-dir", str(folder)])
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 140, 0, 0))
    try:
        deadline = time.perf_counter() + 120
        seen = b""
        while b"Inbox" not in seen and time.perf_counter() < deadline:
            chunk, _ = _read_burst(fd, 1.0, 0.2)
            seen += chunk
        until = time.perf_counter() + settle
        while time.perf_counter() < until:  # let the first screens (and, if asked, the indexing) settle
            _read_burst(fd, 0.3, 0.3)
        samples = []
        for i in range(presses):
            key = b"j" if i % 20 < 15 else b"k"
            start = time.perf_counter()
            os.write(fd, key)
            data, last = _read_burst(fd, 2.0)
            if data:
                samples.append(last - start)
            time.sleep(0.02)
        os.write(fd, b"q")
        return samples
    finally:
        import signal

        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
        os.waitpid(pid, 0)
        os.close(fd)


# -- 5. search as you type ---------------------------------------------------------------------------------
async def _search(folder: Path, query: str) -> tuple[list[float], float]:
    from textual.widgets import Input

    from readq.store import Store
    from readq.tui.app import make_app

    app = make_app(Store(folder))
    samples: list[float] = []
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        waited = time.perf_counter()
        await screen.search_ready()  # type: ignore[attr-defined]
        while screen.library.word_index is None:  # type: ignore[attr-defined]
            await asyncio.sleep(0.05)
        index_wait = time.perf_counter() - waited
        await pilot.press("slash")
        search = screen.query_one("#search", Input)
        typed = ""
        for char in query:
            typed += char
            start = time.perf_counter()
            screen.on_search_changed(Input.Changed(search, typed))  # type: ignore[attr-defined]
            samples.append(time.perf_counter() - start)
            await pilot.pause()
    return samples, index_wait


def bench_in_app(folder: Path, presses: int, label: str) -> list[Row]:
    keys = key_to_frame(folder, presses, settle=15.0)  # steady state: indexing done
    busy = key_to_frame(folder, max(20, presses // 4))  # right after start: the search index is being built
    search, index_wait = asyncio.run(_search(folder, " ".join(search_words())))
    return [
        Row(
            f"key to frame at {label} (cursor move + detail, real pty), p50 / p95",
            f"{median_ms(keys):.1f} / {pct_ms(keys, 0.95):.1f} ms",
            "≤ 16 ms p95",
            pct_ms(keys, 0.95) <= 16,
        ),
        Row(
            f"key to frame at {label} while the search index is built (first seconds), p50 / p95",
            f"{median_ms(busy):.1f} / {pct_ms(busy, 0.95):.1f} ms",
            "—",
            None,
        ),
        Row(
            f"search keystroke at {label} (3 words, title+abstract), p50 / worst",
            f"{median_ms(search):.0f} / {max(search) * 1000:.0f} ms (index ready {index_wait:.1f} s in)",
            "≤ 50 ms p50, ≤ 150 ms worst",
            median_ms(search) <= 50 and max(search) * 1000 <= 150,
        ),
    ]
