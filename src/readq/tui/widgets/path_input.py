"""An input for a file path: completes paths as you type (tab or → accepts), and tells its screen when a
whole text is pasted into it (a digest, not a path) or when ctrl+v asks for the system clipboard."""

from __future__ import annotations

import asyncio
import os

from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.suggester import Suggester
from textual.widgets import Input

from readq.system.sources import complete_path, path_candidates


class PathSuggester(Suggester):
    """Suggests the first file or folder that completes what was typed (``~`` and ``$VARS`` understood)."""

    def __init__(self) -> None:
        super().__init__(use_cache=False, case_sensitive=True)

    async def get_suggestion(self, value: str) -> str | None:
        return await asyncio.to_thread(complete_path, value)


class PathInput(Input):
    BINDINGS = [Binding("tab", "complete", "Complete the path", show=False)]

    class TextPasted(Message):
        """Text of several lines was pasted: it is something to import, not a path."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    class ClipboardWanted(Message):
        """ctrl+v: read the system clipboard."""

    def __init__(self, *, placeholder: str = "", id: str | None = None) -> None:
        super().__init__(placeholder=placeholder, suggester=PathSuggester(), id=id)
        self._cycle: tuple[list[str], int] | None = None  # the matches tab goes through, and which is shown

    def _on_paste(self, event: events.Paste) -> None:
        # Textual calls Input's own handler after this one (one line into the input) unless prevented.
        if "\n" in event.text.strip() or "\r" in event.text.strip():
            event.prevent_default()
            event.stop()
            self.post_message(self.TextPasted(event.text))

    def action_paste(self) -> None:
        self.post_message(self.ClipboardWanted())

    def action_complete(self) -> None:
        """Complete as a shell does: the one match; or, of several, their longest common start; pressing tab
        again goes through them one by one. With nothing to complete, tab moves on."""
        cycle = self._cycle
        if cycle is not None and self.value == cycle[0][cycle[1]]:
            index = (cycle[1] + 1) % len(cycle[0])
            self._cycle = (cycle[0], index)
            self._set_path(cycle[0][index])
            return
        self._cycle = None
        candidates = path_candidates(self.value) if self.cursor_at_end else []
        if not candidates:
            self.screen.focus_next()
            return
        common = os.path.commonprefix(candidates)  # noqa: RUF071 - by character, as a shell completes
        if len(candidates) > 1 and len(common) > len(self.value):
            self._set_path(common)
        else:
            self._cycle = (candidates, 0)
            self._set_path(candidates[0])

    def _set_path(self, value: str) -> None:
        self.value = value
        self.cursor_position = len(value)
