"""Another process holds the library's lock: the CLI waits a bounded time and says so, the app never
freezes and saves nothing by halves, and a holder killed with -9 frees the lock (flock dies with it)."""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from readq.cli.main import DEFAULT_LOCK_TIMEOUT, lock_timeout, main
from readq.store import PAPERS_FILE, STATE_FILE, Store
from tests.helpers import digest
from tests.reliability.helpers import cli_env, run_cli, state_on_disk

pytestmark = pytest.mark.timeout(120)

HOLDER = """
import sys, time
from filelock import FileLock
lock = FileLock(sys.argv[1])
lock.acquire()
print("locked", flush=True)
time.sleep(120)
"""
GENEROUS = 8.0  # seconds: far above the timeouts under test, far below the 10 s default they replace


def lock_path(data: Path, name: str) -> str:
    return os.path.realpath(data / name) + ".lock"


def hold(path: str) -> subprocess.Popen[bytes]:
    """A process that takes the lock at ``path`` and keeps it until killed."""
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, path], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=cli_env()
    )
    assert proc.stdout is not None
    ready, _, _ = select.select([proc.stdout], [], [], 30)
    assert ready and proc.stdout.readline() == b"locked\n"
    return proc


def kill(proc: subprocess.Popen[bytes]) -> None:
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)
    if proc.stdout is not None:
        proc.stdout.close()


@pytest.fixture
def library(tmp_path: Path) -> tuple[Path, list[str]]:
    data = tmp_path / "data"
    store = Store(data)
    ids = store.import_result(digest("Locked one", "Locked two", "Locked three"), "001.txt").new
    store.close()
    return data, ids


@pytest.fixture
def state_holder(library: tuple[Path, list[str]]) -> Iterator[subprocess.Popen[bytes]]:
    proc = hold(lock_path(library[0], STATE_FILE))
    yield proc
    kill(proc)  # a no-op on a child already gone, which still has its pipe to close


def test_the_cli_waits_as_long_as_it_is_told_then_says_why(
    library: tuple[Path, list[str]], state_holder: subprocess.Popen[bytes]
) -> None:
    data, ids = library
    before = state_on_disk(data)
    start = time.monotonic()
    done = run_cli(data, "mark", ids[0], "--read", env=cli_env(READQ_LOCK_TIMEOUT="0.5"))
    assert time.monotonic() - start < GENEROUS
    assert done.returncode == 1
    assert done.stderr.decode() == (
        "readq: state.json is locked by another readq process (waited 0.5 s); "
        "try again when it has finished\n"
    )
    assert state_on_disk(data) == before


def test_a_held_papers_lock_stops_an_import_cleanly(library: tuple[Path, list[str]], tmp_path: Path) -> None:
    data, _ = library
    holder = hold(lock_path(data, PAPERS_FILE))
    try:
        before = (data / PAPERS_FILE).read_bytes()
        digest_file = tmp_path / "new.txt"
        from tests.reliability.helpers import write_digest

        write_digest(digest_file, ["A paper that must wait"])
        done = run_cli(data, "import", str(digest_file), env=cli_env(READQ_LOCK_TIMEOUT="0.3"))
        assert done.returncode == 2  # opening reads without the lock; the import's write is refused
        assert b"papers.json is locked by another readq process (waited 0.3 s)" in done.stderr
        assert (data / PAPERS_FILE).read_bytes() == before
    finally:
        kill(holder)


