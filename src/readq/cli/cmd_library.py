"""The CLI's subcommands, each ``(store, args, out) -> exit code``. No Textual here."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import TextIO

import orjson

from readq.citations.export import LibraryFile
from readq.cli.exits import EXIT_ERROR, EXIT_INTERRUPTED, EXIT_OK, EXIT_REJECTED, err, report_query_error
from readq.cli.render import list_line, paper_json, paper_text
from readq.library.exchange import LibraryImportReport, import_library
from readq.library.imports import read_import, read_source
from readq.library.records import Record
from readq.library.service import Library
from readq.models import ParseResult
from readq.parsing import DigestError
from readq.query.matching import (
    DEFAULT_REVERSE,
    QueryError,
    filter_records,
    parse_query,
    sort_records,
)
from readq.store import ImportReport, Store, StoreError
from readq.store.digests import free_name
from readq.store.merge import PendingImports
from readq.store.safety import backups_of, set_aside_copies
from readq.system.sources import DEFAULT_IMPORT_LIMIT_MB, SourceError
from readq.text.labels import plural
from readq.text.terminal import one_line


def import_paths(
    store: Store,
    files: list[str],
    *,
    layout: str | None,
    dry_run: bool,
    out: TextIO | None,
    limit_mb: int = DEFAULT_IMPORT_LIMIT_MB,
    name: str | None = None,
) -> int:
    """Import each file all-or-nothing; report per file. Exit 2 when any file was rejected, 130 on ctrl+c
    (the files before the interrupted one stay imported; nothing of that one is written)."""
    from readq.cli.progress import ImportProgress, interrupts_deferred

    rejected = 0
    totals = [0, 0, 0, 0]
    pending = PendingImports() if dry_run else None  # a dry run plans each file on the ones before it
    given = name  # --name: the digest's name instead of the file's
    for name in files:
        report: ImportReport | None = None
        progress: ImportProgress | None = None
        try:
            try:
                data, label = read_source(name, limit_mb)
                if given is not None:
                    label = given
                elif name == "-":  # a generated name: a second digest in the same minute gets its own
                    label = free_name(store.catalog, label)
            except (OSError, SourceError) as error:
                reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
                err(f"{name}: rejected: cannot read it ({reason})")
                rejected += 1
                continue
            progress = ImportProgress(name, len(data))
            try:
                result = read_import(data, layout, progress=progress.update)
            except (DigestError, ValueError) as error:  # a damaged export is a ValueError too
                progress.close()
                err(f"{name}: rejected, nothing imported: {error}")
                rejected += 1
                continue
            if isinstance(result, LibraryFile):  # readq's own JSON export: merge that library into this one
                progress.close()
                try:
                    with interrupts_deferred():
                        merged = import_library(store, result, label, dry_run=dry_run)
                except StoreError as error:
                    err(f"{name}: rejected, nothing imported: {error}")
                    rejected += 1
                    continue
                if out is not None:
                    _print_export_report(name, merged, dry_run, out)
                counts = (merged.papers, len(merged.new), len(merged.present), len(merged.updated))
                totals = [t + c for t, c in zip(totals, counts, strict=True)]
                continue
            progress.saving(len(result.entries))
            try:
                with interrupts_deferred():
                    report = store.import_result(result, label, dry_run=dry_run, pending=pending)
            except StoreError as error:
                err(f"{name}: rejected, nothing imported: {error}")
                rejected += 1
                continue
            finally:
                progress.close()
        except KeyboardInterrupt:
            if progress is not None:
                progress.close()
            if report is not None and report.written:
                err(f"{name}: interrupted after it was imported (the write had started); stopping here")
            else:
                err(f"{name}: interrupted; nothing from it was written")
            return EXIT_INTERRUPTED
        totals[0] += report.entries
        totals[1] += len(report.new)
        totals[2] += len(report.present)
        totals[3] += len(report.updated)
        if out is not None:
            _print_report(name, report, result, dry_run, out)
    if out is not None and len(files) > 1:
        print(
            f"total: {totals[0]} entries, {totals[1]} new, {totals[2]} already present, {totals[3]} updated; "
            f"{len(store)} papers in the library" + (f"; {rejected} file(s) rejected" if rejected else ""),
            file=out,
        )
    return EXIT_REJECTED if rejected else EXIT_OK


def _print_report(name: str, report: ImportReport, result: ParseResult, dry_run: bool, out: TextIO) -> None:
    name = one_line(name)  # a file name may hold escapes, or bytes that are not UTF-8
    if report.already is not None:
        print(
            f"{name}: already imported as {one_line(report.already)} "
            f"({plural(report.entries, 'entry', 'entries')}); nothing changed",
            file=out,
        )
        return
    verb = "would import" if dry_run else "imported"
    date = f", dated {report.digest_date}" if report.digest_date else ""
    print(
        f"{name}: {verb} {report.entries} entries ({report.layout}{date}): {len(report.new)} new, "
        f"{len(report.present)} already present, {len(report.updated)} updated"
        + (f", {report.repeated} repeated within the file" if report.repeated else "")
        + f", {len(report.warnings)} warning{'s' if len(report.warnings) != 1 else ''}",
        file=out,
    )
    if result.summary:
        print(f"  {name}: {one_line(result.summary)}", file=out)
    for warning in report.warnings:
        print(f"  warning: {name}: {one_line(str(warning))}", file=out)


def _print_export_report(name: str, report: LibraryImportReport, dry_run: bool, out: TextIO) -> None:
    """A readq JSON export's merge, reported like a digest import."""
    verb = "would import" if dry_run else "imported"
    fields = f" ({report.fields} field{'s' if report.fields != 1 else ''} from the file)"
    print(
        f"{one_line(name)}: {verb} a readq export of {report.papers} papers: {len(report.new)} new, "
        f"{len(report.present)} already present, {len(report.updated)} updated; state merged for "
        f"{len(report.states)} papers" + (fields if report.states else ""),
        file=out,
    )
    if report.notes_replaced:
        print(f"  {report.notes_replaced} note(s) replaced by newer ones from the file", file=out)
    if report.note_conflicts:
        kept = "would keep" if dry_run else "kept"
        print(
            f"  {len(report.note_conflicts)} paper(s) noted differently in both libraries: the newer note "
            f'{kept}, the older one under "Note kept from a merge" in the same note:',
            file=out,
        )
        for pid in report.note_conflicts:
            print(f"    {pid}", file=out)
    for note in report.key_notes:
        print(f"  citation key: {one_line(note)}", file=out)


