"""Pilot tests for citing in the app: y, Y, m, E (and undoing an edit), the copy chain and its dialog."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.drivers.headless_driver import HeadlessDriver
from textual.widgets import Input, OptionList, TextArea

from readq.store import Store
from readq.system.clipboard import CopyResult
from readq.tui.app import ReadqApp, make_app
from readq.tui.main.screen import MainScreen
from readq.tui.screens.cite_dialogs import CitationDialog, FormatPicker
from readq.tui.screens.dialogs import ConfirmScreen
from readq.tui.screens.edit_form import EditScreen
from readq.tui.widgets.paper_list import MARK
from tests.app_helpers import WIDE, main


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What the app writes to its terminal (the headless driver's writes), and a terminal that cannot copy
    (the clipboard variables are cleared for every test by tests/conftest.py) until a test adds one."""
    monkeypatch.setenv("TERM", "dumb")
    written: list[str] = []
    monkeypatch.setattr(HeadlessDriver, "write", lambda self, data: written.append(data))
    return written


def messages(app: ReadqApp) -> list[str]:
    return [n.message for n in app._notifications]


def osc52(written: list[str]) -> list[str]:
    return [w for w in written if "]52;" in w]


async def copied(app: ReadqApp, pilot: object) -> None:
    """Let the copy worker finish and its result reach the screen."""
    await app.workers.wait_for_complete()
    await pilot.pause()  # type: ignore[attr-defined]


def never_says_copied(message: str) -> bool:
    return "copied" not in message.replace("not copied", "").replace("Not copied", "")


