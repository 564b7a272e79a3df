"""The stats screen alone in a host app: plain numbers in, closed with None by each of its keys."""

from __future__ import annotations

import pytest
from textual.widgets import Sparkline

from readq.library.service import Library
from readq.library.stats import library_stats
from readq.store import Store
from readq.tui.screens.stats import NARROW, StatsScreen
from tests.tui.conftest import seed_history
from tests.tui.modals.host import SIZE, ModalHost, text_of


@pytest.fixture
def stats_screen(sample_store: Store) -> ModalHost:
    seed_history(sample_store)
    stats = library_stats(Library(sample_store))
    return ModalHost(lambda: StatsScreen(stats))


@pytest.mark.parametrize("key", ["escape", "q", "S"])
async def test_each_close_key_dismisses_with_none(stats_screen: ModalHost, key: str) -> None:
    async with stats_screen.run_test(size=SIZE) as pilot:
        await pilot.press("s", "j")  # not its keys
        assert stats_screen.dismissed == []
        await pilot.press(key)
        await pilot.pause()
        assert stats_screen.dismissed == [None]


async def test_the_numbers_shown_are_the_stats_given(stats_screen: ModalHost) -> None:
    async with stats_screen.run_test(size=(120, 50)) as pilot:
        await pilot.pause()
        screen = stats_screen.modal
        assert isinstance(screen, StatsScreen)
        stats = screen.stats
        assert list(screen.query_one(Sparkline).data or []) == [n for _, n in stats.read_per_day]
        assert sum(n for _, n in stats.read_per_day) == 4  # seed_history: four papers read
        assert text_of(screen, "#stats-title").endswith(stats.today.isoformat())
        overview = text_of(screen, "#stats-overview").splitlines()
        assert overview[:2] == [
            "Streak        3 days",
            "Library       7 papers: 4 read, 3 unread; 1 in the Inbox, 2 queued",
        ]
        backlog = text_of(screen, "#stats-backlog").splitlines()
        assert [line.split("  ")[-1] for line in backlog[1:]] == [
            "done ✓ (5)",
            "1 left of 3",
        ]  # left to triage
        assert not screen.has_class("-narrow")
        await pilot.resize_terminal(NARROW - 1, 50)
        await pilot.pause()
        assert screen.has_class("-narrow")
