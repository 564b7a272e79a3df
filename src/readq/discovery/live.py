"""The library's discovery state, kept live like its other counts: which papers are watched, how many papers
each saved search finds, the similarity index and the suggested order.

:class:`Discovery` is owned by :class:`readq.library.service.Library` (``library.discovery``) and reads the
library's records through the small :class:`Catalogue` protocol, so this lower layer never imports the
library. What costs a pass over the library
(matching the watch list, counting saved searches, building the index, training) is split in two: a
``compute_*`` method that only reads and may run in a worker thread, and a ``set_*`` method for the main
thread that takes the result unless the library changed meanwhile (then the caller computes again). A
keypress only adjusts counts for the paper it changed: O(watches + saved searches), never O(library).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from readq.discovery.lists import Watch, first_watch, load_watches, match_watches
from readq.discovery.ranking import MIN_EACH, NeedsMore, Ranking, label_of, train
from readq.query.language import And, Field, Node, Not, Or
from readq.query.matching import Query, QueryError, filter_records, parse_query
from readq.user_state import PaperState

if TYPE_CHECKING:
    from readq.discovery.similar import TextIndex
    from readq.library.records import Record
    from readq.store import Store

RETRAIN_EVERY = 5  # new decisions before the suggested order is learned again


def uses_watched(node: Node) -> bool:
    if isinstance(node, Field):
        return node.name == "is" and node.value == "watched"
    if isinstance(node, Not):
        return uses_watched(node.child)
    if isinstance(node, And | Or):
        return any(uses_watched(child) for child in node.children)
    return False


@dataclass(frozen=True)
class Snapshot:
    """What a worker's result was computed from: stale once either number moved."""

    generation: int
    serial: int


class Catalogue(Protocol):
    """What discovery reads of the library that owns it (the records are made anew by every import)."""

    records: dict[str, Record]
    search_ready: bool
    generation: int