async def test_y_copies_bibtex_to_the_system_clipboard_and_pins_the_key(
    sample_store: Store, fake_pyperclip: Path, terminal: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DISPLAY", ":0")
    app = make_app(sample_store)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        screen = main(app)
        await pilot.press("j", "j", "j")  # Calibrated: authors and a year from alphaXiv
        record = screen.papers.current
        assert record is not None
        await pilot.press("y")
        await copied(app, pilot)
        text = fake_pyperclip.read_text(encoding="utf-8")
        assert text.startswith("@misc{garcialopez2026calibrated,")
        assert "author = {Garc{\\'\\i}a-L{\\'o}pez, Maria and Zhang, Wei and O'Neil, John and others}" in text
        assert sample_store.state(record.paper.id).citekey == "garcialopez2026calibrated"
        message = messages(app)[-1]
        assert message.startswith("BibTeX: copied to the system clipboard (fake).")
        assert "Author list incomplete (et al.); no URL known — press E to add them." in message
        assert osc52(terminal) == [] and isinstance(app.screen, MainScreen)
        assert "key garcialopez2026calibrated" in screen.detail.text.plain


async def test_y_when_pyperclip_fails_and_no_terminal_clipboard_shows_the_dialog(
    sample_store: Store, fake_pyperclip: Path, terminal: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.setenv("FAKE_CLIP_MODE", "raise")
    app = make_app(sample_store)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await pilot.press("j", "j", "y")  # the first paper of 001: a Hugging Face paper, no authors
        await copied(app, pilot)
        assert isinstance(app.screen, CitationDialog)
        area = app.screen.query_one("#citation-text", TextArea)
        assert area.read_only and area.text.startswith("@misc{sparsemixtures,")
        assert not fake_pyperclip.exists() and osc52(terminal) == []
        message = messages(app)[-1]
        assert message.startswith("BibTeX: not copied (the system clipboard did not take the text")
        assert "could not find a copy/paste mechanism" in message
        assert "No authors known; no year known; no URL known — press E to add them." in message
        assert all(never_says_copied(m) for m in messages(app))
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_y_falls_back_to_osc52_through_the_driver(
    sample_store: Store, fake_pyperclip: Path, terminal: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setenv("FAKE_CLIP_MODE", "lie")  # xclip with a stale DISPLAY: exits, copies nothing
    app = make_app(sample_store)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await pilot.press("y")
        await copied(app, pilot)
        sent = osc52(terminal)
        assert len(sent) == 1 and sent[0].startswith("\x1b]52;c;") and sent[0].endswith("\x07")
        message = messages(app)[-1]
        assert message.startswith(
            "BibTeX: sent to the terminal's clipboard (OSC 52) — works if your terminal"
        )
        assert "Y, then v, shows the text" in message
        assert never_says_copied(message) and isinstance(app.screen, MainScreen)

        monkeypatch.setenv("TMUX", "/tmp/tmux-1000/default,1,0")
        await pilot.press("y")
        await copied(app, pilot)
        plain, wrapped = osc52(terminal)[-1].split("\x07", 1)
        assert plain == sent[0].removesuffix("\x07") and wrapped.startswith("\x1bPtmux;\x1b\x1b]52;c;")
        assert "through tmux (OSC 52)" in messages(app)[-1]


async def test_a_hanging_clipboard_tool_never_freezes_the_app(
    sample_store: Store, fake_pyperclip: Path, terminal: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.setenv("FAKE_CLIP_MODE", "hang")
    monkeypatch.setattr("readq.tui.main.cite.COPY_TIMEOUT", 0.5)
    app = make_app(sample_store)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        screen = main(app)
        await pilot.press("y")
        await pilot.press("j")  # the app keeps answering while the tool hangs
        assert screen.papers.cursor == 1
        await copied(app, pilot)
        assert isinstance(app.screen, CitationDialog)
        assert "did not answer within 0.5 s" in messages(app)[-1]


async def test_an_unexpected_clipboard_error_is_reported_not_raised(
    sample_store: Store, terminal: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> CopyResult:
        raise OSError("Too many open files\nTraceback (most recent call last): ...")

    monkeypatch.setattr("readq.tui.main.cite.copy_text", broken)
    app = make_app(sample_store)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await pilot.press("y")
        await copied(app, pilot)
        assert isinstance(app.screen, CitationDialog)
        assert "not copied (OSError: Too many open files)" in messages(app)[-1]
        assert "Traceback" not in messages(app)[-1]
        assert app.is_running


async def test_Y_picks_a_format_with_a_preview_and_v_shows_the_text(
    sample_store: Store, fake_pyperclip: Path, terminal: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DISPLAY", ":0")
    app = make_app(sample_store)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        screen = main(app)
        await pilot.press("j", "j", "j", "Y")
        assert isinstance(app.screen, FormatPicker)
        preview = app.screen.query_one("#picker-preview")
        assert "@misc{garcialopez2026calibrated," in str(preview.render())
        assert sample_store.state(screen.papers.rows[3].paper.id).citekey is None  # a preview pins nothing
        await pilot.press("down")  # APA
        assert "García-López, M., Zhang, W., O'Neil, J., et al. (2026)." in str(preview.render())
        await pilot.press("enter")
        await copied(app, pilot)
        assert fake_pyperclip.read_text(encoding="utf-8").startswith("García-López, M., Zhang, W.")
        assert messages(app)[-1].startswith("APA: copied to the system clipboard (fake).")

        await pilot.press("Y", "down", "down", "down", "down", "v")  # CSL-JSON, shown
        assert isinstance(app.screen, CitationDialog)
        assert app.screen.query_one(TextArea).text.startswith('[\n  {\n    "id": "garcialopez2026calibrated"')
        await pilot.press("escape")
        await pilot.press("Y", "escape")
        assert isinstance(app.screen, MainScreen)


async def test_m_marks_papers_and_y_copies_all_of_them(
    sample_store: Store, fake_pyperclip: Path, terminal: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DISPLAY", ":0")
    app = make_app(sample_store)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        screen = main(app)
        rows = screen.papers.rows
        await pilot.press("j", "j", "m", "m")  # marks and moves on
        assert list(screen.marked) == [rows[2].paper.id, rows[3].paper.id]
        assert screen.papers.cursor == 4
        assert screen.papers.render_line(2).text.startswith(MARK)
        assert not screen.papers.render_line(4).text.startswith(MARK)
        assert "2 marked" in str(screen.query_one("#status").render())
        await pilot.press("k", "m")  # unmarks
        await pilot.press("g", "j", "j", "j", "j", "j", "m")
        assert list(screen.marked) == [rows[2].paper.id, rows[5].paper.id]
        await pilot.press("y")
        await copied(app, pilot)
        text = fake_pyperclip.read_text(encoding="utf-8")
        assert text.count("@misc{") == 2
        assert text.index("@misc{sparsemixtures,") < text.index("@misc{scalinglaws,")
        assert messages(app)[-1].startswith("BibTeX of 2 papers: copied to the system clipboard (fake).")
        assert "No authors known for 2 of 2 papers" in messages(app)[-1]

        await pilot.press("slash", "x", "escape")  # esc with a search open clears the search only
        assert len(screen.marked) == 2
        await pilot.press("escape")  # then the marks
        assert not screen.marked and "marked" not in str(screen.query_one("#status").render())
        assert "Cleared 2 marks." in messages(app)
        await pilot.press("m", "M")
        assert not screen.marked


async def test_E_edits_metadata_everywhere_and_u_undoes_it(sample_store: Store, terminal: list[str]) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        screen = main(app)
        await pilot.press("j", "j")  # Sparse Mixtures: no authors
        pid = screen.papers.rows[2].paper.id
        await pilot.press("E")
        assert isinstance(app.screen, EditScreen)
        form = app.screen
        assert form.query_one("#edit-authors", Input).value == ""
        form.query_one("#edit-authors", Input).value = "Zoë Müller; Jan van der Berg; et al."
        form.query_one("#edit-year", Input).value = "20"
        await pilot.press("enter")
        assert isinstance(app.screen, EditScreen)  # a bad year is shown in the form, nothing saved
        assert "year: '20' is not a year" in str(form.query_one("#edit-error").render())
        assert form.query_one("#edit-year", Input).has_focus
        form.query_one("#edit-year", Input).value = "2025"
        form.query_one("#edit-venue", Input).value = "ICML [@click=app.quit]"
        await pilot.press("enter")
        assert isinstance(app.screen, MainScreen)
        head = screen.detail.text.plain
        assert "Zoë Müller, Jan van der Berg et al." in head
        assert "ICML [@click=app.quit] · 2025" in head  # shown literally, never as markup
        assert "edited by you: authors, year, venue" in head
        assert "Zoë Müller et al." in screen.papers.render_line(2).text
        assert sample_store.state(pid).edits["year"] == 2025
        assert Store(sample_store.data_dir).state(pid).edits["venue"] == "ICML [@click=app.quit]"  # on disk
        assert "Saved — your edits: authors, year, venue. u undoes it." in messages(app)

        await pilot.press("slash", *"author:muller", "enter")  # search sees the edit
        assert [r.paper.id for r in screen.papers.rows] == [pid]
        await pilot.press("escape")

        await pilot.press("u")
        assert sample_store.state(pid).edits == {}
        assert "authors unknown — press E to add them" in screen.detail.text.plain
        assert "Undo: edit metadata (1 paper)" in messages(app)
        await pilot.press("U")
        assert sample_store.state(pid).edits["authors"] == ("Zoë Müller", "Jan van der Berg")

        await pilot.press("E")
        await pilot.click("#digest")  # the digest's values back: saving drops the edits
        await pilot.press("ctrl+s")
        assert sample_store.state(pid).edits == {}
        await pilot.press("E", "escape")
        assert isinstance(app.screen, MainScreen) and messages(app)[-1] != "Nothing changed."
        await pilot.press("E", "ctrl+s")
        assert messages(app)[-1] == "Nothing changed."


async def test_the_dialog_saves_to_a_file_and_never_overwrites_unasked(
    sample_store: Store, terminal: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))  # the home folder is proposed, never the current directory
    monkeypatch.chdir(tmp_path / "data")
    app = make_app(sample_store)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await pilot.press("j", "j", "y")  # no clipboard at all: the dialog
        await copied(app, pilot)
        assert isinstance(app.screen, CitationDialog)
        path = app.screen.query_one("#citation-path", Input)
        assert path.value == str(tmp_path / "readq-sparsemixtures.bib")
        await pilot.press("ctrl+s")
        saved = tmp_path / "readq-sparsemixtures.bib"
        assert saved.read_text(encoding="utf-8").startswith("@misc{sparsemixtures,")
        assert isinstance(app.screen, MainScreen)

        saved.write_text("my own file", encoding="utf-8")
        await pilot.press("Y", "v")
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        assert saved.read_text(encoding="utf-8") == "my own file"
        assert isinstance(app.screen, CitationDialog)
        app.screen.query_one("#citation-path", Input).value = "sub/dir/x.bib"
        await pilot.press("ctrl+s")
        assert "There is no folder" in messages(app)[-1] and isinstance(app.screen, CitationDialog)
        app.screen.query_one("#citation-path", Input).value = "readq-sparsemixtures.bib"
        await pilot.press("ctrl+s", "y")
        assert saved.read_text(encoding="utf-8").startswith("@misc{sparsemixtures,")
        assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "readq-sparsemixtures.bib"]

        (tmp_path / "refs").mkdir()  # save somewhere else: the next dialog proposes that folder
        await pilot.press("y")
        await copied(app, pilot)
        app.screen.query_one("#citation-path", Input).value = str(tmp_path / "refs" / "one.bib")
        await pilot.press("ctrl+s")
        await pilot.press("e", "enter")  # an export, shown: the same folder
        await copied(app, pilot)
        assert isinstance(app.screen, CitationDialog)
        proposed = Path(app.screen.query_one("#citation-path", Input).value)
        assert proposed.parent == tmp_path / "refs"


async def test_format_picker_lists_every_format(sample_store: Store, terminal: list[str]) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("Y")
        options = app.screen.query_one("#formats", OptionList)
        assert options.option_count == 6 and options.highlighted == 0
