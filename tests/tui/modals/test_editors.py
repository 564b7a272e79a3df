"""The note editor and the tag editor alone in a host app: they only return text (or None)."""

from __future__ import annotations

import pytest
from textual.widgets import Input, TextArea

from readq.text.notes import HIGHLIGHT_MAX_CHARS
from readq.tui.screens.dialogs import ConfirmScreen
from readq.tui.screens.editors import NoteEditorScreen, TagEditorScreen
from tests.tui.modals.host import SIZE, ModalHost, text_of

TITLE = "Sparse [i]Mixtures[/i] of Tiny Experts"
NOTE = "# Why\n\n- routing"


def note_editor(note: str = NOTE) -> ModalHost:
    return ModalHost(lambda: NoteEditorScreen(TITLE, note))


def area(app: ModalHost) -> TextArea:
    assert app.modal is not None
    return app.modal.query_one("#note-text", TextArea)


async def test_the_note_opens_focused_at_its_end_and_saves_what_was_typed() -> None:
    app = note_editor()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert area(app).has_focus and area(app).cursor_location == (2, len("- routing"))
        assert area(app).language == "markdown"
        assert app.modal is not None
        assert text_of(app.modal, "#note-editor-title") == f"Note · {TITLE}"  # verbatim
        await pilot.press("enter", "-", "space", "b", "tab", "x")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.dismissed == [NOTE + "\n- b x"]  # tab indents (to the next stop): it never moves focus


async def test_saving_an_emptied_note_returns_the_empty_text() -> None:
    app = note_editor()
    async with app.run_test(size=SIZE) as pilot:
        area(app).clear()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.dismissed == [""]  # (the screen that saves it deletes the note)


@pytest.mark.parametrize("edit", ["", "  \n"], ids=["untouched", "whitespace-only"])
async def test_escape_without_a_change_returns_none_at_once(edit: str) -> None:
    app = note_editor()
    async with app.run_test(size=SIZE) as pilot:
        area(app).insert(edit)
        await pilot.press("escape")
        await pilot.pause()
        assert app.dismissed == [None]


async def test_escape_after_a_change_asks_first() -> None:
    app = note_editor()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("!")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "Discard your changes" in text_of(app.screen, "#question")
        await pilot.press("n")  # keep editing
        await pilot.pause()
        assert app.dismissed == [] and app.is_open and area(app).has_focus
        await pilot.press("?", "escape")
        await pilot.pause()
        await pilot.press("y")  # discard
        await pilot.pause()
        assert app.dismissed == [None]


async def test_a_large_note_is_edited_without_highlighting() -> None:
    big = "word " * (HIGHLIGHT_MAX_CHARS // 5 + 1)
    app = note_editor(big)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert area(app).language is None
        assert app.modal is not None
        assert "highlighting off" in text_of(app.modal, "#note-editor-foot")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.dismissed == [big]


# -- tags -----------------------------------------------------------------------------------------------


def tag_editor(tags: tuple[str, ...] = ("to-read", "RL"), known: tuple[str, ...] = ()) -> ModalHost:
    return ModalHost(lambda: TagEditorScreen(TITLE, tags, known))


def tag_input(app: ModalHost) -> Input:
    assert app.modal is not None
    return app.modal.query_one(Input)


async def test_tags_open_as_a_list_ready_for_one_more() -> None:
    app = tag_editor()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert tag_input(app).value == "to-read, RL, " and tag_input(app).has_focus
        await pilot.press("end", *"ml", "enter")
        await pilot.pause()
        assert app.dismissed == ["to-read, RL, ml"]  # the text as typed: the screen parses it


async def test_typing_at_once_adds_a_tag_to_the_list() -> None:
    """The field opens with the paper's tags and the cursor after them, nothing selected (Input selects its
    whole text on focus by default, so the first key typed used to replace every tag)."""
    app = tag_editor()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press(*"ml", "enter")
        await pilot.pause()
        assert app.dismissed == ["to-read, RL, ml"]


async def test_no_tags_start_empty_and_return_what_was_typed() -> None:
    app = tag_editor(())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert tag_input(app).value == ""
        await pilot.press(*"a,,b ", "enter")
        await pilot.pause()
        assert app.dismissed == ["a,,b "]


async def test_the_right_arrow_takes_a_known_tag_skipping_those_already_there() -> None:
    app = tag_editor(("to-read",), known=("to-read", "to-cite", "vision"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("end", *"to")
        await pilot.pause()
        await pilot.press("right")  # "to-read" is in the list already: "to-cite" is suggested
        await pilot.pause()
        assert tag_input(app).value == "to-read, to-cite"
        await pilot.press("enter")
        await pilot.pause()
        assert app.dismissed == ["to-read, to-cite"]


async def test_escape_returns_none_even_after_typing() -> None:
    app = tag_editor()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"new")
        await pilot.press("escape")
        await pilot.pause()
        assert app.dismissed == [None]
