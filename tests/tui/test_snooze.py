"""Pilot: triage a 98-paper digest to zero with one key per paper, some snoozed (``z`` then a choice); the
snoozed papers are out of the Inbox and back in it, first and marked, on their day (an injected clock)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.widgets import OptionList

from readq.library.views import DIGEST
from readq.store import Store
from readq.tui.app import make_app
from readq.tui.main.screen import MainScreen
from readq.tui.screens.snooze_dialog import SnoozeScreen
from readq.tui.widgets.paper_list import PaperList
from tests.helpers import digest

SIZE = (120, 40)
THU = date(2026, 12, 3)


class Clock:
    def __init__(self, day: date) -> None:
        self.day = day

    def __call__(self) -> date:
        return self.day


def ninety_eight(tmp_path: Path) -> Store:
    store = Store(tmp_path / "data")
    titles = [f"Paper {i:02d} on a question of some interest to readers of digests" for i in range(98)]
    store.import_result(digest(*titles), "daily.txt")
    return store


def strip_text(papers: PaperList, y: int) -> str:
    return "".join(segment.text for segment in papers.render_line(y))


async def test_a_whole_digest_triaged_with_one_key_each_some_snoozed(tmp_path: Path) -> None:
    store = ninety_eight(tmp_path)
    clock = Clock(THU)
    app = make_app(store, clock=clock)
    keys = ["r", "0", "1", "2", "3", "z"]
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        library = screen.library
        view = library.view(DIGEST + "daily.txt")
        assert library.progress(view) == (98, 98)
        snoozed: list[str] = []
        for i in range(98):
            key = keys[i % len(keys)]
            record = screen.papers.current
            assert record is not None
            await pilot.press(key)
            if key == "z":
                assert isinstance(app.screen, SnoozeScreen)
                await pilot.press("enter" if i % 12 == 5 else "w")  # tomorrow, or in a week
                snoozed.append(record.pid)
            await pilot.pause()
            assert library.progress(view) == (97 - i, 98)
        assert library.progress(view) == (0, 98)
        assert screen.papers.rows == [] and library.count("inbox") == 0
        assert library.count("snoozed") == len(snoozed) == 16
        sidebar = screen.query_one("#sidebar", OptionList)
        shown = [
            " ".join(str(sidebar.get_option_at_index(i).prompt).split()) for i in range(sidebar.option_count)
        ]
        assert "Snoozed 16" in shown and "daily · Nov 23 ✓ 98" in shown  # the digest is done

        clock.day = date(2026, 12, 4)  # tomorrow: the papers snoozed until tomorrow are back, first
        screen.poll()
        screen.load_view()
        await pilot.pause()
        back = [r.pid for r in screen.papers.rows]
        assert back == [pid for i, pid in enumerate(snoozed) if i % 2 == 0]
        assert "[snoozed on Dec 3]" in strip_text(screen.papers, 0)
        assert library.progress(view) == (8, 98)

        clock.day = date(2026, 12, 10)  # a week later: all of them
        screen.poll()
        screen.load_view()
        await pilot.pause()
        assert len(screen.papers.rows) == 16 and library.count("snoozed") == 0

        await pilot.press("u")  # the last key (a 0) undone: that paper is back in the Inbox too
        await pilot.pause()
        assert len(screen.papers.rows) == 17 and library.progress(view) == (17, 98)


async def test_z_snoozes_the_marked_papers_and_u_undoes_it(tmp_path: Path) -> None:
    store = ninety_eight(tmp_path)
    app = make_app(store, clock=lambda: THU)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await pilot.press("m", "m", "m", "z")
        assert isinstance(app.screen, SnoozeScreen)
        await pilot.press("d")
        await pilot.press(*"2026-12-25", "enter")
        await pilot.pause()
        assert screen.library.count("snoozed") == 3 and not screen.marked
        assert len(screen.papers.rows) == 95
        assert {store.state(pid).snoozed for pid in store.catalog.ids if store.state(pid).snoozed} == {
            "2026-12-25"
        }
        await pilot.press("u")
        await pilot.pause()
        assert screen.library.count("snoozed") == 0 and len(screen.papers.rows) == 98


async def test_escape_snoozes_nothing_and_a_bad_day_is_said(tmp_path: Path) -> None:
    store = ninety_eight(tmp_path)
    app = make_app(store, clock=lambda: THU)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await pilot.press("z", "escape")
        await pilot.pause()
        assert screen.library.count("snoozed") == 0 and len(screen.papers.rows) == 98
        await pilot.press("z", "d", *"2026-12-01", "enter")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, SnoozeScreen)
        assert "not after today" in str(dialog.query_one("#snooze-error").render())
