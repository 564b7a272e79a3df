"""Reading statistics: papers read per day, the streak, the backlog per digest, the priority mix and notes.

Pure: :func:`compute_stats` works from the states of the papers the user touched (their ``read_at``,
``priority`` and ``note``) and the library's incremental counts, so its cost grows with what you did, not
with the size of the library. "Today" is injected (``now``), so the numbers are deterministic in tests; by
default it is the current time in the local time zone, and each read is counted on its local day.

A paper counts on the day it was (last) marked read, and only while it is read: marking it unread takes it
out of the history, as the state keeps one ``read_at`` per paper.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING, Any

from readq import clock
from readq.text.labels import plural, priority_glyph
from readq.user_state import PaperState

if TYPE_CHECKING:
    from readq.library.service import Library

DAYS = 28  # the period of the per-day history: four weeks
NOTE_DAYS = 7
BARS = "▁▂▃▄▅▆▇█"


def local_zone() -> tzinfo | None:
    """The time zone days are counted in: the machine's (tests and screenshots replace this with UTC)."""
    return None  # datetime.astimezone(None) is the local zone


def current_time() -> datetime:
    """Now, as readq's clock says (``readq.clock.now``, frozen in tests), in :func:`local_zone`."""
    return clock.now().replace(microsecond=0).astimezone(local_zone())


@dataclass(frozen=True)
class Digest:
    file: str
    label: str
    date: str | None
    papers: int
    left: int  # left to triage: neither triaged nor snoozed (0: the digest is done)


@dataclass(frozen=True)
class Counts:
    """The library's own (incremental) counts."""

    papers: int
    read: int
    inbox: int
    queue: int
    snoozed: int = 0  # snoozed until a later day


@dataclass(frozen=True)
class PriorityCount:
    priority: int
    papers: int
    unread: int


@dataclass(frozen=True)
class Stats:
    today: date
    read_per_day: tuple[tuple[date, int], ...]  # oldest first, ``today`` last
    current_streak: int
    longest_streak: int
    counts: Counts
    priorities: tuple[PriorityCount, ...]  # 3, 2, 1, then 0 (triaged without a priority)
    notes: int
    notes_recent: int  # notes edited in the last NOTE_DAYS days (today included)
    digests: tuple[Digest, ...]

    @property
    def days(self) -> int:
        return len(self.read_per_day)

    @property
    def read_in_period(self) -> int:
        return sum(n for _, n in self.read_per_day)

    def as_json(self) -> dict[str, Any]:
        counts = self.counts
        return {
            "date": self.today.isoformat(),
            "days": self.days,
            "read_per_day": [{"date": day.isoformat(), "read": n} for day, n in self.read_per_day],
            "read_in_period": self.read_in_period,
            "streak": {"current": self.current_streak, "longest": self.longest_streak},
            "papers": {
                "total": counts.papers,
                "read": counts.read,
                "unread": counts.papers - counts.read,
                "inbox": counts.inbox,
                "queue": counts.queue,
                "snoozed": counts.snoozed,
            },
            "priorities": [
                {"priority": p.priority, "papers": p.papers, "unread": p.unread} for p in self.priorities
            ],
            "notes": {"papers": self.notes, f"edited_last_{NOTE_DAYS}_days": self.notes_recent},
            "digests": [
                {
                    "file": d.file,
                    "label": d.label,
                    "date": d.date,
                    "papers": d.papers,
                    "left": d.left,
                    "done": d.left == 0,
                }
                for d in self.digests
            ],
        }


def _day(stamp: str | None, zone: tzinfo | None) -> date | None:
    if not stamp:
        return None
    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        return None
    if moment.tzinfo is None:  # readq writes UTC; a hand-edited stamp without a zone is taken as UTC too
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(zone).date()


def streaks(days: Iterable[date], today: date) -> tuple[int, int]:
    """(current, longest) runs of consecutive days in ``days``. The current run ends today, or yesterday
    when nothing was read yet today (the day is not over)."""
    have = set(days)
    current = 0
    day = today if today in have else today - timedelta(days=1)
    while day in have:
        current += 1
        day -= timedelta(days=1)
    longest = run = 0
    previous: date | None = None
    for day in sorted(have):
        run = run + 1 if previous is not None and day - previous == timedelta(days=1) else 1
        longest = max(longest, run)
        previous = day
    return current, longest


def compute_stats(
    states: Iterable[PaperState],
    counts: Counts,
    digests: Sequence[Digest] = (),
    *,
    now: datetime,
    days: int = DAYS,
) -> Stats:
    """The statistics from the states of the papers in the library (only touched papers have one)."""
    zone = now.tzinfo
    today = now.date()
    read_days: Counter[date] = Counter()
    priorities: Counter[int] = Counter()
    unread_priorities: Counter[int] = Counter()
    notes = notes_recent = 0
    recent_from = today - timedelta(days=NOTE_DAYS - 1)
    for state in states:
        if state.read:
            day = _day(state.read_at, zone)
            if day is not None:
                read_days[day] += 1
        if state.triaged:
            priorities[state.priority] += 1
            if not state.read:
                unread_priorities[state.priority] += 1
        if state.note:
            notes += 1
            edited = _day(state.note_updated, zone)
            if edited is not None and recent_from <= edited <= today:
                notes_recent += 1
    per_day = tuple(
        (day, read_days[day]) for day in (today - timedelta(days=i) for i in range(days - 1, -1, -1))
    )
    current, longest = streaks((d for d, n in read_days.items() if n), today)
    return Stats(
        today=today,
        read_per_day=per_day,
        current_streak=current,
        longest_streak=longest,
        counts=counts,
        priorities=tuple(PriorityCount(p, priorities[p], unread_priorities[p]) for p in (3, 2, 1, 0)),
        notes=notes,
        notes_recent=notes_recent,
        digests=tuple(digests),
    )


