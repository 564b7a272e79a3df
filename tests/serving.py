"""Running ``readq serve`` as a real process for the tests: start it, read the link it prints, stop it."""

from __future__ import annotations

import contextlib
import os
import queue
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

START_SECONDS = 30.0


@dataclass
class Served:
    process: subprocess.Popen[str]
    url: str  # the printed link, with its token
    output: list[str] = field(default_factory=list)  # every line printed so far (stdout and stderr)

    @property
    def base(self) -> str:
        parts = urlsplit(self.url)
        return f"{parts.scheme}://{parts.netloc}"

    @property
    def port(self) -> int:
        return int(urlsplit(self.url).port or 0)

    @property
    def token(self) -> str:
        return self.url.split("token=", 1)[1]

    def stop(self, signum: int = signal.SIGTERM, timeout: float = 20.0) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signum)
        try:
            return self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            raise


def app_processes(data_dir: Path) -> list[int]:
    """Process ids of the app processes (``python -m readq.cli --data-dir DATA_DIR``) still running."""
    found = []
    wanted = ["-m", "readq.cli", "--data-dir", str(data_dir.resolve())]
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError):
            argv = (entry / "cmdline").read_bytes().decode(errors="replace").split("\0")
            if argv[1:5] == wanted and "serve" not in argv:
                found.append(int(entry.name))
    return found


@contextlib.contextmanager
def served(data_dir: Path, *args: str) -> Iterator[Served]:
    """``readq --data-dir DATA_DIR serve --port 0 ARGS…`` until the block ends (then SIGTERM)."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "readq.cli", "--data-dir", str(data_dir), "serve", "--port", "0", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )
    lines: queue.Queue[str | None] = queue.Queue()

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            lines.put(line.rstrip("\n"))
        lines.put(None)

    readers = [threading.Thread(target=read, daemon=True)]
    readers[0].start()
    served = Served(process, "")
    try:
        while not served.url:
            line = lines.get(timeout=START_SECONDS)
            if line is None:
                raise RuntimeError("readq serve ended before printing a link:\n" + "\n".join(served.output))
            served.output.append(line)
            if "?token=" in line:
                served.url = line.strip()

        def keep_reading() -> None:
            while (line := lines.get()) is not None:
                served.output.append(line)

        readers.append(threading.Thread(target=keep_reading, daemon=True))
        readers[-1].start()
        yield served
    finally:
        served.stop()
        for reader in readers:
            reader.join(5)
        if process.stdout is not None and not any(reader.is_alive() for reader in readers):
            process.stdout.close()
