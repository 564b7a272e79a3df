"""Snoozing: "not today, but then". Pure functions of a state and a day (the caller's clock gives the day).

A snoozed paper keeps ``snoozed`` (the day it comes back, YYYY-MM-DD) and ``snoozed_on`` (the day it was
snoozed). Until that day it is out of the Inbox and in the Snoozed view; from that day on it is in the Inbox
again, first, with a marker ("snoozed on Nov 3") until it is triaged.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, Protocol

from readq.text.labels import short_day
from readq.user_state import PaperState

if TYPE_CHECKING:
    from readq.library.history import Step
    from readq.library.records import Record

# The choices the app offers, in order: key, label.
CHOICES = (
    ("tomorrow", "Tomorrow"),
    ("monday", "Next Monday"),
    ("week", "In a week"),
    ("month", "In a month"),
)
_RELATIVE = re.compile(r"\+(\d{1,4})([dw]?)")


def snooze_day(when: str, today: date) -> date:
    """The day ``when`` means, from ``today``: a choice (tomorrow, monday, week, month), ``+N``/``+Nd``
    (days), ``+Nw`` (weeks) or a date (YYYY-MM-DD). Raises ValueError for anything else, or a day that is
    not after today."""
    text = when.strip().lower()
    if text == "tomorrow":
        day = today + timedelta(days=1)
    elif text in ("monday", "next monday"):
        day = today + timedelta(days=7 - today.weekday())
    elif text == "week":
        day = today + timedelta(days=7)
    elif text == "month":
        day = _add_month(today)
    elif found := _RELATIVE.fullmatch(text):
        n = int(found.group(1))
        day = today + timedelta(days=n * 7 if found.group(2) == "w" else n)
    else:
        try:
            day = date.fromisoformat(text)
        except ValueError:
            raise ValueError(
                f"not a day: {when!r} (use YYYY-MM-DD, +N days, +Nw, tomorrow, monday, week or month)"
            ) from None
    if day <= today:
        raise ValueError(f"{day.isoformat()} is not after today ({today.isoformat()})")
    return day


def _add_month(day: date) -> date:
    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    for last in (31, 30, 29, 28):  # the same day of next month, or that month's last day
        try:
            return day.replace(year=year, month=month, day=min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover


def is_snoozed(state: PaperState, today: date) -> bool:
    """Out of the Inbox for now: snoozed until a day after ``today``, unread and not triaged since."""
    day = state.snoozed
    return day is not None and not state.read and not state.triaged and day > today.isoformat()


def is_back(state: PaperState, today: date) -> bool:
    """Snoozed once and back in the Inbox (its day came) and not triaged yet: shown first, with a marker."""
    day = state.snoozed
    return day is not None and not state.read and not state.triaged and day <= today.isoformat()


def marker(state: PaperState, today: date) -> str:
    """ "snoozed on Nov 3" for a paper back from a snooze, "snoozed until Nov 10" for one still away, else
    ""."""
    if is_back(state, today) and state.snoozed_on:
        return "snoozed on " + short_day(state.snoozed_on)
    if is_snoozed(state, today) and state.snoozed:
        return "snoozed until " + short_day(state.snoozed)
    return ""


def snooze_fields(day: date | None, today: date) -> dict[str, Any]:
    """The state fields that snooze a paper until ``day`` (None: clear the snooze)."""
    if day is None:
        return {"snoozed": None, "snoozed_on": None}
    return {"snoozed": day.isoformat(), "snoozed_on": today.isoformat()}


def back_first(records: Iterable[Record], today: date) -> list[Record]:
    """The Inbox's rows: the papers back from a snooze first (the latest back first), then the rest."""
    rows = list(records)
    back = [r for r in rows if r.state.snoozed and is_back(r.state, today)]
    if not back:
        return rows
    back.sort(key=lambda r: r.state.snoozed or "", reverse=True)
    ids = {id(r) for r in back}
    return back + [r for r in rows if id(r) not in ids]


class Changes(Protocol):
    """What snoozing needs of the library (:class:`readq.library.service.Library`)."""

    today: date

    def change(self, label: str, changes: dict[str, dict[str, Any]]) -> Step: ...


def snooze(library: Changes, pids: Iterable[str], day: date | None) -> Step:
    """Snooze papers until ``day`` (None: clear their snooze) as one undoable step."""
    fields = snooze_fields(day, library.today)
    return library.change(
        "snooze" if day is not None else "clear snooze", {pid: dict(fields) for pid in pids}
    )
