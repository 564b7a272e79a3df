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
from readq.models import Entry, Paper, ParseResult, Source
from readq.online.arxiv import IDS_PER_REQUEST, TITLES_PER_REQUEST, fetch_ids, search_titles
from readq.online.http import Http
from readq.online.matching import pick
from readq.online.services import Services
from readq.store import ImportReport
from readq.store.lookups import Lookups
from readq.user_state import EDITABLE

SOURCE = "arxiv-api"  # the digest name and layout completion imports under (one of LOOKUP_SOURCES)
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


@dataclass(frozen=True)
class Question:
    """One paper to ask arXiv about, as read from the library on the main thread."""

    pid: str
    title: str
    authors: tuple[str, ...]
    arxiv_id: str | None


@dataclass
class Plan:
    """What a completion will ask about (read from the library; nothing online yet)."""

    day: str
    questions: list[Question] = field(default_factory=list)
    asked_today: list[str] = field(default_factory=list)


def plan(library: Library, pids: Iterable[str], today: str | None = None) -> Plan:
    """The papers among ``pids`` that need completing and were not asked about today (cheap, no network)."""
    day = today or clock.today().isoformat()
    asked = Lookups(library.store.data_dir).asked(SERVICE)
    result = Plan(day)
    for pid in dict.fromkeys(pids):
        record = library.records.get(pid)
        if record is None or not needs_completion(record):
            continue
        if asked.get(pid) == day:
            result.asked_today.append(pid)
            continue
        result.questions.append(Question(pid, record.title, record.paper.authors, record.paper.arxiv_id))
    return result


def ask(todo: Plan, http: Http, services: Services, progress: Progress | None = None) -> Completion:
    """Ask arXiv (by id where known, else by title, many to a request); touches no library, so it may run
    in a worker thread while the app goes on. A cancel (the client's event) raises ``Cancelled``."""
    outcome = Completion(asked_today=list(todo.asked_today))
    total = len(todo.questions)
    before = http.requests
    by_id = [q for q in todo.questions if q.arxiv_id]
    by_title = [q for q in todo.questions if not q.arxiv_id]
    done = 0
    for start in range(0, len(by_id), IDS_PER_REQUEST):
        batch = by_id[start : start + IDS_PER_REQUEST]
        answers = {
            e.arxiv_id: e for e in fetch_ids(http, services.arxiv_api, [q.arxiv_id or "" for q in batch])
        }
        for question in batch:
            entry = answers.get(question.arxiv_id)
            if entry is not None:
                outcome.found[question.pid] = entry
        done += len(batch)
        if progress is not None:
            progress(done, total)
    for start in range(0, len(by_title), TITLES_PER_REQUEST):
        batch = by_title[start : start + TITLES_PER_REQUEST]
        candidates = search_titles(http, services.arxiv_api, [q.title for q in batch])
        for question in batch:
            entry = pick(question.title, question.authors, candidates)
            if entry is not None:
                outcome.found[question.pid] = entry
        done += len(batch)
        if progress is not None:
            progress(done, total)
    outcome.requests = http.requests - before
    outcome.unknown = [q.pid for q in todo.questions if q.pid not in outcome.found]
    return outcome


def apply(library: Library, todo: Plan, outcome: Completion, *, dry_run: bool = False) -> Completion:
    """Fill in what arXiv answered (one import, one undo step) and remember who it did not know; on the
    main thread, as every write."""
    outcome.found = {pid: e for pid, e in outcome.found.items() if pid in library.records}
    _apply(library, outcome, dry_run, todo.day)
    if not dry_run:
        Lookups(library.store.data_dir).record(SERVICE, outcome.unknown, outcome.filled, todo.day)
    return outcome


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
    todo = plan(library, pids, today)
    return apply(library, todo, ask(todo, http, services, progress), dry_run=dry_run)


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
