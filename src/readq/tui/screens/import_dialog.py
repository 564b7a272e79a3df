"""The import dialog: a file path or the clipboard in, a dry-run preview out, nothing written until confirmed.

Reading and parsing run in a thread worker with a progress bar; esc stops them (nothing has been written by
then). The preview says what the import would do (new, already present, updated, the warnings and the first
new titles) from ``Library.preview_import``; Import dismisses the dialog with a :class:`PendingImport`, and
the calling screen imports it as one undoable step.
"""

from __future__ import annotations

import os
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, ProgressBar, Static
from textual.worker import Worker, WorkerState, get_current_worker

from readq import clock
from readq.citations.export import LibraryFile
from readq.library.exchange import LibraryImportReport
from readq.library.fetching import FeedSource, fetched
from readq.library.imports import Incoming, preview_import, read_import, undoable
from readq.library.service import Library
from readq.models import ParseResult
from readq.online.http import OnlineError
from readq.online.services import Services, connect
from readq.parsing import DigestError
from readq.store import ImportReport, StoreError
from readq.system.clipboard import ENV_BROWSER_CLIPBOARD
from readq.system.paste import clipboard_unreachable, read_clipboard
from readq.system.sources import SourceError, pasted_label, read_path
from readq.tui.screens.import_preview import export_preview_content, preview_content
from readq.tui.widgets.path_input import PathInput

CLIPBOARD_TIMEOUT = 3.0
PASTE_HINT = "paste into this window with your terminal's paste key (often ctrl+shift+v), or type a file path"
WEB_PASTE_HINT = (
    "paste into this page with your browser's paste key (ctrl+shift+v, or cmd+v on a Mac), or type the path "
    "of a file on the server"
)

HELP = (
    "A file: type its path (tab or → completes, ~ works) and press enter.\n"
    "The clipboard: ctrl+v, or paste into this window with your terminal's paste key.\n"
    "Recognised: Hugging Face and alphaXiv digests, arXiv mailings, RSS/Atom feeds, BibTeX files."
)


@dataclass(frozen=True)
class PendingImport:
    result: Incoming  # a parsed digest, or readq's JSON export
    label: str

    @property
    def undoable(self) -> bool:
        return undoable(self.result)


class ReadCancelled(Exception):
    """The user pressed esc while the file was being read."""


