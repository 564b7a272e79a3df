"""Pilot tests of ``i``: a file or the clipboard in, a dry-run preview, one write, one undo."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.widgets import Button, ProgressBar, Static

from readq.library import imports
from readq.store import PAPERS_FILE, Store
from readq.system.paste import PasteResult
from readq.tui import screens
from readq.tui.app import make_app
from readq.tui.main.screen import MainScreen
from readq.tui.screens.dialogs import HelpScreen
from readq.tui.screens.import_dialog import ImportScreen
from readq.tui.widgets.path_input import PathInput
from tests.app_helpers import WIDE, wait_until

FIXTURES = Path(__file__).resolve().parents[1] / "parsing" / "fixtures"


def dialog(app: Any) -> ImportScreen:
    screen = app.screen
    assert isinstance(screen, ImportScreen)
    return screen


def text_of(screen: ImportScreen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


async def open_and_read(pilot: Any, app: Any, path: str) -> ImportScreen:
    await pilot.press("i")
    screen = dialog(app)
    screen.query_one(PathInput).value = path
    await pilot.press("enter")
    await wait_until(lambda: screen.state != "reading", pilot=pilot)
    return screen


async def test_preview_then_import_then_undo_the_whole_import(sample_store: Store, data_dir: Path) -> None:
    papers_file = sample_store.data_dir / PAPERS_FILE
    before_bytes = papers_file.read_bytes()
    before = dict(sample_store.papers)
    app = make_app(sample_store)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        screen = await open_and_read(pilot, app, str(FIXTURES / "arxiv_mailing.txt"))
        assert screen.state == "preview"
        preview = " ".join(text_of(screen, "#import-preview").split())  # wrapped lines joined
        assert "arxiv_mailing.txt — arxiv-mailing, dated 2026-01-12" in preview
        assert "2 new, 1 cross-list, 2 replacements, 1 replacement cross-list" in preview
        assert (
            "6 entries: 5 new papers · 0 already in the library · 0 updated · 1 repeated within it" in preview
        )
        assert "line 76: arXiv:2501.07777 has been withdrawn" in preview
        assert "• Tokenizer Drift: Measuring How Vocabulary Choices Shape Multilingual Reasoning" in preview
        assert "Zoltán Kovács et al." in preview
        assert papers_file.read_bytes() == before_bytes  # the preview wrote nothing
        assert screen.query_one("#import-confirm", Button).has_focus
        await pilot.press("enter")
        await pilot.pause()
        main = app.screen
        assert isinstance(main, MainScreen)
        assert len(sample_store) == len(before) + 5
        assert any(
            n.message
            == "Imported arxiv_mailing.txt: 5 new papers, 0 updated, 1 warning. u undoes the whole import."
            for n in app._notifications
        )
        assert "digest:arxiv_mailing.txt" in {v.key for v in app.library.views()}
        await pilot.press("u")
        await pilot.pause()
        assert sample_store.papers == before
        assert Store(sample_store.data_dir).papers == before  # on disk too
        assert any(
            n.message == "Undo: import arxiv_mailing.txt (5 papers removed)" for n in app._notifications
        )
        await pilot.press("U")
        await pilot.pause()
        assert len(sample_store) == len(before) + 5


async def test_an_import_that_updates_known_papers_is_undone_to_what_they_were(sample_store: Store) -> None:
    # An HF-style title already in the library gains an arXiv id from a feed; undo takes it back.
    known = next(p for p in sample_store.papers.values() if p.title.startswith("Calibrated Uncertainty"))
    feed = FIXTURES / "feed_atom_2025.xml"
    text = feed.read_text(encoding="utf-8").replace("Schrödinger Bridges for Text Diffusion", known.title)
    path = sample_store.data_dir.parent / "calibrated.xml"
    path.write_text(text, encoding="utf-8")
    app = make_app(sample_store)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        screen = await open_and_read(pilot, app, str(path))
        assert "1 entry: 0 new papers · 0 already in the library · 1 updated" in text_of(
            screen, "#import-preview"
        )
        await pilot.press("enter")
        await pilot.pause()
        assert sample_store.papers[known.id].arxiv_id == "2601.05001"
        await pilot.press("u")
        await pilot.pause()
        assert sample_store.papers[known.id] == known
        assert any(n.message.endswith("(1 put back as it was)") for n in app._notifications)


async def test_escape_backs_out_without_writing(sample_store: Store) -> None:
    papers_file = sample_store.data_dir / PAPERS_FILE
    before = papers_file.read_bytes()
    app = make_app(sample_store)
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_and_read(pilot, app, str(FIXTURES / "feed_rss.xml"))
        assert screen.state == "preview"
        await pilot.press("escape")  # back to the path
        assert screen.state == "ask" and screen.query_one(PathInput).has_focus
        await pilot.press("escape")  # closed
        assert isinstance(app.screen, MainScreen)
    assert papers_file.read_bytes() == before


async def test_missing_file_and_tilde(
    sample_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    (tmp_path / "digests").mkdir()
    (tmp_path / "digests" / "library.bib").write_bytes((FIXTURES / "library.bib").read_bytes())
    app = make_app(sample_store)
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_and_read(pilot, app, "~/digests/nope.bib")
        assert screen.state == "ask"
        assert text_of(screen, "#import-status") == (
            f"Not imported: no such file: ~/digests/nope.bib ({tmp_path}/digests/nope.bib)"
        )
        path_input = screen.query_one(PathInput)
        path_input.value = "~/digests/li"
        await wait_until(lambda: path_input._suggestion == "~/digests/library.bib", pilot=pilot)
        await pilot.press("tab")  # completes
        assert path_input.value == "~/digests/library.bib"
        await pilot.press("enter")
        await wait_until(lambda: screen.state == "preview", pilot=pilot)
        assert "library.bib — bibtex" in text_of(screen, "#import-preview")
        assert "4 warnings" in text_of(screen, "#import-preview")


async def test_pasting_a_digest_into_the_dialog(sample_store: Store) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await pilot.press("i")
        screen = dialog(app)
        text = (FIXTURES / "feed_rss.xml").read_text(encoding="utf-8")
        screen.query_one(PathInput).post_message(events.Paste(text))
        await wait_until(lambda: screen.state == "preview", pilot=pilot)
        assert "— feed, dated 2026-01-13" in text_of(screen, "#import-preview")
        assert screen.pending is not None and screen.pending.label.startswith("pasted-")
        await pilot.press("enter")
        await pilot.pause()
        assert any(p.arxiv_id == "2412.01234" for p in sample_store.papers.values())
        # a one-line paste is a path, typed into the input
        await pilot.press("i")
        second = dialog(app)
        second.query_one(PathInput).post_message(events.Paste("~/x.txt"))
        await pilot.pause()
        assert second.query_one(PathInput).value == "~/x.txt" and second.state == "ask"


async def test_clipboard_unreachable_says_so_and_offers_the_other_ways(sample_store: Store) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("i")
        app.pop_screen()
        app.push_screen(ImportScreen(app.library, env={"SSH_CONNECTION": "1 2 3 4"}))
        await pilot.pause()
        screen = dialog(app)
        await pilot.press("ctrl+v")
        assert screen.state == "ask"
        assert text_of(screen, "#import-status") == (
            "The clipboard cannot be read here (over SSH without X forwarding there is no clipboard to "
            "read): paste into this window with your terminal's paste key (often ctrl+shift+v), or type a "
            "file path."
        )


async def test_clipboard_is_read_in_a_worker(sample_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    text = (FIXTURES / "arxiv_listing.txt").read_text(encoding="utf-8")
    calls: list[float] = []

    def fake_read(*, timeout: float) -> PasteResult:
        calls.append(timeout)
        return PasteResult(True, text, "read")

    monkeypatch.setattr(screens.import_dialog, "read_clipboard", fake_read)
    app = make_app(sample_store)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("i")
        app.pop_screen()
        app.push_screen(ImportScreen(app.library, env={"DISPLAY": ":0"}))
        await pilot.pause()
        screen = dialog(app)
        await pilot.press("ctrl+v")
        await wait_until(lambda: screen.state == "preview", pilot=pilot)
        assert calls == [3.0]
        assert "2 entries: 2 new papers" in text_of(screen, "#import-preview")
        monkeypatch.setattr(
            screens.import_dialog,
            "read_clipboard",
            lambda *, timeout: PasteResult(False, "", "the clipboard is empty"),
        )
        await pilot.press("escape")
        await pilot.press("ctrl+v")
        await wait_until(
            lambda: screen.state == "ask" and "empty" in text_of(screen, "#import-status"), pilot=pilot
        )
        assert text_of(screen, "#import-status").startswith(
            "Not imported: the clipboard is empty; paste into"
        )


async def test_esc_stops_a_long_read_and_nothing_is_written(
    sample_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    stopped: list[str] = []

    def slow_parse(data: bytes, layout: str | None = None, *, progress: Any = None) -> Any:
        try:
            for step in range(1000):
                progress(step, 1000)
                time.sleep(0.01)
        except BaseException as error:
            stopped.append(type(error).__name__)
            raise
        raise AssertionError("not stopped")

    monkeypatch.setattr(imports, "parse_bytes", slow_parse)
    before = (sample_store.data_dir / PAPERS_FILE).read_bytes()
    app = make_app(sample_store)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("i")
        screen = dialog(app)
        screen.query_one(PathInput).value = str(FIXTURES / "arxiv_mailing.txt")
        await pilot.press("enter")
        bar = screen.query_one(ProgressBar)
        await wait_until(lambda: (bar.percentage or 0) > 0.02, pilot=pilot)
        assert bar.display
        await pilot.press("escape")
        await wait_until(lambda: stopped == ["ReadCancelled"], pilot=pilot)
        await wait_until(lambda: screen.state == "ask", pilot=pilot)
        assert text_of(screen, "#import-status") == "Stopped: nothing was imported."
    assert (sample_store.data_dir / PAPERS_FILE).read_bytes() == before


async def test_not_a_digest_is_refused_in_the_dialog(sample_store: Store) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_and_read(pilot, app, str(FIXTURES / "feed_billion_laughs.xml"))
        assert screen.state == "ask"
        assert text_of(screen, "#import-status").startswith(
            "Not imported: refused: the XML declares entities"
        )


async def test_welcome_screen_imports_too(tmp_path: Path, frozen_time: str) -> None:
    store = Store(tmp_path / "empty")
    app = make_app(store)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await open_and_read(pilot, app, str(FIXTURES / "feed_atom_classic.xml"))
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen) and len(store) == 2


async def test_help_lists_the_import_key(sample_store: Store) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        body = str(app.screen.query_one("#help-body", Static).render())
        assert "Import a file or the clipboard: a preview first, then u undoes it all" in body


async def test_tab_completes_like_a_shell(sample_store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "bad"
    folder.mkdir()
    for name in ("trunc.xml", "trunc2.xml", "trunc_rss.xml"):
        (folder / name).write_text("<rss/>", encoding="utf-8")
    (folder / "other.bib").write_text("", encoding="utf-8")
    app = make_app(sample_store)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("i")
        screen = dialog(app)
        path_input = screen.query_one(PathInput)
        path_input.value = f"{folder}/t"
        path_input.cursor_position = len(path_input.value)
        await pilot.press("tab")  # three matches: their common start
        assert path_input.value == f"{folder}/trunc"
        await pilot.press("tab")  # then one by one, in order
        assert path_input.value == f"{folder}/trunc.xml"
        await pilot.press("tab")
        assert path_input.value == f"{folder}/trunc2.xml"
        await pilot.press("tab")
        assert path_input.value == f"{folder}/trunc_rss.xml"
        await pilot.press("tab")  # and round again
        assert path_input.value == f"{folder}/trunc.xml"
        path_input.value = f"{folder}/o"
        path_input.cursor_position = len(path_input.value)
        await pilot.press("tab")  # one match: taken whole
        assert path_input.value == f"{folder}/other.bib"


async def test_the_dialog_merges_a_json_export_after_saying_it_cannot_be_undone(
    sample_store: Store, tmp_path: Path
) -> None:
    from readq.citations.export import library_json
    from readq.library.records import Record
    from readq.models import Paper

    paper = Paper(
        id="e0e0e0e1", identity="title:a paper from another machine", title="A paper from elsewhere"
    )
    export = tmp_path / "library.json"
    record = Record.build(paper, sample_store.state(paper.id))
    export.write_text(library_json([record], {}, "2026-01-01T00:00:00+00:00"), encoding="utf-8")
    before = len(sample_store)
    app = make_app(sample_store)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        screen = await open_and_read(pilot, app, str(export))
        assert screen.state == "preview", text_of(screen, "#import-status")
        preview = text_of(screen, "#import-preview")
        assert "a readq export" in preview
        assert "1 new paper" in preview
        assert "cannot be undone" in preview
        assert screen.pending is not None and not screen.pending.undoable
        assert len(Store(sample_store.data_dir)) == before  # nothing written by the preview
        await pilot.press("enter")
        await wait_until(lambda: not isinstance(app.screen, ImportScreen), pilot=pilot)
        await pilot.pause()
        assert any("Merged" in n.message for n in app._notifications)
    titles = [p.title for p in Store(sample_store.data_dir).papers.values()]
    assert "A paper from elsewhere" in titles
    assert len(titles) == before + 1
