"""The import dialog alone in a host app: it reads and previews, writes nothing, and dismisses with a
PendingImport (or None)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from textual import events
from textual.widgets import Button

from readq.library.service import Library
from readq.parsing import parse_bytes
from readq.store import Store
from readq.tui.screens.import_dialog import ImportScreen, PendingImport
from readq.tui.widgets.path_input import PathInput
from tests.tui.modals.host import SIZE, ModalHost, text_of

FIXTURES = Path(__file__).resolve().parents[2] / "parsing" / "fixtures"
MAILING = FIXTURES / "arxiv_mailing.txt"
PASTED = MAILING.read_text(encoding="utf-8")


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    store = Store(tmp_path / "data")
    yield Library(store)
    store.close()


def dialog(library: Library) -> ModalHost:
    return ModalHost(lambda: ImportScreen(library, env={}))  # an environment without a clipboard


def screen_of(app: ModalHost) -> ImportScreen:
    assert isinstance(app.modal, ImportScreen)
    return app.modal


async def read(app: ModalHost, pilot: object, path: str) -> ImportScreen:
    screen = screen_of(app)
    screen.query_one(PathInput).value = path
    await pilot.press("enter")  # type: ignore[attr-defined]
    await app.workers.wait_for_complete()
    await pilot.pause()  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    return screen


async def test_a_file_is_previewed_then_imported_by_enter(library: Library) -> None:
    app = dialog(library)
    async with app.run_test(size=SIZE) as pilot:
        screen = await read(app, pilot, str(MAILING))
        assert screen.state == "preview"
        preview = text_of(screen, "#import-preview")
        assert "new paper" in preview and "Nothing is written until you press Import" in preview
        assert screen.query_one("#import-confirm", Button).has_focus
        await pilot.press("enter")
        await pilot.pause()
    [pending] = app.dismissed
    assert isinstance(pending, PendingImport)
    assert pending.label == MAILING.name and pending.result.entries
    assert len(library.store) == 0  # the dialog never writes: the caller imports


async def test_a_click_on_import_dismisses_with_the_pending_import(library: Library) -> None:
    app = dialog(library)
    async with app.run_test(size=SIZE) as pilot:
        await read(app, pilot, str(MAILING))
        assert await pilot.click("#import-confirm")
        await pilot.pause()
    assert [type(p) for p in app.dismissed] == [PendingImport]


async def test_escape_goes_back_from_the_preview_then_closes_with_none(library: Library) -> None:
    app = dialog(library)
    async with app.run_test(size=SIZE) as pilot:
        screen = await read(app, pilot, str(MAILING))
        await pilot.press("escape")
        await pilot.pause()
        assert screen.state == "ask" and app.dismissed == []
        assert text_of(screen, "#import-status") == "Not imported. Give another file, or esc to close."
        assert screen.query_one(PathInput).has_focus
        await pilot.press("escape")
        await pilot.pause()
        assert app.dismissed == [None]


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("   ", "Type the path of a file to import, or press ctrl+v for the clipboard."),
        ("{tmp}/missing.txt", "Not imported: "),
        (str(FIXTURES / "binary.bin"), "Not imported: "),
    ],
    ids=["empty", "missing", "binary"],
)
async def test_what_cannot_be_read_is_refused_and_the_dialog_stays(
    library: Library, tmp_path: Path, path: str, status: str
) -> None:
    app = dialog(library)
    async with app.run_test(size=SIZE) as pilot:
        screen = await read(app, pilot, path.format(tmp=tmp_path))
        assert screen.state == "ask" and app.dismissed == []
        assert text_of(screen, "#import-status").startswith(status)
        await pilot.press("escape")
        await pilot.pause()
        assert app.dismissed == [None]


async def test_nothing_new_cannot_be_imported(library: Library) -> None:
    library.import_result(parse_bytes(MAILING.read_bytes()), MAILING.name)  # every paper already there
    app = dialog(library)
    async with app.run_test(size=SIZE) as pilot:
        screen = await read(app, pilot, str(MAILING))
        preview = " ".join(text_of(screen, "#import-preview").split())
        assert "Already imported as arxiv_mailing.txt: nothing would change" in preview
        assert screen.query_one("#import-confirm", Button).disabled
        await pilot.press("enter")
        await pilot.pause()
        assert app.dismissed == [] and screen.pending is None


async def test_pasted_text_is_previewed_and_labelled_as_pasted(library: Library) -> None:
    app = dialog(library)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = screen_of(app)
        screen.query_one(PathInput).post_message(events.Paste(PASTED))
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.pause()
        assert screen.state == "preview"
        await pilot.press("enter")
        await pilot.pause()
    [pending] = app.dismissed
    assert isinstance(pending, PendingImport) and pending.label.startswith("pasted-")


async def test_ctrl_v_without_a_clipboard_says_how_to_paste(library: Library) -> None:
    app = dialog(library)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+v")
        await pilot.pause()
        screen = screen_of(app)
        assert screen.state == "ask" and app.dismissed == []
        status = text_of(screen, "#import-status")
        assert status.startswith("The clipboard cannot be read here (")
        assert "paste key" in status


async def test_text_pasted_again_is_already_imported(library: Library) -> None:
    library.import_result(parse_bytes(MAILING.read_bytes()), "pasted-2026-12-01-0900")
    app = dialog(library)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = screen_of(app)
        screen.query_one(PathInput).post_message(events.Paste(PASTED))
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.pause()
        assert "Already imported as pasted-2026-12-01-0900" in text_of(screen, "#import-preview")
        assert screen.query_one("#import-confirm", Button).disabled


async def test_wrapped_preview_lines_hang_under_their_bullet(library: Library) -> None:
    app = dialog(library)
    async with app.run_test(size=(60, 36)) as pilot:  # narrow: long titles and warnings wrap
        screen = await read(app, pilot, str(MAILING))
        preview = screen.query_one("#import-preview")
        lines = [preview.render_line(y).text.rstrip() for y in range(preview.size.height)]
        start = next(i for i, line in enumerate(lines) if line.startswith("First new papers"))
        bullets = [line for line in lines[start + 1 :] if line.strip()][:6]
        assert any(line.startswith("  • ") for line in bullets)
        wrapped = [line for line in bullets if not line.startswith("  • ") and not line.startswith("  …")]
        assert wrapped and all(line.startswith("    ") and line[4] != " " for line in wrapped)
