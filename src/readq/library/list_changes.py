"""Changes of the watch list and the saved searches as undoable steps of the library's history: take the
rows before a change (:func:`lists_before`), then record the step (:func:`record_lists`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from readq.library.history import ListsStep, Step

if TYPE_CHECKING:
    from readq.library.service import Library

Rows = dict[str, list[dict[str, Any]]]


def lists_before(library: Library) -> Rows:
    """The watch list's and saved searches' rows before a change."""
    return library.store.list_rows()


def record_lists(library: Library, before: Rows, label: str) -> Step | None:
    """Record what changed since ``before`` as one undoable step (None when nothing did)."""
    after = library.store.list_rows()
    if after == before:
        return None
    step = Step(label, {}, lists=ListsStep(before, after))
    library.history.push(step)
    return step
