"""Small modal screens: a yes/no confirmation and the help screen."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from readq.safe import visible
from readq.tui.commands import COMMANDS, Command
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


def help_content(commands: Sequence[Command] = COMMANDS) -> Content:
    """Every command by group with its keys (the effective ones: pass the app's commands)."""
    parts: list[Content | str | tuple[str, str]] = []
    for group, grouped in groupby(commands, key=lambda c: c.group):
        parts += [(group, "bold $text-accent"), "\n"]
        for command in grouped:
            parts += [(f"  {command.display_keys:<12}", "bold $text-warning"), command.help, "\n"]
        parts.append("\n")
    parts += [
        ("Also", "bold $text-accent"),
        "\n",
        ("  ctrl+p      ", "bold $text-warning"),
        "Command palette: every command above by name, and Theme to pick a theme (remembered)",
        "\n",
        ("  click       ", "bold $text-warning"),
        "Pick a paper or a view with the mouse",
        "\n\n",
        ("Search: ", "bold"),
        'words, "phrases", -word, author:, title:, is:read, is:unread, is:watched, p:>=2, '
        "has:note, tag:, cat:, src:, OR, NOT, ( )",
        "\n",
        ("Data is saved as each key is pressed; q just quits. ", "italic $text-muted"),
        ("Keys can be changed in the config file ([keys], see readq config).", "italic $text-muted"),
    ]
    return Content.assemble(*parts)


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark", "close", "Close")]

    def compose(self) -> ComposeResult:
        with Vertical(id="help"):
            yield Static(Content.styled("readq — keys", "bold"), id="help-title")
            with VerticalScroll():
                yield Static(help_content(settings_of(self.app).commands), id="help-body")
            yield Static(Content.styled("esc, q or ? closes", "$text-muted"), id="help-foot")

    def action_close(self) -> None:
        self.dismiss(None)
