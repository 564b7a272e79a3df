"""Modal screens for citing: the format picker (``Y``) and the citation text with "save to file" (in a
browser tab: "download").

They only show text and return choices; the main screen cites, pins keys and copies.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from readq.citations.pinned import FORMAT_TITLES
from readq.store import StoreError
from readq.store.jsonfile import atomic_write
from readq.tui.screens.dialogs import ConfirmScreen
from readq.tui.web import offer_download, safe_filename
from readq.tui.widgets.pick_lists import PickList

PREVIEW_LINES = 14


def preview(text: str, lines: int = PREVIEW_LINES) -> str:
    shown = text.splitlines()
    if len(shown) <= lines:
        return text
    return "\n".join(shown[: lines - 1]) + f"\n… ({len(shown) - lines + 1} more lines)"


class FormatPicker(ModalScreen[tuple[str, bool] | None]):
    """Pick a citation format; dismisses with ``(format, show)``: show=False copies, True shows the text."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("v", "choose(True)", "Show"),
    ]

    def __init__(self, texts: Mapping[str, str], default: str, what: str) -> None:
        super().__init__()
        self.texts = dict(texts)
        self.default = default
        self.what = what

    def compose(self) -> ComposeResult:
        with Vertical(id="picker"):
            yield Static(Content.assemble(("Cite ", "bold"), (self.what, "bold")), id="picker-title")
            with Horizontal(id="picker-body"):
                yield PickList(
                    *(Option(Content(FORMAT_TITLES[fmt]), id=fmt) for fmt in self.texts), id="formats"
                )
                yield Static(id="picker-preview")
            yield Static(
                Content.styled(
                    "enter copies · v shows the text (to select or save) · esc cancels", "$text-muted"
                ),
                id="picker-foot",
            )

    def on_mount(self) -> None:
        formats = self.query_one("#formats", OptionList)
        formats.highlighted = list(self.texts).index(self.default) if self.default in self.texts else 0
        formats.focus()
        self._show(self.default)

    def _show(self, fmt: str) -> None:
        self.query_one("#picker-preview", Static).update(Content(preview(self.texts.get(fmt, ""))))

    @on(OptionList.OptionHighlighted, "#formats")
    def on_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id:
            self._show(event.option.id)

    @on(OptionList.OptionSelected, "#formats")
    def on_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.dismiss((event.option.id, False))

    def action_choose(self, show: bool) -> None:
        formats = self.query_one("#formats", OptionList)
        if formats.highlighted is not None:
            option = formats.get_option_at_index(formats.highlighted)
            if option.id:
                self.dismiss((option.id, show))

    def action_cancel(self) -> None:
        self.dismiss(None)


class CitationDialog(ModalScreen[Path | None]):
    """The citation as text to select by hand, and a path to save it to (never overwriting unasked): a file
    in ``folder`` (the home folder unless given), where a relative path is taken from too. Dismisses with
    the path saved to, or None."""

    AUTO_FOCUS = "#citation-text"

    BINDINGS = [
        Binding("escape", "close", "Close"),
        Binding("ctrl+s", "save", "Save"),
    ]

    def __init__(
        self,
        text: str,
        *,
        title: str,
        reason: str = "",
        filename: str = "citation.txt",
        mode_cap: int = 0o600,
        folder: Path | None = None,
    ) -> None:
        super().__init__()
        self.folder = folder if folder is not None else Path.home()
        self.text = text
        self.heading = title
        self.reason = reason
        self.filename = filename
        self.mode_cap = mode_cap  # a saved file's permissions are never wider than this (the data files')

    def compose(self) -> ComposeResult:
        web = self.app.is_web  # in a browser tab the server's disk is out of reach: offer a download
        with Vertical(id="citation"):
            yield Static(Content.styled(self.heading, "bold"), id="citation-title")
            if self.reason:
                yield Static(Content.styled(self.reason, "$text-warning"), id="citation-reason")
            yield TextArea(self.text, read_only=True, soft_wrap=True, id="citation-text")
            how = (
                "Select with the mouse or shift+arrows. Or download it as a file:"
                if web
                else "Select with the mouse (shift+drag in most terminals) or shift+arrows; ctrl+c copies a "
                "selection. Or save it to a file:"
            )
            yield Static(Content.styled(how, "$text-muted"), id="citation-help")
            with Horizontal(id="citation-save"):
                if web:
                    yield Static(Content(safe_filename(self.filename)), id="citation-file")
                    yield Button("Download (ctrl+s)", variant="primary", id="save")
                else:
                    yield Input(str(self.folder / self.filename), id="citation-path")
                    yield Button("Save (ctrl+s)", variant="primary", id="save")
                yield Button("Close (esc)", id="close")

    @on(Button.Pressed, "#close")
    def action_close(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#save")
    @on(Input.Submitted, "#citation-path")
    def action_save(self) -> None:
        if self.app.is_web:
            name = offer_download(self.app, self.text, self.filename)
            self.notify(f"Offered {name} as a download.", timeout=5)
            self.dismiss(None)
            return
        raw = self.query_one("#citation-path", Input).value.strip()
        if not raw:
            self.notify("Type a file name to save to.", severity="warning")
            return
        path = Path(raw).expanduser()
        if not path.is_absolute():
            path = self.folder / path
        if path.is_dir():
            self.notify(f"{path} is a folder; add a file name.", severity="warning")
            return
        if not path.parent.is_dir():
            self.notify(f"There is no folder {path.parent}.", severity="warning")
            return
        if path.exists():

            def answer(yes: bool | None) -> None:
                if yes:
                    self._write(path)

            self.app.push_screen(ConfirmScreen(f"{path} exists. Replace it?", yes="Replace"), answer)
            return
        self._write(path)

    def _write(self, path: Path) -> None:
        try:
            data = (self.text.rstrip("\n") + "\n").encode("utf-8")
            atomic_write(path, data, mode=0o666, cap=self.mode_cap)  # no wider than the data files
        except (StoreError, OSError) as error:
            self.notify(f"Not saved: {error}", severity="error", timeout=8)
            return
        self.notify(f"Saved to {path}", timeout=5)
        self.dismiss(path)
