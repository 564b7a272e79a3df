"""Moving the cursor, switching panes, views and sort."""

from __future__ import annotations

from readq.query.matching import SORT_KEYS, describe_sort
from readq.tui.main.feature import Feature
from readq.tui.widgets.sidebar import Sidebar


class Navigation(Feature):
    name = "navigation"

    # -- moving -------------------------------------------------------------------------------------
    def action_cursor(self, delta: int) -> None:
        detail = self.screen.detail
        if detail.has_focus:
            detail.scroll_lines(delta)
            return
        if self.papers.move_to(self.papers.cursor + delta):
            self.screen.show_current()

    def action_page(self, direction: int) -> None:
        if self.screen.detail.has_focus:
            self.screen.detail.scroll_pages(direction)
            return
        self.action_cursor(direction * self.papers.page_height)

    def action_first(self) -> None:
        if self.screen.detail.has_focus:
            self.screen.detail.scroll_edge(end=False)
            return
        if self.papers.move_to(0):
            self.screen.show_current()

    def action_last(self) -> None:
        if self.screen.detail.has_focus:
            self.screen.detail.scroll_edge(end=True)
            return
        if self.papers.move_to(len(self.papers.rows) - 1):
            self.screen.show_current()

    def action_next_pane(self) -> None:
        order = [self.papers, self.screen.detail, self.screen.query_one(Sidebar)]
        focused = next((i for i, w in enumerate(order) if w.has_focus), -1)
        order[(focused + 1) % len(order)].focus()

    def action_focus_detail(self) -> None:
        self.screen.detail.focus()

    def clicked(self, index: int) -> None:
        """A row of the list was clicked."""
        self.papers.focus()
        if self.papers.move_to(index):
            self.screen.show_current()

    # -- views --------------------------------------------------------------------------------------
    def action_switch_view(self, delta: int) -> None:
        keys = [v.key for v in self.library.views()]
        index = keys.index(self.screen.view_key) if self.screen.view_key in keys else 0
        self.set_view(keys[(index + delta) % len(keys)])

    def set_view(self, key: str) -> None:
        if key == self.screen.view_key:
            return
        self.screen.view_key = key
        self.screen.load_view(index=0)

    def picked(self, key: str) -> None:
        """A view was chosen in the sidebar."""
        self.set_view(key)
        self.papers.focus()

    def action_cycle_sort(self) -> None:
        screen = self.screen
        keys = list(SORT_KEYS)
        sort = keys[(keys.index(screen.sort) + 1) % len(keys)] if screen.sort in keys else keys[0]
        screen.sorts = {**screen.sorts, screen.view_key: sort}
        screen.load_view(index=0)  # the top of the new order, where the eye goes, not the old paper mid-list
        note = self.library.discovery.ranking_note() if sort == "suggested" else None
        said = f"Sorted by {describe_sort(sort)}; the cursor is at the top" + (f". {note}" if note else "")
        self.notify(said, timeout=4 if note else 2)