class ImportScreen(ModalScreen[PendingImport | None]):
    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+v", "clipboard", "From the clipboard"),
    ]

    class Progress(Message):
        def __init__(self, worker: Worker[object], done: int, total: int) -> None:
            super().__init__()
            self.worker, self.done, self.total = worker, done, total

    def __init__(
        self,
        library: Library,
        *,
        env: Mapping[str, str] | None = None,
        sources: Sequence[FeedSource] = (),
        contact: str | None = None,
    ) -> None:
        super().__init__()
        self.library = library
        self.sources = tuple(sources)  # the settings' [sources]: fetched only when a button asks
        self.contact = contact
        self.env = os.environ if env is None else env
        self.pending: PendingImport | None = None
        self._shown_preview: tuple[ParseResult, ImportReport] | None = None  # wrapped again on a resize
        self.reader: Worker[tuple[Incoming, str]] | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="import-dialog"):
            yield Static(Content.styled("Import papers", "bold"), id="import-title")
            yield Static(Content(HELP), id="import-help")
            yield PathInput(placeholder="~/Downloads/arxiv-mailing.txt", id="import-path")
            yield ProgressBar(total=None, show_eta=False, id="import-progress")
            yield Static(id="import-status")
            with VerticalScroll(id="import-preview-box"):
                yield Static(id="import-preview")
            with Horizontal(id="import-buttons"):
                yield Button("Import (enter)", variant="primary", id="import-confirm")
                yield Button("Preview (enter)", variant="primary", id="import-read")
                yield Button("From clipboard (ctrl+v)", id="import-clipboard")
                yield Button("Cancel (esc)", id="import-cancel")
            if self.sources:
                with Horizontal(id="import-sources"):
                    for index, source in enumerate(self.sources):
                        yield Button(f"Fetch {source.label()}", id=f"import-source-{index}", classes="source")

    def on_mount(self) -> None:
        self._status("")
        self._show("ask")
        self.query_one(PathInput).focus()

    # -- states -----------------------------------------------------------------------------------------
    def _show(self, state: str) -> None:
        """``ask`` (a path or the clipboard), ``reading`` (progress) or ``preview`` (confirm)."""
        self.state = state
        self.query_one("#import-progress").display = state == "reading"
        self.query_one("#import-preview-box").display = state == "preview"
        self.query_one("#import-confirm").display = state == "preview"
        self.query_one("#import-read").display = state == "ask"
        self.query_one("#import-clipboard").display = state == "ask"
        for button in self.query(".source"):
            button.display = state == "ask"
        self.query_one(PathInput).disabled = state != "ask"
        self.query_one("#import-help").display = state == "ask"
        self.query_one("#import-dialog").set_class(state == "preview", "-preview")
        if state == "ask":
            self.query_one(PathInput).focus()
        elif state == "preview":
            self.query_one("#import-confirm", Button).focus()

    def _status(self, text: str, style: str = "") -> None:
        status = self.query_one("#import-status", Static)
        status.update(Content.styled(text, style) if style else Content(text))
        status.set_class(not text, "-empty")

    # -- starting a read ----------------------------------------------------------------------------------
    def _start(self, description: str, kind: str, payload: str) -> None:
        if self.state == "reading":
            return
        self.pending = None
        self._status(description)
        self.query_one(ProgressBar).update(total=None, progress=0)
        self._show("reading")
        self.reader = self._read(kind, payload)

    @on(PathInput.Submitted, "#import-path")
    def _path_submitted(self) -> None:
        self._read_path()

    def _read_path(self) -> None:
        text = self.query_one(PathInput).value
        if not text.strip():
            self._status(
                "Type the path of a file to import, or press ctrl+v for the clipboard.", "$text-warning"
            )
            return
        self._start(f"Reading {text.strip()} …", "path", text)

    @on(PathInput.TextPasted)
    def _text_pasted(self, event: PathInput.TextPasted) -> None:
        self._start(f"Reading the pasted text ({len(event.text):,} characters) …", "text", event.text)

    def on_paste(self, event: Message) -> None:
        text = getattr(event, "text", "")
        if self.state == "ask" and "\n" in text.strip():
            self._start(f"Reading the pasted text ({len(text):,} characters) …", "text", text)

    @on(PathInput.ClipboardWanted)
    def action_clipboard(self) -> None:
        if self.state != "ask":
            return
        env = dict(self.env)
        if self.app.is_web:  # served by textual-serve without readq serve: still the server's clipboard
            env.setdefault(ENV_BROWSER_CLIPBOARD, "")
        reason = clipboard_unreachable(env)
        if reason is not None:
            hint = WEB_PASTE_HINT if self.app.is_web else PASTE_HINT
            self._status(f"The clipboard cannot be read here ({reason}): {hint}.", "$text-warning")
            return
        self._start("Reading the clipboard …", "clipboard", "")

    # -- the worker -----------------------------------------------------------------------------------------
    @work(thread=True, exclusive=True, exit_on_error=False, group="import-read")
    def _read(self, kind: str, payload: str) -> tuple[Incoming, str]:
        worker = get_current_worker()
        last = [0.0]

        def progress(done: int, total: int) -> None:
            if worker.is_cancelled:
                raise ReadCancelled
            now = time.monotonic()
            if now - last[0] >= 0.05 or done >= total:
                last[0] = now
                self.post_message(self.Progress(worker, done, total))

        if kind == "source":  # online, only because the user pressed its button
            with connect(Services.from_env(), contact=self.contact) as http:
                result, label = fetched(
                    http, Services.from_env(), self.sources[int(payload)], clock.today().isoformat()
                )
            progress(1, 1)
            return result, label
        if kind == "path":
            data, label = read_path(payload)
            progress(0, 1)
            return read_import(data, progress=progress), label
        if kind == "clipboard":
            pasted = read_clipboard(timeout=CLIPBOARD_TIMEOUT)
            if not pasted.ok:
                raise SourceError(f"{pasted.message}; {PASTE_HINT}")
            payload = pasted.text
        progress(0, 1)
        return read_import(payload, progress=progress), pasted_label()

    @on(Progress)
    def _progress(self, event: Progress) -> None:
        if event.worker is self.reader and self.state == "reading":
            self.query_one(ProgressBar).update(total=max(1, event.total), progress=event.done)

    @on(Worker.StateChanged)
    def _worker_changed(self, event: Worker.StateChanged) -> None:
        if event.worker is not self.reader:
            return
        if event.state == WorkerState.SUCCESS:
            result, label = event.worker.result or (None, "")
            if result is not None:
                self._preview(result, label)
        elif event.state == WorkerState.ERROR:
            error = event.worker.error
            if isinstance(error, (DigestError, SourceError, ValueError, OnlineError)):
                message = str(error)
            else:
                message = f"{type(error).__name__}: {error}"
            self._status(f"Not imported: {message}", "$text-error")
            self._show("ask")
        elif event.state == WorkerState.CANCELLED:
            self._status("Stopped: nothing was imported.", "$text-warning")
            self._show("ask")

    def _preview_width(self) -> int | None:
        width = self.query_one("#import-preview", Static).content_region.width
        return width or None

    def on_resize(self) -> None:
        """Wrap the preview again for the new width (its continuation lines hang under their bullet)."""
        if self._shown_preview is not None:
            result, report = self._shown_preview
            self.query_one("#import-preview", Static).update(
                preview_content(result, report, self._preview_width())
            )

    def _preview(self, result: Incoming, label: str) -> None:
        try:
            report = preview_import(self.library, result, label)
        except StoreError as error:
            self._status(f"Not imported: {error}", "$text-error")
            self._show("ask")
            return
        if isinstance(report, LibraryImportReport) and isinstance(result, LibraryFile):
            changes = bool(report.new or report.updated or report.states)
            content = export_preview_content(result, report)
        else:
            assert isinstance(result, ParseResult) and not isinstance(report, LibraryImportReport)
            changes = bool(report.new or report.updated)
            content = preview_content(result, report, self._preview_width())
            self._shown_preview = (result, report)
        self.pending = PendingImport(result, label) if changes else None
        self.query_one("#import-preview", Static).update(content)
        self._status("")
        self._show("preview")
        self.call_after_refresh(self.on_resize)  # shown now: wrap it to the width it has
        self.query_one("#import-confirm", Button).disabled = self.pending is None

    # -- answers --------------------------------------------------------------------------------------------
    @on(Button.Pressed)
    def _button(self, event: Button.Pressed) -> None:
        button = event.button.id
        if button == "import-confirm":
            self.action_confirm()
        elif button == "import-read":
            self._read_path()
        elif button == "import-clipboard":
            self.action_clipboard()
        elif button == "import-cancel":
            self.action_cancel()
        elif button is not None and button.startswith("import-source-"):
            source = self.sources[int(button.rsplit("-", 1)[1])]
            self._start(f"Fetching {source.label()} …", "source", button.rsplit("-", 1)[1])

    def action_confirm(self) -> None:
        if self.state == "preview" and self.pending is not None:
            self.dismiss(self.pending)

    def action_cancel(self) -> None:
        if self.state == "reading" and self.reader is not None:
            self.reader.cancel()  # the parser stops at its next progress report; nothing was written
            return
        if self.state == "preview":
            self.pending = None
            self._status("Not imported. Give another file, or esc to close.")
            self._show("ask")
            return
        self.dismiss(None)
