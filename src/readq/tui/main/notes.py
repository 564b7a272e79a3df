"""Notes and tags: the in-app note editor (``n``), the user's own editor (``N``), the tag editor (``t``), and
the links in a note (opened only after a confirmation, and only http(s) ones).

The modals only return text; saving happens here, through :meth:`readq.library.service.Library.change`, so
every edit is on disk at once and undoable with ``u``.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from textual.app import App, SuspendNotSupported

from readq.library.history import Step
from readq.library.records import Record
from readq.store import StoreError
from readq.system.editor import NO_EDITOR, EditorError, edit_text, editor_command, keep_copy
from readq.text.notes import link_refusal
from readq.text.tags import parse_tag_list
from readq.tui.main.feature import Feature
from readq.tui.main.messages import LibraryChanged
from readq.tui.screens.dialogs import ConfirmScreen
from readq.tui.screens.editors import NoteEditorScreen, TagEditorScreen


def is_web_link(href: str) -> bool:
    """True for an absolute http(s) URL with a host and no spaces or control characters."""
    if not href or any(ch.isspace() or not ch.isprintable() for ch in href):
        return False
    try:
        parts = urlsplit(href)
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


def run_editor(app: App[object], command: list[str], text: str, name: str) -> str:
    """Run the user's editor on ``text`` with the terminal handed over to it (``App.suspend``).

    A headless app (the tests) has no terminal to hand over, so the editor just runs; where the app cannot
    suspend (in a browser), :class:`EditorError` says so.
    """
    if app.is_headless:
        return edit_text(command, text, name=name)
    result: str | Exception
    try:
        with app.suspend():
            # Nothing may escape this block: App.suspend resumes the app only when the block ends normally.
            try:
                result = edit_text(command, text, name=name)
            except Exception as error:
                result = error
    except SuspendNotSupported:
        raise EditorError("this terminal cannot hand over to an editor; press n to edit here") from None
    if isinstance(result, Exception):
        raise result
    return result


class Notes(Feature):
    name = "notes"

    def _record_for_editing(self) -> Record | None:
        record = self.papers.current
        if record is None:
            self.notify("No paper here to annotate.", timeout=2)
        return record

    # -- notes --------------------------------------------------------------------------------------
    def action_edit_note(self) -> None:
        record = self._record_for_editing()
        if record is None:
            return
        pid = record.paper.id

        def done(text: str | None) -> None:
            if text is not None:
                self.save_note(pid, text)

        self.app.push_screen(NoteEditorScreen(record.paper.title, record.state.note), done)

    def action_edit_note_external(self) -> None:
        record = self._record_for_editing()
        if record is None:
            return
        pid = record.paper.id
        if self.app.is_web:
            self.notify(
                "In a browser readq cannot open your editor (it would run on the server); press n to edit "
                "here.",
                title="Note not changed",
                severity="warning",
                timeout=8,
            )
            return
        try:
            command = editor_command(configured=self.screen.settings.config.editor)
            if command is None:
                raise EditorError(NO_EDITOR + ", or press n to edit here")
            text = run_editor(self.app, command, record.state.note, f"note-{pid}")
        except EditorError as error:
            self.notify(str(error), title="Note not changed", severity="error", timeout=10)
            return
        self.save_note(pid, text)

    def save_note(self, pid: str, text: str) -> None:
        try:
            step = self.library.set_note(pid, text)
        except StoreError as error:
            kept = keep_copy(text, f"note-{pid}")
            self.notify(
                f"{error}\nYour text is kept in {kept}", title="Note not saved", severity="error", timeout=20
            )
            return
        if not step.changes:
            self.notify("Note unchanged.", timeout=2)
            return
        self._after_edit(pid, step)
        done = "Note deleted" if step.label == "delete note" else "Note saved"
        self.notify(f"{done}. u undoes it.", timeout=3)

    # -- tags ---------------------------------------------------------------------------------------
    def action_edit_tags(self) -> None:
        record = self._record_for_editing()
        if record is None:
            return
        pid = record.paper.id

        def done(text: str | None) -> None:
            if text is not None:
                self.save_tags(pid, text)

        self.app.push_screen(
            TagEditorScreen(record.paper.title, record.state.tags, self.library.tags()), done
        )

    def save_tags(self, pid: str, text: str) -> None:
        tags = parse_tag_list(text)
        try:
            step = self.library.set_tags(pid, tags)
        except StoreError as error:
            self.notify(str(error), title="Tags not saved", severity="error", timeout=10)
            return
        if not step.changes:
            self.notify("Tags unchanged.", timeout=2)
            return
        self._after_edit(pid, step)
        shown = ", ".join(tags) if tags else "none"
        self.notify(f"Tags: {shown}. u undoes it.", timeout=3)

    def _after_edit(self, pid: str, step: Step) -> None:
        current = self.papers.current
        self.screen.post_message(LibraryChanged())
        if current is not None and current.paper.id == pid:
            self.screen.after_single_change()
        else:
            self.screen.load_view()

    # -- links in notes -----------------------------------------------------------------------------
    def open_link(self, href: str) -> None:
        """Links in notes never open on their own: http(s) only, after the URL is shown and confirmed."""
        refusal = link_refusal(href) or (None if is_web_link(href) else "only http(s) links with a host open")
        if refusal is not None:
            shown = href if len(href) <= 200 else href[:200] + "…"
            self.screen.notify(f"Refused to open {shown!r}: {refusal}.", severity="warning", markup=False)
            return

        def answer(yes: bool | None) -> None:
            if yes:
                self.app.open_url(href)

        self.app.push_screen(ConfirmScreen(f"Open this link in your browser?\n\n{href}", yes="Open"), answer)
