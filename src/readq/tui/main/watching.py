"""The watch list (``w`` on a paper, ``W`` for the list) and saved searches (``ctrl+s`` in the search bar).

Matching the watch list and counting the saved searches is one filter pass each over the library: it runs
in a thread worker after the search index, again when the watch list, the saved searches or the papers
change — never per key. Until it is done the sidebar shows "…".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from readq.discovery.lists import Watch, WatchError, candidate_watches
from readq.library.list_changes import lists_before, record_lists
from readq.library.views import SEARCH, WATCHED
from readq.query.matching import QueryError
from readq.store import StoreError
from readq.tui.main.feature import Feature
from readq.tui.main.indexing import freeze_long_lived
from readq.tui.main.messages import IndexReady, LibraryChanged, ListsCounted, Polled, ViewLoaded
from readq.tui.screens.dialogs import ConfirmScreen
from readq.tui.screens.discovery_dialogs import WATCH, ListsScreen, SaveSearchScreen, WatchPickScreen

if TYPE_CHECKING:
    from readq.tui.main.screen import MainScreen


class Watching(Feature):
    name = "watching"

    def __init__(self, screen: MainScreen) -> None:
        super().__init__(screen)
        self.counting = False  # a worker is matching the watches and counting the saved searches

    # -- keeping the watched flags and saved-search counts current -----------------------------------
    def on_index_ready(self, message: IndexReady) -> None:
        self.start_counting()

    def on_view_loaded(self, message: ViewLoaded | Polled) -> None:
        if self.library.search_ready:
            self.start_counting()

    on_polled = on_view_loaded

    def on_library_changed(self, message: LibraryChanged) -> None:
        if message.lists:
            self.start_counting()

    def start_counting(self) -> None:
        discovery = self.library.discovery
        if discovery.lists_ready or self.counting:
            return
        if discovery.lists_need_text and not self.library.search_ready:
            return  # on_index_ready starts it
        self.counting = True
        self.screen.run_worker(self._count, thread=True, exclusive=True, group="discovery")

    def _count(self) -> None:  # in a worker thread
        self.screen.post_message(ListsCounted(*self.library.discovery.compute_lists()))

    def on_lists_counted(self, message: ListsCounted) -> None:
        screen = self.screen
        self.counting = False
        if not self.library.discovery.set_lists(message.snapshot, message.watched, message.counts):
            self.start_counting()  # the library changed meanwhile: count again
            return
        freeze_long_lived()
        self.papers.refresh()  # the watched markers
        if screen.view_key == WATCHED or "watched" in screen.query_text:
            screen.load_view()
        else:
            screen.show_current()

    def _lists_changed(self) -> None:
        screen = self.screen
        if screen.view_key not in {v.key for v in self.library.views()}:
            screen.view_key = "inbox"
        screen.load_view()
        screen.post_message(LibraryChanged(lists=True))

    # -- watching ---------------------------------------------------------------------------------------
    def action_watch(self) -> None:
        record = self.papers.current
        if record is None:
            self.notify("No paper here to watch.", timeout=2)
            return
        try:
            candidates = candidate_watches(record.authors, record.category)
        except WatchError:
            candidates = []
        if not candidates:
            self.notify(
                "This paper names no authors or category to watch. readq watch add TERM watches any word.",
                timeout=5,
            )
            return
        watched = {w.key for w in self.library.discovery.watches}
        offered = {w.key for w in candidates}

        def done(keys: set[str] | None) -> None:
            if keys is None:
                return
            added, removed = [], []
            before = lists_before(self.library)  # the whole dialog's changes: one step u undoes
            try:
                for watch in candidates:
                    if (
                        watch.key in keys
                        and watch.key not in watched
                        and self.library.discovery.add_watch(watch)
                    ):
                        added.append(watch.term)
                    if (
                        watch.key not in keys
                        and watch.key in watched
                        and self.library.discovery.remove_watch(watch.key)
                    ):
                        removed.append(watch.term)
            except StoreError as error:
                self.notify(str(error), title="Watch list not saved", severity="error", timeout=10)
            record_lists(self.library, before, "watch list")
            if added or removed:
                parts = (["watching " + ", ".join(added)] if added else []) + (
                    ["stopped watching " + ", ".join(removed)] if removed else []
                )
                said = "; ".join(parts)  # the terms as typed: capitalize() would lowercase them
                self.notify(said[:1].upper() + said[1:] + ". W lists every watch.", timeout=4)
                self._lists_changed()

        self.app.push_screen(WatchPickScreen(record.title, candidates, watched & offered), done)

    def action_manage_lists(self) -> None:
        library = self.library
        searches = [
            (name, library.discovery.saved_text[name], library.discovery.search_count(name))
            for name in library.discovery.saved
        ]

        watches = library.discovery.watches
        counts = [self._count_watch(watch) for watch in watches]

        def done(choice: str | None) -> None:
            if choice is None:
                return
            if choice.startswith("delete:"):
                self._confirm_delete(choice[len("delete:") :])
            elif choice.startswith(WATCH):
                self._open_watch(choice[len(WATCH) :])
            elif choice == WATCHED or choice.startswith(SEARCH):
                self.screen.view_key = choice
                self.screen.load_view(index=0)

        self.app.push_screen(ListsScreen(watches, searches, counts), done)

    def _count_watch(self, watch: Watch) -> tuple[int, int] | None:
        """(papers, unread papers) the watch matches, as ``readq watch list`` says; None until the abstracts
        a text watch reads are indexed."""
        if watch.needs_text and not self.library.search_ready:
            return None
        found = self.library.rows("all", "added", watch.query)
        return len(found), sum(1 for r in found if not r.state.read)

    def _open_watch(self, key: str) -> None:
        """Every paper one watch matches, read or not: its term searched in All (esc goes back to All)."""
        watch = next((w for w in self.library.discovery.watches if w.key == key), None)
        if watch is None:
            return
        screen = self.screen
        screen.view_key = "all"
        screen.search.bar.display = True
        screen.search.bar.value = watch.term  # shows the term; its Changed event searches (again, cheaply)
        screen.search.search_for(watch.term, narrow=False)
        screen.papers.focus()
        self.notify(f"Papers watched by {watch.term}, read or not. esc clears the search.", timeout=4)

    def _confirm_delete(self, target: str) -> None:
        watch = target.startswith(WATCH)
        key = target[len(WATCH) :] if watch else target[len(SEARCH) :]
        if watch:
            term = next((w.term for w in self.library.discovery.watches if w.key == key), key)
            question = f"Stop watching {term}?"
        else:
            question = f"Delete the saved search {key!r}?"

        def answer(yes: bool | None) -> None:
            if yes:
                before = lists_before(self.library)
                try:
                    if watch:
                        self.library.discovery.remove_watch(key)
                    else:
                        self.library.discovery.remove_search(key)
                except StoreError as error:
                    self.notify(str(error), title="Not deleted", severity="error", timeout=10)
                    return
                record_lists(self.library, before, "stop watching" if watch else "delete saved search")
                self._lists_changed()
            self.action_manage_lists()

        self.app.push_screen(ConfirmScreen(question, yes="Delete"), answer)

    # -- saved searches -------------------------------------------------------------------------------
    def action_save_search(self) -> None:
        text, query = self.screen.query_text, self.screen.search_query
        if not text or query is None or query.is_empty:
            self.notify("Search first (/), then ctrl+s saves the search as a view.", timeout=4)
            return

        def done(name: str | None) -> None:
            if name is None:
                return
            before = lists_before(self.library)
            try:
                self.library.discovery.save_search(name, text)
            except (StoreError, QueryError) as error:
                self.notify(str(error), title="Search not saved", severity="error", timeout=10)
                return
            record_lists(self.library, before, f"save search {name!r}")
            self.notify(
                f"Saved the search as {name!r}: it is in the sidebar. W lists saved searches.", timeout=4
            )
            self.screen.search.clear()
            self.screen.view_key = SEARCH + name
            self._lists_changed()
            self.screen.load_view(index=0)

        self.app.push_screen(SaveSearchScreen(text, self.library.discovery.saved), done)
