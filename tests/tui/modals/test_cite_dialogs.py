"""The citation format picker and the citation text dialog, each alone in a host app."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, OptionList, TextArea

from readq.tui.screens.cite_dialogs import CitationDialog, FormatPicker
from readq.tui.screens.dialogs import ConfirmScreen
from tests.tui.modals.host import SIZE, ModalHost, messages, text_of

TEXTS = {
    "bibtex": "@article{lovelace2026,\n  title = {Notes},\n}",
    "apa": "Lovelace, A. (2026). Notes.",
    "markdown": "[Notes](https://arxiv.org/abs/2401.01234)",
    "ris": "TY  - JOUR\n" + "".join(f"AU  - Author {i}\n" for i in range(30)) + "ER  -",
}


def picker(default: str = "apa") -> ModalHost:
    return ModalHost(lambda: FormatPicker(TEXTS, default, "[b]Notes[/b]\x07"))


def highlighted(app: ModalHost) -> str | None:
    assert app.modal is not None
    formats = app.modal.query_one("#formats", OptionList)
    assert formats.highlighted is not None
    return formats.get_option_at_index(formats.highlighted).id


@pytest.mark.parametrize(
    ("keys", "answer"),
    [
        (["enter"], ("apa", False)),
        (["v"], ("apa", True)),
        (["down", "enter"], ("markdown", False)),
        (["up", "v"], ("bibtex", True)),
        (["end", "enter"], ("ris", False)),
        (["down", "down", "down", "down", "home", "enter"], ("bibtex", False)),
        (["j", "enter"], ("markdown", False)),  # the paper list's keys too
        (["k", "v"], ("bibtex", True)),
        (["G", "enter"], ("ris", False)),
        (["j", "j", "g", "enter"], ("bibtex", False)),
        (["escape"], None),
    ],
)
async def test_the_picker_dismisses_with_the_format_and_how(keys: list[str], answer: object) -> None:
    app = picker()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert highlighted(app) == "apa"  # the default
        await pilot.press(*keys)
        await pilot.pause()
        assert app.dismissed == [answer]


async def test_the_picker_previews_the_highlighted_format() -> None:
    app = picker("bibtex")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.modal is not None
        assert text_of(app.modal, "#picker-preview") == TEXTS["bibtex"]
        await pilot.press("end")
        await pilot.pause()
        shown = text_of(app.modal, "#picker-preview").splitlines()
        assert len(shown) == 14 and shown[-1] == "… (19 more lines)"  # 32 lines, 13 shown
        assert text_of(app.modal, "#picker-title") == "Cite [b]Notes[/b]"  # never markup, no bell


async def test_an_unknown_default_starts_at_the_first_format() -> None:
    app = picker("csl-json")  # not offered
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert highlighted(app) == "bibtex"
        await pilot.press("enter")
        assert app.dismissed == [("bibtex", False)]


async def test_a_click_on_a_format_copies_it() -> None:
    app = picker()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.modal is not None
        formats = app.modal.query_one("#formats", OptionList)
        row = 2  # the third option: Markdown link
        assert await pilot.click(formats, offset=(3, formats.gutter.top + row))
        await pilot.pause()
        assert app.dismissed == [("markdown", False)]


# -- the citation text and "save to file" -------------------------------------------------------------------

CITATION = "@article{noether2026,\n  title = {Graphs},\n}\n"


def dialog(folder: Path | None = None) -> ModalHost:
    return ModalHost(
        lambda: CitationDialog(
            CITATION, title="BibTeX · Graphs", reason="no clipboard here", filename="refs.bib", folder=folder
        )
    )


def path_input(app: ModalHost) -> Input:
    assert app.modal is not None
    return app.modal.query_one("#citation-path", Input)


async def test_the_dialog_shows_the_text_read_only_and_closes_with_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.chdir(tmp_path)
    app = dialog()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.modal is not None
        area = app.modal.query_one("#citation-text", TextArea)
        assert area.text == CITATION and area.read_only and area.has_focus
        assert text_of(app.modal, "#citation-reason") == "no clipboard here"
        assert path_input(app).value == str(tmp_path / "home" / "refs.bib")  # home, not the working folder
        await pilot.press("x")  # read-only: typing changes nothing
        assert area.text == CITATION
        await pilot.press("escape")
        await pilot.pause()
        assert app.dismissed == [None]
        assert not (tmp_path / "refs.bib").exists()


@pytest.mark.parametrize("how", ["ctrl+s", "enter", "click"])
async def test_saving_writes_the_file_and_closes(tmp_path: Path, how: str) -> None:
    target = tmp_path / "out" / "my refs.bib"
    target.parent.mkdir()
    app = dialog()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        path_input(app).value = f"  {target}  "
        if how == "click":
            assert await pilot.click("#save")
        else:
            path_input(app).focus()
            await pilot.press(how)
        await pilot.pause()
        assert app.dismissed == [target]  # the caller remembers the folder for the next dialog
        assert messages(app) == [f"Saved to {target}"]
    assert target.read_text(encoding="utf-8") == CITATION


async def test_a_relative_path_is_under_the_proposed_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "last").mkdir()
    app = dialog(folder=tmp_path / "last")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        assert path_input(app).value == str(tmp_path / "last" / "refs.bib")
        path_input(app).value = "cite.bib"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.dismissed == [tmp_path / "last" / "cite.bib"]
    assert (tmp_path / "last" / "cite.bib").read_text(encoding="utf-8") == CITATION


@pytest.mark.parametrize(
    ("value", "warning"),
    [
        ("   ", "Type a file name to save to."),
        ("{tmp}", "{tmp} is a folder; add a file name."),
        ("{tmp}/missing/refs.bib", "There is no folder {tmp}/missing."),
    ],
    ids=["empty", "folder", "no-folder"],
)
async def test_a_path_it_cannot_use_is_refused_and_the_dialog_stays(
    tmp_path: Path, value: str, warning: str
) -> None:
    app = dialog()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        path_input(app).value = value.format(tmp=tmp_path)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.dismissed == [] and app.is_open
        assert messages(app) == [warning.format(tmp=tmp_path)]
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("answer", "replaced"), [("y", True), ("n", False), ("escape", False)])
async def test_an_existing_file_is_replaced_only_when_confirmed(
    tmp_path: Path, answer: str, replaced: bool
) -> None:
    target = tmp_path / "refs.bib"
    target.write_text("mine\n", encoding="utf-8")
    app = dialog()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        path_input(app).value = str(target)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert str(target) in text_of(app.screen, "#question")
        await pilot.press(answer)
        await pilot.pause()
        assert app.dismissed == ([target] if replaced else [])
        assert app.is_open is not replaced
    assert target.read_text(encoding="utf-8") == (CITATION if replaced else "mine\n")
