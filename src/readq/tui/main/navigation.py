"""Moving the cursor, switching panes, views and sort."""

from __future__ import annotations

from textual import on
from textual.widgets import OptionList

from readq.query.matching import SORT_KEYS, describe_sort
from readq.tui.main.base import MainBase
from readq.tui.widgets.paper_list import PaperList
from readq.tui.widgets.sidebar import Sidebar


class NavigationActions(MainBase):
    # -- moving -------------------------------------------------------------------------------------
    def action_cursor(self, delta: int) -> None:
        if self.detail.has_focus:
            self.detail.scroll_lines(delta)
            return
        if self.papers.move_to(self.papers.cursor + delta):
            self.show_current()

    def action_page(self, direction: int) -> None:
        if self.detail.has_focus:
            self.detail.scroll_pages(direction)
            return
        self.action_cursor(direction * self.papers.page_height)

    def action_first(self) -> None:
        if self.detail.has_focus:
            self.detail.scroll_edge(end=False)
            return
        if self.papers.move_to(0):
            self.show_current()

    def action_last(self) -> None:
        if self.detail.has_focus:
            self.detail.scroll_edge(end=True)
            return
        if self.papers.move_to(len(self.papers.rows) - 1):
            self.show_current()

    def action_next_pane(self) -> None:
        order = [self.papers, self.detail, self.query_one(Sidebar)]
        focused = next((i for i, w in enumerate(order) if w.has_focus), -1)
        order[(focused + 1) % len(order)].focus()

    def action_focus_detail(self) -> None:
        self.detail.focus()

    @on(PaperList.Clicked)
    def on_paper_clicked(self, event: PaperList.Clicked) -> None:
        self.papers.focus()
        if self.papers.move_to(event.index):
            self.show_current()

    # -- views --------------------------------------------------------------------------------------
    def action_switch_view(self, delta: int) -> None:
        keys = [v.key for v in self.library.views()]
        index = keys.index(self.view_key) if self.view_key in keys else 0
        self.set_view(keys[(index + delta) % len(keys)])

    def set_view(self, key: str) -> None:
        if key == self.view_key:
            return
        self.view_key = key
        self.load_view(index=0)

    @on(OptionList.OptionSelected, "#sidebar")
    def on_view_picked(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.set_view(event.option.id)
            self.papers.focus()

    def action_cycle_sort(self) -> None:
        keys = list(SORT_KEYS)
        self.sorts[self.view_key] = (
            keys[(keys.index(self.sort) + 1) % len(keys)] if self.sort in keys else keys[0]
        )
        self.load_view()
        note = self.library.discovery.ranking_note() if self.sort == "suggested" else None
        self.notify(
            f"Sorted by {describe_sort(self.sort)}" + (f": {note}" if note else ""), timeout=4 if note else 2
        )
