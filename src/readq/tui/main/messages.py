"""What the main screen's features tell each other, as messages to the screen (never hooks on a base class).

The screen hands each message to every feature with a method of the message's handler name (a
``LibraryChanged`` goes to ``on_library_changed``). Background workers post these from their threads
(``post_message`` is thread-safe); the handlers, on the main thread, own every change of state.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from readq.discovery.live import Snapshot
    from readq.discovery.ranking import NeedsMore, Ranking
    from readq.discovery.similar import TextIndex
    from readq.library.completion import Completion
    from readq.library.pdfs import PdfResult
    from readq.system.clipboard import CopyResult


class MainMessage(Message, bubble=False):
    """A message between the main screen's features; the status line and sidebar are redrawn after it."""

    redraws_chrome = True


class LibraryChanged(MainMessage):
    """The library changed: a write, an undo or redo, an import, another process's change (the poll), or the
    watch list / saved searches (``lists``)."""

    def __init__(self, *, lists: bool = False) -> None:
        super().__init__()
        self.lists = lists


class ViewLoaded(MainMessage):
    """The rows of the current view were computed again (a view switch, a sort, a change that reloads)."""


class Polled(MainMessage):
    """The periodic look at the disk is done (every ``POLL_SECONDS``): start background work that is due."""

    redraws_chrome = False


class IndexProgress(MainMessage):
    """The search index (every paper's abstract) is being built: ``done`` of ``total`` papers."""

    redraws_chrome = False

    def __init__(self, done: int, total: int) -> None:
        super().__init__()
        self.done, self.total = done, total


class IndexBuilt(MainMessage):
    """A search-index worker ended (``problem``: it could not read the papers file)."""

    def __init__(self, problem: str | None = None) -> None:
        super().__init__()
        self.problem = problem


class IndexReady(MainMessage):
    """Full-text search is available for every paper of the library."""


class ListsCounted(MainMessage):
    """A worker matched the watch list and counted the saved searches."""

    def __init__(self, snapshot: Snapshot, watched: dict[str, int], counts: dict[str, int]) -> None:
        super().__init__()
        self.snapshot, self.watched, self.counts = snapshot, watched, counts


class TextIndexProgress(MainMessage):
    """The similarity index is being built: ``done`` of ``total`` papers."""

    redraws_chrome = False

    def __init__(self, done: int, total: int) -> None:
        super().__init__()
        self.done, self.total = done, total


class TextIndexBuilt(MainMessage):
    """A worker built (or loaded) the similarity index."""

    def __init__(self, index: TextIndex) -> None:
        super().__init__()
        self.index = index


class RankingLearned(MainMessage):
    """A worker learned the suggested order from the decisions counted at ``decisions``."""

    def __init__(self, decisions: int, ranking: Ranking | NeedsMore) -> None:
        super().__init__()
        self.decisions, self.ranking = decisions, ranking


@dataclass(frozen=True)
class CopyJob:
    text: str
    label: str  # "BibTeX of “…”"
    hint: str  # what the citation lacks and how to add it, or ""
    filename: str  # suggested name for "save to file"


class CopyFinished(MainMessage):
    """The clipboard worker is done with ``job``: ``result`` says by which route, or that nothing took it."""

    redraws_chrome = False

    def __init__(self, result: CopyResult, job: CopyJob) -> None:
        super().__init__()
        self.result, self.job = result, job


class WorkProgress(MainMessage):
    """How far a download or a completion the user started has come (for the status line)."""

    redraws_chrome = False

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


class PdfsFetched(MainMessage):
    """The downloads of ``D`` ended (all done, some refused, or cancelled); ``problem``: none could start."""

    def __init__(self, result: PdfResult | None, problem: str | None = None) -> None:
        super().__init__()
        self.result = result
        self.problem = problem


class ArxivAnswered(MainMessage):
    """arXiv answered the questions of ``F`` (nothing written yet), or could not be asked (``problem``), or
    the user cancelled (``cancelled``)."""

    def __init__(
        self, outcome: Completion | None, problem: str | None = None, cancelled: bool = False
    ) -> None:
        super().__init__()
        self.outcome = outcome
        self.problem = problem
        self.cancelled = cancelled
