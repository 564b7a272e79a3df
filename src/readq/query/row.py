"""The row protocol: what the query layer (matching, views, sort orders) reads of one paper in the list.

The query layer is pure and never knows the store; :class:`readq.library.records.Record` (which reads the
store's catalog) implements this protocol, and so can any other object with these members.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol

from readq.user_state import PaperState


class Row(Protocol):
    """One paper as the matcher and the sort orders see it. Text members are folded (see
    :func:`readq.text.folding.fold`); ``haystack`` is ``title\\nauthors\\nabstract`` and ``abstract_at``
    where the abstract starts in it."""

    state: PaperState
    watched_by: str | None  # the label of the first watch the paper matches, else None
    has_pdf: bool  # a downloaded PDF of the paper is in the PDF folder (the library layer knows)
    snoozed: bool  # snoozed until a later day: out of the Inbox for now (the library layer knows the day)

    @property
    def pid(self) -> str: ...
    @property
    def authors(self) -> tuple[str, ...]: ...
    @property
    def added(self) -> str: ...
    @property
    def seq(self) -> int: ...
    @property
    def batch(self) -> int: ...  # the same number for every paper one import brought (one digest file)
    @property
    def score(self) -> float | None: ...
    @property
    def code(self) -> bool: ...
    @property
    def doi(self) -> str | None: ...
    @property
    def has_abstract(self) -> bool: ...
    @property
    def year(self) -> int | None: ...
    @property
    def n_sources(self) -> int: ...
    @property
    def source_files(self) -> Iterator[str]: ...
    @property
    def date_key(self) -> tuple[int, int, int, int]: ...
    @property
    def title_cf(self) -> str: ...
    @property
    def authors_lines(self) -> str: ...
    @property
    def note_cf(self) -> str: ...
    @property
    def categories(self) -> tuple[str, ...]: ...
    @property
    def haystack(self) -> str: ...
    @property
    def abstract_at(self) -> int: ...
