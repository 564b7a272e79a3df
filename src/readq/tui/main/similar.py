"""Similar papers (``R``) and the suggested order (the ``suggested`` sort).

Both need the similarity index (TF-IDF over titles and abstracts), which is loaded from its cache or built in
a thread worker the first time either is asked for — never at start-up. The suggested order is learned in a
worker too: when the sort is first chosen, and again after every few decisions (see
:data:`readq.discovery.live.RETRAIN_EVERY`).
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from readq.discovery.ranking import Ranking
from readq.library.records import Record
from readq.library.views import SUGGESTED
from readq.tui.main.feature import Feature
from readq.tui.main.indexing import freeze_long_lived
from readq.tui.main.messages import Polled, RankingLearned, TextIndexBuilt, TextIndexProgress, ViewLoaded
from readq.tui.screens.discovery_dialogs import SimilarScreen

if TYPE_CHECKING:
    from readq.tui.main.screen import MainScreen

SIMILAR = 10


class Similar(Feature):
    name = "similar"

    def __init__(self, screen: MainScreen) -> None:
        super().__init__(screen)
        self._building_index = False
        self._learning = False
        self._similar_screen: SimilarScreen | None = None
        self._similar_for: str | None = None
        self._child: subprocess.Popen[str] | None = None
        self._closing = False

    def stop(self) -> None:
        """Quitting stops an index build in progress (its cache is written only when complete)."""
        self._closing = True
        if self._child is not None and self._child.poll() is None:
            self._child.kill()

    # -- similar papers -------------------------------------------------------------------------------
    def action_similar(self) -> None:
        record = self.papers.current
        if record is None:
            self.notify("No paper here.", timeout=2)
            return
        screen = SimilarScreen(record.title)
        self._similar_screen, self._similar_for = screen, record.pid

        def done(pid: str | None) -> None:
            self._similar_screen = None
            if pid is not None:
                self.go_to_paper(pid)

        self.app.push_screen(screen, done)
        self.screen.call_after_refresh(self._show_similar)

    def _show_similar(self) -> None:
        screen, pid = self._similar_screen, self._similar_for
        if screen is None or pid is None or not screen.is_mounted:
            return
        if not self.library.discovery.index_ready:
            self.start_text_index()
            return
        screen.set_results(self.library.discovery.similar(pid, SIMILAR))

    def go_to_paper(self, pid: str) -> None:
        """Put the cursor on ``pid``: in this view if it is there, else in All without the search."""
        screen = self.screen
        for i, record in enumerate(self.papers.rows):
            if record.pid == pid:
                self.papers.focus()
                if self.papers.move_to(i):
                    screen.show_current()
                return
        if screen.query_text:
            screen.search.clear()
        screen.view_key = "all"
        screen.load_view(keep=pid)
        self.papers.focus()

    # -- the index --------------------------------------------------------------------------------------
    def start_text_index(self) -> None:
        if self._building_index:
            return
        self._building_index = True
        self.screen.run_worker(self._build_text_index, thread=True, exclusive=True, group="text-index")

    def _build_text_index(self) -> None:  # in a worker thread
        post = self.screen.post_message

        def progress(done: int, total: int) -> None:
            post(TextIndexProgress(done, total))

        library = self.library
        index = library.discovery.cached_text_index()
        if index is None and self._build_in_child(progress):
            index = library.discovery.cached_text_index()
        if self._closing:
            return
        if index is None:  # the child failed, or the papers changed meanwhile: here, in this thread
            index = library.discovery.compute_text_index(progress)
        post(TextIndexBuilt(index))

    def _build_in_child(self, progress: Callable[[int, int], None]) -> bool:
        """Build the index in a process of its own (see readq.discovery.build); True when it finished."""
        command = [sys.executable, "-m", "readq.discovery.build", str(self.library.store.data_dir)]
        try:
            with subprocess.Popen(
                command,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                stdin=subprocess.DEVNULL,
                text=True,
            ) as child:
                self._child = child  # so that quitting kills it (on_unmount)
                assert child.stdout is not None
                for line in child.stdout:
                    parts = line.split()
                    if len(parts) == 3 and parts[0] == "progress":
                        progress(int(parts[1]), int(parts[2]))
            return child.returncode == 0
        except (OSError, ValueError):
            return False
        finally:
            self._child = None

    def on_text_index_progress(self, message: TextIndexProgress) -> None:
        if self._similar_screen is not None and self._similar_screen.is_mounted:
            self._similar_screen.set_progress(message.done, message.total)

    def on_text_index_built(self, message: TextIndexBuilt) -> None:
        index = message.index
        self._building_index = False
        if index.stamp != self.library.store.catalog.stamp:  # the papers changed meanwhile: build again
            self.start_text_index()
            return
        self.library.discovery.set_text_index(index)
        freeze_long_lived()
        self._show_similar()
        self.maybe_learn()

    # -- the suggested order ------------------------------------------------------------------------------
    def on_view_loaded(self, message: ViewLoaded | Polled) -> None:
        self.maybe_learn()

    on_polled = on_view_loaded

    def maybe_learn(self) -> None:
        """Learn the suggested order in a worker when a view is sorted by it and it is stale."""
        discovery = self.library.discovery
        if self._learning or SUGGESTED not in self.screen.sorts.values() or not discovery.ranking_stale:
            return
        if not discovery.enough_decisions and not isinstance(discovery.ranking, Ranking):
            return  # the status line says how many decisions are missing; the plain order applies
        if not discovery.index_ready:
            self.start_text_index()
            return
        self._learning = True
        self.screen.run_worker(self._learn, thread=True, exclusive=True, group="ranking")

    def _learn(self) -> None:  # in a worker thread
        self.screen.post_message(RankingLearned(*self.library.discovery.compute_ranking()))

    def on_ranking_learned(self, message: RankingLearned) -> None:
        decisions, ranking = message.decisions, message.ranking
        self._learning = False
        first = self.library.discovery.scores is None
        self.library.discovery.set_ranking(decisions, ranking)
        if self.screen.sort == SUGGESTED:
            self.screen.load_view()
        if first and isinstance(ranking, Ranking):
            self.notify(
                f"Suggested order learned from {ranking.positives} kept and {ranking.negatives} skipped "
                "papers, on this machine. It learns again as you triage.",
                timeout=5,
            )

    def reason(self, record: Record) -> str | None:
        """Why the suggested order placed ``record`` where it is (for the detail pane), when sorted by it."""
        ranking = self.library.discovery.ranking
        if self.screen.sort != SUGGESTED or not isinstance(ranking, Ranking):
            return None
        reason = ranking.why(record.pid)
        return reason.text() if reason is not None else None
