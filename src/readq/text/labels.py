"""Short labels people read: counts with their plural, digest names."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from readq.text.terminal import one_line

if TYPE_CHECKING:
    from readq.user_state import PaperState


def plural(n: int, word: str, words: str | None = None) -> str:
    """``1 paper``, ``2 papers``, ``1,204 papers`` (``words``: an irregular plural)."""
    return f"{n:,} {word if n == 1 else (words or word + 's')}"


PRIORITY_GLYPHS = {0: "", 1: "!", 2: "!!", 3: "!!!"}  # one set for the list, the stats and the CLI


def priority_glyph(priority: int, width: int = 3) -> str:
    """The mark of a priority (``!``, ``!!``, ``!!!``; none when untriaged), padded to ``width`` cells."""
    return PRIORITY_GLYPHS.get(priority, "").ljust(width)


def digest_label(file: str) -> str:
    """A short label for a digest file: ``000_255aaf5710b68c8f.txt`` -> ``000``, else the stem."""
    stem = one_line(file).rsplit("/", 1)[-1]  # escapes out first: an OSC 8 link holds slashes
    stem = stem.rsplit(".", 1)[0] if "." in stem else stem
    head = stem.split("_", 1)[0]
    if head.isdigit() and head != stem:
        return head
    return stem


def short_day(day: str) -> str:
    """``2026-11-03`` -> ``Nov 3``."""
    d = date.fromisoformat(day)
    return f"{d:%b} {d.day}"


def snooze_marker(state: PaperState, snoozed: bool) -> str:
    """The list's snooze marker: ``until Nov 10`` for a paper still snoozed (``snoozed``: the library's flag,
    from its clock), ``snoozed on Nov 3`` for one back in the Inbox and not triaged yet, else ``""``."""
    if state.snoozed is None or state.read or state.triaged:
        return ""
    if snoozed:
        return "until " + short_day(state.snoozed)
    return "snoozed on " + short_day(state.snoozed_on) if state.snoozed_on else ""
