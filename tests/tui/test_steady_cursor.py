"""The steady-cursor fixture (tests/tui/conftest.py): no Input or TextArea blinks in the tests."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Input, TextArea

from readq.tui.widgets.path_input import PathInput


class Fields(App[None]):
    def compose(self) -> ComposeResult:
        yield Input("typed", id="input")
        yield PathInput(id="path")
        yield TextArea("a note", id="area")


async def test_inputs_and_text_areas_start_with_a_steady_cursor() -> None:
    app = Fields()
    async with app.run_test() as pilot:
        for selector in ("#input", "#path", "#area"):
            widget = app.query_one(selector)
            assert isinstance(widget, Input | TextArea)
            widget.focus()
            await pilot.pause()
            assert widget.cursor_blink is False
            assert widget._cursor_visible  # shown, and no timer will hide it
