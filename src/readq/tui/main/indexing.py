"""The search index (every paper's abstract), built in a worker thread after the first frame, and again
after an import; ``IndexReady`` says when full-text search is available."""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING

from readq.store import StoreError
from readq.tui.main.feature import Feature
from readq.tui.main.messages import IndexBuilt, IndexProgress, IndexReady, ViewLoaded
from readq.tui.problems import report_once

if TYPE_CHECKING:
    from readq.tui.main.screen import MainScreen


def freeze_long_lived() -> None:
    """Move what a background build just made (the search index, the similar-papers index, …) out of the
    garbage collector's sight, as ``run_app`` does for the library: otherwise every full collection walks
    those millions of objects and stalls a keypress by ~30 ms every few seconds at 100k papers. Frozen
    objects are still freed when nothing refers to them."""
    gc.freeze()


class Indexing(Feature):
    name = "indexing"

    def __init__(self, screen: MainScreen) -> None:
        super().__init__(screen)
        self.running = False

    def start(self) -> None:
        if self.library.search_ready:
            self.screen.post_message(IndexReady())
        elif not self.running:
            self.running = True
            self.screen.index_progress = (0, len(self.library.records))
            self.screen.run_worker(self._build, thread=True, exclusive=True, group="search-index")

    def on_view_loaded(self, message: ViewLoaded) -> None:
        if not self.library.search_ready:  # after an import: the new papers' search text
            self.start()

    def _build(self) -> None:  # in a worker thread
        post = self.screen.post_message

        def progress(done: int, total: int) -> None:
            post(IndexProgress(done, total))

        try:
            self.library.build_search_index(progress)
        except StoreError as error:  # the papers file was damaged under the app: say so, keep going
            post(IndexBuilt(str(error)))
            return
        post(IndexBuilt())

    def on_index_progress(self, message: IndexProgress) -> None:
        self.screen.index_progress = (message.done, message.total)

    def on_index_built(self, message: IndexBuilt) -> None:
        screen = self.screen
        if message.problem is not None:
            screen.problem = report_once(screen, screen.problem, message.problem)
            return
        self.running = False
        freeze_long_lived()
        if not self.library.search_ready:  # rebuilt meanwhile (another process imported): go again
            self.start()
            return
        screen.post_message(IndexReady())
