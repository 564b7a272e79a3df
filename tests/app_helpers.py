"""Helpers shared by the app's tests (Pilot flows, reliability tests): the usual terminal size, the main
screen of a running app, and the one way to wait in them: for a condition, never for a length of time.

The app's own timers (the disk poll, ``POLL_SECONDS``; the note's rest delay, ``NOTE_DELAY``) are read from
their modules when they are set, so the ``app_timers`` fixture (tests/conftest.py) replaces them: a test
polls by hand (``screen.poll()``) and the note renders at the next idle moment."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any

from textual.app import App
from textual.pilot import Pilot

from readq.tui.main.screen import MainScreen

WIDE = (140, 40)


def main(app: App[Any]) -> MainScreen:
    """The running app's main screen (a test that is elsewhere fails here, saying where it is)."""
    screen = app.screen
    assert isinstance(screen, MainScreen), f"expected the main screen, not {screen!r}"
    return screen


async def wait_until(
    condition: Callable[[], object],
    what: str = "",
    *,
    pilot: Pilot[Any] | None = None,
    seconds: float = 10.0,
) -> None:
    """Wait until ``condition()`` is true, letting the app (``pilot``) handle its messages between looks and
    once more after (so what changed is laid out); fail naming ``what`` after ``seconds`` (a bound for slow
    machines, not a time anything waits for)."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up after {seconds} s waiting for {what or condition}")
        if pilot is not None:
            await pilot.pause()
        await asyncio.sleep(0.01)
    if pilot is not None:
        await pilot.pause()


def note_shown(app: App[Any]) -> bool:
    """Whether the detail pane shows the current paper's note (rendered once the cursor rests)."""
    from textual.widgets import Markdown

    screen = app.screen
    box = screen.query_one("#detail-notebox")
    return not box.has_class("-hidden") and bool(screen.query_one("#detail-note", Markdown).source)


def wait_until_sync(
    condition: Callable[[], object], what: str = "", seconds: float = 20.0, every: float = 0.02
) -> None:
    """:func:`wait_until` for code outside the app's event loop (threads, child processes, a browser);
    ``every`` spaces out looks that cost something (a look that runs a process)."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up after {seconds} s waiting for {what or condition}")
        time.sleep(every)


def palette_offers(app: App[Any], title: str) -> bool:
    """Whether the open command palette highlights a command whose text starts with ``title`` (its search
    runs in the background, so a test waits for this before pressing enter)."""
    from textual.command import CommandList

    found = app.screen.query(CommandList)
    if not found:
        return False
    commands = found.first()
    index = commands.highlighted
    if index is None or index >= commands.option_count:
        return False
    prompt = commands.get_option_at_index(index).prompt
    text = getattr(prompt, "plain", str(prompt))
    return text.strip().lower().startswith(title.lower())
