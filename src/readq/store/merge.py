"""Planning an import: which entries are new papers, which update known ones, which change nothing; and
merging another library's papers and states (a readq JSON export) field by field.

Pure: takes the library's papers and a parsed digest, returns a plan. The store applies it in one write.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from readq.models import (
    DEFAULT_STATE,
    FILLABLE,
    STATE_FIELDS,
    Entry,
    Paper,
    PaperState,
    Source,
    edit_stamp,
    normalise_arxiv_id,
    paper_id_candidates,
    title_hash,
)

_MISSING: Any = object()


@dataclass
class Index:
    """Lookup tables for de-duplication: arXiv identity and normalised title -> paper id."""

    by_identity: dict[str, str] = field(default_factory=dict)
    by_title: dict[int, str] = field(default_factory=dict)  # title_hash -> id
    next_seq: int = 1

    @classmethod
    def build(cls, papers: Iterable[Paper]) -> Index:
        index = cls()
        for paper in papers:
            index.add(paper)
        return index

    def add(self, paper: Paper) -> None:
        self.next_seq = max(self.next_seq, paper.seq + 1)
        self.by_identity[paper.identity] = paper.id
        if paper.arxiv_id:
            self.by_identity["arxiv:" + paper.arxiv_id] = paper.id
        self.by_title.setdefault(title_hash(paper.title), paper.id)

    def find(self, entry: Entry, lookup: Callable[[str], Paper]) -> str | None:
        pid = self.by_identity.get(entry.identity)
        if pid is not None:
            return pid
        pid = self.by_title.get(title_hash(entry.title))
        if pid is None:
            return None
        known = lookup(pid).arxiv_id
        if entry.arxiv_id and known and entry.identity != "arxiv:" + known:
            return None  # same title, different arXiv papers
        return pid


@dataclass
class ImportPlan:
    entries: int = 0
    new: dict[str, Paper] = field(default_factory=dict)
    updated: dict[str, Paper] = field(default_factory=dict)  # id -> the paper after the import
    previous: dict[str, Paper] = field(default_factory=dict)  # id -> the paper before the import
    present: list[str] = field(default_factory=list)
    repeated: int = 0  # entries that repeat an earlier entry of the same digest
    found: set[str] = field(default_factory=set)  # the library's papers the entries are (not the new ones)
    agrees: bool = True  # every entry says nothing its paper in the library does not already say

    @property
    def changed(self) -> bool:
        return bool(self.new or self.updated)


def new_id(identity: str, taken: Mapping[str, object], also_taken: Mapping[str, object]) -> str:
    for candidate in paper_id_candidates(identity):
        if candidate not in taken and candidate not in also_taken:
            return candidate
    raise RuntimeError(f"no free id for {identity!r}")  # pragma: no cover - 8 independent 32-bit tries


def entry_agrees(paper: Paper, entry: Entry) -> bool:
    """Whether ``entry`` is ``paper`` as the library has it: the same title, and each field the entry gives
    the paper's own (a field the entry lacks may be known from elsewhere)."""
    if entry.title != paper.title:
        return False
    for name in FILLABLE:
        theirs = getattr(entry, name)
        if not theirs:
            continue
        if name == "arxiv_id":
            theirs = normalise_arxiv_id(theirs)
        if getattr(paper, name) != theirs:
            return False
    return True


def plan_import(
    papers: Mapping[str, Paper], index: Index, entries: Iterable[Entry], source: Source
) -> ImportPlan:
    """What importing ``entries`` from ``source`` would do. ``index`` is extended with the new papers."""
    plan = ImportPlan()
    seen: set[str] = set()

    def lookup(pid: str) -> Paper:
        return plan.new.get(pid) or plan.updated.get(pid) or papers[pid]

    for entry in entries:
        plan.entries += 1
        pid = index.find(entry, lookup)
        if pid is None:
            pid = new_id(entry.identity, papers, plan.new)
            paper = Paper.from_entry(pid, entry, source, seq=index.next_seq)
            plan.new[pid] = paper
            index.add(paper)
            seen.add(pid)
            continue
        if pid in seen:
            plan.repeated += 1
        current = lookup(pid)
        if pid not in plan.new:
            plan.found.add(pid)
            plan.agrees = plan.agrees and entry_agrees(papers[pid], entry)
        merged = current.merged_with(entry, source)
        if pid in plan.new:
            plan.new[pid] = merged
        elif merged != current:
            plan.previous.setdefault(pid, papers[pid])
            plan.updated[pid] = merged
            index.add(merged)
        elif pid not in seen and pid not in plan.updated:
            plan.present.append(pid)
        seen.add(pid)
    return plan


