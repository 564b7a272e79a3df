"""How the app tells the user that the library could not be read or written (plain text, said once)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widget import Widget

from readq.store import StoreError, StoreLockedError

if TYPE_CHECKING:
    from readq.library.service import Library
    from readq.store import Changes

BUSY_TITLE = "Library busy — not saved"


def not_saved(
    node: Widget, error: StoreError, *, what: str = "this change", title: str = "Not saved"
) -> None:
    """Report a change that did not reach the disk; nothing of it was applied, so trying again is safe."""
    if isinstance(error, StoreLockedError):
        node.notify(
            f"Another readq process is writing the library, so {what} was not saved. Try again in a moment.",
            title=BUSY_TITLE,
            severity="warning",
            timeout=6,
        )
        return
    node.notify(str(error), title=title, severity="error", timeout=10)


def report_once(node: Widget, last: str | None, problem: str | None) -> str | None:
    """Notify ``problem`` unless it is the one reported last (a poll must not repeat it every second);
    returns what to pass as ``last`` next time."""
    if problem is not None and problem != last:
        node.notify(problem, title="Library problem", severity="error", timeout=15)
    return problem


def poll_library(node: Widget, library: Library, last: str | None) -> tuple[Changes | None, str | None]:
    """Catch up with other processes' writes, saying a library problem once: ``(changes or None when the
    library could not be read, what to pass as ``last`` next time)``."""
    try:
        changes = library.refresh()
    except StoreError as error:
        return None, report_once(node, last, str(error))
    return changes, report_once(node, last, changes.problem)
