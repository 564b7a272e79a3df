"""Snoozing (readq.library.snoozing) and the library's views, counts and progress with an injected clock."""

from __future__ import annotations

from datetime import date

import pytest

from readq.library.service import Library
from readq.library.snoozing import marker, snooze, snooze_day
from readq.library.views import DIGEST
from readq.query.matching import filter_records, parse_query
from readq.store import Store
from tests.helpers import digest, freeze_clock

THU = date(2026, 12, 3)  # a Thursday


@pytest.mark.parametrize(
    ("when", "day"),
    [
        ("tomorrow", date(2026, 12, 4)),
        ("monday", date(2026, 12, 7)),
        ("week", date(2026, 12, 10)),
        ("month", date(2027, 1, 3)),
        ("+3", date(2026, 12, 6)),
        ("+3d", date(2026, 12, 6)),
        ("+2w", date(2026, 12, 17)),
        ("2026-12-25", date(2026, 12, 25)),
    ],
)
def test_snooze_days(when: str, day: date) -> None:
    assert snooze_day(when, THU) == day


def test_a_month_from_the_31st_is_the_last_day_of_the_next_month() -> None:
    assert snooze_day("month", date(2027, 1, 31)) == date(2027, 2, 28)
    assert snooze_day("monday", date(2026, 12, 7)) == date(2026, 12, 14)  # a Monday: the next one


@pytest.mark.parametrize("when", ["yesterday", "2026-12-03", "2026-12-01", "+0", "soon", ""])
def test_days_not_after_today_or_not_days_are_refused(when: str) -> None:
    with pytest.raises(ValueError):
        snooze_day(when, THU)


class Clock:
    def __init__(self, day: date) -> None:
        self.day = day

    def __call__(self) -> date:
        return self.day


def test_snoozed_papers_leave_the_inbox_and_come_back_first_on_their_day(store: Store) -> None:
    store.import_result(digest(*(f"Paper number {i}" for i in range(10))), "d.txt")
    clock = Clock(THU)
    library = Library(store, clock=clock)
    inbox = [r.pid for r in library.rows("inbox", "added")]
    a, b, c = inbox[3], inbox[5], inbox[7]
    snooze(library, [a, b], date(2026, 12, 7))
    library.change("priority", {c: {"priority": 2}})
    view = library.view(DIGEST + "d.txt")
    assert library.count("inbox") == 7 and library.count("snoozed") == 2
    assert library.progress(view) == (7, 10)  # left to triage: neither triaged nor snoozed
    assert {r.pid for r in library.rows("snoozed", "added")} == {a, b}
    assert a not in [r.pid for r in library.rows("inbox", "added")]
    assert marker(library.records[a].state, THU) == "snoozed until Dec 7"
    assert {r.pid for r in filter_records(parse_query("is:snoozed"), list(library.records.values()))} == {
        a,
        b,
    }

    clock.day = date(2026, 12, 6)
    library.refresh()
    assert library.count("snoozed") == 2
    clock.day = date(2026, 12, 7)  # their day: back in the Inbox, first, with a marker
    library.refresh()
    assert library.count("snoozed") == 0 and library.count("inbox") == 9
    assert library.progress(view) == (9, 10)
    assert {r.pid for r in library.rows("inbox", "added")[:2]} == {a, b}
    assert {r.pid for r in library.rows("inbox", "title")[:2]} == {a, b}
    assert marker(library.records[a].state, clock.day) == "snoozed on Dec 3"
    library.change("priority", {a: {"priority": 0}})  # triaged: no longer first, no marker
    assert marker(library.records[a].state, clock.day) == ""
    assert library.rows("inbox", "added")[0].pid == b


def test_a_snooze_is_undone_and_redone_and_survives_a_reload(store: Store) -> None:
    store.import_result(digest("One", "Two"), "d.txt")
    library = Library(store, clock=lambda: THU)
    pid = library.rows("inbox", "added")[0].pid
    snooze(library, [pid], date(2026, 12, 10))
    assert library.count("inbox") == 1
    assert Library(store, clock=lambda: THU).count("snoozed") == 1  # on disk
    assert Library(store, clock=lambda: date(2026, 12, 10)).count("snoozed") == 0
    library.undo()
    assert library.count("inbox") == 2 and library.count("snoozed") == 0
    library.redo()
    assert library.count("snoozed") == 1
    snooze(library, [pid], None)  # cleared
    assert library.count("inbox") == 2 and store.state(pid).is_default


def test_triaging_a_whole_digest_reaches_zero_left(store: Store) -> None:
    store.import_result(digest(*(f"Paper {i}" for i in range(50))), "d.txt")
    library = Library(store, clock=lambda: THU)
    view = library.view(DIGEST + "d.txt")
    pids = [r.pid for r in library.rows("inbox", "added")]
    for i, pid in enumerate(pids[:4]):
        library.change("triage", {pid: {"read": True} if i == 0 else {"priority": i - 1}})
    assert library.progress(view) == (46, 50)
    for i, pid in enumerate(pids[4:]):
        if i % 5 == 0:
            snooze(library, [pid], date(2026, 12, 4))
        else:
            library.change("triage", {pid: {"priority": i % 4}})
    assert library.progress(view) == (0, 50)
    assert library.count("inbox") == 0


def test_watch_list_and_saved_search_changes_are_undone_and_redone(store: Store) -> None:
    from readq.discovery.lists import parse_watch
    from readq.library.list_changes import lists_before, record_lists

    store.import_result(digest("One"), "d.txt")
    library = Library(store, clock=lambda: THU)
    before = lists_before(library)
    library.discovery.add_watch(parse_watch("cat:CL"))
    library.discovery.save_search("later", "is:snoozed")
    assert record_lists(library, before, "lists") is not None
    assert record_lists(library, lists_before(library), "nothing") is None  # no change, no step
    library.undo()
    assert store.watches == [] and store.saved_searches == {} and not library.watches
    library.redo()
    assert store.watches == ["cat:CL"] and store.saved_searches == {"later": "is:snoozed"}
    assert library.discovery.saved_query("later") is not None


def test_new_since_last_time_is_what_arrived_after_the_app_last_closed(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from readq.store.session import SESSION_FILE, last_closed, mark_closed

    assert last_closed(store.data_dir) is None
    assert "new" not in [v.key for v in Library(store).views()]  # never closed: no such view
    freeze_clock(monkeypatch, "2026-12-01T09:00:00+00:00")
    store.import_result(digest("Old one", "Old two"), "old.txt")
    mark_closed(store.data_dir, "2026-12-02T18:00:00+00:00")
    freeze_clock(monkeypatch, "2026-12-03T08:00:00+00:00")
    store.import_result(digest("Fresh one"), "fresh.txt")
    library = Library(store, clock=lambda: THU)
    assert library.count("new") == 1 and "new" in [v.key for v in library.views()]
    assert [r.title for r in library.rows("new", "added")] == ["Fresh one"]
    library.change("read", {library.rows("new", "added")[0].pid: {"read": True}})
    assert library.count("new") == 1  # still new: it arrived since, whatever was done with it
    (store.data_dir / SESSION_FILE).write_text("{damaged", encoding="utf-8")
    assert last_closed(store.data_dir) is None and Library(store).count("new") == 0
