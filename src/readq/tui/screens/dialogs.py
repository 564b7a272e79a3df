"""Small modal screens: a yes/no confirmation and the help screen."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from itertools import groupby

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from readq.text.terminal import visible
from readq.tui.commands import COMMANDS
from readq.tui.keys import Command
from readq.tui.settings import settings_of


class ConfirmScreen(ModalScreen[bool]):
    """Ask a yes/no question; dismisses with True for yes."""

    AUTO_FOCUS = "#yes"

    BINDINGS = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
    ]

    def __init__(self, question: str, *, yes: str = "Yes", no: str = "Cancel") -> None:
        super().__init__()
        self.question = question
        self.yes, self.no = yes, no

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Content(visible(self.question)), id="question")
            with Horizontal(id="buttons"):
                yield Button(Content(f"{self.yes} (y)"), variant="primary", id="yes")
                yield Button(Content(f"{self.no} (n)"), id="no")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


KEY_COLUMN = 14  # "  " + the keys, padded: where every description starts
PALETTE_HELP = "Command palette: every command above by name, and Theme to pick a theme (remembered)"


def hanging(text: str, width: int | None) -> str:
    """``text`` wrapped to ``width`` cells with its continuation lines under its first (None: unwrapped)."""
    if width is None or width <= KEY_COLUMN + 10:
        return text
    return ("\n" + " " * KEY_COLUMN).join(textwrap.wrap(text, width - KEY_COLUMN) or [""])


def help_content(commands: Sequence[Command] = COMMANDS, width: int | None = None) -> Content:
    """Every command by group with its keys (the effective ones: pass the app's commands); ``width``: the
    cells to wrap the descriptions in, each under its own start."""
    parts: list[Content | str | tuple[str, str]] = []
    for group, grouped in groupby(commands, key=lambda c: c.group):
        parts += [(group, "bold $text-accent"), "\n"]
        for command in grouped:
            keys = f"  {command.display_keys:<{KEY_COLUMN - 2}}"
            parts += [(keys, "bold $text-warning"), hanging(command.help, width), "\n"]
        parts.append("\n")
    parts += [
        ("Also", "bold $text-accent"),
        "\n",
        ("  ctrl+p      ", "bold $text-warning"),
        hanging(PALETTE_HELP, width),
        "\n",
        ("  click       ", "bold $text-warning"),
        hanging("Pick a paper or a view with the mouse", width),
        "\n\n",
        ("Search: ", "bold"),
        'words, "phrases", -word, author:, title:, is:read, is:unread, is:watched, is:inbox, '
        "is:queued, is:snoozed, p:>=2, seen:>=2, year:, has:note, tag:, cat:, src:, OR, NOT, ( )",
        "\n",
        ("Data is saved as each key is pressed; q just quits. ", "italic $text-muted"),
        ("Keys can be changed in the config file ([keys], see readq config).", "italic $text-muted"),
    ]
    return Content.assemble(*parts)


class HelpBody(Static):
    """The help text, wrapped again to its width so that each description hangs under its own start."""

    def __init__(self, commands: Sequence[Command]) -> None:
        super().__init__(help_content(commands), id="help-body")
        self.commands = commands
        self._wrapped_at: int | None = None

    def on_resize(self) -> None:
        width = self.content_region.width
        if width and width != self._wrapped_at:
            self._wrapped_at = width
            self.update(help_content(self.commands, width))


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark", "close", "Close")]

    def compose(self) -> ComposeResult:
        with Vertical(id="help"):
            yield Static(Content.styled("readq — keys", "bold"), id="help-title")
            with VerticalScroll():
                yield HelpBody(settings_of(self.app).commands)
            yield Static(Content.styled("esc, q or ? closes", "$text-muted"), id="help-foot")

    def action_close(self) -> None:
        self.dismiss(None)
