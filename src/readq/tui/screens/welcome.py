"""What an empty library shows: how to get papers in, instead of a blank table."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from readq.library.service import Library
from readq.text.terminal import one_line
from readq.tui.problems import poll_library

POLL_SECONDS = 1.0


def welcome_text(data_dir: str) -> Content:
    return Content.assemble(
        ("Welcome to readq", "bold $text-primary"),
        "\n\n",
        "Your library is empty. Press ",
        ("i", "bold $text-accent"),
        " to import a file or the clipboard: a daily digest (Hugging\n"
        "Face Daily Papers, alphaXiv), an arXiv mailing, an RSS/Atom feed or a BibTeX file.\n"
        "Or import from another terminal:\n\n",
        ("    readq import ~/digests/today.txt", "bold $text-accent"),
        "\n\n",
        "The papers appear here as soon as the import finishes. To look around first, try the bundled\n"
        "sample digests in a throwaway library:\n\n",
        ("    readq demo", "bold $text-accent"),
        "\n\n",
        ("Library: ", "$text-muted"),
        (data_dir, "$text-muted"),
        "\n",
        ("i imports · ? shows every key · q quits", "$text-muted"),
    )


class WelcomeScreen(Screen[None]):
    BINDINGS = [
        Binding("i", "import", "Import"),
        Binding("q", "app.quit", "Quit"),
        Binding("question_mark", "help", "Help", key_display="?"),
    ]

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library
        self.problem: str | None = None  # the library problem last reported, so it is said once

    def compose(self) -> ComposeResult:
        with Center(), Vertical(id="welcome"):
            yield Static(welcome_text(one_line(str(self.library.store.data_dir))), id="welcome-text")
        yield Footer()

    def on_mount(self) -> None:
        self.set_interval(POLL_SECONDS, self.poll)

    def poll(self) -> None:
        changes, self.problem = poll_library(self, self.library, self.problem)
        if changes is not None and changes.papers and len(self.library.store):
            from readq.tui.main.screen import MainScreen

            self.app.switch_screen(MainScreen(self.library))
            self.notify(f"{len(self.library.store)} papers arrived.", timeout=3)

    def action_import(self) -> None:
        from readq.tui.main.importing import finish_import
        from readq.tui.screens.import_dialog import ImportScreen, PendingImport

        def done(pending: PendingImport | None) -> None:
            if finish_import(self, self.library, pending) and len(self.library.store):
                from readq.tui.main.screen import MainScreen

                self.app.switch_screen(MainScreen(self.library))

        self.app.push_screen(ImportScreen(self.library), done)

    def action_help(self) -> None:
        from readq.tui.screens.dialogs import HelpScreen

        self.app.push_screen(HelpScreen())
