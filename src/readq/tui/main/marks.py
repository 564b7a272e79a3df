"""Marks: ``m`` marks papers for a citation or an export of several, ``M`` (or esc) clears them."""

from __future__ import annotations

from readq.tui.main.feature import Feature


class Marks(Feature):
    name = "marks"

    def action_toggle_mark(self) -> None:
        screen = self.screen
        record = self.papers.current
        if record is None:
            return
        pid = record.paper.id
        if pid in screen.marked:
            del screen.marked[pid]
        else:
            screen.marked[pid] = None
        screen.mutate_reactive(type(screen).marked)
        self.papers.refresh_current()
        if not self.papers.move_to(self.papers.cursor + 1):
            self.papers.refresh_current()
        screen.show_current()

    def action_clear_marks(self) -> None:
        screen = self.screen
        if not screen.marked:
            self.notify("No papers are marked.", timeout=2)
            return
        count = len(screen.marked)
        screen.marked.clear()
        screen.mutate_reactive(type(screen).marked)
        self.papers.refresh()
        self.notify(f"Cleared {count} mark{'s' if count != 1 else ''}.", timeout=2)
