"""The path input in a host app of its own: tab completes, a pasted text and ctrl+v are posted."""

from __future__ import annotations

from pathlib import Path

from textual import events
from textual.app import App, ComposeResult
from textual.message import Message

from readq.tui.widgets.path_input import PathInput


class Host(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.posted: list[Message] = []

    def compose(self) -> ComposeResult:
        yield PathInput(id="path")

    def on_path_input_text_pasted(self, message: PathInput.TextPasted) -> None:
        self.posted.append(message)

    def on_path_input_clipboard_wanted(self, message: PathInput.ClipboardWanted) -> None:
        self.posted.append(message)


async def test_tab_completes_and_then_cycles_through_the_matches(tmp_path: Path) -> None:
    (tmp_path / "digest-one.txt").write_text("x")
    (tmp_path / "digest-two.txt").write_text("x")
    app = Host()
    async with app.run_test() as pilot:
        path = app.query_one(PathInput)
        path.focus()
        path.value = str(tmp_path / "dig")
        path.cursor_position = len(path.value)
        await pilot.press("tab")
        assert path.value == str(tmp_path / "digest-")  # the longest common start
        await pilot.press("tab")
        first = path.value
        await pilot.press("tab")
        assert {first, path.value} == {str(tmp_path / "digest-one.txt"), str(tmp_path / "digest-two.txt")}


async def test_a_pasted_text_and_ctrl_v_are_messages_not_typing() -> None:
    app = Host()
    async with app.run_test() as pilot:
        path = app.query_one(PathInput)
        path.focus()
        path.post_message(events.Paste("Title one\nTitle two\n"))
        await pilot.press("ctrl+v")
        await pilot.pause()
        assert path.value == ""
        assert [type(m) for m in app.posted] == [PathInput.TextPasted, PathInput.ClipboardWanted]
        pasted = app.posted[0]
        assert isinstance(pasted, PathInput.TextPasted) and pasted.text == "Title one\nTitle two\n"
