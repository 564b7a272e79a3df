"""Correcting a paper's metadata with ``E``: the form's values become edits in the paper's state."""

from __future__ import annotations

from typing import Any

from readq.library.edits import describe_edits, new_edits
from readq.tui.main.feature import Feature
from readq.tui.screens.edit_form import EditScreen


class Edit(Feature):
    name = "edit"

    def action_edit_metadata(self) -> None:
        record = self.papers.current
        if record is None:
            return
        pid = record.paper.id

        def done(values: dict[str, Any] | None) -> None:
            current = self.library.records.get(pid)  # an import may have rebuilt the records meanwhile
            if values is None or current is None:
                return
            edits = new_edits(current.base, current.state.edits, values)
            if edits == current.state.edits:
                self.notify("Nothing changed.", timeout=2)
                return
            if self.screen.change("edit metadata", {pid: {"edits": edits}}):
                self.screen.load_view(keep=pid)
                after = self.library.records[pid].state.edits
                what = f"your edits: {describe_edits(after)}" if after else "the digest's values again"
                self.notify(f"Saved — {what}. u undoes it.", timeout=4)

        self.app.push_screen(EditScreen(record.paper, record.base), done)
