"""The readq Textual app. ``make_app`` is the one factory used by the CLI, the tests and the screenshots."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import date
from functools import partial

from textual import events, on
from textual.app import App, SystemCommand
from textual.notifications import SeverityLevel
from textual.screen import Screen

from readq.config import Config, ConfigWriteError, load_config, save_setting
from readq.library.service import Library
from readq.store import Store
from readq.text.terminal import visible
from readq.tui.main.screen import MainScreen
from readq.tui.screens.welcome import WelcomeScreen
from readq.tui.settings import AppSettings, app_settings
from readq.tui.web import DELIVERY_PREFIX


class ReadqApp(App[int]):
    CSS_PATH = "readq.tcss"
    TITLE = "readq"

    def __init__(
        self, library: Library, *, title: str | None = None, settings: AppSettings | None = None
    ) -> None:
        super().__init__()
        self.library = library
        self.settings = settings if settings is not None else app_settings(Config())
        if title:
            self.title = title
        if self.settings.keymap:
            self.set_keymap(self.settings.keymap)

    def on_mount(self) -> None:
        if self.settings.theme:
            self.theme = self.settings.theme
        if len(self.library.store):
            self.push_screen(MainScreen(self.library))
        else:
            self.push_screen(WelcomeScreen(self.library))
        report = self.settings.report()
        if report:
            self.notify(report, title="Settings", severity="warning", timeout=30)
        if self.library.store.read_only:
            self.notify(
                f"The library is read-only ({self.library.store.read_only}): you can read and search it, "
                "but nothing you change is saved.",
                title="Read-only",
                severity="warning",
                timeout=30,
            )
        notice = self.settings.notice()
        if notice:  # a [keys] line took a key from another command: say which
            self.notify(notice, title="Keys", timeout=15)

    def watch_theme(self, theme: str) -> None:
        """Remember a theme picked in the palette (ctrl+p, "Theme") in the config file."""
        settings = self.settings
        path = settings.config.path
        if path is None or theme == (settings.theme or settings.config.theme):
            return
        try:
            save_setting(path, "theme", theme)
        except ConfigWriteError as error:
            self.notify(
                f"Theme {theme} is used now but not remembered: {error}", severity="warning", timeout=10
            )
            return
        self.settings = replace(settings, theme=theme, config=replace(settings.config, theme=theme))

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
            for command in self.settings.commands:
                if command.palette:
                    yield SystemCommand(
                        f"{command.title}  ({command.display_keys})",
                        command.help,
                        partial(screen.run_action, command.action),
                    )
        yield from super().get_system_commands(screen)


TUI_LOCK_TIMEOUT = 1.0  # a key waits at most this long for another process's lock, then says "busy"


def make_app(
    store: Store,
    *,
    title: str | None = None,
    config: Config | None = None,
    clock: Callable[[], date] = date.today,
) -> ReadqApp:
    """The app on ``store`` with the user's settings (``config``; default: the config file, whose theme
    choices are then remembered there; ``Config()`` is the defaults and remembers nothing). Every key saves
    at once. It changes nothing outside the app: the terminal's run (:func:`run_app`) sets what is
    process-wide."""
    settings = app_settings(load_config() if config is None else config)
    library = Library(store, clock=clock)  # clock: today, for snoozes
    library.key_format = settings.config.key_function()
    return ReadqApp(library, title=title, settings=settings)


def run_app(store: Store, *, title: str | None = None, config: Config | None = None) -> int:
    """Run the app in this terminal. While another process holds the library's lock, a key waits at most
    ``store.lock_timeout`` seconds and then reports that nothing was saved (the CLI sets
    :data:`TUI_LOCK_TIMEOUT`, so the app never freezes)."""
    app = make_app(store, title=title, config=config)
    # A large library is a few million long-lived objects; without this, each full garbage collection walks
    # them all and stalls a keypress by 50-150 ms. Frozen objects are still freed normally when unreferenced.
    gc.freeze()
    app.run()
    return 0
