"""The search, filter and sort language shared by the CLI and the TUI. Pure Python, stdlib only.

The language (words, phrases, ``field:value``, ``-``/``NOT``, ``OR``, parentheses) is described in
:mod:`readq.query.language`, which parses it; this module matches it against papers, and holds the views and
the sort orders.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, Final, TypeVar

from readq.query.language import (
    FIELDS,
    And,
    Everything,
    Field,
    Node,
    Not,
    Or,
    QueryError,
    Text,
    parse,
)
from readq.query.narrowing import narrows
from readq.query.people import person_matcher
from readq.query.row import Row
from readq.query.sorting import DEFAULT_REVERSE, SORT_KEYS, date_sort_key, describe_sort, sort_records
from readq.text.folding import fold

__all__ = [
    "DEFAULT_REVERSE",
    "FIELDS",
    "SORT_KEYS",
    "VIEWS",
    "Query",
    "QueryError",
    "date_sort_key",
    "describe_sort",
    "filter_records",
    "fold",
    "narrows",
    "parse_query",
    "sort_records",
    "view_predicate",
]

_UNSET: Final[Any] = object()


# -- matching ---------------------------------------------------------------------------------------------

Matcher = Callable[[Row], bool]
R = TypeVar("R", bound=Row)


Rank = dict[str, float]  # word -> estimated cost per record it rules out (lowest: test it first)


def _ordered(words: Iterable[str], rank: Rank) -> tuple[str, ...]:
    """Cheapest way to rule records out first (per ``rank``), else longest first."""
    return tuple(sorted(set(words), key=lambda w: (rank.get(w, 0.0), -len(w), w)))


def _in_note(words: tuple[str, ...]) -> Matcher:
    """Each word in the haystack or the note; for records whose haystack lacks some word."""

    def match(record: Row) -> bool:
        note = record.note_cf
        in_note = [word in note for word in words]
        if not any(in_note):
            return False
        haystack = record.haystack
        return all(found or word in haystack for word, found in zip(words, in_note, strict=True))

    return match


def _words(words: tuple[str, ...]) -> Matcher:
    """All ``words`` (already ordered) in the haystack, else (rarely) each in the haystack or the note."""
    in_note = _in_note(words)

    def match(record: Row) -> bool:
        haystack = record.haystack
        for word in words:
            if word not in haystack:
                return bool(record.state.note) and in_note(record)
        return True

    return match


_COMPARE: dict[str, Callable[[int, int], bool]] = {
    "=": lambda a, b: a == b,
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
}

_HAS: dict[str, Matcher] = {
    "note": lambda r: bool(r.state.note.strip()),
    "tags": lambda r: bool(r.state.tags),
    "authors": lambda r: bool(r.authors),
    "code": lambda r: r.code,
    "abstract": lambda r: r.has_abstract,
    "pdf": lambda r: r.has_pdf,
    "doi": lambda r: bool(r.doi),
}


def _field(node: Field) -> Matcher:
    name, value = node.name, node.value
    if name == "p":
        compare, number = _COMPARE[node.op], int(value)
        # A paper never given a priority has none: p:0 finds the papers triaged at 0, not the Inbox.
        return lambda r: r.state.triaged and compare(r.state.priority, number)
    if name == "year":
        compare, number = _COMPARE[node.op], int(value)
        return lambda r: (year := r.year) is not None and compare(year, number)
    if name == "seen":
        compare, number = _COMPARE[node.op], int(value)
        return lambda r: compare(r.n_sources, number)
    text = str(value)
    if name == "is":
        if text == "watched":
            return lambda r: r.watched_by is not None
        if text in ("inbox", "queued", "snoozed"):
            return _VIEWS["queue" if text == "queued" else text]
        return (lambda r: r.state.read) if text == "read" else (lambda r: not r.state.read)
    if name == "has":
        return _HAS[text]
    if name == "title":
        return lambda r: text in r.title_cf
    if name == "abstract":
        return lambda r: r.haystack.find(text, r.abstract_at) >= 0
    if name == "author":
        person = person_matcher(text)  # the same person written another way (A. Del Maestro)
        if person is None:
            return lambda r: text in r.authors_lines  # values never hold a newline
        return lambda r: text in (lines := r.authors_lines) or person(lines)
    if name == "note":
        return lambda r: bool(r.state.note) and text in r.note_cf
    if name == "tag":
        return lambda r: any(fold(tag) == text for tag in r.state.tags)
    if name == "cat":
        return lambda r: any(part.startswith(text) for part in r.categories)
    if name == "doi":
        return lambda r: bool(r.doi) and text in fold(r.doi or "")
    if name == "src":
        return lambda r: any(text in fold(file) for file in r.source_files)
    raise AssertionError(f"no matcher for field {name!r}")  # pragma: no cover - parse() checks names


_COST = {
    "is": 0,
    "p": 0,
    "seen": 0,
    "has": 0,
    "tag": 0,
    "note": 1,
    "title": 1,
    "author": 1,
    "cat": 1,
    "year": 1,
}


def _cost(node: Node) -> int:
    if isinstance(node, Field):
        return _COST.get(node.name, 3)
    return 3


def compile_node(node: Node, rank: Rank | None = None) -> Matcher:
    """A predicate for a syntax tree: the words of an AND tested together in one pass, after the cheap
    state checks; ``rank`` (see :func:`_sample_rank`) orders the words."""
    rank = rank or {}
    if isinstance(node, Everything):
        return lambda r: True
    if isinstance(node, Text):
        return _words((node.value,))
    if isinstance(node, Field):
        return _field(node)
    if isinstance(node, Not):
        inner = compile_node(node.child, rank)
        return lambda r: not inner(r)
    if isinstance(node, Or):
        return _chain([compile_node(child, rank) for child in node.children], any_of=True)
    words = _ordered((child.value for child in node.children if isinstance(child, Text)), rank)
    others = sorted((child for child in node.children if not isinstance(child, Text)), key=_cost)
    parts = [compile_node(child, rank) for child in others]
    if words:
        parts.append(_words(words))
    return _chain(parts, any_of=False)


def _chain(parts: list[Matcher], any_of: bool) -> Matcher:
    """``p1(r) and p2(r) and …`` (or ``or``) as nested two-way lambdas: cheaper per call than a generator."""
    if len(parts) > 4:  # longer lists: one generator, so nested groups cannot nest calls too deeply
        matchers = tuple(parts)
        if any_of:
            return lambda r: any(m(r) for m in matchers)
        return lambda r: all(m(r) for m in matchers)
    *head, last = parts
    for part in reversed(head):
        rest = last
        if any_of:
            last = (lambda a, b: lambda r: a(r) or b(r))(part, rest)
        else:
            last = (lambda a, b: lambda r: a(r) and b(r))(part, rest)
    return last


def _texts(node: Node) -> Iterator[str]:
    if isinstance(node, Text):
        yield node.value
    elif isinstance(node, Not):
        yield from _texts(node.child)
    elif isinstance(node, And | Or):
        for child in node.children:
            yield from _texts(child)


SAMPLE = 256  # records looked at to order the words of a query over a large list


def _sample_rank(node: Node, records: Sequence[Row]) -> Rank:
    """Time each word on ~``SAMPLE`` evenly spread records (about a millisecond): time spent per record
    ruled out. Testing the word with the lowest figure first keeps the whole filter near one pass."""
    words = set(_texts(node))
    if len(words) < 2 or len(records) < 8 * SAMPLE:
        return {}
    sample = [records[i].haystack for i in range(0, len(records), len(records) // SAMPLE)]
    rank: Rank = {}
    for word in words:
        start = time.perf_counter()
        found = sum(word in haystack for haystack in sample)
        rank[word] = (time.perf_counter() - start) / max(len(sample) - found, 0.5)
    return rank


class Query:
    """A parsed query: ``text`` as typed, ``node`` its syntax tree, ``matches(record)``."""

    __slots__ = ("_match", "node", "text")

    def __init__(self, text: str, node: Node) -> None:
        self.text = text
        self.node = node
        self._match = compile_node(node, {})

    @property
    def is_empty(self) -> bool:
        return isinstance(self.node, Everything)

    @property
    def required_words(self) -> list[str]:
        """Free words and phrases every match must contain (the top-level AND; not under OR or NOT)."""
        node = self.node
        children = node.children if isinstance(node, And) else (node,)
        return [child.value for child in children if isinstance(child, Text)]

    @property
    def needs_text(self) -> bool:
        """True when matching reads abstracts (free words, phrases, ``abstract:``): the search index."""
        return _needs_text(self.node)

    def matches(self, record: Row) -> bool:
        return self._match(record)

    def __repr__(self) -> str:
        return f"Query({self.text!r})"


def _needs_text(node: Node) -> bool:
    if isinstance(node, Text):
        return True
    if isinstance(node, Field):
        return node.name == "abstract"
    if isinstance(node, Not):
        return _needs_text(node.child)
    if isinstance(node, And | Or):
        return any(_needs_text(child) for child in node.children)
    return False


def parse_query(text: str) -> Query:
    """Parse ``text`` (see the module docstring); raises :class:`QueryError` with a 1-based column."""
    return Query(text, parse(text))


def filter_records(query: Query, records: Sequence[R]) -> list[R]:
    """The records ``query`` matches, in their given order.

    Over many records the words are first tried on a small sample, so that the word most records lack is
    tested first: the cost is close to one pass over the text whatever the order the words were typed in.
    """
    node = query.node
    if isinstance(node, Everything):
        return list(records)
    rank = _sample_rank(node, records)
    terms = node.children if isinstance(node, And) else (node,)
    words = _ordered((t.value for t in terms if isinstance(t, Text)), rank)
    if not all(isinstance(t, Text) for t in terms):
        match = compile_node(node, rank) if rank else query._match
        return [r for r in records if match(r)]
    # Only free words: test the haystack inline (no call per record), the note only when that fails.
    in_note = _in_note(words)
    w1, w2, w3 = (*words, "", "")[:3]  # "" is in every string
    rest = words[3:]
    return [
        r
        for r in records
        if (w1 in (h := r.haystack) and w2 in h and w3 in h and (not rest or all(w in h for w in rest)))
        or (r.state.note and in_note(r))
    ]


# -- views ------------------------------------------------------------------------------------------------

VIEWS = ("inbox", "queue", "read", "all", "snoozed")
_VIEWS: dict[str, Matcher] = {
    "inbox": lambda r: not r.state.read and not r.state.triaged and not r.snoozed,
    "queue": lambda r: not r.state.read and r.state.priority > 0,
    "read": lambda r: r.state.read,
    "all": lambda r: True,
    "snoozed": lambda r: r.snoozed,
}


def view_predicate(name: str) -> Matcher:
    """inbox: unread, not yet triaged (no priority chosen) and not snoozed; queue: unread with a priority;
    read; all; snoozed: snoozed until a later day."""
    try:
        return _VIEWS[name]
    except KeyError:
        raise ValueError(f"unknown view {name!r}; known: {', '.join(VIEWS)}") from None
