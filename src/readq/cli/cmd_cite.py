"""The CLI's citing commands: ``cite``, ``export``, ``edit``, and importing readq's own JSON export."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TextIO

from readq import clock
from readq.citations.export import EXPORT_FORMATS, export_text
from readq.citations.pinned import describe, missing_hint, needs_pins
from readq.citations.styles import FORMATS
from readq.cli.exits import EXIT_ERROR, EXIT_OK, EXIT_REJECTED, err
from readq.cli.output import write_output
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
from readq.query.matching import QueryError, filter_records, parse_query, sort_records
from readq.store import STATE_FILE, Store, StoreError
from readq.store.jsonfile import data_file_mode
from readq.system.clipboard import copy_text
from readq.text.terminal import one_line, visible


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser], sort_keys: tuple[str, ...]) -> None:
    p = sub.add_parser(
        "cite",
        help="print citations of papers (and copy them with --copy)",
        description="Cite papers by id (a unique prefix is enough). Keyed formats pin each paper's key the "
        "first time; --rekey QUERY gives the matching papers fresh keys from citekey_format instead.",
    )
    p.add_argument("ids", nargs="+", metavar="ID", help="paper ids (with --rekey: a query)")
    p.add_argument(
        "--rekey",
        action="store_true",
        help="re-key the papers the query matches from citekey_format (pinned keys change: old -> new)",
    )
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
    p.add_argument(
        "--style",
        metavar="NAME",
        default=None,
        help="a CSL style: ieee, chicago-author-date, nature, acl or a .csl file (needs readq[csl])",
    )

    p = sub.add_parser("export", help="export papers matching a query (all without one)")
    p.add_argument("query", nargs="*", help="search query, as for list")
    p.add_argument(
        "--format",
        "-f",
        dest="fmt",
        choices=(*EXPORT_FORMATS, "notes"),
        default=None,
        help="what to write (notes: one Markdown file per paper into --dir)",
    )
    p.add_argument(
        "--to",
        choices=("zotero",),
        default=None,
        help="send the papers to the running Zotero instead ($READQ_ZOTERO_URL, default localhost:23119)",
    )
    p.add_argument(
        "--dir",
        type=Path,
        default=None,
        metavar="DIR",
        help="with --format notes: the folder (files you edited since readq wrote them are kept)",
    )
    p.add_argument("--output", "-o", type=Path, default=None, metavar="FILE", help="write FILE (atomically)")
    p.add_argument("--force", action="store_true", help="replace FILE when it exists (else it is refused)")
    p.add_argument("--sort", choices=sort_keys, default="added", help="order of the papers (default: added)")

    p = sub.add_parser(
        "edit",
        help="correct a paper's authors, year, arXiv id, URL or venue",
        description="Corrections are kept with your state, never overwritten by imports, and undoable in "
        "the app. Authors are separated by semicolons; end with 'et al.' if the list is incomplete. An "
        "empty value means unknown; --reset goes back to the digest's value.",
    )
    p.add_argument("id", help="a paper id (a unique prefix is enough)")
    p.add_argument("--authors", metavar='"A; B"', help="authors separated by semicolons (end: et al.)")
    p.add_argument("--year", help='the year ("" = unknown)')
    p.add_argument("--arxiv", dest="arxiv_id", metavar="ID", help="an arXiv id, arXiv:… or an arxiv.org link")
    p.add_argument("--url", help="an http(s) link")
    p.add_argument("--venue", help="journal or conference")
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


def _library(store: Store, args: argparse.Namespace) -> Library:
    library = Library(store)
    library.key_format = getattr(args, "key_format", None)
    return library


def _rekey(store: Store, args: argparse.Namespace, out: TextIO) -> int:
    try:
        query = parse_query(" ".join(args.ids))
    except QueryError as error:
        err(f"bad query: {error}")
        return EXIT_REJECTED
    library = _library(store, args)
    records = sort_records(filter_records(query, list(library.records.values())), "added")
    from readq.citations.pinned import rekey_plan

    papers = [r.paper for r in records]
    changed = store.update_states_with(lambda states: rekey_plan(papers, states, library.key_format))
    library.apply_states(changed)  # not undoable: a key given out is the user's to change, on request
    for pid, (old, new) in changed.items():
        print(f"{pid}: {visible(old.citekey or '(none)')} -> {visible(str(new.citekey))}", file=out)
    print(f"readq: {len(changed)} of {len(records)} papers re-keyed", file=sys.stderr)
    return EXIT_OK


def _cite_in_style(library: Library, pids: list[str], style: str, out: TextIO) -> int:
    import json

    from readq.citations.cslstyle import StyleUnavailable, render

    items = json.loads(library.cite(pids, "csl-json").text)  # pins the keys, as the keyed formats do
    try:
        text = render(items, style)
    except StyleUnavailable as error:
        err(str(error))
        return EXIT_REJECTED
    print(visible(text), file=out)
    return EXIT_OK


def cmd_cite(store: Store, args: argparse.Namespace, out: TextIO) -> int:
    if args.rekey:
        return _rekey(store, args, out)
    pids = _resolve_all(store, args.ids)
    if pids is None:
        return EXIT_REJECTED
    library = _library(store, args)
    if args.style is not None:
        return _cite_in_style(library, pids, args.style, out)
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
        if not result.ok:
            if not tty:
                print("readq: (OSC 52 needs standard output to be the terminal)", file=sys.stderr)
            return EXIT_ERROR  # printed, but not copied: a script must not take it for done
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
    if (args.fmt is None) == (args.to is None):
        err("say what to export: --format FORMAT, or --to zotero")
        return EXIT_REJECTED
    if args.output is not None and args.output.is_file() and not args.force:
        err(f"{args.output} exists; add --force to replace it (nothing was written)")
        return EXIT_REJECTED
    library = _library(store, args)
    records = sort_records(filter_records(query, list(library.records.values())), args.sort)
    if args.to == "zotero":
        return _send_to_zotero(library, records)
    if args.fmt == "notes":
        return _export_notes(library, records, args.dir)
    if args.dir is not None:
        err("--dir is for --format notes; use --output FILE for the other formats")
        return EXIT_REJECTED
    if needs_pins(args.fmt) and records:
        library.pin_keys([r.paper for r in records])
    text, citation = export_text(records, args.fmt, store.states, exported=clock.now_iso())
    if args.output is None:  # a terminal gets it without controls; a pipe or a file gets the data as it is
        out.write(visible(text) if _is_terminal(out) else text)
    else:
        try:
            cap = data_file_mode(store.data_dir / STATE_FILE)  # it may hold notes: no wider than they are
            write_output(args.output, text.encode("utf-8"), cap=cap)
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


def _send_to_zotero(library: Library, records: list[Record]) -> int:
    import json

    from readq.online.http import Http, OnlineError
    from readq.online.zotero import send_items, zotero_url

    if not records:
        err("no papers matched; nothing sent to Zotero")
        return EXIT_REJECTED
    library.pin_keys([r.paper for r in records])
    text, _ = export_text(records, "csl-json", library.store.states, exported=clock.now_iso())
    items = json.loads(text)
    base = zotero_url()
    try:
        with Http(timeout=60.0, retries=0) as http:
            sent = send_items(http, base, items)
    except OnlineError as error:
        err(str(error))
        return EXIT_ERROR
    print(f"sent {sent} papers to Zotero at {base}", file=sys.stderr)
    return EXIT_OK


def _export_notes(library: Library, records: list[Record], folder: Path | None) -> int:
    from readq.library.note_files import write_notes

    if folder is None:
        err("--format notes writes one file per paper: give the folder with --dir DIR")
        return EXIT_REJECTED
    library.pin_keys([r.paper for r in records])
    states = library.store.states
    items = [(r.paper, r.state, str(states[r.paper.id].citekey)) for r in records]
    try:
        plan = write_notes(folder, items)
    except (OSError, StoreError) as error:
        err(f"cannot write the notes into {folder}: {error}")
        return EXIT_ERROR
    print(
        f"notes of {len(records)} papers in {folder}: {len(plan.write)} written, "
        f"{len(plan.unchanged)} unchanged, {len(plan.skipped)} skipped",
        file=sys.stderr,
    )
    for name in plan.skipped:
        print(f"readq: kept {visible(name)}: edited since readq wrote it (or not readq's)", file=sys.stderr)
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
