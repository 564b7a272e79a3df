"""``i``: import a file or the clipboard after a preview, as one undoable step."""

from __future__ import annotations

from typing import Any

from textual.screen import Screen

from readq.library.exchange import LibraryImportReport
from readq.library.fetching import saved_sources
from readq.library.imports import apply_import
from readq.library.service import Library
from readq.store import StoreError
from readq.text.labels import plural
from readq.tui.main.feature import Feature
from readq.tui.main.messages import LibraryChanged
from readq.tui.screens.import_dialog import ImportScreen, PendingImport


def finish_import(screen: Screen[Any], library: Library, pending: PendingImport | None) -> bool:
    """Import what the dialog confirmed (one write, one undo step) and say what happened; True if written."""
    if pending is None:
        return False
    try:
        applied = apply_import(library, pending.result, pending.label)
    except StoreError as error:
        screen.notify(str(error), title="Not imported", severity="error", timeout=10)
        return False
    if not applied.written:
        screen.notify(f"{pending.label}: nothing new to import.", timeout=4)
        return False
    report = applied.report
    if isinstance(report, LibraryImportReport):
        conflicts = report.note_conflicts
        kept = ""
        if conflicts:
            shown = ", ".join(conflicts[:10]) + (" …" if len(conflicts) > 10 else "")
            kept = (
                f" Both libraries noted {plural(len(conflicts), 'paper')} differently; the older note is "
                f'kept under "Note kept from a merge": {shown}.'
            )
        new = plural(len(report.new), "new paper")
        screen.notify(f"Merged {pending.label}: {new}.{kept}", timeout=12 if kept else 6)
        return True
    warned = f", {plural(len(report.warnings), 'warning')}" if report.warnings else ""
    screen.notify(
        f"Imported {pending.label}: {plural(len(report.new), 'new paper')}, {len(report.updated):,} updated"
        f"{warned}. u undoes the whole import.",
        timeout=6,
    )
    return True


class Importing(Feature):
    name = "importing"

    def action_import(self) -> None:
        def done(pending: PendingImport | None) -> None:
            if finish_import(self.screen, self.library, pending) and pending is not None:
                self.screen.load_view()
                self.screen.post_message(LibraryChanged())

        config = self.screen.settings.config
        sources = saved_sources(config.sources.hf, config.sources.arxiv, config.sources.feeds)
        self.app.push_screen(ImportScreen(self.library, sources=sources, contact=config.contact), done)
