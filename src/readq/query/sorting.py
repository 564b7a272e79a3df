"""Dates as digests write them, and the sort orders of the paper list. Pure Python, stdlib only."""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterable, Mapping
from datetime import date, timedelta
from typing import Any, TypeVar

from readq.models import Paper
from readq.query.row import Row

Matcher = Callable[[Row], bool]
R = TypeVar("R", bound=Row)


# -- dates ------------------------------------------------------------------------------------------------

_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_ISO = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[t ].*)?")
_MONTH_FIRST = re.compile(r"([a-z]{3,9})\.?(?:\s+(\d{1,2})(?:st|nd|rd|th)?)?,?(?:\s+(\d{4}))?")
_DAY_FIRST = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]{3,9})\.?,?(?:\s+(\d{4}))?")
_IMPORTED = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def _month(name: str) -> int:
    """1-12 for a month name or abbreviation ("Sept", "June"), else 0."""
    return _MONTHS.index(name[:3]) + 1 if name[:3] in _MONTHS else 0


def parse_date(text: str) -> tuple[int | None, int, int] | None:
    """``(year or None, month, day)`` from "Oct 12, 2022", "Jun 2", "2024-05-01", "12 Oct 2022", "2024";
    month/day 0 when absent; None when unreadable."""
    value = " ".join(text.casefold().split())
    year: int | None
    if found := _ISO.fullmatch(value):
        year, month, day = int(found.group(1)), int(found.group(2) or 0), int(found.group(3) or 0)
    elif found := _MONTH_FIRST.fullmatch(value):
        month, day = _month(found.group(1)), int(found.group(2) or 0)
        year = int(found.group(3)) if found.group(3) else None
        if not found.group(2) and year is None:
            return None
    elif found := _DAY_FIRST.fullmatch(value):
        day, month = int(found.group(1)), _month(found.group(2))
        year = int(found.group(3)) if found.group(3) else None
    else:
        return None
    if found.re is not _ISO and not month:
        return None  # not a month name
    if not 0 <= month <= 12 or not 0 <= day <= 31 or (day and not month):
        return None
    return year, month, day


def _guess_year(month: int, day: int, imported: str) -> int | None:
    """The year of a yearless date seen in a digest imported at ``imported``: that year, or the one before
    when the date would be more than a week after the import (a "Dec 30" digest imported on Jan 2)."""
    found = _IMPORTED.match(imported)
    if not found:
        return None
    year = int(found.group(1))
    try:
        seen = date(year, int(found.group(2)), int(found.group(3)))
        then = date(year, month or 1, min(day or 1, calendar.monthrange(year, month or 1)[1]))
    except ValueError:
        return year
    return year - 1 if then - seen > timedelta(days=7) else year


def date_key_of(date_text: str | None, year: int | None, imported: str) -> tuple[int, int, int, int]:
    """``(1, year, month, day)`` for a dated paper (larger is newer), ``(0, 0, 0, 0)`` without a date.

    A date without a year takes the year of the paper's first import (see :func:`_guess_year`), else the
    paper's ``year``, else 0. A paper with only a ``year`` sorts at the start of that year.
    """
    parsed = parse_date(date_text) if date_text else None
    if parsed is None:
        return (1, year, 0, 0) if year else (0, 0, 0, 0)
    found_year, month, day = parsed
    if found_year is None:
        guessed = _guess_year(month, day, imported) if imported else None
        found_year = guessed if guessed is not None else (year or 0)
    return (1, found_year, month, day)


def date_sort_key(paper: Paper) -> tuple[int, int, int, int]:
    """:func:`date_key_of` for a whole paper."""
    imported = paper.sources[0].imported if paper.sources else ""
    return date_key_of(paper.date, paper.year, imported)


# -- sorting ----------------------------------------------------------------------------------------------

SORT_KEYS = ("added", "priority", "date", "score", "title", "seen", "suggested")
DEFAULT_REVERSE = {
    "added": True,
    "priority": True,
    "date": True,
    "score": True,
    "title": False,
    "seen": True,
    "suggested": True,
}
_DIRECTIONS = {  # (ascending, descending)
    "added": ("oldest first", "newest first"),
    "priority": ("lowest first", "highest first"),
    "date": ("oldest first", "newest first"),
    "score": ("lowest first", "highest first"),
    "title": ("A–Z", "Z–A"),
    "seen": ("fewest sources first", "most sources first"),
    "suggested": ("least likely first", "most likely first"),
}

