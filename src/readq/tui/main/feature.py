"""The base of the main screen's features: a part of the screen with its own actions and message handlers.

A feature is composed into :class:`readq.tui.main.screen.MainScreen`, never inherited: it reaches the
screen's shared state (reactive attributes, the paper list, the library) through ``self.screen``. Its
``action_NAME`` methods run the commands that name it in :mod:`readq.tui.commands`; its ``on_*`` methods
handle the messages of :mod:`readq.tui.main.messages` (the screen hands every message to every feature).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.notifications import SeverityLevel

if TYPE_CHECKING:
    from textual.app import App

    from readq.library.service import Library
    from readq.tui.main.screen import MainScreen
    from readq.tui.widgets.paper_list import PaperList


class Feature:
    name = ""  # how commands name the feature (Command.feature)

    def __init__(self, screen: MainScreen) -> None:
        self.screen = screen

    @property
    def library(self) -> Library:
        return self.screen.library

    @property
    def papers(self) -> PaperList:
        return self.screen.papers

    @property
    def app(self) -> App[Any]:
        return self.screen.app

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
    ) -> None:
        self.screen.notify(message, title=title, severity=severity, timeout=timeout)
