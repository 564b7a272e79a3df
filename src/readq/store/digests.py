"""Digests as the library knows them: each source file name with its papers. A digest's content is its
identity: a digest of the same layout and date whose papers are exactly those of a digest imported before,
and that would tell the library nothing new about them, is that digest again, under whatever name it comes
(another file name, standard input, pasted twice)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from itertools import chain

from readq.models import Paper
from readq.store.catalog import Catalog


@dataclass(frozen=True)
class DigestInfo:
    name: str  # the source file name the papers record
    date: str | None  # the digest's own date, if it gives one
    imported: str  # when it was first imported
    layout: str
    papers: int


def digests(catalog: Catalog) -> list[DigestInfo]:
    """Every digest some paper was seen in, by name (a name imported under two dates counts once)."""
    per_source = Counter(chain.from_iterable(catalog.columns["src"]))
    by_name: dict[str, DigestInfo] = {}
    papers: Counter[str] = Counter()
    for row_sources in catalog.columns["src"]:
        for name in {catalog.sources[i][0] for i in row_sources}:
            papers[name] += 1
    for i, (name, date, imported, layout) in enumerate(catalog.sources):
        if per_source[i] and name not in by_name:
            by_name[name] = DigestInfo(name, date, imported, layout, 0)
    return [
        DigestInfo(d.name, d.date, d.imported, d.layout, papers[d.name])
        for d in sorted(by_name.values(), key=lambda d: (d.imported, d.name))
    ]


def same_digest(catalog: Catalog, pids: Iterable[str], date: str | None, layout: str) -> str | None:
    """The name of a digest of this ``date`` and ``layout`` whose papers are exactly ``pids`` (the papers of
    an incoming digest, none of them new), else None."""
    wanted = set(pids)
    if not wanted:
        return None
    rows = catalog.row_of
    columns = catalog.columns["src"]
    shared: set[int] | None = None
    for pid in wanted:
        row = rows.get(pid)
        if row is None:
            return None
        mine = set(columns[row])
        shared = mine if shared is None else shared & mine
        if not shared:
            return None
    if not shared:
        return None
    per_source = Counter(chain.from_iterable(columns))
    names = catalog.sources
    for i in sorted(shared):
        # Papers with this source: the digest holds exactly the incoming papers when the counts agree.
        name, its_date, _, its_layout = names[i]
        if per_source[i] == len(wanted) and its_date == date and its_layout == layout:
            return name
    return None


def free_name(catalog: Catalog, base: str) -> str:
    """``base``, or ``base-2``, ``base-3`` … when a digest of that name exists (generated names only)."""
    taken = {s[0] for s in catalog.sources}
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


def renamed(catalog: Catalog, papers: Mapping[str, Paper], old: str, new: str) -> dict[str, Paper]:
    """The papers of digest ``old`` with their source named ``new`` (empty when the names are the same).
    Raises LookupError (no digest ``old``) or ValueError (``new`` empty or the name of another digest)."""
    if not new:
        raise ValueError("a digest's name cannot be empty")
    names = {d.name for d in digests(catalog)}
    if old not in names:
        raise LookupError(f"no digest called {old!r}; see readq digest list")
    if new == old:
        return {}
    if new in names:
        raise ValueError(f"a digest called {new!r} exists already")
    table = catalog.sources
    updated: dict[str, Paper] = {}
    for pid, src in zip(catalog.ids, catalog.columns["src"], strict=True):
        if any(table[i][0] == old for i in src):
            paper = papers[pid]
            sources = tuple(replace(s, file=new) if s.file == old else s for s in paper.sources)
            updated[pid] = replace(paper, sources=sources)
    return updated
