"""Pilot: the watch list and saved searches are undone and redone with u and U like every other change."""

from __future__ import annotations

from textual.widgets import Input

from readq.store import Store
from readq.tui.app import make_app
from readq.tui.main.screen import MainScreen
from readq.tui.screens.dialogs import ConfirmScreen
from readq.tui.screens.discovery_dialogs import ListsScreen, SaveSearchScreen, WatchPickScreen
from tests.tui.test_discovery import WIDE, settle, sidebar_entries


async def test_w_then_u_restores_the_watch_list(sample_store: Store) -> None:
    sample_store.add_watch("cat:CL", "cat:cl")
    app = make_app(sample_store)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await settle(app, pilot)
        while screen.papers.current is None or not screen.papers.current.authors:
            await pilot.press("j")
        await pilot.press("w")
        assert isinstance(app.screen, WatchPickScreen)
        await pilot.press("space", "ctrl+s")  # tick the first choice too
        assert app.screen is screen
        assert len(Store(sample_store.data_dir).watches) == 2
        await pilot.press("u")
        await settle(app, pilot)
        assert Store(sample_store.data_dir).watches == ["cat:CL"]
        assert screen.library.discovery.watches[0].term == "cat:CL"
        assert "Undo: watch list" in list(app._notifications)[-1].message
        await pilot.press("U")  # redo
        assert len(Store(sample_store.data_dir).watches) == 2
        await pilot.press("u")
        assert Store(sample_store.data_dir).watches == ["cat:CL"]


async def test_saving_a_search_then_u_removes_it_and_a_delete_is_undone(sample_store: Store) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await settle(app, pilot)
        await pilot.press("slash", *"refus OR calibrated", "ctrl+s")
        dialog = app.screen
        assert isinstance(dialog, SaveSearchScreen)
        dialog.query_one(Input).value = "To read"
        await pilot.press("enter")
        assert Store(sample_store.data_dir).saved_searches == {"To read": "refus OR calibrated"}
        assert screen.view_key == "search:To read"
        await pilot.press("u")
        await settle(app, pilot)
        assert Store(sample_store.data_dir).saved_searches == {}
        assert screen.view_key == "inbox" and "Saved searches" not in sidebar_entries(screen)
        await pilot.press("U")
        await settle(app, pilot)
        assert "To read 2" in sidebar_entries(screen)
        await pilot.press("W")
        assert isinstance(app.screen, ListsScreen)
        await pilot.press("d")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y", "escape")
        assert Store(sample_store.data_dir).saved_searches == {}
        await pilot.press("u")
        await settle(app, pilot)
        assert Store(sample_store.data_dir).saved_searches == {"To read": "refus OR calibrated"}
        assert "To read 2" in sidebar_entries(screen)
