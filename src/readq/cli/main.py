# PYTHON_ARGCOMPLETE_OK
"""The ``readq`` command. Imports Textual only when the TUI starts."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from readq import __version__
from readq.cli.exits import EXIT_ERROR, EXIT_OK
from readq.cli.numbers import whole_number
from readq.cli.user_config import cli_config
from readq.config import Config, load_config
from readq.store import Store, StoreError, default_data_dir
from readq.text.terminal import visible

ENV_LOCK_TIMEOUT = "READQ_LOCK_TIMEOUT"
DEFAULT_LOCK_TIMEOUT = 10.0  # seconds a command waits for another readq process to finish writing


def lock_timeout() -> float:
    """Seconds to wait for the library's lock: ``$READQ_LOCK_TIMEOUT`` or 10."""
    value = os.environ.get(ENV_LOCK_TIMEOUT, "").strip()
    if not value:
        return DEFAULT_LOCK_TIMEOUT
    try:
        seconds = float(value)
    except ValueError:
        seconds = -1.0
    if not 0 <= seconds < 86400:
        raise StoreError(f"{ENV_LOCK_TIMEOUT}={value!r} is not a number of seconds between 0 and 86400")
    return seconds


def build_parser() -> argparse.ArgumentParser:
    from readq.query.matching import SORT_KEYS

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
    parser.add_argument(
        "--config",
        type=Path,
        default=None,
        metavar="FILE",
        help="the settings file (default: $READQ_CONFIG or config.toml in the platform's user config dir)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", help="what to do (none: open the app)")

    p = sub.add_parser("import", help="import digest files ('-' reads standard input)")
    p.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help="digests, feeds, BibTeX, CSL-JSON, RIS, readq exports; '-': stdin; 'zotero:': Zotero's library",
    )
    p.add_argument("--format", dest="layout", default=None, help="force a layout instead of detecting it")
    p.add_argument("--dry-run", action="store_true", help="report what would change, write nothing")
    p.add_argument(
        "--name",
        default=None,
        metavar="NAME",
        help="the digest's name (default: the file's; standard input: stdin-DATE-TIME)",
    )

    p = sub.add_parser("list", help="list papers matching a query")
    p.add_argument("query", nargs="*", help="search query (see README: author:, is:unread, p:>=2, …)")
    p.add_argument("--json", action="store_true", help="print a JSON array")
    p.add_argument("--sort", choices=SORT_KEYS, default="added", help="order (default: added)")
    p.add_argument("--reverse", action="store_true", help="reverse the sort order")
    p.add_argument(
        "--limit", type=whole_number("--limit", 1), default=None, metavar="N", help="at most N papers"
    )
    p.add_argument(
        "--view",
        default=None,
        metavar="NAME",
        help="only this view, in its order: inbox, queue, read, all, snoozed, watched, a saved search or "
        "a digest",
    )

    p = sub.add_parser("show", help="show one paper")
    p.add_argument("id", help="a paper id (a unique prefix is enough)")
    p.add_argument("--json", action="store_true", help="print JSON")

    p = sub.add_parser("mark", help="mark papers read/unread or set their priority")
    p.add_argument("ids", nargs="+", metavar="ID", help="paper ids (unique prefixes are enough)")
    group = p.add_mutually_exclusive_group()
    group.add_argument("--read", dest="read", action="store_true", default=None, help="mark read")
    group.add_argument("--unread", dest="read", action="store_false", help="mark unread")
    p.add_argument("--priority", "-p", type=int, choices=(0, 1, 2, 3), default=None, help="set the priority")

    from readq.cli.cmd_cite import add_parsers as add_cite_parsers
    from readq.cli.cmd_config import add_parsers as add_config_parsers
    from readq.cli.cmd_digest import add_parsers as add_digest_parsers
    from readq.cli.cmd_discovery import add_parsers as add_discovery_parsers
    from readq.cli.cmd_notes import add_parsers as add_note_parsers
    from readq.cli.cmd_online import add_parsers as add_online_parsers
    from readq.cli.cmd_snooze import add_parsers as add_snooze_parsers

    add_cite_parsers(sub, tuple(key for key in SORT_KEYS if key != "suggested"))
    add_note_parsers(sub)
    add_config_parsers(sub)
    add_discovery_parsers(sub)
    add_online_parsers(sub)
    add_snooze_parsers(sub)
    add_digest_parsers(sub)

    p = sub.add_parser("demo", help="open the app on bundled sample digests (a throwaway library)")
    p.add_argument(
        "--print",
        dest="print_only",
        action="store_true",
        help="print the imported sample instead of opening the app",
    )

    p = sub.add_parser("serve", help="serve the app to a web browser (this machine only, behind a token)")
    p.add_argument("--host", default=None, metavar="HOST", help="address to listen on (default: 127.0.0.1)")
    p.add_argument(
        "--port",
        type=port_number,
        default=None,
        metavar="PORT",
        help="port (default: 8000; 0 picks a free one)",
    )
    p.add_argument(
        "--public",
        action="store_true",
        help="allow a HOST that other machines can reach (anyone with the printed link gets in)",
    )
    p.add_argument(
        "--max-tabs",
        type=tab_count,
        default=8,
        metavar="N",
        help="browser tabs served at once, each its own readq process (default: 8; 1 to 64)",
    )

    p = sub.add_parser("restore", help="restore a data file from its newest backup")
    p.add_argument("which", choices=("papers", "state", "lists"), help="which data file")
    p.add_argument(
        "--empty", action="store_true", help="start that file empty instead (keeps the damaged copy)"
    )
    from readq.cli.examples import add_examples
    from readq.cli.examples import add_parser as add_completion_parser

    add_completion_parser(sub)
    add_examples(sub)
    return parser


