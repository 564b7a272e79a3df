"""The discovery modals alone in a host app: what to watch, the watch list and saved searches, naming a
saved search, and the similar papers."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from textual.widgets import Input, OptionList, SelectionList

from readq.discovery.lists import Watch, candidate_watches, parse_watch
from readq.library.service import Library
from readq.store import Store
from readq.tui.screens.discovery_dialogs import ListsScreen, SaveSearchScreen, SimilarScreen, WatchPickScreen
from tests.tui.modals.host import SIZE, ModalHost, text_of

TITLE = "Graph Transformers [b]Are[/b] Message Passing"
CANDIDATES = candidate_watches(["Emmy Noether", "Ada Lovelace"], "cs.LG cs.CL")
KEYS = [w.key for w in CANDIDATES]  # author:emmy noether, author:ada lovelace, category:cs.lg, …


def pick(watched: tuple[str, ...] = ()) -> ModalHost:
    return ModalHost(lambda: WatchPickScreen(TITLE, CANDIDATES, watched))


def test_the_candidates_are_each_author_and_category() -> None:
    assert [w.label for w in CANDIDATES] == [
        "author Emmy Noether",
        "author Ada Lovelace",
        "category cs.LG",
        "category cs.CL",
    ]


@pytest.mark.parametrize(
    ("keys", "answer"),
    [
        (["ctrl+s"], {KEYS[1]}),  # as it was
        (["space", "ctrl+s"], {KEYS[0], KEYS[1]}),  # tick the first author
        (["down", "enter", "ctrl+s"], set()),  # untick the second
        (["end", "space", "up", "space", "ctrl+s"], {KEYS[1], KEYS[2], KEYS[3]}),
        (["space", "escape"], None),
    ],
)
async def test_watch_pick_dismisses_with_the_ticked_keys(keys: list[str], answer: object) -> None:
    app = pick(watched=(KEYS[1],))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.modal is not None
        assert app.modal.query_one(SelectionList).has_focus
        await pilot.press(*keys)
        await pilot.pause()
        assert app.dismissed == [answer]


@pytest.mark.parametrize(("button", "answer"), [("#apply", {KEYS[2]}), ("#cancel", None)])
async def test_watch_pick_buttons(button: str, answer: object) -> None:
    app = pick(watched=(KEYS[2],))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert await pilot.click(button)
        await pilot.pause()
        assert app.dismissed == [answer]


# -- the watch list and saved searches ----------------------------------------------------------------------

WATCHES = [parse_watch("author:Emmy Noether"), parse_watch("cat:cs.LG")]
SEARCHES = [("unread rl", "tag:rl is:unread", 3), ("[b]bold[/b]", "title:x", None)]


def lists(
    watches: Sequence[Watch] = WATCHES, searches: Sequence[tuple[str, str, int | None]] = SEARCHES
) -> ModalHost:
    return ModalHost(lambda: ListsScreen(watches, searches, [(12, 3), None][: len(watches)]))


@pytest.mark.parametrize(
    ("keys", "answer"),
    [
        (["enter"], "watch:" + WATCHES[0].key),  # a watch opens that watch's papers
        (["down", "enter"], "watch:" + WATCHES[1].key),
        (["down", "down", "enter"], "search:unread rl"),  # the heading between is skipped
        (["j", "j", "enter"], "search:unread rl"),  # the paper list's keys too
        (["G", "k", "enter"], "search:unread rl"),
        (["end", "enter"], "search:[b]bold[/b]"),
        (["d"], "delete:watch:" + WATCHES[0].key),
        (["end", "delete"], "delete:search:[b]bold[/b]"),
        (["escape"], None),
        (["q"], None),
    ],
)
async def test_lists_dismiss_with_the_view_or_what_to_delete(keys: list[str], answer: object) -> None:
    app = lists()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press(*keys)
        await pilot.pause()
        assert app.dismissed == [answer]


async def test_lists_show_names_and_counts_verbatim() -> None:
    app = lists()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.modal is not None
        options = app.modal.query_one(OptionList)
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert prompts == [
            "Watch list",
            '  author:"Emmy Noether"  (12 papers, 3 unread)',  # as readq watch list counts them
            "  cat:cs.LG  (…)",  # not counted yet
            "Saved searches",
            "  unread rl  tag:rl is:unread  (3)",
            "  [b]bold[/b]  title:x  (…)",  # a count not known yet
        ]


async def test_empty_lists_offer_nothing_to_open_or_delete() -> None:
    app = lists([], [])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter", "d", "down", "enter")
        await pilot.pause()
        assert app.dismissed == [] and app.is_open
        await pilot.press("escape")
        await pilot.pause()
        assert app.dismissed == [None]


# -- naming a saved search --------------------------------------------------------------------------------


def save(query: str = "tag:rl  is:unread", taken: tuple[str, ...] = ("Reading",)) -> ModalHost:
    return ModalHost(lambda: SaveSearchScreen(query, taken))


def name_input(app: ModalHost) -> Input:
    assert app.modal is not None
    return app.modal.query_one("#save-search-name", Input)


async def test_the_name_defaults_to_the_query_and_enter_saves_it() -> None:
    app = save("x" * 30 + "   " + "y" * 30)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert name_input(app).value == "x" * 30 + " " + "y" * 9  # spaces folded, 40 characters
        assert name_input(app).has_focus
        await pilot.press("enter")
        await pilot.pause()
        assert app.dismissed == ["x" * 30 + " " + "y" * 9]


async def test_a_typed_name_is_cleaned() -> None:
    app = save()
    async with app.run_test(size=SIZE) as pilot:
        name_input(app).value = "  my\tRL\x1b   papers "
        await pilot.press("enter")
        await pilot.pause()
        assert app.dismissed == ["my RL papers"]


@pytest.mark.parametrize(
    ("value", "note"),
    [
        ("   ", "a saved search needs a name"),
        ("n" * 61, "a saved search's name has at most 60 characters"),
    ],
)
async def test_a_bad_name_is_refused_with_a_reason(value: str, note: str) -> None:
    app = save()
    async with app.run_test(size=SIZE) as pilot:
        name_input(app).value = value
        await pilot.pause()
        assert app.modal is not None
        assert text_of(app.modal, "#save-search-note") == note
        await pilot.press("enter")
        await pilot.pause()
        assert app.dismissed == [] and app.is_open
        await pilot.press("escape")
        await pilot.pause()
        assert app.dismissed == [None]


async def test_a_taken_name_warns_that_it_replaces() -> None:
    app = save()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.modal is not None
        assert text_of(app.modal, "#save-search-note") == ""
        name_input(app).value = "READING"
        await pilot.pause()
        assert text_of(app.modal, "#save-search-note") == "replaces the saved search of that name"
        await pilot.press("enter")
        await pilot.pause()
        assert app.dismissed == ["READING"]


# -- similar papers ---------------------------------------------------------------------------------------


async def test_similar_shows_progress_then_results_and_enter_goes_to_one(sample_store: Store) -> None:
    records = list(Library(sample_store).records.values())
    app = ModalHost(lambda: SimilarScreen(TITLE))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.modal
        assert isinstance(screen, SimilarScreen)
        assert not screen.query_one(OptionList).display
        await pilot.press("enter")  # nothing to choose yet
        assert app.dismissed == []
        screen.set_progress(3, 8)
        screen.set_results([(records[0], 0.91), (records[1], 0.42)])
        await pilot.pause()
        options = screen.query_one(OptionList)
        assert options.display and options.has_focus
        assert text_of(screen, "#similar-status") == "The 2 most similar papers of the library"
        first = str(options.get_option_at_index(0).prompt)
        assert first.startswith(" 91% near-duplicate? " + records[0].title)
        assert "near-duplicate" not in str(options.get_option_at_index(1).prompt)
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.dismissed == [records[1].pid]


async def test_similar_without_results_says_so_and_closes_with_none() -> None:
    app = ModalHost(lambda: SimilarScreen(TITLE))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.modal
        assert isinstance(screen, SimilarScreen)
        screen.set_results([])
        await pilot.pause()
        assert "No similar papers" in text_of(screen, "#similar-status")
        await pilot.press("q")
        await pilot.pause()
        assert app.dismissed == [None]
