"""The readq Textual app. ``make_app`` is the one factory used by the CLI, the tests and the screenshots."""

from __future__ import annotations

import gc
from collections.abc import Iterable
from functools import partial

from textual.app import App, SystemCommand
from textual.notifications import SeverityLevel
from textual.screen import Screen

from readq.library import Library
from readq.safe import visible
from readq.store import Store
from readq.tui.commands import COMMANDS
from readq.tui.screens.main import MainScreen
from readq.tui.screens.welcome import WelcomeScreen


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
        """Every readq notification is plain text: titles and errors may contain ``[`` and ``]``, and
        whatever they quote is shown without its control characters."""
        super().notify(
            visible(message), title=visible(title), severity=severity, timeout=timeout, markup=False
        )

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


TUI_LOCK_TIMEOUT = 1.0  # a key waits at most this long for another process's lock, then says "busy"


def make_app(store: Store, *, title: str | None = None, lock_timeout: float = TUI_LOCK_TIMEOUT) -> ReadqApp:
    """The app on ``store``. Every key saves at once; while another process holds the library's lock, a key
    waits at most ``lock_timeout`` seconds and then reports that nothing was saved (the app never freezes)."""
    store.lock_timeout = lock_timeout
    library = Library(store)
    # A large library is a few million long-lived objects; without this, each full garbage collection walks
    # them all and stalls a keypress by 50-150 ms. Frozen objects are still freed normally when unreferenced.
    gc.collect()
    gc.freeze()
    return ReadqApp(library, title=title)


def run_app(store: Store, *, title: str | None = None) -> int:
    make_app(store, title=title).run()
    return 0
