"""Pilot tests for discovery: watching from a paper (w), the Watched view and its count, the watch list (W),
saved searches from the search bar (ctrl+s), similar papers (R) and the suggested sort."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, OptionList, SelectionList

from readq.discovery.ranking import Ranking
from readq.store import Store
from readq.tui.app import ReadqApp, make_app
from readq.tui.main.screen import MainScreen
from readq.tui.screens.dialogs import ConfirmScreen
from readq.tui.screens.discovery_dialogs import ListsScreen, SaveSearchScreen, SimilarScreen, WatchPickScreen
from readq.tui.widgets.sidebar import Sidebar
from tests.app_helpers import WIDE, main, wait_until
from tests.conftest import AppTimers
from tests.discovery_data import NEAR_DUPLICATE, ORIGINAL, history_store, kept_in_history


async def settle(app: ReadqApp, pilot: object) -> None:
    """Let the background workers (search text, watches and counts, similarity index, model) finish; each
    may start the next from the main thread."""
    for _ in range(6):
        await app.workers.wait_for_complete()
        await pilot.pause()  # type: ignore[attr-defined]


def sidebar_entries(screen: MainScreen) -> list[str]:
    sidebar = screen.query_one(Sidebar)
    prompts = (str(sidebar.get_option_at_index(i).prompt) for i in range(sidebar.option_count))
    return [" ".join(p.split()) for p in prompts]


def status(screen: MainScreen) -> str:
    return str(screen.query_one("#status").render())


def row_text(screen: MainScreen, index: int) -> str:
    papers = screen.papers
    return "".join(segment.text for segment in papers.render_line(index - round(papers.scroll_y)))


async def test_watch_a_paper_s_author_and_the_watched_view(sample_store: Store) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        screen = main(app)
        await settle(app, pilot)
        assert "Watched" not in " ".join(sidebar_entries(screen))
        while (
            screen.papers.current is None
            or screen.papers.current.title != "Learning to Refuse: Safety Fine-Tuning Without Capability Loss"
        ):
            await pilot.press("j")
        await pilot.press("w")
        pick = app.screen
        assert isinstance(pick, WatchPickScreen)
        choices = pick.query_one(SelectionList)
        assert [str(choices.get_option_at_index(i).prompt) for i in range(choices.option_count)] == [
            "author Ada Lovelace",
            "author Alan Turing",
            "category LG",
        ]
        await pilot.press("space", "ctrl+s")  # tick the first author, apply
        assert app.screen is screen
        assert Store(sample_store.data_dir).watches == ['author:"Ada Lovelace"']
        await settle(app, pilot)
        assert "Watched 1" in sidebar_entries(screen)
        assert "◆ watched: author Ada Lovelace" in screen.detail.text.plain
        assert "◆" in row_text(screen, screen.papers.cursor)
        assert "◆" not in row_text(screen, 2)
        while screen.view_key != "watched":
            await pilot.press("right_square_bracket")
        assert [r.title for r in screen.papers.rows] == [
            "Learning to Refuse: Safety Fine-Tuning Without Capability Loss"
        ]
        await pilot.press("r")  # read: out of the Watched view, the count follows at once
        assert screen.papers.rows == [] and "Watched 0" in sidebar_entries(screen)
        await pilot.press("u")
        assert "Watched 1" in sidebar_entries(screen) and len(screen.papers.rows) == 1
        # w again shows the watch ticked; unticking it stops watching
        await pilot.press("w")
        choices = app.screen.query_one(SelectionList)
        assert choices.selected == ["author:ada lovelace"]
        await pilot.press("space", "ctrl+s")
        assert Store(sample_store.data_dir).watches == []
        assert screen.view_key == "inbox"  # the Watched view went with the last watch
        assert "Watched" not in " ".join(sidebar_entries(screen))


async def test_is_watched_in_the_search_bar_and_errors_with_columns(sample_store: Store) -> None:
    sample_store.add_watch("cat:CL", "cat:cl")
    app = make_app(sample_store)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        screen = main(app)
        await settle(app, pilot)
        await pilot.press("slash", *"is:watched")
        assert [r.title for r in screen.papers.rows] == ["Calibrated Uncertainty for Code Generation Agents"]
        await pilot.press("space", "(")
        assert screen.query_error == "column 12: unbalanced parenthesis"
        assert "column 12: unbalanced parenthesis" in status(screen)
        assert len(screen.papers.rows) == 1  # the last good results stay


async def test_save_a_search_from_the_search_bar(sample_store: Store) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        screen = main(app)
        await settle(app, pilot)
        await pilot.press("ctrl+s")  # nothing to save yet
        assert "Search first" in list(app._notifications)[-1].message
        await pilot.press("slash", *"refus OR calibrated")
        await pilot.press("ctrl+s")
        dialog = app.screen
        assert isinstance(dialog, SaveSearchScreen)
        field = dialog.query_one(Input)
        assert field.value == "refus OR calibrated"
        field.value = "To read"
        await pilot.press("enter")
        assert app.screen is screen
        assert Store(sample_store.data_dir).saved_searches == {"To read": "refus OR calibrated"}
        assert screen.view_key == "search:To read" and screen.query_text == ""
        await settle(app, pilot)
        entries = sidebar_entries(screen)
        assert entries[-2:] == ["Saved searches", "To read 2"]
        assert len(screen.papers.rows) == 2 and "refus OR calibrated" in status(screen)
        await pilot.press("r")  # a live count: the saved search counts read papers too
        assert sidebar_entries(screen)[-1] == "To read 2"
        # the list of watches and saved searches: delete it there
        await pilot.press("W")
        lists = app.screen
        assert isinstance(lists, ListsScreen)
        options = lists.query_one(OptionList)
        assert options.get_option_at_index(options.highlighted or 0).id == "search:To read"
        await pilot.press("d")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        assert isinstance(app.screen, ListsScreen)
        await pilot.press("escape")
        assert Store(sample_store.data_dir).saved_searches == {}
        assert screen.view_key == "inbox" and "Saved searches" not in sidebar_entries(screen)


async def test_similar_papers_screen(lib_store: Store) -> None:
    app = make_app(lib_store)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        screen = main(app)
        await settle(app, pilot)
        while screen.papers.current is None or screen.papers.current.title != ORIGINAL:
            await pilot.press("j")
        await pilot.press("R")
        similar = app.screen
        assert isinstance(similar, SimilarScreen)
        await settle(app, pilot)
        assert similar.results is not None
        assert similar.results[0][0].title == NEAR_DUPLICATE
        options = similar.query_one(OptionList)
        first = str(options.get_option_at_index(0).prompt)
        assert "near-duplicate?" in first and NEAR_DUPLICATE in first
        await pilot.press("enter")
        assert app.screen is screen
        assert screen.papers.current is not None and screen.papers.current.title == NEAR_DUPLICATE


async def test_similar_goes_to_a_paper_outside_the_view(lib_store: Store) -> None:
    app = make_app(lib_store)
    async with app.run_test(size=WIDE) as pilot:
        screen = main(app)
        await settle(app, pilot)
        await pilot.press("slash", *"sparse mixtures", "enter")
        assert [r.title for r in screen.papers.rows] == [ORIGINAL]
        await pilot.press("R")
        await settle(app, pilot)
        await pilot.press("enter")
        assert screen.view_key == "all" and screen.query_text == ""
        assert screen.papers.current is not None and screen.papers.current.title == NEAR_DUPLICATE


async def test_sort_by_suggested(tmp_path: Path, app_timers: AppTimers) -> None:
    app_timers.poll_by_hand()
    store = history_store(tmp_path / "h")
    app = make_app(store)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        screen = main(app)
        plain = [r.pid for r in screen.papers.rows]
        while screen.sort != "suggested":
            await pilot.press("s")
        await settle(app, pilot)
        library = screen.library
        assert isinstance(library.discovery.ranking, Ranking)
        scores = library.discovery.scores
        assert scores is not None
        rows = screen.papers.rows
        assert sorted(r.pid for r in rows) == sorted(plain)
        assert [scores[r.pid] for r in rows] == sorted((scores[r.pid] for r in rows), reverse=True)
        assert all(kept_in_history(r.title) for r in rows[:5])
        assert "sort: suggested (most likely first)" in status(screen)
        await pilot.press("g")
        assert f"suggested {round(100 * scores[rows[0].pid])}% · words " in screen.detail.text.plain
        assert any("Suggested order learned from" in n.message for n in app._notifications)
        # triage five papers: the model is learned again in the background (it may start, and even finish,
        # while the keys are handled, so what is checked is that a new model replaced the old one)
        before = library.discovery.ranking
        for _ in range(5):
            await pilot.press("r")  # read at priority 0: five "skipped" decisions
        screen.poll()  # at the latest, the next look at the disk starts it
        await settle(app, pilot)
        assert not library.discovery.ranking_stale
        assert isinstance(library.discovery.ranking, Ranking) and library.discovery.ranking is not before


async def test_suggested_sort_with_too_few_decisions(sample_store: Store) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        screen = main(app)
        plain = [r.pid for r in screen.papers.rows]
        while screen.sort != "suggested":
            await pilot.press("s")
        await settle(app, pilot)
        assert [r.pid for r in screen.papers.rows] == plain
        assert "plain order until 20 kept + 20 skipped (now 0 + 0)" in status(screen)
        assert "needs more triage" in list(app._notifications)[-1].message
        assert (
            screen.library.discovery.ranking is None and screen.library.discovery.text_index is None
        )  # nothing was built
        assert "suggested" not in screen.detail.text.plain


async def test_full_text_search_after_another_process_imported(sample_store: Store) -> None:
    from readq.models import Entry, ParseResult

    app = make_app(sample_store)
    async with app.run_test(size=WIDE) as pilot:
        screen = main(app)
        await settle(app, pilot)
        other = Store(sample_store.data_dir)
        other.import_result(ParseResult("hf-blank", (Entry("A Late Paper", "About zeppelins."),)), "003.txt")
        screen.poll()  # the new paper has no search text yet: it is indexed again in the background
        await settle(app, pilot)
        await pilot.press("slash", *"zeppelins")
        await settle(app, pilot)
        assert [r.title for r in screen.papers.rows] == ["A Late Paper"]
        assert "indexing" not in status(screen)


async def test_quitting_during_an_index_build_stops_the_child(
    lib_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    import subprocess

    from readq.tui.main import similar as similar_module

    started: list[subprocess.Popen[str]] = []

    class Recorded(subprocess.Popen):  # type: ignore[type-arg]
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, **kwargs)  # type: ignore[arg-type]
            started.append(self)

    monkeypatch.setattr(similar_module.subprocess, "Popen", Recorded)
    app = make_app(lib_store)
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        await pilot.press("R")
        await wait_until(lambda: started, "the build process", pilot=pilot)
        assert started[0].poll() is None
    # quitting killed it: it does not finish its build in the background
    await wait_until(lambda: started[0].poll() is not None, "the build process killed")
    assert started[0].returncode not in (None, 0)
