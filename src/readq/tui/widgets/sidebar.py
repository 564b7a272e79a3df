"""The sidebar of views with live counts. Labels are Content, never markup (digest names and tags are
untrusted). Headings (e.g. "Tags") are disabled options: the cursor skips them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.cells import cell_len
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from readq.tui.widgets.paper_list import fit

WIDTH = 24  # cells for an entry until the sidebar knows its size


@dataclass(frozen=True)
class SidebarEntry:
    key: str
    title: str
    count: str
    heading: bool = False


def entry_prompt(entry: SidebarEntry, width: int = WIDTH) -> Content:
    if entry.heading:
        return Content.styled(fit(entry.title, width), "bold $text-muted")
    count = entry.count
    room = max(4, width - cell_len(count) - 1)
    return Content.assemble((fit(entry.title, room), ""), " ", (count, "$text-muted"))


class Sidebar(OptionList):
    """Views; choosing one posts OptionList.OptionSelected with the view key as the option id."""

    DEFAULT_CSS = """
    Sidebar { width: 26; border: none; padding: 0 1; background: $panel; }
    Sidebar:focus { background-tint: $foreground 4%; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._keys: list[str] = []
        self._shown: dict[str, SidebarEntry] = {}
        self._width = WIDTH

    def show_entries(self, entries: Sequence[SidebarEntry], current: str) -> None:
        keys = [e.key for e in entries]
        if keys != self._keys:
            self.set_options(
                Option(entry_prompt(e, self._width), id=e.key, disabled=e.heading) for e in entries
            )
            self._keys = keys
        else:
            for entry in entries:
                if self._shown.get(entry.key) != entry:
                    self.replace_option_prompt(entry.key, entry_prompt(entry, self._width))
        self._shown = {e.key: e for e in entries}
        if current in self._keys:
            self.highlighted = self._keys.index(current)

    def on_resize(self) -> None:
        width = max(8, self.scrollable_content_region.width - 1)
        if width != self._width:
            self._width = width
            for entry in self._shown.values():
                self.replace_option_prompt(entry.key, entry_prompt(entry, width))
