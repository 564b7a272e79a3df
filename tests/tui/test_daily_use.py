"""Pilot tests for the rough edges of a first week: keys do what they say, the cursor goes where the user's
attention is, and messages show what was typed."""

from __future__ import annotations

import pytest

from readq.store import Store
from readq.tui.app import make_app
from readq.tui.screens.discovery_dialogs import ListsScreen, WatchPickScreen
from tests.tui.test_discovery import WIDE, main, settle

LG = {
    "Learning to Refuse: Safety Fine-Tuning Without Capability Loss",
    "Graph Transformers Are Secretly Message Passing Networks",
}


def last_message(app: object) -> str:
    return list(app._notifications)[-1].message  # type: ignore[attr-defined]


async def test_watch_messages_show_the_term_as_typed(sample_store: Store) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        screen = main(app)
        await settle(app, pilot)
        while screen.papers.current is None or screen.papers.current.title not in LG:
            await pilot.press("j")
        await pilot.press("w")
        assert isinstance(app.screen, WatchPickScreen)
        await pilot.press("end", "space", "ctrl+s")  # the category, LG
        assert last_message(app) == "Watching cat:LG. W lists every watch."


async def test_enter_on_a_watch_opens_all_of_its_papers(sample_store: Store) -> None:
    sample_store.add_watch("cat:LG", "cat:lg")
    app = make_app(sample_store)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        screen = main(app)
        await settle(app, pilot)
        while screen.papers.current is None or screen.papers.current.title not in LG:
            await pilot.press("j")
        await pilot.press("r")  # one of the two is read: the Watched view no longer shows it
        await pilot.press("W")
        lists = app.screen
        assert isinstance(lists, ListsScreen)
        assert lists.watch_counts == [(2, 1)]
        await pilot.press("enter")
        await settle(app, pilot)
        assert screen.view_key == "all" and screen.query_text == "cat:LG"
        assert {r.title for r in screen.papers.rows} == LG  # read or not
        assert "Papers watched by cat:LG" in last_message(app)


async def test_x_with_marks_marks_only_the_marked_papers_read(sample_store: Store) -> None:
    from readq.tui.screens.dialogs import ConfirmScreen

    app = make_app(sample_store)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        screen = main(app)
        rows = screen.papers.rows
        await pilot.press("m", "j", "m")  # the first and the third paper
        marked = [rows[0].pid, rows[2].pid]
        assert list(screen.marked) == marked
        await pilot.press("x")
        assert isinstance(app.screen, ConfirmScreen)
        assert "Mark the 2 marked papers as read?" in str(app.screen.query_one("#question").render())
        await pilot.press("y")
        await pilot.pause()
        states = Store(sample_store.data_dir).states
        assert {pid for pid, state in states.items() if state.read} == set(marked)
        assert last_message(app) == "Marked 2 marked papers read. u undoes it."


async def test_s_puts_the_cursor_at_the_top_and_says_so(sample_store: Store) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        screen = main(app)
        await pilot.press("j", "j", "j", "j")
        await pilot.press("s")
        assert screen.sort == "priority" and screen.papers.cursor == 0
        assert last_message(app) == "Sorted by priority (highest first); the cursor is at the top"


async def test_undoing_an_import_puts_the_cursor_on_the_nearest_paper_left(sample_store: Store) -> None:
    from tests.tui.test_import import FIXTURES, open_and_read

    app = make_app(sample_store)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        screen = main(app)
        old_top = screen.papers.rows[0].pid
        await open_and_read(pilot, app, str(FIXTURES / "arxiv_mailing.txt"))
        await pilot.press("enter")
        await pilot.pause()
        assert len(screen.papers.rows) == 12  # the 5 new papers on top
        await pilot.press("g", "j", "j")  # inside the import, on its third paper
        await pilot.press("u")
        await pilot.pause()
        assert screen.papers.current is not None and screen.papers.current.pid == old_top
        assert last_message(app).endswith("(5 papers removed); the cursor is on the nearest paper left.")


async def test_the_first_frame_has_the_list_header(
    sample_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from readq.tui.main.screen import MainScreen

    seen: list[str] = []
    mounted = MainScreen.on_mount

    def on_mount(screen: MainScreen) -> None:
        mounted(screen)  # what the screen shows when mounting returns, before any later callback
        seen.append(str(screen.query_one("#status").render()))

    monkeypatch.setattr(MainScreen, "on_mount", on_mount)
    app = make_app(sample_store)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert seen and seen[0].startswith("Inbox") and "sort: added" in seen[0]
