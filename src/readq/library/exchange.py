"""Importing a readq JSON export: another machine's library merged into this one, all or nothing.

Papers are matched as digests are (arXiv id, identity, title); the other library's new papers are added
with their ids when free, known ones gain its sources and the fields they lacked. States merge field by
field, the newer of each by its stamp (:func:`readq.store.merge.merge_states`). Both files are locked for
the whole merge; if writing the state fails, the papers written just before are put back.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from readq.citations.export import LibraryFile
from readq.models import Paper
from readq.store.merge import Index, find_paper, merge_papers, merge_states, new_id
from readq.user_state import PaperState

if TYPE_CHECKING:
    from readq.store.core import Store


@dataclass
class LibraryImportReport:
    file: str
    papers: int
    new: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    present: list[str] = field(default_factory=list)
    states: list[str] = field(default_factory=list)  # papers whose state changed
    fields: int = 0  # state fields taken from the file
    notes_replaced: int = 0
    note_conflicts: list[str] = field(default_factory=list)  # papers both libraries noted differently
    key_notes: list[str] = field(default_factory=list)
    written: bool = False


def _keep_pins_unique(
    final: dict[str, PaperState], merged: dict[str, PaperState], report: LibraryImportReport
) -> None:
    """A key the other library pinned for a paper is dropped (a fresh one is pinned when next cited) if
    this library already gave the same key to another paper."""
    owner: dict[str, str] = {}
    for pid, state in final.items():
        if state.citekey and pid not in merged:
            owner[state.citekey.casefold()] = pid
    for pid, state in merged.items():
        key = state.citekey
        if not key:
            continue
        holder = owner.setdefault(key.casefold(), pid)
        if holder != pid:
            stamps = {k: v for k, v in state.stamps.items() if k != "citekey"}
            merged[pid] = replace(state, citekey=None, stamps=stamps)
            report.key_notes.append(f"{pid}: the file's key {key!r} is already {holder}'s here; not pinned")


def import_library(
    store: Store, library: LibraryFile, file_name: str, *, dry_run: bool
) -> LibraryImportReport:
    report = LibraryImportReport(file=file_name, papers=len(library.items))
    papers_file, state_file = store._papers_file, store._state_file
    with papers_file.locked(), state_file.locked():
        store._sync_papers()
        store._sync_states()
        papers = store.papers
        known = store.index()
        index = Index(dict(known.by_identity), dict(known.by_title), known.next_seq)
        offset = index.next_seq - 1  # the other library's papers arrive after ours, in their order
        new: dict[str, Paper] = {}
        updated: dict[str, Paper] = {}
        previous: dict[str, Paper] = {}
        incoming_states: list[tuple[str, PaperState]] = []

        def lookup(pid: str) -> Paper:
            return new.get(pid) or updated.get(pid) or papers[pid]

        for paper, state in library.items:
            pid = find_paper(index, paper, lookup)
            if pid is None:
                pid = paper.id if paper.id not in papers and paper.id not in new else None
                pid = pid or new_id(paper.identity, papers, new)
                new[pid] = replace(paper, id=pid, seq=paper.seq + offset)
                index.add(new[pid])
            else:
                current = lookup(pid)
                merged = merge_papers(current, paper)
                if pid in new:
                    new[pid] = merged
                elif merged != current:
                    previous.setdefault(pid, papers[pid])
                    updated[pid] = merged
                    index.add(merged)
                elif pid not in updated and pid not in report.present:
                    report.present.append(pid)
            if state is not None:
                incoming_states.append((pid, state))
        report.new, report.updated = list(new), list(updated)

        merged_states: dict[str, PaperState] = {}
        for pid, state in incoming_states:
            local = merged_states.get(pid, store.states.get(pid))
            outcome = merge_states(local, state)
            report.fields += len(outcome.taken)
            report.notes_replaced += outcome.note_replaced
            if outcome.note_conflict:
                report.note_conflicts.append(pid)
            if outcome.key_kept:
                kept = outcome.state.citekey
                report.key_notes.append(f"{pid}: kept this library's key {kept!r}, not {outcome.key_kept!r}")
            if outcome.state != store.states.get(pid):
                merged_states[pid] = outcome.state
        _keep_pins_unique({**store.states, **merged_states}, merged_states, report)
        report.states = list(merged_states)
        if dry_run or not (new or updated or merged_states):
            return report
        if new or updated:
            store._write_papers(new, updated)
        try:
            store._write_states(merged_states)
        except BaseException:
            store._write_papers({}, previous, list(new))  # all or nothing
            raise
        report.written = True
    return report
