"""The ``readq`` command. Imports Textual only when the TUI starts."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from readq import __version__
from readq.store import Store, StoreError, default_data_dir

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_REJECTED = 2


def build_parser() -> argparse.ArgumentParser:
    from readq.query import SORT_KEYS

    parser = argparse.ArgumentParser(
        prog="readq",
        description="A terminal reading queue for research papers. Without a command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"readq {__version__}")
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        metavar="DIR",
        help="where the library lives (default: $READQ_DATA_DIR or the platform's user data dir)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("import", help="import digest files ('-' reads standard input)")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--format", dest="layout", default=None, help="force a layout instead of detecting it")
    p.add_argument("--dry-run", action="store_true", help="report what would change, write nothing")

    p = sub.add_parser("list", help="list papers matching a query")
    p.add_argument("query", nargs="*", help="search query (see README: author:, is:unread, p:>=2, …)")
    p.add_argument("--json", action="store_true", help="print a JSON array")
    p.add_argument("--sort", choices=SORT_KEYS, default="added")
    p.add_argument("--reverse", action="store_true", help="reverse the sort order")
    p.add_argument("--limit", type=int, default=None, metavar="N")

    p = sub.add_parser("show", help="show one paper")
    p.add_argument("id")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("mark", help="mark papers read/unread or set their priority")
    p.add_argument("ids", nargs="+", metavar="ID")
    group = p.add_mutually_exclusive_group()
    group.add_argument("--read", dest="read", action="store_true", default=None)
    group.add_argument("--unread", dest="read", action="store_false")
    p.add_argument("--priority", "-p", type=int, choices=(0, 1, 2, 3), default=None)

    from readq.commands_cite import add_parsers as add_cite_parsers
    from readq.commands_discovery import add_parsers as add_discovery_parsers
    from readq.commands_notes import add_parsers as add_note_parsers

    add_cite_parsers(sub, tuple(key for key in SORT_KEYS if key != "suggested"))
    add_note_parsers(sub)
    add_discovery_parsers(sub)

    p = sub.add_parser("demo", help="open the app on bundled sample digests (a throwaway library)")
    p.add_argument(
        "--print",
        dest="print_only",
        action="store_true",
        help="print the imported sample instead of opening the app",
    )

    p = sub.add_parser("restore", help="restore a data file from its newest backup")
    p.add_argument("which", choices=("papers", "state", "lists"))
    p.add_argument(
        "--empty", action="store_true", help="start that file empty instead (keeps the damaged copy)"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    out = sys.stdout
    try:
        if args.command == "demo":
            return cmd_demo(args, out)
        data_dir = args.data_dir or default_data_dir()
        if args.command == "restore":
            from readq.commands import cmd_restore

            return cmd_restore(data_dir, args.which, args.empty, out)
        store = Store(data_dir)
        if args.command is None:
            return run_tui(store)
        from readq import commands, commands_cite, commands_discovery, commands_notes

        handler = {
            "import": commands.cmd_import,
            "list": commands.cmd_list,
            "show": commands.cmd_show,
            "mark": commands.cmd_mark,
            "cite": commands_cite.cmd_cite,
            "export": commands_cite.cmd_export,
            "edit": commands_cite.cmd_edit,
            "note": commands_notes.cmd_note,
            "tag": commands_notes.cmd_tag,
            "watch": commands_discovery.cmd_watch,
            "view": commands_discovery.cmd_view,
            "similar": commands_discovery.cmd_similar,
        }[args.command]
        return handler(store, args, out)
    except StoreError as error:
        print(f"readq: {error}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("readq: interrupted; nothing partial was written", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK


def run_tui(store: Store, *, title: str | None = None) -> int:
    from readq.tui.app import run_app

    return run_app(store, title=title)


def cmd_demo(args: argparse.Namespace, out: TextIO) -> int:
    import tempfile

    from readq.commands import import_paths
    from readq.samples import sample_paths

    with tempfile.TemporaryDirectory(prefix="readq-demo-") as tmp:
        store = Store(Path(tmp))
        code = import_paths(
            store,
            [str(p) for p in sample_paths()],
            layout=None,
            dry_run=False,
            out=out if args.print_only else None,
        )
        if code != EXIT_OK:
            return code
        if args.print_only:
            from readq.commands import print_list

            print_list(store, "", "added", False, None, False, out)
            return EXIT_OK
        return run_tui(store, title="readq demo — sample digests, a throwaway library")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
