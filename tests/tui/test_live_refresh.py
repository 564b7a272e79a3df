"""Another process changes the library while the app is open: the app shows it and loses nothing."""

from __future__ import annotations

import multiprocessing as mp
from pathlib import Path

from readq.models import Entry, ParseResult
from readq.store import Store
from readq.tui.app import make_app
from readq.tui.main.screen import MainScreen
from tests.app_helpers import wait_until

CTX = mp.get_context("fork")


def _other_process(data_dir: str, pid: str) -> None:
    store = Store(data_dir)
    store.update_state(pid, priority=3)
    store.import_result(
        ParseResult("hf-blank", (Entry("Arrived While The App Was Open", "Hello."),), "Nov 24"),
        "003_later.txt",
    )


async def test_changes_from_another_process_appear_and_both_sides_survive(sample_store: Store) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=(140, 40), notifications=True) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        rows = [r.paper.id for r in screen.papers.rows]
        await pilot.press("r")  # this process: first paper read
        other = CTX.Process(target=_other_process, args=(str(sample_store.data_dir), rows[3]))
        other.start()
        other.join(30)
        assert other.exitcode == 0
        screen.poll()  # the next look at the disk (called here, not waited for)
        await wait_until(lambda: screen.library.count("all") == 8, "the other process's import", pilot=pilot)
        assert screen.library.count("queue") == 1
        assert rows[3] not in [
            r.paper.id for r in screen.papers.rows
        ]  # left the inbox: prioritised elsewhere
        assert any(r.paper.title == "Arrived While The App Was Open" for r in screen.papers.rows)
        await pilot.press("2")  # and this process keeps working on the fresh state
        await pilot.pause()
    final = Store(Path(sample_store.data_dir))
    assert final.state(rows[0]).read
    assert final.state(rows[3]).priority == 3
    assert sum(1 for s in final.states.values() if s.priority == 2) == 1
    assert len(final) == 8
