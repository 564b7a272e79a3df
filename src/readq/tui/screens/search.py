"""Search as you type with the shared query language."""

from __future__ import annotations

from textual import on
from textual.widgets import Input

from readq.query import QueryError, narrows, parse_query
from readq.tui.screens.base import MainBase


class SearchActions(MainBase):
    # -- search -------------------------------------------------------------------------------------
    def action_search(self) -> None:
        search = self.query_one("#search", Input)
        search.display = True
        search.focus()

    def action_clear_search(self) -> None:
        search = self.query_one("#search", Input)
        had_query = bool(self.query_text)
        search.value = ""
        search.display = False
        self.query_text, self.search_query, self.query_error = "", None, None
        self.papers.focus()
        if had_query:
            self.load_view()
        else:
            self.update_chrome()

    @on(Input.Changed, "#search")
    def on_search_changed(self, event: Input.Changed) -> None:
        text = event.value.strip()
        try:
            query = parse_query(text) if text else None
        except QueryError as error:
            self.query_error = str(error)  # the last good results stay on screen
            self.update_chrome()
            return
        within = self.papers.rows if self.query_text and text and narrows(self.query_text, text) else None
        self.query_text, self.search_query, self.query_error = text, query, None
        current = self.papers.current
        rows = self.library.rows(self.view_key, self.sort, query, within=within)
        self.papers.set_rows(rows, keep=current.paper.id if current else None, index=0)
        self.show_current()
        self.update_chrome()

    @on(Input.Submitted, "#search")
    def on_search_submitted(self) -> None:
        self.papers.focus()