# -- merging another library (a readq JSON export) --------------------------------------------------------


def find_paper(index: Index, paper: Paper, lookup: Callable[[str], Paper]) -> str | None:
    """The id of the library's paper that ``paper`` (from another library) is, if any: same arXiv id, or
    same identity, or same normalised title unless both have different arXiv ids."""
    arxiv = normalise_arxiv_id(paper.arxiv_id) if paper.arxiv_id else None
    pid = index.by_identity.get(paper.identity)
    if pid is None and arxiv:
        pid = index.by_identity.get("arxiv:" + arxiv)
    if pid is not None:
        return pid
    pid = index.by_title.get(title_hash(paper.title))
    if pid is None:
        return None
    known = lookup(pid).arxiv_id
    if arxiv and known and arxiv != normalise_arxiv_id(known):
        return None
    return pid


def merge_papers(local: Paper, incoming: Paper) -> Paper:
    """The library's paper after merging the same paper from another library: the sources of both, and
    the fields only the other one knew (as a re-import would)."""
    changes: dict[str, Any] = {}
    for name in FILLABLE:
        if not getattr(local, name) and getattr(incoming, name):
            changes[name] = getattr(incoming, name)
    if local.et_al and incoming.authors and not incoming.et_al and len(incoming.authors) > len(local.authors):
        changes["authors"], changes["et_al"] = incoming.authors, False
    known = {s.key for s in local.sources}
    extra = tuple(s for s in incoming.sources if s.key not in known)
    if extra:
        changes["sources"] = (*local.sources, *extra)
    return replace(local, **changes) if changes else local


# Fields that change together: the first one's stamp decides for the group.
STATE_GROUPS = (("read", "read_at"), ("priority", "triaged"), ("note", "note_updated"), ("tags",))


@dataclass
class StateMerge:
    state: PaperState
    taken: list[str] = field(default_factory=list)  # fields taken from the other library
    note_replaced: bool = False
    key_kept: str | None = None  # the other library's different key for this paper (ours was kept)


def _stamp(state: PaperState, names: Iterable[str]) -> str:
    return max((state.stamps.get(name, "") for name in names), default="")


def merge_states(local: PaperState | None, incoming: PaperState) -> StateMerge:
    """Field by field, the newer of two states of one paper (by their stamps; a tie keeps ours). Edits
    merge per edited field. A pinned key is never replaced: the first key given out is the one cited."""
    if local is None:
        taken = [n for n in STATE_FIELDS if getattr(incoming, n) != getattr(DEFAULT_STATE, n)]
        return StateMerge(incoming, taken)
    values: dict[str, Any] = {}
    stamps = dict(local.stamps)
    outcome = StateMerge(local)
    for group in STATE_GROUPS:
        if all(getattr(local, n) == getattr(incoming, n) for n in group):
            continue
        if _stamp(incoming, group) > _stamp(local, group):
            for name in group:
                values[name] = getattr(incoming, name)
                if name in incoming.stamps:
                    stamps[name] = incoming.stamps[name]
            outcome.taken.append(group[0])
            outcome.note_replaced = outcome.note_replaced or (group[0] == "note" and bool(local.note))
    edits = dict(local.edits)
    names = {*local.edits, *incoming.edits} | {
        k.removeprefix("edits.") for k in incoming.stamps if k.startswith("edits.")
    }
    for name in sorted(names):
        key = edit_stamp(name)
        if incoming.stamps.get(key, "") > local.stamps.get(key, "") and (
            local.edits.get(name, _MISSING) != incoming.edits.get(name, _MISSING)
        ):
            if name in incoming.edits:
                edits[name] = incoming.edits[name]
            else:
                edits.pop(name, None)
            stamps[key] = incoming.stamps[key]
            outcome.taken.append(key)
    if edits != local.edits:
        values["edits"] = edits
        stamps["edits"] = max(local.stamps.get("edits", ""), incoming.stamps.get("edits", ""))
    if incoming.citekey and incoming.citekey != local.citekey:
        if local.citekey:
            outcome.key_kept = incoming.citekey
        else:
            values["citekey"] = incoming.citekey
            if "citekey" in incoming.stamps:
                stamps["citekey"] = incoming.stamps["citekey"]
            outcome.taken.append("citekey")
    if values:
        outcome.state = replace(local, **values, stamps=stamps)
    return outcome
