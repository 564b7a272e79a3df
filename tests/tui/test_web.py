"""The app in a browser tab (``readq serve``): copying through the page, downloads instead of files on the
server, export, links, the editor and the clipboard. ``App.is_web`` is forced on; the browser itself is
exercised in tests/e2e/test_serve_browser.py."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.drivers.headless_driver import HeadlessDriver
from textual.widgets import Input, Markdown, OptionList, TextArea

from readq.citations.export import export_text
from readq.store import Store
from readq.system import clipboard, paste
from readq.system.clipboard import ENV_BROWSER_CLIPBOARD
from readq.tui import main as main_features
from readq.tui import screens
from readq.tui.app import ReadqApp, make_app
from readq.tui.main.export import ExportPicker
from readq.tui.main.screen import MainScreen
from readq.tui.screens.cite_dialogs import CitationDialog
from readq.tui.screens.dialogs import ConfirmScreen
from readq.tui.screens.import_dialog import ImportScreen
from tests.app_helpers import WIDE, main


@pytest.fixture
def web(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[dict[str, Any]]]:
    """Run the app as in a browser tab whose page may write the clipboard; nothing may reach the server's
    own clipboard; returns what the app offered as downloads."""
    monkeypatch.setattr(ReadqApp, "is_web", property(lambda self: True))
    monkeypatch.setenv(ENV_BROWSER_CLIPBOARD, "1")
    monkeypatch.setenv("DISPLAY", ":0")  # a server with a display: still never its clipboard
    monkeypatch.setattr(HeadlessDriver, "write", lambda self, data: None)

    def no_server_clipboard(*args: object, **kwargs: object) -> object:
        raise AssertionError("a browser tab must not use the server's clipboard")

    monkeypatch.setattr(clipboard, "copy_with_pyperclip", no_server_clipboard)
    monkeypatch.setattr(screens.import_dialog, "read_clipboard", no_server_clipboard)
    delivered: list[dict[str, Any]] = []

    def deliver_text(self: ReadqApp, file: io.StringIO, **kwargs: Any) -> str:
        delivered.append({"text": file.getvalue(), **kwargs})
        return "key"

    monkeypatch.setattr(ReadqApp, "deliver_text", deliver_text)
    yield delivered


def messages(app: ReadqApp) -> list[str]:
    return [n.message for n in app._notifications]


async def copied(app: ReadqApp, pilot: Any) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_y_copies_through_the_page_and_never_claims_more(
    sample_store: Store, web: list[dict[str, Any]]
) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await pilot.press("j", "j", "j", "y")  # Calibrated Uncertainty
        await copied(app, pilot)
        assert app.clipboard.startswith("@misc{garcialopez2026calibrated,")
        message = messages(app)[-1]
        assert "sent to your browser's clipboard — works if the browser lets this page write it" in message
        assert "copied" not in message
        assert "Y, then v, shows the text" in message
        assert not isinstance(app.screen, CitationDialog)


async def test_y_shows_the_text_with_a_download_where_the_page_may_not_write_the_clipboard(
    sample_store: Store, web: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV_BROWSER_CLIPBOARD, "0")  # a page on plain http from another machine
    app = make_app(sample_store)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await pilot.press("j", "j", "j", "y")  # Calibrated Uncertainty
        await copied(app, pilot)
        assert app.clipboard == ""
        dialog = app.screen
        assert isinstance(dialog, CitationDialog)
        assert "only over https or on localhost" in dialog.reason
        assert not dialog.query(Input)  # no path on the server's disk
        assert "Download" in str(dialog.query_one("#save").label)
        text = dialog.query_one(TextArea).text
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert web == [
            {
                "text": text + "\n",
                "save_filename": "readq-garcialopez2026calibrated.bib",
                "open_method": "download",
                "encoding": "utf-8",
                "mime_type": "text/plain",
                "name": "readq-download:readq-garcialopez2026calibrated.bib",
            }
        ]
        assert isinstance(app.screen, MainScreen)
        assert "Offered readq-garcialopez2026calibrated.bib as a download." in messages(app)


async def test_export_in_the_browser_offers_a_download_and_pins_keys(
    sample_store: Store, web: list[dict[str, Any]]
) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        rows = list(main(app).papers.rows)
        await pilot.press("e")
        picker = app.screen
        assert isinstance(picker, ExportPicker)
        assert "downloads the file" in str(picker.query_one("#export-foot").render())
        await pilot.press("enter")  # BibTeX, the first format
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        (offer,) = web
        assert offer["save_filename"] == "readq-inbox.bib"
        fresh = Store(sample_store.data_dir)
        assert all(fresh.state(r.pid).citekey for r in rows)  # keys are pinned, as readq export does
        expected, _ = export_text(rows, "bibtex", fresh.states, exported="")
        assert offer["text"] == expected
        assert any(m.startswith(f"Exported {len(rows)} papers of Inbox as BibTeX") for m in messages(app))


async def test_export_of_marked_papers_in_the_terminal_shows_the_text_to_save(
    sample_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))  # proposed: the home folder (nothing saved yet this session)
    app = make_app(sample_store)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        screen = main(app)
        first, second = screen.papers.rows[0], screen.papers.rows[1]
        await pilot.press("m", "m", "e")
        assert "the 2 marked papers" in str(app.screen.query_one("#export-title").render())
        app.screen.query_one(OptionList).highlighted = 5  # CSV
        await pilot.press("enter")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, CitationDialog)
        lines = dialog.query_one(TextArea).text.splitlines()
        assert [line.split(",")[0] for line in lines] == ["id", first.pid, second.pid]
        assert dialog.query_one(Input).value == str(tmp_path / "readq-marked.csv")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert (tmp_path / "readq-marked.csv").read_text(encoding="utf-8").splitlines() == lines


async def test_note_links_in_the_browser_open_a_tab_only_after_confirmation(
    sample_store: Store, web: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[tuple[str, bool]] = []
    app = make_app(sample_store)
    monkeypatch.setattr(app, "open_url", lambda url, *, new_tab=True: opened.append((url, new_tab)))
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        markdown = main(app).query_one("#detail-note", Markdown)
        markdown.post_message(Markdown.LinkClicked(markdown, "https://example.org/paper"))
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        assert opened == []
        markdown.post_message(Markdown.LinkClicked(markdown, "javascript:alert(1)"))
        await pilot.pause()
        assert isinstance(app.screen, MainScreen) and opened == []
        markdown.post_message(Markdown.LinkClicked(markdown, "https://example.org/paper"))
        await pilot.pause()
        await pilot.press("y")
        assert opened == [("https://example.org/paper", True)]


async def test_no_outside_editor_in_the_browser(
    sample_store: Store, web: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EDITOR", "definitely-not-run")
    monkeypatch.setattr(
        main_features.notes, "run_editor", lambda *a: (_ for _ in ()).throw(AssertionError("editor ran"))
    )
    app = make_app(sample_store)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await pilot.press("N")
        assert "cannot open your editor" in messages(app)[-1]
        assert "press n to edit here" in messages(app)[-1]


async def test_import_does_not_read_the_servers_clipboard(
    sample_store: Store, web: list[dict[str, Any]]
) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("i")
        screen = app.screen
        assert isinstance(screen, ImportScreen)
        await pilot.press("ctrl+v")
        assert screen.state == "ask"
        status = str(screen.query_one("#import-status").render())
        assert "the clipboard here is the server's, not your browser's" in status
        assert "ctrl+shift+v" in status


def test_server_clipboard_is_unreachable_from_a_browser_tab() -> None:
    assert paste.clipboard_unreachable({ENV_BROWSER_CLIPBOARD: "1", "DISPLAY": ":0"}) is not None
    assert paste.clipboard_unreachable({"DISPLAY": ":0"}) is None