def cmd_import(store: Store, args: argparse.Namespace, out: TextIO) -> int:
    if args.name is not None and len(args.files) != 1:
        err("--name names one digest: give one file (or '-')")
        return EXIT_REJECTED
    from readq.cli.user_config import cli_config

    limit = cli_config(args).import_limit_mb
    return import_paths(
        store, args.files, layout=args.layout, dry_run=args.dry_run, out=out, limit_mb=limit, name=args.name
    )


def print_list(
    store: Store,
    query_text: str,
    sort: str,
    reverse: bool,
    limit: int | None,
    as_json: bool,
    out: TextIO,
    pdf_dir: Path | None = None,
    view: str | None = None,
) -> int:
    from readq.cli.cmd_discovery import prepare, suggested_scores
    from readq.library.view_names import view_key

    try:
        query = parse_query(query_text)
    except QueryError as error:
        report_query_error(query_text, error)
        return EXIT_REJECTED
    library = Library(store)
    try:
        key = view_key(library, view) if view is not None else None
    except LookupError as error:
        err(str(error))
        return EXIT_REJECTED
    if pdf_dir is not None:
        from readq.library.pdfs import scan_pdfs

        scan_pdfs(library, pdf_dir)  # one listing of the PDF folder, for has:pdf
    if not query.is_empty or (key is not None and key.startswith("search:")):
        library.build_search_index()  # one streamed pass over the abstracts
    if library.watches:
        prepare(library)  # watched flags, for is:watched and the output
    scores = suggested_scores(library) if sort == "suggested" else None
    if key is not None:  # the view's rows in the order the app shows them
        found = library.rows(key, sort, None if query.is_empty else query)
        if reverse:
            found.reverse()
    else:
        found = sort_records(
            filter_records(query, list(library.records.values())),
            sort,
            reverse=(not DEFAULT_REVERSE[sort]) if reverse else None,
            scores=scores,
        )
    if limit is not None:
        found = found[:limit]
    if as_json:
        rows = []
        for r in found:
            row = paper_json(r.paper, r.state)
            row["watched"] = r.watched_by
            if scores is not None:
                row["suggested"] = scores.get(r.pid)
            rows.append(row)
        out.write(orjson.dumps(rows, option=orjson.OPT_INDENT_2).decode() + "\n")
    else:
        whole = not out.isatty()  # piped: every title whole, for grep and friends
        for record in found:
            print(list_line(record, whole=whole), file=out)
    return EXIT_OK


