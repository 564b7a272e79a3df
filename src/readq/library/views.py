"""The library's views: the fixed ones (Inbox, Queue, Read, All, Snoozed, Watched), one per digest, one per
tag and one per saved search, each known by a key (``digest:FILE``, ``tag:KEY``, ``search:NAME``). Every view
key and key prefix is defined here, and the name of the learned sort (``suggested``)."""

from __future__ import annotations

from dataclasses import dataclass

WATCHED = "watched"  # unread papers a watch matches (shown once there is a watch list)
SEARCH = "search:"  # a saved search: search:NAME
DIGEST = "digest:"  # the papers of one digest file: digest:FILE
TAG = "tag:"  # the papers with one tag: tag:KEY
SUGGESTED = "suggested"  # the sort learned from the user's triage (readq.discovery.ranking)
SNOOZED = "snoozed"  # papers snoozed until a later day (readq.library.snoozing)
NEW = "new"  # papers imported since the app last closed (shown when there are some)
FIXED_VIEWS = ("inbox", "queue", "read", "all", SNOOZED)
VIEW_TITLES = {
    "inbox": "Inbox",
    "queue": "Queue",
    "read": "Read",
    "all": "All",
    SNOOZED: "Snoozed",
    NEW: "New since last time",
    WATCHED: "Watched",
}
DEFAULT_SORT = {"queue": "priority"}


@dataclass(frozen=True)
class View:
    key: str
    title: str
    digest_date: str | None = None

    @property
    def is_digest(self) -> bool:
        return self.key.startswith(DIGEST)

    @property
    def file(self) -> str:
        return self.key[len(DIGEST) :]

    @property
    def is_tag(self) -> bool:
        return self.key.startswith(TAG)

    @property
    def is_search(self) -> bool:
        return self.key.startswith(SEARCH)

    @property
    def name(self) -> str:
        """The saved search's name (for a saved-search view)."""
        return self.key[len(SEARCH) :]