def library_stats(library: Library, *, now: datetime | None = None, days: int = DAYS) -> Stats:
    """:func:`compute_stats` for a library: its touched papers (O(touched)), counts and digests."""
    records = library.records
    states = [state for pid, state in library.store.states.items() if pid in records]
    counts = Counts(
        papers=library.count("all"),
        read=library.count("read"),
        inbox=library.count("inbox"),
        queue=library.count("queue"),
        snoozed=library.count("snoozed"),
    )
    digests = []
    for view in library.views():
        if view.is_digest:
            left, total = library.progress(view)
            digests.append(Digest(view.file, view.title, view.digest_date, total, left))
    return compute_stats(states, counts, digests, now=current_time() if now is None else now, days=days)


# -- text ---------------------------------------------------------------------------------------------------
def sparkline(values: Sequence[int]) -> str:
    """One block character per value, scaled to the largest (a zero is the lowest block)."""
    top = max(values, default=0)
    if top <= 0:
        return BARS[0] * len(values)
    return "".join(BARS[0] if v <= 0 else BARS[max(1, round(v / top * (len(BARS) - 1)))] for v in values)


def bar(value: int, total: int, width: int) -> tuple[int, int]:
    """(filled, empty) cells of a ``width``-cell bar showing ``value`` of ``total``; any value above zero
    fills at least one cell."""
    if total <= 0 or width <= 0:
        return 0, max(width, 0)
    filled = round(value / total * width)
    if value > 0:
        filled = max(filled, 1)
    filled = min(filled, width)
    return filled, width - filled


def day_label(day: date) -> str:
    return f"{day:%b} {day.day}"


def summary_lines(stats: Stats) -> dict[str, str]:
    """The one-line summaries shared by ``readq stats`` and the stats screen."""
    c = stats.counts
    period = stats.read_in_period
    rate = period / stats.days if stats.days else 0.0
    pace = f"{rate:.1f} a day" if rate >= 1 or not period else f"{rate * 7:.1f} a week"
    current, longest = stats.current_streak, stats.longest_streak
    streak = plural(current, "day") if current else "none yet — read a paper today to start one"
    if longest > current:
        streak += f" (longest {plural(longest, 'day')})"
    notes = plural(stats.notes, "paper") + " with a note"
    if stats.notes:
        notes += f", {stats.notes_recent} edited in the last {NOTE_DAYS} days"
    return {
        "read": f"{plural(period, 'paper')} in {stats.days} days, {pace}",
        "streak": streak,
        "library": (
            f"{plural(c.papers, 'paper')}: {c.read:,} read, {c.papers - c.read:,} unread; "
            f"{c.inbox:,} in the Inbox, {c.queue:,} queued"
            + (f", {c.snoozed:,} snoozed" if c.snoozed else "")
        ),
        "notes": notes,
    }


def priority_label(count: PriorityCount) -> str:
    if count.priority == 0:
        return f"{plural(count.papers, 'paper')} triaged without a priority ({count.unread} unread)"
    return f"{plural(count.papers, 'paper')} ({count.unread} unread)"


def left_label(digest: Digest) -> str:
    """ "12 left of 98", or "done ✓ (98)" once every paper of the digest is triaged or snoozed."""
    return f"done ✓ ({digest.papers})" if digest.left == 0 else f"{digest.left} left of {digest.papers}"


def digest_label_line(digest: Digest) -> str:
    return digest.label + (f" · {digest.date}" if digest.date else "")


def stats_text(stats: Stats, width: int = 30) -> str:
    """``readq stats``: the same numbers as the stats screen, as plain text."""
    lines = summary_lines(stats)
    values = [n for _, n in stats.read_per_day]
    first, last = stats.read_per_day[0][0], stats.read_per_day[-1][0]
    spark = sparkline(values)
    left, right = day_label(first), day_label(last)
    axis = left + " " * max(1, len(spark) - len(left) - len(right)) + right
    out = [
        f"readq statistics for {stats.today.isoformat()}",
        "",
        f"Read per day    {spark}  {lines['read']}",
        f"                {axis}",
        f"Streak          {lines['streak']}",
        f"Library         {lines['library']}",
        "Priorities      "
        + "\n                ".join(
            f"{priority_glyph(p.priority)} {p.priority}  {priority_label(p)}" for p in stats.priorities
        ),
        f"Notes           {lines['notes']}",
    ]
    if stats.digests:
        out.append("Backlog per digest")
        name_width = max(len(digest_label_line(d)) for d in stats.digests)
        for digest in stats.digests:
            filled, empty = bar(digest.left, digest.papers, width)
            out.append(
                f"  {digest_label_line(digest):<{name_width}}  {'█' * filled}{'░' * empty}  "
                + left_label(digest)
            )
    return "\n".join(out)