def test_main_uses_the_environment_timeout(
    library: tuple[Path, list[str]],
    state_holder: subprocess.Popen[bytes],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    data, ids = library
    monkeypatch.setenv("READQ_LOCK_TIMEOUT", "0.2")
    assert main(["--data-dir", str(data), "mark", ids[1], "--priority", "2"]) == 1
    assert "(waited 0.2 s)" in capsys.readouterr().err
    monkeypatch.setenv("READQ_LOCK_TIMEOUT", "0.2")
    assert main(["--data-dir", str(data), "restore", "state"]) == 1  # restore waits for the lock too
    assert "state.json is locked by another readq process (waited 0.2 s)" in capsys.readouterr().err


@pytest.mark.parametrize("value", ["soon", "-1", "nan", "1e9"])
def test_a_bad_timeout_is_refused(
    value: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.setenv("READQ_LOCK_TIMEOUT", value)
    assert main(["--data-dir", str(tmp_path / "data"), "list"]) == 1
    assert capsys.readouterr().err == (
        f"readq: READQ_LOCK_TIMEOUT={value!r} is not a number of seconds between 0 and 86400\n"
    )


def test_the_default_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    assert lock_timeout() == DEFAULT_LOCK_TIMEOUT == 10.0
    monkeypatch.setenv("READQ_LOCK_TIMEOUT", " 2.5 ")
    assert lock_timeout() == 2.5


def _flocks_of(pid: int) -> list[int]:
    """Inodes that process ``pid`` holds a flock on, from /proc/locks."""
    inodes = []
    for line in Path("/proc/locks").read_text().splitlines():
        fields = line.split()
        if "->" in fields:
            continue  # a waiter
        if fields[1] == "FLOCK" and int(fields[4]) == pid:
            inodes.append(int(fields[5].split(":")[-1]))
    return inodes


def test_a_holder_killed_with_sigkill_frees_the_lock(library: tuple[Path, list[str]]) -> None:
    data, ids = library
    path = lock_path(data, STATE_FILE)
    holder = hold(path)
    if Path("/proc/locks").exists():  # it is a flock, held by the holder, on the lock file
        assert _flocks_of(holder.pid) == [os.stat(path).st_ino]
    blocked = run_cli(data, "mark", ids[2], "--read", env=cli_env(READQ_LOCK_TIMEOUT="0.3"))
    assert blocked.returncode == 1 and b"locked by another readq process" in blocked.stderr
    kill(holder)
    if Path("/proc/locks").exists():
        assert _flocks_of(holder.pid) == []
    freed = run_cli(data, "mark", ids[2], "--read", env=cli_env(READQ_LOCK_TIMEOUT="5"))
    assert freed.returncode == 0, freed.stderr
    assert Store(data).state(ids[2]).read


def test_filelock_is_flock_based_here() -> None:
    from filelock import FileLock, UnixFileLock

    if sys.platform == "win32":  # pragma: no cover
        pytest.skip("Windows locks are msvcrt locks, also released by the kernel when the holder dies")
    assert issubclass(FileLock, UnixFileLock)


# --------------------------------------------------------------------------------------------- the app


def test_the_cli_runs_the_app_with_a_short_lock_wait_and_the_factory_changes_nothing(
    library: tuple[Path, list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc

    import readq.tui.app
    from readq.cli.main import run_tui
    from readq.tui.app import TUI_LOCK_TIMEOUT, make_app

    store = Store(library[0], lock_timeout=7.0)
    frozen: list[None] = []
    monkeypatch.setattr(gc, "freeze", lambda: frozen.append(None))
    make_app(store)
    assert store.lock_timeout == 7.0 and not frozen  # no process-wide side effects
    seen: list[float] = []
    monkeypatch.setattr(readq.tui.app, "run_app", lambda store, **kw: seen.append(store.lock_timeout) or 0)
    assert run_tui(store) == 0
    assert seen == [TUI_LOCK_TIMEOUT]


async def test_the_app_stays_responsive_and_saves_nothing_by_halves(library: tuple[Path, list[str]]) -> None:
    from readq.tui.app import TUI_LOCK_TIMEOUT, make_app
    from readq.tui.main.screen import MainScreen
    from readq.tui.problems import BUSY_TITLE

    data, ids = library
    store = Store(data, lock_timeout=TUI_LOCK_TIMEOUT)  # as `readq` runs the app (see the next test)
    app = make_app(store)
    assert store.lock_timeout == TUI_LOCK_TIMEOUT == 1.0
    async with app.run_test(size=(120, 30), notifications=True) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await pilot.press("3")  # one change before the lock, to undo later
        await pilot.pause()
        assert len(screen.library.history.undo_stack) == 1
        first = screen.papers.current
        assert first is not None
        before = state_on_disk(data)

        holder = hold(lock_path(data, STATE_FILE))
        try:
            for key in ("r", "2", "u"):
                start = time.monotonic()
                await pilot.press(key)
                await pilot.pause()
                assert time.monotonic() - start < GENEROUS  # not the 10 s a command would wait
                busy = [n for n in app._notifications if n.title == BUSY_TITLE]
                assert busy, key
                what = "the undo" if key == "u" else "this change"
                assert busy[-1].message == (
                    f"Another readq process is writing the library, so {what} was not saved. "
                    "Try again in a moment."
                )
                assert state_on_disk(data) == before  # nothing reached the disk
                assert screen.papers.current is first and not first.state.read  # nor the screen
                assert len(screen.library.history.undo_stack) == 1  # and the history is as it was
            await pilot.press("j")  # moving needs no lock: the app answers at once
            await pilot.pause()
            assert screen.papers.current is not first
        finally:
            kill(holder)

        await pilot.press("u")  # the lock is free: the undo that was refused now works
        await pilot.pause()
        assert Store(data).state(ids[0]).priority == 0
        assert screen.library.history.undo_stack == []
        assert len(screen.library.history.redo_stack) == 1
