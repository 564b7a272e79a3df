"""The metadata form (``E``): authors, year, arXiv id, URL and venue. It checks the values and returns them;
the main screen stores them as edits (undoable)."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from readq.library.edits import FORM_FIELDS, EditError, form_values, parse_values
from readq.models import Paper

HINTS = {
    "authors": "separate names with ;  — end with et al. if the list is incomplete",
    "year": "four digits",
    "arxiv_id": "2401.01234, arXiv:… or an arxiv.org link",
    "url": "https://…",
    "venue": "journal or conference",
}
TITLES = {"authors": "Authors", "year": "Year", "arxiv_id": "arXiv id", "url": "URL", "venue": "Venue"}


class EditScreen(ModalScreen[dict[str, Any] | None]):
    """Dismisses with the parsed values of every field (:func:`readq.library.edits.parse_values`), or None."""

    AUTO_FOCUS = "#edit-authors"

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "save", "Save"),
    ]

    def __init__(self, paper: Paper, base: Paper) -> None:
        super().__init__()
        self.paper = paper  # as shown now (edits applied)
        self.base = base  # as the digest gave it

    def compose(self) -> ComposeResult:
        values = form_values(self.paper)
        with Vertical(id="edit"):
            yield Static(Content.styled("Edit metadata", "bold"), id="edit-title")
            yield Static(Content.styled(self.paper.title, "$text-primary"), id="edit-paper")
            for name in FORM_FIELDS:
                with Horizontal(classes="edit-row"):
                    yield Label(Content(TITLES[name]), classes="edit-label")
                    yield Input(values[name], placeholder=HINTS[name], id=f"edit-{name}", compact=True)
            yield Static(
                Content.styled(
                    "Authors: separate with ; (end with et al. if incomplete). Empty means unknown. Your "
                    "corrections are kept apart from the digest, survive re-imports, and u undoes them.",
                    "$text-muted",
                ),
                id="edit-help",
            )
            yield Static(id="edit-error")
            with Horizontal(id="edit-buttons"):
                yield Button("Digest values", id="digest", compact=True)
                yield Button("Cancel (esc)", id="cancel", compact=True)
                yield Button("Save (enter)", variant="primary", id="save", compact=True)

    def values(self) -> dict[str, str]:
        return {name: self.query_one(f"#edit-{name}", Input).value for name in FORM_FIELDS}

    @on(Button.Pressed, "#save")
    @on(Input.Submitted)
    def action_save(self) -> None:
        try:
            parsed = parse_values(self.values())
        except EditError as error:
            self.query_one("#edit-error", Static).update(Content.styled(str(error), "bold $text-error"))
            self.query_one(f"#edit-{error.field}", Input).focus()
            return
        self.dismiss(parsed)

    @on(Button.Pressed, "#digest")
    def fill_digest_values(self) -> None:
        """Put the digest's own values back in the fields (saving then drops the edits)."""
        for name, value in form_values(self.base).items():
            self.query_one(f"#edit-{name}", Input).value = value
        self.query_one("#edit-error", Static).update(
            Content.styled("The digest's values are in the fields; save to drop your edits.", "$text-muted")
        )

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
