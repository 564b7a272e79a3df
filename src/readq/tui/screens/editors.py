"""The note editor and the tag editor: modal screens that only return text; the main screen saves it."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Input, Static, TextArea

from readq.text.notes import HIGHLIGHT_MAX_CHARS, clean_note, size_label
from readq.text.tags import format_tag_list, tag_completion
from readq.tui.screens.dialogs import ConfirmScreen


def _title(kind: str, paper_title: str) -> Content:
    return Content.assemble((kind, "bold $text-accent"), " · ", (paper_title, "bold"))


class NoteEditorScreen(ModalScreen[str | None]):
    """Edit a note as markdown; ``ctrl+s`` returns the text, ``esc`` returns None (asking first when the
    text was changed)."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "cancel", "Cancel", priority=True),
    ]

    def __init__(self, paper_title: str, note: str) -> None:
        super().__init__()
        self.paper_title = paper_title
        self.original = note

    def compose(self) -> ComposeResult:
        large = len(self.original) > HIGHLIGHT_MAX_CHARS
        hint = "ctrl+s saves · esc cancels · markdown: # heading, - list, `code`, [text](https://…)"
        if large:
            hint = (
                f"ctrl+s saves · esc cancels · a large note ({size_label(self.original)}): highlighting off"
            )
        with Vertical(id="note-editor"):
            yield Static(_title("Note", self.paper_title), id="note-editor-title")
            yield TextArea(
                self.original,
                language=None if large else "markdown",
                soft_wrap=True,
                tab_behavior="indent",
                show_line_numbers=False,
                id="note-text",
            )
            yield Static(Content.styled(hint, "$text-muted"), id="note-editor-foot")

    def on_mount(self) -> None:
        for area in self.query(TextArea):  # (none when the app is closing under a fast typist)
            area.focus()
            area.move_cursor(area.document.end)

    @property
    def text(self) -> str:
        return self.query_one(TextArea).text

    @property
    def changed(self) -> bool:
        return clean_note(self.text) != clean_note(self.original)

    def action_save(self) -> None:
        self.dismiss(self.text)

    def action_cancel(self) -> None:
        if not self.changed:
            self.dismiss(None)
            return

        def answer(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)
            else:
                self.query_one(TextArea).focus()

        self.app.push_screen(
            ConfirmScreen("Discard your changes to this note?", yes="Discard", no="Keep editing"), answer
        )


class TagSuggester(Suggester):
    """Completes the last comma-separated tag from the tags already in use."""

    def __init__(self, known: Sequence[str]) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.known = list(known)

    async def get_suggestion(self, value: str) -> str | None:
        return tag_completion(value, self.known)


class TagEditorScreen(ModalScreen[str | None]):
    """Edit a paper's tags as a comma-separated list; enter returns the text, esc returns None."""

    AUTO_FOCUS = "Input"

    BINDINGS = [Binding("escape", "cancel", "Cancel", priority=True)]

    def __init__(self, paper_title: str, tags: Sequence[str], known: Sequence[str]) -> None:
        super().__init__()
        self.paper_title = paper_title
        self.tags = tuple(tags)
        self.known = list(known)

    def compose(self) -> ComposeResult:
        value = format_tag_list(self.tags) + (", " if self.tags else "")
        with Vertical(id="tag-editor"):
            yield Static(_title("Tags", self.paper_title), id="tag-editor-title")
            yield Input(  # the cursor after the last tag, nothing selected: typing adds a tag
                value,
                placeholder="comma separated, e.g. to-read, rl",
                suggester=TagSuggester(self.known),
                select_on_focus=False,
            )
            yield Static(
                Content.styled(
                    "comma separated · → takes the suggestion · enter saves · esc cancels", "$text-muted"
                ),
                id="tag-editor-foot",
            )

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)
