"""``S``: the stats screen, computed from the library when it opens (O(papers you touched))."""

from __future__ import annotations

from readq.library.stats import library_stats
from readq.tui.main.feature import Feature
from readq.tui.screens.stats import StatsScreen


class Stats(Feature):
    name = "stats"

    def action_stats(self) -> None:
        self.app.push_screen(StatsScreen(library_stats(self.library)))
