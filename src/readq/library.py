"""The library as the app sees it: views with live counts, filtered and sorted rows, undoable changes.

Pure Python over the store (no Textual), so the TUI stays thin and all of this is unit-tested directly.
Counts are kept incrementally: a keypress changes one paper and costs O(1) here, not O(library).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from readq.models import STATE_FIELDS, PaperState
from readq.notes import clean_note
from readq.query import Query, Record, filter_records, sort_records, view_predicate
from readq.render import digest_label
from readq.store import Changes, Store
from readq.tags import normalise_tags, tag_key

FIXED_VIEWS = ("inbox", "queue", "read", "all")
VIEW_TITLES = {"inbox": "Inbox", "queue": "Queue", "read": "Read", "all": "All"}
DEFAULT_SORT = {"queue": "priority"}
DIGEST = "digest:"
TAG = "tag:"

StateChanges = dict[str, tuple[PaperState, PaperState]]


@dataclass(frozen=True)
class View:
    key: str
    title: str
    digest_date: str | None = None

    @property
    def is_digest(self) -> bool:
        return self.key.startswith(DIGEST)

    @property
    def file(self) -> str:
        return self.key[len(DIGEST) :]

    @property
    def is_tag(self) -> bool:
        return self.key.startswith(TAG)


@dataclass(frozen=True)
class Step:
    """One undoable user action: every paper it changed, before and after."""

    label: str
    changes: StateChanges


@dataclass
class History:
    """Undo and redo stacks of steps; survives view switches because it lives beside the library."""

    limit: int = 500
    undo_stack: list[Step] = field(default_factory=list)
    redo_stack: list[Step] = field(default_factory=list)

    def push(self, step: Step) -> None:
        if not step.changes:
            return
        self.undo_stack.append(step)
        del self.undo_stack[: -self.limit]
        self.redo_stack.clear()


def fields_between(before: PaperState, after: PaperState) -> dict[str, Any]:
    """The fields to set to turn ``after`` back into ``before`` (timestamps included)."""
    return {
        name: getattr(before, name) for name in STATE_FIELDS if getattr(before, name) != getattr(after, name)
    }


class Library:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.history = History()
        self.records: dict[str, Record] = {}
        self._counts: Counter[str] = Counter()
        self._predicates: dict[str, Callable[[Record], bool]] = {v: view_predicate(v) for v in FIXED_VIEWS}
        self._digests: dict[str, View] = {}
        self._tag_spellings: dict[str, Counter[str]] = {}  # tag key -> how many papers spell it each way
        self._rebuild()

    # -- building -----------------------------------------------------------------------------------
    def _rebuild(self) -> None:
        store = self.store
        self.records = {pid: Record.build(paper, store.state(pid)) for pid, paper in store.papers.items()}
        digests: dict[str, View] = {}
        for paper in store.papers.values():
            for source in paper.sources:
                if source.file not in digests:
                    digests[source.file] = View(DIGEST + source.file, digest_label(source.file), source.date)
        self._digests = dict(sorted(digests.items()))
        self._counts = Counter()
        self._tag_spellings = {}
        for record in self.records.values():
            self._count(record, +1)

    def _count(self, record: Record, sign: int) -> None:
        for name, predicate in self._predicates.items():
            if predicate(record):
                self._counts[name] += sign
        unread = not record.state.read
        for source in record.paper.sources:
            self._counts[DIGEST + source.file] += sign
            if unread:
                self._counts["left:" + source.file] += sign
        for tag in record.state.tags:
            key = tag_key(tag)
            self._counts[TAG + key] += sign
            spellings = self._tag_spellings.setdefault(key, Counter())
            spellings[tag] += sign
            if spellings[tag] <= 0:
                del spellings[tag]

    # -- views --------------------------------------------------------------------------------------
    def views(self) -> list[View]:
        """The fixed views, one per digest, then one per tag in use (by name)."""
        return (
            [View(key, VIEW_TITLES[key]) for key in FIXED_VIEWS]
            + list(self._digests.values())
            + self.tag_views()
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
        return self._digests.get(key[len(DIGEST) :], View(key, key))

    def count(self, key: str) -> int:
        return self._counts[key]

    def progress(self, view: View) -> tuple[int, int]:
        """(left unread, total) for a digest view."""
        return self._counts["left:" + view.file], self._counts[view.key]

    def predicate(self, key: str) -> Callable[[Record], bool]:
        if key.startswith(DIGEST):
            file = key[len(DIGEST) :]
            return lambda r: any(s.file == file for s in r.paper.sources)
        if key.startswith(TAG):
            name = key[len(TAG) :]
            return lambda r: any(tag_key(t) == name for t in r.state.tags)
        return self._predicates[key]

    def rows(
        self, key: str, sort: str, query: Query | None = None, within: Iterable[Record] | None = None
    ) -> list[Record]:
        """The papers of a view, filtered by ``query`` (optionally only among ``within``), sorted."""
        predicate = self.predicate(key)
        pool = self.records.values() if within is None else within
        rows = [r for r in pool if predicate(r)]
        if query is not None:
            rows = filter_records(query, rows)
        return sort_records(rows, sort)

    def in_view(self, key: str, record: Record) -> bool:
        return self.predicate(key)(record)

    # -- changes ------------------------------------------------------------------------------------
    def apply_states(self, changes: StateChanges) -> None:
        """Bring records and counts up to date with state changes already on disk."""
        for pid, (_, after) in changes.items():
            record = self.records.get(pid)
            if record is None:
                continue
            self._count(record, -1)
            record.state = after
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
        note = clean_note(text)
        return self.change("delete note" if not note else "edit note", {pid: {"note": note}})

    def set_tags(self, pid: str, tags: Iterable[str]) -> Step:
        """Replace a paper's tags (normalised: no duplicates by case, no control characters)."""
        return self.change("edit tags", {pid: {"tags": normalise_tags(tags)}})

    def _revert(self, step: Step) -> Step:
        fields = {pid: fields_between(before, after) for pid, (before, after) in step.changes.items()}
        done = self.store.update_states({pid: f for pid, f in fields.items() if f})
        self.apply_states(done)
        return Step(step.label, done)

    def undo(self) -> Step | None:
        if not self.history.undo_stack:
            return None
        step = self.history.undo_stack.pop()
        reverted = self._revert(step)
        self.history.redo_stack.append(step)
        return reverted

    def redo(self) -> Step | None:
        if not self.history.redo_stack:
            return None
        step = self.history.redo_stack.pop()
        redone_fields = {pid: fields_between(after, before) for pid, (before, after) in step.changes.items()}
        done = self.store.update_states({pid: f for pid, f in redone_fields.items() if f})
        self.apply_states(done)
        self.history.undo_stack.append(step)
        return Step(step.label, done)

    def refresh(self) -> Changes:
        """Pick up other processes' writes; returns what changed."""
        changes = self.store.refresh()
        if changes.papers:
            self._rebuild()
        elif changes.states:
            self.apply_states(
                {
                    pid: (self.records[pid].state, self.store.state(pid))
                    for pid in changes.states
                    if pid in self.records
                }
            )
        return changes
