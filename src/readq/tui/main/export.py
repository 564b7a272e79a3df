"""``e``: export the papers in view (or the marked ones) as BibTeX, CSL-JSON, RIS, Markdown, JSON or CSV.

The same text as ``readq export``. In a terminal it is shown to select or save to a file; in a browser tab
(``readq serve``) the file is offered as a download, since the server's disk is out of the user's reach.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from readq import clock
from readq.citations.export import EXPORT_EXTENSIONS, EXPORT_FORMATS, EXPORT_TITLES, export_text
from readq.citations.pinned import missing_hint, needs_pins
from readq.library.records import Record
from readq.store import STATE_FILE, StoreError
from readq.store.jsonfile import data_file_mode
from readq.text.labels import plural
from readq.tui.main.feature import Feature
from readq.tui.main.saving import show_to_save
from readq.tui.web import offer_download, safe_filename
from readq.tui.widgets.pick_lists import PickList

SLOW_EXPORT = 2_000  # papers; exporting takes about 0.3 ms a paper (BibTeX), so say so first


class ExportPicker(ModalScreen[str | None]):
    """Pick an export format; dismisses with the format, or None."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, what: str) -> None:
        super().__init__()
        self.what = what

    def compose(self) -> ComposeResult:
        then = "downloads the file" if self.app.is_web else "shows the text to select or save"
        with Vertical(id="export"):
            yield Static(Content.assemble(("Export ", "bold"), (self.what, "bold")), id="export-title")
            yield PickList(
                *(Option(Content(EXPORT_TITLES[fmt]), id=fmt) for fmt in EXPORT_FORMATS), id="export-formats"
            )
            yield Static(Content.styled(f"enter {then} · esc cancels", "$text-muted"), id="export-foot")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected, "#export-formats")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


class Export(Feature):
    name = "export"

    def export_targets(self) -> tuple[list[Record], str, str]:
        """The papers to export (the marked ones, else the rows in view), how to name them, a file stem."""
        marked = self.screen.marked
        if marked:
            records = [self.library.records[pid] for pid in marked if pid in self.library.records]
            return records, f"the {plural(len(records), 'marked paper')}", "marked"
        view = self.library.view(self.screen.view_key)
        records = list(self.papers.rows)
        what = f"{plural(len(records), 'paper')} of {view.title}"
        if self.screen.query_text:
            what += " (the search's results)"
        return records, what, view.title.lower()

    def action_export(self) -> None:
        records, what, stem = self.export_targets()
        if not records:
            self.notify("There are no papers here to export.", timeout=3)
            return

        def chosen(fmt: str | None) -> None:
            if fmt is None:
                return
            if len(records) < SLOW_EXPORT:
                self.export(records, fmt, what, stem)
                return
            self.notify(f"Exporting {plural(len(records), 'paper')} …", timeout=3)
            self.screen.call_after_refresh(self.export, records, fmt, what, stem)  # the toast shows first

        self.app.push_screen(ExportPicker(what), chosen)

    def export(self, records: list[Record], fmt: str, what: str, stem: str) -> None:
        try:
            if needs_pins(fmt):
                self.library.pin_keys([record.paper for record in records])
        except StoreError as error:
            self.notify(str(error), title="Not exported", severity="error", timeout=10)
            return
        text, citation = export_text(records, fmt, self.library.store.states, exported=clock.now_iso())
        self.screen.show_current()  # newly pinned keys show in the detail
        hint = ""
        if citation is not None and citation.missing:
            hint = missing_hint(citation, many=len(records) > 1, how="press E")
        title = EXPORT_TITLES[fmt]
        filename = safe_filename(f"readq-{stem}") + EXPORT_EXTENSIONS[fmt]
        if self.app.is_web:
            name = offer_download(self.app, text, filename)
            note = f"\n{hint[:1].upper()}{hint[1:]}." if hint else ""
            self.notify(
                f"Exported {what} as {title}: offered {name} as a download.{note}",
                severity="warning" if hint else "information",
                timeout=8,
            )
            return
        reason = f"{hint[:1].upper()}{hint[1:]}." if hint else ""
        show_to_save(
            self,
            text,
            title=f"Export — {what} as {title}",
            reason=reason,
            filename=filename,
            mode_cap=data_file_mode(self.library.store.data_dir / STATE_FILE),
        )
