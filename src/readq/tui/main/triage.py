"""Triage: read, priority, mark-all-read, undo and redo."""

from __future__ import annotations

from collections.abc import Container, Sequence

from readq.library.history import Step, describe_import_step
from readq.store import StoreError
from readq.text.labels import plural
from readq.tui.main.feature import Feature
from readq.tui.main.messages import LibraryChanged
from readq.tui.problems import not_saved
from readq.tui.screens.dialogs import ConfirmScreen


def nearest_kept(pids: Sequence[str], at: int, kept: Container[str]) -> str | None:
    """The paper nearest row ``at`` of ``pids`` that is still in ``kept`` (the one at ``at``, else the next
    below, else above): where the cursor goes when an undone import takes papers away."""
    for distance in range(len(pids)):
        for i in (at + distance, at - distance):
            if 0 <= i < len(pids) and pids[i] in kept:
                return pids[i]
    return None


class Triage(Feature):
    name = "triage"

    def action_toggle_read(self) -> None:
        record = self.papers.current
        if record is None:
            return
        read = not record.state.read
        if self.screen.change("mark read" if read else "mark unread", {record.pid: {"read": read}}):
            self.screen.after_single_change()

    def action_priority(self, priority: int) -> None:
        record = self.papers.current
        if record is None:
            return
        if self.screen.change(f"priority {priority}", {record.pid: {"priority": priority}}):
            self.screen.after_single_change()

    def action_mark_all_read(self) -> None:
        """``x``: mark the view read, or only the marked papers when some are marked (as ``y`` and ``e``)."""
        screen = self.screen
        if screen.marked:
            self._mark_marked_read()
            return
        unread = [r.pid for r in self.papers.rows if not r.state.read]
        view = self.library.view(screen.view_key).title
        if not unread:
            self.notify(f"Everything in {view} is already read.", timeout=3)
            return
        where = f"{view} (search: {screen.query_text})" if screen.query_text else view

        def answer(yes: bool | None) -> None:
            if yes and screen.change(f"mark {len(unread)} read", {pid: {"read": True} for pid in unread}):
                screen.load_view(index=0)
                self.notify(f"Marked {plural(len(unread), 'paper')} read. u undoes it.", timeout=4)

        self.app.push_screen(
            ConfirmScreen(f"Mark {plural(len(unread), 'paper')} in {where} as read?", yes="Mark read"), answer
        )

    def _mark_marked_read(self) -> None:
        screen = self.screen
        marked = list(screen.marked)
        records = self.library.records
        unread = [pid for pid in marked if pid in records and not records[pid].state.read]
        if not unread:
            self.notify(f"The {plural(len(marked), 'marked paper')} are already read.", timeout=3)
            return

        def answer(yes: bool | None) -> None:
            if yes and screen.change(f"mark {len(unread)} read", {pid: {"read": True} for pid in unread}):
                screen.load_view()
                self.notify(f"Marked {plural(len(unread), 'marked paper')} read. u undoes it.", timeout=4)

        self.app.push_screen(
            ConfirmScreen(f"Mark the {plural(len(unread), 'marked paper')} as read?", yes="Mark read"), answer
        )

    def _replay(self, step: Step | None, verb: str) -> None:
        screen = self.screen
        if step is None:
            self.notify(f"Nothing to {verb}.", timeout=2)
            return
        screen.post_message(LibraryChanged(lists=step.lists is not None))
        changed = step.papers
        if step.lists is not None:  # the watch list or saved searches
            if screen.view_key not in {v.key for v in self.library.views()}:
                screen.view_key = "inbox"  # the saved search shown is gone
            screen.load_view()
            self.notify(f"{verb.capitalize()}: {step.label}", timeout=3)
            return
        if step.imported is not None:
            before, at = [r.pid for r in self.papers.rows], self.papers.cursor
            if screen.view_key not in {v.key for v in self.library.views()}:
                screen.view_key = "inbox"  # the digest view of an undone import is gone
                before, at = [], 0
            keep = nearest_kept(before, at, self.library.records)
            screen.load_view(keep=keep, index=None if keep else 0)
            where = "the nearest paper left" if keep and keep != (before[at] if before else None) else None
            said = f"{verb.capitalize()}: {step.label} ({describe_import_step(step, verb)})"
            self.notify(said + (f"; the cursor is on {where}." if where else ""), timeout=4)
            return
        screen.load_view(keep=changed[0] if len(changed) == 1 else None)
        self.notify(f"{verb.capitalize()}: {step.label} ({plural(len(changed), 'paper')})", timeout=3)

    def action_undo(self) -> None:
        try:
            self._replay(self.library.undo(), "undo")
        except StoreError as error:
            not_saved(self.screen, error, what="the undo", title="Not undone")

    def action_redo(self) -> None:
        try:
            self._replay(self.library.redo(), "redo")
        except StoreError as error:
            not_saved(self.screen, error, what="the redo", title="Not redone")
