"""Pilot tests for the rough edges of a first week: keys do what they say, the cursor goes where the user's
attention is, and messages show what was typed."""

from __future__ import annotations

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
