"""The sidebar of views with live counts. Labels are Content, never markup (digest names and tags are
untrusted). Headings (e.g. "Tags") are disabled options: the cursor skips them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.cells import cell_len, set_cell_size
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from readq.text.terminal import one_line
from readq.tui.widgets.paper_list import fit

WIDTH = 24  # cells for an entry until the sidebar knows its size


@dataclass(frozen=True)
class SidebarEntry:
    key: str
    title: str
    count: str
    heading: bool = False
    digest: bool = False  # a digest's "name · date": cut in the middle when long (see fit_digest)


def fit_digest(title: str, width: int) -> str:
    """A digest's ``name · date`` in ``width`` cells. A name that fits keeps as much of the date as fits;
    a longer one loses the date and is cut in the middle: names of one feed differ at the end
    (``atom_api-2025_…_start10``, ``…_2016-10-09``), so both ends keep two such digests apart."""
    name = one_line(title).rsplit(" · ", 1)[0]
    if cell_len(name) <= width or width < 7:
        return fit(title, width)
    head = (width - 1) // 2
    end = set_cell_size(name[::-1], width - 1 - head)[::-1]
    return set_cell_size(name, head) + "…" + end


def entry_prompt(entry: SidebarEntry, width: int = WIDTH) -> Content:
    if entry.heading:
        return Content.styled(fit(entry.title, width), "bold $text-muted")
    count = entry.count
    room = max(4, width - cell_len(count) - 1)
    cut = fit_digest if entry.digest else fit
    return Content.assemble((cut(entry.title, room), ""), " ", (count, "$text-muted"))


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