def tab_count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of tabs: {text!r}") from None
    if not 1 <= value <= 64:
        raise argparse.ArgumentTypeError(f"--max-tabs is between 1 and 64, not {value}")
    return value


def port_number(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {text!r}") from None
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"a port is between 0 and 65535, not {value}")
    return value


LIST_OPTIONS = ("--json", "--sort", "--reverse", "--limit", "--view", "-h", "--help")
GLOBAL_VALUES = ("--data-dir", "--config")


def query_words_kept(argv: Sequence[str]) -> list[str]:
    """``readq list -is:read``: the query words after ``list`` that start with ``-`` (excluded terms, not
    options) get a leading space, so argparse takes them as words; the query strips it again."""
    words = list(argv)
    i = 0
    while i < len(words) and words[i].startswith("-"):  # global options before the command
        i += 2 if words[i] in GLOBAL_VALUES else 1
    if i >= len(words) or words[i] != "list":
        return words
    for j in range(i + 1, len(words)):
        word = words[j]
        if word == "--":
            break
        if len(word) > 1 and word.startswith("-") and word.split("=", 1)[0] not in LIST_OPTIONS:
            words[j] = " " + word
    return words


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    if argv is None and "_ARGCOMPLETE" in os.environ:  # the shell asks for completions (readq completion)
        import argcomplete

        argcomplete.autocomplete(parser)
    args = parser.parse_args(query_words_kept(sys.argv[1:] if argv is None else argv))
    out = sys.stdout
    try:
        if args.command == "config":
            from readq.cli.cmd_config import cmd_config

            return cmd_config(load_config(args.config), args, out)
        if args.command == "demo":
            return cmd_demo(args, out)
        if args.command == "completion":
            from readq.cli.examples import cmd_completion

            return cmd_completion(args.shell, out)
        if args.command is not None:  # the app shows them itself
            cli_config(args)  # a bad settings file is reported by every command, once
        data_dir = args.data_dir or default_data_dir()
        timeout = lock_timeout()
        if args.command == "serve":
            from readq.serve.server import DEFAULT_HOST, DEFAULT_PORT, serve

            host = DEFAULT_HOST if args.host is None else args.host
            port = DEFAULT_PORT if args.port is None else args.port
            return serve(data_dir, host=host, port=port, public=args.public, max_tabs=args.max_tabs, out=out)
        if args.command == "restore":
            from readq.cli.cmd_library import cmd_restore

            return cmd_restore(data_dir, args.which, args.empty, out, lock_timeout=timeout)
        store = Store(data_dir, lock_timeout=timeout)
        if store.read_only:  # a read-only mount, a snapshot, a backup: readable, nothing can be saved
            print(
                f"readq: the library in {visible(str(data_dir))} is read-only ({store.read_only}): "
                "it is shown as it is and nothing can be saved",
                file=sys.stderr,
            )
        if args.command is None:
            return run_tui(store, config=load_config(args.config))
        if args.command in ("cite", "export"):
            config = cli_config(args)
            args.key_format = config.key_function()
            if args.command == "cite" and args.fmt is None:
                args.fmt = config.citation_format
        if args.command == "note":
            args.editor = cli_config(args).editor
        from readq.cli import cmd_cite as commands_cite
        from readq.cli import cmd_config as commands_config
        from readq.cli import cmd_digest as commands_digest
        from readq.cli import cmd_discovery as commands_discovery
        from readq.cli import cmd_library as commands
        from readq.cli import cmd_notes as commands_notes
        from readq.cli import cmd_online as commands_online
        from readq.cli import cmd_snooze as commands_snooze

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
            "stats": commands_config.cmd_stats,
            "watch": commands_discovery.cmd_watch,
            "view": commands_discovery.cmd_view,
            "similar": commands_discovery.cmd_similar,
            "open": commands_online.cmd_open,
            "pdf": commands_online.cmd_pdf,
            "complete": commands_online.cmd_complete,
            "fetch": commands_online.cmd_fetch,
            "snooze": commands_snooze.cmd_snooze,
            "digest": commands_digest.cmd_digest,
        }[args.command]
        if args.command == "import" and cli_config(args).complete_after_import:
            handler = commands_online.complete_new_after_import
        return handler(store, args, out)
    except StoreError as error:
        print(f"readq: {visible(str(error))}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("readq: interrupted; nothing partial was written", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK


def run_tui(store: Store, *, title: str | None = None, config: Config | None = None) -> int:
    """The app (its settings problems are shown in the app, where they can be read). A key in the app waits
    at most TUI_LOCK_TIMEOUT for another process's lock (the CLI's commands wait longer)."""
    from readq.tui.app import TUI_LOCK_TIMEOUT, run_app

    store.lock_timeout = TUI_LOCK_TIMEOUT
    return run_app(store, title=title, config=config)


def cmd_demo(args: argparse.Namespace, out: TextIO) -> int:
    from readq.cli.cmd_library import import_paths
    from readq.samples import sample_paths
    from readq.system.scratch import scratch_dir

    with scratch_dir("readq-demo-") as tmp:  # gone on every exit, a closed terminal (SIGHUP) too
        store = Store(tmp)
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
            from readq.cli.cmd_library import print_list

            print_list(store, "", "added", False, None, False, out)
            return EXIT_OK
        return run_tui(
            store,
            title="readq demo — sample digests, a throwaway library",
            config=load_config(args.config),
        )


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
