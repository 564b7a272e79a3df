"""The library as the app sees it: views with live counts, filtered and sorted rows, undoable changes.

Pure Python over the store (no Textual), so the TUI stays thin and all of this is unit-tested directly.
Counts are kept incrementally: a keypress changes one paper and costs O(1) here, not O(library).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from readq.discovery.live import Discovery
from readq.library.counting import digest_views
from readq.library.history import History, ImportStep, StateChanges, Step
from readq.library.records import Record, build_haystacks, carry_search_text
from readq.library.replay import replay
from readq.library.snoozing import back_first, is_snoozed
from readq.library.views import DIGEST, FIXED_VIEWS, NEW, SEARCH, SUGGESTED, TAG, VIEW_TITLES, WATCHED, View
from readq.models import Paper, ParseResult
from readq.query.index import WordIndex, candidate_rows
from readq.query.matching import Query, filter_records, sort_records, view_predicate
from readq.store import Changes, ImportReport, Store
from readq.store.session import last_closed
from readq.text.tags import normalise_tags, tag_key
from readq.user_state import DEFAULT_STATE

if TYPE_CHECKING:
    from readq.citations.keys import KeyFunction
    from readq.citations.styles import Citation
    from readq.discovery.lists import Watch


class Library:
    def __init__(self, store: Store, clock: Callable[[], date] = date.today) -> None:
        self.store = store
        self.clock = clock  # today's date, for snoozes (tests give a fixed one)
        self.today = clock()
        self.history = History()
        self.records: dict[str, Record] = {}
        self._counts: Counter[str] = Counter()
        self._predicates: dict[str, Callable[[Record], bool]] = {v: view_predicate(v) for v in FIXED_VIEWS}
        since = self.last_closed = last_closed(store.data_dir)  # the app's last close: "New since last time"
        self._predicates[NEW] = (lambda r: r.added > since) if since else (lambda r: False)
        self._digests: dict[str, View] = {}
        self._added_order: list[Record] | None = None
        self.search_ready = False
        self.word_index: WordIndex | None = None  # built after the search text; speeds up rare words
        self.generation = 0  # bumped whenever the records are rebuilt
        self._tag_spellings: dict[str, Counter[str]] = {}  # tag key -> how many papers spell it each way
        self.pdf_keys: frozenset[str] = frozenset()  # citation keys with a PDF on disk (readq.library.pdfs)
        self.key_format: KeyFunction | None = None  # the citekey_format setting, compiled; None: readq's own
        self.discovery = Discovery(store, self)  # watches, saved searches, similar papers, suggested order
        self._rebuild()

    # -- building -----------------------------------------------------------------------------------
    def _rebuild(self) -> None:
        """Records for every paper of the catalog, and the counts. O(library) but with no per-paper parsing:
        an untouched paper counts as Inbox/All/unread in each of its digests; only touched papers (those with
        a state) are looked at one by one."""
        store = self.store
        catalog = store.catalog
        load = store.papers.__getitem__
        old = self.records
        self.generation += 1
        self.word_index = None
        ids = catalog.ids
        self.records = records = dict(
            zip(ids, [Record(catalog, row, DEFAULT_STATE, load) for row in range(len(ids))], strict=True)
        )
        self.search_ready = carry_search_text(old, records) and self.search_ready
        self._digests, counts = digest_views(catalog, self.last_closed)
        self._counts = counts
        self._tag_spellings = {}
        self._added_order = None
        self.discovery.rebuilt()
        self.apply_states(
            {pid: (DEFAULT_STATE, state) for pid, state in store.states.items() if pid in records}
        )
        for record in records.values() if self.pdf_keys else ():
            record.has_pdf = record.state.citekey in self.pdf_keys

    def _count(self, record: Record, sign: int) -> None:
        for name, predicate in self._predicates.items():
            if predicate(record):
                self._counts[name] += sign
        left = self._predicates["inbox"](record)  # left to triage: untriaged and not snoozed
        for file in set(record.source_files):
            self._counts[DIGEST + file] += sign
            if left:
                self._counts["left:" + file] += sign
        for tag in record.state.tags:
            key = tag_key(tag)
            self._counts[TAG + key] += sign
            spellings = self._tag_spellings.setdefault(key, Counter())
            spellings[tag] += sign
            if spellings[tag] <= 0:
                del spellings[tag]
        self.discovery.count(record, sign)

    def build_search_index(self, progress: Callable[[int, int], None] | None = None) -> None:
        """Give every record its full search text (the abstracts) in one streamed pass over the papers file.
        Safe to run in a worker thread: it only fills in text."""
        if self.search_ready:
            return
        generation = self.generation
        total = len(self.records)
        todo = [r for r in self.records.values() if not r.has_search_text]
        if todo:
            report = (lambda done: progress(done, total)) if progress is not None else None
            build_haystacks(todo, self.store.docs(), report)
        if generation != self.generation:  # the library was rebuilt meanwhile: start again later
            return
        self.search_ready = True
        index = WordIndex()
        for record in list(self.records.values()):
            index.add(record.row, record.haystack)
        index.freeze()
        if generation == self.generation:
            self.word_index = index

    # -- views --------------------------------------------------------------------------------------
    def views(self) -> list[View]:
        """The fixed views (and Watched, with a watch list), one per digest, one per tag in use (by name),
        then the saved searches."""
        return (
            [View(key, VIEW_TITLES[key]) for key in FIXED_VIEWS]
            + ([View(NEW, VIEW_TITLES[NEW])] if self._counts[NEW] else [])
            + ([View(WATCHED, VIEW_TITLES[WATCHED])] if self.watches else [])
            + list(self._digests.values())
            + self.tag_views()
            + [View(SEARCH + name, name) for name in self.discovery.saved]
        )

    def tag_name(self, key: str) -> str:
        """How a tag is shown: the spelling most papers use (``key`` when no paper has it)."""
        spellings = self._tag_spellings.get(key)
        if not spellings:
            return key
        return min(spellings.items(), key=lambda item: (-item[1], item[0]))[0]

    def tag_views(self) -> list[View]:
        keys = sorted(k for k in self._tag_spellings if self._counts[TAG + k] > 0)
        return [View(TAG + k, "#" + self.tag_name(k)) for k in keys]

    def tags(self) -> list[str]:
        """Every tag in use, most used first (for completion)."""
        keys = sorted(
            (k for k in self._tag_spellings if self._counts[TAG + k] > 0),
            key=lambda k: (-self._counts[TAG + k], k),
        )
        return [self.tag_name(k) for k in keys]

    def view(self, key: str) -> View:
        if key in VIEW_TITLES:
            return View(key, VIEW_TITLES[key])
        if key.startswith(TAG):
            return View(key, "#" + self.tag_name(key[len(TAG) :]))
        if key.startswith(SEARCH):
            return View(key, key[len(SEARCH) :])
        return self._digests.get(key[len(DIGEST) :], View(key, key))

    @property
    def watches(self) -> list[Watch]:
        """The watch list (with one, the Watched view is shown)."""
        return self.discovery.watches

    def count(self, key: str) -> int:
        return self.discovery.watched_count if key == WATCHED else self._counts[key]

    def progress(self, view: View) -> tuple[int, int]:
        """(left to triage, total) for a digest view: left are the papers neither triaged nor snoozed."""
        return self._counts["left:" + view.file], self._counts[view.key]

    def predicate(self, key: str) -> Callable[[Record], bool]:
        if key.startswith(DIGEST):
            file = key[len(DIGEST) :]
            return lambda r: any(f == file for f in r.source_files)
        if key.startswith(TAG):
            name = key[len(TAG) :]
            return lambda r: any(tag_key(t) == name for t in r.state.tags)
        if key == WATCHED:
            return lambda r: r.watched_by is not None and not r.state.read
        if key.startswith(SEARCH):
            query = self.discovery.saved_query(key[len(SEARCH) :])
            return query.matches if query is not None else lambda r: False
        return self._predicates[key]

    def rows(
        self, key: str, sort: str, query: Query | None = None, within: Iterable[Record] | None = None
    ) -> list[Record]:
        """The papers of a view, filtered by ``query``, sorted. ``within``: rows of this view in this order
        (the previous results of a search that the new query narrows) to filter instead of the library."""
        if within is not None:  # narrowing a search: ``within`` is already this view, in this order
            return self._search(query, list(within)) if query is not None else list(within)
        saved = self.discovery.saved_query(key[len(SEARCH) :]) if key.startswith(SEARCH) else None
        if saved is not None and saved.needs_text and not self.search_ready:
            return []  # the caller says that results follow once the abstracts are indexed
        predicate = self.predicate(key)
        scores = self.discovery.scores if sort == SUGGESTED else None
        if sort == "added" or (sort == SUGGESTED and scores is None):  # the usual case / the plain order
            rows = [r for r in self.added_order() if predicate(r)]
            rows = self._search(query, rows) if query is not None else rows
        else:
            rows = [r for r in self.records.values() if predicate(r)]
            if query is not None:
                rows = self._search(query, rows)
            rows = sort_records(rows, sort, scores=scores)
        return back_first(rows, self.today) if key == "inbox" else rows  # back from a snooze: first

    def _search(self, query: Query, rows: list[Record]) -> list[Record]:
        """``filter_records``, looking only at the rows the word index says can match (when it can)."""
        index = self.word_index
        if index is not None and query.needs_text:
            candidates = candidate_rows(index, query.required_words)
            if candidates is not None:  # notes are not in the index: papers with one stay candidates
                rows = [r for r in rows if r.row in candidates or r.state.note]
        return filter_records(query, rows)

    def added_order(self) -> list[Record]:
        """Every record, newest import first and in digest order within an import (cached)."""
        if self._added_order is None:
            columns = self.store.catalog.columns
            added, seq, ids, src = columns["added"], columns["seq"], columns["id"], columns["src"]
            rows = range(len(ids))
            # One command importing several files stamps them with the same second: each file's first
            # arrival number tells them apart (newest file first), as sort_records does.
            batch = [(added[i], s[0] if (s := src[i]) else -1) for i in rows]
            starts: dict[tuple[str, int], int] = {}
            for i in rows:
                starts.setdefault(batch[i], seq[i])
                starts[batch[i]] = min(starts[batch[i]], seq[i])
            start = [starts[b] for b in batch]
            if all(a < b for a, b in pairwise(seq)) and all(added):
                # Rows are in arrival order (the usual case): a stable sort on the import alone keeps
                # arrival order within an import.
                order = sorted(rows, key=lambda i: (added[i], start[i]), reverse=True)
            else:
                dated = sorted(
                    (i for i in rows if added[i]),
                    key=lambda i: (added[i], start[i], -seq[i], ids[i]),
                    reverse=True,
                )
                order = dated + sorted((i for i in rows if not added[i]), key=ids.__getitem__)
            records = self.records
            self._added_order = [records[ids[i]] for i in order]
        return self._added_order

    def in_view(self, key: str, record: Record) -> bool:
        return self.predicate(key)(record)

    # -- changes ------------------------------------------------------------------------------------
    def apply_states(self, changes: StateChanges) -> None:
        """Bring records and counts up to date with state changes already on disk."""
        for pid, (_, after) in changes.items():
            record = self.records.get(pid)
            if record is None:
                continue
            before = record.state
            self._count(record, -1)
            record.set_state(after)
            record.snoozed = is_snoozed(after, self.today)
            self.discovery.state_changed(record, before)
            self._count(record, +1)

    def change(self, label: str, changes: dict[str, dict[str, Any]]) -> Step:
        """Change papers' state on disk, update counts, and record the step for undo."""
        done = self.store.update_states(changes)
        self.apply_states(done)
        step = Step(label, done)
        self.history.push(step)
        return step

    def set_note(self, pid: str, text: str) -> Step:
        """Save a paper's note (cleaned; empty deletes it). The same text again changes and writes nothing."""
        from readq.text.notes import clean_note  # markdown tooling: not needed to start the app

        note = clean_note(text)
        return self.change("delete note" if not note else "edit note", {pid: {"note": note}})

    def set_tags(self, pid: str, tags: Iterable[str]) -> Step:
        """Replace a paper's tags (normalised: no duplicates by case, no control characters)."""
        return self.change("edit tags", {pid: {"tags": normalise_tags(tags)}})

    # -- citing -------------------------------------------------------------------------------------
    def papers_of(self, pids: Iterable[str]) -> list[Paper]:
        """The papers as the user sees them (edits applied), skipping ids no longer in the library."""
        return [self.records[pid].paper for pid in pids if pid in self.records]

    def cite(self, pids: Sequence[str], fmt: str, *, pin: bool = True) -> Citation:
        """Cite papers in ``fmt``. Keyed formats pin the keys they use (not an undoable step: a key once
        given out must not change); ``pin=False`` previews without writing."""
        from readq.citations.pinned import cite_library, needs_pins  # imported when first citing

        papers = self.papers_of(pids)
        if pin and needs_pins(fmt):
            self.pin_keys(papers)
        return cite_library(papers, fmt, self.store.states, self.key_format)

    def pin_keys(self, papers: Sequence[Paper]) -> None:
        """Pin a citation key on each of ``papers`` that has none (not undoable, as in :meth:`cite`)."""
        from readq.citations.pinned import pin_plan

        if papers:
            self.apply_states(
                self.store.update_states_with(lambda states: pin_plan(papers, states, self.key_format))
            )

    # -- imports ------------------------------------------------------------------------------------
    def preview_import(self, result: ParseResult, file: str) -> ImportReport:
        """What importing ``result`` as ``file`` would do; nothing is written."""
        return self.store.import_result(result, file, dry_run=True)

    def reload_records(self) -> None:
        """Records and counts built again after a write outside the history (a JSON export's merge)."""
        self._rebuild()

    def import_result(
        self, result: ParseResult, file: str, label: str | None = None
    ) -> tuple[ImportReport, Step | None]:
        """Import a parsed file in one write and record it as one undoable step (None: nothing changed)."""
        report = self.store.import_result(result, file)
        if not report.written:
            return report, None
        step = Step(
            label or f"import {file}",
            {},
            ImportStep(
                file,
                added=dict(report.added),
                before=dict(report.previous),
                after={pid: self.store.papers[pid] for pid in report.updated},
            ),
        )
        self.history.push(step)
        self._rebuild()
        return report, step

    # -- undo and redo (readq.library.replay) --------------------------------------------------------
    def undo(self) -> Step | None:
        """Revert the last step. When it cannot be saved (StoreError) the history is left as it was."""
        if not self.history.undo_stack:
            return None
        step = self.history.undo_stack[-1]
        reverted = replay(self, step, undo=True)
        self.history.redo_stack.append(self.history.undo_stack.pop())
        return reverted

    def redo(self) -> Step | None:
        """Apply the last undone step again; on a StoreError the history is left as it was."""
        if not self.history.redo_stack:
            return None
        step = self.history.redo_stack[-1]
        redone = replay(self, step, undo=False)
        self.history.undo_stack.append(self.history.redo_stack.pop())
        return redone

    def set_today(self, today: date) -> None:
        """A new day: papers whose snooze ends today come back to the Inbox (and its counts)."""
        if today == self.today:
            return
        self.today = today
        for record in self.records.values():
            if record.state.snoozed and record.snoozed != is_snoozed(record.state, today):
                self._count(record, -1)
                record.snoozed = not record.snoozed
                self._count(record, +1)

    def refresh(self) -> Changes:
        """Pick up other processes' writes (and a new day); returns what changed."""
        self.set_today(self.clock())
        changes = self.store.refresh()
        if changes.lists:
            self.discovery.load_lists()
        if changes.papers:
            self._rebuild()
        elif changes.states:
            records, state = self.records, self.store.state
            self.apply_states(
                {pid: (records[pid].state, state(pid)) for pid in changes.states if pid in records}
            )
        return changes
