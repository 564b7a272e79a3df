"""The watch list (``w`` on a paper, ``W`` for the list) and saved searches (``ctrl+s`` in the search bar).

Matching the watch list and counting the saved searches is one filter pass each over the library: it runs
in a thread worker after the search index, again when the watch list, the saved searches or the papers
change — never per key. Until it is done the sidebar shows "…".
"""

from __future__ import annotations

from readq.discovery.lists import WatchError, candidate_watches
from readq.discovery.live import Snapshot
from readq.library.views import SEARCH, WATCHED
from readq.query.matching import QueryError
from readq.store import StoreError
from readq.tui.main.base import MainBase, freeze_long_lived
from readq.tui.screens.dialogs import ConfirmScreen
from readq.tui.screens.discovery_dialogs import WATCH, ListsScreen, SaveSearchScreen, WatchPickScreen


class WatchActions(MainBase):
    _discovering = False  # a discovery worker is running

    # -- keeping the watched flags and saved-search counts current -----------------------------------
    def after_index(self) -> None:
        super().after_index()
        self.start_discovery()

    def background_tick(self) -> None:
        super().background_tick()
        if self.library.search_ready:
            self.start_discovery()

    def start_discovery(self) -> None:
        library = self.library
        if library.discovery.lists_ready or self._discovering:
            return
        if library.discovery.lists_need_text and not library.search_ready:
            return  # after_index starts it
        self._discovering = True
        self.run_worker(self._compute_discovery, thread=True, exclusive=True, group="discovery")

    def _compute_discovery(self) -> None:
        result = self.library.discovery.compute_lists()
        self.app.call_from_thread(self._discovery_done, *result)

    def _discovery_done(self, snapshot: Snapshot, watched: dict[str, int], counts: dict[str, int]) -> None:
        self._discovering = False
        if not self.library.discovery.set_lists(snapshot, watched, counts):
            self.start_discovery()  # the library changed meanwhile: count again
            return
        freeze_long_lived()
        self.papers.refresh()  # the watched markers
        if self.view_key == WATCHED or "watched" in self.query_text:
            self.load_view()
        else:
            self.show_current()
            self.update_chrome()

    def _lists_changed(self) -> None:
        if self.view_key not in {v.key for v in self.library.views()}:
            self.view_key = "inbox"
        self.load_view()
        self.start_discovery()

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
            if added or removed:
                parts = (["watching " + ", ".join(added)] if added else []) + (
                    ["stopped watching " + ", ".join(removed)] if removed else []
                )
                self.notify("; ".join(parts).capitalize() + ". W lists every watch.", timeout=4)
                self._lists_changed()

        self.app.push_screen(WatchPickScreen(record.title, candidates, watched & offered), done)

    def action_manage_lists(self) -> None:
        library = self.library
        searches = [
            (name, library.discovery.saved_text[name], library.discovery.search_count(name))
            for name in library.discovery.saved
        ]

        def done(choice: str | None) -> None:
            if choice is None:
                return
            if choice.startswith("delete:"):
                self._confirm_delete(choice[len("delete:") :])
            elif choice == WATCHED or choice.startswith(SEARCH):
                self.view_key = choice
                self.load_view(index=0)

        self.app.push_screen(ListsScreen(library.discovery.watches, searches), done)

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
                try:
                    if watch:
                        self.library.discovery.remove_watch(key)
                    else:
                        self.library.discovery.remove_search(key)
                except StoreError as error:
                    self.notify(str(error), title="Not deleted", severity="error", timeout=10)
                    return
                self._lists_changed()
            self.action_manage_lists()

        self.app.push_screen(ConfirmScreen(question, yes="Delete"), answer)

    # -- saved searches -------------------------------------------------------------------------------
    def action_save_search(self) -> None:
        text = self.query_text
        if not text or self.search_query is None or self.search_query.is_empty:
            self.notify("Search first (/), then ctrl+s saves the search as a view.", timeout=4)
            return

        def done(name: str | None) -> None:
            if name is None:
                return
            try:
                self.library.discovery.save_search(name, text)
            except (StoreError, QueryError) as error:
                self.notify(str(error), title="Search not saved", severity="error", timeout=10)
                return
            self.notify(
                f"Saved the search as {name!r}: it is in the sidebar. W lists saved searches.", timeout=4
            )
            self.action_clear_search()
            self.view_key = SEARCH + name
            self._lists_changed()
            self.load_view(index=0)

        self.app.push_screen(SaveSearchScreen(text, self.library.discovery.saved), done)
