"""Reading needs no lock: while another process holds the library's locks, ``readq list`` and ``show``
answer at once from the version on disk (the files are replaced whole, so it is one consistent version);
on a read-only library the app opens read-only, says so, and saves nothing."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from readq.store import PAPERS_FILE, STATE_FILE, Store
from tests.helpers import digest
from tests.reliability.helpers import cli_env, run_cli
from tests.reliability.test_disk import read_only, snapshot
from tests.reliability.test_locks import hold, kill, lock_path

pytestmark = pytest.mark.timeout(120)


@pytest.fixture
def library(tmp_path: Path) -> tuple[Path, list[str]]:
    data = tmp_path / "data"
    store = Store(data)
    ids = store.import_result(digest("Unlocked one", "Unlocked two", "Unlocked three"), "001.txt").new
    store.update_state(ids[1], read=True)
    store.update_state(ids[2], priority=2)  # in the journal, not yet in state.json
    store.close()
    return data, ids


def test_reading_commands_do_not_wait_for_a_held_lock(library: tuple[Path, list[str]]) -> None:
    data, ids = library
    holders = [hold(lock_path(data, name)) for name in (PAPERS_FILE, STATE_FILE)]
    try:
        env = cli_env(READQ_LOCK_TIMEOUT="30")  # today's code would wait this long, then fail
        start = time.monotonic()
        listed = run_cli(data, "list", "--json", env=env)
        shown = run_cli(data, "show", ids[2], env=env)
        took = time.monotonic() - start
        marked = run_cli(data, "mark", ids[0], "--read", env=cli_env(READQ_LOCK_TIMEOUT="0.3"))
    finally:
        for holder in holders:
            kill(holder)
    assert listed.returncode == 0, listed.stderr
    assert shown.returncode == 0, shown.stderr
    assert took < 20, took  # two commands, each well under the 30 s it would have waited
    assert listed.stderr == b""
    assert b'"read": true' in listed.stdout and b'"priority": 2' in listed.stdout  # the journal too
    assert b"Unlocked three" in shown.stdout
    assert marked.returncode == 1 and b"locked by another readq process" in marked.stderr  # writes still wait


def test_a_snapshot_taken_during_a_compaction_is_consistent(
    library: tuple[Path, list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reader that reads state.json, then finds the journal emptied by a compaction in between, reads
    again instead of missing the changes that moved from the journal into the new state.json."""
    from readq.store import states

    data, ids = library
    holder = hold(lock_path(data, STATE_FILE))
    compacted = False
    real_entries = states.StateFile._journal_entries

    def compact_then_read(self: states.StateFile) -> dict[str, object]:
        nonlocal compacted
        if not compacted:  # another process folds the journal in between the two reads
            compacted = True
            kill(holder)
            other = Store(data)
            other._state_file.compact()
            other.close()
        return real_entries(self)  # type: ignore[return-value]

    monkeypatch.setattr(states.StateFile, "_journal_entries", compact_then_read)
    try:
        store = Store(data)
    finally:
        if holder.poll() is None:
            kill(holder)
    assert compacted
    assert store.state(ids[1]).read and store.state(ids[2]).priority == 2


async def test_the_app_on_a_read_only_library_says_so_and_saves_nothing(
    library: tuple[Path, list[str]],
) -> None:
    from readq.tui.app import make_app
    from readq.tui.main.screen import MainScreen

    data, ids = library
    before = snapshot(data)
    with read_only(data):
        store = Store(data)
        assert store.read_only == "Read-only file system"
        app = make_app(store)
        async with app.run_test(size=(120, 30), notifications=True) as pilot:
            assert isinstance(app.screen, MainScreen)
            titled = {n.title: n.message for n in app._notifications}
            assert "read-only (Read-only file system)" in titled["Read-only"]
            await pilot.press("r")
            await pilot.pause()
            saved = [n.message for n in app._notifications if n.title == "Not saved"]
            assert saved and "read-only" in saved[-1]
            assert not store.state(ids[0]).read
    assert snapshot(data) == before
