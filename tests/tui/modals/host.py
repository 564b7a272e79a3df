"""A tiny host app for one modal: it pushes the modal with plain values and records what it dismisses with.

The modal is styled by the app's stylesheet (readq.tcss) so that it is laid out as users see it and clicks
land where its buttons are; nothing else of readq runs.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.app import App
from textual.screen import Screen
from textual.widgets import Static

import readq.tui

STYLESHEET = Path(readq.tui.__file__).parent / "readq.tcss"
SIZE = (100, 36)


class ModalHost(App[None]):
    """Pushes ``make()`` on mount; ``dismissed`` holds each value the modal dismissed with (``[]`` while it
    is open, ``[None]`` after a dismiss with None)."""

    CSS_PATH = STYLESHEET

    def __init__(self, make: Callable[[], Screen[Any]]) -> None:
        super().__init__()
        self.make = make
        self.dismissed: list[Any] = []
        self.modal: Screen[Any] | None = None

    def on_mount(self) -> None:
        self.modal = self.make()
        self.push_screen(self.modal, self.dismissed.append)

    @property
    def is_open(self) -> bool:
        return self.modal is not None and self.screen is self.modal


def text_of(screen: Screen[Any], selector: str) -> str:
    """The plain text a Static shows."""
    return str(screen.query_one(selector, Static).render())


def messages(app: App[Any]) -> list[str]:
    return [n.message for n in app._notifications]
