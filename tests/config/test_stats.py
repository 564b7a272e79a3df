"""Reading statistics (core): per-day counts in the local day, streaks, priorities, notes, the backlog; and
that computing them touches only the papers the user touched."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from readq.library.service import Library
from readq.library.stats import (
    Counts,
    bar,
    compute_stats,
    library_stats,
    sparkline,
    stats_text,
    streaks,
)
from readq.samples import sample_paths
from readq.store import Store
from readq.user_state import PaperState

NOW = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
COUNTS = Counts(papers=10, read=4, inbox=3, queue=2)


def read(at: str, **more: object) -> PaperState:
    return PaperState(read=True, read_at=at, **more)  # type: ignore[arg-type]


def test_reads_are_counted_per_day_for_the_last_weeks() -> None:
    states = [
        read("2026-11-23T07:00:00+00:00"),
        read("2026-11-23T01:00:00+00:00"),
        read("2026-11-22T12:00:00+00:00"),
        read("2026-10-26T12:00:00+00:00"),  # 28 days back: just outside the 28-day window
        PaperState(read=False, read_at=None, priority=2),
    ]
    stats = compute_stats(states, COUNTS, now=NOW)
    assert stats.days == 28 and stats.read_per_day[-1] == (date(2026, 11, 23), 2)
    assert stats.read_per_day[-2] == (date(2026, 11, 22), 1)
    assert stats.read_per_day[0][0] == date(2026, 10, 27)
    assert stats.read_in_period == 3


def test_days_are_local_days() -> None:
    # 23:30 UTC on the 22nd is the 23rd in UTC+2
    state = read("2026-11-22T23:30:00+00:00")
    in_utc = compute_stats([state], COUNTS, now=NOW)
    in_east = compute_stats([state], COUNTS, now=NOW.astimezone(timezone(timedelta(hours=2))))
    assert in_utc.read_per_day[-2][1] == 1 and in_utc.read_per_day[-1][1] == 0
    assert in_east.read_per_day[-1][1] == 1


def test_the_streak_runs_to_today_or_yesterday() -> None:
    today = date(2026, 11, 23)
    days = [today - timedelta(days=n) for n in (1, 2, 3, 6, 7, 8, 9, 10)]
    assert streaks(days, today) == (3, 5)  # nothing yet today: the streak still stands
    assert streaks([*days, today], today) == (4, 5)
    assert streaks([today - timedelta(days=2)], today) == (0, 1)  # a missed day ends it
    assert streaks([], today) == (0, 0)


def test_priorities_notes_and_bad_stamps() -> None:
    states = [
        PaperState(priority=3),
        PaperState(priority=3, read=True, read_at="not a time"),
        PaperState(priority=1),
        PaperState(triaged=True),  # priority 0 chosen
        PaperState(note="old", note_updated="2026-11-01T00:00:00+00:00"),
        PaperState(note="new", note_updated="2026-11-17T00:00:00+00:00"),  # 6 days ago: this week
        read("2026-11-20T10:00:00"),  # no zone: taken as UTC
    ]
    stats = compute_stats(states, COUNTS, now=NOW)
    mix = {p.priority: (p.papers, p.unread) for p in stats.priorities}
    assert mix == {3: (2, 1), 2: (0, 0), 1: (1, 1), 0: (1, 1)}
    assert (stats.notes, stats.notes_recent) == (2, 1)
    assert stats.read_in_period == 1 and dict(stats.read_per_day)[date(2026, 11, 20)] == 1


def test_json_shape() -> None:
    data = compute_stats([read("2026-11-23T07:00:00+00:00")], COUNTS, now=NOW, days=7).as_json()
    assert data["date"] == "2026-11-23" and data["days"] == 7 and len(data["read_per_day"]) == 7
    assert data["read_per_day"][-1] == {"date": "2026-11-23", "read": 1}
    assert data["streak"] == {"current": 1, "longest": 1}
    assert data["papers"] == {"total": 10, "read": 4, "unread": 6, "inbox": 3, "queue": 2, "snoozed": 0}
    assert data["notes"] == {"papers": 0, "edited_last_7_days": 0}
    assert [p["priority"] for p in data["priorities"]] == [3, 2, 1, 0]


def test_sparkline_and_bars() -> None:
    assert sparkline([0, 0, 0]) == "▁▁▁"
    assert sparkline([0, 1, 4]) == "▁▃█"
    assert bar(0, 10, 10) == (0, 10) and bar(1, 100, 10) == (1, 9) and bar(10, 10, 10) == (10, 0)
    assert bar(3, 0, 5) == (0, 5)


@pytest.fixture
def demo(tmp_path: Path) -> Store:
    from readq.cli.cmd_library import import_paths

    store = Store(tmp_path / "data")
    import_paths(store, [str(p) for p in sample_paths()], layout=None, dry_run=False, out=None)
    return store


def test_library_stats_read_only_touched_papers(demo: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    ids = list(demo.catalog.ids)
    demo.update_states(
        {
            ids[0]: {"read": True, "read_at": "2026-11-22T09:00:00+00:00"},
            ids[1]: {"priority": 2},
            ids[2]: {"note": "a note"},
        }
    )
    library = Library(demo)

    def no_full_scan(*args: object) -> None:
        raise AssertionError("the stats must not read the whole papers file")

    monkeypatch.setattr(type(demo.papers), "values", no_full_scan)
    monkeypatch.setattr(type(demo.papers), "stream", no_full_scan)
    monkeypatch.setattr(type(demo.papers), "__getitem__", no_full_scan)
    stats = library_stats(library, now=NOW)
    assert stats.counts == Counts(papers=36, read=1, inbox=34, queue=1)
    assert stats.read_in_period == 1 and stats.current_streak == 1
    assert stats.notes == 1
    assert [(d.label, d.papers, d.left) for d in stats.digests] == [
        ("001", 14, 12),  # one read, one queued: left to triage
        ("002", 12, 12),
        ("003", 14, 14),
    ]
    text = stats_text(stats)
    assert "1 paper in 28 days" in text and "Streak          1 day" in text
    assert "001 · Nov 23" in text and "12 left of 14" in text
