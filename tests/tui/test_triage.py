"""Pilot tests for every binding of the main screen and the triage flow."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from readq.models import Entry, ParseResult
from readq.store import Store
from readq.tui.app import make_app
from readq.tui.main.screen import MainScreen
from readq.tui.screens.dialogs import ConfirmScreen, HelpScreen
from readq.tui.widgets.detail import DetailPane
from readq.tui.widgets.paper_list import PaperList, fit_title
from readq.tui.widgets.sidebar import Sidebar
from tests.app_helpers import WIDE, main, palette_offers, wait_until
from tests.tui.conftest import HOSTILE


def titles(screen: MainScreen) -> list[str]:
    return [r.paper.title for r in screen.papers.rows]


def current_title(screen: MainScreen) -> str | None:
    record = screen.papers.current
    return record.paper.title if record else None


def detail_text(screen: MainScreen) -> str:
    return screen.detail.text.plain


async def test_opens_on_the_inbox_in_digest_order(sample_store: Store) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        screen = main(app)
        assert screen.view_key == "inbox"
        assert len(screen.papers.rows) == 7
        # two files imported at one time (frozen here): the later file first, each in digest order
        assert titles(screen)[:5] == [
            "Learning to Refuse: Safety Fine-Tuning Without Capability Loss",
            "Graph Transformers Are Secretly Message Passing Networks",
            "Sparse Mixtures of Tiny Experts for Long-Context Retrieval",
            "Calibrated Uncertainty for Code Generation Agents",  # first seen in 001
            HOSTILE,
        ]
        assert screen.papers.has_focus
        await pilot.pause()


async def test_movement_keys_update_the_detail(sample_store: Store) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=WIDE) as pilot:
        screen = main(app)
        rows = titles(screen)
        await pilot.press("j")
        assert current_title(screen) == rows[1]
        assert rows[1] in detail_text(screen)
        await pilot.press("down", "down")
        assert screen.papers.cursor == 3
        await pilot.press("k")
        assert screen.papers.cursor == 2
        await pilot.press("up")
        assert screen.papers.cursor == 1
        await pilot.press("G")
        assert screen.papers.cursor == len(rows) - 1
        assert rows[-1] in detail_text(screen)
        await pilot.press("g")
        assert screen.papers.cursor == 0
        await pilot.press("end")
        assert screen.papers.cursor == len(rows) - 1
        await pilot.press("home")
        assert screen.papers.cursor == 0
        await pilot.press("pagedown")
        assert screen.papers.cursor == len(rows) - 1  # one page holds them all
        await pilot.press("pageup")
        assert screen.papers.cursor == 0
        await pilot.press("k")  # stays at the top
        assert screen.papers.cursor == 0


async def test_tab_and_enter_move_focus_between_panes(sample_store: Store) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=WIDE) as pilot:
        screen = main(app)
        await pilot.press("tab")
        assert screen.query_one(DetailPane).has_focus
        await pilot.press("tab")
        assert screen.query_one(Sidebar).has_focus
        await pilot.press("tab")
        assert screen.query_one(PaperList).has_focus
        await pilot.press("enter")
        assert screen.query_one(DetailPane).has_focus
        await pilot.press("j")  # scrolls the detail, does not move the list
        assert screen.papers.cursor == 0


async def test_brackets_switch_views_and_sidebar_picks_them(sample_store: Store) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=WIDE) as pilot:
        screen = main(app)
        seen = [screen.view_key]
        for _ in range(6):
            await pilot.press("right_square_bracket")
            seen.append(screen.view_key)
        assert seen == [
            "inbox",
            "queue",
            "read",
            "all",
            "snoozed",
            "digest:001_daily.txt",
            "digest:002_alphaxiv.txt",
        ]
        await pilot.press("right_square_bracket")
        assert screen.view_key == "inbox"
        await pilot.press("left_square_bracket")
        assert screen.view_key == "digest:002_alphaxiv.txt"
        assert len(screen.papers.rows) == 3
        sidebar = screen.query_one(Sidebar)
        sidebar.focus()
        sidebar.highlighted = 3
        await pilot.press("enter")
        assert screen.view_key == "all" and len(screen.papers.rows) == 7
        assert screen.papers.has_focus


async def test_read_and_priority_move_papers_out_of_the_inbox(sample_store: Store) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=WIDE) as pilot:
        screen = main(app)
        rows = titles(screen)
        await pilot.press("r")
        assert titles(screen) == rows[1:] and current_title(screen) == rows[1]
        await pilot.press("2")
        assert titles(screen) == rows[2:] and current_title(screen) == rows[2]
        await pilot.press("0")  # triaged, not queued
        assert titles(screen) == rows[3:]
        assert screen.library.count("inbox") == 4
        assert screen.library.count("queue") == 1
        assert screen.library.count("read") == 1
        # on disk, at once
        fresh = Store(sample_store.data_dir)
        by_title = {p.title: p.id for p in fresh.papers.values()}
        assert fresh.state(by_title[rows[0]]).read
        assert fresh.state(by_title[rows[1]]).priority == 2
        assert fresh.state(by_title[rows[2]]).triaged and fresh.state(by_title[rows[2]]).priority == 0
        # outside the inbox, r toggles in place
        await pilot.press("right_square_bracket", "right_square_bracket", "right_square_bracket")
        assert screen.view_key == "all"
        before = titles(screen)
        await pilot.press("r", "r")
        assert titles(screen) == before
        for digit in "123":
            await pilot.press(digit)
            assert screen.papers.current is not None and screen.papers.current.state.priority == int(digit)


async def test_queue_is_highest_priority_first(sample_store: Store) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=WIDE) as pilot:
        screen = main(app)
        rows = titles(screen)
        await pilot.press("1", "3", "2")
        await pilot.press("right_square_bracket")
        assert screen.view_key == "queue"
        assert titles(screen) == [rows[1], rows[2], rows[0]]
        assert [r.state.priority for r in screen.papers.rows] == [3, 2, 1]


async def test_inbox_zero_with_one_key_per_paper(sample_store: Store) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        screen = main(app)
        keys = ["r", "1", "0", "3", "r", "2", "0"]
        assert len(keys) == len(screen.papers.rows)
        for key in keys:
            await pilot.press(key)
        assert screen.papers.rows == []
        assert screen.library.count("inbox") == 0
        assert "Nothing here" in detail_text(screen)
        assert screen.library.count("queue") == 3 and screen.library.count("read") == 2
        fresh = Store(sample_store.data_dir)
        assert sum(1 for s in fresh.states.values() if s.read) == 2
        assert sorted(s.priority for s in fresh.states.values() if s.priority) == [1, 2, 3]


async def test_mark_all_read_asks_then_undo_restores_everything(sample_store: Store) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        screen = main(app)
        await pilot.press("x")
        assert isinstance(app.screen, ConfirmScreen)
        assert "Mark 7 papers in Inbox as read?" in str(app.screen.query_one("#question").render())
        await pilot.press("n")
        assert app.screen is screen and len(screen.papers.rows) == 7
        await pilot.press("x")
        await pilot.press("y")
        await pilot.pause()
        assert app.screen is screen
        assert screen.papers.rows == [] and screen.library.count("read") == 7
        assert all(s.read for s in Store(sample_store.data_dir).states.values())
        await pilot.press("u")
        assert len(screen.papers.rows) == 7 and screen.library.count("read") == 0
        assert not any(s.read for s in Store(sample_store.data_dir).states.values())
        await pilot.press("U")
        assert screen.papers.rows == [] and screen.library.count("read") == 7
        await pilot.press("u")
        assert len(screen.papers.rows) == 7


async def test_undo_and_redo_single_changes_survive_view_switches(sample_store: Store) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        screen = main(app)
        first = current_title(screen)
        await pilot.press("3")
        await pilot.press("right_square_bracket", "right_square_bracket")  # to Read and back
        await pilot.press("left_square_bracket", "left_square_bracket")
        assert screen.view_key == "inbox"
        await pilot.press("u")
        assert current_title(screen) == first
        assert screen.papers.current is not None and screen.papers.current.state.priority == 0
        assert not screen.papers.current.state.triaged
        await pilot.press("ctrl+r")
        assert first not in titles(screen)
        await pilot.press("u")
        await pilot.press("u")  # nothing left to undo: says so, changes nothing
        assert any(n.message == "Nothing to undo." for n in app._notifications)
        assert first in titles(screen)


async def test_search_narrows_as_you_type_and_escape_clears(sample_store: Store) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=WIDE) as pilot:
        screen = main(app)
        await pilot.press("slash")
        search = screen.query_one("#search", Input)
        assert search.has_focus and search.display
        counts = []
        for char in "calibr":
            await pilot.press(char)
            counts.append(len(screen.papers.rows))
        assert counts[-1] == 1 and counts == sorted(counts, reverse=True)
        assert current_title(screen) == "Calibrated Uncertainty for Code Generation Agents"
        await pilot.press("enter")
        assert screen.papers.has_focus and len(screen.papers.rows) == 1
        await pilot.press("slash")
        search.value = ""
        for char in "author:ada":
            await pilot.press(char)
        assert titles(screen) == ["Learning to Refuse: Safety Fine-Tuning Without Capability Loss"]
        await pilot.press("space", "(")  # a broken query keeps the last good results and says why
        assert len(screen.papers.rows) == 1 and screen.query_error
        await pilot.press("escape")
        assert not search.display and len(screen.papers.rows) == 7 and screen.query_error is None


async def test_sort_cycles_through_every_key(sample_store: Store) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        screen = main(app)
        seen = [screen.sort]
        for _ in range(7):
            await pilot.press("s")
            seen.append(screen.sort)
        assert seen == ["added", "priority", "date", "score", "title", "seen", "suggested", "added"]
        await pilot.press("s", "s", "s")  # by score
        assert screen.sort == "score"
        assert titles(screen)[0] == "Learning to Refuse: Safety Fine-Tuning Without Capability Loss"
        assert "sort: score (highest first)" in str(screen.query_one("#status").render())


async def test_help_lists_every_key_and_palette_has_the_commands(sample_store: Store) -> None:
    from readq.tui.commands import COMMANDS

    app = make_app(sample_store)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = " ".join(str(app.screen.query_one("#help-body").render()).split())  # wrapped lines joined
        assert len(app.settings.commands) == len(COMMANDS)
        for command in app.settings.commands:  # the effective ones: "{format}" filled in
            assert command.help in text
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)
        titles_in_palette = [c.title for c in app.get_system_commands(app.screen)]
        for command in COMMANDS:
            if command.palette:
                assert any(t.startswith(command.title) for t in titles_in_palette)
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "CommandPalette"
        await pilot.press(*"toggle read")
        await wait_until(lambda: palette_offers(app, "toggle read"), "the palette's hit", pilot=pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert main(app).library.count("read") == 1


async def test_q_quits(sample_store: Store) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("q")
        await pilot.pause()
        # Checked inside the test harness: leaving it would stop the app whatever q did.
        assert app.return_code == 0 and not app.is_running


async def test_hostile_title_is_shown_verbatim_and_clicking_it_does_nothing(sample_store: Store) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=WIDE) as pilot:
        screen = main(app)
        index = titles(screen).index(HOSTILE)
        for _ in range(index):
            await pilot.press("j")
        assert HOSTILE in detail_text(screen)
        await pilot.click("#detail-head", offset=(20, 0))
        await pilot.click(PaperList, offset=(20, index))
        await pilot.pause()
        assert app.is_running
        strip = screen.papers.render_line(index)
        width = screen.papers.column_widths(screen.papers.size.width)[0]
        shown = fit_title(HOSTILE, width).rstrip()
        assert shown in strip.text and HOSTILE.startswith(shown.rstrip("…"))
        assert len(shown) > width // 2  # cut after a whole word, never less than half the column


async def test_clicking_a_row_selects_it(sample_store: Store) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=WIDE) as pilot:
        screen = main(app)
        await pilot.click(PaperList, offset=(10, 2))
        assert screen.papers.cursor == 2
        assert titles(screen)[2] in detail_text(screen)


async def test_narrow_terminal_puts_the_detail_under_the_list(sample_store: Store) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = main(app)
        await pilot.pause()
        assert screen.has_class("-narrow")
        papers, detail = screen.query_one(PaperList).region, screen.query_one(DetailPane).region
        assert detail.y >= papers.bottom  # stacked, not side by side


async def test_empty_store_shows_the_welcome_screen(tmp_path: Path) -> None:
    from readq.tui.screens.welcome import WelcomeScreen

    app = make_app(Store(tmp_path / "empty"))
    async with app.run_test(size=WIDE) as pilot:
        assert isinstance(app.screen, WelcomeScreen)
        text = str(app.screen.query_one("#welcome-text").render())
        assert "readq import" in text and "readq demo" in text
        await pilot.press("q")


async def test_arrow_keys_move_the_cursor_in_a_list_longer_than_the_screen(tmp_path: Path) -> None:
    """ScrollView's own bindings (↑ ↓ Home End PgUp PgDn) scroll a list that overflows without moving the
    cursor; the sample library fits on screen, so this one is four screens long."""
    store = Store(tmp_path / "data")
    entries = tuple(Entry(f"Paper number {i:03d} about a topic", "An abstract. " * 5) for i in range(120))
    store.import_result(ParseResult("hf-blank", entries, "Nov 23"), "long.txt")
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = main(app)
        papers = screen.papers
        rows = len(papers.rows)
        assert rows == 120 and papers.size.height < rows
        await pilot.press("down", "down")
        assert papers.cursor == 2
        await pilot.press("up")
        assert papers.cursor == 1
        await pilot.press("end")
        assert papers.cursor == rows - 1
        assert papers.rows[-1].title in detail_text(screen)
        await pilot.press("home")
        assert papers.cursor == 0 and papers.scroll_y == 0
        await pilot.press("pagedown")
        assert papers.cursor > 1
        assert papers.scroll_y <= papers.cursor < papers.scroll_y + papers.size.height
        await pilot.press("pageup")
        assert papers.cursor == 0
    store.close()


async def test_detail_scrollbar_follows_the_paper_in_the_same_frame(tmp_path: Path) -> None:
    """The scrollbar is set when the text is (not in a later layout pass); when it appears or goes away the
    text is wrapped again to the width left for it."""
    store = Store(tmp_path / "data")
    entries = (
        Entry("A paper with a long abstract", "Many words in this abstract. " * 80),
        Entry("A paper with a short abstract", "Short."),
        Entry("Another long one", "More words in this abstract too. " * 60),
    )
    store.import_result(ParseResult("hf-blank", entries, "Nov 23"), "001.txt")
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = main(app)
        text = screen.detail.text
        await pilot.pause()
        assert text.show_vertical_scrollbar and text.max_scroll_y > 0
        long_height = text.virtual_size.height
        await pilot.press("j")
        assert text.virtual_size.height < long_height  # set in the key's handler, before any layout
        await pilot.pause()
        assert not text.show_vertical_scrollbar
        assert text.virtual_size.width == text.scrollable_content_region.width
        await pilot.press("j")
        await pilot.pause()
        assert text.show_vertical_scrollbar
        assert text.virtual_size.width == text.scrollable_content_region.width  # wrapped to the narrower text
        assert "More words" in text.plain
    store.close()
