"""Undo and redo of one step of the library's history: state changes, an import, or a change of the watch
list and saved searches, written backwards (undo) or forwards again (redo)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from readq.library.history import StateChanges, Step, fields_between

if TYPE_CHECKING:
    from readq.store import Store


class Lists(Protocol):
    def load_lists(self) -> None: ...


class Replayable(Protocol):
    """What a replay needs of the library (:class:`readq.library.service.Library`)."""

    store: Store

    @property
    def discovery(self) -> Lists: ...
    def reload_records(self) -> None: ...
    def apply_states(self, changes: StateChanges) -> None: ...


def replay(library: Replayable, step: Step, *, undo: bool) -> Step:
    """Write ``step`` backwards (``undo``) or forwards; returns what was done (for state changes, only the
    papers that really changed). Raises StoreError when it cannot be saved (nothing is then changed)."""
    store = library.store
    if step.lists is not None:
        store.put_list_rows(step.lists.before if undo else step.lists.after)
        library.discovery.load_lists()
        return step
    if step.imported is not None:
        if undo:
            # The user's state of the removed papers stays in the state file: a redo (or importing the
            # same file again) brings the papers back with their marks.
            store.restore_papers(step.imported.added, step.imported.before)
        else:
            store.reapply_import(step.imported.added, step.imported.after)
        library.reload_records()
        return step
    fields = {
        pid: fields_between(before, after) if undo else fields_between(after, before)
        for pid, (before, after) in step.changes.items()
    }
    done = store.update_states({pid: f for pid, f in fields.items() if f})
    library.apply_states(done)
    return Step(step.label, done)
