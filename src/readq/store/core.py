"""The library on disk: a papers file written only by imports and a small state file of what the user did.

Both are TinyDB files behind :class:`AtomicJSONStorage`; each whole read-modify-write holds a file lock, so a
TUI, a ``readq import`` and a ``readq mark`` running at once never lose a change. The state is held in
memory; the papers are known through their catalog (every field but the abstract, see catalog.py) and read
one at a time from the papers file when needed (``store.papers[pid]``). Both are re-read only when another
process replaced a file (``refresh``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from readq import clock
from readq.models import Paper, ParseResult, Source, Warning_
from readq.store import safety
from readq.store.catalog import Catalog
from readq.store.digests import renamed, same_digest
from readq.store.files import PAPERS_FILE, STATE_FILE
from readq.store.jsonfile import clean_stale_temp_files
from readq.store.lists import LISTS_FILE, ListsFile, StoreLists
from readq.store.merge import ImportPlan, Index, PendingImports, plan_import
from readq.store.papers import PaperMap, PapersFile
from readq.store.safety import StoreError
from readq.store.states import StateFile
from readq.text.terminal import surrogates_fixed, tidy
from readq.user_state import DEFAULT_STATE, PaperState


@dataclass
class ImportReport:
    file: str
    layout: str
    digest_date: str | None
    entries: int
    new: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    present: list[str] = field(default_factory=list)
    repeated: int = 0
    warnings: tuple[Warning_, ...] = ()
    previous: dict[str, Paper] = field(default_factory=dict)
    added: dict[str, Paper] = field(default_factory=dict)  # the new papers (also in a dry run), in order
    written: bool = False
    already: str | None = None  # the digest was imported before, under this name: nothing was added


@dataclass
class Changes:
    """What ``refresh`` found another process changed."""

    papers: bool = False
    states: set[str] = field(default_factory=set)
    problem: str | None = None  # a file that could not be read (the other one was still picked up)
    lists: bool = False  # the watch list or the saved searches

    def __bool__(self) -> bool:
        return self.papers or bool(self.states) or self.lists


class Store(StoreLists):
    """The library: papers, the user's state, and the operations the CLI and TUI perform on them."""

    def __init__(self, data_dir: Path | str, *, lock_timeout: float = 10.0) -> None:
        self.data_dir = Path(data_dir)
        try:
            self.data_dir.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError(f"cannot create the data directory {self.data_dir}: {error.strerror}") from None
        if not self.data_dir.is_dir():
            raise StoreError(f"the data directory {self.data_dir} is not a directory")
        self._papers_file = PapersFile(self.data_dir / PAPERS_FILE, lock_timeout)
        self._state_file = StateFile(self.data_dir / STATE_FILE, lock_timeout)
        self.cleaned_temp_files: list[Path] = []
        folders = {self.data_dir, self._papers_file.target.parent, self._state_file.target.parent}
        for folder in sorted(folders):
            self.cleaned_temp_files += clean_stale_temp_files(folder)
        self.papers = PaperMap(self._papers_file)
        self._lock_timeout = lock_timeout
        self._lists_file: ListsFile | None = None
        self._index: Index | None = None
        self._sorted_ids: list[str] | None = None
        for file in (self._papers_file, self._state_file):
            file.open()
        self.check_lists()

    @property
    def read_only(self) -> str | None:
        """Why nothing can be saved (a read-only mount: no lock can be made), or None when it can."""
        return self._papers_file.read_only or self._state_file.read_only

    @property
    def lock_timeout(self) -> float:
        """Seconds to wait for another process's lock before giving up with :class:`StoreLockedError`."""
        return float(self._papers_file.lock.timeout)

    @lock_timeout.setter
    def lock_timeout(self, seconds: float) -> None:
        for file in (self._papers_file, self._state_file):
            file.lock.timeout = seconds

    # -- loading ------------------------------------------------------------------------------------
    @property
    def catalog(self) -> Catalog:
        """Every paper's fields but the abstract, in columns (see catalog.py)."""
        return self._papers_file.catalog

    def _papers_changed(self) -> None:
        self._index = None
        self._sorted_ids = None

    def index(self) -> Index:
        """De-duplication lookups, built from the catalog when first needed."""
        if self._index is None:
            catalog = self.catalog
            columns = catalog.columns
            index = Index()
            for row, pid in enumerate(catalog.ids):
                arxiv = columns["arxiv_id"][row]
                if arxiv:
                    index.by_identity["arxiv:" + arxiv] = pid
                index.by_title.setdefault(columns["title_hash"][row], pid)
                index.next_seq = max(index.next_seq, columns["seq"][row] + 1)
            self._index = index
        return self._index

    def docs(self) -> Iterator[tuple[int, dict[str, Any]]]:
        """Every paper's catalog row and full document, streamed from the papers file in one pass."""
        return self._papers_file.docs()

    def doc(self, row: int) -> dict[str, Any]:
        return self._papers_file.doc(row)

    @property
    def states(self) -> dict[str, PaperState]:
        """The state of every paper the user touched (the state file plus its journal)."""
        return self._state_file.states

    def refresh(self) -> Changes:
        """Pick up what other processes wrote since this one last looked.

        A file that cannot be read does not stop the other one from being picked up: its problem is in
        ``Changes.problem`` and what was loaded before stays in memory."""
        changes = Changes()
        problems = []
        try:
            if self._papers_file.sync():
                self._papers_changed()
                changes.papers = True
        except StoreError as error:
            problems.append(str(error))
        try:
            if self._state_file.changed:
                changes.states = self._state_file.catch_up()
        except StoreError as error:
            problems.append(str(error))
        try:
            if self._lists_file is not None:
                changes.lists = self._lists_file.sync()
            elif (self.data_dir / LISTS_FILE).exists():  # another process made the first watch or search
                self._open_lists()
                changes.lists = True
        except StoreError as error:
            problems.append(str(error))
        changes.problem = "\n\n".join(problems) or None
        return changes

    # -- lookups ------------------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self.catalog)

    def state(self, pid: str) -> PaperState:
        return self.states.get(pid, DEFAULT_STATE)

    def resolve(self, prefix: str) -> str:
        """The id of the one paper whose id starts with ``prefix``."""
        key = prefix.strip().lower()
        if key in self.catalog.row_of:
            return key
        if not key:
            raise safety.UnknownIdError("an empty id matches nothing")
        if self._sorted_ids is None:
            self._sorted_ids = sorted(self.catalog.ids)
        import bisect

        start = bisect.bisect_left(self._sorted_ids, key)
        matches = []
        for pid in self._sorted_ids[start:]:
            if not pid.startswith(key):
                break
            matches.append(pid)
            if len(matches) > 5:
                break
        if not matches:
            raise safety.UnknownIdError(f"no paper has an id starting with {prefix!r}")
        if len(matches) > 1:
            shown = ", ".join(matches[:5]) + (", …" if len(matches) > 5 else "")
            raise safety.AmbiguousIdError(
                f"{prefix!r} matches several papers ({shown}); give more characters"
            )
        return matches[0]

    # -- importing ----------------------------------------------------------------------------------
    def import_result(
        self,
        result: ParseResult,
        file_name: str,
        *,
        dry_run: bool = False,
        pending: PendingImports | None = None,
    ) -> ImportReport:
        """Add a parsed digest to the library in one atomic write (or none when nothing changes). A dry run
        with ``pending`` plans on top of the earlier files of the same dry run (and adds this one to it)."""
        file_name = tidy(file_name) or "unnamed"  # a file name may hold escapes or undecodable bytes
        source = Source(
            file=file_name, date=result.digest_date, imported=clock.now_iso(), layout=result.layout
        )
        file = self._papers_file
        with file.locked():
            self._sync_papers()
            current = self.index()
            if dry_run and pending is not None:  # planned on what the earlier files would have written
                papers, index = pending.view(self.papers, current)
                plan = plan_import(papers, index, result.entries, source)
            else:
                index = Index(dict(current.by_identity), dict(current.by_title), current.next_seq)
                plan = plan_import(self.papers, index, result.entries, source)
            report = self._report(plan, result, file_name)
            already = None
            if not plan.new and plan.agrees:
                already = same_digest(self.catalog, plan.found, result.digest_date, result.layout)
                if already is None and dry_run and pending is not None:
                    already = pending.same_digest(plan.found, result.digest_date, result.layout)
            if already:
                report.already = already  # the same content under any name: no second source
                report.updated, report.previous = [], {}
                report.present = list(plan.found)
            elif dry_run and pending is not None:
                pending.absorb(plan, index, file_name, result.digest_date, result.layout)
            elif plan.changed and not dry_run:
                self._write_papers(plan.new, plan.updated)
                report.written = True
        if plan.keys:
            self._pin_imported_keys(plan.keys, report, dry_run=dry_run)
        return report

    def _pin_imported_keys(
        self, wanted: list[tuple[str, str, int]], report: ImportReport, *, dry_run: bool
    ) -> None:
        """Pin the keys the file gives its entries (a ``.bib`` file's own keys), so ``\\cite{}`` keeps
        working after an export; clashes are resolved and reported as warnings."""
        from readq.citations.pinned import import_pins

        notes: list[tuple[int, str]] = []

        def plan(states: Mapping[str, PaperState]) -> dict[str, dict[str, Any]]:
            changes, found = import_pins(wanted, states)
            notes.extend(found)
            return {} if dry_run else changes

        if dry_run:
            self._sync_states()
            plan(self.states)
        else:
            self.update_states_with(plan)
        report.warnings = (*report.warnings, *(Warning_(line, text) for line, text in notes))

    @staticmethod
    def _report(plan: ImportPlan, result: ParseResult, file_name: str) -> ImportReport:
        return ImportReport(
            file=file_name,
            layout=result.layout,
            digest_date=result.digest_date,
            entries=plan.entries,
            new=list(plan.new),
            updated=list(plan.updated),
            present=plan.present,
            repeated=plan.repeated,
            warnings=result.warnings,
            previous=plan.previous,
            added=dict(plan.new),
        )

    def _sync_papers(self) -> None:
        if self._papers_file.sync():
            self._papers_changed()

    def _write_papers(
        self,
        new: dict[str, Paper],
        updated: dict[str, Paper],
        removed: Iterable[str] = (),
    ) -> None:
        self._papers_file.write(new, updated, removed)
        self._papers_changed()  # the de-duplication index is rebuilt from the catalog when next needed

    def rename_digest(self, old: str, new: str) -> int:
        """Call the digest ``old`` ``new`` in every paper seen in it (one write); returns how many papers.
        Raises LookupError (no digest ``old``) or ValueError (``new`` is empty or taken)."""
        with self._papers_file.locked():
            self._sync_papers()
            updated = renamed(self.catalog, self.papers, old, tidy(new).strip())
            if updated:
                self._write_papers({}, updated)
            return len(updated)

    def restore_papers(self, added: Iterable[str], previous: dict[str, Paper]) -> None:
        """Undo an import: remove the papers it added and put back the ones it changed.

        The user's state of the removed papers stays in the state file, so a redo or a later import of the
        same papers brings their marks back. The de-duplication index is rebuilt: a paper put back without
        the arXiv id the import gave it must not be found by that id any more."""
        with self._papers_file.locked():
            self._sync_papers()
            gone = [pid for pid in added if pid in self.papers]
            back = {pid: p for pid, p in previous.items() if pid in self.papers}
            if gone or back:
                self._write_papers({}, back, gone)

    def reapply_import(self, added: dict[str, Paper], updated: dict[str, Paper]) -> tuple[int, int]:
        """Redo an undone import: put its new papers back (those not in the library again meanwhile) and
        its changes to papers that are still there. Returns (papers added, papers changed)."""
        with self._papers_file.locked():
            self._sync_papers()
            new = {pid: p for pid, p in added.items() if pid not in self.papers}
            back = {pid: p for pid, p in updated.items() if pid in self.papers and self.papers[pid] != p}
            if new or back:
                self._write_papers(new, back)
        return len(new), len(back)

    # -- the user's state ---------------------------------------------------------------------------
    def update_states(self, changes: dict[str, dict[str, Any]]) -> dict[str, tuple[PaperState, PaperState]]:
        """Apply field changes to several papers' state in one locked, atomic write.

        Returns ``{id: (before, after)}`` for the papers that really changed (for undo). Fields another
        process changed meanwhile are kept: each change is applied to the freshly read state.
        """
        return self.update_states_with(lambda _states: changes)

    def update_states_with(
        self, plan: Callable[[Mapping[str, PaperState]], dict[str, dict[str, Any]]]
    ) -> dict[str, tuple[PaperState, PaperState]]:
        """Like :meth:`update_states`, with the changes decided by ``plan`` from the freshly read states,
        inside the lock (pinning citation keys: no other process can take the same key meanwhile)."""
        with self._state_file.locked():
            self._sync_states()
            changes = {pid: surrogates_fixed(fields) for pid, fields in plan(self.states).items()}
            unknown = [pid for pid in changes if pid not in self.catalog.row_of]
            if unknown:
                raise safety.UnknownIdError(f"unknown paper id {unknown[0]!r}")
            done: dict[str, tuple[PaperState, PaperState]] = {}
            for pid, fields in changes.items():
                before = self.state(pid)
                after = before.changed(**fields)
                if after is not before:
                    done[pid] = (before, after)
            if done:
                self._write_states({pid: after for pid, (_, after) in done.items()})
        return done

    def update_state(self, pid: str, **fields: Any) -> tuple[PaperState, PaperState] | None:
        return self.update_states({pid: fields}).get(pid)

    def _sync_states(self) -> None:
        self._state_file.catch_up()

    def _write_states(self, states: dict[str, PaperState]) -> None:
        self._state_file.write(states)

    def compact(self) -> None:
        """Fold the state journal into the state file now (``readq`` does it by itself when due)."""
        with self._state_file.locked():
            self._state_file.catch_up()
            self._state_file.compact()

    # -- housekeeping -------------------------------------------------------------------------------
    @property
    def files(self) -> tuple[Path, Path]:
        return (self._papers_file.path, self._state_file.path)

    def close(self) -> None:
        self._papers_file.close()
        self._state_file.db.close()
        self._state_file.journal.close()
        if self._lists_file is not None:
            self._lists_file.db.close()
