"""Planning an import: which entries are new papers, which update known ones, which change nothing.

Pure: takes the library's papers and a parsed digest, returns a plan. The store applies it in one write.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from readq.models import Entry, Paper, Source, paper_id_candidates, title_hash


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

    @property
    def changed(self) -> bool:
        return bool(self.new or self.updated)


def new_id(identity: str, taken: Mapping[str, object], also_taken: Mapping[str, object]) -> str:
    for candidate in paper_id_candidates(identity):
        if candidate not in taken and candidate not in also_taken:
            return candidate
    raise RuntimeError(f"no free id for {identity!r}")  # pragma: no cover - 8 independent 32-bit tries


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
