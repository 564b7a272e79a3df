"""Watches and saved-search names: what a watch may be, how it is written, shown and matched.

A watch is one query term about the paper itself: ``author:"Percy Liang"``, ``cat:cs.CL``, ``title:…``,
``abstract:…``, ``src:…``, a word or ``"a phrase"`` (title, authors or abstract). It matches exactly what the
same term matches as a search, so ``is:watched`` is the OR of the watch list.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property

from readq.query.language import And, Field, QueryError, Text, parse
from readq.query.matching import Query, filter_records
from readq.query.row import Row

WATCH_FIELDS = ("author", "title", "abstract", "cat", "src")
FIELD_WORDS = {
    "author": "author",
    "title": "title",
    "abstract": "abstract",
    "cat": "category",
    "src": "digest",
}
MAX_NAME = 60

_FIELD_FORM = re.compile(r"([A-Za-z][A-Za-z_]*):(.*)", re.DOTALL)
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_KEYWORDS = ("AND", "OR", "NOT")


class WatchError(ValueError):
    """A term that cannot be watched; the message says why."""


@dataclass(frozen=True)
class Watch:
    """``term`` as stored and shown (``author:"Percy Liang"``), its parsed ``node``, and ``raw`` (the value
    as typed, for labels)."""

    term: str
    node: Text | Field
    raw: str

    @property
    def key(self) -> str:
        """The canonical form: two spellings of one watch (case, quotes, aliases) share it."""
        if isinstance(self.node, Text):
            return "text:" + self.node.value
        return f"{self.node.name}:{self.node.value}"

    @property
    def label(self) -> str:
        """How the detail pane gives the reason: ``author Percy Liang``, ``category cs.CL``, ``"a word"``."""
        if isinstance(self.node, Text):
            return f'"{self.raw}"'
        return f"{FIELD_WORDS[self.node.name]} {self.raw}"

    @property
    def needs_text(self) -> bool:
        """True when matching reads abstracts (the search index)."""
        return isinstance(self.node, Text) or self.node.name == "abstract"

    @cached_property
    def query(self) -> Query:
        return Query(self.term, self.node)

    def matches(self, record: Row) -> bool:
        return self.query.matches(record)


def _single(text: str) -> Text | Field | None:
    try:
        node = parse(text)
    except QueryError:
        return None
    return node if isinstance(node, Text | Field) else None


def _unquote(text: str) -> str:
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] == '"':
        return text[1:-1].strip()
    return text


def parse_watch(text: str) -> Watch:
    """A watch from what the user typed. ``author:Percy Liang`` (the quotes eaten by a shell) is read as
    ``author:"Percy Liang"``, and several plain words as a phrase."""
    text = " ".join(_CONTROL.sub(" ", text).split())
    if not text:
        raise WatchError("nothing to watch: give an author:, cat:, title: or abstract: term, or words")
    form = _FIELD_FORM.fullmatch(text)
    try:
        tree = parse(text)
    except QueryError as error:
        raise WatchError(f"cannot read {text!r}: {error}") from None
    node: Text | Field | None = tree if isinstance(tree, Text | Field) else None
    words = isinstance(tree, And) and all(isinstance(child, Text) for child in tree.children[1:])
    if node is None and words and '"' not in text:  # a value or words with spaces: one phrase
        node = _single(f'{form.group(1)}:"{form.group(2)}"' if form else f'"{text}"')
    if node is None:
        raise WatchError(
            f"{text!r} is not one term; watch one author:, cat:, word or phrase at a time (no OR, NOT or -)"
        )
    if isinstance(node, Text):
        raw = _unquote(text)
        special = " " in raw or any(c in raw for c in ':"()') or raw[0] == "-" or raw in _KEYWORDS
        return Watch(f'"{raw}"' if special else raw, node, raw)
    if node.name not in WATCH_FIELDS:
        raise WatchError(
            f"{node.name}: is about your own triage, not the paper; watch one of "
            + ", ".join(f"{f}:" for f in WATCH_FIELDS)
            + ', a word or "a phrase"'
        )
    assert form is not None  # a field always has the name:value form
    raw = _unquote(form.group(2))
    return Watch(f'{node.name}:"{raw}"' if " " in raw else f"{node.name}:{raw}", node, raw)


def load_watches(terms: Iterable[str]) -> list[Watch]:
    """The stored watch list as watches; a term that no longer parses (a file edited by hand) is skipped."""
    watches: list[Watch] = []
    keys: set[str] = set()
    for term in terms:
        try:
            watch = parse_watch(term)
        except WatchError:
            continue
        if watch.key not in keys:
            keys.add(watch.key)
            watches.append(watch)
    return watches


def first_watch(watches: Sequence[Watch], record: Row) -> int | None:
    """The index of the first watch ``record`` matches."""
    for i, watch in enumerate(watches):
        if watch.matches(record):
            return i
    return None


def match_watches(watches: Sequence[Watch], records: Sequence[Row]) -> dict[str, int]:
    """Paper id -> index of the first watch it matches, for every watched paper. One filter pass per watch
    (O(library × watches)): run it when the library or the list changes, never per key. Text watches read
    the search text, so build the search index first."""
    found: dict[str, int] = {}
    for i, watch in enumerate(watches):
        for record in filter_records(watch.query, records):
            found.setdefault(record.pid, i)
    return found


def candidate_watches(authors: Sequence[str], category: str | None) -> list[Watch]:
    """What ``w`` offers for a paper: each author and each category."""
    found: list[Watch] = []
    for author in authors:
        if author.strip():
            found.append(parse_watch(f"author:{author}"))
    for cat in re.split(r"[\s,;]+", category or ""):
        if cat:
            found.append(parse_watch(f"cat:{cat}"))
    unique: dict[str, Watch] = {}
    for watch in found:
        unique.setdefault(watch.key, watch)
    return list(unique.values())


def clean_search_name(name: str) -> str:
    """A saved search's name: control characters and runs of spaces removed; at most 60 characters."""
    cleaned = " ".join(_CONTROL.sub(" ", name).split())
    if not cleaned:
        raise ValueError("a saved search needs a name")
    if len(cleaned) > MAX_NAME:
        raise ValueError(f"a saved search's name has at most {MAX_NAME} characters")
    return cleaned
