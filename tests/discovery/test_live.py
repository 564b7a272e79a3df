"""The library's live discovery state: the Watched view and saved searches with counts kept up to date per
change (never a pass over the library per key), and the suggested sort."""

from __future__ import annotations

from pathlib import Path

import pytest

from readq.discovery.lists import parse_watch
from readq.discovery.ranking import Ranking
from readq.library.service import Library
from readq.library.views import SEARCH, WATCHED
from readq.query.matching import parse_query
from readq.store import Store
from tests.discovery_data import NEAR_DUPLICATE, ORIGINAL, history_store, kept_in_history, pid_of


def settle(library: Library) -> None:
    """What the app's workers do: the search text, then the watches and counts."""
    library.build_search_index()
    assert library.discovery.set_lists(*library.discovery.compute_lists())


def no_full_passes(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a pass over the library on a keypress")

    monkeypatch.setattr("readq.discovery.live.match_watches", refuse)
    monkeypatch.setattr("readq.discovery.live.filter_records", refuse)


def test_watched_view_and_count_follow_each_change(lib_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    library = Library(lib_store)
    assert WATCHED not in [v.key for v in library.views()]
    assert library.discovery.add_watch(parse_watch('author:"Percy Liang"'))
    assert not library.discovery.add_watch(parse_watch("author:percy liang"))
    assert [v.key for v in library.views()][5] == WATCHED and not library.discovery.watch_ready
    settle(library)
    assert library.count(WATCHED) == 3
    watched = library.rows(WATCHED, "added")
    assert {r.title for r in watched} == {
        ORIGINAL,
        NEAR_DUPLICATE,
        "Learning to Refuse: Safety Fine-Tuning Without Capability Loss",
    }
    assert all(r.watched_by == "author Percy Liang" for r in watched)
    no_full_passes(monkeypatch)
    original = pid_of(lib_store, ORIGINAL)
    library.change("mark read", {original: {"read": True}})
    assert library.count(WATCHED) == 2 and original not in {r.pid for r in library.rows(WATCHED, "added")}
    library.undo()
    assert library.count(WATCHED) == 3
    grasping = pid_of(lib_store, "Robot Grasping from a Few Demonstrations")  # a correction adds the author
    library.change("edit", {grasping: {"edits": {"authors": ["Alan Turing", "Percy Liang"]}}})
    assert library.records[grasping].watched_by == "author Percy Liang" and library.count(WATCHED) == 4
    library.undo()
    assert library.records[grasping].watched_by is None and library.count(WATCHED) == 3


def test_is_watched_in_the_query_language(lib_store: Store) -> None:
    library = Library(lib_store)
    library.discovery.add_watch(parse_watch("cat:IR"))
    library.discovery.add_watch(parse_watch("tactile"))
    settle(library)
    found = library.rows("all", "added", parse_query("is:watched"))
    assert {r.title for r in found} == {
        "Dense Passage Retrieval at a Million Tokens",
        "Robot Grasping from a Few Demonstrations",
    }
    others = library.rows("all", "added", parse_query("-is:watched (author:liang OR author:jia)"))
    assert {r.title for r in others} == {
        ORIGINAL,
        NEAR_DUPLICATE,
        "Learning to Refuse: Safety Fine-Tuning Without Capability Loss",
    }


def test_saved_searches_are_views_with_live_counts(lib_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    library = Library(lib_store)
    library.discovery.save_search("Experts", "experts -is:read")
    library.discovery.save_search("Liang", "author:liang")
    keys = [v.key for v in library.views()]
    assert keys[-2:] == [SEARCH + "Experts", SEARCH + "Liang"]
    assert library.discovery.search_count("Experts") is None  # counted in a worker, after the search text
    assert library.rows(SEARCH + "Experts", "added") == []  # reads abstracts: results follow the index
    settle(library)
    assert library.discovery.search_count("Experts") == 3 and library.discovery.search_count("Liang") == 3
    assert len(library.rows(SEARCH + "Experts", "added")) == 3
    no_full_passes(monkeypatch)
    routing = pid_of(lib_store, "Routing Tokens Between Experts in Mixture Models")
    library.change("mark read", {routing: {"read": True}})
    assert library.discovery.search_count("Experts") == 2 and library.discovery.search_count("Liang") == 3
    library.change("mark unread", {routing: {"read": False}})
    assert library.discovery.search_count("Experts") == 3


def test_a_count_computed_during_a_change_is_refused(lib_store: Store) -> None:
    library = Library(lib_store)
    library.discovery.save_search("Unread", "is:unread")
    library.build_search_index()
    result = library.discovery.compute_lists()
    library.change("mark read", {pid_of(lib_store, ORIGINAL): {"read": True}})  # while the worker counted
    assert not library.discovery.set_lists(*result)
    assert library.discovery.search_count("Unread") is None
    assert library.discovery.set_lists(*library.discovery.compute_lists())
    assert library.discovery.search_count("Unread") == 7


def test_changing_the_lists_recounts_once(lib_store: Store) -> None:
    library = Library(lib_store)
    library.discovery.save_search("Liang", "author:liang")
    settle(library)
    library.discovery.save_search("Jia", "author:jia")
    assert library.discovery.search_count("Liang") is None and not library.discovery.lists_ready
    settle(library)
    assert library.discovery.search_count("Jia") == 3
    library.discovery.remove_search("Jia")
    assert SEARCH + "Jia" not in [v.key for v in library.views()]
    library.discovery.remove_watch("nothing")
    library.discovery.add_watch(parse_watch("cat:CV"))
    library.discovery.remove_watch(parse_watch("cat:CV").key)
    assert library.discovery.watch_ready and library.count(WATCHED) == 0


def test_a_broken_saved_search_is_shown_not_fatal(lib_store: Store) -> None:
    lib_store.save_search("Broken", "(oops")  # e.g. written by an older readq or by hand
    library = Library(lib_store)
    settle(library)
    assert library.discovery.saved_query("Broken") is None
    assert library.rows(SEARCH + "Broken", "added") == [] and library.discovery.search_count("Broken") == 0


def test_suggested_sort(tmp_path: Path) -> None:
    store = history_store(tmp_path / "h")
    library = Library(store)
    plain = [r.pid for r in library.rows("inbox", "added")]
    assert [r.pid for r in library.rows("inbox", "suggested")] == plain  # no model: the plain order
    assert library.discovery.enough_decisions and library.discovery.ranking_stale
    assert "learning" in (library.discovery.ranking_note() or "")
    library.discovery.set_text_index(library.discovery.compute_text_index())
    library.discovery.set_ranking(*library.discovery.compute_ranking())
    assert isinstance(library.discovery.ranking, Ranking) and not library.discovery.ranking_stale
    assert library.discovery.ranking_note() is None
    ranked = library.rows("inbox", "suggested")
    scores = library.discovery.scores
    assert scores is not None and len(ranked) == len(plain) == 40
    assert [scores[r.pid] for r in ranked] == sorted((scores[r.pid] for r in ranked), reverse=True)
    top = [r.title for r in ranked[:5]]
    assert all(kept_in_history(t) for t in top), top
    for n, record in enumerate(ranked[-5:]):  # five decisions later, it is stale
        library.change("read", {record.pid: {"read": True}})
        assert library.discovery.ranking_stale == (n == 4)


def test_too_few_decisions_say_so(lib_store: Store) -> None:
    library = Library(lib_store)
    library.change("keep", {pid_of(lib_store, ORIGINAL): {"priority": 3}})
    assert library.discovery.label_counts == (1, 0) and not library.discovery.enough_decisions
    assert library.discovery.ranking_note() == (
        "suggested order needs more triage: 1 of 20 kept (priority 2-3, a note or a tag) and 0 of 20 skipped "
        "(read at priority 0); showing the plain order"
    )
    assert library.discovery.ranking_note(short=True) == "plain order until 20 kept + 20 skipped (now 1 + 0)"


def test_a_saved_search_of_watched_papers_follows_the_watch_list(lib_store: Store) -> None:
    library = Library(lib_store)
    library.discovery.save_search("Watched CL", "is:watched cat:CL")
    settle(library)
    assert library.discovery.search_count("Watched CL") == 0
    library.discovery.add_watch(parse_watch('author:"Percy Liang"'))
    library.build_search_index()
    assert not library.discovery.set_lists(
        *library.discovery.compute_lists()
    )  # counted with the old flags: again
    assert library.discovery.set_lists(*library.discovery.compute_lists())
    assert library.discovery.search_count("Watched CL") == 3
    library.discovery.remove_watch(parse_watch('author:"Percy Liang"').key)
    assert library.discovery.search_count("Watched CL") is None
    settle(library)
    assert library.discovery.search_count("Watched CL") == 0
