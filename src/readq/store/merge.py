"""Planning an import: which entries are new papers, which update known ones, which change nothing; and
merging another library's papers and states (a readq JSON export) field by field.

Pure: takes the library's papers and a parsed digest, returns a plan. The store applies it in one write.
"""

from __future__ import annotations

from collections import ChainMap
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from readq import clock
from readq.identity import normalise_arxiv_id, paper_id_candidates, title_hash
from readq.models import FILLABLE, Entry, Paper, Source
from readq.user_state import DEFAULT_STATE, STATE_FIELDS, PaperState, edit_stamp

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
    keys: list[tuple[str, str, int]] = field(default_factory=list)  # (paper id, the file's key, line)
    found: set[str] = field(default_factory=set)  # the library's papers the entries are (not the new ones)
    agrees: bool = True  # every entry says nothing its paper in the library does not already say

    @property
    def changed(self) -> bool:
        return bool(self.new or self.updated)


@dataclass
class PendingImports:
    """What the earlier files of one ``import --dry-run`` over several files would have written: the next
    file is planned on top of them, as the real import plans each file on the library the previous one
    left, so a paper two of the files hold is new once and then present or updated."""

    papers: dict[str, Paper] = field(default_factory=dict)
    index: Index | None = None
    digests: list[tuple[str, frozenset[str], str | None, str]] = field(default_factory=list)  # planned so far

    def view(self, papers: Mapping[str, Paper], index: Index) -> tuple[Mapping[str, Paper], Index]:
        """The library as the earlier files would have left it, and a copy of its index to plan on."""
        base = self.index or index
        layered: Mapping[str, Paper] = ChainMap(self.papers, papers)  # type: ignore[arg-type]  # read only
        return layered, Index(dict(base.by_identity), dict(base.by_title), base.next_seq)

    def absorb(self, plan: ImportPlan, index: Index, name: str, date: str | None, layout: str) -> None:
        self.papers.update(plan.new)
        self.papers.update(plan.updated)
        self.index = index
        self.digests.append((name, frozenset(plan.found) | frozenset(plan.new), date, layout))

    def same_digest(self, pids: Iterable[str], date: str | None, layout: str) -> str | None:
        """The name of an earlier file of this dry run with exactly these papers, date and layout, or None."""
        wanted = frozenset(pids)
        for name, theirs, their_date, their_layout in self.digests:
            if theirs == wanted and their_date == date and their_layout == layout:
                return name
        return None


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
            if entry.citekey:
                plan.keys.append((pid, entry.citekey, entry.line))
            continue
        if entry.citekey:
            plan.keys.append((pid, entry.citekey, entry.line))
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
    note_conflict: bool = False  # both had a different note: the older one is kept under a heading


NOTE_CONFLICT_HEADING = "## Note kept from a merge"


def keep_losing_note(winner: str, loser: str, loser_time: str) -> str | None:
    """The winning note with the losing one appended under a marked heading, or None when the losing text
    is already in the winner (an extended note, or one kept by an earlier merge): nothing is lost then."""
    if not loser.strip() or loser.strip() in winner:
        return None
    when = f" (the older version, written {loser_time})" if loser_time else " (the older version)"
    return f"{winner.rstrip()}\n\n{NOTE_CONFLICT_HEADING}{when}\n\n{loser.strip()}\n"


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
    if local.note and incoming.note and local.note != incoming.note:  # two notes: neither is dropped
        newer_is_theirs = "note" in values
        winner = incoming if newer_is_theirs else local
        loser = local if newer_is_theirs else incoming
        kept = keep_losing_note(winner.note, loser.note, loser.note_updated or "")
        if kept is not None:  # the joined note is the newest version, on both machines
            moment = clock.now_iso()
            values["note"], values["note_updated"] = kept, moment
            stamps["note"] = stamps["note_updated"] = moment
            outcome.note_conflict = True
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
