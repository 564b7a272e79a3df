"""The main screen: views, the paper list and the detail pane, put together from feature mixins.

To add a feature: write a mixin subclassing :class:`MainBase` in its own module (actions and handlers),
add its commands to :mod:`readq.tui.commands`, and list the mixin here.
"""

from __future__ import annotations

from readq.tui.commands import bindings
from readq.tui.screens.base import MainBase
from readq.tui.screens.navigation import NavigationActions
from readq.tui.screens.notes import NoteActions
from readq.tui.screens.search import SearchActions
from readq.tui.screens.triage import TriageActions

__all__ = ["MainBase", "MainScreen"]


class MainScreen(NavigationActions, TriageActions, SearchActions, NoteActions, MainBase):
    BINDINGS = bindings()
