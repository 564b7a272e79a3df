"""Completing papers from the arXiv API: what a digest left out (arXiv id, authors, year and date,
categories, DOI, journal reference, an abstract where there is none).

It goes through the one import pipeline: arXiv's answers become entries of a digest named ``arxiv-api``
(each under the paper's own title and with only the fields the paper lacks), so completion fills only
missing fields, records where each came from (``Paper.filled``: "authors from arxiv-api 2026-12-04"), and is
one undoable step like any import. A field the user edited is never sent to the import, so an edit stays
whatever arXiv says. A paper completed once has the ``arxiv-api`` source and is never asked about again; one
arXiv did not know is remembered with the day (``lookups.json``) and asked about again only on a later day.

:func:`complete` is safe in a worker thread: a progress callback, the client's cancel event (a cancel before
the write leaves the library as it was), no global state.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from readq import clock
from readq.library.history import Step
from readq.library.records import Record
from readq.library.service import Library
from readq.models import EDITABLE, Entry, Paper, ParseResult, Source
from readq.online.arxiv import IDS_PER_REQUEST, TITLES_PER_REQUEST, fetch_ids, search_titles
from readq.online.http import Http
from readq.online.matching import pick
from readq.online.services import Services
from readq.store import ImportReport
from readq.store.lookups import Lookups

SOURCE = "arxiv-api"  # the digest name and layout completion imports under
SERVICE = "arxiv"
FILLED = ("arxiv_id", "authors", "et_al", "year", "date", "category", "doi", "venue", "abstract")

Progress = Callable[[int, int], None]  # (papers asked about so far, papers to ask about)


@dataclass
class Completion:
    filled: dict[str, list[str]] = field(default_factory=dict)  # pid -> fields filled
    unknown: list[str] = field(default_factory=list)  # arXiv knew no paper with that title (and author)
    asked_today: list[str] = field(default_factory=list)  # not known today already: not asked again
    elsewhere: dict[str, str] = field(default_factory=dict)  # pid -> the paper already holding that id
    found: dict[str, Entry] = field(default_factory=dict)  # pid -> arXiv's entry
    requests: int = 0
    report: ImportReport | None = None
    step: Step | None = None


def completed(record: Record) -> bool:
    return any(s.file == SOURCE for s in record.sources)


def needs_completion(record: Record) -> bool:
    """The paper lacks an arXiv id, authors or a year and was never completed."""
    if completed(record):
        return False
    paper = record.paper
    return not paper.arxiv_id or not paper.authors or record.year is None


def _entry_for(base: Paper, shown: Paper, edits: Iterable[str], found: Entry) -> Entry:
    """arXiv's answer as an entry that fills only what the paper lacks and the user did not edit."""
    edited = set(edits) & set(EDITABLE)
    values = {name: getattr(found, name) for name in FILLED if name not in edited}
    if shown.authors and "authors" not in edited:  # the paper's authors stay (even "et al." ones)
        values.pop("authors", None)
        values.pop("et_al", None)
    if base.arxiv_id or "arxiv_id" in edited:
        values["arxiv_id"] = base.arxiv_id
    return Entry(title=base.title, **values)


def complete(
    library: Library,
    pids: Iterable[str],
    http: Http,
    services: Services,
    *,
    dry_run: bool = False,
    progress: Progress | None = None,
    today: str | None = None,
) -> Completion:
    """Ask arXiv about the papers among ``pids`` that need it; fill what it knows in one import."""
    day = today or clock.today().isoformat()
    lookups = Lookups(library.store.data_dir)
    asked = lookups.asked(SERVICE)
    outcome = Completion()
    todo: list[Record] = []
    for pid in dict.fromkeys(pids):
        record = library.records.get(pid)
        if record is None or not needs_completion(record):
            continue
        if asked.get(pid) == day:
            outcome.asked_today.append(pid)
            continue
        todo.append(record)
    total = len(todo)
    before = http.requests
    by_id = [r for r in todo if r.paper.arxiv_id]
    by_title = [r for r in todo if not r.paper.arxiv_id]
    done = 0
    for start in range(0, len(by_id), IDS_PER_REQUEST):
        batch = by_id[start : start + IDS_PER_REQUEST]
        answers = {
            e.arxiv_id: e
            for e in fetch_ids(http, services.arxiv_api, [r.paper.arxiv_id or "" for r in batch])
        }
        for record in batch:
            entry = answers.get(record.paper.arxiv_id)
            if entry is not None:
                outcome.found[record.pid] = entry
        done += len(batch)
        if progress is not None:
            progress(done, total)
    for start in range(0, len(by_title), TITLES_PER_REQUEST):
        batch = by_title[start : start + TITLES_PER_REQUEST]
        candidates = search_titles(http, services.arxiv_api, [r.title for r in batch])
        for record in batch:
            entry = pick(record.title, record.paper.authors, candidates)
            if entry is not None:
                outcome.found[record.pid] = entry
        done += len(batch)
        if progress is not None:
            progress(done, total)
    outcome.requests = http.requests - before
    outcome.unknown = [r.pid for r in todo if r.pid not in outcome.found]
    _apply(library, outcome, dry_run, day)
    if not dry_run:
        lookups.record(SERVICE, outcome.unknown, outcome.filled, day)
    return outcome


def _apply(library: Library, outcome: Completion, dry_run: bool, day: str) -> None:
    taken = library.store.index().by_identity
    entries: dict[str, Entry] = {}
    for pid, found in list(outcome.found.items()):
        holder = taken.get("arxiv:" + (found.arxiv_id or ""))
        if holder is not None and holder != pid:
            outcome.elsewhere[pid] = holder  # arXiv's paper is already in the library as another paper
            del outcome.found[pid]
            continue
        record = library.records[pid]
        entries[pid] = _entry_for(record.base, record.paper, record.state.edits, found)
    if not entries:
        return
    result = ParseResult(SOURCE, tuple(entries.values()), day, (), f"arXiv API: {len(entries)} papers")
    before = {pid: library.store.papers[pid] for pid in entries}
    if dry_run:
        outcome.report = library.preview_import(result, SOURCE)
        source = Source(SOURCE, day)
        for pid, entry in entries.items():
            fields = _changed(before[pid], before[pid].merged_with(entry, source))
            if fields:
                outcome.filled[pid] = fields
        return
    outcome.report, outcome.step = library.import_result(result, SOURCE, label="complete from arXiv")
    for pid in outcome.report.updated:
        if pid in before:
            fields = _changed(before[pid], library.store.papers[pid])
            if fields:
                outcome.filled[pid] = fields


def _changed(before: Paper, after: Paper) -> list[str]:
    return [n for n in FILLED if getattr(after, n) != getattr(before, n)]
