"""The main screen: views, the paper list and the detail pane, put together from feature mixins.

To add a feature: write a mixin subclassing :class:`MainBase` in its own module (actions and handlers),
add its commands to :mod:`readq.tui.commands`, and list the mixin here.
"""

from __future__ import annotations

from readq.tui.commands import bindings
from readq.tui.main.base import MainBase
from readq.tui.main.cite import CiteActions
from readq.tui.main.edit import EditActions
from readq.tui.main.export import ExportActions
from readq.tui.main.importing import ImportActions
from readq.tui.main.navigation import NavigationActions
from readq.tui.main.notes import NoteActions
from readq.tui.main.search import SearchActions
from readq.tui.main.similar import SimilarActions
from readq.tui.main.stats import StatsActions
from readq.tui.main.triage import TriageActions
from readq.tui.main.watching import WatchActions

__all__ = ["MainBase", "MainScreen"]


class MainScreen(
    NavigationActions,
    TriageActions,
    SearchActions,
    CiteActions,
    EditActions,
    ExportActions,
    ImportActions,
    NoteActions,
    StatsActions,
    WatchActions,
    SimilarActions,
    MainBase,
):
    BINDINGS = bindings()

    def action_escape(self) -> None:
        """esc clears the search when there is one, else the marks."""
        searching = bool(self.query_text) or bool(self.query_one("#search").display)
        if self.marked and not searching:
            self.action_clear_marks()
        else:
            self.action_clear_search()
