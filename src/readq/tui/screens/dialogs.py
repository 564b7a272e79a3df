"""Small modal screens: a yes/no confirmation and the help screen."""

from __future__ import annotations

from itertools import groupby

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from readq.tui.commands import COMMANDS


class ConfirmScreen(ModalScreen[bool]):
    """Ask a yes/no question; dismisses with True for yes."""

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
            yield Static(Content(self.question), id="question")
            with Horizontal(id="buttons"):
                yield Button(Content(f"{self.yes} (y)"), variant="primary", id="yes")
                yield Button(Content(f"{self.no} (n)"), id="no")

    def on_mount(self) -> None:
        self.query_one("#yes", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


def help_content() -> Content:
    parts: list[Content | str | tuple[str, str]] = []
    for group, commands in groupby(COMMANDS, key=lambda c: c.group):
        parts += [(group, "bold $text-accent"), "\n"]
        for command in commands:
            parts += [(f"  {command.display_keys:<12}", "bold $text-warning"), command.help, "\n"]
        parts.append("\n")
    parts += [
        ("Also", "bold $text-accent"),
        "\n",
        ("  ctrl+p      ", "bold $text-warning"),
        "Command palette: every command above by name",
        "\n",
        ("  click       ", "bold $text-warning"),
        "Pick a paper or a view with the mouse",
        "\n\n",
        ("Search: ", "bold"),
        'words, "phrases", -word, author:, title:, is:read, is:unread, is:watched, p:>=2, '
        "has:note, tag:, cat:, src:, OR, NOT, ( )",
        "\n",
        ("Data is saved as each key is pressed; q just quits.", "italic $text-muted"),
    ]
    return Content.assemble(*parts)


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark", "close", "Close")]

    def compose(self) -> ComposeResult:
        with Vertical(id="help"):
            yield Static(Content.styled("readq — keys", "bold"), id="help-title")
            with VerticalScroll():
                yield Static(help_content(), id="help-body")
            yield Static(Content.styled("esc, q or ? closes", "$text-muted"), id="help-foot")

    def action_close(self) -> None:
        self.dismiss(None)
