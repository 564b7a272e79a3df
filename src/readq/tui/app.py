"""The readq Textual app. ``make_app`` is the one factory used by the CLI, the tests and the screenshots."""

from __future__ import annotations

import gc
from collections.abc import Iterable
from functools import partial

from textual import events, on
from textual.app import App, SystemCommand
from textual.notifications import SeverityLevel
from textual.screen import Screen

from readq.library import Library
from readq.store import Store
from readq.tui.commands import COMMANDS
from readq.tui.screens.main import MainScreen
from readq.tui.screens.welcome import WelcomeScreen
from readq.tui.web import DELIVERY_PREFIX


class ReadqApp(App[int]):
    CSS_PATH = "readq.tcss"
    TITLE = "readq"

    def __init__(self, library: Library, *, title: str | None = None) -> None:
        super().__init__()
        self.library = library
        if title:
            self.title = title

    def on_mount(self) -> None:
        if len(self.library.store):
            self.push_screen(MainScreen(self.library))
        else:
            self.push_screen(WelcomeScreen(self.library))

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Every readq notification is plain text: titles and errors may contain ``[`` and ``]``."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    @on(events.DeliveryComplete)
    def delivered(self, event: events.DeliveryComplete) -> None:
        """A file offered as a download (in a browser tab) has reached the browser."""
        if event.name and event.name.startswith(DELIVERY_PREFIX):
            self.notify(f"Your browser received {event.name.removeprefix(DELIVERY_PREFIX)}.", timeout=4)

    @on(events.DeliveryFailed)
    def delivery_failed(self, event: events.DeliveryFailed) -> None:
        if event.name and event.name.startswith(DELIVERY_PREFIX):
            name = event.name.removeprefix(DELIVERY_PREFIX)
            self.notify(f"{name} did not reach the browser: {event.exception}", severity="error", timeout=10)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        if isinstance(screen, MainScreen):
            for command in COMMANDS:
                if command.palette:
                    yield SystemCommand(
                        f"{command.title}  ({command.display_keys})",
                        command.help,
                        partial(screen.run_action, command.action),
                    )
        yield from super().get_system_commands(screen)


def make_app(store: Store, *, title: str | None = None) -> ReadqApp:
    library = Library(store)
    # A large library is a few million long-lived objects; without this, each full garbage collection walks
    # them all and stalls a keypress by 50-150 ms. Frozen objects are still freed normally when unreferenced.
    gc.collect()
    gc.freeze()
    return ReadqApp(library, title=title)


def run_app(store: Store, *, title: str | None = None) -> int:
    make_app(store, title=title).run()
    return 0
