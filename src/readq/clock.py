"""readq's one clock. Every "now" in the package comes from :func:`now` (looked up on this module at call
time, never imported by name), so a test that replaces ``readq.clock.now`` freezes the whole app: stamps
on papers and sources, export headers, watch and search lists, set-aside names, pasted labels, stats."""

from __future__ import annotations

from datetime import UTC, date, datetime, tzinfo


def now() -> datetime:
    """The current time, timezone-aware, in UTC."""
    return datetime.now(UTC)


def now_iso() -> str:
    """The current time as an ISO 8601 UTC timestamp with second precision."""
    return now().replace(microsecond=0).isoformat()


def today() -> date:
    """Today's date on the machine's local calendar."""
    return now().astimezone().date()


def local_zone() -> tzinfo | None:
    """The zone times are shown in: the machine's (``None`` to ``astimezone``); tests replace it."""
    return None