# Each key: (is the value missing?, ascending sort key). Missing values go last in either direction.
_SORTS: dict[str, tuple[Matcher, Callable[[Row], Any]]] = {
    # within one import, newest-first still lists papers in digest order
    "added": (lambda r: not r.added, lambda r: (r.added, -r.seq, r.pid)),
    "priority": (lambda r: False, lambda r: (r.state.priority, r.added, -r.seq, r.pid)),
    "date": (lambda r: not r.date_key[0], lambda r: (r.date_key, r.pid)),
    "score": (lambda r: r.score is None, lambda r: (r.score, r.pid)),
    "title": (lambda r: not r.title_cf.strip(), lambda r: (r.title_cf, r.pid)),
    "seen": (lambda r: False, lambda r: (r.n_sources, r.added, -r.seq, r.pid)),
}


def import_starts(rows: Iterable[Row]) -> dict[tuple[str, int], int]:
    """(added, batch) -> the first arrival number of that import. One command that imports several files
    stamps them all with the same second; this tells the files apart, in the order they arrived."""
    starts: dict[tuple[str, int], int] = {}
    for row in rows:
        group = (row.added, row.batch)
        seq = row.seq
        if starts.get(group, seq) >= seq:
            starts[group] = seq
    return starts


# Sorts whose ties go by arrival: newest import first (the last file of a multi-file import on top), and
# within one import the digest's own order.
_BY_ARRIVAL: dict[str, Callable[[dict[tuple[str, int], int]], Callable[[Row], Any]]] = {
    "added": lambda s: lambda r: (r.added, s[r.added, r.batch], -r.seq, r.pid),
    "priority": lambda s: lambda r: (r.state.priority, r.added, s[r.added, r.batch], -r.seq, r.pid),
    "seen": lambda s: lambda r: (r.n_sources, r.added, s[r.added, r.batch], -r.seq, r.pid),
}


def _check_key(key: str) -> None:
    if key not in SORT_KEYS:
        raise ValueError(f"unknown sort key {key!r}; known: {', '.join(SORT_KEYS)}")


def sort_records(
    records: Iterable[R],
    key: str,
    reverse: bool | None = None,
    *,
    scores: Mapping[str, float] | None = None,
) -> list[R]:
    """``records`` sorted by ``key``. ``reverse`` works like ``sorted``'s on the ascending order (oldest,
    lowest, A-Z, fewest); None takes the key's usual direction (``DEFAULT_REVERSE``). Ties are broken by
    paper id (in the same direction), and papers missing the value come last, by id, either way.

    ``suggested`` orders by ``scores`` (paper id -> the suggested order's score, see
    :mod:`readq.discovery.ranking`); without scores (no model yet) it is the plain order, ``added``.
    """
    _check_key(key)
    if key == "suggested" and not scores:
        key = "added"
    descending = DEFAULT_REVERSE[key] if reverse is None else reverse
    missing: Matcher
    sort_key: Callable[[Row], Any]
    if key == "suggested":
        assert scores is not None
        table = scores
        missing, sort_key = (lambda r: r.pid not in table), (lambda r: (table[r.pid], r.pid))
    else:
        missing, sort_key = _SORTS[key]
    present: list[R] = []
    absent: list[R] = []
    for record in records:
        (absent if missing(record) else present).append(record)
    if key in _BY_ARRIVAL:
        starts = import_starts(present)
        sort_key = _BY_ARRIVAL[key](starts)
    present.sort(key=sort_key, reverse=descending)
    absent.sort(key=lambda r: r.pid)
    return present + absent


def describe_sort(key: str, reverse: bool | None = None) -> str:
    """A header label such as ``added (newest first)``."""
    _check_key(key)
    descending = DEFAULT_REVERSE[key] if reverse is None else reverse
    return f"{key} ({_DIRECTIONS[key][descending]})"
