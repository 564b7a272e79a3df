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

from readq.discovery.ranking import NeedsMore, Ranking
from readq.discovery.similar import TextIndex
from readq.library.views import SUGGESTED
from readq.query.matching import Record
from readq.tui.main.base import MainBase, freeze_long_lived
from readq.tui.screens.discovery_dialogs import SimilarScreen

SIMILAR = 10


class SimilarActions(MainBase):
    _building_index = False
    _learning = False
    _similar_screen: SimilarScreen | None = None
    _similar_for: str | None = None
    _child: subprocess.Popen[str] | None = None
    _closing = False

    def on_unmount(self) -> None:
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
        self.call_after_refresh(self._show_similar)

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
        for i, record in enumerate(self.papers.rows):
            if record.pid == pid:
                self.papers.focus()
                if self.papers.move_to(i):
                    self.show_current()
                return
        if self.query_text:
            self.action_clear_search()
        self.view_key = "all"
        self.load_view(keep=pid)
        self.papers.focus()

    # -- the index --------------------------------------------------------------------------------------
    def start_text_index(self) -> None:
        if self._building_index:
            return
        self._building_index = True
        self.run_worker(self._build_text_index, thread=True, exclusive=True, group="text-index")

    def _build_text_index(self) -> None:
        def progress(done: int, total: int) -> None:
            self.app.call_from_thread(self._text_index_progress, done, total)

        library = self.library
        index = library.discovery.cached_text_index()
        if index is None and self._build_in_child(progress):
            index = library.discovery.cached_text_index()
        if self._closing:
            return
        if index is None:  # the child failed, or the papers changed meanwhile: here, in this thread
            index = library.discovery.compute_text_index(progress)
        self.app.call_from_thread(self._text_index_done, index)

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

    def _text_index_progress(self, done: int, total: int) -> None:
        if self._similar_screen is not None and self._similar_screen.is_mounted:
            self._similar_screen.set_progress(done, total)

    def _text_index_done(self, index: TextIndex) -> None:
        self._building_index = False
        if index.stamp != self.library.store.catalog.stamp:  # the papers changed meanwhile: build again
            self.start_text_index()
            return
        self.library.discovery.set_text_index(index)
        freeze_long_lived()
        self._show_similar()
        self.background_tick()

    # -- the suggested order ------------------------------------------------------------------------------
    def background_tick(self) -> None:
        super().background_tick()
        self.maybe_learn()

    def maybe_learn(self) -> None:
        """Learn the suggested order in a worker when a view is sorted by it and it is stale."""
        library = self.library
        if self._learning or SUGGESTED not in self.sorts.values() or not library.discovery.ranking_stale:
            return
        if not library.discovery.enough_decisions and not isinstance(library.discovery.ranking, Ranking):
            return  # the status line says how many decisions are missing; the plain order applies
        if not library.discovery.index_ready:
            self.start_text_index()
            return
        self._learning = True
        self.run_worker(self._learn, thread=True, exclusive=True, group="ranking")

    def _learn(self) -> None:
        decisions, ranking = self.library.discovery.compute_ranking()
        self.app.call_from_thread(self._learned, decisions, ranking)

    def _learned(self, decisions: int, ranking: Ranking | NeedsMore) -> None:
        self._learning = False
        first = self.library.discovery.scores is None
        self.library.discovery.set_ranking(decisions, ranking)
        if self.sort == SUGGESTED:
            self.load_view()
        if first and isinstance(ranking, Ranking):
            self.notify(
                f"Suggested order learned from {ranking.positives} kept and {ranking.negatives} skipped "
                "papers, on this machine. It learns again as you triage.",
                timeout=5,
            )

    def detail_reason(self, record: object) -> str | None:
        ranking = self.library.discovery.ranking
        if self.sort != SUGGESTED or not isinstance(ranking, Ranking) or not isinstance(record, Record):
            return None
        reason = ranking.why(record.pid)
        return reason.text() if reason is not None else None
