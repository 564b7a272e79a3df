"""The library's views: the fixed ones (Inbox, Queue, Read, All, Watched), one per digest, one per tag and
one per saved search, each known by a key (``digest:FILE``, ``tag:KEY``, ``search:NAME``)."""

from __future__ import annotations

from dataclasses import dataclass

from readq.discovery.live import SEARCH, WATCHED

FIXED_VIEWS = ("inbox", "queue", "read", "all")
VIEW_TITLES = {"inbox": "Inbox", "queue": "Queue", "read": "Read", "all": "All", WATCHED: "Watched"}
DEFAULT_SORT = {"queue": "priority"}
DIGEST = "digest:"
TAG = "tag:"


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