class Discovery:
    """Watches, saved searches, the similarity index and the suggested order of one library."""

    def __init__(self, store: Store, library: Catalogue) -> None:
        self.store = store
        self.library = library
        self.watched_count = 0  # unread watched papers (the Watched view)
        self.kept = self.skipped = 0  # decisions so far (papers labelled kept / skipped), counted live
        self.watches: list[Watch] = []
        self.saved: dict[str, Query | None] = {}  # name -> query (None: it no longer parses)
        self.saved_text: dict[str, str] = {}
        self.watch_ready = True  # watched flags and the Watched count are up to date
        self._search_counts: dict[str, int] | None = None
        self.serial = 0  # bumped by every state change: a worker's counts are stale when it moved
        self.decisions = 0  # bumped whenever a paper's label (kept / skipped / none) changes
        self.text_index: TextIndex | None = None
        self.ranking: Ranking | NeedsMore | None = None
        self._ranked_at: tuple[int, object] = (-1, None)  # (decisions, index) the ranking was learned from
        self.load_lists()

    @property
    def records(self) -> dict[str, Record]:
        return self.library.records

    def snapshot(self) -> Snapshot:
        return Snapshot(self.library.generation, self.serial)

    def current(self, snapshot: Snapshot) -> bool:
        return snapshot == self.snapshot()

    # -- the lists ----------------------------------------------------------------------------------
    def load_lists(self) -> None:
        """Read the watch list and saved searches (at start and when another process changed them)."""
        watches = load_watches(self.store.watches)
        if [w.key for w in watches] != [w.key for w in self.watches]:
            self.watches = watches
            self.watch_ready = not watches
            if not watches:
                self.set_watched({}, self.snapshot())
            if self._watch_searches():
                self._search_counts = None  # they use is:watched: counted again once
        saved = self.store.saved_searches
        if saved != self.saved_text:
            self.saved_text = dict(saved)
            self.saved = {}
            for name, text in saved.items():
                try:
                    self.saved[name] = parse_query(text)
                except QueryError:
                    self.saved[name] = None
            self._search_counts = None

    def add_watch(self, watch: Watch) -> bool:
        """Watch ``watch`` (on disk at once); False when it was already watched."""
        added = self.store.add_watch(watch.term, watch.key)
        self.load_lists()
        return added

    def remove_watch(self, key: str) -> bool:
        removed = self.store.remove_watch(key)
        self.load_lists()
        return removed

    def save_search(self, name: str, text: str) -> bool:
        """Save (or replace) a search; the query must parse. False when it was already saved as it is."""
        parse_query(text)
        written = self.store.save_search(name, text)
        self.load_lists()
        return written

    def remove_search(self, name: str) -> bool:
        removed = self.store.remove_search(name)
        self.load_lists()
        return removed

    @property
    def lists_ready(self) -> bool:
        return self.watch_ready and (self._search_counts is not None or not self.saved)

    @property
    def lists_need_text(self) -> bool:
        """True when matching the watches or counting the saved searches reads abstracts."""
        return any(w.needs_text for w in self.watches) or any(
            q is not None and q.needs_text for q in self.saved.values()
        )

    def compute_lists(self) -> tuple[Snapshot, dict[str, int], dict[str, int]]:
        """Match the watch list and count every saved search: one filter pass each over the library (run it
        in a worker; with text watches or searches, after the search index). Reads only."""
        snapshot = self.snapshot()
        records = list(self.records.values())
        watched = match_watches(self.watches, records)
        counts = {
            name: len(filter_records(query, records)) if query is not None else 0
            for name, query in self.saved.items()
        }
        return snapshot, watched, counts

    def set_lists(self, snapshot: Snapshot, watched: dict[str, int], counts: dict[str, int]) -> bool:
        """Take :meth:`compute_lists`'s result unless the library changed meanwhile (False: compute
        again)."""
        if not self.current(snapshot) or set(counts) != set(self.saved):
            return False
        before = {pid for pid, r in self.records.items() if r.watched_by is not None}
        self.set_watched(watched, snapshot)
        if before != set(watched) and self._watch_searches():
            return False  # the counts of is:watched searches were taken with the old flags: count again
        self._search_counts = dict(counts)
        return True

    def _watch_searches(self) -> bool:
        """True when a saved search uses ``is:watched`` (its count depends on the watch list)."""
        return any(q is not None and uses_watched(q.node) for q in self.saved.values())

    def set_watched(self, watched: dict[str, int], snapshot: Snapshot) -> None:
        """Flag the watched papers and count the Watched view (one pass, when the watch list changed)."""
        if not self.current(snapshot):
            return
        labels = [w.label for w in self.watches]
        count = 0
        for pid, record in self.records.items():
            index = watched.get(pid)
            record.watched_by = labels[index] if index is not None and index < len(labels) else None
            count += record.watched_by is not None and not record.state.read
        self.watched_count = count
        self.watch_ready = True

    def search_count(self, name: str) -> int | None:
        """How many papers the saved search finds (None until counted)."""
        if self._search_counts is None:
            return None
        return self._search_counts.get(name, 0)

    def saved_query(self, name: str) -> Query | None:
        return self.saved.get(name)

    # -- per change: O(watches + saved searches) ------------------------------------------------------
    def count(self, record: Record, sign: int) -> None:
        state = record.state
        if record.watched_by is not None and not state.read:
            self.watched_count += sign
        label = label_of(state)
        if label is not None:
            if label:
                self.kept += sign
            else:
                self.skipped += sign
        counts = self._search_counts
        if counts is not None:
            for name, query in self.saved.items():
                if query is not None and query.matches(record):
                    counts[name] += sign

    def state_changed(self, record: Record, before: PaperState) -> None:
        """Called between a record's uncount and recount when its state changed."""
        self.serial += 1
        after = record.state
        if self.watches and self.watch_ready and before.edits != after.edits:  # corrected authors
            index = first_watch(self.watches, record)
            record.watched_by = self.watches[index].label if index is not None else None
        if label_of(before) != label_of(after):
            self.decisions += 1

    def rebuilt(self) -> None:
        """The records were made anew (an import, an undone import): everything is computed again (the
        owner counts every paper's state again, through :meth:`count`)."""
        self.watch_ready = not self.watches
        self._search_counts = None
        self.watched_count = self.kept = self.skipped = 0

    # -- similar papers ---------------------------------------------------------------------------------
    def _texts(self) -> Iterator[tuple[str, str]]:
        """Every paper's title and abstract: from the search text when built, else streamed from the store."""
        if self.library.search_ready:
            for pid, record in list(self.records.items()):
                haystack = record.haystack
                yield pid, f"{record.title_cf}\n{haystack[record.abstract_at :]}"
            return
        ids = self.store.catalog.ids
        for row, doc in self.store.docs():
            yield ids[row], f"{doc.get('title', '')}\n{doc.get('abstract', '')}"

    @property
    def index_ready(self) -> bool:
        index = self.text_index
        return index is not None and index.stamp == self.store.catalog.stamp

    def compute_text_index(self, progress: Callable[[int, int], None] | None = None) -> TextIndex:
        """The similarity index: the cached one when the papers did not change; else the cached (or held)
        one updated with the new and changed papers (after an import: a stream of the papers file and the
        new papers weighed); else built (seconds at 100k papers). Run it in a worker; it reads only, and
        :meth:`set_text_index` keeps the result. The result is cached in the platform's cache dir."""
        from readq.discovery.similar import CACHE_FILE, build_index, load_index, save_index, update_index
        from readq.store.caches import library_cache_dir

        stamp = self.store.catalog.stamp
        path = library_cache_dir(self.store.data_dir) / CACHE_FILE
        (self.store.data_dir / CACHE_FILE).unlink(missing_ok=True)  # where older versions kept it
        cached = self.cached_text_index()
        if cached is not None:
            return cached
        held = self.text_index
        total = len(self.store.catalog.ids)
        report = (lambda done: progress(done, total)) if progress is not None else None
        old = held or load_index(path, None, stale=True)
        index = update_index(old, self._texts(), stamp=stamp) if old is not None else None
        if index is None:
            index = build_index(self._texts(), total, stamp=stamp, progress=report)
        if stamp is not None and stamp == self.store.catalog.stamp:
            with contextlib.suppress(OSError):  # a cache that cannot be written only costs a rebuild
                save_index(index, path)
        return index

    def cached_text_index(self) -> TextIndex | None:
        """The index of the papers as they are now, if one is held or cached (cheap: no papers are read)."""
        from readq.discovery.similar import CACHE_FILE, load_index
        from readq.store.caches import library_cache_dir

        stamp = self.store.catalog.stamp
        held = self.text_index
        if held is not None and stamp is not None and held.stamp == stamp:
            return held
        return load_index(library_cache_dir(self.store.data_dir) / CACHE_FILE, stamp)

    def set_text_index(self, index: TextIndex) -> None:
        self.text_index = index

    def similar(self, pid: str, n: int = 10) -> list[tuple[Record, float]]:
        """The ``n`` papers most like ``pid`` (needs the index: :meth:`compute_text_index`)."""
        from readq.discovery.similar import similar

        if self.text_index is None:
            return []
        found = similar(self.text_index, pid, n)
        return [(self.records[p], score) for p, score in found if p in self.records]

    # -- the suggested order ----------------------------------------------------------------------------
    @property
    def label_counts(self) -> tuple[int, int]:
        """(kept, skipped) decisions so far, counted live."""
        return self.kept, self.skipped

    @property
    def enough_decisions(self) -> bool:
        kept, skipped = self.label_counts
        return kept >= MIN_EACH and skipped >= MIN_EACH

    @property
    def ranking_stale(self) -> bool:
        """True when the suggested order should be learned again: never learned, the papers changed,
        :data:`RETRAIN_EVERY` decisions were taken since, or enough decisions arrived to learn at all."""
        if self.ranking is None or not self.index_ready:
            return True
        decisions, index = self._ranked_at
        if index is not self.text_index:
            return True
        if isinstance(self.ranking, NeedsMore):
            return self.enough_decisions and self.decisions != decisions
        return self.decisions - decisions >= RETRAIN_EVERY

    def compute_ranking(self) -> tuple[int, Ranking | NeedsMore]:
        """Learn the suggested order from the decisions so far (needs the index): the decision counter it
        started from, and the ranking. Reads only."""
        index = self.text_index
        decisions = self.decisions
        records = list(self.records.values())
        labels = {r.pid: label for r in records if (label := label_of(r.state)) is not None}
        if index is None:
            kept = sum(labels.values())
            return decisions, NeedsMore(kept, len(labels) - kept)
        authors = {r.pid: r.authors for r in records}
        watched = {r.pid for r in records if r.watched_by is not None}
        seen = {r.pid: r.n_sources for r in records}
        return decisions, train(index, labels, authors, watched, seen, decisions)

    def set_ranking(self, decisions: int, ranking: Ranking | NeedsMore) -> None:
        """Keep a ranking learned when the decision counter stood at ``decisions``."""
        self.ranking = ranking
        self._ranked_at = (decisions, self.text_index)

    @property
    def scores(self) -> dict[str, float] | None:
        """The suggested order's scores, or None when there is no model (the plain order applies)."""
        ranking = self.ranking
        return ranking.scores if isinstance(ranking, Ranking) else None

    def ranking_note(self, *, short: bool = False) -> str | None:
        """What to say about the suggested order while it cannot be used (None: it can); ``short`` for a
        status line."""
        if self.scores is not None:
            return None
        if not self.enough_decisions:
            needs = NeedsMore(*self.label_counts)
            return needs.short if short else needs.message
        return "learning from your triage… plain order meanwhile"
