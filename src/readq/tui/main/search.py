"""Search as you type with the shared query language."""

from __future__ import annotations

from textual.widgets import Input

from readq.library.views import SEARCH
from readq.query.matching import QueryError, narrows, parse_query
from readq.tui.main.feature import Feature
from readq.tui.main.messages import IndexReady


class Search(Feature):
    name = "search"

    @property
    def bar(self) -> Input:
        return self.screen.query_one("#search", Input)

    def action_search(self) -> None:
        self.bar.display = True
        self.bar.focus()

    def action_escape(self) -> None:
        """esc clears the search when there is one, else the marks."""
        searching = bool(self.screen.query_text) or bool(self.bar.display)
        if self.screen.marked and not searching:
            self.screen.marks.action_clear_marks()
        else:
            self.clear()

    def clear(self) -> None:
        """Clear the search and close its bar."""
        screen = self.screen
        had_query = bool(screen.query_text)
        self.bar.value = ""
        self.bar.display = False
        screen.query_text, screen.search_query, screen.query_error = "", None, None
        self.papers.focus()
        if had_query:
            screen.load_view()

    def on_index_ready(self, message: IndexReady) -> None:
        """The abstracts are searchable now: the waiting search (or saved search) gets its results."""
        if self.screen.query_text:
            self.search_for(self.screen.query_text, narrow=False)
        elif self.screen.view_key.startswith(SEARCH):  # a saved search that reads abstracts: its rows now
            self.screen.load_view()

    def search_for(self, text: str, narrow: bool = True) -> None:
        screen = self.screen
        try:
            query = parse_query(text) if text else None
        except QueryError as error:
            screen.query_error = str(error)  # the last good results stay on screen
            return
        ready = query is None or not query.needs_text or self.library.search_ready
        previous = screen.query_text
        screen.query_text, screen.search_query, screen.query_error = text, query, None
        if not ready:  # the index is being built: results come when it is ready (on_index_ready)
            return
        within = self.papers.rows if narrow and previous and text and narrows(previous, text) else None
        current = self.papers.current
        rows = self.library.rows(screen.view_key, screen.sort, query, within=within)
        screen.show_rows(rows, keep=current.pid if current else None, index=0)
