"""The app's own keys on the main screen: help and quit."""

from __future__ import annotations

from readq.tui.main.feature import Feature
from readq.tui.screens.dialogs import HelpScreen


class General(Feature):
    name = "general"

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen())

    def action_quit(self) -> None:
        self.app.exit()
