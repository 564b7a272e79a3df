"""Search as you type with the shared query language."""

from __future__ import annotations

from textual import on
from textual.widgets import Input

from readq.query.matching import QueryError, narrows, parse_query
from readq.tui.main.base import MainBase


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
        self.search_for(event.value.strip())

    def rerun_search(self) -> None:
        self.search_for(self.query_text, narrow=False)

    def search_for(self, text: str, narrow: bool = True) -> None:
        try:
            query = parse_query(text) if text else None
        except QueryError as error:
            self.query_error = str(error)  # the last good results stay on screen
            self.update_chrome()
            return
        ready = query is None or not query.needs_text or self.library.search_ready
        previous = self.query_text
        self.query_text, self.search_query, self.query_error = text, query, None
        if not ready:  # the index is being built: results come when it is done (see _index_done)
            self.update_chrome()
            return
        within = self.papers.rows if narrow and previous and text and narrows(previous, text) else None
        current = self.papers.current
        rows = self.library.rows(self.view_key, self.sort, query, within=within)
        self.papers.set_rows(rows, keep=current.pid if current else None, index=0)
        self.show_current()
        self.update_chrome()

    @on(Input.Submitted, "#search")
    def on_search_submitted(self) -> None:
        self.papers.focus()
