"""The CLI's citing commands: ``cite``, ``export``, ``edit``, and importing readq's own JSON export."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TextIO

from readq.citations.export import EXPORT_FORMATS, export_text
from readq.citations.pinned import describe, missing_hint, needs_pins, pin_plan
from readq.citations.styles import FORMATS
from readq.cli.exits import EXIT_ERROR, EXIT_OK, EXIT_REJECTED, err
from readq.library.edits import (
    FORM_FIELDS,
    LABELS,
    EditError,
    form_values,
    new_edits,
    parse_values,
    reset_edits,
)
from readq.library.records import Record
from readq.library.service import Library
from readq.models import now_iso
from readq.query.matching import QueryError, filter_records, parse_query, sort_records
from readq.store import Store, StoreError
from readq.store.jsonfile import atomic_write
from readq.system.clipboard import copy_text
from readq.text.terminal import one_line, visible


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser], sort_keys: tuple[str, ...]) -> None:
    p = sub.add_parser("cite", help="print citations of papers (and copy them with --copy)")
    p.add_argument("ids", nargs="+", metavar="ID")
    p.add_argument(
        "--format",
        "-f",
        dest="fmt",
        choices=FORMATS,
        default=None,
        help="default: citation_format in the config file, else bibtex",
    )
    p.add_argument(
        "--copy", action="store_true", help="also copy: system clipboard, else OSC 52 to this terminal"
    )

    p = sub.add_parser("export", help="export papers matching a query (all without one)")
    p.add_argument("query", nargs="*", help="search query, as for list")
    p.add_argument("--format", "-f", dest="fmt", choices=EXPORT_FORMATS, required=True)
    p.add_argument("--output", "-o", type=Path, default=None, metavar="FILE", help="write FILE (atomically)")
    p.add_argument("--force", action="store_true", help="replace FILE when it exists (else it is refused)")
    p.add_argument("--sort", choices=sort_keys, default="added")

    p = sub.add_parser(
        "edit",
        help="correct a paper's authors, year, arXiv id, URL or venue",
        description="Corrections are kept with your state, never overwritten by imports, and undoable in "
        "the app. Authors are separated by semicolons; end with 'et al.' if the list is incomplete. An "
        "empty value means unknown; --reset goes back to the digest's value.",
    )
    p.add_argument("id")
    p.add_argument("--authors", metavar='"A; B"')
    p.add_argument("--year")
    p.add_argument("--arxiv", dest="arxiv_id", metavar="ID")
    p.add_argument("--url")
    p.add_argument("--venue")
    p.add_argument(
        "--reset",
        action="append",
        default=[],
        choices=(*FORM_FIELDS, "arxiv", "all"),
        metavar="FIELD",
        help="drop the edit of FIELD (authors, year, arxiv, url, venue, all)",
    )


# -- cite ---------------------------------------------------------------------------------------------------


def _resolve_all(store: Store, ids: list[str]) -> list[str] | None:
    try:
        return list(dict.fromkeys(store.resolve(i) for i in ids))
    except LookupError as error:
        err(str(error))
        return None


def cmd_cite(store: Store, args: argparse.Namespace, out: TextIO) -> int:
    pids = _resolve_all(store, args.ids)
    if pids is None:
        return EXIT_REJECTED
    library = Library(store)
    citation = library.cite(pids, args.fmt)
    print(visible(citation.text), file=out)  # the copy below gets the text itself
    many = len(pids) > 1
    hint = missing_hint(citation, many=many, how="run readq edit ID" if many else f"run readq edit {pids[0]}")
    if hint:
        print(f"readq: note: {hint}", file=sys.stderr)
    if args.copy:
        out.flush()

        def write(sequence: str) -> None:  # invisible: the terminal takes it as a request
            sys.stdout.write(sequence)
            sys.stdout.flush()

        try:
            tty = sys.stdout.isatty()
        except (AttributeError, ValueError):  # a replaced or closed stdout
            tty = False
        result = copy_text(citation.text, os.environ, write=write if tty else None)
        what = describe(library.papers_of(pids), args.fmt)
        print(f"readq: {visible(what)}: {result.message}", file=sys.stderr)
        if not result.ok and not tty:
            print("readq: (OSC 52 needs standard output to be the terminal)", file=sys.stderr)
    return EXIT_OK


# -- export -------------------------------------------------------------------------------------------------


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def cmd_export(store: Store, args: argparse.Namespace, out: TextIO) -> int:
    try:
        query = parse_query(" ".join(args.query))
    except QueryError as error:
        err(f"bad query: {error}")
        return EXIT_REJECTED
    if args.output is not None and args.output.is_file() and not args.force:
        err(f"{args.output} exists; add --force to replace it (nothing was written)")
        return EXIT_REJECTED
    library = Library(store)
    records = sort_records(filter_records(query, list(library.records.values())), args.sort)
    if needs_pins(args.fmt) and records:
        papers = [r.paper for r in records]
        library.apply_states(store.update_states_with(lambda states: pin_plan(papers, states)))
    text, citation = export_text(records, args.fmt, store.states, exported=now_iso())
    if args.output is None:  # a terminal gets it without controls; a pipe or a file gets the data as it is
        out.write(visible(text) if _is_terminal(out) else text)
    else:
        try:
            atomic_write(args.output, text.encode("utf-8"), mode=0o666)  # a file to share: umask decides
        except StoreError as error:
            err(str(error))
            return EXIT_ERROR
        print(f"exported {len(records)} papers as {args.fmt} to {args.output}", file=sys.stderr)
    if citation is not None and citation.missing and records:
        if len(records) == 1:
            hint = missing_hint(citation, many=False, how=f"run readq edit {records[0].paper.id}")
        else:
            hint = missing_hint(citation, many=True, how="run readq edit ID")
        print(f"readq: note: {hint}", file=sys.stderr)
    if not records:
        print("readq: no papers matched; the export is empty", file=sys.stderr)
    return EXIT_OK


# -- edit ---------------------------------------------------------------------------------------------------


def cmd_edit(store: Store, args: argparse.Namespace, out: TextIO) -> int:
    try:
        pid = store.resolve(args.id)
    except LookupError as error:
        err(str(error))
        return EXIT_REJECTED
    given = {name: getattr(args, name) for name in FORM_FIELDS if getattr(args, name) is not None}
    resets = ["arxiv_id" if name == "arxiv" else name for name in args.reset]
    if not given and not resets:
        err("say what to change: --authors, --year, --arxiv, --url, --venue, or --reset FIELD")
        return EXIT_REJECTED
    try:
        values = parse_values(given)
    except EditError as error:
        err(str(error))
        return EXIT_REJECTED
    state = store.state(pid)
    edits = new_edits(store.papers[pid], reset_edits(state.edits, resets), values)
    done = store.update_states({pid: {"edits": edits}})
    record = Record.build(store.papers[pid], store.state(pid))
    print(f"{pid}: {one_line(record.paper.title)}", file=out)
    shown = form_values(record.paper)
    edited = {"authors" if name == "et_al" else name for name in record.state.edits}
    for name in FORM_FIELDS:
        mark = "  (edited)" if name in edited else ""
        print(f"  {LABELS[name] + ':':<10}{one_line(shown[name]) or '—'}{mark}", file=out)
    print("changed" if pid in done else "unchanged", file=out)
    return EXIT_OK
