"""``readq digest list [--json]`` and ``readq digest rename OLD NEW``."""

from __future__ import annotations

import argparse
from typing import TextIO

import orjson

from readq.cli.exits import EXIT_OK, EXIT_REJECTED, err
from readq.library.service import Library
from readq.store import Store
from readq.store.digests import digests
from readq.text.terminal import one_line


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("digest", help="the imported digests: list them, rename one")
    actions = p.add_subparsers(dest="digest_command", metavar="ACTION", required=True, help="list or rename")
    q = actions.add_parser("list", help="every digest: name, date, papers, left to triage")
    q.add_argument("--json", action="store_true", help="print a JSON array")
    q = actions.add_parser("rename", help="give a digest another name (the app shows it)")
    q.add_argument("old", metavar="OLD", help="the digest's name now (readq digest list shows them)")
    q.add_argument("new", metavar="NEW", help="its new name")


def cmd_digest(store: Store, args: argparse.Namespace, out: TextIO) -> int:
    if args.digest_command == "rename":
        try:
            count = store.rename_digest(args.old, args.new)
        except (LookupError, ValueError) as error:
            err(str(error.args[0]) if error.args else str(error))
            return EXIT_REJECTED
        print(f"{one_line(args.old)} is now {one_line(args.new.strip())} ({count} papers)", file=out)
        return EXIT_OK
    library = Library(store)
    rows = []
    for info in digests(store.catalog):
        left, total = library.progress(library.view("digest:" + info.name))
        rows.append(
            {
                "name": info.name,
                "date": info.date,
                "imported": info.imported,
                "layout": info.layout,
                "papers": total,
                "left": left,
            }
        )
    if args.json:
        out.write(orjson.dumps(rows, option=orjson.OPT_INDENT_2).decode() + "\n")
        return EXIT_OK
    if not rows:
        print("no digests imported yet", file=out)
    width = max((len(one_line(str(r["name"]))) for r in rows), default=0)
    for r in rows:
        date = f"{r['date'] or '':<8}"
        progress = "done" if r["left"] == 0 else f"{r['left']} left of {r['papers']}"
        imported = str(r["imported"])[:16].replace("T", " ")
        print(f"{one_line(str(r['name'])):<{width}}  {date}  imported {imported}  {progress}", file=out)
    return EXIT_OK