def cmd_list(store: Store, args: argparse.Namespace, out: TextIO) -> int:
    from readq.cli.user_config import cli_config
    from readq.library.pdfs import pdf_folder

    pdfs = pdf_folder(store.data_dir, cli_config(args).pdf_dir)
    query = " ".join(word.strip() for word in args.query)  # see readq.cli.main.query_words_kept
    return print_list(store, query, args.sort, args.reverse, args.limit, args.json, out, pdfs, args.view)


def cmd_show(store: Store, args: argparse.Namespace, out: TextIO) -> int:
    try:
        pid = store.resolve(args.id)
    except LookupError as error:
        err(str(error))
        return EXIT_REJECTED
    record = Record.build(store.papers[pid], store.state(pid))
    paper, state = record.paper, record.state
    if args.json:
        out.write(orjson.dumps(paper_json(paper, state), option=orjson.OPT_INDENT_2).decode() + "\n")
    else:
        print(paper_text(paper, state), file=out)
    return EXIT_OK


def cmd_mark(store: Store, args: argparse.Namespace, out: TextIO) -> int:
    if args.read is None and args.priority is None:
        err("say what to change: --read, --unread and/or --priority N")
        return EXIT_REJECTED
    fields: dict[str, object] = {}
    if args.read is not None:
        fields["read"] = args.read
    if args.priority is not None:
        fields["priority"] = args.priority
    try:
        ids = [store.resolve(i) for i in args.ids]
    except LookupError as error:
        err(str(error))
        return EXIT_REJECTED
    done = store.update_states({pid: dict(fields) for pid in ids})
    for pid in ids:
        state = store.state(pid)
        status = "read" if state.read else "unread"
        change = "changed" if pid in done else "unchanged"
        priority = f"priority {state.priority}" if state.triaged else "no priority"
        print(f"{pid}: {status}, {priority} ({change})", file=out)
    return EXIT_OK


def cmd_restore(data_dir: Path, which: str, empty: bool, out: TextIO, *, lock_timeout: float = 10.0) -> int:
    """Put a data file back from its newest backup, or start it empty; a damaged current file is kept.

    Holds the file's lock; the copy is atomic; a symlinked data file keeps its link (its target is replaced).
    """
    from filelock import FileLock
    from filelock import Timeout as LockTimeout

    from readq.store import LISTS_FILE, PAPERS_FILE, STATE_FILE
    from readq.store.jsonfile import atomic_write, real_target
    from readq.store.safety import set_aside

    path = data_dir / {"papers": PAPERS_FILE, "state": STATE_FILE, "lists": LISTS_FILE}[which]
    target = real_target(path)
    backups = backups_of(data_dir, path.name)
    if not empty and not backups:
        err(f"there is no backup of {path.name} in {data_dir / 'backups'}")
        return EXIT_ERROR
    lock = FileLock(os.path.realpath(path) + ".lock", timeout=lock_timeout)
    try:
        lock.acquire()
    except LockTimeout:
        err(f"{path.name} is locked by another readq process (waited {lock_timeout:g} s); try again later")
        return EXIT_ERROR
    except OSError as error:
        err(f"cannot lock {path.name} in {data_dir}: {error.strerror or error}")
        return EXIT_ERROR
    try:
        if target.exists():
            moved = set_aside(target)
            print(f"kept the current {path.name} as {moved}", file=out)
        if empty:
            for aside in set_aside_copies(target):
                print(f"the damaged copy stays at {aside}", file=out)
            # An absent file with no set-aside copy is created empty on the next start.
            for aside in set_aside_copies(target):
                aside.rename(aside.with_name(aside.name.replace(".corrupt-", ".kept-")))
            print(f"{path.name} will start empty", file=out)
            return EXIT_OK
        atomic_write(path, backups[0].path.read_bytes())
        for aside in set_aside_copies(target):
            aside.rename(aside.with_name(aside.name.replace(".corrupt-", ".kept-")))
    except (OSError, StoreError) as error:
        err(f"could not restore {path.name}: {error}")
        return EXIT_ERROR
    finally:
        lock.release()
    print(f"restored {path.name} from {backups[0].path}", file=out)
    try:
        Store(data_dir, lock_timeout=lock_timeout)
    except StoreError as error:
        err(f"the restored file does not open either: {error}")
        return EXIT_ERROR
    return EXIT_OK
