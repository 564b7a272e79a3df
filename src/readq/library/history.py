"""Undo and redo: the steps of user actions (state changes and imports) and their stacks."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from readq.models import Paper
from readq.user_state import STATE_FIELDS, PaperState

StateChanges = dict[str, tuple[PaperState, PaperState]]


@dataclass(frozen=True)
class ImportStep:
    """What one import did to the papers file: the papers it added and those it changed (before, after)."""

    file: str
    added: dict[str, Paper]
    before: dict[str, Paper]
    after: dict[str, Paper]


@dataclass(frozen=True)
class ListsStep:
    """What a change of the watch list or the saved searches did: their stored rows before and after."""

    before: dict[str, list[dict[str, Any]]]
    after: dict[str, list[dict[str, Any]]]


@dataclass(frozen=True)
class Step:
    """One undoable user action: every paper whose state it changed (before and after), an import, or a
    change of the watch list or saved searches."""

    label: str
    changes: StateChanges
    imported: ImportStep | None = None
    lists: ListsStep | None = None

    @property
    def papers(self) -> list[str]:
        """The ids of the papers the step touched."""
        if self.imported is not None:
            return [*self.imported.added, *self.imported.after]
        return list(self.changes)


@dataclass
class History:
    """Undo and redo stacks of steps; survives view switches because it lives beside the library."""

    limit: int = 500
    undo_stack: list[Step] = field(default_factory=list)
    redo_stack: list[Step] = field(default_factory=list)

    def push(self, step: Step) -> None:
        if not step.changes and step.imported is None and step.lists is None:
            return
        self.undo_stack.append(step)
        del self.undo_stack[: -self.limit]
        self.redo_stack.clear()


def describe_import_step(step: Step, verb: str) -> str:
    """ "3 papers removed, 1 put back as it was" (undo) or "3 papers added again, 1 updated again" (redo)."""
    imported = step.imported
    if imported is None:
        return ""
    added, changed = len(imported.added), len(imported.after)
    parts = []
    if verb == "undo":
        if added:
            parts.append(f"{added} paper{'s' if added != 1 else ''} removed")
        if changed:
            parts.append(f"{changed} put back as {'they were' if changed != 1 else 'it was'}")
    else:
        if added:
            parts.append(f"{added} paper{'s' if added != 1 else ''} added again")
        if changed:
            parts.append(f"{changed} updated again")
    return ", ".join(parts) or "nothing to change"


def fields_between(before: PaperState, after: PaperState) -> dict[str, Any]:
    """The fields to set to turn ``after`` back into ``before`` (timestamps included)."""
    return {
        name: getattr(before, name) for name in STATE_FIELDS if getattr(before, name) != getattr(after, name)
    }
