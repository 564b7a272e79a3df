"""What a researcher on an 80x24 terminal must still reach: the whole note, the edit form's buttons and the
reason a search does not parse (each was cut off there once)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Button, Static

from readq.models import Entry, ParseResult
from readq.store import Store
from readq.tui.app import make_app
from readq.tui.screens.edit_form import EditScreen
from tests.app_helpers import main, note_shown, wait_until

SMALL = (80, 24)
NOTE = "# Key idea\n\nLine two.\n\n- point one\n- point two\n- point three\n\nLast line of the note.\n"
LONG_TITLE = (
    "Learning to Refuse Without Forgetting: Safety Fine-Tuning That Keeps Every Capability on Twelve "
    "Benchmarks, Four Languages and Three Model Families, with a Study of What Refusal Training Changes "
    "Inside the Model and Why Earlier Methods Lost So Much of What the Base Model Could Do"
)


def make_store(tmp_path: Path) -> Store:
    store = Store(tmp_path / "data")
    entries = (
        Entry(LONG_TITLE, "An abstract long enough to fill the detail pane. " * 12),
        Entry("A second paper", "Another abstract. " * 5),
    )
    store.import_result(ParseResult("hf-blank", entries, "Nov 23"), "001.txt")
    return store


def visible(region_widget: object, app: object) -> bool:
    """Whether the widget is on screen, whole, inside the terminal."""
    region = region_widget.region  # type: ignore[attr-defined]
    size = app.size  # type: ignore[attr-defined]
    return region.height > 0 and region.y >= 0 and region.bottom <= size.height


async def test_the_whole_note_can_be_scrolled_into_view(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    pid = next(iter(store.papers))
    store.update_state(pid, note=NOTE)
    app = make_app(store)
    async with app.run_test(size=SMALL) as pilot:
        screen = main(app)
        assert screen.papers.current is not None and screen.papers.current.pid == pid
        await wait_until(
            lambda: note_shown(app), "the note", pilot=pilot
        )  # the note renders once the cursor rests
        box = screen.detail.query_one("#detail-notebox")
        assert not box.has_class("-hidden")
        assert box.max_scroll_y > 0  # at 80x24 the note does not fit: it must be scrollable
        await pilot.press("enter", "G")  # focus the detail, go to its end
        await pilot.pause()
        assert screen.detail.text.scroll_y == screen.detail.text.max_scroll_y
        assert box.scroll_y == box.max_scroll_y
        assert screen.papers.cursor == 0  # G scrolled the detail, not the list
        await pilot.press("g")
        await pilot.pause()
        assert box.scroll_y == 0 and screen.detail.text.scroll_y == 0
        for _ in range(40):  # line by line: through the abstract, then on into the note
            await pilot.press("j")
        await pilot.pause()
        assert box.scroll_y == box.max_scroll_y
        for _ in range(40):  # and back: the note to its top first, then the abstract
            await pilot.press("k")
        await pilot.pause()
        assert box.scroll_y == 0 and screen.detail.text.scroll_y == 0
    store.close()


async def test_edit_form_buttons_stay_on_screen_with_a_long_title(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    app = make_app(store)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("E")
        await pilot.pause()
        assert isinstance(app.screen, EditScreen)
        for button in app.screen.query(Button):
            assert visible(button, app), button.id
    store.close()


async def test_a_search_error_is_readable_in_a_narrow_terminal(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    app = make_app(store)
    async with app.run_test(size=SMALL) as pilot:
        screen = main(app)
        await pilot.press("slash", *'(author:liang OR title:"robust')
        await pilot.pause()
        status = screen.query_one("#status", Static)
        shown = "".join(
            segment.text for line in status.render_lines(status.region.reset_offset) for segment in line
        )
        assert "unterminated quote" in shown
    store.close()


def test_long_digest_names_keep_both_ends_in_the_sidebar() -> None:
    from readq.tui.widgets.sidebar import fit_digest

    first = fit_digest("atom_api-2025_all-testing_start10 · Apr 12", 11)
    second = fit_digest("atom_api-classic_au-del_maestro_2016-10-09", 11)
    assert first == "atom_…art10" and second == "atom_…10-09"  # told apart by their ends
    assert fit_digest("001 · Nov 23", 11) == "001 · Nov …"  # a short name keeps what fits of its date
    assert fit_digest("001 · Nov 23", 20) == "001 · Nov 23        "


def test_help_descriptions_hang_under_their_start_when_wrapped() -> None:
    from readq.tui.screens.dialogs import KEY_COLUMN, help_content

    lines = help_content(width=50).plain.splitlines()
    esc = next(i for i, line in enumerate(lines) if line.lstrip().startswith("esc "))
    assert lines[esc + 1].startswith(" " * KEY_COLUMN) and lines[esc + 1].strip()  # continued, indented
    described = [line for line in lines if line.startswith("  ") and line.strip()]
    assert all(len(line) <= 50 for line in described)
